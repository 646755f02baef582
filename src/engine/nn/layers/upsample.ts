// Upsampling layers: nn.Upsample (with UpsamplingNearest2d / UpsamplingBilinear2d), nn.PixelShuffle and
// nn.PixelUnshuffle, over F.interpolate / F.pixel_shuffle with PyTorch's extra_repr.
import type { Tensor } from '../../tensor';
import { Module } from '../module';
import { interpolate, pixel_shuffle, pixel_unshuffle, type InterpolateMode } from '../functional/upsample';
import { pyFloat, pyIntish } from './repr';

const MOD = 'torch.nn.modules.upsampling';

export class Upsample extends Module {
  static override pyName = 'Upsample';
  static override pyModule = MOD;
  size: number | number[] | null;
  scale_factor: number | number[] | null;
  mode: InterpolateMode;
  align_corners: boolean | null;
  recompute_scale_factor: boolean | null;
  constructor(size: number | number[] | null = null, scale_factor: number | number[] | null = null, mode: InterpolateMode = 'nearest',
    align_corners: boolean | null = null, recompute_scale_factor: boolean | null = null) {
    super();
    this.size = size;
    this.scale_factor = scale_factor;
    this.mode = mode;
    this.align_corners = align_corners;
    this.recompute_scale_factor = recompute_scale_factor;
  }
  override forward(input: Tensor): Tensor {
    return interpolate(input, this.size, this.scale_factor, this.mode, this.align_corners, this.recompute_scale_factor);
  }
  override extra_repr(): string {
    const sf = this.scale_factor;
    // PyTorch stores scale_factor as float(s), so it prints 2.0 / (2.0, 3.0).
    const info = sf !== null
      ? `scale_factor=${Array.isArray(sf) ? (sf.length === 1 ? `(${pyFloat(sf[0])},)` : `(${sf.map(pyFloat).join(', ')})`) : pyFloat(sf)}`
      : `size=${pyIntish(this.size)}`;
    return `${info}, mode='${this.mode}'`;
  }
}

export class UpsamplingNearest2d extends Upsample {
  static override pyName = 'UpsamplingNearest2d';
  constructor(size: number | number[] | null = null, scale_factor: number | number[] | null = null) { super(size, scale_factor, 'nearest'); }
}

export class UpsamplingBilinear2d extends Upsample {
  static override pyName = 'UpsamplingBilinear2d';
  constructor(size: number | number[] | null = null, scale_factor: number | number[] | null = null) { super(size, scale_factor, 'bilinear', true); }
}

export class PixelShuffle extends Module {
  static override pyName = 'PixelShuffle';
  static override pyModule = 'torch.nn.modules.pixelshuffle';
  constructor(public upscale_factor: number) { super(); }
  override forward(input: Tensor): Tensor { return pixel_shuffle(input, this.upscale_factor); }
  override extra_repr(): string { return `upscale_factor=${this.upscale_factor}`; }
}

export class PixelUnshuffle extends Module {
  static override pyName = 'PixelUnshuffle';
  static override pyModule = 'torch.nn.modules.pixelshuffle';
  constructor(public downscale_factor: number) { super(); }
  override forward(input: Tensor): Tensor { return pixel_unshuffle(input, this.downscale_factor); }
  override extra_repr(): string { return `downscale_factor=${this.downscale_factor}`; }
}
