// Max and average pooling (1d/2d/3d) with PyTorch's exact semantics: output size and ceil_mode rule,
// dilation, count_include_pad, divisor_override, NaN-propagating max with PyTorch's indices (flat
// position inside each input plane). Tight JS loops: pooling is memory-bound, and tfjs's pools lack
// indices, dilation and PyTorch's padding rules, so the NCHW↔NHWC copies would buy nothing.
import {
  checkData, checkIndexData, checkInts, checkShape, fail, prod, shapeStr, to3d, zerosLike, type FloatArray,
} from './util';

export interface PoolParams {
  /** One per spatial dim (1–3). */
  kernel: number[];
  /** One per spatial dim; PyTorch's default is the kernel size (the caller fills it in). */
  stride: number[];
  /** Symmetric padding, one per spatial dim. */
  padding: number[];
  /** Max pooling only; default 1. */
  dilation?: number[];
  ceilMode?: boolean;
  /** Average pooling only; PyTorch's default is true. */
  countIncludePad?: boolean;
  /** Average pooling only: divide by this instead of the window size. */
  divisorOverride?: number | null;
}

export interface PoolResult<T extends FloatArray = FloatArray> {
  data: T;
  shape: number[];
}

/** A validated pooling over N·C planes, spatial dims left-padded to three (D, H, W). */
interface PoolGeom {
  planes: number;
  inS: [number, number, number];
  out: [number, number, number];
  k: [number, number, number];
  s: [number, number, number];
  p: [number, number, number];
  d: [number, number, number];
  shape: number[];
}

/** PyTorch's pooling_output_shape: floor (or ceil) division, and the last window must start inside. */
export function poolOutputSize(inSize: number, k: number, s: number, pad: number, d: number, ceilMode: boolean): number {
  let out = Math.floor((inSize + 2 * pad - d * (k - 1) - 1 + (ceilMode ? s - 1 : 0)) / s) + 1;
  if (ceilMode && (out - 1) * s >= inSize + pad) out--;
  return out;
}

function geometry(K: string, xShape: number[], p: PoolParams, kind: 'max' | 'avg'): PoolGeom {
  if (typeof p !== 'object' || p === null) fail(K, 'params must be an object {kernel, stride, padding, ...}');
  const rank = Array.isArray(p.kernel) ? p.kernel.length : 0;
  if (rank < 1 || rank > 3) fail(K, `kernel must list 1 to 3 sizes, got ${JSON.stringify(p.kernel)}`);
  checkShape(K, 'input shape', xShape, rank + 2);
  if (!p.kernel.every((v) => Number.isInteger(v) && v > 0)) {
    fail(K, `kernel_size must be greater than zero, but got ${shapeStr(p.kernel)}`);
  }
  if (!Array.isArray(p.stride) || p.stride.length !== rank || !p.stride.every((v) => Number.isInteger(v) && v > 0)) {
    fail(K, `stride should be greater than zero, but got ${JSON.stringify(p.stride)}`);
  }
  const padding = checkInts(K, 'padding', p.padding, rank, 0);
  const dil = p.dilation ?? p.kernel.map(() => 1);
  if (!Array.isArray(dil) || dil.length !== rank || !dil.every((v) => Number.isInteger(v) && v > 0)) {
    fail(K, `dilation should be greater than zero, but got ${JSON.stringify(p.dilation)}`);
  }
  for (let i = 0; i < rank; i++) {
    const eff = kind === 'max' ? (p.kernel[i] - 1) * dil[i] + 1 : p.kernel[i];
    if (padding[i] > Math.floor(eff / 2)) {
      fail(K, `pad should be at most half of effective kernel size, but got pad=${padding[i]}, kernel_size=${p.kernel[i]} and dilation=${dil[i]}`);
    }
  }
  const spatial = xShape.slice(2);
  const out = spatial.map((n, i) => poolOutputSize(n, p.kernel[i], p.stride[i], padding[i], dil[i], p.ceilMode === true));
  if (out.some((o) => o < 1)) {
    fail(K, `Given input size: (${[xShape[1], ...spatial].join('x')}). Calculated output size: (${[xShape[1], ...out].join('x')}). Output size is too small`);
  }
  return {
    planes: xShape[0] * xShape[1],
    inS: to3d(spatial, 1), out: to3d(out, 1), k: to3d(p.kernel, 1), s: to3d(p.stride, 1), p: to3d(padding, 0), d: to3d(dil, 1),
    shape: [xShape[0], xShape[1], ...out],
  };
}

/** Max pooling; `indices` are PyTorch's: the flat position of the max inside its input plane. */
export function maxPool<T extends FloatArray>(x: T, xShape: number[], params: PoolParams): PoolResult<T> & { indices: Int32Array } {
  const K = 'maxPool';
  const g = geometry(K, xShape, params, 'max');
  checkData(K, 'input', x, xShape);
  const data = zerosLike(x, prod(g.shape));
  const indices = new Int32Array(data.length);
  maxPoolLoops(x, data, indices, g);
  return { data, shape: g.shape, indices };
}

/** The max pooling loop nest; geometry copied into locals so the hot loops read no object fields. */
function maxPoolLoops(x: FloatArray, data: FloatArray, indices: Int32Array, g: PoolGeom): void {
  const [D, H, W] = g.inS;
  const [oD, oH, oW] = g.out;
  const [kD, kH, kW] = g.k;
  const [sD, sH, sW] = g.s;
  const [pD, pH, pW] = g.p;
  const [dD, dH, dW] = g.d;
  const inPlane = D * H * W;
  let o = 0;
  for (let pl = 0; pl < g.planes; pl++) {
    const xb = pl * inPlane;
    for (let od = 0; od < oD; od++) {
      let d0 = od * sD - pD;
      const d1 = Math.min(d0 + (kD - 1) * dD + 1, D);
      while (d0 < 0) d0 += dD;
      for (let oh = 0; oh < oH; oh++) {
        let h0 = oh * sH - pH;
        const h1 = Math.min(h0 + (kH - 1) * dH + 1, H);
        while (h0 < 0) h0 += dH;
        for (let ow = 0; ow < oW; ow++, o++) {
          let w0 = ow * sW - pW;
          const w1 = Math.min(w0 + (kW - 1) * dW + 1, W);
          while (w0 < 0) w0 += dW;
          // As PyTorch: ties keep the first, a NaN always wins, the index defaults to the window start.
          let best = -Infinity;
          let bi = (d0 * H + h0) * W + w0;
          for (let d = d0; d < d1; d += dD) {
            for (let h = h0; h < h1; h += dH) {
              const rb = (d * H + h) * W;
              for (let w = w0; w < w1; w += dW) {
                const v = x[xb + rb + w];
                if (v > best || v !== v) {
                  best = v;
                  bi = rb + w;
                }
              }
            }
          }
          data[o] = best;
          indices[o] = bi;
        }
      }
    }
  }
}

/** Gradient of max pooling (also of adaptive max pooling): grad_output added at each saved index. */
export function maxPoolBackward<T extends FloatArray>(gy: T, indices: Int32Array | Float64Array, xShape: number[]): T {
  const K = 'maxPoolBackward';
  checkShape(K, 'input shape', xShape, 3, 5);
  if (!(gy instanceof Float32Array) && !(gy instanceof Float64Array)) fail(K, 'grad_output must be a Float32Array or Float64Array');
  const planes = xShape[0] * xShape[1];
  const inPlane = prod(xShape.slice(2));
  if (planes === 0) return zerosLike(gy, 0);
  if (gy.length % planes !== 0) fail(K, `grad_output has ${gy.length} elements, not a multiple of the ${planes} planes of input ${shapeStr(xShape)}`);
  checkIndexData(K, 'indices', indices, gy.length);
  const outPlane = gy.length / planes;
  const dx = zerosLike(gy, planes * inPlane);
  for (let pl = 0, o = 0; pl < planes; pl++) {
    const xb = pl * inPlane;
    for (let j = 0; j < outPlane; j++, o++) {
      const i = indices[o];
      if (!(i >= 0 && i < inPlane)) fail(K, `index ${i} is outside a plane of ${inPlane} elements (input ${shapeStr(xShape)})`);
      dx[xb + i] += gy[o];
    }
  }
  return dx;
}

/** Average pooling with PyTorch's window clipping: padding counts unless countIncludePad is false. */
export function avgPool<T extends FloatArray>(x: T, xShape: number[], params: PoolParams): PoolResult<T> {
  const K = 'avgPool';
  const g = geometry(K, xShape, { ...params, dilation: undefined }, 'avg');
  checkData(K, 'input', x, xShape);
  const divisor = checkDivisor(K, params.divisorOverride);
  const data = zerosLike(x, prod(g.shape));
  windowAverages(x, data, g.planes, g.inS, avgWindows(g), params.countIncludePad !== false, divisor);
  return { data, shape: g.shape };
}

export function avgPoolBackward<T extends FloatArray>(gy: T, xShape: number[], params: PoolParams): T {
  const K = 'avgPoolBackward';
  const g = geometry(K, xShape, { ...params, dilation: undefined }, 'avg');
  checkData(K, 'grad_output', gy, g.shape);
  const divisor = checkDivisor(K, params.divisorOverride);
  const dx = zerosLike(gy, prod(xShape));
  windowAveragesBackward(gy, dx, g.planes, g.inS, avgWindows(g), params.countIncludePad !== false, divisor);
  return dx;
}

function checkDivisor(K: string, v: number | null | undefined): number | null {
  if (v === undefined || v === null) return null;
  if (!Number.isInteger(v)) fail(K, `divisor_override must be an integer, got ${String(v)}`);
  if (v === 0) fail(K, 'divisor must be not zero');
  return v;
}

/** Per output index along one dim: its window [lo, hi) clipped to the input, and its unclipped span. */
export interface Windows {
  lo: Int32Array;
  hi: Int32Array;
  span: Int32Array;
}

/**
 * PyTorch's average-pool windows: first clipped to the padded input (that size, `span`, is the
 * count_include_pad divisor), then to the input itself (that size is the other divisor).
 */
function avgWindows(g: PoolGeom): [Windows, Windows, Windows] {
  return [0, 1, 2].map((i) => {
    const n = g.out[i];
    const win: Windows = { lo: new Int32Array(n), hi: new Int32Array(n), span: new Int32Array(n) };
    for (let o = 0; o < n; o++) {
      const start = o * g.s[i] - g.p[i];
      const end = Math.min(start + g.k[i], g.inS[i] + g.p[i]);
      win.span[o] = end - start;
      win.lo[o] = Math.max(start, 0);
      win.hi[o] = Math.min(end, g.inS[i]);
    }
    return win;
  }) as [Windows, Windows, Windows];
}

/** out[plane, o] = mean of x over each window (empty windows give 0, as in PyTorch). */
export function windowAverages(
  x: FloatArray, out: FloatArray, planes: number, inS: number[], wins: Windows[], includePad: boolean, divisor: number | null,
): void {
  const [, H, W] = inS;
  const [wd, wh, ww] = wins;
  const inPlane = inS[0] * H * W;
  let o = 0;
  for (let pl = 0; pl < planes; pl++) {
    const xb = pl * inPlane;
    for (let od = 0; od < wd.lo.length; od++) {
      const d0 = wd.lo[od];
      const d1 = wd.hi[od];
      for (let oh = 0; oh < wh.lo.length; oh++) {
        const h0 = wh.lo[oh];
        const h1 = wh.hi[oh];
        for (let ow = 0; ow < ww.lo.length; ow++, o++) {
          const w0 = ww.lo[ow];
          const w1 = ww.hi[ow];
          if (d0 >= d1 || h0 >= h1 || w0 >= w1) continue;
          let sum = 0;
          for (let d = d0; d < d1; d++) {
            for (let h = h0; h < h1; h++) {
              const rb = xb + (d * H + h) * W;
              for (let w = w0; w < w1; w++) sum += x[rb + w];
            }
          }
          out[o] = sum / (divisor ?? (includePad ? wd.span[od] * wh.span[oh] * ww.span[ow] : (d1 - d0) * (h1 - h0) * (w1 - w0)));
        }
      }
    }
  }
}

/**
 * The adjoint of windowAverages: each grad/divisor added over its window. The window walk is written
 * out again rather than shared through a callback: these are the hot loops, and a per-element
 * callback would cost more than the loop body.
 */
export function windowAveragesBackward(
  gy: FloatArray, dx: FloatArray, planes: number, inS: number[], wins: Windows[], includePad: boolean, divisor: number | null,
): void {
  const [, H, W] = inS;
  const [wd, wh, ww] = wins;
  const inPlane = inS[0] * H * W;
  let o = 0;
  for (let pl = 0; pl < planes; pl++) {
    const xb = pl * inPlane;
    for (let od = 0; od < wd.lo.length; od++) {
      const d0 = wd.lo[od];
      const d1 = wd.hi[od];
      for (let oh = 0; oh < wh.lo.length; oh++) {
        const h0 = wh.lo[oh];
        const h1 = wh.hi[oh];
        for (let ow = 0; ow < ww.lo.length; ow++, o++) {
          const w0 = ww.lo[ow];
          const w1 = ww.hi[ow];
          if (d0 >= d1 || h0 >= h1 || w0 >= w1) continue;
          const v = gy[o] / (divisor ?? (includePad ? wd.span[od] * wh.span[oh] * ww.span[ow] : (d1 - d0) * (h1 - h0) * (w1 - w0)));
          for (let d = d0; d < d1; d++) {
            for (let h = h0; h < h1; h++) {
              const rb = xb + (d * H + h) * W;
              for (let w = w0; w < w1; w++) dx[rb + w] += v;
            }
          }
        }
      }
    }
  }
}
