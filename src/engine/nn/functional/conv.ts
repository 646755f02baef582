// Convolutions (conv1d/2d/3d, conv_transpose1d/2d/3d): one differentiable primitive, PyTorch's
// `convolution` (ConvolutionBackward0), over the backend's NCHW kernels; shape rules and error
// wording checked here first so meta tensors get the same shapes and messages.
import { Tensor, emptyTensor } from '../../tensor';
import { runtimeError, valueError } from '../../errors';
import { record } from '../../autograd/node';
import { is_grad_enabled } from '../../autograd/grad_mode';
import { countOp, opCounting } from '../../op_count';
import { scalarTypeName, type DType } from '../../dtype';
import * as B from '../../backend';
import { requireFloat, ntuple } from './util';

type Rank = 1 | 2 | 3;
export type ConvPadding = number | number[] | 'same' | 'valid';

const KERNELS = {
  forward: [B.conv1d, B.conv2d, B.conv3d],
  input: [B.conv1dBackwardInput, B.conv2dBackwardInput, B.conv3dBackwardInput],
  weight: [B.conv1dBackwardWeight, B.conv2dBackwardWeight, B.conv3dBackwardWeight],
} as const;

interface ConvSpec {
  rank: Rank;
  stride: number[];
  /** [before, after] per spatial dim. */
  pad: number[];
  dilation: number[];
  groups: number;
  transposed: boolean;
  outputPadding: number[];
}

const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;
const floatData = (t: Tensor): Float32Array | Float64Array => {
  const d = t._contiguousData();
  return d instanceof Float64Array || d instanceof Float32Array ? d : Float32Array.from(d as ArrayLike<number>);
};

/** PyTorch's checks in _convolution, with its messages; returns the output shape. */
function convShape(x: Tensor, w: Tensor, b: Tensor | null, s: ConvSpec): number[] {
  const k = s.rank;
  if (w.dim() !== k + 2) {
    throw runtimeError(`Expected ${k + 2}-dimensional input for ${k + 2}-dimensional weight ${fmt(w.shape)}, but got ${x.dim()}-dimensional input of size ${fmt(x.shape)} instead`);
  }
  const [N, C] = x.shape;
  const spatial = x.shape.slice(2);
  const ks = w.shape.slice(2);
  if (s.groups <= 0) throw runtimeError('non-positive groups is not supported');
  if (s.stride.some((v) => v <= 0)) throw runtimeError('non-positive stride is not supported');
  if (s.pad.some((v) => v < 0)) throw runtimeError('negative padding is not supported');
  if (s.dilation.some((v) => v <= 0)) throw runtimeError('dilation should be greater than zero');
  if (s.transposed) {
    if (w.shape[0] !== C) {
      throw runtimeError(`Given transposed=1, weight of size ${fmt(w.shape)}, expected input${fmt(x.shape)} to have ${w.shape[0]} channels, but got ${C} channels instead`);
    }
    if (s.outputPadding.some((op, i) => op >= s.stride[i] && op >= s.dilation[i])) {
      throw runtimeError('output padding must be smaller than either stride or dilation');
    }
    const O = w.shape[1] * s.groups;
    if (b && (b.dim() !== 1 || b.shape[0] !== O)) {
      throw runtimeError(`Given transposed=1, weight of size ${fmt(w.shape)}, expected bias to be 1-dimensional with ${O} elements, but got bias of size ${fmt(b.shape)} instead`);
    }
    const out = spatial.map((n, i) => (n - 1) * s.stride[i] - s.pad[2 * i] - s.pad[2 * i + 1] + s.dilation[i] * (ks[i] - 1) + s.outputPadding[i] + 1);
    if (out.some((o) => o <= 0)) throw runtimeError(`Given input size per channel: (${spatial.join(' x ')}). Calculated output size per channel: (${out.join(' x ')}). Output size is too small`);
    return [N, O, ...out];
  }
  if (w.shape[0] % s.groups !== 0) {
    throw runtimeError(`Given groups=${s.groups}, expected weight to be divisible by ${s.groups} at dimension 0, but got weight of size ${fmt(w.shape)} instead`);
  }
  if (w.shape[1] * s.groups !== C) {
    throw runtimeError(`Given groups=${s.groups}, weight of size ${fmt(w.shape)}, expected input${fmt(x.shape)} to have ${w.shape[1] * s.groups} channels, but got ${C} channels instead`);
  }
  if (b && (b.dim() !== 1 || b.shape[0] !== w.shape[0])) {
    throw runtimeError(`Given weight of size ${fmt(w.shape)}, expected bias to be 1-dimensional with ${w.shape[0]} elements, but got bias of size ${fmt(b.shape)} instead`);
  }
  const padded = spatial.map((n, i) => n + s.pad[2 * i] + s.pad[2 * i + 1]);
  const eff = ks.map((kk, i) => s.dilation[i] * (kk - 1) + 1);
  if (padded.some((p, i) => p < eff[i])) {
    throw runtimeError(`Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: (${eff.join(' x ')}). Kernel size can't be greater than actual input size`);
  }
  return [N, w.shape[0], ...spatial.map((_, i) => Math.floor((padded[i] - eff[i]) / s.stride[i]) + 1)];
}

/** Wraps a kernel result (always float32 data) as a tensor of `dtype`. */
function fromKernel(data: Float32Array, shape: number[], dtype: DType): Tensor {
  const t = emptyTensor(shape, dtype, 'cpu');
  (t._data() as Float32Array | Float64Array).set(data);
  return t;
}

function addBias(out: Tensor, b: Tensor): void {
  const d = out._data();
  const bd = b._contiguousData();
  const [N, O] = out.shape;
  const inner = out.numel() / Math.max(N * O, 1);
  for (let n = 0; n < N; n++) for (let o = 0; o < O; o++) {
    const base = (n * O + o) * inner;
    for (let i = 0; i < inner; i++) d[base + i] += bd[o];
  }
}

/** PyTorch's at::convolution on batched input: forward, and backward to input, weight and bias. */
export function convolution(x: Tensor, w: Tensor, b: Tensor | null, s: ConvSpec, name: string): Tensor {
  requireFloat(x, 'slow_conv2d_cpu');
  if (x.dtype !== w.dtype) throw runtimeError(`expected scalar type ${scalarTypeName(x.dtype)} but found ${scalarTypeName(w.dtype)}`);
  const shape = convShape(x, w, b, s);
  // MACs for the inspector (op_count.ts): an output element costs (Cin/groups)·∏k; a transposed
  // convolution spreads each input element over (Cout/groups)·∏k outputs.
  if (opCounting.active) countOp(name, s.transposed ? (x.numel() / x.shape[1]) * w.numel() : shape.reduce((a, v) => a * v, 1) * (w.numel() / w.shape[0]));
  const device = x.device === 'meta' || w.device === 'meta' ? 'meta' : 'cpu';
  const p = { stride: s.stride, padding: s.pad, dilation: s.dilation, groups: s.groups };
  const r = s.rank - 1;
  let out: Tensor;
  if (device === 'meta') out = emptyTensor(shape, x.dtype, 'meta');
  else if (s.transposed) out = fromKernel(KERNELS.input[r](floatData(x), x.shape, floatData(w), w.shape, shape, p).data, shape, x.dtype);
  else out = fromKernel(KERNELS.forward[r](floatData(x), x.shape, floatData(w), w.shape, p).data, shape, x.dtype);
  if (b && device === 'cpu') addBias(out, b);
  const sumDims = [0, ...shape.slice(2).map((_, i) => i + 2)];
  record('ConvolutionBackward0', out, [x, w, b], [x, w], ([g], [xx, ww]) => {
    const gy = g!.contiguous();
    if (gy.device === 'meta') return [emptyTensor(xx.shape, xx.dtype, 'meta'), emptyTensor(ww.shape, ww.dtype, 'meta'), b ? emptyTensor(b.shape, b.dtype, 'meta') : null];
    const gd = floatData(gy);
    // Under create_graph the input gradient is itself a (transposed) convolution of g by w, recorded,
    // so second derivatives through it (gradient penalties) are right; the weight gradient is not.
    const gx = is_grad_enabled() ? inputGradConv(gy, ww, xx.shape, s, name)
      : s.transposed
        ? fromKernel(KERNELS.forward[r](gd, gy.shape, floatData(ww), ww.shape, p).data, xx.shape, xx.dtype)
        : fromKernel(KERNELS.input[r](gd, gy.shape, floatData(ww), ww.shape, xx.shape, p).data, xx.shape, xx.dtype);
    const gw = s.transposed
      ? fromKernel(KERNELS.weight[r](gd, gy.shape, floatData(xx), xx.shape, ww.shape, p).data, ww.shape, ww.dtype)
      : fromKernel(KERNELS.weight[r](floatData(xx), xx.shape, gd, gy.shape, ww.shape, p).data, ww.shape, ww.dtype);
    return [gx, gw, b ? gy.sum(sumDims) : null];
  });
  return out;
}

/** d(conv)/dx as a differentiable convolution: a transposed conv of g (output_padding restores x's size), or a plain one. */
function inputGradConv(g: Tensor, w: Tensor, xShape: number[], s: ConvSpec, name: string): Tensor {
  if (s.transposed) return convolution(g, w, null, { ...s, transposed: false }, name);
  const ks = w.shape.slice(2);
  const outputPadding = xShape.slice(2).map((n, i) =>
    n - ((g.shape[i + 2] - 1) * s.stride[i] - s.pad[2 * i] - s.pad[2 * i + 1] + s.dilation[i] * (ks[i] - 1) + 1));
  return convolution(g, w, null, { ...s, transposed: true, outputPadding }, name);
}

/** Accepts (C, *spatial) as PyTorch does: runs batched on an added batch dim, then drops it. */
function batchedOrNot(name: string, rank: Rank, x: Tensor, run: (xb: Tensor) => Tensor): Tensor {
  if (x.dim() === rank + 2) return run(x);
  if (x.dim() === rank + 1) return run(x.unsqueeze(0)).squeeze(0);
  throw runtimeError(`Expected ${rank + 1}D (unbatched) or ${rank + 2}D (batched) input to ${name}, but got input of size: ${fmt(x.shape)}`);
}

function convNd(rank: Rank, x: Tensor, weight: Tensor, bias: Tensor | null, stride: number | number[], padding: ConvPadding,
  dilation: number | number[], groups: number): Tensor {
  const name = `conv${rank}d`;
  const st = ntuple(stride, rank, 'stride');
  const dil = ntuple(dilation, rank, 'dilation');
  let pad: number[];
  if (padding === 'valid') pad = Array<number>(2 * rank).fill(0);
  else if (padding === 'same') {
    if (st.some((v) => v !== 1)) throw runtimeError("padding='same' is not supported for strided convolutions");
    // Total padding d·(k−1), the odd unit on the after side, as PyTorch's _convolution_mode.
    pad = weight.shape.slice(2).flatMap((k, i) => { const t = dil[i] * (k - 1); return [Math.floor(t / 2), t - Math.floor(t / 2)]; });
  } else if (typeof padding === 'string') {
    throw valueError(`Invalid padding string '${String(padding)}', should be one of {'valid', 'same'}`);
  } else pad = ntuple(padding, rank, 'padding').flatMap((v) => [v, v]);
  const spec: ConvSpec = { rank, stride: st, pad, dilation: dil, groups, transposed: false, outputPadding: Array<number>(rank).fill(0) };
  return batchedOrNot(name, rank, x, (xb) => convolution(xb, weight, bias, spec, name));
}

function convTransposeNd(rank: Rank, x: Tensor, weight: Tensor, bias: Tensor | null, stride: number | number[], padding: number | number[],
  output_padding: number | number[], groups: number, dilation: number | number[]): Tensor {
  const name = `conv_transpose${rank}d`;
  if (typeof padding === 'string') throw runtimeError(`${name}(): argument 'padding' must be tuple of ints, not str`);
  const spec: ConvSpec = {
    rank, stride: ntuple(stride, rank, 'stride'), pad: ntuple(padding, rank, 'padding').flatMap((v) => [v, v]),
    dilation: ntuple(dilation, rank, 'dilation'), groups, transposed: true, outputPadding: ntuple(output_padding, rank, 'output_padding'),
  };
  return batchedOrNot(name, rank, x, (xb) => convolution(xb, weight, bias, spec, name));
}

export const conv1d = (input: Tensor, weight: Tensor, bias: Tensor | null = null, stride: number | number[] = 1, padding: ConvPadding = 0, dilation: number | number[] = 1, groups = 1) =>
  convNd(1, input, weight, bias, stride, padding, dilation, groups);
export const conv2d = (input: Tensor, weight: Tensor, bias: Tensor | null = null, stride: number | number[] = 1, padding: ConvPadding = 0, dilation: number | number[] = 1, groups = 1) =>
  convNd(2, input, weight, bias, stride, padding, dilation, groups);
export const conv3d = (input: Tensor, weight: Tensor, bias: Tensor | null = null, stride: number | number[] = 1, padding: ConvPadding = 0, dilation: number | number[] = 1, groups = 1) =>
  convNd(3, input, weight, bias, stride, padding, dilation, groups);

export const conv_transpose1d = (input: Tensor, weight: Tensor, bias: Tensor | null = null, stride: number | number[] = 1, padding: number | number[] = 0,
  output_padding: number | number[] = 0, groups = 1, dilation: number | number[] = 1) => convTransposeNd(1, input, weight, bias, stride, padding, output_padding, groups, dilation);
export const conv_transpose2d = (input: Tensor, weight: Tensor, bias: Tensor | null = null, stride: number | number[] = 1, padding: number | number[] = 0,
  output_padding: number | number[] = 0, groups = 1, dilation: number | number[] = 1) => convTransposeNd(2, input, weight, bias, stride, padding, output_padding, groups, dilation);
export const conv_transpose3d = (input: Tensor, weight: Tensor, bias: Tensor | null = null, stride: number | number[] = 1, padding: number | number[] = 0,
  output_padding: number | number[] = 0, groups = 1, dilation: number | number[] = 1) => convTransposeNd(3, input, weight, bias, stride, padding, output_padding, groups, dilation);

