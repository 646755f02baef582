// Distance layers (torch.nn.modules.distance): PairwiseDistance and CosineSimilarity, thin modules
// over the functionals (PyTorch gives them no extra_repr, so both print as `Name()`).
import type { Tensor } from '../../tensor';
import { Module } from '../module';
import { pairwise_distance, cosine_similarity } from '../functional/distance_extra';

const MOD = 'torch.nn.modules.distance';

export class PairwiseDistance extends Module {
  static override pyName = 'PairwiseDistance';
  static override pyModule = MOD;
  constructor(public norm = 2.0, public eps = 1e-6, public keepdim = false) { super(); }
  override forward(x1: Tensor, x2: Tensor): Tensor { return pairwise_distance(x1, x2, this.norm, this.eps, this.keepdim); }
}

export class CosineSimilarity extends Module {
  static override pyName = 'CosineSimilarity';
  static override pyModule = MOD;
  constructor(public dim = 1, public eps = 1e-8) { super(); }
  override forward(x1: Tensor, x2: Tensor): Tensor { return cosine_similarity(x1, x2, this.dim, this.eps); }
}
