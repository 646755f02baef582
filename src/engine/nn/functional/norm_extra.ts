// F.rms_norm and F.local_response_norm, composed from primitives exactly as ATen / torch.nn.functional
// compose them (so the graph shows MulBackward0 / DivBackward0 like PyTorch's).
import type { Tensor } from '../../tensor';
import { runtimeError, valueError } from '../../errors';
import { pad } from './pad';
import { avg_pool2d, avg_pool3d } from './pool';

/** torch.finfo(dtype).eps of the float dtypes. */
function finfoEps(dtype: Tensor['dtype']): number {
  if (dtype === 'float64') return 2.220446049250313e-16;
  if (dtype === 'float16') return 0.0009765625;
  if (dtype === 'bfloat16') return 0.0078125;
  return 1.1920928955078125e-7;
}

export function rms_norm(input: Tensor, normalized_shape: number | number[], weight: Tensor | null = null, eps: number | null = null): Tensor {
  const ns = typeof normalized_shape === 'number' ? [normalized_shape] : [...normalized_shape];
  const k = ns.length;
  if (k === 0 || input.dim() < k || input.shape.slice(input.dim() - k).some((d, i) => d !== ns[i])) {
    throw runtimeError(`Given normalized_shape=[${ns.join(', ')}], expected input with shape [*${ns.join(', ')}], but got input of size[${input.shape.join(', ')}]`);
  }
  if (weight && (weight.dim() !== k || weight.shape.some((d, i) => d !== ns[i]))) {
    throw runtimeError(`Expected weight to be of same shape as normalized_shape, but got weight of shape [${weight.shape.join(', ')}] and normalized_shape = [${ns.join(', ')}]`);
  }
  const dims = ns.map((_, i) => input.dim() - k + i);
  const r = input.pow(2).mean(dims, true).add(eps ?? finfoEps(input.dtype)).rsqrt();
  const out = input.mul(r);
  return weight ? out.mul(weight) : out;
}

/** Local response normalisation across channels (torch.nn.functional.local_response_norm, verbatim). */
export function local_response_norm(input: Tensor, size: number, alpha = 1e-4, beta = 0.75, k = 1.0): Tensor {
  const dim = input.dim();
  if (dim < 3) throw valueError(`Expected 3D or higher dimensionality${' '.repeat(26)}input (got ${dim} dimensions)`); // sic: PyTorch's line continuation
  if (input.numel() === 0) return input;
  let div = input.mul(input);
  if (dim === 3) {
    div = div.unsqueeze(1);
    div = pad(div, [0, 0, Math.floor(size / 2), Math.floor((size - 1) / 2)]);
    div = avg_pool2d(div, [size, 1], 1).squeeze(1);
  } else {
    const sizes = input.shape;
    div = div.view([sizes[0], 1, sizes[1], sizes[2], -1]);
    div = pad(div, [0, 0, 0, 0, Math.floor(size / 2), Math.floor((size - 1) / 2)]);
    div = avg_pool3d(div, [size, 1, 1], 1).squeeze(1);
    div = div.view([...sizes]);
  }
  div = div.mul(alpha).add(k).pow(beta);
  return input.div(div);
}
