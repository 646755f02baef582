// Power-average pooling (F.lp_pool1d/2d/3d, composed over avg_pool as torch.nn.functional does),
// fractional max pooling (seeded like PyTorch: torch.rand(N, C, rank) region samples) and
// max unpooling (F.max_unpool1d/2d/3d: a scatter of the pooled values to their argmax positions,
// MaxUnpool2DBackward0 / MaxUnpool3DBackward0; 1d goes through 2d, hence SqueezeBackward1).
import { Tensor } from '../../tensor';
import { runtimeError, valueError } from '../../errors';
import { record } from '../../autograd/node';
import { no_grad } from '../../autograd/grad_mode';
import { tensor, zeros } from '../../ops/creation';
import { rand } from '../../ops/random';
import { gather, scatter } from '../../ops/scatter';
import { relu } from './activation';
import { avg_pool1d, avg_pool2d, avg_pool3d } from './pool';
import { ntuple } from './util';

type Size = number | number[];

function lpPool(rank: 1 | 2 | 3, input: Tensor, norm_type: number, kernel_size: Size, stride: Size | null, ceil_mode: boolean): Tensor {
  const k = ntuple(kernel_size, rank, 'kernel_size');
  const pooled = input.pow(norm_type);
  const out = rank === 1 ? avg_pool1d(pooled, kernel_size, stride, 0, ceil_mode)
    : rank === 2 ? avg_pool2d(pooled, kernel_size, stride, 0, ceil_mode) : avg_pool3d(pooled, kernel_size, stride, 0, ceil_mode);
  return out.sign().mul(relu(out.abs())).mul(k.reduce((a, b) => a * b, 1)).pow(1.0 / norm_type);
}
export const lp_pool1d = (input: Tensor, norm_type: number, kernel_size: Size, stride: Size | null = null, ceil_mode = false) => lpPool(1, input, norm_type, kernel_size, stride, ceil_mode);
export const lp_pool2d = (input: Tensor, norm_type: number, kernel_size: Size, stride: Size | null = null, ceil_mode = false) => lpPool(2, input, norm_type, kernel_size, stride, ceil_mode);
export const lp_pool3d = (input: Tensor, norm_type: number, kernel_size: Size, stride: Size | null = null, ceil_mode = false) => lpPool(3, input, norm_type, kernel_size, stride, ceil_mode);

/** torch.nn.functional._unpool_output_size, with its ValueError texts. */
function unpoolOutputSize(input: Tensor, k: number[], s: number[], p: number[], output_size: number[] | null): number[] {
  const n = k.length;
  const def = k.map((kd, d) => (input.shape[input.dim() - n + d] - 1) * s[d] + kd - 2 * p[d]);
  if (output_size === null) return def;
  const os = output_size.length === n + 2 ? output_size.slice(2) : output_size;
  if (os.length !== n) throw valueError(`output_size should be a sequence containing ${n} or ${n + 2} elements, but it has a length of '${os.length}'`);
  for (let d = 0; d < n; d++) {
    const lo = def[d] - s[d], hi = def[d] + s[d];
    if (!(lo < os[d] && os[d] < hi)) throw valueError(`invalid output_size "[${output_size.join(', ')}]" (dim ${d} must be between ${lo} and ${hi})`);
  }
  return os;
}

/** The unpooling primitive over the last `rank` dims: values land at their flat spatial index. */
function unpool(rank: 2 | 3, input: Tensor, indices: Tensor, out: number[]): Tensor {
  if (indices.dtype !== 'int64') throw runtimeError(`elements in indices should be type int64 but got: ${indices.dtype === 'int32' ? 'Int' : indices.dtype}`);
  if (input.shape.join() !== indices.shape.join()) {
    throw runtimeError(`Expected shape of indices to be same as that of the input tensor (${fmtShape(input)}) but got indices tensor with shape: ${fmtShape(indices)}`);
  }
  if (input.dim() !== rank + 1 && input.dim() !== rank + 2) {
    throw runtimeError(`Input to max_unpooling${rank}d should be a ${rank + 1}d or ${rank + 2}d Tensor, but got a tensor with ${input.dim()} dimensions.`);
  }
  const lead = input.shape.slice(0, input.dim() - rank);
  const flat = lead.reduce((a, b) => a * b, 1);
  const total = out.reduce((a, b) => a * b, 1);
  if (input.device === 'cpu' && indices.numel() > 0) {
    const bad = (indices._contiguousData() as Float64Array).find((v) => v < 0 || v >= total);
    if (bad !== undefined) throw runtimeError(`Found an invalid max index: ${bad} (output volumes are of size ${out.join('x')})`);
  }
  const idx = indices.reshape([flat, -1]);
  const res = no_grad(() => scatter(zeros([flat, total], { dtype: input.dtype, device: input.device }), 1, idx, input.reshape([flat, -1])).view([...lead, ...out]));
  record(`MaxUnpool${rank}DBackward0`, res, [input], [idx], ([g], [ix]) => [gather(g!.reshape([flat, total]), 1, ix).view(input.shape)]);
  return res;
}
const fmtShape = (t: Tensor) => `[${t.shape.join(', ')}]`;

export function max_unpool1d(input: Tensor, indices: Tensor, kernel_size: Size, stride: Size | null = null, padding: Size = 0, output_size: number[] | null = null): Tensor {
  const k = ntuple(kernel_size, 1), s = ntuple(stride ?? kernel_size, 1), p = ntuple(padding, 1);
  const os = unpoolOutputSize(input, k, s, p, output_size);
  return unpool(2, input.unsqueeze(-1), indices.unsqueeze(-1), [...os, 1]).squeeze(-1);
}
export function max_unpool2d(input: Tensor, indices: Tensor, kernel_size: Size, stride: Size | null = null, padding: Size = 0, output_size: number[] | null = null): Tensor {
  const k = ntuple(kernel_size, 2), s = ntuple(stride ?? kernel_size, 2), p = ntuple(padding, 2);
  return unpool(2, input, indices, unpoolOutputSize(input, k, s, p, output_size));
}
export function max_unpool3d(input: Tensor, indices: Tensor, kernel_size: Size, stride: Size | null = null, padding: Size = 0, output_size: number[] | null = null): Tensor {
  const k = ntuple(kernel_size, 3), s = ntuple(stride ?? kernel_size, 3), p = ntuple(padding, 3);
  return unpool(3, input, indices, unpoolOutputSize(input, k, s, p, output_size));
}

// ---- fractional max pooling (Graham, 2014): pseudo-random pooling regions from per-plane samples ----

/** ATen's generate_intervals, in the input's float precision (fround) so region starts match bit for bit. */
function intervals(sample: number, inSize: number, outSize: number, pool: number, f32: boolean): number[] {
  const r = f32 ? Math.fround : (v: number) => v;
  const seq = Array<number>(outSize).fill(0);
  if (outSize > 1) {
    const alpha = r(r(inSize - pool) / r(outSize - 1));
    for (let i = 0; i < outSize - 1; i++) seq[i] = Math.trunc(r(r(i + sample) * alpha)) - Math.trunc(r(sample * alpha));
  }
  if (outSize > 0) seq[outSize - 1] = inSize - pool;
  return seq;
}

type FracOut = Tensor | [Tensor, Tensor];

function fractionalMaxPool(rank: 2 | 3, input: Tensor, kernel_size: Size, output_size: Size | null, output_ratio: number | number[] | null,
  return_indices: boolean, samples: Tensor | null): FracOut {
  const name = `fractional_max_pool${rank}d`;
  if (output_size === null && output_ratio === null) throw valueError(`${name} requires specifying either an output_size or an output_ratio`);
  if (input.dim() !== rank + 1 && input.dim() !== rank + 2) {
    throw runtimeError(`${name}(): Expected ${rank + 1}D or ${rank + 2}D tensor, but got: [${input.shape.join(', ')}]`);
  }
  const k = ntuple(kernel_size, rank, 'kernel_size');
  const sp = input.shape.slice(input.dim() - rank);
  const out = output_size !== null ? ntuple(output_size, rank, 'output_size')
    : ntuple(output_ratio!, rank, 'output_ratio').map((r, i) => Math.trunc(sp[i] * r));
  const lead = input.shape.slice(0, input.dim() - rank);
  const batch = input.dim() === rank + 1 ? 1 : input.shape[0], C = input.shape[input.dim() - rank - 1];
  const rs = samples ?? rand([batch, C, rank], { dtype: input.dtype, device: input.device });
  const dimNames = rank === 2 ? ['height', 'width'] : ['time', 'height', 'width'];
  for (let d = 0; d < rank; d++) {
    if (out[d] + k[d] - 1 > sp[d]) throw runtimeError(`${name}(): pool ${dimNames[d]} ${k[d]} too large relative to input ${dimNames[d]} ${sp[d]}`);
  }
  const planes = batch * C, inPlane = sp.reduce((a, b) => a * b, 1), outPlane = out.reduce((a, b) => a * b, 1);
  const oshape = [...lead, ...out];
  let values: Tensor, indices: Tensor;
  if (input.device === 'meta') {
    values = zeros(oshape, { dtype: input.dtype, device: 'meta' });
    indices = zeros(oshape, { dtype: 'int64', device: 'meta' });
  } else {
    const x = input._contiguousData(), r = rs._contiguousData();
    const ov = new Float64Array(planes * outPlane), oi = new Float64Array(planes * outPlane);
    const f32 = input.dtype !== 'float64';
    // 2-d samples are (w, h); 3-d samples are (t, h, w): ATen's own orders.
    const seqs = (p: number) => (rank === 2
      ? [intervals(r[p * 2 + 1], sp[0], out[0], k[0], f32), intervals(r[p * 2], sp[1], out[1], k[1], f32)]
      : [0, 1, 2].map((d) => intervals(r[p * 3 + d], sp[d], out[d], k[d], f32)));
    const [, H, W] = rank === 2 ? [1, sp[0], sp[1]] : sp;
    const [OD, OH, OW] = rank === 2 ? [1, out[0], out[1]] : out;
    const [KD, KH, KW] = rank === 2 ? [1, k[0], k[1]] : k;
    for (let p = 0; p < planes; p++) {
      const s = seqs(p);
      const [sT, sH, sW] = rank === 2 ? [[0], s[0], s[1]] : s;
      for (let t = 0; t < OD; t++) for (let h = 0; h < OH; h++) for (let w = 0; w < OW; w++) {
        let best = -Infinity, bi = (sT[t] * H + sH[h]) * W + sW[w];
        for (let t2 = sT[t]; t2 < sT[t] + KD; t2++) for (let h2 = sH[h]; h2 < sH[h] + KH; h2++) for (let w2 = sW[w]; w2 < sW[w] + KW; w2++) {
          const idx = (t2 * H + h2) * W + w2, v = x[p * inPlane + idx];
          if (v > best || Number.isNaN(v)) { best = v; bi = idx; }
        }
        const o = p * outPlane + (t * OH + h) * OW + w;
        ov[o] = best;
        oi[o] = bi;
      }
    }
    values = tensor(Array.from(ov), { dtype: input.dtype }).view(oshape);
    indices = tensor(Array.from(oi), { dtype: 'int64' }).view(oshape);
  }
  record(`FractionalMaxPool${rank}DBackward0`, values, [input], [indices], ([g], [ix]) => [
    zeros([planes, inPlane], { dtype: g!.dtype, device: g!.device }).scatter_add(1, ix.reshape([planes, outPlane]), g!.reshape([planes, outPlane])).view(input.shape),
  ]);
  return return_indices ? [values, indices] : values;
}

export const fractional_max_pool2d = (input: Tensor, kernel_size: Size, output_size: Size | null = null, output_ratio: number | number[] | null = null,
  return_indices = false, _random_samples: Tensor | null = null): FracOut => fractionalMaxPool(2, input, kernel_size, output_size, output_ratio, return_indices, _random_samples);
export const fractional_max_pool3d = (input: Tensor, kernel_size: Size, output_size: Size | null = null, output_ratio: number | number[] | null = null,
  return_indices = false, _random_samples: Tensor | null = null): FracOut => fractionalMaxPool(3, input, kernel_size, output_size, output_ratio, return_indices, _random_samples);
export const fractional_max_pool2d_with_indices = (input: Tensor, kernel_size: Size, output_size: Size | null = null, output_ratio: number | number[] | null = null,
  _random_samples: Tensor | null = null) => fractionalMaxPool(2, input, kernel_size, output_size, output_ratio, true, _random_samples) as [Tensor, Tensor];
export const fractional_max_pool3d_with_indices = (input: Tensor, kernel_size: Size, output_size: Size | null = null, output_ratio: number | number[] | null = null,
  _random_samples: Tensor | null = null) => fractionalMaxPool(3, input, kernel_size, output_size, output_ratio, true, _random_samples) as [Tensor, Tensor];
