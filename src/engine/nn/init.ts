// torch.nn.init: in-place initialisers with PyTorch's formulas, defaults and error text. All run
// under no_grad, draw through Tensor.uniform_/normal_ (PyTorch's generator streams), and are no-ops
// on the meta device so models build without allocating.
import { Tensor } from '../tensor';
import { valueError } from '../errors';
import { no_grad } from '../autograd/grad_mode';
import { eye } from '../ops/creation';
import { where } from '../ops/compare';
import '../ops/random'; // Tensor.uniform_ / normal_

export type Nonlinearity = 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d'
  | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';
export type FanMode = 'fan_in' | 'fan_out';

const LINEAR_FNS = ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'];

/** The recommended gain for a nonlinearity (param: leaky_relu's negative slope, default 0.01). */
export function calculate_gain(nonlinearity: Nonlinearity | string, param: number | null = null): number {
  if (LINEAR_FNS.includes(nonlinearity) || nonlinearity === 'sigmoid') return 1;
  if (nonlinearity === 'tanh') return 5.0 / 3;
  if (nonlinearity === 'relu') return Math.sqrt(2.0);
  if (nonlinearity === 'leaky_relu') {
    if (param !== null && (typeof param !== 'number' || Number.isNaN(param))) throw valueError(`negative_slope ${String(param)} not a valid number`);
    const slope = param ?? 0.01;
    return Math.sqrt(2.0 / (1 + slope ** 2));
  }
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw valueError(`Unsupported nonlinearity ${nonlinearity}`);
}

export function _calculate_fan_in_and_fan_out(t: Tensor): [number, number] {
  if (t.dim() < 2) throw valueError('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  let receptive = 1;
  for (const s of t.shape.slice(2)) receptive *= s;
  return [t.shape[1] * receptive, t.shape[0] * receptive];
}

function correctFan(t: Tensor, mode: string): number {
  const m = mode.toLowerCase();
  if (m !== 'fan_in' && m !== 'fan_out') throw valueError(`Mode ${m} not supported, please use one of ['fan_in', 'fan_out']`);
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(t);
  return m === 'fan_in' ? fanIn : fanOut;
}

const noGradUniform = (t: Tensor, a: number, b: number) => (t.is_meta ? t : no_grad(() => t.uniform_(a, b)));
const noGradNormal = (t: Tensor, mean: number, std: number) => (t.is_meta ? t : no_grad(() => t.normal_(mean, std)));

export const uniform_ = (t: Tensor, a = 0.0, b = 1.0): Tensor => noGradUniform(t, a, b);
export const normal_ = (t: Tensor, mean = 0.0, std = 1.0): Tensor => noGradNormal(t, mean, std);
export const constant_ = (t: Tensor, val: number): Tensor => no_grad(() => t.fill_(val));
export const ones_ = (t: Tensor): Tensor => no_grad(() => t.fill_(1.0));
export const zeros_ = (t: Tensor): Tensor => no_grad(() => t.zero_());

export function eye_(t: Tensor): Tensor {
  if (t.dim() !== 2) throw valueError('Only tensors with 2 dimensions are supported');
  no_grad(() => t.copy_(eye(t.shape[0], t.shape[1], { dtype: t.dtype, device: t.device })));
  return t;
}

/** Identity convolution kernels: a 1 at the centre of each (out, in) pair, per group. */
export function dirac_(t: Tensor, groups = 1): Tensor {
  const dims = t.dim();
  if (![3, 4, 5].includes(dims)) throw valueError('Only tensors with 3, 4, or 5 dimensions are supported');
  if (t.shape[0] % groups !== 0) throw valueError('dim 0 must be divisible by groups');
  if (t.is_meta) return t;
  const outPerGroup = t.shape[0] / groups;
  const minDim = Math.min(outPerGroup, t.shape[1]);
  no_grad(() => t.zero_());
  const d = t._data();
  const centre = t.shape.slice(2).reduce((off, s, i) => off + Math.floor(s / 2) * t._strides[i + 2], t._offset);
  for (let g = 0; g < groups; g++) {
    for (let k = 0; k < minDim; k++) d[centre + (g * outPerGroup + k) * t._strides[0] + k * t._strides[1]] = 1;
  }
  return t;
}

export function xavier_uniform_(t: Tensor, gain = 1.0): Tensor {
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(t);
  const a = Math.sqrt(3.0) * gain * Math.sqrt(2.0 / (fanIn + fanOut));
  return noGradUniform(t, -a, a);
}
export function xavier_normal_(t: Tensor, gain = 1.0): Tensor {
  const [fanIn, fanOut] = _calculate_fan_in_and_fan_out(t);
  return noGradNormal(t, 0, gain * Math.sqrt(2.0 / (fanIn + fanOut)));
}

export function kaiming_uniform_(t: Tensor, a = 0, mode: FanMode | string = 'fan_in', nonlinearity: Nonlinearity | string = 'leaky_relu'): Tensor {
  if (t.shape.includes(0)) return t; // PyTorch warns "Initializing zero-element tensors is a no-op"
  const bound = Math.sqrt(3.0) * (calculate_gain(nonlinearity, a) / Math.sqrt(correctFan(t, mode)));
  return noGradUniform(t, -bound, bound);
}
export function kaiming_normal_(t: Tensor, a = 0, mode: FanMode | string = 'fan_in', nonlinearity: Nonlinearity | string = 'leaky_relu'): Tensor {
  if (t.shape.includes(0)) return t;
  return noGradNormal(t, 0, calculate_gain(nonlinearity, a) / Math.sqrt(correctFan(t, mode)));
}

const normCdf = (x: number) => (1 + erf(x / Math.SQRT2)) / 2;
function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26 is too coarse for the acceptance test; use the series/continued fraction pair.
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let sum = ax, term = ax;
    for (let n = 1; n < 60; n++) { term *= (-ax * ax) / n; sum += term / (2 * n + 1); }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  let f = 0;
  for (let n = 60; n >= 1; n--) f = (n / 2) / (ax + f);
  return Math.sign(x) * (1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f));
}

/** Normal(mean, std) truncated to [a, b], drawn as PyTorch 2.x does (resampling or rejection from uniform). */
export function trunc_normal_(t: Tensor, mean = 0.0, std = 1.0, a = -2.0, b = 2.0): Tensor {
  if (t.is_meta) return t;
  return no_grad(() => {
    const p = normCdf((b - mean) / std) - normCdf((a - mean) / std);
    const lo = t.dtype === 'float64' ? a : Math.fround(a), hi = t.dtype === 'float64' ? b : Math.fround(b);
    if (p > 0.3) {
      let result = t.normal_(mean, std);
      while (true) {
        const mask = result.lt(lo).logical_or(result.gt(hi));
        if (!anyTrue(mask)) break;
        result = where(mask, t.new_empty(t.shape).normal_(mean, std), result);
      }
      if (result !== t) t.copy_(result);
      return t;
    }
    const mode = Math.max(a, Math.min(mean, b));
    const logPeak = -0.5 * ((mode - mean) / std) ** 2;
    const candidates = t.new_empty(t.shape);
    const accept = t.new_empty(t.shape);
    const score = (c: Tensor) => c.sub(mean).div(std).pow(2).mul(-0.5).sub(logPeak);
    t.uniform_(a, b);
    let cand = score(t);
    let pending = accept.uniform_().log().gt(cand);
    let result = t;
    while (anyTrue(pending)) {
      candidates.uniform_(a, b);
      result = where(pending, candidates, result);
      cand = score(candidates);
      pending = where(pending, accept.uniform_().log().gt(cand), pending);
    }
    if (result !== t) t.copy_(result);
    return t;
  });
}

function anyTrue(mask: Tensor): boolean {
  const d = mask.contiguous()._data();
  for (let i = 0; i < d.length; i++) if (d[i]) return true;
  return false;
}

/** A (semi-)orthogonal matrix from the QR decomposition of a normal draw, signs fixed by diag(R). */
export function orthogonal_(t: Tensor, gain = 1): Tensor {
  if (t.dim() < 2) throw valueError('Only tensors with 2 or more dimensions are supported');
  if (t.numel() === 0 || t.is_meta) return t;
  const rows = t.shape[0], cols = t.numel() / rows;
  const flat = t.new_empty([rows, cols]).normal_(0, 1);
  const tall = rows >= cols; // QR runs on the tall orientation: [m, n] with m >= n
  const m = tall ? rows : cols, n = tall ? cols : rows;
  const src = (tall ? flat : flat.t()).contiguous()._data();
  const q = Float64Array.from(src);
  // Modified Gram-Schmidt, twice for stability; R's diagonal stays positive, which is exactly
  // PyTorch's sign correction (q *= sign(diag(r))).
  for (let j = 0; j < n; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += q[i * n + k] * q[i * n + j];
        for (let i = 0; i < m; i++) q[i * n + j] -= dot * q[i * n + k];
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += q[i * n + j] ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < m; i++) q[i * n + j] = norm === 0 ? 0 : q[i * n + j] / norm;
  }
  const out = t.new_empty([rows, cols]);
  const od = out._data();
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) od[tall ? i * cols + j : j * cols + i] = q[i * n + j] * gain;
  no_grad(() => t.copy_(out.reshape(t.shape)));
  return t;
}
