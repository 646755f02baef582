// The engine side of test/golden/gen_tail_ops.py's op table: the same keys, each calling the engine's
// tail ops the way the Python calls torch (tuple results pick one part per key).
import { torch, type Tensor } from '../../src/engine';
import type { Args, OpFn } from './core_ops';

/** The part of a unique/unique_consecutive result a key asks for (null: the whole, a single tensor). */
function uniq(part: number | null): OpFn {
  return ([x], a) => {
    const { consecutive, ...o } = a;
    const r = consecutive ? torch.unique_consecutive(x, o) : torch.unique(x, o);
    if (part === null) return r as Tensor;
    const parts = r as Tensor[];
    return parts[part < 0 ? parts.length + part : part];
  };
}
const withoutV = (a: Args): Args => Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'v'));

export const TAIL_OPS: Record<string, OpFn> = {
  trace: ([x]) => torch.trace(x),
  ravel: ([x]) => torch.ravel(x),
  diff: ([x], a) => torch.diff(x, a),
  diff_prepend_append: ([x, p, q], a) => torch.diff(x, { ...a, prepend: p, append: q }),
  cross: ([x, y], a) => torch.cross(x, y, a.dim ?? null),
  linalg_cross: ([x, y], a) => torch.cross(x, y, a.dim ?? -1),
  rot90: ([x], a) => torch.rot90(x, a.k ?? 1, a.dims ?? [0, 1]),
  nan_to_num: ([x], a) => torch.nan_to_num(x, a),
  logcumsumexp: ([x], a) => torch.logcumsumexp(x, a.dim),
  cummax_values: ([x], a) => torch.cummax(x, a.dim).values,
  cummax_indices: ([x], a) => torch.cummax(x, a.dim).indices,
  cummin_values: ([x], a) => torch.cummin(x, a.dim).values,
  cummin_indices: ([x], a) => torch.cummin(x, a.dim).indices,
  block_diag: (x) => torch.block_diag(...x),
  meshgrid_stack: (x, a) => torch.stack(torch.meshgrid(...x, a)),
  meshgrid_sum: (x, a) => torch.meshgrid(...x, a).map((g, i) => g.mul(i + 1)).reduce((s, g) => s.add(g)),
  cartesian_prod: (x) => torch.cartesian_prod(...x),
  masked_scatter: ([x, m, s]) => x.masked_scatter(m, s),
  unique: uniq(null),
  unique_out: uniq(0),
  unique_inverse: uniq(1),
  unique_counts: uniq(-1),
  bincount: (x, a) => torch.bincount(x[0], x[1] ?? null, a.minlength ?? 0),
  histc: ([x], a) => torch.histc(x, a.bins ?? 100, a.min ?? 0, a.max ?? 0),
  bucketize: ([x, b], a) => torch.bucketize(x, b, a),
  bucketize_scalar: ([b], a) => torch.bucketize(a.v as number, b, withoutV(a)),
  searchsorted: ([s, v], a) => torch.searchsorted(s, v, a),
  searchsorted_sorter: ([s, v, o], a) => torch.searchsorted(s, v, { ...a, sorter: o }),
};
