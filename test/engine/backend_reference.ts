// Naive references for the backend kernel tests: direct loops over PyTorch's definitions, in float64,
// written independently of src/engine/backend (no shared helpers), plus small test utilities.
import assert from 'node:assert/strict';

export function rand(n: number, seed: number): Float32Array {
  // xorshift32: reproducible across runs and platforms.
  let s = seed >>> 0 || 1;
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    a[i] = s / 4294967296 - 0.5;
  }
  return a;
}

export const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** max |a−b| <= atol + rtol·|b| elementwise, with the worst offender in the message. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, atol = 1e-4, rtol = 1e-4): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} vs ${expected.length}`);
  let worst = -1;
  let worstErr = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    const err = Math.abs(a - e) - (atol + rtol * Math.abs(e));
    if (!(err <= 0) && (worst < 0 || err > worstErr)) {
      worst = i;
      worstErr = err;
    }
  }
  if (worst >= 0) assert.fail(`${what}: element ${worst} is ${actual[worst]}, expected ${expected[worst]}`);
}

export interface RefConvParams {
  stride: number[];
  padding: number[];
  dilation: number[];
  groups: number;
}

/**
 * Calls tap(xIndex, wIndex, yIndex) for every product x·w that enters one output of the convolution
 * (any rank), straight from the definition y[n,o,p] = Σ_{c,k} x[n, g·Cg+c, p·s − pad + k·d]·w[o,c,k].
 */
function forEachTap(xs: number[], ws: number[], p: RefConvParams, tap: (xi: number, wi: number, yi: number) => void): number[] {
  const r = xs.length - 2;
  const [N, C] = xs;
  const [O, Cg] = ws;
  const Og = O / p.groups;
  const ins = xs.slice(2);
  const ks = ws.slice(2);
  const outs = ins.map((n, i) => Math.floor((n + p.padding[2 * i] + p.padding[2 * i + 1] - p.dilation[i] * (ks[i] - 1) - 1) / p.stride[i]) + 1);
  const P = numel(outs);
  const K = numel(ks);
  const inPlane = numel(ins);
  const unravel = (flat: number, dims: number[]) => {
    const idx = new Array<number>(dims.length);
    for (let i = dims.length - 1; i >= 0; i--) {
      idx[i] = flat % dims[i];
      flat = Math.floor(flat / dims[i]);
    }
    return idx;
  };
  for (let n = 0; n < N; n++) {
    for (let o = 0; o < O; o++) {
      const g = Math.floor(o / Og);
      for (let pos = 0; pos < P; pos++) {
        const op = unravel(pos, outs);
        for (let c = 0; c < Cg; c++) {
          for (let kk = 0; kk < K; kk++) {
            const kp = unravel(kk, ks);
            let xi = 0;
            let inside = true;
            for (let i = 0; i < r; i++) {
              const at = op[i] * p.stride[i] - p.padding[2 * i] + kp[i] * p.dilation[i];
              if (at < 0 || at >= ins[i]) inside = false;
              xi = xi * ins[i] + at;
            }
            if (!inside) continue;
            tap((n * C + g * Cg + c) * inPlane + xi, (o * Cg + c) * K + kk, (n * O + o) * P + pos);
          }
        }
      }
    }
  }
  return [N, O, ...outs];
}

export function refConv(x: ArrayLike<number>, xs: number[], w: ArrayLike<number>, ws: number[], p: RefConvParams) {
  const taps: [number, number, number][] = [];
  const shape = forEachTap(xs, ws, p, (xi, wi, yi) => taps.push([xi, wi, yi]));
  const y = new Float64Array(numel(shape));
  for (const [xi, wi, yi] of taps) y[yi] += x[xi] * w[wi];
  return { data: y, shape };
}

export function refConvBackwardInput(gy: ArrayLike<number>, w: ArrayLike<number>, ws: number[], xs: number[], p: RefConvParams): Float64Array {
  const dx = new Float64Array(numel(xs));
  forEachTap(xs, ws, p, (xi, wi, yi) => (dx[xi] += gy[yi] * w[wi]));
  return dx;
}

export function refConvBackwardWeight(x: ArrayLike<number>, xs: number[], gy: ArrayLike<number>, ws: number[], p: RefConvParams): Float64Array {
  const dw = new Float64Array(numel(ws));
  forEachTap(xs, ws, p, (xi, wi, yi) => (dw[wi] += gy[yi] * x[xi]));
  return dw;
}

export interface RefPool {
  kernel: number[];
  stride: number[];
  padding: number[];
  dilation?: number[];
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

function poolOut(n: number, k: number, s: number, p: number, d: number, ceil: boolean): number {
  // PyTorch's documented formula, then: the last window must start inside the input or left padding.
  const span = n + 2 * p - d * (k - 1) - 1;
  let o = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (o - 1) * s >= n + p) o -= 1;
  return o;
}

/** Visits each output with the list of its window taps: [flat index in plane or -1 if outside, inPadded]. */
function forEachWindow(xs: number[], p: RefPool, visit: (plane: number, o: number, taps: [number, boolean][]) => void): number[] {
  const r = xs.length - 2;
  const ins = xs.slice(2);
  const d = p.dilation ?? ins.map(() => 1);
  const outs = ins.map((n, i) => poolOut(n, p.kernel[i], p.stride[i], p.padding[i], d[i], p.ceilMode === true));
  const planes = xs[0] * xs[1];
  const K = numel(p.kernel);
  let o = 0;
  for (let pl = 0; pl < planes; pl++) {
    for (let pos = 0; pos < numel(outs); pos++, o++) {
      const op: number[] = [];
      for (let i = r - 1, f = pos; i >= 0; i--) { op[i] = f % outs[i]; f = Math.floor(f / outs[i]); }
      const taps: [number, boolean][] = [];
      for (let kk = 0; kk < K; kk++) {
        const kp: number[] = [];
        for (let i = r - 1, f = kk; i >= 0; i--) { kp[i] = f % p.kernel[i]; f = Math.floor(f / p.kernel[i]); }
        let flat = 0;
        let inside = true;
        let inPadded = true;
        for (let i = 0; i < r; i++) {
          const at = op[i] * p.stride[i] - p.padding[i] + kp[i] * d[i];
          if (at < 0 || at >= ins[i]) inside = false;
          if (at < -p.padding[i] || at >= ins[i] + p.padding[i]) inPadded = false;
          flat = flat * ins[i] + at;
        }
        taps.push([inside ? flat : -1, inPadded]);
      }
      visit(pl, o, taps);
    }
  }
  return [xs[0], xs[1], ...outs];
}

export function refMaxPool(x: ArrayLike<number>, xs: number[], p: RefPool) {
  const inPlane = numel(xs.slice(2));
  const vals: number[] = [];
  const idx: number[] = [];
  const shape = forEachWindow(xs, p, (pl, _o, taps) => {
    let best = -Infinity;
    let bi = -1;
    for (const [t] of taps) {
      if (t < 0) continue;
      if (bi < 0) bi = t;
      const v = x[pl * inPlane + t];
      if (v > best || Number.isNaN(v)) { best = v; bi = t; }
    }
    vals.push(best);
    idx.push(bi);
  });
  return { data: Float64Array.from(vals), indices: idx, shape };
}

export function refAvgPool(x: ArrayLike<number>, xs: number[], p: RefPool) {
  const inPlane = numel(xs.slice(2));
  const vals: number[] = [];
  const shape = forEachWindow(xs, p, (pl, _o, taps) => {
    const inside = taps.filter(([t]) => t >= 0);
    const count = p.divisorOverride ?? (p.countIncludePad === false ? inside.length : taps.filter(([, pad]) => pad).length);
    vals.push(inside.length === 0 ? 0 : inside.reduce((s, [t]) => s + x[pl * inPlane + t], 0) / count);
  });
  return { data: Float64Array.from(vals), shape };
}

export function refAvgPoolBackward(gy: ArrayLike<number>, xs: number[], p: RefPool): Float64Array {
  const inPlane = numel(xs.slice(2));
  const dx = new Float64Array(numel(xs));
  forEachWindow(xs, p, (pl, o, taps) => {
    const inside = taps.filter(([t]) => t >= 0);
    const count = p.divisorOverride ?? (p.countIncludePad === false ? inside.length : taps.filter(([, pad]) => pad).length);
    for (const [t] of inside) dx[pl * inPlane + t] += gy[o] / count;
  });
  return dx;
}

export function refMaxPoolBackward(gy: ArrayLike<number>, indices: ArrayLike<number>, xs: number[]): Float64Array {
  const inPlane = numel(xs.slice(2));
  const perPlane = gy.length / (xs[0] * xs[1]);
  const dx = new Float64Array(numel(xs));
  for (let o = 0; o < gy.length; o++) dx[Math.floor(o / perPlane) * inPlane + indices[o]] += gy[o];
  return dx;
}

/** Adaptive pooling windows: [floor(i·L/n), ceil((i+1)·L/n)) per dim. */
export function refAdaptive(x: ArrayLike<number>, xs: number[], outSize: number[], kind: 'avg' | 'max') {
  const ins = xs.slice(2);
  const r = ins.length;
  const inPlane = numel(ins);
  const vals: number[] = [];
  const idx: number[] = [];
  for (let pl = 0; pl < xs[0] * xs[1]; pl++) {
    for (let pos = 0; pos < numel(outSize); pos++) {
      const op: number[] = [];
      for (let i = r - 1, f = pos; i >= 0; i--) { op[i] = f % outSize[i]; f = Math.floor(f / outSize[i]); }
      const lo = op.map((o, i) => Math.floor((o * ins[i]) / outSize[i]));
      const hi = op.map((o, i) => Math.ceil(((o + 1) * ins[i]) / outSize[i]));
      const cells: number[] = [];
      const visit = (i: number, flat: number) => {
        if (i === r) { cells.push(flat); return; }
        for (let a = lo[i]; a < hi[i]; a++) visit(i + 1, flat * ins[i] + a);
      };
      visit(0, 0);
      if (kind === 'avg') {
        vals.push(cells.reduce((s, c) => s + x[pl * inPlane + c], 0) / cells.length);
      } else {
        let best = -Infinity;
        let bi = cells[0];
        for (const c of cells) {
          const v = x[pl * inPlane + c];
          if (v > best || Number.isNaN(v)) { best = v; bi = c; }
        }
        vals.push(best);
        idx.push(bi);
      }
    }
  }
  return { data: Float64Array.from(vals), indices: idx, shape: [xs[0], xs[1], ...outSize] };
}

export function refMatmul(a: ArrayLike<number>, b: ArrayLike<number>, batch: number, m: number, k: number, n: number, transA: boolean, transB: boolean): Float64Array {
  const aB = a.length === m * k ? 1 : batch;
  const bB = b.length === k * n ? 1 : batch;
  const out = new Float64Array(batch * m * n);
  for (let t = 0; t < batch; t++) {
    const A = (i: number, p: number) => a[(aB === 1 ? 0 : t * m * k) + (transA ? p * m + i : i * k + p)];
    const B = (p: number, j: number) => b[(bB === 1 ? 0 : t * k * n) + (transB ? j * k + p : p * n + j)];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += A(i, p) * B(p, j);
        out[t * m * n + i * n + j] = s;
      }
    }
  }
  return out;
}
