// torch.optim.RMSprop (centered, momentum) and torch.optim.Adagrad (lr_decay, initial accumulator).
import { valueError } from '../errors';
import type { Tensor } from '../tensor';
import { Optimizer, type ParamsArg, type ParamState, type ParamGroup } from './optimizer';

export interface RMSpropOptions { lr?: number; alpha?: number; eps?: number; weight_decay?: number; momentum?: number; centered?: boolean; maximize?: boolean }

export class RMSprop extends Optimizer {
  constructor(params: ParamsArg, o: RMSpropOptions = {}) {
    const d = { lr: 1e-2, alpha: 0.99, eps: 1e-8, weight_decay: 0, momentum: 0, centered: false, capturable: false, foreach: null, maximize: false, differentiable: false, ...o };
    if (d.lr < 0) throw valueError(`Invalid learning rate: ${d.lr}`);
    if (d.alpha < 0) throw valueError(`Invalid alpha value: ${d.alpha}`);
    super(params, d);
  }

  protected update(p: Tensor, grad: Tensor, st: ParamState, g: ParamGroup): void {
    const lr = g.lr as number, alpha = g.alpha as number, eps = g.eps as number, wd = g.weight_decay as number, momentum = g.momentum as number;
    let d = g.maximize ? grad.neg() : grad;
    if (!st.has('step')) {
      st.set('step', 0);
      st.set('square_avg', p.detach().mul(0));
      if (momentum > 0) st.set('momentum_buffer', p.detach().mul(0));
      if (g.centered) st.set('grad_avg', p.detach().mul(0));
    }
    st.set('step', (st.get('step') as number) + 1);
    if (wd !== 0) d = d.add(p, wd);
    const sq = (st.get('square_avg') as Tensor).mul_(alpha).add_(d.mul(d), 1 - alpha);
    let avg: Tensor;
    if (g.centered) {
      const ga = (st.get('grad_avg') as Tensor).lerp_(d, 1 - alpha);
      avg = sq.sub(ga.mul(ga)).sqrt().add(eps);
    } else avg = sq.sqrt().add(eps);
    if (momentum > 0) {
      const buf = (st.get('momentum_buffer') as Tensor).mul_(momentum).add_(d.div(avg));
      p.add_(buf, -lr);
    } else p.add_(d.div(avg), -lr);
  }
}

export interface AdagradOptions { lr?: number; lr_decay?: number; weight_decay?: number; initial_accumulator_value?: number; eps?: number; maximize?: boolean }

export class Adagrad extends Optimizer {
  constructor(params: ParamsArg, o: AdagradOptions = {}) {
    const d = { lr: 1e-2, lr_decay: 0, weight_decay: 0, initial_accumulator_value: 0, eps: 1e-10, foreach: null, maximize: false, differentiable: false, fused: null, ...o };
    if (d.lr < 0) throw valueError(`Invalid learning rate: ${d.lr}`);
    super(params, d);
    // Adagrad creates its state eagerly, as PyTorch does.
    for (const grp of this.param_groups) for (const p of grp.params) {
      this.state.set(p, new Map<string, Tensor | number | null>([['step', 0], ['sum', p.detach().mul(0).add(grp.initial_accumulator_value as number)]]));
    }
  }

  protected update(p: Tensor, grad: Tensor, st: ParamState, g: ParamGroup): void {
    const lr = g.lr as number, wd = g.weight_decay as number, eps = g.eps as number, decay = g.lr_decay as number;
    let d = g.maximize ? grad.neg() : grad;
    const step = (st.get('step') as number) + 1;
    st.set('step', step);
    if (wd !== 0) d = d.add(p, wd);
    const clr = lr / (1 + (step - 1) * decay);
    const sum = (st.get('sum') as Tensor).add_(d.mul(d));
    p.add_(d.div(sum.sqrt().add(eps)), -clr);
  }
}
