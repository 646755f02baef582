// The value-dependent tail: unique, unique_consecutive, bincount, histc, bucketize, searchsorted. None
// has a gradient in PyTorch, and each output's size depends on the data, so none runs on meta.
import { type DType, allocStorage, isFloating, scalarTypeName } from '../dtype';
import { notImplemented, runtimeError } from '../errors';
import { wrapDim, numelOf } from '../shape';
import { Tensor, makeTensor } from '../tensor';
import { scalarTensor } from './util';

const fromValues = (vals: ArrayLike<number>, shape: number[], dtype: DType): Tensor => {
  const d = allocStorage(dtype, vals.length);
  for (let i = 0; i < vals.length; i++) d[i] = vals[i];
  return makeTensor(d, shape, dtype);
};

function needData(x: Tensor, op: string): void {
  // The output size depends on the values, which a meta tensor does not have (PyTorch raises too).
  if (x.device === 'meta') throw runtimeError(`${op}: the output size depends on the input's values, which a meta tensor does not have`);
}

export interface UniqueOptions { sorted?: boolean; return_inverse?: boolean; return_counts?: boolean; dim?: number | null }
/** A tensor alone, or (output, inverse_indices?, counts?) with only the parts asked for, as torch.unique returns. */
export type UniqueResult = Tensor | Tensor[];

/** Slices of x along d as keys (rows of numbers), in order. */
function slicesAlong(x: Tensor, d: number | null): { rows: number[][]; rest: number[] } {
  if (d === null) return { rows: Array.from(x.contiguous()._contiguousData(), (v) => [Number(v)]), rest: [] };
  const moved = x.movedim(d, 0).contiguous();
  const n = x.shape[d], rest = moved.shape.slice(1), w = numelOf(rest), data = moved._contiguousData();
  return { rows: Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * w, (i + 1) * w), Number)), rest };
}

/** Lexicographic order; NaNs last and never equal (each NaN is its own value, as in PyTorch). */
const cmpRows = (a: number[], b: number[]): number => {
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x === y) continue;
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
};
const sameRow = (a: number[], b: number[]): boolean => a.every((v, i) => v === b[i]);

/** Groups consecutive equal rows of `order`; returns the kept rows' indices, inverse and counts. */
function group(rows: number[][], order: number[]) {
  const inverse = new Array<number>(rows.length), keep: number[] = [], counts: number[] = [];
  for (const i of order) {
    if (keep.length && sameRow(rows[keep[keep.length - 1]], rows[i])) counts[counts.length - 1]++;
    else { keep.push(i); counts.push(1); }
    inverse[i] = keep.length - 1;
  }
  return { keep, inverse, counts };
}

function uniqueImpl(x: Tensor, o: UniqueOptions, consecutive: boolean): UniqueResult {
  needData(x, consecutive ? 'unique_consecutive' : 'unique');
  const dim = o.dim ?? null;
  const d = dim === null ? null : wrapDim(dim, x.dim());
  if (d !== null && x.shape.filter((s) => s === 0).length > 1) {
    throw runtimeError(`Number of zero sized dimensions is more than one, so unique cannot be applied `);
  }
  const { rows, rest } = slicesAlong(x, d);
  const idx = rows.map((_, i) => i);
  if (!consecutive) idx.sort((a, b) => cmpRows(rows[a], rows[b]) || a - b);
  const { keep, inverse, counts } = group(rows, idx);
  let out: Tensor;
  if (d === null) out = fromValues(keep.map((i) => rows[i][0]), [keep.length], x.dtype);
  else {
    const flat = keep.flatMap((i) => rows[i]);
    out = fromValues(flat, [keep.length, ...rest], x.dtype).movedim(0, d).contiguous();
  }
  if (!o.return_inverse && !o.return_counts) return out;
  const res = [out];
  if (o.return_inverse) res.push(fromValues(inverse, d === null ? [...x.shape] : [x.shape[d]], 'int64'));
  if (o.return_counts) res.push(fromValues(counts, [counts.length], 'int64'));
  return res;
}

export const unique = (x: Tensor, o: UniqueOptions = {}): UniqueResult => uniqueImpl(x, o, false);
export const unique_consecutive = (x: Tensor, o: Omit<UniqueOptions, 'sorted'> = {}): UniqueResult => uniqueImpl(x, o, true);

export function bincount(x: Tensor, weights: Tensor | null = null, minlength = 0): Tensor {
  if (minlength < 0) throw runtimeError('minlength should be >= 0');
  if (isFloating(x.dtype)) throw notImplemented(`"bincount_cpu" not implemented for '${scalarTypeName(x.dtype)}'`);
  if (x.dim() !== 1 || x.dtype === 'bool') throw runtimeError('bincount only supports 1-d non-negative integral inputs.');
  if (weights && (weights.dim() !== 1 || weights.shape[0] !== x.shape[0])) throw runtimeError('weights should be 1-d and have the same length as input');
  needData(x, 'bincount');
  if (x.numel() === 0) return fromValues(new Array<number>(minlength).fill(0), [minlength], weights ? (weights.dtype === 'float32' ? 'float32' : 'float64') : 'int64');
  const v = Array.from(x._contiguousData(), Number);
  if (v.some((e) => e < 0)) throw runtimeError('bincount only supports 1-d non-negative integral inputs.');
  const n = Math.max(minlength, v.length ? Math.max(...v) + 1 : 0);
  const out = new Float64Array(n), w = weights?._contiguousData();
  v.forEach((e, i) => { out[e] += w ? Number(w[i]) : 1; });
  // PyTorch counts in int64, sums float32 weights in float32 and any other weights in float64.
  return fromValues(out, [n], weights ? (weights.dtype === 'float32' ? 'float32' : 'float64') : 'int64');
}

export function histc(x: Tensor, bins = 100, min = 0, max = 0): Tensor {
  if (!isFloating(x.dtype)) throw notImplemented(`"histogram_cpu" not implemented for '${scalarTypeName(x.dtype)}'`);
  if (bins <= 0) throw runtimeError(`torch.histogram(): bins must be > 0, but got ${bins} for dimension 0`);
  if (min > max) throw runtimeError('torch.histc: max must be larger than min');
  needData(x, 'histc');
  const v = Array.from(x.contiguous()._contiguousData(), Number);
  let lo = min, hi = max;
  if (lo === hi && v.length) { lo = Math.min(...v); hi = Math.max(...v); }
  if (lo === hi) { lo -= 1; hi += 1; }
  if (lo > hi) throw runtimeError('torch.histc: max must be larger than min');
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw runtimeError(`torch.histc(): range of [${lo}, ${hi}] is not finite`);
  const out = new Float64Array(bins);
  for (const e of v) {
    if (!(e >= lo && e <= hi)) continue;
    // The bin index as PyTorch's kernel computes it, with the top edge folded into the last bin.
    let b = Math.floor(((e - lo) * bins) / (hi - lo));
    if (b === bins) b -= 1;
    out[b] += 1;
  }
  return fromValues(out, [bins], x.dtype);
}

/** First index in row[lo..hi) whose value is >= v (left) or > v (right). */
function bound(row: ArrayLike<number>, base: number, n: number, v: number, right: boolean, sorter: ArrayLike<number> | null): number {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = row[base + (sorter ? Number(sorter[base + mid]) : mid)];
    if (right ? m <= v : m < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface SearchSortedOptions { out_int32?: boolean; right?: boolean; side?: 'left' | 'right' | null; sorter?: Tensor | null }

export function searchsorted(sorted_sequence: Tensor, input: Tensor | number, o: SearchSortedOptions = {}): Tensor {
  const x = input instanceof Tensor ? input : scalarTensor(input, sorted_sequence.dtype);
  const seq = sorted_sequence;
  if (o.side && o.side !== 'left' && o.side !== 'right') throw runtimeError(`torch.searchsorted(): side can only be 'left' or 'right' but got ${o.side}`);
  if (o.side && o.right && o.side === 'left') throw runtimeError(`torch.searchsorted(): side and right can't be set to opposites, got side of left while right was True`);
  const right = o.right || o.side === 'right';
  if (seq.dim() !== 1 && (seq.dim() !== x.dim() || !seq.shape.slice(0, -1).every((s, i) => s === x.shape[i]))) {
    throw runtimeError(`torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor ${fmtSizes(seq.shape)} and input value tensor ${fmtSizes(x.shape)}`);
  }
  if (o.sorter && (o.sorter.dim() !== seq.dim() || !o.sorter.shape.every((s, i) => s === seq.shape[i]))) {
    throw runtimeError(`torch.searchsorted(): boundary and sorter must have the same size, but got boundary tensor ${fmtSizes(seq.shape)}and got sorter tensor ${fmtSizes(o.sorter.shape)}`);
  }
  const outDtype: DType = o.out_int32 ? 'int32' : 'int64';
  if (x.device === 'meta' || seq.device === 'meta') return makeTensor(null, [...x.shape], outDtype, 'meta');
  const s = seq.contiguous()._contiguousData(), v = x.contiguous()._contiguousData();
  const srt = o.sorter ? o.sorter.contiguous()._contiguousData() : null;
  const n = seq.shape.at(-1) ?? 1, per = x.dim() === 0 ? 1 : x.shape.at(-1)!;
  const res = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) {
    const base = seq.dim() === 1 ? 0 : Math.floor(i / per) * n;
    res[i] = bound(s, base, n, Number(v[i]), right, srt);
  }
  return fromValues(res, [...x.shape], outDtype);
}

/** Sizes as PyTorch prints them in searchsorted's messages: [2, 3]. */
const fmtSizes = (s: readonly number[]): string => `[${s.join(', ')}]`;

export function bucketize(input: Tensor | number, boundaries: Tensor, o: { out_int32?: boolean; right?: boolean } = {}): Tensor {
  if (boundaries.dim() !== 1) throw runtimeError(`boundaries tensor must be 1 dimension, but got dim(${boundaries.dim()})`);
  return searchsorted(boundaries, input, { out_int32: o.out_int32, right: o.right });
}

declare module '../tensor' {
  interface Tensor {
    unique(o?: UniqueOptions): UniqueResult; unique_consecutive(o?: Omit<UniqueOptions, 'sorted'>): UniqueResult;
    bincount(weights?: Tensor | null, minlength?: number): Tensor; histc(bins?: number, min?: number, max?: number): Tensor;
  }
}
const methods = { unique, unique_consecutive, bincount, histc };
for (const [name, fn] of Object.entries(methods)) {
  (Tensor.prototype as any)[name] = function (this: Tensor, ...a: unknown[]) { return (fn as (...args: unknown[]) => unknown)(this, ...a); };
}
