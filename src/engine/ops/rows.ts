// Row access for reductions and scans: a dense copy of a tensor with some dims moved last (one row
// per kept position), the inverse that lays such a buffer back out in the tensor's own shape, and the
// (values, indices) pair that max/min/sort/topk return.
import type { DType } from '../dtype';
import { contiguousStrides } from '../shape';
import { Tensor, emptyTensor } from '../tensor';
import { copyStrided, gatherStrided } from '../backend/strided';
import { rejectComplex } from './util';

/** A dense Float64 copy of x with `dims` moved last: `outer` rows of `inner` elements (empty on meta). */
export function movedRows(x: Tensor, dims: number[]): { rows: Float64Array; outer: number; inner: number; order: number[] } {
  rejectComplex('reduce', x);
  const kept = x.shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const order = [...kept, ...dims];
  const inner = dims.reduce((a, d) => a * x.shape[d], 1);
  const outer = kept.reduce((a, d) => a * x.shape[d], 1);
  const rows = new Float64Array(x.device === 'cpu' ? outer * inner : 0);
  if (x.device === 'cpu') gatherStrided(x._data(), order.map((i) => x.shape[i]), order.map((i) => x._strides[i]), x._offset, rows);
  return { rows, outer, inner, order };
}

/** A tensor of `shape` from a dense buffer laid out in the dim order `order` (inverse of movedRows). */
export function unmove(dense: ArrayLike<number>, shape: number[], order: number[], dtype: DType): Tensor {
  const out = emptyTensor(shape, dtype, 'cpu');
  const st = contiguousStrides(shape);
  const pShape = order.map((i) => shape[i]);
  const pSt = order.map((i) => st[i]);
  const dense64 = dense instanceof Float64Array ? dense : Float64Array.from(dense);
  copyStrided(dense64, pShape, contiguousStrides(pShape), 0, out._data(), pSt, 0);
  return out;
}


/** The (values, indices) pair max(dim)/sort/topk return: a JS array [values, indices] with named fields. */
export type ValuesIndices = [Tensor, Tensor] & { values: Tensor; indices: Tensor };
export function valuesIndices(values: Tensor, indices: Tensor): ValuesIndices {
  return Object.assign([values, indices] as [Tensor, Tensor], { values, indices });
}
