// Dropout layers (torch.nn.modules.dropout): Dropout, Dropout1d/2d/3d, AlphaDropout and
// FeatureAlphaDropout — masks only in training mode, identity in eval.
import type { Tensor } from '../../tensor';
import { valueError } from '../../errors';
import { Module } from '../module';
import * as D from '../functional/dropout';
import { pyBool, pyFloat } from './repr';

type DropoutFn = (x: Tensor, p: number, training: boolean, inplace: boolean) => Tensor;

function dropoutClass(name: string, fn: DropoutFn) {
  return class extends Module {
    static override pyName = name;
    static override pyModule = 'torch.nn.modules.dropout';
    p: number;
    inplace: boolean;
    constructor(p = 0.5, inplace = false) {
      super();
      if (p < 0 || p > 1) throw valueError(`dropout probability has to be between 0 and 1, but got ${p}`);
      this.p = p;
      this.inplace = inplace;
    }
    override forward(input: Tensor): Tensor { return fn(input, this.p, this.training, this.inplace); }
    override extra_repr(): string { return `p=${pyFloat(this.p)}, inplace=${pyBool(this.inplace)}`; }
  };
}

export const Dropout = dropoutClass('Dropout', D.dropout);
export const Dropout1d = dropoutClass('Dropout1d', D.dropout1d);
export const Dropout2d = dropoutClass('Dropout2d', D.dropout2d);
export const Dropout3d = dropoutClass('Dropout3d', D.dropout3d);
export const AlphaDropout = dropoutClass('AlphaDropout', D.alpha_dropout);
export const FeatureAlphaDropout = dropoutClass('FeatureAlphaDropout', D.feature_alpha_dropout);
