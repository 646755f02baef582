// F.linear (the matmul family's), F.bilinear (x1ᵀ A x2 + b, composed from a GEMM) and F.normalize.
import { Tensor } from '../../tensor';
import { runtimeError } from '../../errors';
import { linear } from '../../ops/matmul';
import { norm, type NormOrd } from '../../ops/reduce';

export { linear };

export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  if (weight.dim() !== 3) throw runtimeError(`bilinear(): weight must be 3-dimensional, but got ${weight.dim()} dimensions`);
  const [O, I, J] = weight.shape;
  if (input1.dim() !== input2.dim()) throw runtimeError(`bilinear(): input dimensions do not match: got ${input1.dim()} and ${input2.dim()}`);
  for (let i = 0; i < input1.dim() - 1; i++) {
    if (input1.shape[i] !== input2.shape[i]) throw runtimeError(`bilinear(): input batch dimensions do not match: got ${input1.shape[i]} and ${input2.shape[i]}`);
  }
  if (input1.shape.at(-1) !== I) throw runtimeError(`bilinear(): input1 size does not match weight size: got ${input1.shape.at(-1)} but expected ${I}`);
  if (input2.shape.at(-1) !== J) throw runtimeError(`bilinear(): input2 size does not match weight size: got ${input2.shape.at(-1)} but expected ${J}`);
  if (bias && (bias.dim() !== 1 || bias.shape[0] !== O)) throw runtimeError(`bilinear(): bias size does not match weight size: got ${bias.shape.at(-1)} but expected ${O}`);
  const lead = input1.shape.slice(0, -1);
  const x1 = input1.reshape([-1, I]), x2 = input2.reshape([-1, J]);
  // (B, I) · (I, O·J) → (B, O, J), then contract J against x2.
  const t = x1.matmul(weight.permute([1, 0, 2]).reshape([I, O * J])).view([-1, O, J]);
  // As ATen: reshape to the batch shape first (ViewBackward0), then add the bias (AddBackward0).
  const y = t.mul(x2.unsqueeze(1)).sum(-1).view([...lead, O]);
  return bias ? y.add(bias) : y;
}

export function normalize(input: Tensor, p: NormOrd = 2.0, dim = 1, eps = 1e-12, out: Tensor | null = null): Tensor {
  if (out !== null) throw runtimeError('normalize(out=...) is not supported; assign the result instead');
  const denom = norm(input, p, dim, true).clamp_min(eps).expand_as(input);
  return input.div(denom);
}
