// Order statistics along one dim, returning (values, indices) like max(dim): sort, argsort, topk,
// median, kthvalue. The gradient goes to the selected positions (a scatter of the incoming gradient).
import { runtimeError, indexError } from '../errors';
import { wrapDim } from '../shape';
import { Tensor, emptyTensor } from '../tensor';
import { record } from '../autograd/node';
import { movedRows, unmove, valuesIndices as pair, type ValuesIndices } from './rows';
import './scatter';

/** PyTorch's order: NaN sorts above +inf; ties keep their original order (stable). */
const ascending = (a: number, b: number) => (a !== a ? (b !== b ? 0 : 1) : b !== b ? -1 : a < b ? -1 : a > b ? 1 : 0);

/**
 * For each row along dim d, the positions of the first `k` elements in sorted order. Returns the
 * values and int64 indices laid out like x with dim d of length k.
 */
function selectRows(x: Tensor, d: number, k: number, descending: boolean): { values: Tensor; indices: Tensor } {
  const shape = x.dim() === 0 ? [] : x.shape.map((s, i) => (i === d ? k : s));
  if (x.device === 'meta') return { values: emptyTensor(shape, x.dtype, 'meta'), indices: emptyTensor(shape, 'int64', 'meta') };
  const { rows, outer, inner, order } = movedRows(x, x.dim() === 0 ? [] : [d]);
  const vals = new Float64Array(outer * k), ids = new Float64Array(outer * k);
  const perm = Array.from({ length: inner }, (_, i) => i);
  for (let o = 0; o < outer; o++) {
    const b = o * inner;
    for (let i = 0; i < inner; i++) perm[i] = i;
    perm.sort((p, q) => (descending ? ascending(rows[b + q], rows[b + p]) : ascending(rows[b + p], rows[b + q])) || p - q);
    for (let j = 0; j < k; j++) { vals[o * k + j] = rows[b + perm[j]]; ids[o * k + j] = perm[j]; }
  }
  return { values: unmove(vals, shape, order, x.dtype), indices: unmove(ids, shape, order, 'int64') };
}

/** Records the gradient of a selection: g scattered back to the selected positions of x. */
function recordSelection(name: string, values: Tensor, x: Tensor, indices: Tensor, d: number, squeezed = false): void {
  record(name, values, [x], [indices], ([g], [ix]) => [
    x.dim() === 0 ? g! : emptyTensor(x.shape, g!.dtype, g!.device).scatter(d, ix, squeezed ? g!.unsqueeze(d) : g!),
  ]);
}

export function sort(x: Tensor, dim = -1, descending = false, opts: { stable?: boolean } = {}): ValuesIndices {
  void opts; // the sort is always stable, which also satisfies stable=False
  const d = wrapDim(dim, x.dim());
  const n = x.dim() === 0 ? 1 : x.shape[d];
  const { values, indices } = selectRows(x, d, n, descending);
  recordSelection('SortBackward0', values, x, indices, d);
  return pair(values, indices);
}

export function argsort(x: Tensor, dim = -1, descending = false, opts: { stable?: boolean } = {}): Tensor {
  return sort(x.detach(), dim, descending, opts).indices;
}

export function topk(x: Tensor, k: number, dim = -1, largest = true, sorted = true): ValuesIndices {
  void sorted; // results always come sorted, which PyTorch allows for sorted=False too
  const d = wrapDim(dim, x.dim());
  const n = x.dim() === 0 ? 1 : x.shape[d];
  if (k < 0 || k > n) throw runtimeError(`selected index k out of range`);
  const { values, indices } = selectRows(x, d, k, largest);
  recordSelection('TopkBackward0', values, x, indices, d);
  return pair(values, indices);
}

/** Position j along dim d of a selection's (values, indices), squeezed unless keepdim (no graph yet). */
function pick(x: Tensor, d: number, k: number, j: number, keepdim: boolean): { v: Tensor; ix: Tensor; ixKeep: Tensor } {
  const { values, indices } = selectRows(x, d, k, false);
  if (x.dim() === 0) return { v: values, ix: indices, ixKeep: indices };
  const v = values._slice(d, j, j + 1).contiguous(), ixKeep = indices._slice(d, j, j + 1).contiguous();
  return keepdim ? { v, ix: ixKeep, ixKeep } : { v: v.squeeze(d), ix: ixKeep.squeeze(d), ixKeep };
}

/** torch.median: the lower of the two middle values. Without dim, a 0-dim tensor; with dim, (values, indices). */
export function median(x: Tensor): Tensor;
export function median(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function median(x: Tensor, dim?: number | null, keepdim = false): Tensor | ValuesIndices {
  if (dim === null || dim === undefined) {
    const out = emptyTensor([], x.dtype, x.device);
    if (x.device === 'cpu') {
      const vals = Array.from(x._contiguousData()).sort(ascending);
      out._data()[0] = vals.length === 0 || vals.some((v) => v !== v) ? NaN : vals[Math.floor((vals.length - 1) / 2)];
    }
    // Like max(): the gradient is split evenly among the elements equal to the median.
    record('MedianBackward0', out, [x], [x, out], ([g], [xx, o]) => {
      const mask = xx.eq(o).to(g!.dtype);
      return [mask.mul(g!).div(mask.sum())];
    });
    return out;
  }
  const d = wrapDim(dim, x.dim());
  const n = x.dim() === 0 ? 1 : x.shape[d];
  if (n === 0) throw indexError(`median(): Expected reduction dim ${d} to have non-zero size.`);
  const m = Math.floor((n - 1) / 2);
  const { v, ix, ixKeep } = pick(x, d, m + 1, m, keepdim);
  recordSelection('MedianBackward1', v, x, ixKeep, d, !keepdim);
  return pair(v, ix);
}

/** torch.kthvalue(x, k, dim=-1, keepdim=False): the k-th smallest (1-based) along dim. */
export function kthvalue(x: Tensor, k: number, dim = -1, keepdim = false): ValuesIndices {
  const d = wrapDim(dim, x.dim());
  const n = x.dim() === 0 ? 1 : x.shape[d];
  if (k < 1 || k > n) throw runtimeError(`kthvalue(): selected number k out of range for dimension ${d}`);
  const { v, ix, ixKeep } = pick(x, d, k, k - 1, keepdim);
  recordSelection('KthvalueBackward0', v, x, ixKeep, d, !keepdim);
  return pair(v, ix);
}

declare module '../tensor' {
  interface Tensor {
    sort(dim?: number, descending?: boolean, opts?: { stable?: boolean }): ValuesIndices;
    argsort(dim?: number, descending?: boolean, opts?: { stable?: boolean }): Tensor;
    topk(k: number, dim?: number, largest?: boolean, sorted?: boolean): ValuesIndices;
    median(): Tensor; median(dim: number, keepdim?: boolean): ValuesIndices;
    kthvalue(k: number, dim?: number, keepdim?: boolean): ValuesIndices;
  }
}
const methods = { sort, argsort, topk, median, kthvalue };
for (const [name, fn] of Object.entries(methods)) {
  (Tensor.prototype as any)[name] = function (this: Tensor, ...a: unknown[]) { return (fn as (...args: unknown[]) => unknown)(this, ...a); };
}
