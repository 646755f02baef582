// F.ctc_loss: the log-space forward (alpha) / backward (beta) algorithm of Graves et al., as PyTorch's
// CPU kernel runs it, recorded as CtcLossBackward0 with PyTorch's gradient formula; the reduction
// ('mean' divides each loss by its target length first) is composed on top, as in ATen.
import { runtimeError } from '../../errors';
import { fmtShape } from '../../shape';
import { Tensor, makeTensor, emptyTensor } from '../../tensor';
import { allocStorage } from '../../dtype';
import { record } from '../../autograd/node';
import { tensor } from '../../ops/creation';
import { where } from '../../ops/compare';
import { reductionOf, type ReductionOptions } from './loss_reduction';

export interface CTCOptions extends ReductionOptions { blank?: number; zero_infinity?: boolean }

const lse2 = (a: number, b: number): number => {
  const m = Math.max(a, b);
  return m === -Infinity ? -Infinity : m + Math.log(Math.exp(a - m) + Math.exp(b - m));
};
const lse3 = (a: number, b: number, c: number): number => {
  const m = Math.max(a, b, c);
  return m === -Infinity ? -Infinity : m + Math.log(Math.exp(a - m) + Math.exp(b - m) + Math.exp(c - m));
};

/** Lengths as numbers; a meta tensor has none, so it stands for that many zeros (only its size is used). */
const lengthsOf = (x: Tensor | readonly number[]): number[] =>
  x instanceof Tensor ? (x.device === 'meta' ? new Array<number>(x.numel()).fill(0) : Array.from(x._contiguousData(), Number)) : [...x];

interface Problem { T: number; N: number; C: number; lp: ArrayLike<number>; targets: number[][]; il: number[]; blank: number }

/** One sample's negative log-likelihood and (when asked) d(nll)/d(log_probs) written into `grad`. */
function ctcSample(P: Problem, b: number, grad: Float64Array | null, zeroInf: boolean): number {
  const { N, C, lp, blank } = P;
  const tgt = P.targets[b], T = P.il[b], L = tgt.length, S = 2 * L + 1;
  const at = (t: number, c: number) => lp[(t * N + b) * C + c];
  const label = (s: number) => (s % 2 === 0 ? blank : tgt[(s - 1) >> 1]);
  // Skipping a blank (s-2 -> s) is allowed only between two different labels.
  const canSkip = (s: number) => s % 2 === 1 && s >= 2 && tgt[(s - 1) >> 1] !== tgt[(s - 3) >> 1];
  const alpha = new Float64Array(Math.max(T, 1) * S).fill(-Infinity);
  if (T === 0) return L === 0 ? 0 : Infinity;
  alpha[0] = at(0, blank);
  if (S > 1) alpha[1] = at(0, label(1));
  for (let t = 1; t < T; t++) {
    for (let s = 0; s < S; s++) {
      const p = (t - 1) * S;
      const v = lse3(alpha[p + s], s >= 1 ? alpha[p + s - 1] : -Infinity, canSkip(s) ? alpha[p + s - 2] : -Infinity);
      alpha[t * S + s] = v === -Infinity ? -Infinity : v + at(t, label(s));
    }
  }
  const last = (T - 1) * S;
  const nll = -lse2(alpha[last + S - 1], S > 1 ? alpha[last + S - 2] : -Infinity);
  if (!grad) return nll;
  if (zeroInf && nll === Infinity) return nll; // zero gradient for an impossible alignment
  const beta = new Float64Array(T * S).fill(-Infinity);
  beta[last + S - 1] = at(T - 1, blank);
  if (S > 1) beta[last + S - 2] = at(T - 1, label(S - 2));
  for (let t = T - 2; t >= 0; t--) {
    for (let s = 0; s < S; s++) {
      const q = (t + 1) * S;
      const skip = s + 2 < S && canSkip(s + 2) ? beta[q + s + 2] : -Infinity;
      const v = lse3(beta[q + s], s + 1 < S ? beta[q + s + 1] : -Infinity, skip);
      beta[t * S + s] = v === -Infinity ? -Infinity : v + at(t, label(s));
    }
  }
  // PyTorch's formula: exp(lp) - exp(log Σ_{s: l'(s)=c} alpha beta + nll - lp), i.e. the gradient
  // with respect to the logits when log_probs came from log_softmax.
  const lcab = new Float64Array(C);
  for (let t = 0; t < T; t++) {
    lcab.fill(-Infinity);
    for (let s = 0; s < S; s++) { const c = label(s); lcab[c] = lse2(lcab[c], alpha[t * S + s] + beta[t * S + s]); }
    for (let c = 0; c < C; c++) {
      const l = at(t, c);
      grad[(t * N + b) * C + c] = Math.exp(l) - Math.exp(lcab[c] + nll - l);
    }
  }
  return nll;
}

/** Targets per sample: rows of a padded (N, S) tensor, or consecutive runs of a 1-D concatenation. */
function splitTargets(targets: Tensor, tl: number[], batched: boolean): number[][] {
  const d = Array.from(targets._contiguousData(), Number);
  if (targets.dim() === 1 && batched) {
    let off = 0;
    return tl.map((n) => { const r = d.slice(off, off + n); off += n; return r; });
  }
  const width = targets.dim() === 0 ? 0 : targets.shape[targets.dim() - 1];
  return tl.map((n, b) => {
    if (n > width) throw runtimeError(`Expected tensor to have size at least ${n} at dimension 1, but got size ${width} for argument #2 'targets' (while checking arguments for ctc_loss_allocate_outputs)`);
    return d.slice(b * width, b * width + n);
  });
}

export function ctc_loss(
  log_probs: Tensor, targets: Tensor, input_lengths: Tensor | readonly number[], target_lengths: Tensor | readonly number[], o: CTCOptions = {},
): Tensor {
  const reduction = reductionOf(o);
  const blank = o.blank ?? 0, zeroInf = o.zero_infinity ?? false;
  const batched = log_probs.dim() === 3;
  if (log_probs.dim() !== 3 && log_probs.dim() !== 2) throw runtimeError(`ctc_loss: expected log_probs to be 2-D or 3-D, but got a ${log_probs.dim()}-D tensor of size ${fmtShape(log_probs.shape)}`);
  const lp3 = batched ? log_probs : log_probs.unsqueeze(1);
  const [Tmax, N, C] = lp3.shape;
  if (!(blank >= 0 && blank < C)) throw runtimeError('blank must be in label range');
  const il = lengthsOf(input_lengths), tl = lengthsOf(target_lengths);
  if (il.length !== N) throw runtimeError('input_lengths must be of size batch_size');
  if (tl.length !== N) throw runtimeError('target_lengths must be of size batch_size');
  for (const l of il) if (l > Tmax) throw runtimeError(`Expected input_lengths to have value at most ${Tmax}, but got value ${l} (while checking arguments for ctc_loss_allocate_outputs)`);
  let raw: Tensor, grad: Tensor | null = null;
  if (lp3.device === 'meta') raw = emptyTensor([N], lp3.dtype, 'meta');
  else {
    const P: Problem = { T: Tmax, N, C, lp: lp3._contiguousData(), targets: splitTargets(targets, tl, batched), il, blank };
    const g = lp3.requires_grad ? new Float64Array(Tmax * N * C) : null;
    const d = allocStorage(lp3.dtype, N);
    for (let b = 0; b < N; b++) d[b] = ctcSample(P, b, g, zeroInf);
    raw = makeTensor(d, [N], lp3.dtype);
    if (g) { const gd = allocStorage(lp3.dtype, g.length); gd.set(g); grad = makeTensor(gd, lp3.shape, lp3.dtype); }
  }
  record('CtcLossBackward0', raw, [lp3], [], ([g]) => {
    const gk = grad ?? emptyTensor(lp3.shape, lp3.dtype, 'meta');
    return [gk.mul(g!.reshape([1, N, 1]))];
  });
  let res = raw;
  if (zeroInf) res = where(res.eq(Infinity), tensor(0, { dtype: res.dtype, device: res.device }), res);
  if (reduction === 'mean') {
    const lens = tensor(tl, { dtype: res.dtype, device: res.device }).clamp_min(1);
    return res.div(lens).mean();
  }
  if (reduction === 'sum') return res.sum();
  return batched ? res : res.squeeze(0);
}
