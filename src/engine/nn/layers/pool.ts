// Pooling layers: MaxPool1d/2d/3d, AvgPool1d/2d/3d, AdaptiveAvgPool1d/2d/3d, AdaptiveMaxPool1d/2d/3d,
// holding their arguments as given (PyTorch prints them that way) and calling nn.functional.
import type { Tensor } from '../../tensor';
import { Module } from '../module';
import * as FP from '../functional/pool';
import { pyBool, pyIntish } from './repr';

type Ints = number | number[];
type Rank = 1 | 2 | 3;
const MAX = [FP.max_pool1d, FP.max_pool2d, FP.max_pool3d];
const AVG_ADAPT = [FP.adaptive_avg_pool1d, FP.adaptive_avg_pool2d, FP.adaptive_avg_pool3d];
const MAX_ADAPT = [FP.adaptive_max_pool1d, FP.adaptive_max_pool2d, FP.adaptive_max_pool3d];

function maxPoolClass(rank: Rank) {
  return class extends Module {
    static override pyName = `MaxPool${rank}d`;
    static override pyModule = 'torch.nn.modules.pooling';
    kernel_size: Ints; stride: Ints; padding: Ints; dilation: Ints; return_indices: boolean; ceil_mode: boolean;
    constructor(kernel_size: Ints, stride: Ints | null = null, padding: Ints = 0, dilation: Ints = 1, return_indices = false, ceil_mode = false) {
      super();
      this.kernel_size = kernel_size;
      this.stride = stride ?? kernel_size;
      this.padding = padding;
      this.dilation = dilation;
      this.return_indices = return_indices;
      this.ceil_mode = ceil_mode;
    }
    override forward(input: Tensor): Tensor | [Tensor, Tensor] {
      return MAX[rank - 1](input, this.kernel_size, this.stride, this.padding, this.dilation, this.ceil_mode, this.return_indices);
    }
    override extra_repr(): string {
      return `kernel_size=${pyIntish(this.kernel_size)}, stride=${pyIntish(this.stride)}, padding=${pyIntish(this.padding)}, dilation=${pyIntish(this.dilation)}, ceil_mode=${pyBool(this.ceil_mode)}`;
    }
  };
}
export const MaxPool1d = maxPoolClass(1);
export const MaxPool2d = maxPoolClass(2);
export const MaxPool3d = maxPoolClass(3);

/** AvgPool1d stores its sizes as 1-tuples (PyTorch's _single), so they print as (2,). */
export class AvgPool1d extends Module {
  static override pyName = 'AvgPool1d';
  static override pyModule = 'torch.nn.modules.pooling';
  kernel_size: number[]; stride: number[]; padding: number[]; ceil_mode: boolean; count_include_pad: boolean;
  constructor(kernel_size: Ints, stride: Ints | null = null, padding: Ints = 0, ceil_mode = false, count_include_pad = true) {
    super();
    const single = (v: Ints) => (typeof v === 'number' ? [v] : [...v]);
    this.kernel_size = single(kernel_size);
    this.stride = single(stride ?? kernel_size);
    this.padding = single(padding);
    this.ceil_mode = ceil_mode;
    this.count_include_pad = count_include_pad;
  }
  override forward(input: Tensor): Tensor {
    return FP.avg_pool1d(input, this.kernel_size, this.stride, this.padding, this.ceil_mode, this.count_include_pad);
  }
  override extra_repr(): string {
    return `kernel_size=${pyIntish(this.kernel_size)}, stride=${pyIntish(this.stride)}, padding=${pyIntish(this.padding)}`;
  }
}

function avgPoolClass(rank: 2 | 3) {
  const fn = rank === 2 ? FP.avg_pool2d : FP.avg_pool3d;
  return class extends Module {
    static override pyName = `AvgPool${rank}d`;
    static override pyModule = 'torch.nn.modules.pooling';
    kernel_size: Ints; stride: Ints; padding: Ints; ceil_mode: boolean; count_include_pad: boolean; divisor_override: number | null;
    constructor(kernel_size: Ints, stride: Ints | null = null, padding: Ints = 0, ceil_mode = false, count_include_pad = true, divisor_override: number | null = null) {
      super();
      this.kernel_size = kernel_size;
      this.stride = stride ?? kernel_size;
      this.padding = padding;
      this.ceil_mode = ceil_mode;
      this.count_include_pad = count_include_pad;
      this.divisor_override = divisor_override;
    }
    override forward(input: Tensor): Tensor {
      return fn(input, this.kernel_size, this.stride, this.padding, this.ceil_mode, this.count_include_pad, this.divisor_override);
    }
    override extra_repr(): string {
      return `kernel_size=${pyIntish(this.kernel_size)}, stride=${pyIntish(this.stride)}, padding=${pyIntish(this.padding)}`;
    }
  };
}
export const AvgPool2d = avgPoolClass(2);
export const AvgPool3d = avgPoolClass(3);

type OutSize = number | (number | null)[];
function adaptiveAvgClass(rank: Rank) {
  return class extends Module {
    static override pyName = `AdaptiveAvgPool${rank}d`;
    static override pyModule = 'torch.nn.modules.pooling';
    constructor(public output_size: OutSize) { super(); }
    override forward(input: Tensor): Tensor { return AVG_ADAPT[rank - 1](input, this.output_size); }
    override extra_repr(): string { return `output_size=${pyIntish(this.output_size)}`; }
  };
}
export const AdaptiveAvgPool1d = adaptiveAvgClass(1);
export const AdaptiveAvgPool2d = adaptiveAvgClass(2);
export const AdaptiveAvgPool3d = adaptiveAvgClass(3);

function adaptiveMaxClass(rank: Rank) {
  return class extends Module {
    static override pyName = `AdaptiveMaxPool${rank}d`;
    static override pyModule = 'torch.nn.modules.pooling';
    constructor(public output_size: OutSize, public return_indices = false) { super(); }
    override forward(input: Tensor): Tensor | [Tensor, Tensor] { return MAX_ADAPT[rank - 1](input, this.output_size, this.return_indices); }
    override extra_repr(): string { return `output_size=${pyIntish(this.output_size)}`; }
  };
}
export const AdaptiveMaxPool1d = adaptiveMaxClass(1);
export const AdaptiveMaxPool2d = adaptiveMaxClass(2);
export const AdaptiveMaxPool3d = adaptiveMaxClass(3);
