// torch.optim.Adadelta (running averages of squared gradients and updates) and torch.optim.Adamax
// (Adam with an infinity-norm second moment), with PyTorch's update rules, defaults and checks.
import { valueError } from '../errors';
import type { Tensor } from '../tensor';
import { Optimizer, type ParamsArg, type ParamState, type ParamGroup } from './optimizer';

export interface AdadeltaOptions { lr?: number; rho?: number; eps?: number; weight_decay?: number; maximize?: boolean }

export class Adadelta extends Optimizer {
  constructor(params: ParamsArg, o: AdadeltaOptions = {}) {
    const d = { lr: 1.0, rho: 0.9, eps: 1e-6, weight_decay: 0, foreach: null, capturable: false, maximize: false, differentiable: false, ...o };
    if (!(d.lr >= 0)) throw valueError(`Invalid learning rate: ${d.lr}`);
    if (!(d.rho >= 0 && d.rho <= 1)) throw valueError(`Invalid rho value: ${d.rho}`);
    if (!(d.eps >= 0)) throw valueError(`Invalid epsilon value: ${d.eps}`);
    if (!(d.weight_decay >= 0)) throw valueError(`Invalid weight_decay value: ${d.weight_decay}`);
    super(params, d);
  }

  protected update(p: Tensor, grad: Tensor, st: ParamState, g: ParamGroup): void {
    const lr = g.lr as number, rho = g.rho as number, eps = g.eps as number, wd = g.weight_decay as number;
    let d = g.maximize ? grad.neg() : grad;
    if (!st.has('step')) {
      st.set('step', 0);
      st.set('square_avg', p.detach().mul(0));
      st.set('acc_delta', p.detach().mul(0));
    }
    st.set('step', (st.get('step') as number) + 1);
    if (wd !== 0) d = d.add(p, wd);
    const sq = (st.get('square_avg') as Tensor).mul_(rho).add_(d.mul(d), 1 - rho);
    const acc = st.get('acc_delta') as Tensor;
    // delta = sqrt(acc_delta + eps) / sqrt(square_avg + eps) * grad, computed before acc_delta moves.
    const delta = acc.add(eps).sqrt().div(sq.add(eps).sqrt()).mul(d);
    acc.mul_(rho).add_(delta.mul(delta), 1 - rho);
    p.add_(delta, -lr);
  }
}

export interface AdamaxOptions { lr?: number; betas?: [number, number]; eps?: number; weight_decay?: number; maximize?: boolean }

export class Adamax extends Optimizer {
  constructor(params: ParamsArg, o: AdamaxOptions = {}) {
    const d = { lr: 2e-3, betas: [0.9, 0.999] as [number, number], eps: 1e-8, weight_decay: 0, foreach: null, maximize: false, differentiable: false, capturable: false, ...o };
    checkAdamLike(d);
    super(params, d);
  }

  protected update(p: Tensor, grad: Tensor, st: ParamState, g: ParamGroup): void {
    const lr = g.lr as number, [b1, b2] = g.betas as [number, number], eps = g.eps as number, wd = g.weight_decay as number;
    let d = g.maximize ? grad.neg() : grad;
    if (!st.has('step')) {
      st.set('step', 0);
      st.set('exp_avg', p.detach().mul(0));
      st.set('exp_inf', p.detach().mul(0));
    }
    const step = (st.get('step') as number) + 1;
    st.set('step', step);
    if (wd !== 0) d = d.add(p, wd);
    const m = (st.get('exp_avg') as Tensor).lerp_(d, 1 - b1);
    const u = st.get('exp_inf') as Tensor;
    u.copy_(u.mul(b2).maximum(d.abs().add(eps)));
    p.add_(m.div(u), -lr / (1 - Math.pow(b1, step)));
  }
}

/** The lr / eps / betas / weight_decay checks Adam, Adamax, NAdam and RAdam share, in PyTorch's order and wording. */
export function checkAdamLike(d: { lr: number; eps: number; betas: [number, number]; weight_decay: number }): void {
  if (!(d.lr >= 0)) throw valueError(`Invalid learning rate: ${d.lr}`);
  if (!(d.eps >= 0)) throw valueError(`Invalid epsilon value: ${d.eps}`);
  if (!(d.betas[0] >= 0 && d.betas[0] < 1)) throw valueError(`Invalid beta parameter at index 0: ${d.betas[0]}`);
  if (!(d.betas[1] >= 0 && d.betas[1] < 1)) throw valueError(`Invalid beta parameter at index 1: ${d.betas[1]}`);
  if (!(d.weight_decay >= 0)) throw valueError(`Invalid weight_decay value: ${d.weight_decay}`);
}
