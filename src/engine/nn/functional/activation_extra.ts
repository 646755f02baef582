// The less common activation functionals: glu, hardshrink, softshrink and rrelu, each a primitive
// with PyTorch's backward node (GluBackward0, ..., RreluWithNoiseBackward0).
import { Tensor, emptyTensor } from '../../tensor';
import { runtimeError } from '../../errors';
import { record } from '../../autograd/node';
import { default_generator } from '../../random';
import { where } from '../../ops/compare';
import { cat, chunk } from '../../ops/shape_ops';
import { pointwise, maybeInplace, requireFloat } from './util';
import { leaky_relu } from './activation';
import { scalarTypeName } from '../../dtype';

/** a * sigmoid(b) for the two halves of `dim`; the backward concatenates both halves' gradients. */
export function glu(input: Tensor, dim = -1): Tensor {
  if (input.dim() === 0) throw runtimeError('glu does not support scalars because halving size must be even');
  const d = dim < 0 ? dim + input.dim() : dim;
  if (input.shape[d] % 2 !== 0) throw runtimeError(`Halving dimension must be even, but dimension ${d} is size ${input.shape[d]}`);
  requireFloat(input, 'glu_cpu');
  const fwd = (x: Tensor) => {
    const [a, b] = chunk(x, 2, d);
    return a.mul(b.sigmoid());
  };
  const out = fwd(input.detach());
  record('GluBackward0', out, [input], [input], ([g], [x]) => {
    const [a, b] = chunk(x, 2, d);
    const s = b.sigmoid();
    return [cat([g!.mul(s), g!.mul(a).mul(s).mul(s.neg().add(1))], d)];
  });
  return out;
}

export function hardshrink(input: Tensor, lambd = 0.5): Tensor {
  return pointwise(input, {
    node: 'HardshrinkBackward0', kernel: 'hardshrink_cpu', f: (v) => (v >= -lambd && v <= lambd ? 0 : v),
    grad: (g, x) => where(x.abs().gt(lambd), g, 0), df: (v) => (v >= -lambd && v <= lambd ? 0 : 1),
  });
}

export function softshrink(input: Tensor, lambd = 0.5): Tensor {
  if (lambd < 0) {
    const range = input.dtype === 'float64' ? '[0, 1.79769e+308] for input dtype Double' : `[0, 3.40282e+38] for input dtype ${scalarTypeName(input.dtype)}`;
    throw runtimeError(`lambda must be in range ${range}, but found ${String(lambd)}`);
  }
  return pointwise(input, {
    node: 'SoftshrinkBackward0', kernel: 'softshrink_cpu', f: (v) => (v > lambd ? v - lambd : v < -lambd ? v + lambd : 0),
    grad: (g, x) => where(x.abs().gt(lambd), g, 0), df: (v) => (v >= -lambd && v <= lambd ? 0 : 1),
  });
}

/**
 * Randomized leaky ReLU. Training: every non-positive element gets its own slope drawn (in element
 * order, one double per draw, as PyTorch's CPU kernel does) from U(lower, upper); eval: the mean slope.
 */
export function rrelu(input: Tensor, lower = 1.0 / 8, upper = 1.0 / 3, training = false, inplace = false): Tensor {
  if (lower > upper) throw runtimeError(`Lower bound should be less than or equal to the upper bound`);
  requireFloat(input, 'rrelu_with_noise_cpu');
  return maybeInplace(input, inplace, 'rrelu', (x) => (training ? rreluTrain(x, lower, upper) : rreluEval(x, (lower + upper) / 2)));
}

function rreluEval(x: Tensor, slope: number): Tensor {
  const out = leaky_relu(x.detach(), slope);
  record('RreluWithNoiseBackward0', out, [x], [x], ([g], [xx]) => [where(xx.gt(0), g!, g!.mul(slope))]);
  return out;
}

function rreluTrain(x: Tensor, lower: number, upper: number): Tensor {
  const out = emptyTensor(x.shape, x.dtype, x.device);
  const noise = emptyTensor(x.shape, x.dtype, x.device);
  if (x.device === 'cpu') {
    const src = x._contiguousData(), o = out._data(), n = noise._data();
    const round = x.dtype === 'float64' ? (v: number) => v : Math.fround;
    for (let i = 0; i < src.length; i++) {
      if (src[i] <= 0) {
        const r = round(default_generator.uniformDouble() * (upper - lower) + lower);
        o[i] = src[i] * r;
        n[i] = r;
      } else {
        o[i] = src[i];
        n[i] = 1;
      }
    }
  }
  record('RreluWithNoiseBackward0', out, [x], [noise], ([g], [nz]) => [g!.mul(nz)]);
  return out;
}
