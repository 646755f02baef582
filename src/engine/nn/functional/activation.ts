// Activation functionals (torch.nn.functional): primitives where PyTorch has its own backward node
// (GeluBackward0, EluBackward0, ...), composites where PyTorch's graph shows plain ops (softsign,
// tanhshrink). Forwards run per element in float64 and round to the tensor's dtype.
import { Tensor } from '../../tensor';
import { runtimeError, valueError } from '../../errors';
import { record } from '../../autograd/node';
import { where } from '../../ops/compare';
import * as E from '../../ops/elementwise';
import { softmax as softmaxOp, log_softmax as logSoftmaxOp, softmin as softminOp } from '../../ops/scan';
import { erf } from '../../backend';
import { sumToShape } from '../../ops/util';
import { mapFn, maybeInplace, pointwise, requireFloat } from './util';
import type { DType } from '../../dtype';

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const K_TANH = Math.sqrt(2 / Math.PI);
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
const sigm = (v: number) => 1 / (1 + Math.exp(-v));
const softplus1 = (v: number) => (v > 20 ? v : Math.log1p(Math.exp(v)));
/** erf to 1.5e-7 absolute (Abramowitz–Stegun 7.1.26): plenty for a float32 gradient, ~10x cheaper than the series. */
function erfFast(v: number): number {
  const a = Math.abs(v), t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return v < 0 ? -y : y;
}

export const relu = (x: Tensor, inplace = false): Tensor => maybeInplace(x, inplace, 'relu', E.relu);
export const sigmoid = (x: Tensor): Tensor => E.sigmoid(x);
export const tanh = (x: Tensor): Tensor => E.tanh(x);

export function threshold(x: Tensor, th: number, value: number, inplace = false): Tensor {
  return maybeInplace(x, inplace, 'threshold', (t) => pointwise(t, {
    node: 'ThresholdBackward0', kernel: 'threshold_cpu', f: (v) => (v > th || v !== v ? v : value),
    grad: (g, xx) => g.mul(xx.gt(th)), df: (v) => (v > th ? 1 : 0),
  }));
}

export function hardtanh(x: Tensor, min_val = -1.0, max_val = 1.0, inplace = false): Tensor {
  if (min_val > max_val) throw valueError('min_val cannot be greater than max_val');
  return maybeInplace(x, inplace, 'hardtanh', (t) => pointwise(t, {
    node: 'HardtanhBackward0', kernel: 'hardtanh_backward_cpu', f: (v) => (v < min_val ? min_val : v > max_val ? max_val : v),
    grad: (g, xx) => g.mul(xx.gt(min_val).logical_and(xx.lt(max_val))), df: (v) => (v > min_val && v < max_val ? 1 : 0),
  }));
}

export const relu6 = (x: Tensor, inplace = false): Tensor => hardtanh(x, 0, 6, inplace);

export function leaky_relu(x: Tensor, negative_slope = 0.01, inplace = false): Tensor {
  return maybeInplace(x, inplace, 'leaky_relu', (t) => pointwise(t, {
    node: 'LeakyReluBackward0', kernel: 'leaky_relu_cpu', f: (v) => (v > 0 ? v : v * negative_slope),
    grad: (g, xx) => where(xx.gt(0), g, g.mul(negative_slope)), df: (v) => (v > 0 ? 1 : negative_slope),
  }));
}

/** PyTorch's elu kernel with its three coefficients (elu, selu and celu are all this). */
function eluCore(node: string, x: Tensor, alpha: number, scale: number, inputScale: number): Tensor {
  const negCoef = alpha * scale * inputScale;
  return pointwise(x, {
    node, kernel: 'elu_cpu', f: (v) => (v > 0 ? v * scale : Math.expm1(v * inputScale) * alpha * scale),
    grad: (g, xx) => where(xx.gt(0), g.mul(scale), g.mul(xx.mul(inputScale).exp().mul(negCoef))),
    df: (v) => (v > 0 ? scale : Math.exp(v * inputScale) * negCoef),
  });
}
export const elu = (x: Tensor, alpha = 1.0, inplace = false): Tensor => maybeInplace(x, inplace, 'elu', (t) => eluCore('EluBackward0', t, alpha, 1, 1));
export const selu = (x: Tensor, inplace = false): Tensor => maybeInplace(x, inplace, 'selu', (t) => eluCore('EluBackward0', t, SELU_ALPHA, SELU_SCALE, 1));
export const celu = (x: Tensor, alpha = 1.0, inplace = false): Tensor => {
  if (alpha === 0) throw runtimeError('ZeroDivisionError');
  return maybeInplace(x, inplace, 'celu', (t) => eluCore('CeluBackward0', t, alpha, 1, 1 / alpha));
};

const geluTanhInner = (v: number) => K_TANH * (v + 0.044715 * v * v * v);
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  if (approximate !== 'none' && approximate !== 'tanh') throw runtimeError(`approximate argument must be either none or tanh.`);
  if (approximate === 'tanh') {
    return pointwise(x, {
      node: 'GeluBackward0', kernel: 'GeluKernelImpl', f: (v) => 0.5 * v * (1 + Math.tanh(geluTanhInner(v))),
      grad: (g, xx) => {
        const x2 = xx.mul(xx);
        const t = xx.add(x2.mul(xx).mul(0.044715)).mul(K_TANH).tanh();
        const dinner = x2.mul(3 * 0.044715).add(1).mul(K_TANH);
        return g.mul(t.add(1).mul(0.5).add(xx.mul(0.5).mul(t.mul(t).neg().add(1)).mul(dinner)));
      },
      df: (v) => {
        const t = Math.tanh(geluTanhInner(v));
        return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * K_TANH * (1 + 3 * 0.044715 * v * v);
      },
    });
  }
  return pointwise(x, {
    node: 'GeluBackward0', kernel: 'GeluKernelImpl', f: (v) => 0.5 * v * (1 + erf(v * SQRT1_2)), fast: 'gelu',
    grad: (g, xx) => {
      const cdf = xx.mul(SQRT1_2).erf().add(1).mul(0.5);
      const pdf = xx.mul(xx).mul(-0.5).exp().mul(INV_SQRT_2PI);
      return g.mul(cdf.add(xx.mul(pdf)));
    },
    df: (v) => 0.5 * (1 + erfFast(v * SQRT1_2)) + v * Math.exp(-0.5 * v * v) * INV_SQRT_2PI,
  });
}

export function silu(x: Tensor, inplace = false): Tensor {
  return maybeInplace(x, inplace, 'silu', (t) => pointwise(t, {
    node: 'SiluBackward0', kernel: 'silu_cpu', f: (v) => v * sigm(v), fast: 'silu',
    grad: (g, xx) => { const s = xx.sigmoid(); return g.mul(s.mul(xx.mul(s.neg().add(1)).add(1))); },
    df: (v) => { const s = sigm(v); return s * (1 + v * (1 - s)); },
  }));
}

export function mish(x: Tensor, inplace = false): Tensor {
  return maybeInplace(x, inplace, 'mish', (t) => pointwise(t, {
    node: 'MishBackward0', kernel: 'mish_cpu', f: (v) => v * Math.tanh(softplus1(v)),
    grad: (g, xx) => { const tsp = softplus(xx).tanh(); return g.mul(tsp.add(xx.mul(xx.sigmoid()).mul(tsp.mul(tsp).neg().add(1)))); },
    df: (v) => { const tsp = Math.tanh(softplus1(v)); return tsp + v * sigm(v) * (1 - tsp * tsp); },
  }));
}

export function hardswish(x: Tensor, inplace = false): Tensor {
  return maybeInplace(x, inplace, 'hardswish', (t) => pointwise(t, {
    node: 'HardswishBackward0', kernel: 'hardswish_cpu', f: (v) => (v * Math.min(Math.max(v + 3, 0), 6)) / 6,
    grad: (g, xx) => where(xx.lt(-3), g.mul(0), where(xx.le(3), g.mul(xx.div(3).add(0.5)), g)),
    df: (v) => (v < -3 ? 0 : v <= 3 ? v / 3 + 0.5 : 1),
  }));
}

export function hardsigmoid(x: Tensor, inplace = false): Tensor {
  return maybeInplace(x, inplace, 'hardsigmoid', (t) => pointwise(t, {
    node: 'HardsigmoidBackward0', kernel: 'hardsigmoid_cpu', f: (v) => Math.min(Math.max(v + 3, 0), 6) / 6,
    grad: (g, xx) => g.mul(xx.gt(-3).logical_and(xx.lt(3))).div(6), df: (v) => (v > -3 && v < 3 ? 1 / 6 : 0),
  }));
}

export function softplus(x: Tensor, beta = 1.0, threshold_ = 20.0): Tensor {
  return pointwise(x, {
    node: 'SoftplusBackward0', kernel: 'softplus_cpu', f: (v) => (v * beta > threshold_ ? v : Math.log1p(Math.exp(v * beta)) / beta),
    fast: beta === 1 && threshold_ === 20 ? 'softplus' : undefined,
    grad: (g, xx) => where(xx.mul(beta).gt(threshold_), g, g.mul(xx.mul(beta).sigmoid())),
    df: (v) => (v * beta > threshold_ ? 1 : sigm(v * beta)),
  });
}

export function logsigmoid(x: Tensor): Tensor {
  return pointwise(x, {
    node: 'LogSigmoidBackward0', kernel: 'log_sigmoid_cpu', f: (v) => -softplus1(-v),
    grad: (g, xx) => g.mul(xx.neg().sigmoid()), df: (v) => sigm(-v),
  });
}

/** x / (1 + |x|), composed (PyTorch's graph: DivBackward0). */
export const softsign = (x: Tensor): Tensor => x.div(x.abs().add(1));
/** x − tanh(x), composed (SubBackward0). */
export const tanhshrink = (x: Tensor): Tensor => x.sub(x.tanh());

/** PReLU: max(0,x) + weight·min(0,x), weight per channel (dim 1) or one shared value. */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  requireFloat(x, 'prelu_cpu');
  const n = weight.numel();
  if (weight.dim() > 1) throw runtimeError(`prelu: Expected \`weight\` to be a scalar or 1D tensor, but got: ndim = ${weight.dim()}`);
  const channels = x.dim() >= 2 ? x.shape[1] : 1;
  if (n !== 1 && n !== channels) {
    if (x.dim() === 0) throw runtimeError('Not allow zero-dim input tensor.');
    throw runtimeError(`Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} and channel size = ${channels}.`);
  }
  const wShape = x.dim() >= 2 && n > 1 ? x.shape.map((_, i) => (i === 1 ? n : 1)) : [];
  const wb = weight.detach().reshape(wShape.length ? wShape : n === 1 && x.dim() > 0 ? [] : weight.shape);
  const pos = mapFn(x, (v) => (v > 0 ? v : 0));
  const negMask = mapFn(x, (v) => (v > 0 ? 0 : 1));
  const out = x.device === 'meta' ? pos : E.add(pos, E.mul(E.mul(x.detach(), negMask), wb));
  record('PreluKernelBackward0', out, [x, weight], [x, weight], ([g], [xx, w]) => {
    const wv = w.reshape(wShape.length ? wShape : n === 1 && xx.dim() > 0 ? [] : w.shape);
    const neg = xx.le(0);
    return [where(neg, g!.mul(wv), g!), sumToShape(where(neg, g!.mul(xx), g!.mul(0)), wShape.length ? wShape : wv.shape).reshape(w.shape)];
  });
  return out;
}

export const softmax = (x: Tensor, dim: number | null = null, _stacklevel = 3, dtype?: DType): Tensor => softmaxOp(x, dim, dtype);
export const log_softmax = (x: Tensor, dim: number | null = null, _stacklevel = 3, dtype?: DType): Tensor => logSoftmaxOp(x, dim, dtype);
export const softmin = (x: Tensor, dim: number | null = null, _stacklevel = 3, dtype?: DType): Tensor => softminOp(x, dim, dtype);
