// The less common activation layers (torch.nn.modules.activation): GLU, Hardshrink, Softshrink,
// RReLU (random slopes in training, their mean in eval) and Softmax2d.
import type { Tensor } from '../../tensor';
import { valueError } from '../../errors';
import { Module } from '../module';
import * as A from '../functional/activation_extra';
import { softmax } from '../functional/activation';
import { inplaceSuffix, pyFloat } from './repr';

const MOD = 'torch.nn.modules.activation';

export class GLU extends Module {
  static override pyName = 'GLU';
  static override pyModule = MOD;
  constructor(public dim = -1) { super(); }
  override forward(input: Tensor): Tensor { return A.glu(input, this.dim); }
  override extra_repr(): string { return `dim=${this.dim}`; }
}

export class Hardshrink extends Module {
  static override pyName = 'Hardshrink';
  static override pyModule = MOD;
  constructor(public lambd = 0.5) { super(); }
  override forward(input: Tensor): Tensor { return A.hardshrink(input, this.lambd); }
  override extra_repr(): string { return pyFloat(this.lambd); }
}

export class Softshrink extends Module {
  static override pyName = 'Softshrink';
  static override pyModule = MOD;
  constructor(public lambd = 0.5) { super(); }
  override forward(input: Tensor): Tensor { return A.softshrink(input, this.lambd); }
  override extra_repr(): string { return pyFloat(this.lambd); }
}

export class RReLU extends Module {
  static override pyName = 'RReLU';
  static override pyModule = MOD;
  constructor(public lower = 1.0 / 8, public upper = 1.0 / 3, public inplace = false) { super(); }
  override forward(input: Tensor): Tensor { return A.rrelu(input, this.lower, this.upper, this.training, this.inplace); }
  override extra_repr(): string { return `lower=${pyFloat(this.lower)}, upper=${pyFloat(this.upper)}${inplaceSuffix(this.inplace)}`; }
}

/** Softmax over the channel dim of a (C, H, W) or (N, C, H, W) input. */
export class Softmax2d extends Module {
  static override pyName = 'Softmax2d';
  static override pyModule = MOD;
  override forward(input: Tensor): Tensor {
    if (input.dim() !== 3 && input.dim() !== 4) throw valueError(`Softmax2d: expected input to be 3D or 4D, got ${input.dim()}D instead`);
    return softmax(input, -3);
  }
}
