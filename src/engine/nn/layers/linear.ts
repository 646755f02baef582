// nn.Identity, nn.Linear (y = x Wᵀ + b) and nn.Bilinear (y = x1ᵀ A x2 + b) with PyTorch's default
// initialisation (Linear: kaiming_uniform_ with a=√5, bias U(±1/√fan_in); Bilinear: U(±1/√in1)).
import { Tensor, type Device } from '../../tensor';
import type { DType } from '../../dtype';
import { empty } from '../../ops/creation';
import { linear } from '../../ops/matmul';
import { bilinear } from '../functional/linear';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as init from '../init';

export interface FactoryKwargs { device?: Device | null; dtype?: DType | null }

/** A placeholder that returns its input; constructor arguments are accepted and ignored, as in PyTorch. */
export class Identity extends Module {
  static override pyName = 'Identity';
  static override pyModule = 'torch.nn.modules.linear';
  constructor(..._args: unknown[]) { super(); }
  override forward(input: Tensor): Tensor { return input; }
}

export class Linear extends Module {
  static override pyName = 'Linear';
  static override pyModule = 'torch.nn.modules.linear';
  in_features: number;
  out_features: number;

  constructor(in_features: number, out_features: number, bias = true, factory: FactoryKwargs = {}) {
    super();
    this.in_features = in_features;
    this.out_features = out_features;
    const o = { dtype: factory.dtype ?? null, device: factory.device ?? null };
    this.register_parameter('weight', new Parameter(empty([out_features, in_features], o)));
    this.register_parameter('bias', bias ? new Parameter(empty([out_features], o)) : null);
    this.reset_parameters();
  }

  get weight(): Parameter { return this._getattr('weight') as Parameter; }
  set weight(v: Parameter) { this.__setattr__('weight', v); }
  get bias(): Parameter | null { return this._getattr('bias') as Parameter | null; }
  set bias(v: Parameter | null) { this.__setattr__('bias', v); }

  reset_parameters(): void {
    // Equivalent to U(-1/sqrt(in_features), 1/sqrt(in_features)) for the weight (gain of leaky_relu with a=√5).
    init.kaiming_uniform_(this.weight, Math.sqrt(5));
    const b = this.bias;
    if (b) {
      const [fanIn] = init._calculate_fan_in_and_fan_out(this.weight);
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(b, -bound, bound);
    }
  }

  override forward(input: Tensor): Tensor { return linear(input, this.weight, this.bias); }
  override extra_repr(): string {
    return `in_features=${this.in_features}, out_features=${this.out_features}, bias=${this.bias !== null ? 'True' : 'False'}`;
  }
}

export class Bilinear extends Module {
  static override pyName = 'Bilinear';
  static override pyModule = 'torch.nn.modules.linear';
  in1_features: number;
  in2_features: number;
  out_features: number;

  constructor(in1_features: number, in2_features: number, out_features: number, bias = true, factory: FactoryKwargs = {}) {
    super();
    this.in1_features = in1_features;
    this.in2_features = in2_features;
    this.out_features = out_features;
    const o = { dtype: factory.dtype ?? null, device: factory.device ?? null };
    this.register_parameter('weight', new Parameter(empty([out_features, in1_features, in2_features], o)));
    this.register_parameter('bias', bias ? new Parameter(empty([out_features], o)) : null);
    this.reset_parameters();
  }

  get weight(): Parameter { return this._getattr('weight') as Parameter; }
  get bias(): Parameter | null { return this._getattr('bias') as Parameter | null; }

  reset_parameters(): void {
    const bound = 1 / Math.sqrt(this.weight.shape[1]);
    init.uniform_(this.weight, -bound, bound);
    if (this.bias) init.uniform_(this.bias, -bound, bound);
  }

  override forward(input1: Tensor, input2: Tensor): Tensor { return bilinear(input1, input2, this.weight, this.bias); }
  override extra_repr(): string {
    return `in1_features=${this.in1_features}, in2_features=${this.in2_features}, out_features=${this.out_features}, bias=${this.bias !== null ? 'True' : 'False'}`;
  }
}
