// torch.nn.utils gradient helpers: clip_grad_norm_, clip_grad_value_, parameters_to_vector,
// vector_to_parameters — PyTorch's formulas (total norm over all grads; clip coefficient max/(norm+1e-6)).
import { runtimeError, typeError } from '../../errors';
import { Tensor } from '../../tensor';
import { no_grad } from '../../autograd/grad_mode';
import { torch } from '../../torch';

const asList = (p: Tensor | Iterable<Tensor>): Tensor[] => (p instanceof Tensor ? [p] : [...p]);

export function clip_grad_norm_(parameters: Tensor | Iterable<Tensor>, max_norm: number, norm_type: number = 2, error_if_nonfinite = false): Tensor {
  const grads = asList(parameters).map((p) => p.grad).filter((g): g is Tensor => g !== null);
  if (grads.length === 0) return torch.tensor(0);
  return no_grad(() => {
    let total: Tensor;
    if (norm_type === Infinity) {
      total = torch.tensor(Math.max(...grads.map((g) => Number(g.abs().reshape(-1).sum().mul(0).add(maxAbs(g)).item()))));
    } else {
      let acc = 0;
      for (const g of grads) acc += Number(g.abs().pow(norm_type).sum().item());
      total = torch.tensor(Math.pow(acc, 1 / norm_type));
    }
    const tn = Number(total.item());
    if (error_if_nonfinite && !Number.isFinite(tn)) {
      throw runtimeError(`The total norm of order ${norm_type} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``);
    }
    const coef = Math.min(max_norm / (tn + 1e-6), 1);
    for (const g of grads) g.mul_(coef);
    return total;
  });
}

function maxAbs(g: Tensor): number {
  let m = 0;
  for (const v of (g.abs().reshape(-1).tolist() as number[])) m = Math.max(m, v);
  return m;
}

export function clip_grad_value_(parameters: Tensor | Iterable<Tensor>, clip_value: number): void {
  no_grad(() => {
    for (const p of asList(parameters)) if (p.grad) p.grad.clamp_(-clip_value, clip_value);
  });
}

export function parameters_to_vector(parameters: Iterable<Tensor>): Tensor {
  const flat = [...parameters].map((p) => p.reshape(-1).tolist() as number[]).flat();
  return torch.tensor(flat);
}

export function vector_to_parameters(vec: Tensor, parameters: Iterable<Tensor>): void {
  if (!(vec instanceof Tensor)) throw typeError(`expected torch.Tensor, but got: ${typeof vec}`);
  let off = 0;
  no_grad(() => {
    for (const p of parameters) {
      const n = p.numel();
      p.copy_(vec.narrow(0, off, n).view(p.shape));
      off += n;
    }
  });
}
