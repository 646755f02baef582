// The margin, embedding and likelihood loss modules of torch.nn (MarginRankingLoss ... CTCLoss): thin
// wrappers over functional/loss_extra.ts and loss_ctc.ts keeping PyTorch's attributes and defaults.
import type { Tensor } from '../../tensor';
import type { ReductionOptions } from '../functional/loss_reduction';
import * as L from '../functional/loss_extra';
import { ctc_loss } from '../functional/loss_ctc';
import { valueError } from '../../errors';
import { _Loss, _WeightedLoss } from './loss';
import { pyFloat } from './repr';

type MarginOptions = ReductionOptions & { margin?: number };

export class MarginRankingLoss extends _Loss {
  static override pyName = 'MarginRankingLoss';
  margin: number;
  constructor(o: MarginOptions = {}) { super(o); this.margin = o.margin ?? 0.0; }
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return L.margin_ranking_loss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}

export class HingeEmbeddingLoss extends _Loss {
  static override pyName = 'HingeEmbeddingLoss';
  margin: number;
  constructor(o: MarginOptions = {}) { super(o); this.margin = o.margin ?? 1.0; }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.hinge_embedding_loss(input, target, { margin: this.margin, reduction: this.reduction });
  }
}

export class CosineEmbeddingLoss extends _Loss {
  static override pyName = 'CosineEmbeddingLoss';
  margin: number;
  constructor(o: MarginOptions = {}) { super(o); this.margin = o.margin ?? 0.0; }
  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return L.cosine_embedding_loss(input1, input2, target, { margin: this.margin, reduction: this.reduction });
  }
}

export class SoftMarginLoss extends _Loss {
  static override pyName = 'SoftMarginLoss';
  override forward(input: Tensor, target: Tensor): Tensor { return L.soft_margin_loss(input, target, { reduction: this.reduction }); }
}

export class MultiLabelSoftMarginLoss extends _WeightedLoss {
  static override pyName = 'MultiLabelSoftMarginLoss';
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.multilabel_soft_margin_loss(input, target, { weight: this.weight, reduction: this.reduction });
  }
}

export class MultiLabelMarginLoss extends _Loss {
  static override pyName = 'MultiLabelMarginLoss';
  override forward(input: Tensor, target: Tensor): Tensor { return L.multilabel_margin_loss(input, target, { reduction: this.reduction }); }
}

export class MultiMarginLoss extends _WeightedLoss {
  static override pyName = 'MultiMarginLoss';
  p: number;
  margin: number;
  constructor(o: L.MultiMarginOptions = {}) {
    super(o);
    // PyTorch checks p and the weight in the constructor as well as in F.multi_margin_loss.
    this.p = o.p ?? 1;
    this.margin = o.margin ?? 1.0;
    if (this.p !== 1 && this.p !== 2) throw valueError('only p == 1 and p == 2 supported');
    if (o.weight && o.weight.dim() !== 1) throw valueError(`MultiMarginLoss: expected weight to be None or 1D tensor, got ${o.weight.dim()}D instead`);
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return L.multi_margin_loss(input, target, { p: this.p, margin: this.margin, weight: this.weight, reduction: this.reduction });
  }
}

export class TripletMarginLoss extends _Loss {
  static override pyName = 'TripletMarginLoss';
  margin: number;
  p: number;
  eps: number;
  swap: boolean;
  constructor(o: L.TripletOptions = {}) {
    super(o);
    this.margin = o.margin ?? 1.0; this.p = o.p ?? 2.0; this.eps = o.eps ?? 1e-6; this.swap = o.swap ?? false;
    if (this.margin <= 0) throw valueError(`TripletMarginLoss: expected margin to be greater than 0, got ${pyFloat(this.margin)} instead`);
  }
  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return L.triplet_margin_loss(anchor, positive, negative, { margin: this.margin, p: this.p, eps: this.eps, swap: this.swap, reduction: this.reduction });
  }
}

export class TripletMarginWithDistanceLoss extends _Loss {
  static override pyName = 'TripletMarginWithDistanceLoss';
  /** PyTorch defaults this to a PairwiseDistance() submodule; the engine uses F.pairwise_distance directly. */
  distance_function: ((a: Tensor, b: Tensor) => Tensor) | null;
  margin: number;
  swap: boolean;
  constructor(o: L.TripletDistanceOptions = {}) {
    super({ reduction: o.reduction });
    this.distance_function = o.distance_function ?? null;
    this.margin = o.margin ?? 1.0;
    this.swap = o.swap ?? false;
    if (this.margin <= 0) throw valueError(`TripletMarginWithDistanceLoss: expected margin to be greater than 0, got ${pyFloat(this.margin)} instead`);
  }
  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return L.triplet_margin_with_distance_loss(anchor, positive, negative, {
      distance_function: this.distance_function, margin: this.margin, swap: this.swap, reduction: this.reduction,
    });
  }
}

export class PoissonNLLLoss extends _Loss {
  static override pyName = 'PoissonNLLLoss';
  log_input: boolean;
  full: boolean;
  eps: number;
  constructor(o: L.PoissonNLLOptions = {}) {
    super(o);
    this.log_input = o.log_input ?? true; this.full = o.full ?? false; this.eps = o.eps ?? 1e-8;
  }
  override forward(log_input: Tensor, target: Tensor): Tensor {
    return L.poisson_nll_loss(log_input, target, { log_input: this.log_input, full: this.full, eps: this.eps, reduction: this.reduction });
  }
}

export class GaussianNLLLoss extends _Loss {
  static override pyName = 'GaussianNLLLoss';
  full: boolean;
  eps: number;
  constructor(o: L.GaussianNLLOptions = {}) {
    super({ reduction: o.reduction });
    this.full = o.full ?? false; this.eps = o.eps ?? 1e-6;
  }
  override forward(input: Tensor, target: Tensor, variance: Tensor | number): Tensor {
    return L.gaussian_nll_loss(input, target, variance, { full: this.full, eps: this.eps, reduction: this.reduction });
  }
}

export class CTCLoss extends _Loss {
  static override pyName = 'CTCLoss';
  blank: number;
  zero_infinity: boolean;
  constructor(o: { blank?: number; reduction?: string; zero_infinity?: boolean } = {}) {
    super({ reduction: o.reduction });
    this.blank = o.blank ?? 0; this.zero_infinity = o.zero_infinity ?? false;
  }
  override forward(log_probs: Tensor, targets: Tensor, input_lengths: Tensor | number[], target_lengths: Tensor | number[]): Tensor {
    return ctc_loss(log_probs, targets, input_lengths, target_lengths, { blank: this.blank, reduction: this.reduction, zero_infinity: this.zero_infinity });
  }
}

/** PyTorch's positional order of these modules' constructor arguments (a parallel of LOSS_MODULE_ARGS). */
export const LOSS_EXTRA_MODULE_ARGS: Record<string, readonly string[]> = {
  MarginRankingLoss: ['margin', 'size_average', 'reduce', 'reduction'],
  HingeEmbeddingLoss: ['margin', 'size_average', 'reduce', 'reduction'],
  CosineEmbeddingLoss: ['margin', 'size_average', 'reduce', 'reduction'],
  SoftMarginLoss: ['size_average', 'reduce', 'reduction'],
  MultiLabelSoftMarginLoss: ['weight', 'size_average', 'reduce', 'reduction'],
  MultiLabelMarginLoss: ['size_average', 'reduce', 'reduction'],
  MultiMarginLoss: ['p', 'margin', 'weight', 'size_average', 'reduce', 'reduction'],
  TripletMarginLoss: ['margin', 'p', 'eps', 'swap', 'size_average', 'reduce', 'reduction'],
  TripletMarginWithDistanceLoss: ['distance_function', 'margin', 'swap', 'reduction'],
  PoissonNLLLoss: ['log_input', 'full', 'size_average', 'eps', 'reduce', 'reduction'],
  GaussianNLLLoss: ['full', 'eps', 'reduction'],
  CTCLoss: ['blank', 'reduction', 'zero_infinity'],
};
