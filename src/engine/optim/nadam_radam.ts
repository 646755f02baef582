// torch.optim.NAdam (Nesterov momentum with the momentum_decay schedule) and torch.optim.RAdam
// (variance-rectified Adam), both with optional decoupled (AdamW-style) weight decay, as PyTorch.
import { valueError } from '../errors';
import type { Tensor } from '../tensor';
import { Optimizer, type ParamsArg, type ParamState, type ParamGroup } from './optimizer';
import { checkAdamLike } from './adadelta_adamax';

export interface NAdamOptions {
  lr?: number; betas?: [number, number]; eps?: number; weight_decay?: number; momentum_decay?: number;
  decoupled_weight_decay?: boolean; maximize?: boolean;
}

/** Weight decay as both optimizers apply it: shrink the parameter (decoupled) or add to the gradient. */
function decay(p: Tensor, d: Tensor, g: ParamGroup): Tensor {
  const wd = g.weight_decay as number;
  if (wd === 0) return d;
  if (g.decoupled_weight_decay) {
    p.mul_(1 - (g.lr as number) * wd);
    return d;
  }
  return d.add(p, wd);
}

function initMoments(p: Tensor, st: ParamState): void {
  st.set('exp_avg', p.detach().mul(0));
  st.set('exp_avg_sq', p.detach().mul(0));
}

export class NAdam extends Optimizer {
  constructor(params: ParamsArg, o: NAdamOptions = {}) {
    const d = {
      lr: 2e-3, betas: [0.9, 0.999] as [number, number], eps: 1e-8, weight_decay: 0, momentum_decay: 4e-3,
      decoupled_weight_decay: false, maximize: false, foreach: null, capturable: false, differentiable: false, ...o,
    };
    checkAdamLike(d);
    if (!(d.momentum_decay >= 0)) throw valueError(`Invalid momentum_decay value: ${d.momentum_decay}`);
    super(params, d);
  }

  protected update(p: Tensor, grad: Tensor, st: ParamState, g: ParamGroup): void {
    const lr = g.lr as number, [b1, b2] = g.betas as [number, number], eps = g.eps as number, psi = g.momentum_decay as number;
    if (!st.has('step')) {
      st.set('step', 0);
      st.set('mu_product', 1);
      initMoments(p, st);
    }
    const step = (st.get('step') as number) + 1;
    st.set('step', step);
    const d = decay(p, g.maximize ? grad.neg() : grad, g);
    // The momentum schedule mu_t = beta1 * (1 - 0.5 * 0.96^(t * psi)); mu_product is their running product.
    const mu = b1 * (1 - 0.5 * Math.pow(0.96, step * psi));
    const muNext = b1 * (1 - 0.5 * Math.pow(0.96, (step + 1) * psi));
    // PyTorch keeps mu_product in a float32 0-dim tensor; rounding the same way keeps long runs in step.
    const muProduct = Math.fround((st.get('mu_product') as number) * mu);
    st.set('mu_product', muProduct);
    const m = (st.get('exp_avg') as Tensor).lerp_(d, 1 - b1);
    const v = (st.get('exp_avg_sq') as Tensor).mul_(b2).add_(d.mul(d), 1 - b2);
    const denom = v.div(1 - Math.pow(b2, step)).sqrt().add(eps);
    p.add_(d.div(denom), (-lr * (1 - mu)) / (1 - muProduct));
    p.add_(m.div(denom), (-lr * muNext) / (1 - muProduct * muNext));
  }
}

export interface RAdamOptions { lr?: number; betas?: [number, number]; eps?: number; weight_decay?: number; decoupled_weight_decay?: boolean; maximize?: boolean }

export class RAdam extends Optimizer {
  constructor(params: ParamsArg, o: RAdamOptions = {}) {
    const d = {
      lr: 1e-3, betas: [0.9, 0.999] as [number, number], eps: 1e-8, weight_decay: 0, decoupled_weight_decay: false,
      foreach: null, maximize: false, capturable: false, differentiable: false, ...o,
    };
    checkAdamLike(d);
    super(params, d);
  }

  protected update(p: Tensor, grad: Tensor, st: ParamState, g: ParamGroup): void {
    const lr = g.lr as number, [b1, b2] = g.betas as [number, number], eps = g.eps as number;
    if (!st.has('step')) {
      st.set('step', 0);
      initMoments(p, st);
    }
    const step = (st.get('step') as number) + 1;
    st.set('step', step);
    const d = decay(p, g.maximize ? grad.neg() : grad, g);
    const m = (st.get('exp_avg') as Tensor).lerp_(d, 1 - b1);
    const v = (st.get('exp_avg_sq') as Tensor).mul_(b2).add_(d.mul(d), 1 - b2);
    const bc1 = 1 - Math.pow(b1, step);
    const bc2 = 1 - Math.pow(b2, step);
    const mHat = m.div(bc1);
    // rho_t: length of the approximated simple moving average; the variance is tractable when it exceeds 5.
    const rhoInf = 2 / (1 - b2) - 1;
    const rhoT = rhoInf - (2 * step * Math.pow(b2, step)) / bc2;
    if (rhoT > 5) {
      const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
      const adaptive = v.sqrt().add(eps).reciprocal().mul(Math.sqrt(bc2));
      p.add_(mHat.mul(lr).mul(adaptive).mul(rect), -1);
    } else p.add_(mHat.mul(lr), -1);
  }
}
