// The call path of nn.Module (PyTorch's _call_impl): global and per-module forward pre-hooks and
// hooks, and full backward (pre-)hooks built the way PyTorch builds them — inputs and outputs pass
// through identity nodes (BackwardHookFunctionBackward) whose graph hooks see and may replace the grads.
import { Tensor, makeView } from '../tensor';
import { runtimeError } from '../errors';
import { record, type Grad, type Node } from '../autograd/node';
import { is_grad_enabled } from '../autograd/grad_mode';
import { addHook, type RemovableHandle } from './hooks';
import type { Module, Args, Kwargs } from './module';

/** hook(module, args) → null/undefined, a new args tuple (array), or a single value (wrapped into a tuple). */
export type ForwardPreHook = (m: Module, args: Args, kwargs?: Kwargs) => unknown;
/** hook(module, args, output) (or (module, args, kwargs, output) with with_kwargs) → a replacement output or nothing. */
export type ForwardHook = (m: Module, args: Args, a2: unknown, a3?: unknown) => unknown;
export type BackwardHook = (m: Module, grad_input: Grad[], grad_output: Grad[]) => Grad[] | null | undefined | void;
export type BackwardPreHook = (m: Module, grad_output: Grad[]) => Grad[] | null | undefined | void;
type RegistrationHook = (m: Module, name: string, value: unknown) => unknown;

const globalForwardPre = new Map<number, ForwardPreHook>();
const globalForward = new Map<number, ForwardHook>();
const globalForwardAlways = new Set<number>();
const globalForwardWithKwargs = new Set<number>();
const globalBackward = new Map<number, BackwardHook>();
const globalBackwardPre = new Map<number, BackwardPreHook>();
export const globalRegistrationHooks = {
  buffer: new Map<number, RegistrationHook>(),
  module: new Map<number, RegistrationHook>(),
  parameter: new Map<number, RegistrationHook>(),
};

export const register_module_forward_pre_hook = (hook: ForwardPreHook): RemovableHandle => addHook(globalForwardPre, hook);
export function register_module_forward_hook(hook: ForwardHook, o: { with_kwargs?: boolean; always_call?: boolean } = {}): RemovableHandle {
  const h = addHook(globalForward, hook, false, [globalForwardAlways, globalForwardWithKwargs]);
  if (o.always_call) globalForwardAlways.add(h.id);
  if (o.with_kwargs) globalForwardWithKwargs.add(h.id);
  return h;
}
export const register_module_full_backward_hook = (hook: BackwardHook): RemovableHandle => addHook(globalBackward, hook);
export const register_module_full_backward_pre_hook = (hook: BackwardPreHook): RemovableHandle => addHook(globalBackwardPre, hook);
export const register_module_buffer_registration_hook = (h: RegistrationHook) => addHook(globalRegistrationHooks.buffer, h);
export const register_module_module_registration_hook = (h: RegistrationHook) => addHook(globalRegistrationHooks.module, h);
export const register_module_parameter_registration_hook = (h: RegistrationHook) => addHook(globalRegistrationHooks.parameter, h);

export const mixedBackwardHooks = () =>
  runtimeError('Cannot use both regular backward hooks and full backward hooks on a single Module. Please use only one of them.');

const isNone = (x: unknown) => x === null || x === undefined;
const withKwargs = (m: Module, id: number) => m._forward_hooks_with_kwargs.has(id) || globalForwardWithKwargs.has(id);

/** Module.__call__: pre-hooks, backward-hook setup, forward, forward hooks; always_call hooks run on error too. */
export function callImpl(m: Module, args: Args, kwargs: Kwargs): unknown {
  if (!(m._backward_hooks.size || m._backward_pre_hooks.size || m._forward_hooks.size || m._forward_pre_hooks.size
    || globalBackward.size || globalBackwardPre.size || globalForward.size || globalForwardPre.size)) {
    return m._forward(args, kwargs);
  }
  let result: unknown = null;
  const called = new Set<number>();
  try {
    const full = [...globalBackward.values(), ...(m._is_full_backward_hook === true ? m._backward_hooks.values() : [])];
    const nonFull = m._is_full_backward_hook === false ? [...m._backward_hooks.values()] : [];
    const pre = [...globalBackwardPre.values(), ...m._backward_pre_hooks.values()];
    for (const [id, hook] of [...globalForwardPre, ...m._forward_pre_hooks]) {
      if (m._forward_pre_hooks_with_kwargs.has(id)) {
        const r = hook(m, args, kwargs);
        if (isNone(r)) continue;
        if (!Array.isArray(r) || r.length !== 2) throw runtimeError(`forward pre-hook must return None or a tuple of (new_args, new_kwargs), but got ${String(r)}.`);
        [args, kwargs] = r as [Args, Kwargs];
      } else {
        const r = hook(m, args);
        if (!isNone(r)) args = Array.isArray(r) ? r : [r];
      }
    }
    let bw: BackwardHookState | null = null;
    if (full.length || pre.length) {
      bw = new BackwardHookState(m, full, pre);
      args = bw.setupInputHook(args);
    }
    result = m._forward(args, kwargs);
    for (const [id, hook] of [...globalForward, ...m._forward_hooks]) {
      if (m._forward_hooks_always_called.has(id) || globalForwardAlways.has(id)) called.add(id);
      const r = withKwargs(m, id) ? hook(m, args, kwargs, result) : hook(m, args, result);
      if (!isNone(r)) result = r;
    }
    if (bw) result = bw.setupOutputHook(result);
    if (nonFull.length) registerNonFull(m, result, nonFull);
    return result;
  } catch (e) {
    // Hooks registered with always_call run even when forward raised; their own errors are swallowed.
    for (const [id, hook] of [...globalForward, ...m._forward_hooks]) {
      if (!(globalForwardAlways.has(id) || m._forward_hooks_always_called.has(id)) || called.has(id)) continue;
      try {
        const r = withKwargs(m, id) ? hook(m, args, kwargs, result) : hook(m, args, result);
        if (!isNone(r)) result = r;
      } catch { /* PyTorch only warns here */ }
    }
    throw e;
  }
}

function registerNonFull(m: Module, result: unknown, hooks: BackwardHook[]): void {
  let v: unknown = result;
  while (!(v instanceof Tensor)) {
    if (Array.isArray(v) && v.length) v = v[0];
    else if (v instanceof Map) v = [...v.values()].find((x) => x instanceof Tensor);
    else return;
  }
  const fn = v.grad_fn;
  if (fn) for (const h of hooks) fn.register_hook((gi, go) => h(m, gi, go) ?? undefined);
}

/** PyTorch's torch.utils.hooks.BackwardHook: identity nodes around a module's inputs and outputs. */
class BackwardHookState {
  private nInputs = 0;
  private nOutputs = 0;
  private inputIdx: number[] | null = null;
  private outputIdx: number[] | null = null;
  private gradOutputs: Grad[] | null = null;

  constructor(private readonly module: Module, private readonly userHooks: BackwardHook[], private readonly userPreHooks: BackwardPreHook[]) {}

  private pack(idx: number[], values: Grad[], size: number): Grad[] {
    const res: Grad[] = new Array(size).fill(null);
    idx.forEach((i, k) => { res[i] = values[k] ?? null; });
    return res;
  }

  /** Passes the tensors among args through one identity node and hands that node to `setup`. */
  private applyOnTensors(setup: (n: Node) => void, args: unknown[]): [unknown[], number[] | null] {
    const idx: number[] = [];
    const tensors: Tensor[] = [];
    args.forEach((a, i) => { if (a instanceof Tensor) { idx.push(i); tensors.push(a); } });
    if (!(tensors.some((t) => t.requires_grad) && is_grad_enabled())) return [args, null];
    const outs = tensors.map((t) => makeView(t, t.shape, t._strides, t._offset));
    const node = record('BackwardHookFunctionBackward', outs, tensors, [], (grads) => grads.map((g, i) => (tensors[i].requires_grad ? g : null)));
    // Like ctx.mark_non_differentiable: inputs that need no grad come out without a grad_fn.
    outs.forEach((o, i) => { if (!tensors[i].requires_grad) { o.grad_fn = null; o._requiresGrad = false; } });
    setup(node!);
    const res = [...args];
    idx.forEach((i, k) => { res[i] = outs[k]; });
    return [res, idx];
  }

  setupInputHook(args: Args): Args {
    const [res, idx] = this.applyOnTensors((node) => {
      node.register_hook((gradInput) => {
        if (this.gradOutputs === null) return undefined; // grad reached the inputs without passing the outputs
        let res = this.pack(this.inputIdx!, gradInput, this.nInputs);
        for (const hook of this.userHooks) {
          const out = hook(this.module, res, this.gradOutputs);
          if (isNone(out)) continue;
          if (out!.length !== res.length) throw runtimeError(`Backward hook returned an invalid number of grad_input, got ${out!.length}, but expected ${res.length}`);
          res = out!;
        }
        this.gradOutputs = null;
        return this.inputIdx!.map((i) => res[i]);
      });
    }, args);
    this.nInputs = args.length;
    this.inputIdx = idx;
    return res;
  }

  setupOutputHook(result: unknown): unknown {
    const isTuple = Array.isArray(result);
    const outs = isTuple ? (result as unknown[]) : [result];
    const [res, idx] = this.applyOnTensors((node) => {
      node.register_hook((_gi, gradOutput) => {
        this.gradOutputs = this.pack(this.outputIdx!, gradOutput, this.nOutputs);
        for (const hook of this.userPreHooks) {
          const r = hook(this.module, this.gradOutputs);
          if (isNone(r)) continue;
          if (r!.length !== this.gradOutputs.length) throw runtimeError(`Backward pre hook returned an invalid number of grad_output, got ${r!.length}, but expected ${this.gradOutputs.length}`);
          this.gradOutputs = r!;
        }
        const local = this.gradOutputs;
        if (this.inputIdx === null) {
          // No input requires grad: the full hooks fire here, with None for every grad_input.
          const gradInputs = this.pack([], [], this.nInputs);
          for (const hook of this.userHooks) {
            const r = hook(this.module, gradInputs, this.gradOutputs);
            if (!isNone(r) && !r!.every((x) => x === null || x === undefined)) {
              throw runtimeError('Backward hook for Modules where no input requires gradient should always return None or None for all gradients.');
            }
          }
          this.gradOutputs = null;
        }
        return this.outputIdx!.map((i) => local[i]);
      });
    }, outs);
    this.nOutputs = outs.length;
    this.outputIdx = idx;
    return isTuple ? res : res[0];
  }
}
