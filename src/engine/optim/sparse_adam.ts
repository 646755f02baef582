// torch.optim.SparseAdam: Adam masked to the entries a sparse gradient materialises. nnlens has no
// sparse tensors, so every gradient is dense and step() fails with PyTorch's own message, plus why.
import { runtimeError, valueError } from '../errors';
import type { Tensor } from '../tensor';
import { Optimizer, type ParamsArg, type ParamState, type ParamGroup } from './optimizer';

export interface SparseAdamOptions { lr?: number; betas?: [number, number]; eps?: number; maximize?: boolean }

export class SparseAdam extends Optimizer {
  constructor(params: ParamsArg, o: SparseAdamOptions = {}) {
    const d = { lr: 1e-3, betas: [0.9, 0.999] as [number, number], eps: 1e-8, maximize: false, ...o };
    if (!(d.lr > 0)) throw valueError(`Invalid learning rate: ${d.lr}`);
    if (!(d.eps > 0)) throw valueError(`Invalid epsilon value: ${d.eps}`);
    if (!(d.betas[0] >= 0 && d.betas[0] < 1)) throw valueError(`Invalid beta parameter at index 0: ${d.betas[0]}`);
    if (!(d.betas[1] >= 0 && d.betas[1] < 1)) throw valueError(`Invalid beta parameter at index 1: ${d.betas[1]}`);
    super(params, d);
  }

  protected update(_p: Tensor, _grad: Tensor, _st: ParamState, _g: ParamGroup): void {
    // PyTorch raises this for any dense gradient; here every gradient is dense (no sparse layout exists,
    // so nn.Embedding(sparse=True) produces dense gradients too).
    throw runtimeError(
      'SparseAdam does not support dense gradients, please consider Adam instead ' +
        '(nnlens has no sparse tensors, so SparseAdam can be constructed but never stepped)',
    );
  }
}
