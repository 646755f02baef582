// The reduction keywords shared by every loss (reduction, and the deprecated size_average/reduce) and
// PyTorch's apply_loss_reduction. Kept apart from the losses so the F namespace spreads only losses.
import { valueError } from '../../errors';
import type { Tensor } from '../../tensor';

export type Reduction = 'none' | 'mean' | 'sum';

/** The reduction keywords every loss accepts: `reduction`, or the deprecated size_average/reduce pair. */
export interface ReductionOptions {
  reduction?: string;
  size_average?: boolean | null;
  reduce?: boolean | null;
}

/** PyTorch's _Reduction.legacy_get_string: size_average/reduce (None counts as True) to a reduction name. */
export function legacyReduction(size_average: boolean | null | undefined, reduce: boolean | null | undefined): Reduction {
  const sa = size_average ?? true, rd = reduce ?? true;
  return sa && rd ? 'mean' : rd ? 'sum' : 'none';
}

/** The reduction a call asks for, validated with PyTorch's message (`extra` admits kl_div's 'batchmean'). */
export function reductionOf(o: ReductionOptions, extra: string[] = []): string {
  if ((o.size_average ?? null) !== null || (o.reduce ?? null) !== null) return legacyReduction(o.size_average, o.reduce);
  const r = o.reduction ?? 'mean';
  if (r !== 'none' && r !== 'mean' && r !== 'sum' && !extra.includes(r)) throw valueError(`${r} is not a valid value for reduction`);
  return r;
}

/** PyTorch's apply_loss_reduction. */
export function applyReduction(loss: Tensor, reduction: string): Tensor {
  return reduction === 'mean' ? loss.mean() : reduction === 'sum' ? loss.sum() : loss;
}

/**
 * PyTorch's positional order of each functional loss's arguments after (input, target), for callers
 * that pass them positionally (the Python bindings); the engine takes them all in an options object.
 */
export const LOSS_FUNCTIONAL_ARGS: Record<string, readonly string[]> = {
  l1_loss: ['size_average', 'reduce', 'reduction', 'weight'],
  mse_loss: ['size_average', 'reduce', 'reduction', 'weight'],
  smooth_l1_loss: ['size_average', 'reduce', 'reduction', 'beta'],
  huber_loss: ['reduction', 'delta', 'weight'],
  kl_div: ['size_average', 'reduce', 'reduction', 'log_target'],
  binary_cross_entropy: ['weight', 'size_average', 'reduce', 'reduction'],
  binary_cross_entropy_with_logits: ['weight', 'size_average', 'reduce', 'reduction', 'pos_weight'],
  nll_loss: ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction'],
  cross_entropy: ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'],
};
