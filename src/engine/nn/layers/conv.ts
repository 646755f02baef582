// nn.Conv1d/2d/3d and nn.ConvTranspose1d/2d/3d: PyTorch's _ConvNd (argument checks, padding modes via
// F.pad, 'same'/'valid', default init kaiming_uniform_(a=√5) + bias U(±1/√fan_in)) and its extra_repr.
import type { Tensor } from '../../tensor';
import { valueError } from '../../errors';
import { empty } from '../../ops/creation';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as init from '../init';
import { ntuple } from '../functional/util';
import { pad as fpad, type PadMode } from '../functional/pad';
import * as FC from '../functional/conv';
import type { FactoryKwargs } from './linear';
import { pyTuple } from './repr';

type Rank = 1 | 2 | 3;
type Ints = number | number[];
export type PaddingMode = 'zeros' | PadMode;
const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'];

export abstract class ConvNd extends Module {
  static override pyModule = 'torch.nn.modules.conv';
  in_channels: number;
  out_channels: number;
  kernel_size: number[];
  stride: number[];
  padding: number[] | 'same' | 'valid';
  dilation: number[];
  transposed: boolean;
  output_padding: number[];
  groups: number;
  padding_mode: PaddingMode;
  _reversed_padding_repeated_twice: number[];

  constructor(rank: Rank, transposed: boolean, in_channels: number, out_channels: number, kernel_size: Ints, stride: Ints,
    padding: Ints | 'same' | 'valid', dilation: Ints, output_padding: Ints, groups: number, bias: boolean, padding_mode: PaddingMode,
    factory: FactoryKwargs) {
    super();
    if (groups <= 0) throw valueError('groups must be a positive integer');
    if (in_channels % groups !== 0) throw valueError('in_channels must be divisible by groups');
    if (out_channels % groups !== 0) throw valueError('out_channels must be divisible by groups');
    const k = ntuple(kernel_size, rank, 'kernel_size');
    const st = ntuple(stride, rank, 'stride');
    const dil = ntuple(dilation, rank, 'dilation');
    if (typeof padding === 'string') {
      if (padding !== 'same' && padding !== 'valid') throw valueError(`Invalid padding string '${String(padding)}', should be one of {'valid', 'same'}`);
      if (padding === 'same' && st.some((s) => s !== 1)) throw valueError("padding='same' is not supported for strided convolutions");
    }
    if (!PADDING_MODES.includes(padding_mode)) {
      throw valueError(`padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='${String(padding_mode)}'`);
    }
    this.in_channels = in_channels;
    this.out_channels = out_channels;
    this.kernel_size = k;
    this.stride = st;
    this.padding = typeof padding === 'string' ? padding : ntuple(padding, rank, 'padding');
    this.dilation = dil;
    this.transposed = transposed;
    this.output_padding = ntuple(output_padding, rank, 'output_padding');
    this.groups = groups;
    this.padding_mode = padding_mode;
    // F.pad's order: last dim first, (before, after) each; 'same' puts the odd unit after.
    const pads: number[] = [];
    for (let i = rank - 1; i >= 0; i--) {
      if (this.padding === 'valid') pads.push(0, 0);
      else if (this.padding === 'same') { const t = dil[i] * (k[i] - 1); pads.push(Math.floor(t / 2), t - Math.floor(t / 2)); }
      else pads.push(this.padding[i], this.padding[i]);
    }
    this._reversed_padding_repeated_twice = pads;
    const o = { dtype: factory.dtype ?? null, device: factory.device ?? null };
    const wShape = transposed ? [in_channels, out_channels / groups, ...k] : [out_channels, in_channels / groups, ...k];
    this.register_parameter('weight', new Parameter(empty(wShape, o)));
    this.register_parameter('bias', bias ? new Parameter(empty([out_channels], o)) : null);
    this.reset_parameters();
  }

  get weight(): Parameter { return this._getattr('weight') as Parameter; }
  set weight(v: Parameter) { this.__setattr__('weight', v); }
  get bias(): Parameter | null { return this._getattr('bias') as Parameter | null; }
  set bias(v: Parameter | null) { this.__setattr__('bias', v); }

  reset_parameters(): void {
    init.kaiming_uniform_(this.weight, Math.sqrt(5));
    const b = this.bias;
    if (b) {
      const [fanIn] = init._calculate_fan_in_and_fan_out(this.weight);
      if (fanIn !== 0) {
        const bound = 1 / Math.sqrt(fanIn);
        init.uniform_(b, -bound, bound);
      }
    }
  }

  override extra_repr(): string {
    let s = `${this.in_channels}, ${this.out_channels}, kernel_size=${pyTuple(this.kernel_size)}, stride=${pyTuple(this.stride)}`;
    if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
    else if (this.padding.some((p) => p !== 0)) s += `, padding=${pyTuple(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyTuple(this.dilation)}`;
    if (this.output_padding.some((p) => p !== 0)) s += `, output_padding=${pyTuple(this.output_padding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    if (this.padding_mode !== 'zeros') s += `, padding_mode=${this.padding_mode}`;
    return s;
  }
}

const CONV = [FC.conv1d, FC.conv2d, FC.conv3d];
const CONV_T = [FC.conv_transpose1d, FC.conv_transpose2d, FC.conv_transpose3d];

function convClass(rank: Rank) {
  return class extends ConvNd {
    static override pyName = `Conv${rank}d`;
    constructor(in_channels: number, out_channels: number, kernel_size: Ints, stride: Ints = 1, padding: Ints | 'same' | 'valid' = 0,
      dilation: Ints = 1, groups = 1, bias = true, padding_mode: PaddingMode = 'zeros', factory: FactoryKwargs = {}) {
      super(rank, false, in_channels, out_channels, kernel_size, stride, padding, dilation, 0, groups, bias, padding_mode, factory);
    }
    _conv_forward(input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
      const conv = CONV[rank - 1];
      if (this.padding_mode !== 'zeros') {
        const padded = fpad(input, this._reversed_padding_repeated_twice, this.padding_mode);
        return conv(padded, weight, bias, this.stride, 0, this.dilation, this.groups);
      }
      return conv(input, weight, bias, this.stride, this.padding, this.dilation, this.groups);
    }
    override forward(input: Tensor): Tensor { return this._conv_forward(input, this.weight, this.bias); }
  };
}

function convTransposeClass(rank: Rank) {
  return class extends ConvNd {
    static override pyName = `ConvTranspose${rank}d`;
    constructor(in_channels: number, out_channels: number, kernel_size: Ints, stride: Ints = 1, padding: Ints = 0, output_padding: Ints = 0,
      groups = 1, bias = true, dilation: Ints = 1, padding_mode: PaddingMode = 'zeros', factory: FactoryKwargs = {}) {
      if (padding_mode !== 'zeros') throw valueError(`Only "zeros" padding mode is supported for ConvTranspose${rank}d`);
      super(rank, true, in_channels, out_channels, kernel_size, stride, padding, dilation, output_padding, groups, bias, padding_mode, factory);
    }
    /** PyTorch's _output_padding: the output_padding that makes the result `output_size`. */
    _output_padding(input: Tensor, output_size: number[] | null): number[] {
      if (output_size === null) return this.output_padding;
      const batched = input.dim() === rank + 2;
      const lead = batched ? 2 : 1;
      const os = output_size.length === lead + rank ? output_size.slice(lead) : output_size;
      if (os.length !== rank) {
        throw valueError(`ConvTranspose${rank}D: for ${input.dim()}D input, output_size must have ${rank} or ${lead + rank} elements (got ${output_size.length})`);
      }
      const pad = this.padding as number[];
      return os.map((o, d) => {
        const min = (input.shape[d + lead] - 1) * this.stride[d] - 2 * pad[d] + this.dilation[d] * (this.kernel_size[d] - 1) + 1;
        const max = min + this.stride[d] - 1;
        if (o < min || o > max) {
          throw valueError(`requested an output size of [${os.join(', ')}], but valid sizes range from [${min}] to [${max}] (for an input of [${input.shape.slice(lead).join(', ')}])`);
        }
        return o - min;
      });
    }
    override forward(input: Tensor, output_size: number[] | null = null): Tensor {
      const op = this._output_padding(input, output_size);
      return CONV_T[rank - 1](input, this.weight, this.bias, this.stride, this.padding as number[], op, this.groups, this.dilation);
    }
  };
}

export const Conv1d = convClass(1);
export const Conv2d = convClass(2);
export const Conv3d = convClass(3);
export const ConvTranspose1d = convTransposeClass(1);
export const ConvTranspose2d = convTransposeClass(2);
export const ConvTranspose3d = convTransposeClass(3);
export type Conv1d = InstanceType<typeof Conv1d>;
export type Conv2d = InstanceType<typeof Conv2d>;
export type Conv3d = InstanceType<typeof Conv3d>;
export type ConvTranspose1d = InstanceType<typeof ConvTranspose1d>;
export type ConvTranspose2d = InstanceType<typeof ConvTranspose2d>;
export type ConvTranspose3d = InstanceType<typeof ConvTranspose3d>;
