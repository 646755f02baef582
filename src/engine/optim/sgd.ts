// torch.optim.SGD: momentum (with dampening), Nesterov, weight decay, maximize — PyTorch's update rule.
import { valueError } from '../errors';
import type { Tensor } from '../tensor';
import { Optimizer, type ParamsArg, type ParamState, type ParamGroup } from './optimizer';

export interface SGDOptions { lr?: number; momentum?: number; dampening?: number; weight_decay?: number; nesterov?: boolean; maximize?: boolean }

export class SGD extends Optimizer {
  constructor(params: ParamsArg, o: SGDOptions = {}) {
    const d = { lr: 1e-3, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false, foreach: null, differentiable: false, fused: null, ...o };
    if (d.lr < 0) throw valueError(`Invalid learning rate: ${d.lr}`);
    if (d.momentum < 0) throw valueError(`Invalid momentum value: ${d.momentum}`);
    if (d.weight_decay < 0) throw valueError(`Invalid weight_decay value: ${d.weight_decay}`);
    if (d.nesterov && (d.momentum <= 0 || d.dampening !== 0)) throw valueError('Nesterov momentum requires a momentum and zero dampening');
    super(params, d);
  }

  protected update(p: Tensor, grad: Tensor, st: ParamState, g: ParamGroup): void {
    const lr = g.lr as number, momentum = g.momentum as number, dampening = g.dampening as number, wd = g.weight_decay as number;
    let d = g.maximize ? grad.neg() : grad;
    if (wd !== 0) d = d.add(p, wd);
    if (momentum !== 0) {
      let buf = st.get('momentum_buffer') as Tensor | undefined;
      if (!buf) buf = d.detach().clone();
      else buf = buf.mul_(momentum).add_(d, 1 - dampening);
      st.set('momentum_buffer', buf);
      d = g.nesterov ? d.add(buf, momentum) : buf;
    }
    p.add_(d, -lr);
  }
}
