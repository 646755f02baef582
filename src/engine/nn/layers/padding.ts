// Padding layers (torch.nn.modules.padding): ZeroPad, ConstantPad, ReflectionPad, ReplicationPad and
// CircularPad in 1d/2d/3d, each holding its padding as PyTorch's 2·N-tuple and calling F.pad.
import type { Tensor } from '../../tensor';
import { Module } from '../module';
import { pad, type PadMode } from '../functional/pad';
import { ntuple } from '../functional/util';
import { pyFloat, pyTuple } from './repr';

type Rank = 1 | 2 | 3;

function padClass(name: string, rank: Rank, mode: PadMode) {
  return class extends Module {
    static override pyName = name;
    static override pyModule = 'torch.nn.modules.padding';
    padding: number[];
    constructor(padding: number | number[]) {
      super();
      this.padding = ntuple(padding, 2 * rank, 'padding');
    }
    override forward(input: Tensor): Tensor { return pad(input, this.padding, mode); }
    override extra_repr(): string { return pyTuple(this.padding); }
  };
}

function constantPadClass(name: string, rank: Rank) {
  return class extends Module {
    static override pyName = name;
    static override pyModule = 'torch.nn.modules.padding';
    padding: number[];
    value: number;
    constructor(padding: number | number[], value: number) {
      super();
      this.padding = ntuple(padding, 2 * rank, 'padding');
      this.value = value;
    }
    override forward(input: Tensor): Tensor { return pad(input, this.padding, 'constant', this.value); }
    override extra_repr(): string { return `padding=${pyTuple(this.padding)}, value=${pyFloat(this.value)}`; }
  };
}

function zeroPadClass(name: string, rank: Rank) {
  const Base = constantPadClass(name, rank);
  return class extends Base {
    constructor(padding: number | number[]) { super(padding, 0.0); }
    override extra_repr(): string { return pyTuple(this.padding); }
  };
}

export const ConstantPad1d = constantPadClass('ConstantPad1d', 1);
export const ConstantPad2d = constantPadClass('ConstantPad2d', 2);
export const ConstantPad3d = constantPadClass('ConstantPad3d', 3);
export const ZeroPad1d = zeroPadClass('ZeroPad1d', 1);
export const ZeroPad2d = zeroPadClass('ZeroPad2d', 2);
export const ZeroPad3d = zeroPadClass('ZeroPad3d', 3);
export const ReflectionPad1d = padClass('ReflectionPad1d', 1, 'reflect');
export const ReflectionPad2d = padClass('ReflectionPad2d', 2, 'reflect');
export const ReflectionPad3d = padClass('ReflectionPad3d', 3, 'reflect');
export const ReplicationPad1d = padClass('ReplicationPad1d', 1, 'replicate');
export const ReplicationPad2d = padClass('ReplicationPad2d', 2, 'replicate');
export const ReplicationPad3d = padClass('ReplicationPad3d', 3, 'replicate');
export const CircularPad1d = padClass('CircularPad1d', 1, 'circular');
export const CircularPad2d = padClass('CircularPad2d', 2, 'circular');
export const CircularPad3d = padClass('CircularPad3d', 3, 'circular');
