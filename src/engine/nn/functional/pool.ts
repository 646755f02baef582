// Pooling functionals: max/avg pooling (2d/3d primitives over the backend kernels, 1d through 2d as
// PyTorch does, hence its SqueezeBackward1), adaptive avg/max pooling, with PyTorch's node names.
import { Tensor, makeTensor, emptyTensor } from '../../tensor';
import { runtimeError } from '../../errors';
import { record } from '../../autograd/node';
import * as B from '../../backend';
import { ntuple, requireFloat } from './util';

type Size = number | number[];
type FloatArr = Float32Array | Float64Array;
const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;
const dense = (t: Tensor): FloatArr => t._contiguousData() as FloatArr;

/** Batched view of the shape: PyTorch's pooling kernels accept (C, *spatial) directly. */
function batchedShape(K: string, x: Tensor, rank: number): number[] {
  if (x.dim() === rank + 2) return [...x.shape];
  if (x.dim() === rank + 1) return [1, ...x.shape];
  throw runtimeError(`${K}: non-empty ${rank + 1}D or ${rank + 2}D (batch mode) tensor expected for input`);
}
const unbatch = (shape: number[], x: Tensor, rank: number) => (x.dim() === rank + 2 ? shape : shape.slice(1));

interface PoolArgs { kernel: number[]; stride: number[]; padding: number[]; dilation: number[]; ceil: boolean }

function poolArgs(rank: number, kernel_size: Size, stride: Size | null, padding: Size, dilation: Size, ceil: boolean): PoolArgs {
  const kernel = ntuple(kernel_size, rank, 'kernel_size');
  const st = stride === null || (Array.isArray(stride) && stride.length === 0) ? kernel : ntuple(stride, rank, 'stride');
  return { kernel, stride: st, padding: ntuple(padding, rank, 'padding'), dilation: ntuple(dilation, rank, 'dilation'), ceil };
}

/** Output sizes and PyTorch's argument checks (same wording on meta and cpu). */
function poolShape(K: string, xs: number[], a: PoolArgs, kind: 'max' | 'avg'): number[] {
  if (a.kernel.some((k) => k <= 0)) throw runtimeError(`${K}: kernel_size must be greater than zero, but got kH: ${a.kernel.join(' kW: ')}`);
  if (a.stride.some((s) => s <= 0)) throw runtimeError(`${K}: stride must be greater than zero`);
  a.padding.forEach((p, i) => {
    const eff = kind === 'max' ? (a.kernel[i] - 1) * a.dilation[i] + 1 : a.kernel[i];
    if (p > Math.floor(eff / 2)) throw runtimeError(`pad should be at most half of effective kernel size, but got pad=${p}, kernel_size=${a.kernel[i]} and dilation=${a.dilation[i]}`);
  });
  const spatial = xs.slice(2);
  const out = spatial.map((n, i) => B.poolOutputSize(n, a.kernel[i], a.stride[i], a.padding[i], kind === 'max' ? a.dilation[i] : 1, a.ceil));
  if (out.some((o) => o < 1)) {
    throw runtimeError(`Given input size: (${[xs[1], ...spatial].join('x')}). Calculated output size: (${[xs[1], ...out].join('x')}). Output size is too small`);
  }
  return [xs[0], xs[1], ...out];
}

function maxPoolPrim(rank: 2 | 3, x: Tensor, a: PoolArgs): [Tensor, Tensor] {
  const K = `max_pool${rank}d`;
  const xs = batchedShape(K, x, rank);
  const shape = poolShape(K, xs, a, 'max');
  const oshape = unbatch(shape, x, rank);
  if (x.device === 'meta') {
    const out = emptyTensor(oshape, x.dtype, 'meta');
    record(`MaxPool${rank}DWithIndicesBackward0`, out, [x], [], () => [emptyTensor(x.shape, x.dtype, 'meta')]);
    return [out, emptyTensor(oshape, 'int64', 'meta')];
  }
  requireFloat(x, 'max_pool2d');
  const r = B.maxPool(dense(x), xs, { kernel: a.kernel, stride: a.stride, padding: a.padding, dilation: a.dilation, ceilMode: a.ceil });
  const out = makeTensor(r.data, oshape, x.dtype);
  const indices = makeTensor(Float64Array.from(r.indices), oshape, 'int64');
  record(`MaxPool${rank}DWithIndicesBackward0`, out, [x], [indices], ([g], [ix]) => [
    makeTensor(B.maxPoolBackward(dense(g!), ix._contiguousData() as Float64Array, xs), x.shape, g!.dtype),
  ]);
  return [out, indices];
}

function maxPoolNd(rank: 1 | 2 | 3, input: Tensor, kernel_size: Size, stride: Size | null, padding: Size, dilation: Size, ceil_mode: boolean): [Tensor, Tensor] {
  const a = poolArgs(rank, kernel_size, stride, padding, dilation, ceil_mode);
  if (rank !== 1) return maxPoolPrim(rank, input, a);
  if (input.dim() !== 2 && input.dim() !== 3) throw runtimeError(`max_pool1d() Expected 2D or 3D input tensor, but got ${fmt(input.shape)}`);
  const lift = (v: number[], fill: number) => [fill, ...v];
  const [o, i] = maxPoolPrim(2, input.unsqueeze(-2), { kernel: lift(a.kernel, 1), stride: lift(a.stride, 1), padding: lift(a.padding, 0), dilation: lift(a.dilation, 1), ceil: a.ceil });
  return [o.squeeze(-2), i.squeeze(-2)];
}

export const max_pool1d_with_indices = (input: Tensor, kernel_size: Size, stride: Size | null = null, padding: Size = 0, dilation: Size = 1, ceil_mode = false) =>
  maxPoolNd(1, input, kernel_size, stride, padding, dilation, ceil_mode);
export const max_pool2d_with_indices = (input: Tensor, kernel_size: Size, stride: Size | null = null, padding: Size = 0, dilation: Size = 1, ceil_mode = false) =>
  maxPoolNd(2, input, kernel_size, stride, padding, dilation, ceil_mode);
export const max_pool3d_with_indices = (input: Tensor, kernel_size: Size, stride: Size | null = null, padding: Size = 0, dilation: Size = 1, ceil_mode = false) =>
  maxPoolNd(3, input, kernel_size, stride, padding, dilation, ceil_mode);

/** F.max_poolNd: the output, or (output, indices) with return_indices=True (typed per call for TS callers). */
interface MaxPoolFn {
  (input: Tensor, kernel_size: Size, stride?: Size | null, padding?: Size, dilation?: Size, ceil_mode?: boolean, return_indices?: false): Tensor;
  (input: Tensor, kernel_size: Size, stride: Size | null, padding: Size, dilation: Size, ceil_mode: boolean, return_indices: true): [Tensor, Tensor];
  (input: Tensor, kernel_size: Size, stride?: Size | null, padding?: Size, dilation?: Size, ceil_mode?: boolean, return_indices?: boolean): Tensor | [Tensor, Tensor];
}
const maxPoolFn = (rank: 1 | 2 | 3): MaxPoolFn =>
  ((input: Tensor, kernel_size: Size, stride: Size | null = null, padding: Size = 0, dilation: Size = 1, ceil_mode = false, return_indices = false) => {
    const r = maxPoolNd(rank, input, kernel_size, stride, padding, dilation, ceil_mode);
    return return_indices ? r : r[0];
  }) as MaxPoolFn;
export const max_pool1d = maxPoolFn(1);
export const max_pool2d = maxPoolFn(2);
export const max_pool3d = maxPoolFn(3);

function avgPoolPrim(rank: 2 | 3, x: Tensor, a: PoolArgs, countIncludePad: boolean, divisor: number | null): Tensor {
  const K = `avg_pool${rank}d`;
  const xs = batchedShape(K, x, rank);
  const shape = poolShape(K, xs, a, 'avg');
  if (divisor !== null && divisor === 0) throw runtimeError('divisor must be not zero');
  const oshape = unbatch(shape, x, rank);
  const p = { kernel: a.kernel, stride: a.stride, padding: a.padding, ceilMode: a.ceil, countIncludePad, divisorOverride: divisor };
  let out: Tensor;
  if (x.device === 'meta') out = emptyTensor(oshape, x.dtype, 'meta');
  else {
    requireFloat(x, `avg_pool${rank}d_out_frame`);
    out = makeTensor(B.avgPool(dense(x), xs, p).data, oshape, x.dtype);
  }
  record(`AvgPool${rank}DBackward0`, out, [x], [], ([g]) => [
    g!.device === 'meta' ? emptyTensor(x.shape, x.dtype, 'meta') : makeTensor(B.avgPoolBackward(dense(g!), xs, p), x.shape, g!.dtype),
  ]);
  return out;
}

export function avg_pool1d(input: Tensor, kernel_size: Size, stride: Size | null = null, padding: Size = 0, ceil_mode = false, count_include_pad = true): Tensor {
  if (input.dim() !== 2 && input.dim() !== 3) throw runtimeError(`avg_pool1d() Expected 2D or 3D input tensor, but got ${fmt(input.shape)}`);
  const a = poolArgs(1, kernel_size, stride, padding, 1, ceil_mode);
  const lifted = { kernel: [1, ...a.kernel], stride: [1, ...a.stride], padding: [0, ...a.padding], dilation: [1, 1], ceil: a.ceil };
  return avgPoolPrim(2, input.unsqueeze(-2), lifted, count_include_pad, null).squeeze(-2);
}
export const avg_pool2d = (input: Tensor, kernel_size: Size, stride: Size | null = null, padding: Size = 0, ceil_mode = false, count_include_pad = true, divisor_override: number | null = null) =>
  avgPoolPrim(2, input, poolArgs(2, kernel_size, stride, padding, 1, ceil_mode), count_include_pad, divisor_override);
export const avg_pool3d = (input: Tensor, kernel_size: Size, stride: Size | null = null, padding: Size = 0, ceil_mode = false, count_include_pad = true, divisor_override: number | null = null) =>
  avgPoolPrim(3, input, poolArgs(3, kernel_size, stride, padding, 1, ceil_mode), count_include_pad, divisor_override);

// ---- adaptive pooling ----
type OutSize = number | (number | null)[];
function adaptiveSize(K: string, x: Tensor, rank: number, output_size: OutSize): number[] {
  if (x.dim() !== rank + 1 && x.dim() !== rank + 2) throw runtimeError(`${K}(): Expected ${rank + 1}D or ${rank + 2}D tensor, but got ${fmt(x.shape)}`);
  const os = typeof output_size === 'number' ? Array<number | null>(rank).fill(output_size) : output_size;
  if (os.length !== rank) throw runtimeError(`${K}: internal error: output_size.size() must be ${rank}`);
  const spatial = x.shape.slice(x.dim() - rank);
  for (let i = x.dim() === rank + 2 ? 1 : 0; i < x.dim(); i++) {
    if (x.shape[i] === 0) throw runtimeError(`${K}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes ${fmt(x.shape)} with dimension ${i} being empty`);
  }
  return os.map((v, i) => v ?? spatial[i]);
}

function adaptiveAvgPrim(rank: 2 | 3, x: Tensor, out: number[]): Tensor {
  const K = `adaptive_avg_pool${rank}d`;
  const xs = batchedShape(K, x, rank);
  const oshape = unbatch([xs[0], xs[1], ...out], x, rank);
  let y: Tensor;
  if (x.device === 'meta') y = emptyTensor(oshape, x.dtype, 'meta');
  else {
    requireFloat(x, K);
    y = makeTensor(B.adaptiveAvgPool(dense(x), xs, out).data, oshape, x.dtype);
  }
  record(`AdaptiveAvgPool${rank}DBackward0`, y, [x], [], ([g]) => [
    g!.device === 'meta' ? emptyTensor(x.shape, x.dtype, 'meta') : makeTensor(B.adaptiveAvgPoolBackward(dense(g!), xs, out), x.shape, g!.dtype),
  ]);
  return y;
}

function adaptiveAvg(rank: 1 | 2 | 3, x: Tensor, output_size: OutSize): Tensor {
  const K = `adaptive_avg_pool${rank}d`;
  const out = adaptiveSize(K, x, rank, output_size);
  if (rank === 1) return adaptiveAvg(2, x.unsqueeze(-2), [1, out[0]]).squeeze(-2);
  // PyTorch reduces a global average pool to a mean (MeanBackward1 in the graph).
  if (out.every((v) => v === 1)) return x.mean(rank === 2 ? [-1, -2] : [-1, -2, -3], true);
  return adaptiveAvgPrim(rank, x, out);
}
export const adaptive_avg_pool1d = (input: Tensor, output_size: OutSize) => adaptiveAvg(1, input, output_size);
export const adaptive_avg_pool2d = (input: Tensor, output_size: OutSize) => adaptiveAvg(2, input, output_size);
export const adaptive_avg_pool3d = (input: Tensor, output_size: OutSize) => adaptiveAvg(3, input, output_size);

function adaptiveMaxPrim(rank: 2 | 3, x: Tensor, out: number[]): [Tensor, Tensor] {
  const K = `adaptive_max_pool${rank}d`;
  const xs = batchedShape(K, x, rank);
  const oshape = unbatch([xs[0], xs[1], ...out], x, rank);
  if (x.device === 'meta') {
    const y = emptyTensor(oshape, x.dtype, 'meta');
    record(`AdaptiveMaxPool${rank}DBackward0`, y, [x], [], () => [emptyTensor(x.shape, x.dtype, 'meta')]);
    return [y, emptyTensor(oshape, 'int64', 'meta')];
  }
  requireFloat(x, K);
  const r = B.adaptiveMaxPool(dense(x), xs, out);
  const y = makeTensor(r.data, oshape, x.dtype);
  const indices = makeTensor(Float64Array.from(r.indices), oshape, 'int64');
  record(`AdaptiveMaxPool${rank}DBackward0`, y, [x], [indices], ([g], [ix]) => [
    makeTensor(B.maxPoolBackward(dense(g!), ix._contiguousData() as Float64Array, xs), x.shape, g!.dtype),
  ]);
  return [y, indices];
}

function adaptiveMax(rank: 1 | 2 | 3, x: Tensor, output_size: OutSize): [Tensor, Tensor] {
  const out = adaptiveSize(`adaptive_max_pool${rank}d`, x, rank, output_size);
  if (rank !== 1) return adaptiveMaxPrim(rank, x, out);
  const [y, i] = adaptiveMaxPrim(2, x.unsqueeze(-2), [1, out[0]]);
  return [y.squeeze(-2), i.squeeze(-2)];
}
export const adaptive_max_pool1d_with_indices = (input: Tensor, output_size: OutSize) => adaptiveMax(1, input, output_size);
export const adaptive_max_pool2d_with_indices = (input: Tensor, output_size: OutSize) => adaptiveMax(2, input, output_size);
export const adaptive_max_pool3d_with_indices = (input: Tensor, output_size: OutSize) => adaptiveMax(3, input, output_size);
interface AdaptiveMaxFn {
  (input: Tensor, output_size: OutSize, return_indices?: false): Tensor;
  (input: Tensor, output_size: OutSize, return_indices: true): [Tensor, Tensor];
  (input: Tensor, output_size: OutSize, return_indices?: boolean): Tensor | [Tensor, Tensor];
}
const adaptiveMaxFn = (rank: 1 | 2 | 3): AdaptiveMaxFn =>
  ((input: Tensor, output_size: OutSize, return_indices = false) => { const r = adaptiveMax(rank, input, output_size); return return_indices ? r : r[0]; }) as AdaptiveMaxFn;
export const adaptive_max_pool1d = adaptiveMaxFn(1);
export const adaptive_max_pool2d = adaptiveMaxFn(2);
export const adaptive_max_pool3d = adaptiveMaxFn(3);
