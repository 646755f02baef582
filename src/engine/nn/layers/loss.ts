// The loss modules of torch.nn (L1Loss ... KLDivLoss): thin wrappers over the functional losses that keep
// PyTorch's attributes (reduction, ignore_index, label_smoothing, beta, delta, log_target) and register
// class weights as buffers, as PyTorch's _WeightedLoss does. They print as `CrossEntropyLoss()`.
import type { Tensor } from '../../tensor';
import { Module } from '../module';
import { legacyReduction, type ReductionOptions } from '../functional/loss_reduction';
import * as L from '../functional/loss';
import { nll_loss, cross_entropy } from '../functional/loss_nll';

/** PyTorch's _Loss: resolves the deprecated size_average/reduce into `reduction` at construction. */
export class _Loss extends Module {
  static override pyName = '_Loss';
  static override pyModule = 'torch.nn.modules.loss';
  reduction: string;
  constructor(o: ReductionOptions = {}) {
    super();
    const legacy = (o.size_average ?? null) !== null || (o.reduce ?? null) !== null;
    this.reduction = legacy ? legacyReduction(o.size_average, o.reduce) : o.reduction ?? 'mean';
  }
}

/** PyTorch's _WeightedLoss: a `weight` buffer (None when absent, so it stays out of the state_dict). */
export class _WeightedLoss extends _Loss {
  static override pyName = '_WeightedLoss';
  constructor(o: ReductionOptions & { weight?: Tensor | null } = {}) {
    super(o);
    this.register_buffer('weight', o.weight ?? null);
  }
  get weight(): Tensor | null { return this._getattr('weight') as Tensor | null; }
  set weight(v: Tensor | null) { this.__setattr__('weight', v); }
}

export class L1Loss extends _Loss {
  static override pyName = 'L1Loss';
  override forward(input: Tensor, target: Tensor): Tensor { return L.l1_loss(input, target, { reduction: this.reduction }); }
}

export class MSELoss extends _Loss {
  static override pyName = 'MSELoss';
  override forward(input: Tensor, target: Tensor): Tensor { return L.mse_loss(input, target, { reduction: this.reduction }); }
}

export class SmoothL1Loss extends _Loss {
  static override pyName = 'SmoothL1Loss';
  beta: number;
  constructor(o: ReductionOptions & { beta?: number } = {}) { super(o); this.beta = o.beta ?? 1.0; }
  override forward(input: Tensor, target: Tensor): Tensor { return L.smooth_l1_loss(input, target, { reduction: this.reduction, beta: this.beta }); }
}

export class HuberLoss extends _Loss {
  static override pyName = 'HuberLoss';
  delta: number;
  constructor(o: { reduction?: string; delta?: number } = {}) { super(o); this.delta = o.delta ?? 1.0; }
  override forward(input: Tensor, target: Tensor): Tensor { return L.huber_loss(input, target, { reduction: this.reduction, delta: this.delta }); }
}

export class KLDivLoss extends _Loss {
  static override pyName = 'KLDivLoss';
  log_target: boolean;
  constructor(o: ReductionOptions & { log_target?: boolean } = {}) { super(o); this.log_target = o.log_target ?? false; }
  override forward(input: Tensor, target: Tensor): Tensor { return L.kl_div(input, target, { reduction: this.reduction, log_target: this.log_target }); }
}

export class BCELoss extends _WeightedLoss {
  static override pyName = 'BCELoss';
  override forward(input: Tensor, target: Tensor): Tensor { return L.binary_cross_entropy(input, target, { weight: this.weight, reduction: this.reduction }); }
}

export class BCEWithLogitsLoss extends _Loss {
  static override pyName = 'BCEWithLogitsLoss';
  constructor(o: ReductionOptions & { weight?: Tensor | null; pos_weight?: Tensor | null } = {}) {
    super(o);
    this.register_buffer('weight', o.weight ?? null);
    this.register_buffer('pos_weight', o.pos_weight ?? null);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.binary_cross_entropy_with_logits(input, target, {
      weight: this._getattr('weight') as Tensor | null, pos_weight: this._getattr('pos_weight') as Tensor | null, reduction: this.reduction,
    });
  }
}

export interface NLLLossOptions extends ReductionOptions { weight?: Tensor | null; ignore_index?: number }

export class NLLLoss extends _WeightedLoss {
  static override pyName = 'NLLLoss';
  ignore_index: number;
  constructor(o: NLLLossOptions = {}) { super(o); this.ignore_index = o.ignore_index ?? -100; }
  override forward(input: Tensor, target: Tensor): Tensor {
    return nll_loss(input, target, { weight: this.weight, ignore_index: this.ignore_index, reduction: this.reduction });
  }
}

export class CrossEntropyLoss extends _WeightedLoss {
  static override pyName = 'CrossEntropyLoss';
  ignore_index: number;
  label_smoothing: number;
  constructor(o: NLLLossOptions & { label_smoothing?: number } = {}) {
    super(o);
    this.ignore_index = o.ignore_index ?? -100;
    this.label_smoothing = o.label_smoothing ?? 0.0;
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return cross_entropy(input, target, {
      weight: this.weight, ignore_index: this.ignore_index, reduction: this.reduction, label_smoothing: this.label_smoothing,
    });
  }
}

/**
 * PyTorch's positional order of each loss module's constructor arguments, for callers that pass them
 * positionally (the Python bindings): `nn.CrossEntropyLoss(w, None, 0)` means weight=w, ignore_index=0.
 */
export const LOSS_MODULE_ARGS: Record<string, readonly string[]> = {
  L1Loss: ['size_average', 'reduce', 'reduction'],
  MSELoss: ['size_average', 'reduce', 'reduction'],
  SmoothL1Loss: ['size_average', 'reduce', 'reduction', 'beta'],
  HuberLoss: ['reduction', 'delta'],
  KLDivLoss: ['size_average', 'reduce', 'reduction', 'log_target'],
  BCELoss: ['weight', 'size_average', 'reduce', 'reduction'],
  BCEWithLogitsLoss: ['weight', 'size_average', 'reduce', 'reduction', 'pos_weight'],
  NLLLoss: ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction'],
  CrossEntropyLoss: ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'],
};
