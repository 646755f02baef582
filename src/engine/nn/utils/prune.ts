// torch.nn.utils.prune basics: l1_unstructured, random_unstructured, identity, remove, is_pruned.
// Pruning moves `weight` to the parameter `weight_orig`, adds the buffer `weight_mask`, and keeps
// `weight = weight_orig * weight_mask` as a plain attribute refreshed by a forward pre-hook; pruning
// again prunes only the still-unpruned entries and multiplies the masks (PyTorch's PruningContainer).
import { Tensor } from '../../tensor';
import { valueError } from '../../errors';
import { no_grad } from '../../autograd/grad_mode';
import { ones_like } from '../../ops/creation';
import { rand } from '../../ops/random';
import { topk } from '../../ops/sort';
import { masked_select } from '../../ops/scatter';
import { Module } from '../module';

type Importance = (t: Tensor) => Tensor;
interface PruneHook { (m: Module): void; pruning: { name: string } }

function validateAmount(amount: number, size: number | null): void {
  const bad = amount < 0 || (!Number.isInteger(amount) && amount > 1);
  if (bad) throw valueError(`amount=${amount} should either be a float in the range [0, 1] or a non-negative integer`);
  if (size !== null && Number.isInteger(amount) && amount > 1 && amount > size) {
    throw valueError(`amount=${amount} should be smaller than the number of parameters to prune=${size}`);
  }
}

/** PyTorch's _compute_nparams_toprune: an int count, or round(amount · size) (Python's round-half-even). */
function nToPrune(amount: number, size: number, isInt: boolean): number {
  if (isInt) return amount;
  const x = amount * size, f = Math.floor(x);
  return x - f === 0.5 ? (f % 2 === 0 ? f : f + 1) : Math.round(x);
}

const hookOf = (m: Module, name: string): [number, PruneHook] | null => {
  for (const [k, h] of m._forward_pre_hooks) if ((h as Partial<PruneHook>).pruning?.name === name) return [k, h as PruneHook];
  return null;
};

const applyMask = (m: Module, name: string): Tensor => (m._getattr(`${name}_orig`) as Tensor).mul(m._getattr(`${name}_mask`) as Tensor);

/**
 * Prunes `k` entries of the still-unpruned slots of `orig` (by their scores) and returns the new mask.
 * `isInt`: the amount is a count (Python int) rather than a fraction.
 */
function prune(module: Module, name: string, amount: number, isInt: boolean, scores: Importance): Module {
  validateAmount(amount, null);
  const existing = hookOf(module, name);
  const orig = (existing ? module._getattr(`${name}_orig`) : module._getattr(name)) as Tensor;
  const oldMask = existing ? (module._getattr(`${name}_mask`) as Tensor) : ones_like(orig);
  const mask = no_grad(() => {
    const slots = oldMask.eq(1);
    const live = masked_select(orig.detach(), slots);
    validateAmount(amount, live.numel());
    const k = nToPrune(amount, live.numel(), isInt);
    const partial = ones_like(live);
    if (k > 0) {
      const { indices } = topk(scores(live).view([-1]), k, -1, false);
      partial.view([-1]).index_fill_(0, indices, 0);
    }
    const full = oldMask.clone();
    full.masked_scatter_(slots, partial);
    return full;
  });
  if (!existing) {
    module.register_parameter(`${name}_orig`, module._parameters.get(name) ?? null);
    module._parameters.delete(name);
    module.register_buffer(`${name}_mask`, mask);
    module.__setattr__(name, applyMask(module, name));
    const hook = Object.assign((m: Module) => { m.__setattr__(name, applyMask(m, name)); }, { pruning: { name } });
    module.register_forward_pre_hook(hook);
  } else {
    no_grad(() => (module._getattr(`${name}_mask`) as Tensor).copy_(mask));
    module.__setattr__(name, applyMask(module, name));
  }
  return module;
}

/** Ints (Python `amount=3`) count entries; pass `{ int: true }` when 1 means one entry, not 100%. */
export interface AmountOpts { int?: boolean }
const isCount = (amount: number, o: AmountOpts) => o.int ?? (Number.isInteger(amount) && amount !== 1 && amount !== 0);

export const l1_unstructured = (module: Module, name: string, amount: number, o: AmountOpts = {}): Module =>
  prune(module, name, amount, isCount(amount, o), (t) => t.abs());

/** Prunes entries with the smallest draws of torch.rand_like (the largest-first topk of PyTorch's code, inverted). */
export const random_unstructured = (module: Module, name: string, amount: number, o: AmountOpts = {}): Module =>
  prune(module, name, amount, isCount(amount, o), (t) => rand(t.shape, { dtype: t.dtype }).neg());

/** prune.identity: the reparametrization with an all-ones mask. */
export const identity = (module: Module, name: string): Module => prune(module, name, 0, true, (t) => t);

export function remove(module: Module, name: string): Module {
  const found = hookOf(module, name);
  if (!found) throw valueError(`Parameter '${name}' of module ${module.__repr__()} has to be pruned before pruning can be removed`);
  const weight = no_grad(() => applyMask(module, name));
  if (module.__dict__.has(name)) module.__dict__.delete(name);
  const orig = module._parameters.get(`${name}_orig`)!;
  no_grad(() => orig.copy_(weight));
  module._parameters.delete(`${name}_orig`);
  module._buffers.delete(`${name}_mask`);
  module.__setattr__(name, orig);
  module._forward_pre_hooks.delete(found[0]);
  return module;
}

export function is_pruned(module: Module): boolean {
  for (const m of module.modules()) {
    for (const h of m._forward_pre_hooks.values()) if ((h as Partial<PruneHook>).pruning) return true;
  }
  return false;
}
