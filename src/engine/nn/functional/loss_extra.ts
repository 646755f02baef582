// The margin, embedding and likelihood losses of F (margin_ranking ... gaussian_nll). Composites where
// PyTorch composes them (so their graphs end in the same nodes); soft_margin, multi_margin and
// multilabel_margin are single kernels in PyTorch and record their named node here.
import { runtimeError, valueError } from '../../errors';
import { fmtShape, sameShape, broadcastShapes } from '../../shape';
import { Tensor, makeTensor, emptyTensor } from '../../tensor';
import { allocStorage } from '../../dtype';
import { record } from '../../autograd/node';
import { no_grad } from '../../autograd/grad_mode';
import { formatSize } from '../../print';
import { where } from '../../ops/compare';
import { resultTypeOf } from '../../ops/util';
import { ones_like } from '../../ops/creation';
import { pyFloat } from '../layers/repr';
import { logsigmoid } from './activation';
import { pairwise_distance } from './distance_extra';
import { reductionOf, applyReduction, type ReductionOptions } from './loss_reduction';

type MarginOptions = ReductionOptions & { margin?: number };

export function margin_ranking_loss(input1: Tensor, input2: Tensor, target: Tensor, o: MarginOptions = {}): Tensor {
  const reduction = reductionOf(o);
  if (input1.dim() !== input2.dim() || input1.dim() !== target.dim()) {
    throw runtimeError(`margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: ${formatSize(input1.shape)}, input2: ${formatSize(input2.shape)}, target: ${formatSize(target.shape)} `);
  }
  // ATen: (-target * (input1 - input2) + margin).clamp_min_(0)
  return applyReduction(target.neg().mul(input1.sub(input2)).add(o.margin ?? 0).clamp_min(0), reduction);
}

export function hinge_embedding_loss(input: Tensor, target: Tensor, o: MarginOptions = {}): Tensor {
  const reduction = reductionOf(o);
  const margin = o.margin ?? 1.0;
  // ATen: where(t != 1, (margin - x).clamp_min(0), 0) + where(t != -1, x, 0)
  const marginPart = where(target.ne(1), input.neg().add(margin).clamp_min(0), 0);
  const selfPart = where(target.ne(-1), input, 0);
  return applyReduction(marginPart.add(selfPart), reduction);
}

export function cosine_embedding_loss(input1: Tensor, input2: Tensor, target: Tensor, o: MarginOptions = {}): Tensor {
  const reduction = reductionOf(o);
  const dt = target.dim();
  if (dt !== 0 && dt !== 1) throw runtimeError('0D or 1D target tensor expected, multi-target not supported');
  if (input1.dim() !== dt + 1 || input2.dim() !== dt + 1) {
    throw runtimeError(`${dt}D target tensor expects ${dt + 1}D input tensors, but found inputs with sizes ${fmtShape(input1.shape)} and ${fmtShape(input2.shape)}.`);
  }
  const dim = dt; // the feature dim: 0 for unbatched, 1 for (N, D)
  const EPS = 1e-12;
  const prod = input1.mul(input2).sum(dim);
  const mag1 = input1.mul(input1).sum(dim).add(EPS), mag2 = input2.mul(input2).sum(dim).add(EPS);
  const cos = prod.div(mag1.mul(mag2).sqrt());
  const pos = where(target.eq(1), cos.neg().add(1), 0);
  const neg = where(target.eq(-1), cos.sub(o.margin ?? 0).clamp_min(0), 0);
  return applyReduction(pos.add(neg), reduction);
}

/** A loss PyTorch computes in one kernel: value without a graph, then node `name` with an analytic backward. */
function fused(name: string, inputs: Tensor[], out: Tensor, backward: (g: Tensor, saved: Tensor[]) => (Tensor | null)[]): Tensor {
  record(name, out, inputs, inputs, ([g], saved) => backward(g!, saved));
  return out;
}

export function soft_margin_loss(input: Tensor, target: Tensor, o: ReductionOptions = {}): Tensor {
  const reduction = reductionOf(o);
  if (!sameShape(input.shape, target.shape)) broadcastShapes(input.shape, target.shape); // raises PyTorch's broadcast error
  if (target.requires_grad) throw runtimeError("The function 'soft_margin_loss' is not differentiable with respect to argument 'target'. This input cannot have requires_grad True.");
  const dt = resultTypeOf(input, target);
  const x = input.dtype === dt ? input : input.to(dt), y = target.dtype === dt ? target : target.to(dt);
  // log(1 + exp(-y x)); d/dx = -y σ(-y x) (and symmetrically for the target).
  const out = no_grad(() => applyReduction(x.mul(y).neg().exp().log1p(), reduction));
  const n = broadcastShapes(x.shape, y.shape).reduce((a, b) => a * b, 1);
  return fused('SoftMarginLossBackward0', [x, y], out, (g, [a, b]) => {
    const gs = reduction === 'mean' ? g.div(n) : g;
    return [a.mul(b).neg().sigmoid().neg().mul(b).mul(gs), null];
  });
}

export function multilabel_soft_margin_loss(input: Tensor, target: Tensor, o: ReductionOptions & { weight?: Tensor | null } = {}): Tensor {
  const legacy = (o.size_average ?? null) !== null || (o.reduce ?? null) !== null;
  const reduction = legacy ? reductionOf(o) : o.reduction ?? 'mean';
  let loss = target.mul(logsigmoid(input)).add(target.neg().add(1).mul(logsigmoid(input.neg()))).neg();
  if (o.weight) loss = loss.mul(o.weight);
  const classDim = input.dim() - 1;
  loss = loss.sum(classDim).div(input.shape[classDim]);
  if (reduction === 'none') return loss;
  if (reduction === 'mean') return loss.mean();
  if (reduction === 'sum') return loss.sum();
  throw valueError(`${reduction} is not valid`);
}

/** (rows, classes) of a multi-class margin loss input: a 0-/1-D input is one sample. */
function marginGeometry(input: Tensor, target: Tensor, multilabel: boolean): { N: number; C: number } {
  const nd = input.dim();
  const C = nd === 0 ? 1 : input.shape[nd - 1];
  const N = nd <= 1 ? 1 : input.shape[0];
  if (multilabel) {
    const ok = nd <= 1 ? target.dim() <= 1 && target.numel() === C : target.dim() === 2 && target.shape[0] === N && target.shape[1] === C;
    if (nd > 2 || (nd === 2 && C === 0)) throw runtimeError(`Expected non-empty vector or matrix with optional 0-dim batch size, but got: ${fmtShape(input.shape)}`);
    if (!ok) throw runtimeError(`inconsistent target size: ${fmtShape(target.shape)} for input of size: ${fmtShape(input.shape)}`);
  } else {
    if (nd > 2 || (nd === 2 && C === 0)) throw runtimeError(`Expected non-empty vector or matrix with optional 0-dim batch size, but got: ${fmtShape(input.shape)}`);
    if (!(target.dim() <= 1 && target.numel() === N)) {
      throw runtimeError(`multi_margin_loss: target tensor should be 1-D with size equal to the number of input samples (batch size). Expected target size ${fmtShape([N])}, but got ${fmtShape(target.shape)}. Input has shape ${fmtShape(input.shape)}.`);
    }
  }
  return { N, C };
}

/** Per-sample losses (N) and d(sample loss)/d(input) (N*C) of multi_margin_loss. */
function multiMarginKernel(x: ArrayLike<number>, t: ArrayLike<number>, w: ArrayLike<number> | null, N: number, C: number, p: number, margin: number) {
  const loss = new Float64Array(N), grad = new Float64Array(N * C);
  for (let n = 0; n < N; n++) {
    const y = t[n];
    if (!(y >= 0 && y < C)) throw runtimeError('target out of range');
    const b = n * C, wy = w ? w[y] : 1;
    for (let i = 0; i < C; i++) {
      if (i === y) continue;
      const z = margin - x[b + y] + x[b + i];
      if (z <= 0) continue;
      loss[n] += (p === 1 ? z : z * z) * wy / C;
      const h = (p === 1 ? 1 : 2 * z) * wy / C;
      grad[b + i] += h;
      grad[b + y] -= h;
    }
  }
  return { loss, grad };
}

/** Per-sample losses and d/d(input) of multilabel_margin_loss (targets end at the first -1). */
function multilabelMarginKernel(x: ArrayLike<number>, t: ArrayLike<number>, N: number, C: number) {
  const loss = new Float64Array(N), grad = new Float64Array(N * C);
  for (let n = 0; n < N; n++) {
    const b = n * C, isTarget = new Uint8Array(C), ys: number[] = [];
    for (let j = 0; j < C; j++) {
      const y = t[b + j];
      if (y < 0) break;
      if (y >= C) throw runtimeError(`target index is out of bounds`);
      ys.push(y);
      isTarget[y] = 1;
    }
    for (const y of ys) {
      for (let i = 0; i < C; i++) {
        if (isTarget[i]) continue;
        const z = 1 - x[b + y] + x[b + i];
        if (z <= 0) continue;
        loss[n] += z / C;
        grad[b + i] += 1 / C;
        grad[b + y] -= 1 / C;
      }
    }
  }
  return { loss, grad };
}

/** Reduces per-sample losses and wires the kernel's gradient, as both margin kernels do. */
function marginLoss(name: string, input: Tensor, reduction: string, N: number, perSample: boolean, run: () => { loss: Float64Array; grad: Float64Array }): Tensor {
  const shape = reduction === 'none' && perSample ? [N] : [];
  let out: Tensor, grad: Tensor | null = null;
  if (input.device === 'meta') out = emptyTensor(shape, input.dtype, 'meta');
  else {
    const { loss, grad: gr } = run();
    let vals: ArrayLike<number> = loss;
    if (shape.length === 0) {
      const s = loss.reduce((a, b) => a + b, 0);
      vals = [reduction === 'mean' ? s / N : s];
    }
    const d = allocStorage(input.dtype, vals.length);
    for (let i = 0; i < vals.length; i++) d[i] = vals[i];
    out = makeTensor(d, shape, input.dtype);
    const gd = allocStorage(input.dtype, gr.length);
    gd.set(gr);
    grad = makeTensor(gd, input.shape, input.dtype);
  }
  record(name, out, [input], [], ([g]) => {
    const gk = grad ?? emptyTensor(input.shape, input.dtype, 'meta');
    // Per-sample upstream for 'none' on a batch; one scalar otherwise ('mean' also divides by N).
    let gs = g!;
    if (out.dim() === 1) gs = input.dim() === 2 ? gs.unsqueeze(1) : gs.reshape([]);
    else if (reduction === 'mean') gs = gs.div(N);
    return [gk.mul(gs)];
  });
  return out;
}

export interface MultiMarginOptions extends ReductionOptions { p?: number; margin?: number; weight?: Tensor | null }

export function multi_margin_loss(input: Tensor, target: Tensor, o: MultiMarginOptions = {}): Tensor {
  const reduction = reductionOf(o);
  const p = o.p ?? 1, margin = o.margin ?? 1.0, weight = o.weight ?? null;
  if (p !== 1 && p !== 2) throw valueError('only p == 1 and p == 2 supported');
  if (weight && weight.dim() !== 1) throw valueError('weight must be one-dimensional');
  const { N, C } = marginGeometry(input, target, false);
  if (weight && weight.numel() !== C) throw runtimeError(`inconsistent weight size, expected ${C} but got ${fmtShape(weight.shape)}`);
  // ATen keeps a per-sample output for 'none' whenever the target has a dim (even for a 1-D input).
  return marginLoss('MultiMarginLossBackward0', input, reduction, N, target.dim() > 0,
    () => multiMarginKernel(input._contiguousData(), target._contiguousData(), weight?._contiguousData() ?? null, N, C, p, margin));
}

export function multilabel_margin_loss(input: Tensor, target: Tensor, o: ReductionOptions = {}): Tensor {
  const reduction = reductionOf(o);
  const { N, C } = marginGeometry(input, target, true);
  return marginLoss('MultilabelMarginLossBackward0', input, reduction, N, target.dim() === 2,
    () => multilabelMarginKernel(input._contiguousData(), target._contiguousData(), N, C));
}

export interface TripletOptions extends ReductionOptions { margin?: number; p?: number; eps?: number; swap?: boolean }

export function triplet_margin_loss(anchor: Tensor, positive: Tensor, negative: Tensor, o: TripletOptions = {}): Tensor {
  const reduction = reductionOf(o);
  const margin = o.margin ?? 1.0, p = o.p ?? 2, eps = o.eps ?? 1e-6;
  const a = anchor.dim(), pd = positive.dim(), nd = negative.dim();
  if (!(a === pd && pd === nd)) {
    throw runtimeError(`The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor ${a}D, positive ${pd}D, and negative ${nd}D inputs`);
  }
  const distPos = pairwise_distance(anchor, positive, p, eps);
  let distNeg = pairwise_distance(anchor, negative, p, eps);
  if (o.swap) distNeg = distNeg.minimum(pairwise_distance(positive, negative, p, eps));
  return applyReduction(distPos.add(margin).sub(distNeg).clamp_min(0), reduction);
}

export interface TripletDistanceOptions { distance_function?: ((a: Tensor, b: Tensor) => Tensor) | null; margin?: number; swap?: boolean; reduction?: string }

export function triplet_margin_with_distance_loss(anchor: Tensor, positive: Tensor, negative: Tensor, o: TripletDistanceOptions = {}): Tensor {
  const reduction = o.reduction ?? 'mean';
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') throw valueError(`${reduction} is not a valid value for reduction`);
  const margin = o.margin ?? 1.0;
  if (margin <= 0) throw valueError(`margin must be greater than 0, got ${pyFloat(margin)}`);
  const a = anchor.dim(), pd = positive.dim(), nd = negative.dim();
  if (!(a === pd && pd === nd)) {
    throw runtimeError(`The anchor, positive, and negative tensors are expected to have the same number of dimensions, but got: anchor ${a}D, positive ${pd}D, and negative ${nd}D inputs`);
  }
  const dist = o.distance_function ?? ((x: Tensor, y: Tensor) => pairwise_distance(x, y));
  const distPos = dist(anchor, positive);
  let distNeg = dist(anchor, negative);
  if (o.swap) distNeg = distNeg.minimum(dist(positive, negative));
  return applyReduction(distPos.add(margin).sub(distNeg).clamp_min(0), reduction);
}

export interface PoissonNLLOptions extends ReductionOptions { log_input?: boolean; full?: boolean; eps?: number }

export function poisson_nll_loss(input: Tensor, target: Tensor, o: PoissonNLLOptions = {}): Tensor {
  const reduction = reductionOf(o);
  const logInput = o.log_input ?? true, eps = o.eps ?? 1e-8;
  let loss = logInput ? input.exp().sub(target.mul(input)) : input.sub(target.mul(input.add(eps).log()));
  if (o.full) {
    // Stirling's approximation of log(t!), only where t > 1 (masked_fill in ATen).
    const stirling = target.mul(target.log()).sub(target).add(target.mul(2 * Math.PI).log().mul(0.5));
    loss = loss.add(stirling.masked_fill(target.le(1), 0));
  }
  return applyReduction(loss, reduction);
}

export interface GaussianNLLOptions { full?: boolean; eps?: number; reduction?: string }

export function gaussian_nll_loss(input: Tensor, target: Tensor, variance: Tensor | number, o: GaussianNLLOptions = {}): Tensor {
  const reduction = o.reduction ?? 'mean', eps = o.eps ?? 1e-6;
  let v: Tensor;
  if (typeof variance === 'number') {
    if (variance < 0) throw valueError('var has negative entry/entries');
    v = ones_like(input).mul(variance);
  } else {
    if (variance.device === 'cpu' && variance._contiguousData().some((e) => e < 0)) throw valueError('var has negative entry/entries');
    v = variance;
  }
  if (!sameShape(v.shape, input.shape)) {
    if (sameShape(input.shape.slice(0, -1), v.shape)) v = v.unsqueeze(-1);
    else if (!(input.dim() === v.dim() && input.shape.reduce((s, d, i) => s + (d !== v.shape[i] ? v.shape[i] : 0), 0) === 1)) {
      throw valueError('var is of incorrect size');
    }
  }
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') throw valueError(`${reduction} is not valid`);
  // var.clone(), then clamp_(min=eps) under no_grad: the gradient flows through the clone unclamped.
  v = v.clone();
  no_grad(() => v.clamp_(eps));
  let loss = v.log().add(input.sub(target).pow(2).div(v)).mul(0.5);
  if (o.full) loss = loss.add(0.5 * Math.log(2 * Math.PI));
  return reduction === 'mean' ? loss.mean() : reduction === 'sum' ? loss.sum() : loss;
}

/** PyTorch's positional order of these losses' arguments after their tensors (a parallel of LOSS_FUNCTIONAL_ARGS). */
export const LOSS_EXTRA_FUNCTIONAL_ARGS: Record<string, readonly string[]> = {
  margin_ranking_loss: ['margin', 'size_average', 'reduce', 'reduction'],
  hinge_embedding_loss: ['margin', 'size_average', 'reduce', 'reduction'],
  cosine_embedding_loss: ['margin', 'size_average', 'reduce', 'reduction'],
  soft_margin_loss: ['size_average', 'reduce', 'reduction'],
  multilabel_soft_margin_loss: ['weight', 'size_average', 'reduce', 'reduction'],
  multilabel_margin_loss: ['size_average', 'reduce', 'reduction'],
  multi_margin_loss: ['p', 'margin', 'weight', 'size_average', 'reduce', 'reduction'],
  triplet_margin_loss: ['margin', 'p', 'eps', 'swap', 'size_average', 'reduce', 'reduction'],
  triplet_margin_with_distance_loss: ['distance_function', 'margin', 'swap', 'reduction'],
  poisson_nll_loss: ['log_input', 'full', 'size_average', 'eps', 'reduce', 'reduction'],
  gaussian_nll_loss: ['full', 'eps', 'reduction'],
  ctc_loss: ['blank', 'reduction', 'zero_infinity'],
};
