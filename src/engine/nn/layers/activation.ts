// Activation layers (torch.nn.modules.activation): thin modules over nn.functional with PyTorch's
// constructor arguments and extra_repr text.
import type { Tensor } from '../../tensor';
import type { DType } from '../../dtype';
import { runtimeError } from '../../errors';
import { full } from '../../ops/creation';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as A from '../functional/activation';
import type { FactoryKwargs } from './linear';
import { inplaceSuffix, pyFloat } from './repr';

const MOD = 'torch.nn.modules.activation';

/** Activations whose only argument is `inplace` (ReLU, SELU, SiLU, Mish, Hardswish, Hardsigmoid). */
function inplaceActivation(name: string, fn: (x: Tensor, inplace: boolean) => Tensor) {
  return class extends Module {
    static override pyName = name;
    static override pyModule = MOD;
    constructor(public inplace = false) { super(); }
    override forward(input: Tensor): Tensor { return fn(input, this.inplace); }
    override extra_repr(): string { return inplaceSuffix(this.inplace, true); }
  };
}
export const ReLU = inplaceActivation('ReLU', A.relu);
export const SELU = inplaceActivation('SELU', A.selu);
export const SiLU = inplaceActivation('SiLU', A.silu);
export const Mish = inplaceActivation('Mish', A.mish);
export const Hardswish = inplaceActivation('Hardswish', A.hardswish);
export const Hardsigmoid = inplaceActivation('Hardsigmoid', A.hardsigmoid);

/** Activations without arguments. */
function plainActivation(name: string, fn: (x: Tensor) => Tensor) {
  return class extends Module {
    static override pyName = name;
    static override pyModule = MOD;
    override forward(input: Tensor): Tensor { return fn(input); }
  };
}
export const Sigmoid = plainActivation('Sigmoid', A.sigmoid);
export const Tanh = plainActivation('Tanh', A.tanh);
export const Softsign = plainActivation('Softsign', A.softsign);
export const Tanhshrink = plainActivation('Tanhshrink', A.tanhshrink);
export const LogSigmoid = plainActivation('LogSigmoid', A.logsigmoid);

export class Hardtanh extends Module {
  static override pyName = 'Hardtanh';
  static override pyModule = MOD;
  /** min_value/max_value: PyTorch's deprecated spellings, which override min_val/max_val when given. */
  constructor(public min_val = -1.0, public max_val = 1.0, public inplace = false, min_value: number | null = null, max_value: number | null = null) {
    super();
    if (min_value !== null) this.min_val = min_value;
    if (max_value !== null) this.max_val = max_value;
    // PyTorch asserts this (AssertionError, which TorchError has no kind for); same text.
    if (this.max_val <= this.min_val) throw runtimeError(`max_val (${pyFloat(this.max_val)}) must be greater than min_val (${pyFloat(this.min_val)})`);
  }
  override forward(input: Tensor): Tensor { return A.hardtanh(input, this.min_val, this.max_val, this.inplace); }
  override extra_repr(): string { return `min_val=${pyFloat(this.min_val)}, max_val=${pyFloat(this.max_val)}${inplaceSuffix(this.inplace)}`; }
}

export class ReLU6 extends Hardtanh {
  static override pyName = 'ReLU6';
  constructor(inplace = false) { super(0.0, 6.0, inplace); }
  override extra_repr(): string { return inplaceSuffix(this.inplace, true); }
}

export class LeakyReLU extends Module {
  static override pyName = 'LeakyReLU';
  static override pyModule = MOD;
  constructor(public negative_slope = 0.01, public inplace = false) { super(); }
  override forward(input: Tensor): Tensor { return A.leaky_relu(input, this.negative_slope, this.inplace); }
  override extra_repr(): string { return `negative_slope=${pyFloat(this.negative_slope)}${inplaceSuffix(this.inplace)}`; }
}

export class ELU extends Module {
  static override pyName = 'ELU';
  static override pyModule = MOD;
  constructor(public alpha = 1.0, public inplace = false) { super(); }
  override forward(input: Tensor): Tensor { return A.elu(input, this.alpha, this.inplace); }
  override extra_repr(): string { return `alpha=${pyFloat(this.alpha)}${inplaceSuffix(this.inplace)}`; }
}

export class CELU extends Module {
  static override pyName = 'CELU';
  static override pyModule = MOD;
  constructor(public alpha = 1.0, public inplace = false) { super(); }
  override forward(input: Tensor): Tensor { return A.celu(input, this.alpha, this.inplace); }
  override extra_repr(): string { return `alpha=${pyFloat(this.alpha)}${inplaceSuffix(this.inplace)}`; }
}

export class GELU extends Module {
  static override pyName = 'GELU';
  static override pyModule = MOD;
  constructor(public approximate: 'none' | 'tanh' = 'none') { super(); }
  override forward(input: Tensor): Tensor { return A.gelu(input, this.approximate); }
  override extra_repr(): string { return `approximate='${this.approximate}'`; }
}

export class Softplus extends Module {
  static override pyName = 'Softplus';
  static override pyModule = MOD;
  constructor(public beta = 1.0, public threshold = 20.0) { super(); }
  override forward(input: Tensor): Tensor { return A.softplus(input, this.beta, this.threshold); }
  override extra_repr(): string { return `beta=${pyFloat(this.beta)}, threshold=${pyFloat(this.threshold)}`; }
}

export class Threshold extends Module {
  static override pyName = 'Threshold';
  static override pyModule = MOD;
  constructor(public threshold: number, public value: number, public inplace = false) { super(); }
  override forward(input: Tensor): Tensor { return A.threshold(input, this.threshold, this.value, this.inplace); }
  override extra_repr(): string { return `threshold=${pyFloat(this.threshold)}, value=${pyFloat(this.value)}${inplaceSuffix(this.inplace)}`; }
}

export class PReLU extends Module {
  static override pyName = 'PReLU';
  static override pyModule = MOD;
  constructor(public num_parameters = 1, public init = 0.25, factory: FactoryKwargs = {}) {
    super();
    const o = { dtype: (factory.dtype ?? null) as DType | null, device: factory.device ?? null };
    this.register_parameter('weight', new Parameter(full([num_parameters], init, o)));
  }
  get weight(): Parameter { return this._getattr('weight') as Parameter; }
  reset_parameters(): void { this.weight.data.fill_(this.init); }
  override forward(input: Tensor): Tensor { return A.prelu(input, this.weight); }
  override extra_repr(): string { return `num_parameters=${this.num_parameters}`; }
}

/** Softmax, LogSoftmax, Softmin: `dim` (None picks PyTorch's legacy implicit dim). */
function softmaxClass(name: string, fn: (x: Tensor, dim: number | null) => Tensor) {
  return class extends Module {
    static override pyName = name;
    static override pyModule = MOD;
    constructor(public dim: number | null = null) { super(); }
    override forward(input: Tensor): Tensor { return fn(input, this.dim); }
    override extra_repr(): string { return `dim=${this.dim === null ? 'None' : this.dim}`; }
  };
}
export const Softmax = softmaxClass('Softmax', (x, d) => A.softmax(x, d));
export const LogSoftmax = softmaxClass('LogSoftmax', (x, d) => A.log_softmax(x, d));
export const Softmin = softmaxClass('Softmin', (x, d) => A.softmin(x, d));
