// Spatial transformers: F.affine_grid (AffineGridGeneratorBackward0) and F.grid_sample on 4-D and 5-D
// inputs (GridSampler2DBackward0 / 3D) with bilinear (trilinear) / nearest / bicubic (2-D) sampling, zeros / border / reflection padding and
// align_corners, following ATen's GridSampler.h coordinate rules (including their gradients).
import { Tensor, emptyTensor, makeTensor } from '../../tensor';
import { notImplemented, runtimeError, valueError } from '../../errors';
import { record } from '../../autograd/node';
import { no_grad } from '../../autograd/grad_mode';
import { linspace, ones } from '../../ops/creation';
import { stack } from '../../ops/shape_ops';
import { requireFloat } from './util';

const sizeStr = (s: readonly number[]) => `torch.Size([${s.join(', ')}])`;
/** Float64 results stored in the dtype's own array (Float32Array for float32/16). */
const store = (o: Float64Array, dtype: Tensor['dtype']) => (dtype === 'float64' ? o : Float32Array.from(o));

/** The [points, rank+1] base grid of normalised coordinates (x fastest), with a trailing 1. */
function baseGrid(sp: number[], align: boolean, dtype: Tensor['dtype']): Tensor {
  const axis = (n: number) => {
    const l = linspace(-1, 1, n, { dtype });
    return align || n <= 1 ? (n <= 1 ? l.mul(0) : l) : l.mul((n - 1) / n);
  };
  const grids = sp.map(axis);
  const total = sp.reduce((a, b) => a * b, 1);
  // Coordinates in (x, y[, z]) order: the last spatial dim varies fastest.
  const cols = sp.map((_, i) => {
    const shape = sp.map((n, j) => (j === i ? n : 1));
    return grids[i].view(shape).expand(sp).reshape([total]);
  }).reverse();
  return stack([...cols, ones([total], { dtype })], 1);
}

export function affine_grid(theta: Tensor, size: number[], align_corners: boolean | null = null): Tensor {
  requireFloat(theta, 'affine_grid');
  const align = align_corners ?? false;
  if (size.length !== 4 && size.length !== 5) {
    throw notImplemented(`affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, respectively. Got size [${size.join(', ')}].`);
  }
  const k = size.length - 2;
  if (theta.dim() !== 3 || theta.shape[0] !== size[0] || theta.shape[1] !== k || theta.shape[2] !== k + 1) {
    throw valueError(`Expected a batch of ${k}D affine matrices of shape Nx${k}x${k + 1} for size [${size.join(', ')}]. Got ${sizeStr(theta.shape)}.`);
  }
  if (size.some((s) => s <= 0)) throw valueError(`Expected non-zero, positive output size. Got ${JSON.stringify(size).replace(/,/g, ', ')}`);
  const sp = size.slice(2);
  if (theta.device === 'meta') {
    const out = emptyTensor([size[0], ...sp, k], theta.dtype, 'meta');
    record('AffineGridGeneratorBackward0', out, [theta], [], () => [emptyTensor(theta.shape, theta.dtype, 'meta')]);
    return out;
  }
  const base = baseGrid(sp, align, theta.dtype);
  const out = no_grad(() => base.matmul(theta.transpose(1, 2)).view([size[0], ...sp, k]));
  record('AffineGridGeneratorBackward0', out, [theta], [base], ([g], [b]) => [g!.reshape([size[0], -1, k]).transpose(1, 2).matmul(b)]);
  return out;
}

type Padding = 'zeros' | 'border' | 'reflection';

/** ATen's compute_coordinates (padding applied to an unnormalised index) and its derivative factor. */
function padCoord(v: number, size: number, pad: Padding, align: boolean): [number, number] {
  let x = v, g = 1;
  const clip = (): void => {
    if (x <= 0) { x = 0; g = 0; } else if (x >= size - 1) { x = size - 1; g = 0; }
  };
  if (pad === 'border') clip();
  else if (pad === 'reflection') {
    const [lo2, hi2] = align ? [0, 2 * (size - 1)] : [-1, 2 * size - 1];
    if (lo2 === hi2) { x = 0; g = 0; } else {
      const min = lo2 / 2, span = (hi2 - lo2) / 2;
      let d = x - min, mult = 1;
      if (d < 0) { mult = -1; d = -d; }
      const extra = d % span, flips = Math.floor(d / span);
      if (flips % 2 === 0) { x = extra + min; g = mult; } else { x = span - extra + min; g = -mult; }
    }
    clip();
  }
  return [x, g];
}

/** grid_sampler_unnormalize and its derivative. */
const unnormalize = (coord: number, size: number, align: boolean): [number, number] =>
  (align ? [((coord + 1) / 2) * (size - 1), (size - 1) / 2] : [((coord + 1) * size - 1) / 2, size / 2]);

/** Source index and d(index)/d(grid coordinate), as grid_sampler_compute_source_index_set_grad. */
function sourceIndex(coord: number, size: number, pad: Padding, align: boolean): [number, number] {
  const [u, gu] = unnormalize(coord, size, align);
  const [x, gp] = padCoord(u, size, pad, align);
  return [x, gu * gp];
}

// Bicubic taps (A = -0.75, as upsample_bicubic2d) and their derivatives with respect to t.
const A = -0.75;
const cc1 = (x: number) => ((A + 2) * x - (A + 3)) * x * x + 1;
const cc2 = (x: number) => ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
const cubicCoeffs = (t: number) => [cc2(t + 1), cc1(t), cc1(1 - t), cc2(2 - t)];
function cubicCoeffsGrad(t: number): number[] {
  let x = -1 - t;
  const c0 = (-3 * A * x - 10 * A) * x - 8 * A;
  x = -t;
  const c1 = (-3 * (A + 2) * x - 2 * (A + 3)) * x;
  x = 1 - t;
  const c2 = (3 * (A + 2) * x - 2 * (A + 3)) * x;
  x = 2 - t;
  const c3 = (3 * A * x - 10 * A) * x + 8 * A;
  return [c0, c1, c2, c3];
}

/** C's nearbyint: round half to even. */
const nearbyint = (v: number) => { const r = Math.round(v); return Math.abs(v - Math.trunc(v)) === 0.5 && r % 2 !== 0 ? r - 1 : r; };

interface Sampler { N: number; C: number; inSp: number[]; outSp: number[]; mode: 'bilinear' | 'nearest' | 'bicubic'; pad: Padding; align: boolean }
const prod = (v: number[]) => v.reduce((x, y) => x * y, 1);

/**
 * One pass over the output: forward values, or (given gOut) gradients for the input and the grid.
 * Rank-generic for bilinear/trilinear and nearest: grid coordinate j addresses spatial dim r-1-j
 * (x is the width), and a linear sample blends the 2^r corners around the point.
 */
function gridKernel(s: Sampler, inp: ArrayLike<number>, grid: ArrayLike<number>, out: Float64Array | null,
  gOut: ArrayLike<number> | null, gIn: Float64Array | null, gGrid: Float64Array | null): void {
  const { N, C, inSp, outSp } = s;
  const r = inSp.length, inPlane = prod(inSp), outPlane = prod(outSp);
  const size = (j: number) => inSp[r - 1 - j];
  const stride = (j: number) => prod(inSp.slice(r - j));
  const idx = new Array<number>(r), mult = new Array<number>(r), gsum = new Array<number>(r), pos = new Array<number>(r);
  for (let n = 0; n < N; n++) for (let p = 0; p < outPlane; p++) {
    const gi = (n * outPlane + p) * r;
    if (s.mode === 'bicubic') {
      bicubicAt(s, n, p, gi, inp, grid, out, gOut, gIn, gGrid);
      continue;
    }
    for (let j = 0; j < r; j++) { [idx[j], mult[j]] = sourceIndex(grid[gi + j], size(j), s.pad, s.align); gsum[j] = 0; }
    const nearest = s.mode === 'nearest';
    for (let corner = 0; corner < (nearest ? 1 : 1 << r); corner++) {
      let off = 0, inb = true, wt = 1;
      for (let j = 0; j < r; j++) {
        pos[j] = nearest ? nearbyint(idx[j]) : Math.floor(idx[j]) + ((corner >> j) & 1);
        inb &&= pos[j] >= 0 && pos[j] < size(j);
        off += pos[j] * stride(j);
        if (!nearest) wt *= (corner >> j) & 1 ? idx[j] - (pos[j] - 1) : pos[j] + 1 - idx[j];
      }
      if (!inb) continue;
      for (let c = 0; c < C; c++) {
        const src = (n * C + c) * inPlane + off, o = (n * C + c) * outPlane + p, v = inp[src];
        if (out) out[o] += v * wt;
        if (!gOut) continue;
        const go = gOut[o];
        if (gIn) gIn[src] += wt * go;
        if (nearest) continue;
        // d weight / d idx[j]: the other factors, signed by the corner's side along j.
        for (let j = 0; j < r; j++) {
          let dw = (corner >> j) & 1 ? 1 : -1;
          for (let k = 0; k < r; k++) if (k !== j) dw *= (corner >> k) & 1 ? idx[k] - (pos[k] - 1) : pos[k] + 1 - idx[k];
          gsum[j] += v * dw * go;
        }
      }
    }
    if (gGrid) for (let j = 0; j < r; j++) gGrid[gi + j] = mult[j] * gsum[j];
  }
}

/** One bicubic output location: 4×4 taps around the unnormalised point, padding applied per tap. */
function bicubicAt(s: Sampler, n: number, p: number, gi: number, inp: ArrayLike<number>, grid: ArrayLike<number>,
  out: Float64Array | null, gOut: ArrayLike<number> | null, gIn: Float64Array | null, gGrid: Float64Array | null): void {
  const { C } = s, [H, W] = s.inSp, outPlane = prod(s.outSp);
  const [ix, mx] = unnormalize(grid[gi], W, s.align), [iy, my] = unnormalize(grid[gi + 1], H, s.align);
  const x0 = Math.floor(ix), y0 = Math.floor(iy), tx = ix - x0, ty = iy - y0;
  const cx = cubicCoeffs(tx), cy = cubicCoeffs(ty);
  const dcx = gGrid ? cubicCoeffsGrad(tx) : null, dcy = gGrid ? cubicCoeffsGrad(ty) : null;
  // Tap (i, j) reads input at the padded, truncated coordinates, or nothing when out of bounds.
  const tap = (i: number, j: number): number => {
    const x = Math.trunc(padCoord(x0 - 1 + i, W, s.pad, s.align)[0]), y = Math.trunc(padCoord(y0 - 1 + j, H, s.pad, s.align)[0]);
    return x >= 0 && x < W && y >= 0 && y < H ? y * W + x : -1;
  };
  const taps = Array.from({ length: 16 }, (_, k) => tap(k % 4, k >> 2));
  let gix = 0, giy = 0;
  for (let c = 0; c < C; c++) {
    const plane = (n * C + c) * H * W, o = (n * C + c) * outPlane + p;
    let acc = 0;
    for (let k = 0; k < 16; k++) {
      const t = taps[k];
      if (t < 0) continue;
      const i = k % 4, j = k >> 2, v = inp[plane + t];
      if (out) acc += v * cx[i] * cy[j];
      if (gOut) {
        const go = gOut[o];
        if (gIn) gIn[plane + t] += go * cx[i] * cy[j];
        gix -= v * dcx![i] * cy[j] * go;
        giy -= v * dcy![j] * cx[i] * go;
      }
    }
    if (out) out[o] = acc;
  }
  if (gGrid) { gGrid[gi] = mx * gix; gGrid[gi + 1] = my * giy; }
}

export function grid_sample(input: Tensor, grid: Tensor, mode: string = 'bilinear', padding_mode: string = 'zeros', align_corners: boolean | null = null): Tensor {
  if (mode !== 'bilinear' && mode !== 'nearest' && mode !== 'bicubic') {
    throw valueError(`nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '${mode}'`);
  }
  if (padding_mode !== 'zeros' && padding_mode !== 'border' && padding_mode !== 'reflection') {
    throw valueError(`nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or 'reflection', but got: '${padding_mode}'`);
  }
  const sizes = `input with sizes [${input.shape.join(', ')}] and grid with sizes [${grid.shape.join(', ')}]`;
  // ATen's check order: the grid's last dim, the batch, then the ranks.
  if (grid.shape[grid.dim() - 1] !== input.dim() - 2) {
    throw runtimeError(`grid_sampler(): expected grid to have size ${input.dim() - 2} in last dimension, but got grid with sizes [${grid.shape.join(', ')}]`);
  }
  if (input.shape[0] !== grid.shape[0]) throw runtimeError(`grid_sampler(): expected grid and input to have same batch size, but got ${sizes}`);
  if ((input.dim() !== 4 && input.dim() !== 5) || input.dim() !== grid.dim()) {
    throw runtimeError(`grid_sampler(): expected 4D or 5D input and grid with same number of dimensions, but got ${sizes}`);
  }
  const r = input.dim() - 2;
  if (mode === 'bicubic' && r === 3) throw runtimeError('grid_sampler(): bicubic interpolation only supports 4D input');
  requireFloat(input, `grid_sampler_${r}d_cpu`);
  const [N, C, ...inSp] = input.shape, outSp = grid.shape.slice(1, 1 + r);
  const s: Sampler = { N, C, inSp, outSp, mode, pad: padding_mode, align: align_corners ?? false };
  const shape = [N, C, ...outSp];
  let out: Tensor;
  if (input.device === 'meta' || grid.device === 'meta') out = emptyTensor(shape, input.dtype, 'meta');
  else {
    const o = new Float64Array(N * C * prod(outSp));
    gridKernel(s, input._contiguousData(), grid._contiguousData(), o, null, null, null);
    out = makeTensor(store(o, input.dtype), shape, input.dtype);
  }
  record(`GridSampler${r}DBackward0`, out, [input, grid], [input, grid], ([g], [x, gr]) => {
    if (g!.device === 'meta') return [emptyTensor(x.shape, x.dtype, 'meta'), emptyTensor(gr.shape, gr.dtype, 'meta')];
    const gIn = new Float64Array(x.numel()), gGrid = new Float64Array(gr.numel());
    gridKernel(s, x._contiguousData(), gr._contiguousData(), null, g!._contiguousData(), gIn, gGrid);
    return [makeTensor(store(gIn, x.dtype), x.shape, x.dtype), makeTensor(store(gGrid, gr.dtype), gr.shape, gr.dtype)];
  });
  return out;
}
