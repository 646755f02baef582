// RMSNorm, LocalResponseNorm and SyncBatchNorm (which on one device is BatchNorm over any N-d input
// with at least 2 dims, printed as SyncBatchNorm; convert_sync_batchnorm swaps it into a model).
import type { Tensor } from '../../tensor';
import { valueError } from '../../errors';
import { ones } from '../../ops/creation';
import { no_grad } from '../../autograd/grad_mode';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as init from '../init';
import { rms_norm, local_response_norm } from '../functional/norm_extra';
import { BatchNormBase, BatchNorm1d, BatchNorm2d, BatchNorm3d } from './norm';
import type { FactoryKwargs } from './linear';
import { pyBool, pyFloat, pyTuple } from './repr';

export class RMSNorm extends Module {
  static override pyName = 'RMSNorm';
  static override pyModule = 'torch.nn.modules.normalization';
  normalized_shape: number[]; eps: number | null; elementwise_affine: boolean;
  constructor(normalized_shape: number | number[], eps: number | null = null, elementwise_affine = true, factory: FactoryKwargs = {}) {
    super();
    this.normalized_shape = typeof normalized_shape === 'number' ? [normalized_shape] : [...normalized_shape];
    this.eps = eps;
    this.elementwise_affine = elementwise_affine;
    const o = { dtype: factory.dtype ?? null, device: factory.device ?? null };
    this.register_parameter('weight', elementwise_affine ? new Parameter(ones(this.normalized_shape, o)) : null);
  }
  get weight(): Parameter | null { return this._getattr('weight') as Parameter | null; }
  reset_parameters(): void { if (this.weight) init.ones_(this.weight); }
  override forward(x: Tensor): Tensor { return rms_norm(x, this.normalized_shape, this.weight, this.eps); }
  override extra_repr(): string {
    return `${pyTuple(this.normalized_shape)}, eps=${this.eps === null ? 'None' : pyFloat(this.eps)}, elementwise_affine=${pyBool(this.elementwise_affine)}`;
  }
}

export class LocalResponseNorm extends Module {
  static override pyName = 'LocalResponseNorm';
  static override pyModule = 'torch.nn.modules.normalization';
  constructor(public size: number, public alpha = 1e-4, public beta = 0.75, public k = 1.0) { super(); }
  override forward(input: Tensor): Tensor { return local_response_norm(input, this.size, this.alpha, this.beta, this.k); }
  override extra_repr(): string { return `${this.size}, alpha=${pyFloat(this.alpha)}, beta=${pyFloat(this.beta)}, k=${pyFloat(this.k)}`; }
}

/** process_group is accepted and ignored: there is one device, so there is nothing to synchronise. */
export class SyncBatchNorm extends BatchNormBase {
  static override pyName = 'SyncBatchNorm';
  process_group: unknown;
  constructor(num_features: number, eps = 1e-5, momentum: number | null = 0.1, affine = true, track_running_stats = true,
    process_group: unknown = null, factory: FactoryKwargs & { bias?: boolean } = {}) {
    super(num_features, eps, momentum, affine, track_running_stats, factory);
    this.process_group = process_group;
  }
  _check_input_dim(input: Tensor): void {
    if (input.dim() < 2) throw valueError(`expected at least 2D input (got ${input.dim()}D input)`);
  }

  /** Replaces every BatchNorm*d (and SyncBatchNorm) in the tree by a SyncBatchNorm sharing its parameters and buffers. */
  static convert_sync_batchnorm(module: Module, process_group: unknown = null): Module {
    let out = module;
    if (module instanceof BatchNorm1d || module instanceof BatchNorm2d || module instanceof BatchNorm3d || module instanceof SyncBatchNorm) {
      const bn = module as BatchNormBase;
      const s = new SyncBatchNorm(bn.num_features, bn.eps, bn.momentum, bn.affine, bn.track_running_stats, process_group);
      if (bn.affine) no_grad(() => { s.__setattr__('weight', bn._getattr('weight')); s.__setattr__('bias', bn._getattr('bias')); });
      for (const b of ['running_mean', 'running_var', 'num_batches_tracked']) s.__setattr__(b, bn._getattr(b));
      s.training = bn.training;
      out = s;
    }
    for (const [name, child] of [...module.named_children()]) out.add_module(name, SyncBatchNorm.convert_sync_batchnorm(child, process_group));
    return out;
  }
}
