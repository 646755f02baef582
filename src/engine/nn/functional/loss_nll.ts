// F.nll_loss and F.cross_entropy: nll_loss is a primitive (NllLossBackward0 for 1-D/2-D inputs,
// NllLoss2DBackward0 for (N, C, d1, ...) inputs, which PyTorch views to 4-D as nll_loss_nd does);
// cross_entropy is log_softmax + nll_loss, or a composite for label smoothing and class probabilities.
import { scalarTypeName, isFloating } from '../../dtype';
import { indexError, runtimeError, valueError } from '../../errors';
import { fmtShape, sameShape, numelOf } from '../../shape';
import { Tensor, emptyTensor } from '../../tensor';
import { record } from '../../autograd/node';
import { log_softmax } from '../../ops/scan';
import { reductionOf, type ReductionOptions } from './loss_reduction';

export interface NLLOptions extends ReductionOptions {
  weight?: Tensor | null;
  ignore_index?: number;
}
export interface CrossEntropyOptions extends NLLOptions { label_smoothing?: number }

function checkWeight(weight: Tensor | null, nClasses: number, prefix = ''): void {
  if (weight && (weight.dim() !== 1 || weight.numel() !== nClasses)) {
    throw runtimeError(`${prefix}weight tensor should be defined either for all ${nClasses} classes or no classes but got weight tensor of shape: ${fmtShape(weight.shape)}`);
  }
}

/** The checks of PyTorch's nll_loss_nd / nll_loss_forward / nll_loss2d_forward, in its order. */
function checkNll(input: Tensor, target: Tensor, weight: Tensor | null): void {
  const nd = input.dim();
  if (nd < 1) throw valueError(`Expected 1 or more dimensions (got ${nd})`);
  const tBatch = target.dim() === 0 ? 0 : target.shape[0];
  if (nd !== 1 && input.shape[0] !== tBatch) throw valueError(`Expected input batch_size (${input.shape[0]}) to match target batch_size (${tBatch}).`);
  if (nd <= 2) {
    if (target.dim() > 1) throw runtimeError('0D or 1D target tensor expected, multi-target not supported');
    if (nd === 1 && target.dim() === 1 && target.shape[0] !== 1) throw valueError(`For 1D input, 1D target must have size 1, but got target size: ${target.shape[0]}`);
  } else if (nd === 4) {
    if (target.dim() !== 3) throw runtimeError(`only batches of spatial targets supported (3D tensors) but got targets of dimension: ${target.dim()}`);
    if (input.shape[0] !== target.shape[0] || input.shape[2] !== target.shape[1] || input.shape[3] !== target.shape[2]) {
      // PyTorch's message really lacks the closing parenthesis.
      throw runtimeError(`size mismatch (got input: ${fmtShape(input.shape)} , target: ${fmtShape(target.shape)}`);
    }
  } else if (!sameShape(target.shape.slice(1), input.shape.slice(2))) {
    throw runtimeError(`Expected target size ${fmtShape([input.shape[0], ...input.shape.slice(2)])}, got ${fmtShape(target.shape)}`);
  }
  checkWeight(weight, input.shape[nd === 1 ? 0 : 1]);
  if (target.dtype !== 'int64' && target.dtype !== 'uint8') throw runtimeError(`expected target dtype to be Long or Byte, but got ${scalarTypeName(target.dtype)}`);
  if (weight && weight.dtype !== input.dtype) throw runtimeError(`expected scalar type ${scalarTypeName(input.dtype)} but found ${scalarTypeName(weight.dtype)}`);
}

/** Input geometry as (batch, classes, spatial): a 1-D input is one sample, spatial dims flatten to one. */
const geometry = (shape: readonly number[]) => {
  const nd = shape.length;
  return { N: nd === 1 ? 1 : shape[0], C: shape[nd === 1 ? 0 : 1], S: numelOf(shape.slice(2)) };
};

/**
 * The per-element coefficient of d(loss)/d(input) before reduction: -w[t] at (n, t, s), 0 elsewhere
 * and at ignored targets; with the input's values, also the loss per target element. Returns the
 * total weight of the counted targets. Raises PyTorch's IndexError for a target out of range.
 */
function nllKernel(shape: readonly number[], input: Tensor | null, target: Tensor, weight: Tensor | null, ignoreIndex: number) {
  const { N, C, S } = geometry(shape);
  const x = input?._contiguousData() ?? null, t = target._contiguousData(), w = weight?._contiguousData() ?? null;
  const losses = new Float64Array(N * S), coef = new Float64Array(numelOf(shape));
  let total = 0;
  for (let n = 0; n < N; n++) {
    for (let s = 0; s < S; s++) {
      const k = n * S + s, c = t[k];
      if (c === ignoreIndex) continue;
      if (c < 0 || c >= C) throw indexError(`Target ${c} is out of bounds.`);
      const wc = w ? w[c] : 1, at = (n * C + c) * S + s;
      if (x) losses[k] = -wc * x[at];
      coef[at] = -wc;
      total += wc;
    }
  }
  return { losses, coef, total };
}

/** nll_loss on an input of any supported rank, recorded as `name`. */
function nllCore(input: Tensor, target: Tensor, weight: Tensor | null, reduction: string, ignoreIndex: number, name: string): Tensor {
  const outShape = reduction === 'none' ? [...target.shape] : [];
  const out = emptyTensor(outShape, input.dtype, input.device);
  let coefScale = 1;
  if (input.device === 'cpu') {
    const { losses, total } = nllKernel(input.shape, input, target, weight, ignoreIndex);
    const o = out._data();
    if (reduction === 'none') o.set(losses);
    else {
      let sum = 0;
      for (let i = 0; i < losses.length; i++) sum += losses[i];
      // 'mean' divides by the summed weight of the non-ignored targets: 0/0 = NaN when all are ignored.
      o[0] = reduction === 'mean' ? sum / total : sum;
      // With every target ignored the gradient is all zeros (no 0 * inf).
      if (reduction === 'mean' && total !== 0) coefScale = 1 / total;
    }
  }
  const saved = weight ? [target, weight] : [target];
  const shape = input.shape, device = input.device, batched = input.dim() > 1;
  record(name, out, [input], saved, ([g], [tg, wt]) => {
    let coef: Tensor;
    if (device === 'meta') coef = emptyTensor(shape, g!.dtype, 'meta');
    else {
      const k = nllKernel(shape, null, tg, wt ?? null, ignoreIndex).coef;
      if (coefScale !== 1) for (let i = 0; i < k.length; i++) k[i] *= coefScale;
      coef = emptyTensor(shape, g!.dtype, 'cpu');
      coef._data().set(k);
    }
    // 'none': one upstream value per target element, broadcast across the class dim.
    const up = reduction === 'none' && batched ? g!.unsqueeze(1) : g!;
    return [coef.mul(up)];
  });
  return out;
}

/** PyTorch's nll_loss_nd: the 1-D/2-D kernel, the 2-D spatial kernel, or a view to 4-D and back. */
function nllLossNd(input: Tensor, target: Tensor, weight: Tensor | null, reduction: string, ignoreIndex: number): Tensor {
  checkNll(input, target, weight);
  const nd = input.dim();
  if (nd <= 2) return nllCore(input, target, weight, reduction, ignoreIndex, 'NllLossBackward0');
  if (nd === 4) return nllCore(input, target, weight, reduction, ignoreIndex, 'NllLoss2DBackward0');
  const [n, c] = input.shape;
  const empty = input.numel() === 0;
  const x4 = input.contiguous().view(empty ? [n, c, 0, 0] : [n, c, 1, -1]);
  const t3 = target.contiguous().view(target.numel() === 0 ? [n, 0, 0] : [n, 1, -1]);
  const out = nllCore(x4, t3, weight, reduction, ignoreIndex, 'NllLoss2DBackward0');
  return reduction === 'none' ? out.view([n, ...input.shape.slice(2)]) : out;
}

export function nll_loss(input: Tensor, target: Tensor, o: NLLOptions = {}): Tensor {
  const reduction = reductionOf(o);
  return nllLossNd(input, target, o.weight ?? null, reduction, o.ignore_index ?? -100);
}

/** The weight viewed to broadcast along the class dim of an input of `nd` dims. */
const classView = (weight: Tensor, nd: number): Tensor => (nd > 1 ? weight.view([1, weight.numel(), ...Array<number>(nd - 2).fill(1)]) : weight);

/** Targets that are class probabilities (same shape as the input): PyTorch's cross_entropy_loss_prob_target. */
function probTarget(input: Tensor, target: Tensor, weight: Tensor | null, reduction: string, ls: number): Tensor {
  const classDim = input.dim() === 1 ? 0 : 1;
  const C = input.shape[classDim];
  checkWeight(weight, C, 'cross_entropy: ');
  const lp = log_softmax(input, classDim);
  const t = ls > 0 ? target.mul(1 - ls).add(ls / C) : target;
  let prod = lp.mul(t);
  if (weight) prod = prod.mul(classView(weight, input.dim()));
  if (reduction === 'none') return prod.sum(classDim).neg();
  if (reduction === 'sum') return prod.sum().neg();
  const sum = prod.sum().neg();
  // The mean is over samples (numel / C), not elements; an empty batch gives NaN.
  return input.numel() === 0 ? sum.mul(NaN) : sum.div(Math.trunc(input.numel() / C));
}

/** Class-index targets with label smoothing: PyTorch's cross_entropy_loss_label_smoothing. */
function labelSmoothing(input: Tensor, target: Tensor, weight: Tensor | null, reduction: string, ignoreIndex: number, ls: number): Tensor {
  const classDim = input.dim() === 1 ? 0 : 1;
  const lp = log_softmax(input, classDim);
  const nll = nllLossNd(lp, target, weight, reduction, ignoreIndex);
  const C = lp.shape[classDim];
  let smooth = (weight ? lp.mul(classView(weight, lp.dim())) : lp).sum(classDim).neg();
  const ignored = target.eq(ignoreIndex);
  smooth = smooth.masked_fill(ignored, 0);
  let ret: Tensor;
  if (reduction === 'mean') {
    // PyTorch's subclass-safe branch (same value as its masked_select one): no data-dependent shape, so meta works.
    const denom = weight
      ? weight.gather(0, target.to('int64').masked_fill(ignored, 0).flatten()).masked_fill(ignored.flatten(), 0).sum()
      : ignored.logical_not().sum();
    ret = smooth.sum().div(denom);
  } else ret = reduction === 'sum' ? smooth.sum() : smooth;
  return nll.mul(1 - ls).add(ret.mul(ls / C));
}

export function cross_entropy(input: Tensor, target: Tensor, o: CrossEntropyOptions = {}): Tensor {
  const reduction = reductionOf(o);
  const weight = o.weight ?? null, ignoreIndex = o.ignore_index ?? -100, ls = o.label_smoothing ?? 0;
  if (sameShape(input.shape, target.shape)) {
    // Same shapes mean class probabilities, as in PyTorch.
    if (!isFloating(target.dtype)) throw runtimeError(`Expected floating point type for target with class probabilities, got ${scalarTypeName(target.dtype)}`);
    if (ignoreIndex >= 0) throw runtimeError('ignore_index is not supported for floating point target');
    if (ls > 1) throw runtimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${pyFloat(ls)}`);
    return probTarget(input, target, weight, reduction, ls);
  }
  if (ls > 0) {
    if (ls > 1) throw runtimeError(`label_smoothing must be between 0.0 and 1.0. Got: ${pyFloat(ls)}`);
    return labelSmoothing(input, target, weight, reduction, ignoreIndex, ls);
  }
  if (input.dim() < 1) throw valueError(`Expected 1 or more dimensions (got ${input.dim()})`);
  return nllLossNd(log_softmax(input, input.dim() === 1 ? 0 : 1), target, weight, reduction, ignoreIndex);
}

/** A double as C++ streams print it in PyTorch's messages (1.5, 2). */
const pyFloat = (v: number): string => String(v);
