// Tight loops for the normalisation primitives (first-order forward and backward on dense arrays):
// per-channel statistics (batch_norm) and per-row statistics (layer_norm, group_norm), in float64
// accumulators. norm.ts uses them unless backward must build a graph (create_graph).

type Arr = Float32Array | Float64Array;

/**
 * Where an element's statistics and affine parameters live.
 * channel: x is (N, C, S), stats and affine per C (batch norm).
 * row: x is (R, K), stats per row; the affine index is (r % G)·Cg + ⌊k / S⌋ (layer norm: G=1, Cg=K, S=1;
 * group norm: rows are (n, g), k runs over (channel in group, spatial)).
 */
export type NormLayout =
  | { kind: 'channel'; N: number; C: number; S: number }
  | { kind: 'row'; R: number; K: number; G: number; Cg: number; S: number };

export const statCount = (l: NormLayout): number => (l.kind === 'channel' ? l.C : l.R);

/** Calls fn(statIndex, start, count, stride-walk) over each contiguous run of one statistic. */
function forRuns(l: NormLayout, fn: (stat: number, start: number, len: number) => void): void {
  if (l.kind === 'row') {
    for (let r = 0; r < l.R; r++) fn(r, r * l.K, l.K);
    return;
  }
  for (let n = 0; n < l.N; n++) for (let c = 0; c < l.C; c++) fn(c, (n * l.C + c) * l.S, l.S);
}

/** Affine index of element `start + j` in a run of statistic `stat`. */
function affineAt(l: NormLayout, stat: number, j: number): number {
  return l.kind === 'channel' ? stat : (stat % l.G) * l.Cg + Math.floor(j / l.S);
}

/** Batch statistics: mean and biased variance per statistic (two passes, float64). */
export function normStats(x: Arr, l: NormLayout): { mean: Float64Array; variance: Float64Array } {
  const n = statCount(l);
  const sum = new Float64Array(n), count = new Float64Array(n), sq = new Float64Array(n);
  forRuns(l, (s, start, len) => {
    let acc = 0;
    for (let j = 0; j < len; j++) acc += x[start + j];
    sum[s] += acc;
    count[s] += len;
  });
  const mean = sum.map((v, i) => v / Math.max(count[i], 1));
  forRuns(l, (s, start, len) => {
    const m = mean[s];
    let acc = 0;
    for (let j = 0; j < len; j++) { const d = x[start + j] - m; acc += d * d; }
    sq[s] += acc;
  });
  return { mean, variance: sq.map((v, i) => v / Math.max(count[i], 1)) };
}

/** y = (x − mean)·rstd·w + b into `out` (of x's storage type). */
export function normForward(x: Arr, out: Arr, l: NormLayout, mean: Float64Array, rstd: Float64Array, w: Arr | null, b: Arr | null): void {
  forRuns(l, (s, start, len) => {
    const m = mean[s], r = rstd[s];
    if (l.kind === 'channel') {
      const ws = w ? w[s] * r : r, bs = (b ? b[s] : 0) - m * ws;
      for (let j = 0; j < len; j++) out[start + j] = x[start + j] * ws + bs;
      return;
    }
    for (let j = 0; j < len; j++) {
      const a = affineAt(l, s, j);
      out[start + j] = (x[start + j] - m) * r * (w ? w[a] : 1) + (b ? b[a] : 0);
    }
  });
}

/**
 * First-order backward. With batch statistics (`training`), dx = rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂))
 * per statistic, dx̂ = g·w; with fixed statistics, dx = dx̂·rstd. dw = Σ g·x̂ and db = Σ g per affine index.
 */
export function normBackward(g: Arr, x: Arr, l: NormLayout, mean: Float64Array, rstd: Float64Array, w: Arr | null, training: boolean,
  nAffine: number, dx: Arr): { dw: Float64Array; db: Float64Array } {
  const n = statCount(l);
  const s1 = new Float64Array(n), s2 = new Float64Array(n), count = new Float64Array(n);
  const dw = new Float64Array(nAffine), db = new Float64Array(nAffine);
  forRuns(l, (s, start, len) => {
    const m = mean[s], r = rstd[s];
    let a1 = 0, a2 = 0;
    for (let j = 0; j < len; j++) {
      const a = affineAt(l, s, j);
      const gi = g[start + j], xh = (x[start + j] - m) * r;
      const dxh = w ? gi * w[a] : gi;
      a1 += dxh;
      a2 += dxh * xh;
      if (nAffine) { dw[a] += gi * xh; db[a] += gi; }
    }
    s1[s] += a1; s2[s] += a2; count[s] += len;
  });
  forRuns(l, (s, start, len) => {
    const m = mean[s], r = rstd[s];
    const m1 = training ? s1[s] / count[s] : 0, m2 = training ? s2[s] / count[s] : 0;
    for (let j = 0; j < len; j++) {
      const a = affineAt(l, s, j);
      const xh = (x[start + j] - m) * r;
      const dxh = w ? g[start + j] * w[a] : g[start + j];
      dx[start + j] = r * (dxh - m1 - xh * m2);
    }
  });
  return { dw, db };
}
