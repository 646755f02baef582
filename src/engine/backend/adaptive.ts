// Adaptive average and max pooling (1d/2d/3d) with PyTorch's window formulas: output i of n over an
// input of size L reads [floor(i·L/n), ceil((i+1)·L/n)). Max pooling returns PyTorch's indices, so its
// gradient is maxPoolBackward; the average's gradient spreads grad/window-size over each window.
import { windowAverages, windowAveragesBackward, type PoolResult, type Windows } from './pool';
import { checkData, checkInts, checkShape, fail, prod, shapeStr, to3d, zerosLike, type FloatArray } from './util';

interface AdaptiveGeom {
  planes: number;
  inS: [number, number, number];
  out: [number, number, number];
  shape: number[];
}

function geometry(K: string, xShape: number[], outputSize: number[]): AdaptiveGeom {
  const rank = Array.isArray(outputSize) ? outputSize.length : 0;
  if (rank < 1 || rank > 3) fail(K, `output_size must list 1 to 3 sizes, got ${JSON.stringify(outputSize)}`);
  checkShape(K, 'input shape', xShape, rank + 2);
  checkInts(K, 'output_size', outputSize, rank, 0);
  const spatial = xShape.slice(2);
  if (xShape[0] * xShape[1] > 0 && spatial.some((v) => v === 0)) {
    fail(K, `Expected input to have non-zero size for non-batch dimensions, but input has sizes ${shapeStr(xShape)} with dimension ${xShape.indexOf(0, 2)} being empty`);
  }
  return { planes: xShape[0] * xShape[1], inS: to3d(spatial, 1), out: to3d(outputSize, 1), shape: [xShape[0], xShape[1], ...outputSize] };
}

/** PyTorch's adaptive windows along each dim; `span` = window size, so the average divides by it. */
function adaptiveWindows(g: AdaptiveGeom): Windows[] {
  return [0, 1, 2].map((i) => {
    const n = g.out[i];
    const L = g.inS[i];
    const win: Windows = { lo: new Int32Array(n), hi: new Int32Array(n), span: new Int32Array(n) };
    for (let o = 0; o < n; o++) {
      win.lo[o] = Math.floor((o * L) / n);
      win.hi[o] = Math.ceil(((o + 1) * L) / n);
      win.span[o] = win.hi[o] - win.lo[o];
    }
    return win;
  });
}

export function adaptiveAvgPool<T extends FloatArray>(x: T, xShape: number[], outputSize: number[]): PoolResult<T> {
  const K = 'adaptiveAvgPool';
  const g = geometry(K, xShape, outputSize);
  checkData(K, 'input', x, xShape);
  const data = zerosLike(x, prod(g.shape));
  windowAverages(x, data, g.planes, g.inS, adaptiveWindows(g), true, null);
  return { data, shape: g.shape };
}

export function adaptiveAvgPoolBackward<T extends FloatArray>(gy: T, xShape: number[], outputSize: number[]): T {
  const K = 'adaptiveAvgPoolBackward';
  const g = geometry(K, xShape, outputSize);
  checkData(K, 'grad_output', gy, g.shape);
  const dx = zerosLike(gy, prod(xShape));
  windowAveragesBackward(gy, dx, g.planes, g.inS, adaptiveWindows(g), true, null);
  return dx;
}

/** Adaptive max pooling; as max pooling, a NaN wins and ties keep the first position. */
export function adaptiveMaxPool<T extends FloatArray>(x: T, xShape: number[], outputSize: number[]): PoolResult<T> & { indices: Int32Array } {
  const K = 'adaptiveMaxPool';
  const g = geometry(K, xShape, outputSize);
  checkData(K, 'input', x, xShape);
  const data = zerosLike(x, prod(g.shape));
  const indices = new Int32Array(data.length);
  const [, H, W] = g.inS;
  const [wd, wh, ww] = adaptiveWindows(g);
  const inPlane = g.inS[0] * H * W;
  let o = 0;
  for (let pl = 0; pl < g.planes; pl++) {
    const xb = pl * inPlane;
    for (let od = 0; od < wd.lo.length; od++) {
      for (let oh = 0; oh < wh.lo.length; oh++) {
        for (let ow = 0; ow < ww.lo.length; ow++, o++) {
          let best = -Infinity;
          let bi = (wd.lo[od] * H + wh.lo[oh]) * W + ww.lo[ow];
          for (let d = wd.lo[od]; d < wd.hi[od]; d++) {
            for (let h = wh.lo[oh]; h < wh.hi[oh]; h++) {
              const rb = (d * H + h) * W;
              for (let w = ww.lo[ow]; w < ww.hi[ow]; w++) {
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
  return { data, shape: g.shape, indices };
}
