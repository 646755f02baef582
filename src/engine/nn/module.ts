// nn.Module: registration of parameters, buffers and submodules, traversal in PyTorch's order,
// train/eval, apply, in-place dtype/device conversion and the exact repr. Attribute assignment rules
// are in module_attrs.ts, the call path and hooks in module_hooks.ts, state_dict in module_state.ts.
import { Tensor, type Device } from '../tensor';
import { type DType, isFloating } from '../dtype';
import { attributeError, keyError, typeError, valueError, notImplemented, TorchError } from '../errors';
import { no_grad } from '../autograd/grad_mode';
import { Parameter } from './parameter';
import * as A from './module_attrs';
import { typename } from './module_attrs';
import { addHook, type RemovableHandle } from './hooks';
import * as H from './module_hooks';
import * as S from './module_state';

export type Args = unknown[];
export type Kwargs = Record<string, unknown>;

/** PyTorch's `_addindent`: indents every line but the first by n spaces (blank lines stay empty). */
export function addIndent(s: string, n: number): string {
  const lines = s.split('\n');
  if (lines.length === 1) return s;
  const first = lines.shift()!;
  return first + '\n' + lines.map((l) => (l.trim() ? ' '.repeat(n) + l : '')).join('\n');
}

export type ToArg = DType | Device | Tensor | { dtype?: DType | null; device?: Device | null };

export class Module {
  /** The Python class name when it differs from the JS one (Python-defined subclasses set `_className`). */
  static pyName?: string;
  static pyModule = 'torch.nn.modules.module';
  /** PyTorch's `_version`, saved in state_dict metadata for backward-compatible loading. */
  static _version = 1;

  training = true;
  _parameters = new Map<string, Parameter | null>();
  _buffers = new Map<string, Tensor | null>();
  _non_persistent_buffers_set = new Set<string>();
  _modules = new Map<string, Module | null>();
  _forward_pre_hooks = new Map<number, H.ForwardPreHook>();
  _forward_pre_hooks_with_kwargs = new Set<number>();
  _forward_hooks = new Map<number, H.ForwardHook>();
  _forward_hooks_with_kwargs = new Set<number>();
  _forward_hooks_always_called = new Set<number>();
  _backward_hooks = new Map<number, H.BackwardHook>();
  _backward_pre_hooks = new Map<number, H.BackwardPreHook>();
  _is_full_backward_hook: boolean | null = null;
  _state_dict_pre_hooks = new Map<number, S.StateDictPreHook>();
  _state_dict_hooks = new Map<number, S.StateDictHook>();
  _load_state_dict_pre_hooks = new Map<number, S.LoadPreHook>();
  _load_state_dict_post_hooks = new Map<number, S.LoadPostHook>();
  /** Python's instance `__dict__` for plain (unregistered) attributes set through __setattr__. */
  __dict__ = new Map<string, unknown>();
  /** False between object creation and `Module.__init__()` (only Python-defined subclasses see this). */
  _initialized = true;
  /** Set by the Python bindings for classes defined in user code. */
  _className: string | null = null;
  _classModule: string | null = null;

  /** Python's `super().__init__()`: (re)creates the registries, as Module.__init__ does. */
  __init__(): void {
    this.training = true;
    this._parameters = new Map(); this._buffers = new Map(); this._non_persistent_buffers_set = new Set();
    this._backward_pre_hooks = new Map(); this._backward_hooks = new Map(); this._is_full_backward_hook = null;
    this._forward_hooks = new Map(); this._forward_hooks_with_kwargs = new Set(); this._forward_hooks_always_called = new Set();
    this._forward_pre_hooks = new Map(); this._forward_pre_hooks_with_kwargs = new Set();
    this._state_dict_hooks = new Map(); this._state_dict_pre_hooks = new Map();
    this._load_state_dict_pre_hooks = new Map(); this._load_state_dict_post_hooks = new Map();
    this._modules = new Map();
    this._initialized = true;
  }

  // ---------------- calling ----------------
  /** Defines the computation; every subclass overrides it. */
  forward(..._args: any[]): any {
    throw notImplemented(`Module [${this._get_name()}] is missing the required "forward" function`);
  }
  /** forward with keyword arguments; TS layers take positional ones only (the Python bindings override this). */
  _forward(args: Args, kwargs: Kwargs): unknown {
    const k = Object.keys(kwargs);
    if (k.length) throw typeError(`${this._get_name()}.forward() got an unexpected keyword argument '${k[0]}'`);
    return this.forward(...args);
  }
  /** `module(*args)`: forward through the registered hooks. */
  call(...args: any[]): any {
    return H.callImpl(this, args, {});
  }
  _call_impl(args: Args, kwargs: Kwargs = {}): unknown {
    return H.callImpl(this, args, kwargs);
  }

  // ---------------- registration ----------------
  register_buffer(name: string, tensor: Tensor | null, persistent = true): void {
    if (!this._initialized) throw attributeError('cannot assign buffer before Module.__init__() call');
    if (typeof name !== 'string') throw typeError(`buffer name should be a string. Got ${typename(name)}`);
    if (name.includes('.')) throw keyError('buffer name can\'t contain "."');
    if (name === '') throw keyError('buffer name can\'t be empty string ""');
    if (this._hasattr(name) && !this._buffers.has(name)) throw keyError(`attribute '${name}' already exists`);
    if (tensor !== null && !(tensor instanceof Tensor)) {
      throw typeError(`cannot assign '${typename(tensor)}' object to buffer '${name}' (torch Tensor or None required)`);
    }
    for (const h of H.globalRegistrationHooks.buffer.values()) {
      const r = h(this, name, tensor);
      if (r != null) tensor = r as Tensor;
    }
    this._buffers.set(name, tensor);
    if (persistent) this._non_persistent_buffers_set.delete(name);
    else this._non_persistent_buffers_set.add(name);
  }

  register_parameter(name: string, param: Parameter | null): void {
    if (!this._initialized) throw attributeError('cannot assign parameter before Module.__init__() call');
    if (typeof name !== 'string') throw typeError(`parameter name should be a string. Got ${typename(name)}`);
    if (name.includes('.')) throw keyError('parameter name can\'t contain "."');
    if (name === '') throw keyError('parameter name can\'t be empty string ""');
    if (this._hasattr(name) && !this._parameters.has(name)) throw keyError(`attribute '${name}' already exists`);
    if (param === null || param === undefined) { this._parameters.set(name, null); return; }
    if (!(param instanceof Parameter)) {
      throw typeError(`cannot assign '${typename(param)}' object to parameter '${name}' (torch.nn.Parameter or None required)`);
    }
    if (param.grad_fn) {
      throw valueError(`Cannot assign non-leaf Tensor to parameter '${name}'. Model parameters must be created explicitly. To express '${name}' as a function of another Tensor, compute the value in the forward() method.`);
    }
    for (const h of H.globalRegistrationHooks.parameter.values()) {
      const r = h(this, name, param);
      if (r != null) param = r as Parameter;
    }
    this._parameters.set(name, param);
  }

  add_module(name: string, module: Module | null): void {
    if (module !== null && !(module instanceof Module)) throw typeError(`${typename(module)} is not a Module subclass`);
    if (typeof name !== 'string') throw typeError(`module name should be a string. Got ${typename(name)}`);
    if (this._hasattr(name) && !this._modules.has(name)) throw keyError(`attribute '${name}' already exists`);
    if (name.includes('.')) throw keyError(`module name can't contain ".", got: ${name}`);
    if (name === '') throw keyError('module name can\'t be empty string ""');
    for (const h of H.globalRegistrationHooks.module.values()) {
      const r = h(this, name, module);
      if (r != null) module = r as Module;
    }
    this._modules.set(name, module);
  }
  register_module(name: string, module: Module | null): void { this.add_module(name, module); }

  get_submodule(target: string): Module {
    if (target === '') return this;
    let mod = this as Module;
    for (const item of target.split('.')) {
      if (!mod._hasattr(item)) throw attributeError(`${mod._get_name()} has no attribute \`${item}\``);
      const next = mod._getattr(item);
      if (!(next instanceof Module)) throw attributeError(`\`${item}\` is not an nn.Module`);
      mod = next;
    }
    return mod;
  }
  set_submodule(target: string, module: Module, strict = false): void {
    if (target === '') throw valueError('Cannot set the submodule without a target name!');
    if (!(module instanceof Module)) throw valueError(`\`module\` is not an nn.Module, found <class '${typename(module)}'>`);
    const [path, name] = rpartition(target);
    const parent = this.get_submodule(path);
    if (strict && !parent._hasattr(name)) throw attributeError(`${parent._get_name()} has no attribute \`${name}\``);
    if (parent._hasattr(name) && !(parent._getattr(name) instanceof Module)) throw attributeError(`\`${name}\` is not an nn.Module`);
    parent.__setattr__(name, module);
  }
  get_parameter(target: string): Parameter {
    const [path, name] = rpartition(target);
    const mod = this.get_submodule(path);
    if (!mod._hasattr(name)) throw attributeError(`${mod._get_name()} has no attribute \`${name}\``);
    const p = mod._getattr(name);
    if (!(p instanceof Parameter)) throw attributeError(`\`${name}\` is not an nn.Parameter`);
    return p;
  }
  get_buffer(target: string): Tensor {
    const [path, name] = rpartition(target);
    const mod = this.get_submodule(path);
    if (!mod._hasattr(name)) throw attributeError(`${mod._get_name()} has no attribute \`${name}\``);
    if (!mod._buffers.has(name)) throw attributeError(`\`${name}\` is not a buffer`);
    return mod._buffers.get(name) as Tensor;
  }

  // ---------------- attribute protocol (module_attrs.ts; what Python's getattr/setattr/delattr route to) ----------------
  /** Python's Module.__getattr__: parameters, then buffers, then submodules, else AttributeError. */
  __getattr__(name: string): unknown { return A.getattrRegistered(this, name); }
  /** Full attribute read for data attributes: instance dict, registered members, own JS fields. */
  _getattr(name: string): unknown { return A.getattr(this, name); }
  /** Python's hasattr. TS accessors (typed proxies for registered members) and JS-only helpers don't count. */
  _hasattr(name: string): boolean { return A.hasattr(this, name); }
  /** Python's Module.__setattr__: a Parameter registers, a Module registers, a tensor for a buffer name replaces it. */
  __setattr__(name: string, value: unknown): void { A.setattr(this, name, value); }
  __delattr__(name: string): void { A.delattr(this, name); }
  /** Python's dir(module): class attributes, instance attributes and registered names, sorted. */
  __dir__(): string[] { return A.dir(this); }

  // ---------------- traversal ----------------
  *named_modules(memo: Set<Module> | null = null, prefix = '', remove_duplicate = true): Generator<[string, Module]> {
    memo ??= new Set();
    if (memo.has(this)) return;
    if (remove_duplicate) memo.add(this);
    yield [prefix, this];
    for (const [name, m] of this._modules) {
      if (!m) continue;
      yield* m.named_modules(memo, prefix + (prefix ? '.' : '') + name, remove_duplicate);
    }
  }
  *modules(remove_duplicate = true): Generator<Module> {
    for (const [, m] of this.named_modules(null, '', remove_duplicate)) yield m;
  }
  *named_children(): Generator<[string, Module]> {
    const memo = new Set<Module>();
    for (const [name, m] of this._modules) {
      if (m && !memo.has(m)) { memo.add(m); yield [name, m]; }
    }
  }
  *children(): Generator<Module> {
    for (const [, m] of this.named_children()) yield m;
  }
  *_named_members<T extends Tensor>(get: (m: Module) => Iterable<[string, T | null]>, prefix = '', recurse = true, remove_duplicate = true): Generator<[string, T]> {
    const memo = new Set<Tensor>();
    const mods: Iterable<[string, Module]> = recurse ? this.named_modules(null, prefix, remove_duplicate) : [[prefix, this]];
    for (const [mp, m] of mods) {
      for (const [k, v] of get(m)) {
        if (!v || memo.has(v)) continue;
        if (remove_duplicate) memo.add(v);
        yield [mp + (mp ? '.' : '') + k, v];
      }
    }
  }
  named_parameters(prefix = '', recurse = true, remove_duplicate = true): Generator<[string, Parameter]> {
    return this._named_members((m) => m._parameters, prefix, recurse, remove_duplicate);
  }
  *parameters(recurse = true): Generator<Parameter> {
    for (const [, p] of this.named_parameters('', recurse)) yield p;
  }
  named_buffers(prefix = '', recurse = true, remove_duplicate = true): Generator<[string, Tensor]> {
    return this._named_members((m) => m._buffers, prefix, recurse, remove_duplicate);
  }
  *buffers(recurse = true): Generator<Tensor> {
    for (const [, b] of this.named_buffers('', recurse)) yield b;
  }

  // ---------------- modes and bulk operations ----------------
  train(mode: boolean = true): this {
    if (typeof mode !== 'boolean') throw valueError('training mode is expected to be boolean');
    this.training = mode;
    for (const m of this.children()) m.train(mode);
    return this;
  }
  eval(): this { return this.train(false); }
  requires_grad_(requires_grad = true): this {
    for (const p of this.parameters()) p.requires_grad_(requires_grad);
    return this;
  }
  zero_grad(set_to_none = true): void {
    for (const p of this.parameters()) {
      if (!p.grad) continue;
      if (set_to_none) { p.grad = null; continue; }
      if (p.grad.grad_fn) p.grad.detach_(); else p.grad.requires_grad_(false);
      p.grad.zero_();
    }
  }
  /** Calls fn on every submodule (children first, depth-first) and then on self. */
  apply(fn: (m: Module) => unknown): this {
    for (const m of this.children()) m.apply(fn);
    fn(this);
    return this;
  }

  /** Converts every parameter (in place: the Parameter keeps its identity), its grad, and every buffer. */
  _apply(fn: (t: Tensor) => Tensor, recurse = true): this {
    if (recurse) for (const m of this.children()) m._apply(fn);
    for (const p of this._parameters.values()) {
      if (!p) continue;
      const applied = no_grad(() => fn(p));
      if (applied !== p) p.data = applied;
      const g = p.grad;
      if (g) {
        const ga = no_grad(() => fn(g));
        if (ga !== g) g.data = ga;
      }
    }
    for (const [k, b] of this._buffers) if (b) this._buffers.set(k, fn(b));
    return this;
  }

  /** to(dtype) / to(device) / to(tensor) / to({device, dtype}): only floating-point tensors change dtype. */
  to(arg: ToArg): this {
    const o = arg instanceof Tensor ? { dtype: arg.dtype, device: arg.device }
      : typeof arg === 'string' ? (arg === 'cpu' || arg === 'meta' ? { device: arg } : { dtype: arg }) : arg;
    const dtype = o.dtype ?? null, device = o.device ?? null;
    if (dtype && !isFloating(dtype)) {
      throw typeError(`nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.${dtype}`);
    }
    return this._apply((t) => {
      try {
        return t.to({ ...(device ? { device } : {}), ...(dtype && t.is_floating_point() ? { dtype } : {}) });
      } catch (e) {
        if (e instanceof TorchError && e.message.startsWith('Cannot copy out of meta tensor; no data!')) {
          throw notImplemented('Cannot copy out of meta tensor; no data! Please use torch.nn.Module.to_empty() instead of torch.nn.Module.to() when moving module from meta to a different device.');
        }
        throw e;
      }
    });
  }
  /** Moves parameters and buffers to `device` without copying their values (fresh zeroed storage). */
  to_empty(o: { device: Device }, recurse = true): this {
    return this._apply((t) => t.new_empty(t.shape, { device: o.device }), recurse);
  }
  cpu(): this { return this._apply((t) => t.cpu()); }
  type(dst_type: DType): this { return this._apply((t) => t.type(dst_type) as Tensor); }
  float(): this { return this._apply((t) => (t.is_floating_point() ? t.float() : t)); }
  double(): this { return this._apply((t) => (t.is_floating_point() ? t.double() : t)); }
  half(): this { return this._apply((t) => (t.is_floating_point() ? t.half() : t)); }
  bfloat16(): this { return this._apply((t) => (t.is_floating_point() ? t.bfloat16() : t)); }

  // ---------------- hooks ----------------
  register_forward_pre_hook(hook: H.ForwardPreHook, o: { prepend?: boolean; with_kwargs?: boolean } = {}): RemovableHandle {
    const h = addHook(this._forward_pre_hooks, hook, o.prepend, [this._forward_pre_hooks_with_kwargs]);
    if (o.with_kwargs) this._forward_pre_hooks_with_kwargs.add(h.id);
    return h;
  }
  register_forward_hook(hook: H.ForwardHook, o: { prepend?: boolean; with_kwargs?: boolean; always_call?: boolean } = {}): RemovableHandle {
    const h = addHook(this._forward_hooks, hook, o.prepend, [this._forward_hooks_with_kwargs, this._forward_hooks_always_called]);
    if (o.with_kwargs) this._forward_hooks_with_kwargs.add(h.id);
    if (o.always_call) this._forward_hooks_always_called.add(h.id);
    return h;
  }
  register_full_backward_hook(hook: H.BackwardHook, prepend = false): RemovableHandle {
    if (this._is_full_backward_hook === false) throw H.mixedBackwardHooks();
    this._is_full_backward_hook = true;
    return addHook(this._backward_hooks, hook, prepend);
  }
  register_full_backward_pre_hook(hook: H.BackwardPreHook, prepend = false): RemovableHandle {
    return addHook(this._backward_pre_hooks, hook, prepend);
  }
  /** The deprecated non-full hook: fires on the grad_fn of the module's (first) output. */
  register_backward_hook(hook: H.BackwardHook): RemovableHandle {
    if (this._is_full_backward_hook === true) throw H.mixedBackwardHooks();
    this._is_full_backward_hook = false;
    return addHook(this._backward_hooks, hook);
  }

  // ---------------- state ----------------
  state_dict(o: { destination?: S.StateDict; prefix?: string; keep_vars?: boolean } = {}): S.StateDict {
    return S.stateDict(this, o.destination, o.prefix ?? '', o.keep_vars ?? false);
  }
  _save_to_state_dict(destination: S.StateDict, prefix: string, keep_vars: boolean): void {
    S.saveToStateDict(this, destination, prefix, keep_vars);
  }
  load_state_dict(state_dict: S.StateDictLike, strict = true, assign = false): S.IncompatibleKeys {
    return S.loadStateDict(this, state_dict, strict, assign);
  }
  _load_from_state_dict(sd: Map<string, unknown>, prefix: string, local_metadata: S.Metadata, strict: boolean,
    missing_keys: string[], unexpected_keys: string[], error_msgs: string[]): void {
    S.loadFromStateDict(this, sd, prefix, local_metadata, strict, missing_keys, unexpected_keys, error_msgs);
  }
  register_state_dict_pre_hook(hook: S.StateDictPreHook): RemovableHandle { return addHook(this._state_dict_pre_hooks, hook); }
  register_state_dict_post_hook(hook: S.StateDictHook): RemovableHandle { return addHook(this._state_dict_hooks, hook); }
  _register_load_state_dict_pre_hook(hook: S.LoadPreHook): RemovableHandle { return addHook(this._load_state_dict_pre_hooks, hook); }
  register_load_state_dict_post_hook(hook: S.LoadPostHook): RemovableHandle { return addHook(this._load_state_dict_post_hooks, hook); }

  // ---------------- repr ----------------
  _get_name(): string {
    return this._className ?? (this.constructor as typeof Module).pyName ?? this.constructor.name;
  }
  _pyModule(): string {
    return this._classModule ?? (this.constructor as typeof Module).pyModule;
  }
  extra_repr(): string { return ''; }
  __repr__(): string {
    const extra = this.extra_repr();
    const extraLines = extra ? extra.split('\n') : [];
    const childLines: string[] = [];
    for (const [key, m] of this._modules) childLines.push(`(${key}): ${addIndent(m ? m.__repr__() : 'None', 2)}`);
    const lines = [...extraLines, ...childLines];
    let s = this._get_name() + '(';
    if (lines.length) {
      if (extraLines.length === 1 && !childLines.length) s += extraLines[0];
      else s += '\n  ' + lines.join('\n  ') + '\n';
    }
    return s + ')';
  }
  toString(): string { return this.__repr__(); }
}

function rpartition(target: string): [string, string] {
  const i = target.lastIndexOf('.');
  return i < 0 ? ['', target] : [target.slice(0, i), target.slice(i + 1)];
}
