// F.interpolate (nearest, nearest-exact, linear/bilinear/trilinear, area), F.pixel_shuffle and
// F.pixel_unshuffle. Interpolation is separable: per spatial dim, each output reads one (nearest) or two
// (linear) inputs with PyTorch's source-index rules; backward scatters back with index_add (Tensor ops).
import { Tensor, emptyTensor } from '../../tensor';
import { notImplemented, runtimeError, valueError } from '../../errors';
import { record } from '../../autograd/node';
import { no_grad } from '../../autograd/grad_mode';
import { tensor, zeros } from '../../ops/creation';
import { index_select, index_add } from '../../ops/scatter';
import { adaptive_avg_pool1d, adaptive_avg_pool2d, adaptive_avg_pool3d } from './pool';
import { requireFloat } from './util';
import { upsampleBicubic2d } from './interp_extra';

export type InterpolateMode = 'nearest' | 'nearest-exact' | 'linear' | 'bilinear' | 'trilinear' | 'bicubic' | 'area';
const LINEAR_RANK: Partial<Record<InterpolateMode, number>> = { linear: 1, bilinear: 2, trilinear: 3, bicubic: 2 };

/** One spatial dim's resampling: output j = w0[j]·x[i0[j]] (+ w1[j]·x[i1[j]] for linear modes). */
interface DimPlan { dim: number; inSize: number; i0: number[]; i1?: number[]; w0?: number[]; w1?: number[] }

function nearestPlan(dim: number, inSize: number, outSize: number, scale: number | null, exact: boolean): DimPlan {
  // PyTorch computes the index in float32 (nearest_idx / nearest_exact_idx).
  const s = Math.fround(scale !== null && scale > 0 ? 1 / scale : inSize / outSize);
  const i0 = Array.from({ length: outSize }, (_, j) => {
    if (!exact && outSize === inSize) return j;
    if (!exact && outSize === 2 * inSize) return j >> 1;
    return Math.min(Math.floor(Math.fround((exact ? j + 0.5 : j) * s)), inSize - 1);
  });
  return { dim, inSize, i0 };
}

function linearPlan(dim: number, inSize: number, outSize: number, scale: number | null, alignCorners: boolean): DimPlan {
  const s = alignCorners ? (outSize > 1 ? (inSize - 1) / (outSize - 1) : 0) : scale !== null && scale > 0 ? 1 / scale : inSize / outSize;
  const i0: number[] = [], i1: number[] = [], w0: number[] = [], w1: number[] = [];
  for (let j = 0; j < outSize; j++) {
    let src = Math.fround(alignCorners ? s * j : s * (j + 0.5) - 0.5);
    if (src < 0) src = 0;
    const a = Math.min(Math.floor(src), inSize - 1);
    const lambda = Math.min(Math.max(src - a, 0), 1);
    i0.push(a);
    i1.push(a + (a < inSize - 1 ? 1 : 0));
    w0.push(1 - lambda);
    w1.push(lambda);
  }
  return { dim, inSize, i0, i1, w0, w1 };
}

const idx = (v: number[]) => tensor(v, { dtype: 'int64' });
/** A per-position weight along `dim`, shaped to broadcast against an ndim tensor. */
const along = (w: number[], dim: number, ndim: number, like: Tensor) =>
  tensor(w, { dtype: like.dtype }).reshape(Array.from({ length: ndim }, (_, i) => (i === dim ? w.length : 1)));

function resampleDim(t: Tensor, p: DimPlan): Tensor {
  const a = index_select(t, p.dim, idx(p.i0));
  if (!p.i1) return a;
  return a.mul(along(p.w0!, p.dim, t.dim(), t)).add(index_select(t, p.dim, idx(p.i1)).mul(along(p.w1!, p.dim, t.dim(), t)));
}

/** The transpose of resampleDim: each output's gradient goes back to the inputs it read. */
function resampleDimBackward(g: Tensor, p: DimPlan): Tensor {
  const shape = g.shape.map((v, i) => (i === p.dim ? p.inSize : v));
  const base = zeros(shape, { dtype: g.dtype, device: g.device });
  if (!p.i1) return index_add(base, p.dim, idx(p.i0), g);
  const first = index_add(base, p.dim, idx(p.i0), g.mul(along(p.w0!, p.dim, g.dim(), g)));
  return index_add(first, p.dim, idx(p.i1), g.mul(along(p.w1!, p.dim, g.dim(), g)));
}

export function interpolate(input: Tensor, size: number | number[] | null = null, scale_factor: number | number[] | null = null,
  mode: InterpolateMode = 'nearest', align_corners: boolean | null = null, recompute_scale_factor: boolean | null = null, antialias = false): Tensor {
  const linear = LINEAR_RANK[mode] !== undefined;
  if (align_corners !== null && !linear) {
    throw valueError('align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear');
  }
  if (antialias) throw notImplemented('interpolate: antialias=True is not supported by nnlens');
  const rank = input.dim() - 2;
  if (rank < 1 || rank > 3) throw notImplemented(`Input Error: Only 3D, 4D and 5D input Tensors supported (got ${input.dim()}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${mode})`);
  if (linear && LINEAR_RANK[mode] !== rank) throw notImplemented(`Got ${input.dim()}D input, but ${mode} mode needs ${LINEAR_RANK[mode]! + 2}D input`);
  if (size !== null && scale_factor !== null) throw valueError('only one of size or scale_factor should be defined');
  if (size === null && scale_factor === null) throw valueError('either size or scale_factor should be defined');
  const spatial = input.shape.slice(2);
  const list = <T>(v: T | T[], what: string): T[] => {
    if (!Array.isArray(v)) return Array<T>(rank).fill(v);
    if (v.length !== rank) throw valueError(`Input and ${what} must have the same number of spatial dimensions, but got input with spatial dimensions of [${spatial.join(', ')}] and output size of [${v.join(', ')}]. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`);
    return v;
  };
  const scales = scale_factor === null ? null : list(scale_factor, 'scale_factor');
  const out = size !== null ? list(size, 'output size') : spatial.map((n, i) => Math.floor(n * scales![i]));
  // recompute_scale_factor: the kernels see only the output size (scale = in/out).
  const passScales = scales !== null && recompute_scale_factor !== true ? scales : null;
  if (mode === 'bicubic') return upsampleBicubic2d(input, out, passScales, align_corners ?? false);
  if (mode === 'area') return [adaptive_avg_pool1d, adaptive_avg_pool2d, adaptive_avg_pool3d][rank - 1](input, out);
  requireFloat(input, `upsample_${mode}${rank}d`);
  const plans = out.map((o, i) => (linear
    ? linearPlan(i + 2, spatial[i], o, passScales ? passScales[i] : null, align_corners ?? false)
    : nearestPlan(i + 2, spatial[i], o, passScales ? passScales[i] : null, mode === 'nearest-exact')));
  const shape = [...input.shape.slice(0, 2), ...out];
  const y = input.device === 'meta' ? emptyTensor(shape, input.dtype, 'meta') : no_grad(() => plans.reduce(resampleDim, input));
  const kind = mode === 'nearest' ? 'Nearest' : mode === 'nearest-exact' ? 'NearestExact' : ['Linear', 'Bilinear', 'Trilinear'][rank - 1];
  record(`Upsample${kind}${rank}DBackward0`, y, [input], [], ([g]) => [
    g!.device === 'meta' ? emptyTensor(input.shape, input.dtype, 'meta') : [...plans].reverse().reduce(resampleDimBackward, g!),
  ]);
  return y;
}

/** (*, C·r², H, W) → (*, C, H·r, W·r). Computed on a copy: with r = 1 the reshapes alone could alias the input. */
export function pixel_shuffle(input: Tensor, upscale_factor: number): Tensor {
  const r = upscale_factor;
  if (input.dim() < 3) throw runtimeError(`pixel_shuffle expects input to have at least 3 dimensions, but got input with ${input.dim()} dimension(s)`);
  const [c, h, w] = input.shape.slice(-3);
  if (c % (r * r) !== 0) {
    throw runtimeError(`pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r}`);
  }
  const lead = input.shape.slice(0, -3), k = lead.length;
  const y = no_grad(() => input.clone().reshape([...lead, c / (r * r), r, r, h, w])
    .permute([...Array(k).keys(), k, k + 3, k + 1, k + 4, k + 2]).reshape([...lead, c / (r * r), h * r, w * r]));
  record('PixelShuffleBackward0', y, [input], [], ([g]) => [pixel_unshuffle(g!, r)]);
  return y;
}

/** (*, C, H·r, W·r) → (*, C·r², H, W). */
export function pixel_unshuffle(input: Tensor, downscale_factor: number): Tensor {
  const r = downscale_factor;
  if (input.dim() < 3) throw runtimeError(`pixel_unshuffle expects input to have at least 3 dimensions, but got input with ${input.dim()} dimension(s)`);
  const [c, h, w] = input.shape.slice(-3);
  if (h % r !== 0) throw runtimeError(`pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=${h} is not divisible by ${r}`);
  if (w % r !== 0) throw runtimeError(`pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=${w} is not divisible by ${r}`);
  const lead = input.shape.slice(0, -3), k = lead.length;
  const y = no_grad(() => input.clone().reshape([...lead, c, h / r, r, w / r, r])
    .permute([...Array(k).keys(), k, k + 2, k + 4, k + 1, k + 3]).reshape([...lead, c * r * r, h / r, w / r]));
  record('PixelUnshuffleBackward0', y, [input], [], ([g]) => [pixel_shuffle(g!, r)]);
  return y;
}
