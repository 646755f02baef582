// The JS loops of im2col convolution: gathering input patches (im2col) in two layouts, scattering
// patch gradients back (col2im), and moving NCHW tensors to and from the [positions, channels]
// matrices the GEMMs take. Spatial dims are (D, H, W); 1d/2d have leading sizes of 1.
import type { ConvGeom } from './conv';

/** Per kernel tap r = (c, kd, kh, kw): its offsets along D, H, W and its flat offset in the group's planes. */
interface Taps {
  dz: Int32Array;
  dy: Int32Array;
  dx: Int32Array;
  off: Int32Array;
}

const tapCache = new WeakMap<ConvGeom, Taps>();

function taps(g: ConvGeom): Taps {
  let t = tapCache.get(g);
  if (t) return t;
  const [D, H, W] = g.inS;
  const rows = g.Cg * g.k[0] * g.k[1] * g.k[2];
  t = { dz: new Int32Array(rows), dy: new Int32Array(rows), dx: new Int32Array(rows), off: new Int32Array(rows) };
  let r = 0;
  for (let c = 0; c < g.Cg; c++) {
    for (let kd = 0; kd < g.k[0]; kd++) {
      for (let kh = 0; kh < g.k[1]; kh++) {
        for (let kw = 0; kw < g.k[2]; kw++, r++) {
          t.dz[r] = kd * g.d[0];
          t.dy[r] = kh * g.d[1];
          t.dx[r] = kw * g.d[2];
          t.off[r] = c * D * H * W + (t.dz[r] * H + t.dy[r]) * W + t.dx[r];
        }
      }
    }
  }
  tapCache.set(g, t);
  return t;
}

type PatchFn = (xb: number, base: number, z0: number, y0: number, x0: number, inside: boolean, o: number) => void;

/**
 * Visits every output position of batch items [n0, n0+nc) in order, with the window's origin
 * (z0, y0, x0) in input coordinates and whether the whole window lies inside the input.
 */
function forEachPosition(g: ConvGeom, gi: number, n0: number, nc: number, rows: number, fn: PatchFn): void {
  const [D, H, W] = g.inS;
  const [oD, oH, oW] = g.out;
  const ext = [0, 1, 2].map((i) => (g.k[i] - 1) * g.d[i]);
  const plane = D * H * W;
  let o = 0;
  for (let n = 0; n < nc; n++) {
    const xb = ((n0 + n) * g.C + gi * g.Cg) * plane;
    for (let od = 0; od < oD; od++) {
      const z0 = od * g.s[0] - g.pad[0];
      const zIn = z0 >= 0 && z0 + ext[0] < D;
      for (let oh = 0; oh < oH; oh++) {
        const y0 = oh * g.s[1] - g.pad[1];
        const yIn = zIn && y0 >= 0 && y0 + ext[1] < H;
        for (let ow = 0; ow < oW; ow++, o += rows) {
          const x0 = ow * g.s[2] - g.pad[2];
          fn(xb, (z0 * H + y0) * W + x0, z0, y0, x0, yIn && x0 >= 0 && x0 + ext[2] < W, o);
        }
      }
    }
  }
}

/** Patch matrix [nc·P, rows]: one row per output position, zeros where the window reads padding. */
export function im2colPatches(g: ConvGeom, x: Float32Array, gi: number, n0: number, nc: number, out: Float32Array): void {
  const t = taps(g);
  const [D, H, W] = g.inS;
  const rows = t.off.length;
  const { dz, dy, dx, off } = t;
  forEachPosition(g, gi, n0, nc, rows, (xb, base, z0, y0, x0, inside, o) => {
    if (inside) {
      const b = xb + base;
      for (let r = 0; r < rows; r++) out[o + r] = x[b + off[r]];
      return;
    }
    for (let r = 0; r < rows; r++) {
      const z = z0 + dz[r];
      const y = y0 + dy[r];
      const xx = x0 + dx[r];
      out[o + r] = z >= 0 && z < D && y >= 0 && y < H && xx >= 0 && xx < W ? x[xb + base + off[r]] : 0;
    }
  });
}

/** The adjoint of im2colPatches: adds each patch entry onto the input position it was read from. */
export function col2imPatches(g: ConvGeom, cols: Float32Array, gi: number, n0: number, nc: number, dx: Float32Array): void {
  const t = taps(g);
  const [D, H, W] = g.inS;
  const rows = t.off.length;
  const { dz, dy, off } = t;
  const dxs = t.dx;
  forEachPosition(g, gi, n0, nc, rows, (xb, base, z0, y0, x0, inside, o) => {
    const b = xb + base;
    if (inside) {
      for (let r = 0; r < rows; r++) dx[b + off[r]] += cols[o + r];
      return;
    }
    for (let r = 0; r < rows; r++) {
      const z = z0 + dz[r];
      const y = y0 + dy[r];
      const xx = x0 + dxs[r];
      if (z >= 0 && z < D && y >= 0 && y < H && xx >= 0 && xx < W) dx[b + off[r]] += cols[o + r];
    }
  });
}

/** Patch matrix transposed, [rows, nc·P]: built row by row with contiguous copies when stride is 1. */
export function im2colRows(g: ConvGeom, x: Float32Array, gi: number, n0: number, nc: number, cols: Float32Array): void {
  const [D, H, W] = g.inS;
  const [oD, oH, oW] = g.out;
  const [sD, sH, sW] = g.s;
  const P = oD * oH * oW;
  const plane = D * H * W;
  const width = nc * P;
  const t = taps(g);
  const K = g.k[0] * g.k[1] * g.k[2];
  for (let r = 0; r < t.off.length; r++) {
    const c = Math.floor(r / K);
    const [dLo, dHi] = validRange(oD, D, sD, t.dz[r] - g.pad[0]);
    const [hLo, hHi] = validRange(oH, H, sH, t.dy[r] - g.pad[1]);
    const offW = t.dx[r] - g.pad[2];
    const [wLo, wHi] = validRange(oW, W, sW, offW);
    const rowBase = r * width;
    cols.fill(0, rowBase, rowBase + width);
    if (dLo >= dHi || hLo >= hHi || wLo >= wHi) continue;
    for (let n = 0; n < nc; n++) {
      const xb = ((n0 + n) * g.C + gi * g.Cg + c) * plane;
      const ob = rowBase + n * P;
      for (let od = dLo; od < dHi; od++) {
        const id = od * sD + t.dz[r] - g.pad[0];
        for (let oh = hLo; oh < hHi; oh++) {
          const xr = xb + (id * H + oh * sH + t.dy[r] - g.pad[1]) * W + offW;
          const o = ob + (od * oH + oh) * oW;
          if (sW === 1) {
            cols.set(x.subarray(xr + wLo, xr + wHi), o + wLo);
          } else {
            for (let ow = wLo; ow < wHi; ow++) cols[o + ow] = x[xr + ow * sW];
          }
        }
      }
    }
  }
}

/** Output positions [lo, hi) along one dim whose input index o·s + offset falls inside [0, size). */
function validRange(outSize: number, size: number, s: number, offset: number): [number, number] {
  const lo = Math.min(outSize, offset >= 0 ? 0 : Math.ceil(-offset / s));
  const hi = Math.min(outSize, Math.floor((size - 1 - offset) / s) + 1);
  return [lo, Math.max(lo, hi)];
}

/** Channels [c0, c0+n) of batch items [n0, n0+nc) of an N,C,P tensor as a [n, nc·P] matrix. */
export function channelsByPositions(t: Float32Array, C: number, P: number, c0: number, n: number, n0: number, nc: number): Float32Array {
  const out = new Float32Array(n * nc * P);
  for (let c = 0; c < n; c++) {
    for (let b = 0; b < nc; b++) {
      const src = ((n0 + b) * C + c0 + c) * P;
      out.set(t.subarray(src, src + P), (c * nc + b) * P);
    }
  }
  return out;
}

/** The same block as a [nc·P, n] matrix (positions by channels). */
export function positionsByChannels(t: Float32Array, C: number, P: number, c0: number, n: number, n0: number, nc: number): Float32Array {
  const out = new Float32Array(n * nc * P);
  for (let b = 0; b < nc; b++) {
    for (let c = 0; c < n; c++) {
      const src = ((n0 + b) * C + c0 + c) * P;
      for (let p = 0; p < P; p++) out[(b * P + p) * n + c] = t[src + p];
    }
  }
  return out;
}

/** Writes a [nc·P, n] (positions by channels) matrix into channels [c0, c0+n) of an N,C,P tensor. */
export function scatterPositionsByChannels(m: Float32Array, t: Float32Array, C: number, P: number, c0: number, n: number, n0: number, nc: number): void {
  for (let b = 0; b < nc; b++) {
    for (let c = 0; c < n; c++) {
      const dst = ((n0 + b) * C + c0 + c) * P;
      for (let p = 0; p < P; p++) t[dst + p] = m[(b * P + p) * n + c];
    }
  }
}
