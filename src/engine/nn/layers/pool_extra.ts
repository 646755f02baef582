// LPPool1d/2d/3d, FractionalMaxPool2d/3d and MaxUnpool1d/2d/3d (torch.nn.modules.pooling) over the
// pool_extra functionals.
import type { Tensor } from '../../tensor';
import { Module } from '../module';
import * as P from '../functional/pool_extra';
import { ntuple } from '../functional/util';
import { valueError } from '../../errors';
import { pyBool, pyIntish } from './repr';

const MOD = 'torch.nn.modules.pooling';
type Size = number | number[];
/** Python's str() of an int, float or tuple as the user passed it (no way to tell 2 from 2.0 here). */
const pyStr = (v: Size | null) => pyIntish(v);

function lpPoolClass(rank: 1 | 2 | 3) {
  const fn = rank === 1 ? P.lp_pool1d : rank === 2 ? P.lp_pool2d : P.lp_pool3d;
  return class extends Module {
    static override pyName = `LPPool${rank}d`;
    static override pyModule = MOD;
    constructor(public norm_type: number, public kernel_size: Size, public stride: Size | null = null, public ceil_mode = false) { super(); }
    override forward(input: Tensor): Tensor { return fn(input, this.norm_type, this.kernel_size, this.stride, this.ceil_mode); }
    override extra_repr(): string {
      return `norm_type=${this.norm_type}, kernel_size=${pyStr(this.kernel_size)}, stride=${pyStr(this.stride)}, ceil_mode=${pyBool(this.ceil_mode)}`;
    }
  };
}
export const LPPool1d = lpPoolClass(1);
export const LPPool2d = lpPoolClass(2);
export const LPPool3d = lpPoolClass(3);

function maxUnpoolClass(rank: 1 | 2 | 3) {
  const fn = rank === 1 ? P.max_unpool1d : rank === 2 ? P.max_unpool2d : P.max_unpool3d;
  return class extends Module {
    static override pyName = `MaxUnpool${rank}d`;
    static override pyModule = MOD;
    kernel_size: number[]; stride: number[]; padding: number[];
    constructor(kernel_size: Size, stride: Size | null = null, padding: Size = 0) {
      super();
      this.kernel_size = ntuple(kernel_size, rank);
      this.stride = ntuple(stride ?? kernel_size, rank);
      this.padding = ntuple(padding, rank);
    }
    override forward(input: Tensor, indices: Tensor, output_size: number[] | null = null): Tensor {
      return fn(input, indices, this.kernel_size, this.stride, this.padding, output_size);
    }
    override extra_repr(): string {
      return `kernel_size=${pyIntish(this.kernel_size)}, stride=${pyIntish(this.stride)}, padding=${pyIntish(this.padding)}`;
    }
  };
}
export const MaxUnpool1d = maxUnpoolClass(1);
export const MaxUnpool2d = maxUnpoolClass(2);
export const MaxUnpool3d = maxUnpoolClass(3);

/** FractionalMaxPool2d/3d: `_random_samples` (a None buffer unless given) fixes the regions; else each call draws. */
function fractionalClass(rank: 2 | 3) {
  const fn = rank === 2 ? P.fractional_max_pool2d : P.fractional_max_pool3d;
  return class extends Module {
    static override pyName = `FractionalMaxPool${rank}d`;
    static override pyModule = MOD;
    kernel_size: number[]; output_size: number[] | null; output_ratio: number[] | null; return_indices: boolean;
    constructor(kernel_size: Size, output_size: Size | null = null, output_ratio: number | number[] | null = null, return_indices = false,
      _random_samples: Tensor | null = null) {
      super();
      this.kernel_size = ntuple(kernel_size, rank);
      this.return_indices = return_indices;
      this.register_buffer('_random_samples', _random_samples);
      this.output_size = output_size !== null ? ntuple(output_size, rank) : null;
      this.output_ratio = output_ratio !== null ? ntuple(output_ratio, rank) : null;
      if (output_size === null && output_ratio === null) throw valueError(`FractionalMaxPool${rank}d requires specifying either an output size, or a pooling ratio`);
      if (output_size !== null && output_ratio !== null) throw valueError('only one of output_size and output_ratio may be specified');
      if (this.output_ratio && !this.output_ratio.every((r) => r > 0 && r < 1)) {
        throw valueError(`output_ratio must be between 0 and 1 (got ${pyIntish(output_ratio!)})`);
      }
    }
    override forward(input: Tensor): Tensor | [Tensor, Tensor] {
      return fn(input, this.kernel_size, this.output_size, this.output_ratio, this.return_indices, this._buffers.get('_random_samples') ?? null);
    }
  };
}
export const FractionalMaxPool2d = fractionalClass(2);
export const FractionalMaxPool3d = fractionalClass(3);
