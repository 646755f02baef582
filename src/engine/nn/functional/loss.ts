// Pointwise losses of F (l1, mse, smooth_l1, huber, binary_cross_entropy[_with_logits], kl_div). Those with
// a named node in PyTorch (MseLossBackward0, ...) record it with an analytic backward made of Tensor ops
// (so double backward works); the rest (l1, kl_div, weighted forms) are composites, as in PyTorch.
import { scalarTypeName } from '../../dtype';
import { runtimeError, valueError } from '../../errors';
import { sameShape, broadcastShapes } from '../../shape';
import { Tensor } from '../../tensor';
import { record, type Grad } from '../../autograd/node';
import { no_grad } from '../../autograd/grad_mode';
import { formatSize } from '../../print';
import { broadcast_tensors } from '../../ops/shape_ops';
import { resultTypeOf } from '../../ops/util';
import { where } from '../../ops/compare';
import { reductionOf, applyReduction, type ReductionOptions } from './loss_reduction';

/**
 * Scales the upstream gradient of a reduced loss back to the elementwise loss: as is for 'none', the
 * scalar itself for 'sum' (it broadcasts), divided by the element count for 'mean'.
 */
function upstream(g: Tensor, reduction: string, numel: number): Tensor {
  return reduction === 'mean' ? g.div(numel) : g;
}

/**
 * F.mse_loss & co. broadcast input and target first (with a warning PyTorch prints when the sizes
 * differ; the engine has no warnings channel, so it is not shown).
 */
function broadcastPair(input: Tensor, target: Tensor): [Tensor, Tensor] {
  if (sameShape(input.shape, target.shape)) return [input, target];
  const [a, b] = broadcast_tensors(input, target);
  return [a, b];
}

/** Casts both operands to their promoted dtype (PyTorch's TensorIterator does the same). */
function promotePair(input: Tensor, target: Tensor): [Tensor, Tensor] {
  const dt = resultTypeOf(input, target);
  return [input.dtype === dt ? input : input.to(dt), target.dtype === dt ? target : target.to(dt)];
}

/**
 * A loss PyTorch computes in one kernel: forward from `loss` (elementwise, evaluated without a graph,
 * then reduced), and a node `name` whose backward gives d(elementwise loss)/d(input) via `dInput`;
 * the target's gradient is `dTarget` (the negation, for losses of input - target).
 */
function fusedLoss(
  name: string, input: Tensor, target: Tensor, reduction: string,
  loss: (x: Tensor, y: Tensor) => Tensor,
  dInput: (x: Tensor, y: Tensor) => Tensor,
  dTarget: (x: Tensor, y: Tensor, dx: Tensor) => Tensor = (_x, _y, dx) => dx.neg(),
): Tensor {
  const out = no_grad(() => applyReduction(loss(input, target), reduction));
  const n = input.numel(), gx = input.requires_grad, gt = target.requires_grad;
  record(name, out, [input, target], [input, target], ([g], [x, y]) => {
    const gs = upstream(g!, reduction, n);
    const dx = dInput(x, y);
    return [gx ? dx.mul(gs) : null, gt ? dTarget(x, y, dx).mul(gs) : null];
  });
  return out;
}

/** The optional elementwise `weight` of l1/mse/huber (PyTorch 2.13): Python-level, so a composite. */
export interface WeightedOptions extends ReductionOptions { weight?: Tensor | null }

/** Applies an elementwise weight the way F.l1_loss/F.mse_loss do ('mean' divides by the weights' sum). */
function weighted(loss: Tensor, input: Tensor, weight: Tensor, reduction: string, meanOverWeight: boolean): Tensor {
  if (!sameShape(weight.shape, input.shape)) throw valueError('Weights and input must have the same size.');
  const l = loss.mul(weight);
  if (reduction !== 'mean') return applyReduction(l, reduction);
  return meanOverWeight ? l.sum().div(weight.sum()) : l.mean();
}

export function l1_loss(input: Tensor, target: Tensor, o: WeightedOptions = {}): Tensor {
  const reduction = reductionOf(o);
  const [x, y] = broadcastPair(input, target);
  // PyTorch's l1_loss is a composite: |x - y| then the reduction (AbsBackward0 / MeanBackward0 / SumBackward0).
  if (o.weight) return weighted(x.sub(y).abs(), input, o.weight, reduction, true);
  return applyReduction(x.sub(y).abs(), reduction);
}

export function mse_loss(input: Tensor, target: Tensor, o: WeightedOptions = {}): Tensor {
  const reduction = reductionOf(o);
  if (o.weight) {
    const [a, b] = broadcastPair(input, target);
    return weighted(a.sub(b).pow(2), input, o.weight, reduction, true);
  }
  const [x, y] = promotePair(...broadcastPair(input, target));
  return fusedLoss('MseLossBackward0', x, y, reduction,
    (a, b) => a.sub(b).square(),
    (a, b) => a.sub(b).mul(2));
}

export function smooth_l1_loss(input: Tensor, target: Tensor, o: ReductionOptions & { beta?: number } = {}): Tensor {
  const reduction = reductionOf(o);
  const beta = o.beta ?? 1.0;
  const [x, y] = promotePair(...broadcastPair(input, target));
  if (beta === 0) return applyReduction(x.sub(y).abs(), reduction); // F.smooth_l1_loss calls l1_loss then
  if (beta < 0) throw runtimeError('smooth_l1_loss does not support negative values for beta.');
  return fusedLoss('SmoothL1LossBackward0', x, y, reduction,
    (a, b) => { const z = a.sub(b).abs(); return where(z.lt(beta), z.square().mul(0.5 / beta), z.sub(0.5 * beta)); },
    (a, b) => { const d = a.sub(b); return where(d.abs().lt(beta), d.div(beta), d.sign()); });
}

export function huber_loss(input: Tensor, target: Tensor, o: WeightedOptions & { delta?: number } = {}): Tensor {
  const reduction = reductionOf(o);
  const delta = o.delta ?? 1.0;
  if (delta <= 0) throw runtimeError('huber_loss does not support non-positive values for delta.');
  if (o.weight) return weighted(huber_loss(input, target, { delta, reduction: 'none' }), input, o.weight, reduction, false);
  const [x, y] = promotePair(...broadcastPair(input, target));
  return fusedLoss('HuberLossBackward0', x, y, reduction,
    (a, b) => { const z = a.sub(b).abs(); return where(z.lt(delta), z.square().mul(0.5), z.sub(0.5 * delta).mul(delta)); },
    (a, b) => a.sub(b).clamp(-delta, delta));
}

/** Python's str(torch.Size) for the size-mismatch messages of the BCE family. */
const sizeStr = (t: Tensor): string => formatSize(t.shape);

export interface BCEOptions extends ReductionOptions { weight?: Tensor | null }

export function binary_cross_entropy(input: Tensor, target: Tensor, o: BCEOptions = {}): Tensor {
  const reduction = reductionOf(o);
  if (!sameShape(input.shape, target.shape)) {
    throw valueError(`Using a target size (${sizeStr(target)}) that is different to the input size (${sizeStr(input)}) is deprecated. Please ensure they have the same size.`);
  }
  if (target.dtype !== input.dtype) throw runtimeError(`Found dtype ${scalarTypeName(target.dtype)} but expected ${scalarTypeName(input.dtype)}`);
  const weight = o.weight ? o.weight.expand(broadcastShapes(target.shape, o.weight.shape)) : null;
  if (input.device === 'cpu' && input._contiguousData().some((v) => !(v >= 0 && v <= 1))) {
    throw runtimeError('all elements of input should be between 0 and 1');
  }
  const w = (t: Tensor, wt: Tensor | null) => (wt ? t.mul(wt) : t);
  // -w (t log x + (1 - t) log(1 - x)), with each log clamped at -100 as PyTorch's kernel does.
  const out = no_grad(() => {
    const l = target.mul(input.log().clamp_min(-100)).add(target.neg().add(1).mul(input.neg().log1p().clamp_min(-100))).neg();
    return applyReduction(w(l, weight), reduction);
  });
  const n = input.numel(), gx = input.requires_grad, gt = target.requires_grad;
  record('BinaryCrossEntropyBackward0', out, [input, target], weight ? [input, target, weight] : [input, target], ([g], [x, y, wt]) => {
    const gs = upstream(g!, reduction, n);
    // d/dx = (x - t) / max(x (1 - x), 1e-12); d/dt = -logit(x).
    const dx = gx ? w(x.sub(y).div(x.mul(x.neg().add(1)).clamp_min(1e-12)), wt ?? null).mul(gs) : null;
    const dt = gt ? w(x.log().sub(x.neg().log1p()).neg(), wt ?? null).mul(gs) : null;
    return [dx, dt];
  });
  return out;
}

export interface BCEWithLogitsOptions extends BCEOptions { pos_weight?: Tensor | null }

/** log(sigmoid(x)) without overflow: min(x, 0) - log1p(exp(-|x|)). */
const logSigmoid = (x: Tensor): Tensor => x.clamp_max(0).sub(x.abs().neg().exp().log1p());

export function binary_cross_entropy_with_logits(input: Tensor, target: Tensor, o: BCEWithLogitsOptions = {}): Tensor {
  const reduction = reductionOf(o);
  if (!sameShape(input.shape, target.shape)) {
    throw valueError(`Target size (${sizeStr(target)}) must be the same as input size (${sizeStr(input)})`);
  }
  const weight = o.weight ?? null, pw = o.pos_weight ?? null;
  const w = (t: Tensor, wt: Tensor | null) => (wt ? t.mul(wt) : t);
  // (1 - t) x - (1 + (pw - 1) t) log σ(x), times the weight.
  let n = 0;
  const out = no_grad(() => {
    let ls = logSigmoid(input);
    if (pw) ls = ls.mul(pw.sub(1).mul(target).add(1));
    const l = w(target.neg().add(1).mul(input).sub(ls), weight);
    n = l.numel();
    return applyReduction(l, reduction);
  });
  const saved = [input, target, ...(weight ? [weight] : []), ...(pw ? [pw] : [])];
  const gx = input.requires_grad, gt = target.requires_grad;
  record('BinaryCrossEntropyWithLogitsBackward0', out, [input, target], saved, ([g], s) => {
    const [x, y] = s;
    const wt = weight ? s[2] : null, p = pw ? s[weight ? 3 : 2] : null;
    const gs = upstream(g!, reduction, n);
    let dx: Grad = null, dt: Grad = null;
    if (gx) {
      // σ(x) (1 + (pw - 1) t) - pw t, which is σ(x) - t without pos_weight.
      const raw = p ? p.mul(y).add(1).sub(y).mul(x.sigmoid()).sub(p.mul(y)) : x.sigmoid().sub(y);
      dx = w(raw, wt).mul(gs);
    }
    if (gt) {
      const raw = p ? logSigmoid(x.neg()).sub(logSigmoid(x).mul(p)) : x.neg();
      dt = w(raw, wt).mul(gs);
    }
    return [dx, dt];
  });
  return out;
}

export function kl_div(input: Tensor, target: Tensor, o: ReductionOptions & { log_target?: boolean } = {}): Tensor {
  const reduction = reductionOf(o, ['batchmean']);
  // A composite in PyTorch: exp(t) (t - x) for log targets, else xlogy(t, t) - t x.
  let pointwise: Tensor;
  if (o.log_target) pointwise = target.exp().mul(target.sub(input));
  else {
    // xlogy(t, t): 0 where t == 0; log of a masked copy keeps the gradient finite there.
    const safe = where(target.eq(0), 1, target);
    pointwise = target.mul(safe.log()).sub(target.mul(input));
  }
  const reduced = applyReduction(pointwise, reduction === 'batchmean' ? 'sum' : reduction);
  return reduction === 'batchmean' && input.dim() !== 0 ? reduced.div(input.shape[0]) : reduced;
}
