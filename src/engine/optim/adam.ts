// torch.optim.Adam and AdamW (decoupled weight decay), with bias correction and AMSGrad, as PyTorch.
import { valueError } from '../errors';
import type { Tensor } from '../tensor';
import { Optimizer, type ParamsArg, type ParamState, type ParamGroup } from './optimizer';

export interface AdamOptions { lr?: number; betas?: [number, number]; eps?: number; weight_decay?: number; amsgrad?: boolean; maximize?: boolean }

export class Adam extends Optimizer {
  protected decoupled = false;

  constructor(params: ParamsArg, o: AdamOptions = {}, defaultWd = 0) {
    const d = { lr: 1e-3, betas: [0.9, 0.999] as [number, number], eps: 1e-8, weight_decay: defaultWd, amsgrad: false, maximize: false, foreach: null, capturable: false, differentiable: false, fused: null, ...o };
    if (d.lr < 0) throw valueError(`Invalid learning rate: ${d.lr}`);
    if (d.eps < 0) throw valueError(`Invalid epsilon value: ${d.eps}`);
    if (d.betas[0] < 0 || d.betas[0] >= 1) throw valueError(`Invalid beta parameter at index 0: ${d.betas[0]}`);
    if (d.betas[1] < 0 || d.betas[1] >= 1) throw valueError(`Invalid beta parameter at index 1: ${d.betas[1]}`);
    if (d.weight_decay < 0) throw valueError(`Invalid weight_decay value: ${d.weight_decay}`);
    super(params, d);
  }

  protected update(p: Tensor, grad: Tensor, st: ParamState, g: ParamGroup): void {
    const lr = g.lr as number, [b1, b2] = g.betas as [number, number], eps = g.eps as number, wd = g.weight_decay as number;
    let d = g.maximize ? grad.neg() : grad;
    if (!st.has('step')) {
      st.set('step', 0);
      st.set('exp_avg', p.detach().mul(0));
      st.set('exp_avg_sq', p.detach().mul(0));
      if (g.amsgrad) st.set('max_exp_avg_sq', p.detach().mul(0));
    }
    const step = (st.get('step') as number) + 1;
    st.set('step', step);
    if (wd !== 0) {
      if (this.decoupled) p.mul_(1 - lr * wd);
      else d = d.add(p, wd);
    }
    const m = (st.get('exp_avg') as Tensor).lerp_(d, 1 - b1);
    const v = (st.get('exp_avg_sq') as Tensor).mul_(b2).add_(d.mul(d), 1 - b2);
    const bc1 = 1 - Math.pow(b1, step);
    const bc2sqrt = Math.sqrt(1 - Math.pow(b2, step));
    let vmax = v;
    if (g.amsgrad) {
      vmax = (st.get('max_exp_avg_sq') as Tensor);
      vmax.copy_(vmax.maximum(v));
    }
    const denom = vmax.sqrt().div(bc2sqrt).add(eps);
    p.add_(m.div(denom), -lr / bc1);
  }
}

export class AdamW extends Adam {
  constructor(params: ParamsArg, o: AdamOptions = {}) {
    super(params, o, 0.01);
    this.decoupled = true;
  }
}
