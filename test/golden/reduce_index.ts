// The engine side of test/golden/gen_reduce_index.py's op table: the same keys, each calling the
// engine the way the Python calls torch. Subscripts arrive as JSON and become engine IndexItems.
import { torch, index, index_put_, Ellipsis, pySlice, type Tensor, type IndexItem, type DType } from '../../src/engine';
import type { Args, OpFn } from './core_ops';

/** A JSON subscript item (see the generator) as the IndexItem the interpreter would pass. */
function item(it: any, xs: Tensor[]): IndexItem {
  if (it === null || typeof it === 'number' || typeof it === 'boolean') return it;
  if (it === '...') return Ellipsis;
  if ('slice' in it) return pySlice(...(it.slice as [number | null, number | null, number | null]));
  if ('t' in it) return xs[it.t];
  if ('list' in it) return it.list;
  throw new Error(`bad subscript item ${JSON.stringify(it)}`);
}
const sub = (a: Args, xs: Tensor[]): IndexItem[] => (a.idx as unknown[]).map((it) => item(it, xs));
const value = (x: Tensor[], a: Args): Tensor | number => ('v' in a ? x[a.v] : a.value);
const kd = (a: Args): boolean => a.keepdim ?? false;
const ord = (p: number | string): number | 'fro' => (p === 'inf' ? Infinity : p === '-inf' ? -Infinity : (p as number | 'fro'));

/** The first-order gradient of f at x[0] under the upstream x[1], kept in the graph (create_graph). */
const dbl = (f: (x: Tensor, a: Args) => Tensor): OpFn => ([x, w], a) => torch.autograd.grad([f(x, a)], [x], [w], undefined, true)[0]!;
const sq = (x: Tensor) => x.mul(x);

export const REDUCE_INDEX_OPS: Record<string, OpFn> = {
  // second derivatives
  dbl_softmax: dbl((x, a) => x.softmax(a.dim)),
  dbl_log_softmax: dbl((x, a) => x.log_softmax(a.dim)),
  dbl_logsumexp: dbl((x, a) => x.logsumexp(a.dim)),
  dbl_var: dbl((x, a) => x.var(a.dim)),
  dbl_std: dbl((x, a) => x.std(a.dim)),
  dbl_norm: dbl((x, a) => x.norm(a.p, a.dim)),
  dbl_prod: dbl((x, a) => x.prod(a.dim)),
  dbl_cumsum: dbl((x, a) => x.cumsum(a.dim)),
  dbl_cumprod: dbl((x, a) => x.cumprod(a.dim)),
  dbl_amax: dbl((x, a) => x.amax(a.dim)),
  dbl_max_dim: dbl((x, a) => x.max(a.dim).values),
  dbl_gather_sq: dbl((x, a) => sq(x).gather(1, torch.tensor(a.index))),
  dbl_index_sq: dbl((x, a) => index(sq(x), [torch.tensor(a.index)])),
  dbl_masked_select_sq: dbl((x) => sq(x).masked_select(x.gt(0))),
  // reductions
  prod: ([x]) => x.prod(),
  prod_dim: ([x], a) => x.prod(a.dim, kd(a)),
  max: ([x]) => x.max(),
  min: ([x]) => x.min(),
  max_dim: ([x], a) => x.max(a.dim, kd(a)).values,
  max_dim_indices: ([x], a) => x.max(a.dim, kd(a)).indices,
  min_dim: ([x], a) => torch.min(x, a.dim, kd(a))[0],
  min_dim_indices: ([x], a) => torch.min(x, a.dim, kd(a))[1],
  max_other: ([x, y]) => torch.max(x, y),
  amax: ([x], a) => x.amax(a.dim ?? [], kd(a)),
  amin: ([x], a) => x.amin(a.dim ?? [], kd(a)),
  argmax: ([x], a) => x.argmax(a.dim ?? null, kd(a)),
  argmin: ([x], a) => x.argmin(a.dim ?? null, kd(a)),
  var: ([x]) => x.var(),
  var_dim: ([x], a) => x.var(a.dim, { correction: a.correction ?? 1, keepdim: kd(a) }),
  var_unbiased: ([x], a) => x.var(a.dim, a.unbiased, kd(a)),
  std: ([x]) => x.std(),
  std_dim: ([x], a) => x.std(a.dim, { correction: a.correction ?? 1, keepdim: kd(a) }),
  var_mean_var: ([x], a) => torch.var_mean(x, a.dim, { correction: a.correction ?? 1 })[0],
  var_mean_mean: ([x], a) => torch.var_mean(x, a.dim, { correction: a.correction ?? 1 })[1],
  std_mean_std: ([x], a) => torch.std_mean(x, a.dim)[0],
  norm: ([x]) => x.norm(),
  norm_p: ([x], a) => x.norm(ord(a.p), a.dim ?? null, kd(a)),
  vector_norm: ([x], a) => torch.linalg_vector_norm(x, a.ord ?? 2, a.dim ?? null, kd(a)),
  logsumexp: ([x], a) => x.logsumexp(a.dim, kd(a)),
  cumsum: ([x], a) => x.cumsum(a.dim),
  cumprod: ([x], a) => x.cumprod(a.dim),
  all: ([x], a) => x.all(a.dim ?? null, kd(a)),
  any: ([x], a) => x.any(a.dim ?? null, kd(a)),
  count_nonzero: ([x], a) => x.count_nonzero(a.dim ?? null),
  softmax: ([x], a) => x.softmax(a.dim),
  log_softmax: ([x], a) => x.log_softmax(a.dim),
  softmin: ([x], a) => torch.softmin(x, a.dim),
  softmax_dtype: ([x], a) => x.softmax(a.dim, a.dtype as DType),
  // order statistics
  sort: ([x], a) => x.sort(a.dim ?? -1, a.descending ?? false).values,
  sort_indices: ([x], a) => x.sort(a.dim ?? -1, a.descending ?? false, { stable: true }).indices,
  argsort: ([x], a) => x.argsort(a.dim ?? -1, a.descending ?? false, { stable: true }),
  topk: ([x], a) => x.topk(a.k, a.dim ?? -1, a.largest ?? true).values,
  topk_indices: ([x], a) => x.topk(a.k, a.dim ?? -1, a.largest ?? true).indices,
  median: ([x]) => x.median(),
  median_dim: ([x], a) => x.median(a.dim, kd(a)).values,
  median_dim_indices: ([x], a) => x.median(a.dim, kd(a)).indices,
  kthvalue: ([x], a) => x.kthvalue(a.k, a.dim ?? -1, kd(a)).values,
  // indexing
  getitem: (x, a) => index(x[0], sub(a, x)),
  getitem_gt0: ([x]) => index(x, [x.gt(0)]),
  setitem: (x, a) => index_put_(x[0].clone(), sub(a, x), value(x, a)),
  setitem_iadd: (x, a) => {
    // Python's `y[k] += v`: get, add, put.
    const y = x[0].clone(), k = sub(a, x);
    return index_put_(y, k, index(y, k).add(value(x, a)));
  },
  index_put_acc: (x, a) => x[0].clone().index_put_(sub(a, x), x[a.v], true),
  gather: ([x, i], a) => x.gather(a.dim, i),
  scatter: ([x, i, s], a) => x.scatter(a.dim, i, s),
  scatter_value: ([x, i], a) => x.scatter(a.dim, i, a.value),
  scatter_add: ([x, i, s], a) => x.scatter_add(a.dim, i, s),
  scatter_reduce: ([x, i, s], a) => x.scatter_reduce(a.dim, i, s, a.reduce, { include_self: a.include_self ?? true }),
  index_select: ([x, i], a) => x.index_select(a.dim, i),
  index_add: ([x, i, s], a) => x.index_add(a.dim, i, s, { alpha: a.alpha ?? 1 }),
  index_copy: ([x, i, s], a) => x.index_copy(a.dim, i, s),
  index_fill: ([x, i], a) => x.index_fill(a.dim, i, a.value),
  masked_select: ([x, m]) => x.masked_select(m),
  take: ([x, i]) => x.take(i),
  nonzero: ([x]) => x.nonzero() as Tensor,
  scatter_inplace: ([x, i, s], a) => x.clone().scatter_(a.dim, i, s),
  index_add_inplace: ([x, i, s], a) => x.clone().index_add_(a.dim, i, s),
};
