// ChannelShuffle, Fold and Unfold (torch.nn.modules.channelshuffle / .fold) over vision_extra.
import type { Tensor } from '../../tensor';
import { Module } from '../module';
import { channel_shuffle, fold, unfold } from '../functional/vision_extra';
import { pyIntish } from './repr';

type Size = number | number[];

export class ChannelShuffle extends Module {
  static override pyName = 'ChannelShuffle';
  static override pyModule = 'torch.nn.modules.channelshuffle';
  constructor(public groups: number) { super(); }
  override forward(input: Tensor): Tensor { return channel_shuffle(input, this.groups); }
  override extra_repr(): string { return `groups=${this.groups}`; }
}

export class Fold extends Module {
  static override pyName = 'Fold';
  static override pyModule = 'torch.nn.modules.fold';
  constructor(public output_size: Size, public kernel_size: Size, public dilation: Size = 1, public padding: Size = 0, public stride: Size = 1) { super(); }
  override forward(input: Tensor): Tensor { return fold(input, this.output_size, this.kernel_size, this.dilation, this.padding, this.stride); }
  override extra_repr(): string {
    return `output_size=${pyIntish(this.output_size)}, kernel_size=${pyIntish(this.kernel_size)}, dilation=${pyIntish(this.dilation)}, padding=${pyIntish(this.padding)}, stride=${pyIntish(this.stride)}`;
  }
}

export class Unfold extends Module {
  static override pyName = 'Unfold';
  static override pyModule = 'torch.nn.modules.fold';
  constructor(public kernel_size: Size, public dilation: Size = 1, public padding: Size = 0, public stride: Size = 1) { super(); }
  override forward(input: Tensor): Tensor { return unfold(input, this.kernel_size, this.dilation, this.padding, this.stride); }
  override extra_repr(): string {
    return `kernel_size=${pyIntish(this.kernel_size)}, dilation=${pyIntish(this.dilation)}, padding=${pyIntish(this.padding)}, stride=${pyIntish(this.stride)}`;
  }
}
