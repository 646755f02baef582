// Normalisation layers: BatchNorm1d/2d/3d (running stats, num_batches_tracked, momentum=None as a
// cumulative average, train vs eval exactly as _BatchNorm.forward), LayerNorm and GroupNorm.
import type { Tensor } from '../../tensor';
import { valueError } from '../../errors';
import { ones, zeros, tensor } from '../../ops/creation';
import { no_grad } from '../../autograd/grad_mode';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as init from '../init';
import * as N from '../functional/norm';
import type { FactoryKwargs } from './linear';
import { pyBool, pyFloat, pyTuple } from './repr';

const MOD = 'torch.nn.modules.batchnorm';
const opts = (f: FactoryKwargs) => ({ dtype: f.dtype ?? null, device: f.device ?? null });
/** Factory kwargs plus PyTorch 2.13's keyword-only `bias` of BatchNorm and GroupNorm. */
export type NormKwargs = FactoryKwargs & { bias?: boolean };

export abstract class BatchNormBase extends Module {
  static override pyModule = MOD;
  static override _version = 2;
  num_features: number; eps: number; momentum: number | null; affine: boolean; track_running_stats: boolean;

  constructor(num_features: number, eps = 1e-5, momentum: number | null = 0.1, affine = true, track_running_stats = true, factory: NormKwargs = {}) {
    super();
    this.num_features = num_features;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.track_running_stats = track_running_stats;
    const o = opts(factory);
    this.register_parameter('weight', affine ? new Parameter(ones([num_features], o)) : null);
    this.register_parameter('bias', affine && factory.bias !== false ? new Parameter(zeros([num_features], o)) : null);
    if (track_running_stats) {
      this.register_buffer('running_mean', zeros([num_features], o));
      this.register_buffer('running_var', ones([num_features], o));
      this.register_buffer('num_batches_tracked', tensor(0, { dtype: 'int64', device: o.device }));
    } else {
      this.register_buffer('running_mean', null);
      this.register_buffer('running_var', null);
      this.register_buffer('num_batches_tracked', null);
    }
  }

  get weight(): Parameter | null { return this._getattr('weight') as Parameter | null; }
  get bias(): Parameter | null { return this._getattr('bias') as Parameter | null; }
  get running_mean(): Tensor | null { return this._getattr('running_mean') as Tensor | null; }
  get running_var(): Tensor | null { return this._getattr('running_var') as Tensor | null; }
  get num_batches_tracked(): Tensor | null { return this._getattr('num_batches_tracked') as Tensor | null; }

  reset_running_stats(): void {
    if (!this.track_running_stats) return;
    no_grad(() => {
      this.running_mean!.zero_();
      this.running_var!.fill_(1);
      this.num_batches_tracked!.zero_();
    });
  }
  reset_parameters(): void {
    this.reset_running_stats();
    if (this.weight) init.ones_(this.weight);
    if (this.bias) init.zeros_(this.bias);
  }

  abstract _check_input_dim(input: Tensor): void;

  override forward(input: Tensor): Tensor {
    this._check_input_dim(input);
    let factor = this.momentum ?? 0.0;
    if (this.training && this.track_running_stats && this.num_batches_tracked !== null) {
      no_grad(() => this.num_batches_tracked!.add_(1));
      // On meta the count has no value; the running stats it would scale have none either.
      const count = this.num_batches_tracked.is_meta ? 1 : Number(this.num_batches_tracked.item());
      factor = this.momentum === null ? 1.0 / count : this.momentum;
    }
    const bnTraining = this.training ? true : this.running_mean === null && this.running_var === null;
    const useStats = !this.training || this.track_running_stats;
    return N.batch_norm(input, useStats ? this.running_mean : null, useStats ? this.running_var : null,
      this.weight, this.bias, bnTraining, factor, this.eps);
  }

  override extra_repr(): string {
    return `${this.num_features}, eps=${pyFloat(this.eps)}, momentum=${this.momentum === null ? 'None' : pyFloat(this.momentum)}, affine=${pyBool(this.affine)}, bias=${pyBool(this.bias !== null)}, track_running_stats=${pyBool(this.track_running_stats)}`;
  }
}

export class BatchNorm1d extends BatchNormBase {
  static override pyName = 'BatchNorm1d';
  _check_input_dim(input: Tensor): void {
    if (input.dim() !== 2 && input.dim() !== 3) throw valueError(`expected 2D or 3D input (got ${input.dim()}D input)`);
  }
}
export class BatchNorm2d extends BatchNormBase {
  static override pyName = 'BatchNorm2d';
  _check_input_dim(input: Tensor): void {
    if (input.dim() !== 4) throw valueError(`expected 4D input (got ${input.dim()}D input)`);
  }
}
export class BatchNorm3d extends BatchNormBase {
  static override pyName = 'BatchNorm3d';
  _check_input_dim(input: Tensor): void {
    if (input.dim() !== 5) throw valueError(`expected 5D input (got ${input.dim()}D input)`);
  }
}

export class LayerNorm extends Module {
  static override pyName = 'LayerNorm';
  static override pyModule = 'torch.nn.modules.normalization';
  normalized_shape: number[]; eps: number; elementwise_affine: boolean;
  constructor(normalized_shape: number | number[], eps = 1e-5, elementwise_affine = true, bias = true, factory: FactoryKwargs = {}) {
    super();
    this.normalized_shape = typeof normalized_shape === 'number' ? [normalized_shape] : [...normalized_shape];
    this.eps = eps;
    this.elementwise_affine = elementwise_affine;
    const o = opts(factory);
    this.register_parameter('weight', elementwise_affine ? new Parameter(ones(this.normalized_shape, o)) : null);
    this.register_parameter('bias', elementwise_affine && bias ? new Parameter(zeros(this.normalized_shape, o)) : null);
  }
  get weight(): Parameter | null { return this._getattr('weight') as Parameter | null; }
  get bias(): Parameter | null { return this._getattr('bias') as Parameter | null; }
  reset_parameters(): void {
    if (this.weight) init.ones_(this.weight);
    if (this.bias) init.zeros_(this.bias);
  }
  override forward(input: Tensor): Tensor { return N.layer_norm(input, this.normalized_shape, this.weight, this.bias, this.eps); }
  override extra_repr(): string {
    return `${pyTuple(this.normalized_shape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${pyBool(this.elementwise_affine)}, bias=${pyBool(this.bias !== null)}`;
  }
}

export class GroupNorm extends Module {
  static override pyName = 'GroupNorm';
  static override pyModule = 'torch.nn.modules.normalization';
  num_groups: number; num_channels: number; eps: number; affine: boolean;
  constructor(num_groups: number, num_channels: number, eps = 1e-5, affine = true, factory: NormKwargs = {}) {
    super();
    if (num_channels % num_groups !== 0) throw valueError(`num_channels (${num_channels}) must be divisible by num_groups (${num_groups})`);
    this.num_groups = num_groups;
    this.num_channels = num_channels;
    this.eps = eps;
    this.affine = affine;
    const o = opts(factory);
    this.register_parameter('weight', affine ? new Parameter(ones([num_channels], o)) : null);
    this.register_parameter('bias', affine && factory.bias !== false ? new Parameter(zeros([num_channels], o)) : null);
  }
  get weight(): Parameter | null { return this._getattr('weight') as Parameter | null; }
  get bias(): Parameter | null { return this._getattr('bias') as Parameter | null; }
  reset_parameters(): void {
    if (this.weight) init.ones_(this.weight);
    if (this.bias) init.zeros_(this.bias);
  }
  override forward(input: Tensor): Tensor { return N.group_norm(input, this.num_groups, this.weight, this.bias, this.eps); }
  override extra_repr(): string { return `${this.num_groups}, ${this.num_channels}, eps=${pyFloat(this.eps)}, affine=${pyBool(this.affine)}, bias=${pyBool(this.bias !== null)}`; }
}

/** InstanceNorm1d/2d/3d: _NormBase with affine and running stats off by default, over F.instance_norm. */
function instanceNormClass(rank: 1 | 2 | 3) {
  const noBatch = rank + 1;
  return class extends BatchNormBase {
    static override pyName = `InstanceNorm${rank}d`;
    static override pyModule = 'torch.nn.modules.instancenorm';
    constructor(num_features: number, eps = 1e-5, momentum: number | null = 0.1, affine = false, track_running_stats = false, factory: NormKwargs = {}) {
      super(num_features, eps, momentum, affine, track_running_stats, factory);
    }
    _check_input_dim(input: Tensor): void {
      if (input.dim() !== noBatch && input.dim() !== noBatch + 1) {
        throw valueError(`expected ${noBatch}D or ${noBatch + 1}D input (got ${input.dim()}D input)`);
      }
    }
    override forward(input: Tensor): Tensor {
      this._check_input_dim(input);
      const fdim = input.dim() - noBatch;
      if (input.shape[fdim] !== this.num_features && this.affine) {
        throw valueError(`expected input's size at dim=${fdim} to match num_features (${this.num_features}), but got: ${input.shape[fdim]}.`);
      }
      const run = (x: Tensor) => N.instance_norm(x, this.running_mean, this.running_var, this.weight, this.bias,
        this.training || !this.track_running_stats, this.momentum ?? 0.0, this.eps);
      return input.dim() === noBatch ? run(input.unsqueeze(0)).squeeze(0) : run(input);
    }
  };
}
export const InstanceNorm1d = instanceNormClass(1);
export const InstanceNorm2d = instanceNormClass(2);
export const InstanceNorm3d = instanceNormClass(3);
