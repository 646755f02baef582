// 1d/2d convolutions on tfjs's own conv kernels (XNNPACK on wasm), converting PyTorch's NCHW/OIHW
// to tfjs's NHWC/HWIO inside. The gradients tfjs-wasm lacks are rewritten as forward convolutions:
// input grad = conv of grad_output with the flipped kernel (stride 1 only), weight grad = conv of the
// batch-transposed input with grad_output as the filter (dilation = stride). Everything else: im2col.ts.
import type * as tfc from '@tensorflow/tfjs-core';
import type { ConvGeom } from './conv';
import type { Tf } from './init';
import { read } from './matmul';

type Pad4 = [[number, number], [number, number], [number, number], [number, number]];

/** Rows/cols of x the convolution actually reads, and the padding that makes the output size exact. */
interface Canon {
  keepH: number;
  keepW: number;
  pad: Pad4;
}

function canon(g: ConvGeom): Canon {
  const after = (i: number) => (g.out[i] - 1) * g.s[i] + g.d[i] * (g.k[i] - 1) + 1 - g.inS[i] - g.pad[i];
  const ah = after(1);
  const aw = after(2);
  // PyTorch floors the output size; rows past the last window are never read: crop them instead
  // of handing tfjs a padding it would round differently.
  return {
    keepH: Math.min(g.inS[1], g.inS[1] + ah),
    keepW: Math.min(g.inS[2], g.inS[2] + aw),
    pad: [[0, 0], [g.pad[1], Math.max(0, ah)], [g.pad[2], Math.max(0, aw)], [0, 0]],
  };
}

/** Whether tfjs has a fast, exact kernel for this case (otherwise the caller uses im2col). */
export function tfjsSupports(g: ConvGeom, which: 'forward' | 'input' | 'weight'): boolean {
  // tfjs-wasm's Conv3D family is a naive loop (~0.5 GFLOP/s): im2col + GEMM is 20x faster.
  if (g.rank === 3) return false;
  const c = canon(g);
  if (c.keepH < 1 || c.keepW < 1) return false;
  const stride1 = g.s[1] === 1 && g.s[2] === 1;
  const dil1 = g.d[1] === 1 && g.d[2] === 1;
  // tfjs: "Either strides or dilations must be 1".
  if (which === 'input') return stride1;
  return stride1 || dil1;
}

/**
 * Where both are exact, whether tfjs's kernel beats im2col + GEMM (per-case sweep on wasm, ResNet and
 * LeNet shapes). The forward conv always does; the input gradient loses when there are few output
 * positions per channel (ResNet's 512 channels at 2x2: the flipped filter is repacked every call);
 * a 1x1 kernel's weight gradient is a plain GEMM. Depthwise stays on tfjs (im2col would be one tiny
 * GEMM per channel).
 */
export function tfjsIsFaster(g: ConvGeom, which: 'forward' | 'input' | 'weight'): boolean {
  if (which === 'forward' || (g.Cg === 1 && g.groups > 1)) return true;
  if (which === 'weight') return g.k[1] * g.k[2] > 1;
  return g.N * g.out[1] * g.out[2] * 4 >= Math.max(g.O, g.C);
}

const dims = (g: ConvGeom) => ({ H: g.inS[1], W: g.inS[2], OH: g.out[1], OW: g.out[2], kh: g.k[1], kw: g.k[2] });

// With one channel or one pixel, NCHW and NHWC are the same memory: no transpose (grayscale inputs).
function nhwc(tf: Tf, data: Float32Array, n: number, c: number, h: number, w: number): tfc.Tensor4D {
  if (c === 1 || h * w === 1) return tf.tensor4d(data, [n, h, w, c], 'float32');
  return tf.transpose(tf.tensor4d(data, [n, c, h, w], 'float32'), [0, 2, 3, 1]);
}

function readNCHW(tf: Tf, t: tfc.Tensor4D): Float32Array {
  const [, h, w, c] = t.shape;
  return read(c === 1 || h * w === 1 ? t : tf.transpose(t, [0, 3, 1, 2]));
}

function cropped(tf: Tf, g: ConvGeom, x: Float32Array, c: Canon): tfc.Tensor4D {
  const { H, W } = dims(g);
  const xh = nhwc(tf, x, g.N, g.C, H, W);
  return c.keepH === H && c.keepW === W ? xh : tf.slice(xh, [0, 0, 0, 0], [g.N, c.keepH, c.keepW, g.C]);
}

function channels<T extends tfc.Tensor>(tf: Tf, t: T, axis: number, start: number, size: number): T {
  const begin = t.shape.map((_, i) => (i === axis ? start : 0));
  const sizes = t.shape.map((d, i) => (i === axis ? size : d));
  return tf.slice(t, begin, sizes) as T;
}

export function tfjsForward(tf: Tf, g: ConvGeom, x: Float32Array, w: Float32Array): Float32Array {
  const { kh, kw } = dims(g);
  const c = canon(g);
  const xh = cropped(tf, g, x, c);
  const wt = tf.tensor4d(w, [g.O, g.Cg, kh, kw], 'float32');
  const s: [number, number] = [g.s[1], g.s[2]];
  const d: [number, number] = [g.d[1], g.d[2]];
  let y: tfc.Tensor4D;
  if (g.groups === 1) {
    y = tf.conv2d(xh, tf.transpose(wt, [2, 3, 1, 0]), s, c.pad, 'NHWC', d);
  } else if (g.Cg === 1) {
    // Depthwise with channel multiplier: PyTorch's out channel c·Og+m is tfjs's too.
    const f = tf.transpose(tf.reshape(wt, [g.C, g.Og, kh, kw]), [2, 3, 0, 1]) as tfc.Tensor4D;
    y = tf.depthwiseConv2d(xh, f, s, c.pad, 'NHWC', d);
  } else {
    const parts: tfc.Tensor4D[] = [];
    for (let i = 0; i < g.groups; i++) {
      const f = tf.transpose(channels(tf, wt, 0, i * g.Og, g.Og), [2, 3, 1, 0]);
      parts.push(tf.conv2d(channels(tf, xh, 3, i * g.Cg, g.Cg), f, s, c.pad, 'NHWC', d));
    }
    y = tf.concat(parts, 3);
  }
  return readNCHW(tf, y);
}

/** Stride 1 only: dx = grad_output convolved with the spatially flipped, in/out-swapped kernel. */
export function tfjsBackwardInput(tf: Tf, g: ConvGeom, gy: Float32Array, w: Float32Array): Float32Array {
  const { OH, OW, kh, kw } = dims(g);
  const c = canon(g);
  let gyh = nhwc(tf, gy, g.N, g.O, OH, OW);
  // Padding of the "full" convolution; a negative one means grad rows that only saw padding: drop them.
  const pt = g.d[1] * (kh - 1) - g.pad[1];
  const pb = g.d[1] * (kh - 1) - c.pad[1][1];
  const pl = g.d[2] * (kw - 1) - g.pad[2];
  const pr = g.d[2] * (kw - 1) - c.pad[2][1];
  if (pt < 0 || pb < 0 || pl < 0 || pr < 0) {
    const top = Math.max(0, -pt);
    const left = Math.max(0, -pl);
    const h = OH - top - Math.max(0, -pb);
    const wd = OW - left - Math.max(0, -pr);
    gyh = tf.slice(gyh, [0, top, left, 0], [g.N, h, wd, g.O]);
  }
  const pad: Pad4 = [[0, 0], [Math.max(0, pt), Math.max(0, pb)], [Math.max(0, pl), Math.max(0, pr)], [0, 0]];
  const d: [number, number] = [g.d[1], g.d[2]];
  const flipped = (o0: number, n: number) => tf.tensor4d(flipToHWOI(w, o0, n, g.Cg, kh, kw), [kh, kw, n, g.Cg], 'float32');
  let dx: tfc.Tensor4D;
  if (g.groups === 1) {
    dx = tf.conv2d(gyh, flipped(0, g.O), 1, pad, 'NHWC', d);
  } else if (g.Cg === 1) {
    dx = tf.depthwiseConv2d(gyh, flipped(0, g.O), 1, pad, 'NHWC', d);
    if (g.Og > 1) dx = tf.sum(tf.reshape(dx, [g.N, dx.shape[1], dx.shape[2], g.C, g.Og]), 4);
  } else {
    const parts: tfc.Tensor4D[] = [];
    for (let i = 0; i < g.groups; i++) {
      parts.push(tf.conv2d(channels(tf, gyh, 3, i * g.Og, g.Og), flipped(i * g.Og, g.Og), 1, pad, 'NHWC', d));
    }
    dx = tf.concat(parts, 3);
  }
  return readNCHW(tf, dx);
}

/** Rows o0..o0+n of an OIHW weight as the HWIO filter of the input gradient: spatially flipped, O↔I. */
function flipToHWOI(w: Float32Array, o0: number, n: number, Cg: number, kh: number, kw: number): Float32Array {
  const out = new Float32Array(kh * kw * n * Cg);
  const K = kh * kw;
  for (let o = 0; o < n; o++) {
    for (let c = 0; c < Cg; c++) {
      const src = ((o0 + o) * Cg + c) * K;
      for (let k = 0; k < K; k++) out[((K - 1 - k) * n + o) * Cg + c] = w[src + k];
    }
  }
  return out;
}

/**
 * dW[o,c,ky,kx] = Σ_{n,oy,ox} gy[n,o,oy,ox]·x[n,c,oy·s+ky·d−p,…]: a convolution over the input with
 * channels and batch swapped, grad_output as the filter, stride = d and dilation = s.
 */
export function tfjsBackwardWeight(tf: Tf, g: ConvGeom, x: Float32Array, gy: Float32Array): Float32Array {
  const { OH, OW, kh, kw } = dims(g);
  const c = canon(g);
  const xh = cropped(tf, g, x, c);
  const gyh = nhwc(tf, gy, g.N, g.O, OH, OW);
  const strides: [number, number] = [g.d[1], g.d[2]];
  const dil: [number, number] = [g.s[1], g.s[2]];
  if (g.Cg === 1 && g.groups > 1) {
    // Depthwise: every (n, c) pair is its own channel, grad_output[n, c·Og+m] its filter; then Σ_n.
    const xx = tf.reshape(tf.transpose(xh, [1, 2, 0, 3]), [1, c.keepH, c.keepW, g.N * g.C]);
    const f = tf.reshape(tf.transpose(gyh, [1, 2, 0, 3]), [OH, OW, g.N * g.C, g.Og]);
    const r = tf.depthwiseConv2d(xx as tfc.Tensor4D, f as tfc.Tensor4D, strides, c.pad, 'NHWC', dil);
    const summed = tf.sum(tf.reshape(r, [kh, kw, g.N, g.O]), 2);
    return read(tf.transpose(summed, [2, 0, 1]));
  }
  const xT = tf.transpose(xh, [3, 1, 2, 0]);
  const f = tf.transpose(gyh, [1, 2, 0, 3]);
  const parts: tfc.Tensor4D[] = [];
  for (let i = 0; i < g.groups; i++) {
    const xi = g.groups === 1 ? xT : channels(tf, xT, 0, i * g.Cg, g.Cg);
    const fi = g.groups === 1 ? f : channels(tf, f, 3, i * g.Og, g.Og);
    parts.push(tf.transpose(tf.conv2d(xi, fi, strides, c.pad, 'NHWC', dil), [3, 0, 1, 2]));
  }
  return read(parts.length === 1 ? parts[0] : tf.concat(parts, 0));
}
