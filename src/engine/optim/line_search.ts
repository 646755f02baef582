// The strong-Wolfe line search LBFGS uses (PyTorch's port of minFunc): bracket a step satisfying the
// sufficient-decrease and curvature conditions, then zoom in with safeguarded cubic interpolation.
import type { Tensor } from '../tensor';

/** f and flat gradient at x + t*d, with the parameters restored to x afterwards. */
export type DirectionalEval = (x: Tensor[], t: number, d: Tensor) => [number, Tensor];

const num = (x: Tensor): number => Number(x.item());

/** Minimiser of the cubic through (x1, f1, g1) and (x2, f2, g2), clamped to the bounds. */
export function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2sq = d1 * d1 - g1 * g2;
  if (d2sq < 0) return (lo + hi) / 2;
  const d2 = Math.sqrt(d2sq);
  const minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
  // Python's min(max(...)): a NaN from a degenerate cubic propagates, as it does in PyTorch.
  return pyMin(pyMax(minPos, lo), hi);
}

// Python's min/max keep the first argument unless the second compares strictly better.
const pyMax = (a: number, b: number): number => (b > a ? b : a);
const pyMin = (a: number, b: number): number => (b < a ? b : a);

interface Bracket { t: number[]; f: number[]; g: Tensor[]; gtd: number[] }

/** Returns [f_new, g_new, t, function evaluations]; c1/c2 are PyTorch's fixed Wolfe constants. */
export function strongWolfe(
  obj: DirectionalEval, x: Tensor[], t0: number, d: Tensor, f: number, g0: Tensor, gtd: number,
  tolChange = 1e-9, maxLs = 25, c1 = 1e-4, c2 = 0.9,
): [number, Tensor, number, number] {
  let t = t0;
  const dNorm = num(d.abs().max());
  const g = g0.clone();
  let [fNew, gNew] = obj(x, t, d);
  let evals = 1;
  let gtdNew = num(gNew.dot(d));
  let tPrev = 0, fPrev = f, gPrev = g, gtdPrev = gtd;
  let done = false;
  let lsIter = 0;
  let br: Bracket | null = null;
  // Bracketing phase: grow the step until the interval [t_prev, t] must contain a Wolfe point.
  while (lsIter < maxLs) {
    if (fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
      br = { t: [tPrev, t], f: [fPrev, fNew], g: [gPrev, gNew.clone()], gtd: [gtdPrev, gtdNew] };
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      br = { t: [t], f: [fNew], g: [gNew], gtd: [gtdNew] };
      done = true;
      break;
    }
    if (gtdNew >= 0) {
      br = { t: [tPrev, t], f: [fPrev, fNew], g: [gPrev, gNew.clone()], gtd: [gtdPrev, gtdNew] };
      break;
    }
    const minStep = t + 0.01 * (t - tPrev);
    const maxStep = t * 10;
    const tmp = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    tPrev = tmp;
    fPrev = fNew;
    gPrev = gNew.clone();
    gtdPrev = gtdNew;
    [fNew, gNew] = obj(x, t, d);
    evals += 1;
    gtdNew = num(gNew.dot(d));
    lsIter += 1;
  }
  // PyTorch leaves gtd out of this bracket; the zoom below never runs then (ls_iter == max_ls).
  if (lsIter === maxLs || br === null) br = { t: [0, t], f: [f, fNew], g: [g, gNew], gtd: [NaN, NaN] };
  const res = zoom(obj, x, d, f, gtd, br, done, lsIter, maxLs, dNorm, tolChange, c1, c2);
  return [res.f, res.g, res.t, evals + res.evals];
}

/** Zoom phase: shrink the bracket by cubic interpolation until a point meets the strong Wolfe conditions. */
function zoom(
  obj: DirectionalEval, x: Tensor[], d: Tensor, f: number, gtd: number, br: Bracket, done: boolean, lsIter: number,
  maxLs: number, dNorm: number, tolChange: number, c1: number, c2: number,
): { f: number; g: Tensor; t: number; evals: number } {
  let evals = 0;
  let insufProgress = false;
  let [low, high] = br.f[0] <= br.f[br.f.length - 1] ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    if (Math.abs(br.t[1] - br.t[0]) * dNorm < tolChange) break;
    let t = cubicInterpolate(br.t[0], br.f[0], br.gtd[0], br.t[1], br.f[1], br.gtd[1]);
    const hi = Math.max(...br.t), lo = Math.min(...br.t);
    const eps = 0.1 * (hi - lo);
    // Keep the trial point away from the bracket ends; after two close calls, move it eps inside.
    if (Math.min(hi - t, t - lo) < eps) {
      if (insufProgress || t >= hi || t <= lo) {
        t = Math.abs(t - hi) < Math.abs(t - lo) ? hi - eps : lo + eps;
        insufProgress = false;
      } else insufProgress = true;
    } else insufProgress = false;
    const [fNew, gNew] = obj(x, t, d);
    evals += 1;
    const gtdNew = num(gNew.dot(d));
    lsIter += 1;
    if (fNew > f + c1 * t * gtd || fNew >= br.f[low]) {
      set(br, high, t, fNew, gNew.clone(), gtdNew);
      [low, high] = br.f[0] <= br.f[1] ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) done = true;
      else if (gtdNew * (br.t[high] - br.t[low]) >= 0) set(br, high, br.t[low], br.f[low], br.g[low], br.gtd[low]);
      set(br, low, t, fNew, gNew.clone(), gtdNew);
    }
  }
  return { f: br.f[low], g: br.g[low], t: br.t[low], evals };
}

function set(br: Bracket, i: number, t: number, f: number, g: Tensor, gtd: number): void {
  br.t[i] = t;
  br.f[i] = f;
  br.g[i] = g;
  br.gtd[i] = gtd;
}
