// Convolution of any rank (1d–3d), stride, dilation, padding and groups as im2col + GEMM: patches
// are gathered in JS (patches.ts), the products run on tfjs's GEMM (XNNPACK on wasm). Used where
// tfjs has no fast exact kernel (conv3d, strided input gradients, stride and dilation both > 1) or
// is slower (few output positions per filter element). XNNPACK repacks the right-hand operand of
// every new product (~10 ns per element), so the large patch matrices always go on the left and the
// small weight-sized operand on the right. Batches are chunked to bound the patch matrix.
import type { ConvGeom } from './conv';
import type { Tf } from './init';
import { read } from './matmul';
import {
  channelsByPositions, col2imPatches, im2colPatches, im2colRows, positionsByChannels, scatterPositionsByChannels,
} from './patches';

/** Largest patch matrix (floats) built at once: 64 MB. */
const MAX_COLS = 1 << 24;

interface Plan {
  /** Output positions per plane. */
  P: number;
  /** Columns of the patch matrix per group: Cg·kernel positions. */
  rows: number;
  /** Batch items per chunk. */
  chunk: number;
}

function plan(g: ConvGeom): Plan {
  const P = g.out[0] * g.out[1] * g.out[2];
  const rows = g.Cg * g.k[0] * g.k[1] * g.k[2];
  return { P, rows, chunk: Math.max(1, Math.min(g.N, Math.floor(MAX_COLS / Math.max(1, rows * P)))) };
}

/** y_g [positions, Og] = patches [positions, rows] · W_gᵀ [rows, Og]. */
export function im2colForward(tf: Tf, g: ConvGeom, x: Float32Array, w: Float32Array): Float32Array {
  const { P, rows, chunk } = plan(g);
  const y = new Float32Array(g.N * g.O * P);
  const patches = new Float32Array(chunk * P * rows);
  for (let gi = 0; gi < g.groups; gi++) {
    const wt = tf.tensor2d(transposeRows(w, gi * g.Og, g.Og, rows), [rows, g.Og], 'float32');
    for (let n0 = 0; n0 < g.N; n0 += chunk) {
      const nc = Math.min(chunk, g.N - n0);
      const pm = patches.subarray(0, nc * P * rows);
      im2colPatches(g, x, gi, n0, nc, pm);
      const pt = tf.tensor2d(pm, [nc * P, rows], 'float32');
      const r = tf.matMul(pt, wt);
      scatterPositionsByChannels(read(r), y, g.O, P, gi * g.Og, g.Og, n0, nc);
      tf.dispose([pt, r]);
    }
    wt.dispose();
  }
  return y;
}

/** dpatches [positions, rows] = gy_gᵀ [positions, Og] · W_g [Og, rows], then col2im. */
export function im2colBackwardInput(tf: Tf, g: ConvGeom, gy: Float32Array, w: Float32Array): Float32Array {
  const { P, rows, chunk } = plan(g);
  const dx = new Float32Array(g.N * g.C * g.inS[0] * g.inS[1] * g.inS[2]);
  for (let gi = 0; gi < g.groups; gi++) {
    const wt = tf.tensor2d(w.subarray(gi * g.Og * rows, (gi + 1) * g.Og * rows), [g.Og, rows], 'float32');
    for (let n0 = 0; n0 < g.N; n0 += chunk) {
      const nc = Math.min(chunk, g.N - n0);
      const gt = tf.tensor2d(positionsByChannels(gy, g.O, P, gi * g.Og, g.Og, n0, nc), [nc * P, g.Og], 'float32');
      const r = tf.matMul(gt, wt);
      col2imPatches(g, read(r), gi, n0, nc, dx);
      tf.dispose([gt, r]);
    }
    wt.dispose();
  }
  return dx;
}

/**
 * dW_g [Og, rows] = gy_g [Og, positions] · patches [positions, rows], or its transpose
 * patchesᵀ [rows, positions] · gy_gᵀ [positions, Og] when that puts the smaller operand on the right.
 */
export function im2colBackwardWeight(tf: Tf, g: ConvGeom, x: Float32Array, gy: Float32Array): Float32Array {
  const { P, rows, chunk } = plan(g);
  const dw = new Float32Array(g.O * rows);
  const patches = new Float32Array(chunk * P * rows);
  const transposed = rows >= g.Og;
  for (let gi = 0; gi < g.groups; gi++) {
    const base = gi * g.Og * rows;
    for (let n0 = 0; n0 < g.N; n0 += chunk) {
      const nc = Math.min(chunk, g.N - n0);
      const pm = patches.subarray(0, nc * P * rows);
      let part: Float32Array;
      if (transposed) {
        im2colRows(g, x, gi, n0, nc, pm);
        const a = tf.tensor2d(pm, [rows, nc * P], 'float32');
        const b = tf.tensor2d(positionsByChannels(gy, g.O, P, gi * g.Og, g.Og, n0, nc), [nc * P, g.Og], 'float32');
        const r = tf.matMul(a, b);
        part = read(r);
        tf.dispose([a, b, r]);
        for (let i = 0; i < rows; i++) for (let o = 0; o < g.Og; o++) dw[base + o * rows + i] += part[i * g.Og + o];
      } else {
        im2colPatches(g, x, gi, n0, nc, pm);
        const a = tf.tensor2d(channelsByPositions(gy, g.O, P, gi * g.Og, g.Og, n0, nc), [g.Og, nc * P], 'float32');
        const b = tf.tensor2d(pm, [nc * P, rows], 'float32');
        const r = tf.matMul(a, b);
        part = read(r);
        tf.dispose([a, b, r]);
        for (let i = 0; i < part.length; i++) dw[base + i] += part[i];
      }
    }
  }
  return dw;
}

/** Rows [o0, o0+n) of a [*, rows] matrix, transposed to [rows, n]. */
function transposeRows(w: Float32Array, o0: number, n: number, rows: number): Float32Array {
  const out = new Float32Array(rows * n);
  for (let o = 0; o < n; o++) {
    const src = (o0 + o) * rows;
    for (let i = 0; i < rows; i++) out[i * n + o] = w[src + i];
  }
  return out;
}
