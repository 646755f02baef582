// Convolution kernels in PyTorch layouts (x: N,C,*spatial; w: O,C/groups,*kernel) for 1d, 2d and 3d:
// forward, gradient w.r.t. the input (also the transposed convolution) and w.r.t. the weight.
// Shapes are checked here with PyTorch's wording; the work goes to direct JS loops for tiny problems
// (conv-direct.ts), to tfjs convolutions (conv-tfjs.ts) where tfjs-wasm has a fast exact kernel, and
// to im2col + GEMM (im2col.ts) for everything else.
import { run } from './init';
import { tfjsBackwardInput, tfjsBackwardWeight, tfjsForward, tfjsIsFaster, tfjsSupports } from './conv-tfjs';
import { directConv } from './conv-direct';
import { im2colBackwardInput, im2colBackwardWeight, im2colForward } from './im2col';
import { checkData, checkInts, checkShape, f32, fail, isInt, shapeStr, type FloatArray } from './util';

export interface ConvParams {
  /** One per spatial dim. */
  stride: number[];
  /** [before, after] per spatial dim, e.g. conv2d: [top, bottom, left, right]. */
  padding: number[];
  /** One per spatial dim. */
  dilation: number[];
  groups: number;
}

export interface ConvResult {
  data: Float32Array;
  shape: number[];
}

/** A validated convolution, spatial dims left-padded to three (D, H, W) so one code path serves 1d–3d. */
export interface ConvGeom {
  rank: 1 | 2 | 3;
  N: number; C: number; O: number; groups: number; Cg: number; Og: number;
  inS: [number, number, number];
  k: [number, number, number];
  out: [number, number, number];
  s: [number, number, number];
  d: [number, number, number];
  /** Padding before each dim. The padding after only decides the output size (already in `out`). */
  pad: [number, number, number];
}

type Rank = 1 | 2 | 3;
type Which = 'forward' | 'input' | 'weight';

/** Which implementation convolutions use: 'auto' picks per case; the others force one (tests, bench). */
export type ConvStrategy = 'auto' | 'tfjs' | 'im2col' | 'direct';

/** Up to this many multiply-adds a direct JS loop beats any tfjs round trip (~0.1 ms). */
const DIRECT_MAX_MACS = 16384;
let strategy: ConvStrategy = 'auto';

/** Forces an implementation (where tfjs cannot do a case exactly, 'tfjs' still falls back to im2col). */
export function setConvStrategy(s: ConvStrategy): ConvStrategy {
  const prev = strategy;
  strategy = s;
  return prev;
}

export const conv1d = (x: FloatArray, xShape: number[], w: FloatArray, wShape: number[], p: ConvParams) =>
  forward('conv1d', 1, x, xShape, w, wShape, p);
export const conv2d = (x: FloatArray, xShape: number[], w: FloatArray, wShape: number[], p: ConvParams) =>
  forward('conv2d', 2, x, xShape, w, wShape, p);
export const conv3d = (x: FloatArray, xShape: number[], w: FloatArray, wShape: number[], p: ConvParams) =>
  forward('conv3d', 3, x, xShape, w, wShape, p);

/**
 * Gradient of convNd w.r.t. its input of shape `xShape`. With xShape chosen by the caller this is
 * also conv_transposeNd: output_padding is the extra size of xShape over the minimal input.
 */
export const conv1dBackwardInput = (gy: FloatArray, gyShape: number[], w: FloatArray, wShape: number[], xShape: number[], p: ConvParams) =>
  backwardInput('conv1dBackwardInput', 1, gy, gyShape, w, wShape, xShape, p);
export const conv2dBackwardInput = (gy: FloatArray, gyShape: number[], w: FloatArray, wShape: number[], xShape: number[], p: ConvParams) =>
  backwardInput('conv2dBackwardInput', 2, gy, gyShape, w, wShape, xShape, p);
export const conv3dBackwardInput = (gy: FloatArray, gyShape: number[], w: FloatArray, wShape: number[], xShape: number[], p: ConvParams) =>
  backwardInput('conv3dBackwardInput', 3, gy, gyShape, w, wShape, xShape, p);

/** Gradient of convNd w.r.t. its weight of shape `wShape`. */
export const conv1dBackwardWeight = (x: FloatArray, xShape: number[], gy: FloatArray, gyShape: number[], wShape: number[], p: ConvParams) =>
  backwardWeight('conv1dBackwardWeight', 1, x, xShape, gy, gyShape, wShape, p);
export const conv2dBackwardWeight = (x: FloatArray, xShape: number[], gy: FloatArray, gyShape: number[], wShape: number[], p: ConvParams) =>
  backwardWeight('conv2dBackwardWeight', 2, x, xShape, gy, gyShape, wShape, p);
export const conv3dBackwardWeight = (x: FloatArray, xShape: number[], gy: FloatArray, gyShape: number[], wShape: number[], p: ConvParams) =>
  backwardWeight('conv3dBackwardWeight', 3, x, xShape, gy, gyShape, wShape, p);

/** Output spatial size of a convolution (PyTorch floors), for the engine's meta shape rule too. */
export function convOutputSize(inSize: number, k: number, s: number, padBefore: number, padAfter: number, d: number): number {
  return Math.floor((inSize + padBefore + padAfter - d * (k - 1) - 1) / s) + 1;
}

function forward(K: string, rank: Rank, x: FloatArray, xShape: number[], w: FloatArray, wShape: number[], p: ConvParams): ConvResult {
  const g = geometry(K, rank, xShape, wShape, p);
  checkData(K, 'input', x, xShape);
  checkData(K, 'weight', w, wShape);
  const shape = [g.N, g.O, ...g.out.slice(3 - rank)];
  return { data: compute(K, 'forward', g, x, w, () => `input ${shapeStr(xShape)}, weight ${shapeStr(wShape)}`), shape };
}

function backwardInput(
  K: string, rank: Rank, gy: FloatArray, gyShape: number[], w: FloatArray, wShape: number[], xShape: number[], p: ConvParams,
): ConvResult {
  const g = geometry(K, rank, xShape, wShape, p);
  checkGradShape(K, g, rank, gyShape, xShape);
  checkData(K, 'grad_output', gy, gyShape);
  checkData(K, 'weight', w, wShape);
  const shapes = () => `grad_output ${shapeStr(gyShape)}, weight ${shapeStr(wShape)}, input ${shapeStr(xShape)}`;
  return { data: compute(K, 'input', g, gy, w, shapes), shape: [...xShape] };
}

function backwardWeight(
  K: string, rank: Rank, x: FloatArray, xShape: number[], gy: FloatArray, gyShape: number[], wShape: number[], p: ConvParams,
): ConvResult {
  const g = geometry(K, rank, xShape, wShape, p);
  checkGradShape(K, g, rank, gyShape, xShape);
  checkData(K, 'input', x, xShape);
  checkData(K, 'grad_output', gy, gyShape);
  const shapes = () => `input ${shapeStr(xShape)}, grad_output ${shapeStr(gyShape)}, weight ${shapeStr(wShape)}`;
  return { data: compute(K, 'weight', g, x, gy, shapes), shape: [...wShape] };
}

/** Picks the implementation; `a`/`b` are (x, w), (gy, w) or (x, gy) by `which`. */
function compute(K: string, which: Which, g: ConvGeom, a: FloatArray, b: FloatArray, shapes: () => string): Float32Array {
  const outLen = which === 'forward' ? g.N * g.O * g.out[0] * g.out[1] * g.out[2]
    : which === 'input' ? g.N * g.C * g.inS[0] * g.inS[1] * g.inS[2]
      : g.O * g.Cg * g.k[0] * g.k[1] * g.k[2];
  // Empty batch or channels: the sums are empty, PyTorch returns zeros.
  if (outLen === 0 || g.N === 0 || g.C === 0 || g.O === 0) return new Float32Array(outLen);
  const x = f32(a);
  const y = f32(b);
  const macs = g.N * g.O * g.out[0] * g.out[1] * g.out[2] * g.Cg * g.k[0] * g.k[1] * g.k[2];
  if (strategy === 'direct' || (strategy === 'auto' && macs <= DIRECT_MAX_MACS)) return directConv(g, which, x, y);
  return run(K, shapes, (tf) => {
    if (strategy !== 'im2col' && tfjsSupports(g, which) && (strategy === 'tfjs' || tfjsIsFaster(g, which))) {
      if (which === 'forward') return tfjsForward(tf, g, x, y);
      if (which === 'input') return tfjsBackwardInput(tf, g, x, y);
      return tfjsBackwardWeight(tf, g, x, y);
    }
    if (which === 'forward') return im2colForward(tf, g, x, y);
    if (which === 'input') return im2colBackwardInput(tf, g, x, y);
    return im2colBackwardWeight(tf, g, x, y);
  });
}

/** Validates shapes and parameters the way PyTorch words its errors, and returns the geometry. */
export function geometry(K: string, rank: Rank, xShape: number[], wShape: number[], p: ConvParams): ConvGeom {
  checkShape(K, 'input shape', xShape, rank + 2);
  checkShape(K, 'weight shape', wShape, rank + 2);
  if (typeof p !== 'object' || p === null) fail(K, 'params must be an object {stride, padding, dilation, groups}');
  const stride = checkInts(K, 'stride', p.stride, rank, 1);
  const padding = checkInts(K, 'padding', p.padding, 2 * rank, 0);
  const dilation = checkInts(K, 'dilation', p.dilation, rank, 1);
  const groups = p.groups;
  if (!isInt(groups, 1)) fail(K, `non-positive groups is not supported (groups=${String(groups)})`);
  const [N, C] = xShape;
  const [O, Cg] = wShape;
  if (O % groups !== 0) {
    fail(K, `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size ${shapeStr(wShape)} instead`);
  }
  if (Cg * groups !== C) {
    fail(K, `Given groups=${groups}, weight of size ${shapeStr(wShape)}, expected input${shapeStr(xShape)} to have ${Cg * groups} channels, but got ${C} channels instead`);
  }
  const inS = xShape.slice(2);
  const ks = wShape.slice(2);
  const out = inS.map((n, i) => convOutputSize(n, ks[i], stride[i], padding[2 * i], padding[2 * i + 1], dilation[i]));
  if (out.some((o) => o < 1)) {
    const padded = inS.map((n, i) => n + padding[2 * i] + padding[2 * i + 1]);
    const eff = ks.map((k, i) => dilation[i] * (k - 1) + 1);
    fail(K, `Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: (${eff.join(' x ')}). Kernel size can't be greater than actual input size`);
  }
  const pad3 = (v: number[]) => {
    const o: [number, number, number] = [1, 1, 1];
    v.forEach((x, i) => (o[3 - rank + i] = x));
    return o;
  };
  return {
    rank, N, C, O, groups, Cg, Og: O / groups,
    inS: pad3(inS), k: pad3(ks), out: pad3(out), s: pad3(stride), d: pad3(dilation),
    pad: [0, 0, 0].map((_, i) => (i < 3 - rank ? 0 : padding[2 * (i - 3 + rank)])) as [number, number, number],
  };
}

function checkGradShape(K: string, g: ConvGeom, rank: Rank, gyShape: number[], xShape: number[]): void {
  checkShape(K, 'grad_output shape', gyShape, rank + 2);
  const want = [g.N, g.O, ...g.out.slice(3 - rank)];
  if (gyShape.some((v, i) => v !== want[i])) {
    fail(K, `grad_output has shape ${shapeStr(gyShape)} but a convolution of input ${shapeStr(xShape)} gives ${shapeStr(want)}`);
  }
}
