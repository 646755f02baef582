// nn.Module as a Python class. Every instance carries an engine Module; for Python subclasses it is a
// JS subclass of the engine class (pyBacked) whose _forward/extra_repr/__repr__ call back into the
// interpreter, so the engine's __call__ (hooks included) runs Python forwards. Plain attributes live
// in the instance __dict__, which the engine sees through DictBridge.
import { Tensor, nn, set_typename_resolver } from '../../engine/index';
import { currentInterpreter } from '../runtime/context';
import { getAttr } from '../runtime/attrs';
import { call } from '../runtime/call';
import { defineMethod, defineProperty, defineStaticMethod, nativeClass, newInstance } from '../runtime/native';
import { PyDict, PyInstance, PyObject, PyType, dictType, type PyValue } from '../runtime/object';
import { typeName } from '../runtime/protocol';
import { None, PyBuiltin, PyIterator, PyList, PyModule, PyTuple, tuple } from '../runtime/types';
import { bind, jsFunctionOf, toPy, type Row } from './spec';
import {
  adoptModule, bindTypeError, bindingHooks, moduleObjectOf, moduleOf, tensorOf, toDevice, toDtype, wrapModule, wrappers,
  type EModule,
} from './values';

type ModuleCtor = new (...args: never[]) => EModule;

// ---------------------------------------------------------------- value crossing at module boundaries

/** Python -> engine for forward arguments/results and hooks: tensors and modules unwrap, tuples become arrays. */
export function lightJs(v: PyValue): unknown {
  if (v === None) return null;
  if (v instanceof PyInstance && (v.payload instanceof Tensor || v.payload instanceof nn.Module || v.payload instanceof nn.utils.rnn.PackedSequence)) return v.payload;
  if (v instanceof PyTuple) return v.items.map(lightJs);
  return jsFunctionOf(v) ?? v;
}

/** Engine -> Python: the inverse of lightJs; other JS values convert as toPy does. */
export function lightPy(v: unknown): PyValue {
  if (v instanceof PyObject) return v;
  if (Array.isArray(v)) return tuple(v.map(lightPy));
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const d = new PyDict();
    for (const [k, x] of Object.entries(v)) d.setStr(k, lightPy(x));
    return d;
  }
  return toPy(v);
}

/** A Python hook as the engine's hook function. */
function hookFn(hook: PyValue): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => hookResult(currentInterpreter().call(hook, args.map(lightPy)));
}

/** A hook's result for the engine; a with_kwargs pre-hook's (args, kwargs) needs kwargs as a plain object. */
function hookResult(r: PyValue): unknown {
  if (r instanceof PyTuple && r.items.length === 2 && r.items[1] instanceof PyDict && r.items[1].cls === dictType) {
    const kw: Record<string, unknown> = {};
    for (const e of r.items[1].entries()) kw[String(e.key)] = lightJs(e.value);
    return [lightJs(r.items[0]), kw];
  }
  return lightJs(r);
}

/**
 * The engine's view of a Python instance __dict__: the engine stores plain attributes here (Python
 * code reads them from the instance dict directly, so CPython's lookup order holds).
 */
export class DictBridge extends Map<string, unknown> {
  constructor(private readonly d: PyDict) {
    super();
  }
  override get(k: string): unknown {
    const v = this.d.getStr(k);
    return v === undefined ? undefined : lightJs(v);
  }
  override set(k: string, v: unknown): this {
    this.d.setStr(k, lightPy(v));
    return this;
  }
  override has(k: string): boolean {
    return this.d.getStr(k) !== undefined;
  }
  override delete(k: string): boolean {
    return this.d.deleteStr(k);
  }
  override get size(): number {
    return this.d.size;
  }
  override clear(): void {
    this.d.clear();
  }
  override *keys(): MapIterator<string> {
    for (const k of this.d.keys()) yield String(k);
  }
  override *entries(): MapIterator<[string, unknown]> {
    for (const e of this.d.entries()) yield [String(e.key), lightJs(e.value)];
  }
  override *values(): MapIterator<unknown> {
    for (const e of this.d.entries()) yield lightJs(e.value);
  }
  override [Symbol.iterator](): MapIterator<[string, unknown]> {
    return this.entries();
  }
  override forEach(f: (v: unknown, k: string, m: Map<string, unknown>) => void): void {
    for (const [k, v] of this.entries()) f(v, k, this);
  }
}

// ---------------------------------------------------------------- JS subclasses that call Python

/** The engine class of each native Python layer class (to construct, and for `super().forward`). */
const engineClassOf = new Map<PyType, ModuleCtor>();
const pyTypeOfEngine = new Map<unknown, PyType>();
const backed = new Map<ModuleCtor, ModuleCtor>();

/** True when `name` on the instance's class is a Python override rather than the native method. */
function pythonOverride(self: PyInstance, name: string): PyValue | undefined {
  const f = self.cls.lookup(name);
  if (f === undefined || f instanceof PyBuiltin) return undefined;
  return f;
}

function pyBacked(Base: ModuleCtor): ModuleCtor {
  let C = backed.get(Base);
  if (C) return C;
  const B = Base as unknown as typeof nn.Module;
  class PyBacked extends B {
    override _forward(args: unknown[], kwargs: Record<string, unknown>): unknown {
      const self = moduleObjectOf(this);
      if (self) {
        const f = self.dict!.getStr('forward') ?? (self.cls.lookup('forward') instanceof PyBuiltin ? undefined : getAttr(self, 'forward'));
        if (f !== undefined) {
          const kw = new Map(Object.entries(kwargs).map(([k, v]) => [k, lightPy(v)] as [string, PyValue]));
          return lightJs(call(f, args.map(lightPy), kw.size ? kw : null));
        }
      }
      return super._forward(args, kwargs);
    }
    override extra_repr(): string {
      const self = moduleObjectOf(this);
      const f = self && pythonOverride(self, 'extra_repr');
      if (f === undefined || !self) return super.extra_repr();
      const r = call(f, [self]);
      if (typeof r !== 'string') throw bindTypeError(`extra_repr() must return str, not ${typeName(r)}`);
      return r;
    }
    override __repr__(): string {
      const self = moduleObjectOf(this);
      const f = self && pythonOverride(self, '__repr__');
      if (f === undefined || !self) return super.__repr__();
      return String(call(f, [self]));
    }
  }
  // Errors and reprs name the engine class, never this wrapper.
  Object.defineProperty(PyBacked, 'name', { value: Base.name });
  C = PyBacked as unknown as ModuleCtor;
  backed.set(Base, C);
  return C;
}

/** Makes `m` the engine side of `self`: identity, class name for Python subclasses, the dict bridge. */
function attach(self: PyInstance, m: EModule): void {
  const old = self.payload as EModule | undefined;
  adoptModule(m, self);
  if (!self.cls.native) {
    m._className = self.cls.name;
    const mod = self.cls.dict.getStr('__module__');
    m._classModule = typeof mod === 'string' ? mod : '__main__';
  }
  // Plain attributes the engine constructor stored join the instance dict (which may already hold
  // attributes Python set before calling the layer's __init__).
  for (const [k, v] of m.__dict__) self.dict!.setStr(k, lightPy(v));
  m.__dict__ = old && old.__dict__ instanceof DictBridge ? old.__dict__ : new DictBridge(self.dict!);
}

/** Constructs the engine layer for a native layer class's __init__ (a pyBacked subclass when Python subclassed it). */
export function constructInto(self: PyValue, Base: ModuleCtor, args: unknown[]): void {
  const inst = self as PyInstance;
  const Ctor = inst.cls.native ? Base : pyBacked(Base);
  const m = new (Ctor as unknown as new (...a: unknown[]) => EModule)(...args);
  attach(inst, m);
}

export const M = (v: PyValue): EModule => {
  const m = moduleOf(v);
  if (!m) throw bindTypeError(`descriptor requires a 'torch.nn.Module' object but received a '${typeName(v)}'`);
  return m;
};

// nn's error messages name Python values as torch.typename does: 'list', '__main__.Foo', ...
set_typename_resolver((v) => {
  if (!(v instanceof PyObject) || v instanceof PyInstance && (v.payload instanceof Tensor || v.payload instanceof nn.Module)) return null;
  const t = v.cls;
  return t.module === 'builtins' ? t.name : `${t.module}.${t.qualname}`;
});

// ---------------------------------------------------------------- nn.Module

export const ModuleType: PyType = nativeClass({ name: 'Module', module: 'torch.nn.modules.module' });
engineClassOf.set(ModuleType, nn.Module as unknown as ModuleCtor);
pyTypeOfEngine.set(nn.Module, ModuleType);

wrappers.moduleClassOf = (m) => {
  for (let c: unknown = m.constructor; c; c = Object.getPrototypeOf(c)) {
    const t = pyTypeOfEngine.get(c);
    if (t) return t;
  }
  return ModuleType;
};

/** The engine class a (possibly Python-subclassed) layer type stands for. */
function engineBase(cls: PyType): ModuleCtor {
  for (const t of cls.mro) {
    const c = engineClassOf.get(t);
    if (c) return c;
  }
  return nn.Module as unknown as ModuleCtor;
}

// Instances exist (with an uninitialised engine Module) before __init__ runs, as in PyTorch, so
// `self.x = ...` before `super().__init__()` behaves the same.
defineStaticMethod(ModuleType, '__new__(cls, *args, **kwargs)', ([cls]) => {
  const self = new PyInstance(cls as PyType);
  const Ctor = pyBacked(nn.Module as unknown as ModuleCtor);
  const m = new (Ctor as unknown as new () => EModule)();
  m._initialized = false;
  attach(self, m);
  return self;
});

const iterOf = (it: Iterable<unknown>, conv: (x: unknown) => PyValue): PyIterator => {
  const i = it[Symbol.iterator]();
  return new PyIterator(() => {
    const r = i.next();
    return r.done ? undefined : conv(r.value);
  });
};
const pairPy = (x: unknown): PyValue => {
  const [k, v] = x as [string, unknown];
  return tuple([k, lightPy(v)]);
};

const MODULE_METHODS: Row[] = [
  ['__init__(self: py, *args: py, **kwargs: py)', (a) => { M(a[0] as PyValue).__init__(); }, { ret: 'none' }],
  ['forward(self: py, *args: py, **kwargs: py)', (a) => {
    const self = a[0] as PyInstance;
    const m = M(self);
    const Base = engineBase(self.cls) as unknown as typeof nn.Module;
    const kw: Record<string, unknown> = {};
    for (const e of (a[2] as PyDict).entries()) kw[String(e.key)] = lightJs(e.value);
    return lightPy(Base.prototype._forward.call(m, (a[1] as PyTuple).items.map(lightJs), kw));
  }, { ret: 'auto' }],
  ['__call__(self: py, *args: py, **kwargs: py)', (a) => {
    const kw: Record<string, unknown> = {};
    for (const e of (a[2] as PyDict).entries()) kw[String(e.key)] = lightJs(e.value);
    return lightPy(M(a[0] as PyValue)._call_impl((a[1] as PyTuple).items.map(lightJs), kw));
  }],
  ['__repr__(self: Module)', (a) => (a[0] as EModule).__repr__(), { ret: 'str' }],
  ['extra_repr(self: py)', (a) => {
    const self = a[0] as PyInstance;
    const Base = engineBase(self.cls) as unknown as typeof nn.Module;
    return Base.prototype.extra_repr.call(M(self));
  }, { ret: 'str' }],
  ['_get_name(self: Module)', (a) => (a[0] as EModule)._get_name(), { ret: 'str' }],
  ['__getattr__(self: Module, name: str)', (a) => lightPy((a[0] as EModule)._getattr(a[1] as string))],
  ['__setattr__(self: Module, name: str, value: py)', (a) => (a[0] as EModule).__setattr__(a[1] as string, lightJs(a[2] as PyValue)), { ret: 'none' }],
  ['__delattr__(self: Module, name: str)', (a) => (a[0] as EModule).__delattr__(a[1] as string), { ret: 'none' }],
  ['__dir__(self: Module)', (a) => (a[0] as EModule).__dir__(), { ret: 'list-of' }],
  ['parameters(self: Module, recurse: bool=True)', (a) => iterOf((a[0] as EModule).parameters(a[1] as boolean), lightPy)],
  ['named_parameters(self: Module, prefix: str="", recurse: bool=True, remove_duplicate: bool=True)',
    (a) => iterOf((a[0] as EModule).named_parameters(...(a.slice(1) as [string])), pairPy)],
  ['buffers(self: Module, recurse: bool=True)', (a) => iterOf((a[0] as EModule).buffers(a[1] as boolean), lightPy)],
  ['named_buffers(self: Module, prefix: str="", recurse: bool=True, remove_duplicate: bool=True)',
    (a) => iterOf((a[0] as EModule).named_buffers(...(a.slice(1) as [string])), pairPy)],
  ['children(self: Module)', (a) => iterOf((a[0] as EModule).children(), lightPy)],
  ['named_children(self: Module)', (a) => iterOf((a[0] as EModule).named_children(), pairPy)],
  ['modules(self: Module)', (a) => iterOf((a[0] as EModule).modules(), lightPy)],
  ['named_modules(self: Module, memo: skip=None, prefix: str="", remove_duplicate: bool=True)',
    (a) => iterOf((a[0] as EModule).named_modules(undefined as never, ...(a.slice(1) as [])), pairPy)],
  ['register_buffer(self: Module, name: any, tensor: any, persistent: bool=True)', (a) => (a[0] as EModule).register_buffer(a[1] as string, (a[2] ?? null) as Tensor, a[3] as boolean), { ret: 'none' }],
  ['register_parameter(self: Module, name: any, param: any)', (a) => (a[0] as EModule).register_parameter(a[1] as string, (a[2] ?? null) as never), { ret: 'none' }],
  ['add_module(self: Module, name: any, module: any)', (a) => (a[0] as EModule).add_module(a[1] as string, (a[2] ?? null) as EModule), { ret: 'none' }],
  ['register_module(self: Module, name: any, module: any)', (a) => (a[0] as EModule).register_module(a[1] as string, (a[2] ?? null) as EModule), { ret: 'none' }],
  ['get_submodule(self: Module, target: str)', (a) => (a[0] as EModule).get_submodule(a[1] as string)],
  ['get_parameter(self: Module, target: str)', (a) => (a[0] as EModule).get_parameter(a[1] as string)],
  ['get_buffer(self: Module, target: str)', (a) => (a[0] as EModule).get_buffer(a[1] as string)],
  ['train(self: py, mode: bool=True)', (a) => { M(a[0] as PyValue).train(a[1] as boolean ?? true); return a[0]; }],
  ['eval(self: py)', (a) => { M(a[0] as PyValue).eval(); return a[0]; }],
  ['requires_grad_(self: py, requires_grad: bool=True)', (a) => { M(a[0] as PyValue).requires_grad_(a[1] as boolean ?? true); return a[0]; }],
  ['zero_grad(self: Module, set_to_none: bool=True)', (a) => (a[0] as EModule).zero_grad(a[1] as boolean), { ret: 'none' }],
  ['apply(self: py, fn: py)', (a) => {
    const f = a[1] as PyValue;
    M(a[0] as PyValue).apply((m) => call(f, [lightPy(m)]));
    return a[0];
  }],
  ['cpu(self: py)', (a) => { M(a[0] as PyValue).cpu(); return a[0]; }],
  ['cuda(self: py, device: any=None)', (a) => {
    bindingHooks.info("'.cuda()' has no effect: the model stays on the cpu (no GPU here)");
    return a[0];
  }],
  ['float(self: py)', (a) => { M(a[0] as PyValue).float(); return a[0]; }],
  ['double(self: py)', (a) => { M(a[0] as PyValue).double(); return a[0]; }],
  ['half(self: py)', (a) => { M(a[0] as PyValue).half(); return a[0]; }],
  ['type(self: py, dst_type: dtype)', (a) => { M(a[0] as PyValue).type(a[1] as never); return a[0]; }],
  ['register_forward_pre_hook(self: Module, hook: py, *, prepend: bool=False, with_kwargs: bool=False)',
    (a) => (a[0] as EModule).register_forward_pre_hook(hookFn(a[1] as PyValue) as never, { prepend: a[2] as boolean, with_kwargs: a[3] as boolean })],
  ['register_forward_hook(self: Module, hook: py, *, prepend: bool=False, with_kwargs: bool=False, always_call: bool=False)',
    (a) => (a[0] as EModule).register_forward_hook(hookFn(a[1] as PyValue) as never, { prepend: a[2] as boolean, with_kwargs: a[3] as boolean, always_call: a[4] as boolean })],
  ['register_full_backward_hook(self: Module, hook: py, prepend: bool=False)', (a) => (a[0] as EModule).register_full_backward_hook(hookFn(a[1] as PyValue) as never, a[2] as boolean)],
  ['register_full_backward_pre_hook(self: Module, hook: py, prepend: bool=False)', (a) => (a[0] as EModule).register_full_backward_pre_hook(hookFn(a[1] as PyValue) as never, a[2] as boolean)],
  ['register_backward_hook(self: Module, hook: py)', (a) => (a[0] as EModule).register_backward_hook(hookFn(a[1] as PyValue) as never)],
  ['state_dict(self: Module, *args: skip, destination: skip=None, prefix: str="", keep_vars: bool=False)',
    (a) => orderedDict((a[0] as EModule).state_dict({ prefix: (a[3] as string) ?? '', keep_vars: (a[4] as boolean) ?? false })),
    { call: 'self args destination prefix keep_vars' }],
  ['load_state_dict(self: Module, state_dict: py, strict: bool=True, assign: bool=False)', (a) => {
    const sd = new Map<string, unknown>();
    const d = a[1] as PyValue;
    if (!(d instanceof PyDict)) throw bindTypeError(`Expected state_dict to be dict-like, got ${typeName(d)}.`);
    for (const e of d.entries()) sd.set(String(e.key), lightJs(e.value));
    return newInstance(IncompatibleKeysType, (a[0] as EModule).load_state_dict(sd, a[2] as boolean ?? true, a[3] as boolean ?? false));
  }],
];

/** PyTorch returns state dicts as collections.OrderedDict. */
function orderedDict(m: Map<string, unknown>): PyDict {
  const collections = currentInterpreter().importModule('collections');
  const cls = collections instanceof PyModule ? collections.dict.getStr('OrderedDict') : undefined;
  const d = cls instanceof PyType ? new PyDict(cls) : new PyDict();
  if (d.cls !== dictType) d.dict = new PyDict();
  for (const [k, v] of m) d.setStr(k, lightPy(v));
  return d;
}

const IncompatibleKeysType: PyType = nativeClass({
  name: '_IncompatibleKeys', module: 'torch.nn.modules.module',
  methods: { '__repr__(self)': ([s]) => String((s as PyInstance).payload) },
  properties: {
    missing_keys: { get: (s) => new PyList(((s as PyInstance).payload as { missing_keys: string[] }).missing_keys) },
    unexpected_keys: { get: (s) => new PyList(((s as PyInstance).payload as { unexpected_keys: string[] }).unexpected_keys) },
  },
});

export function bindModuleRows(cls: PyType, rows: Row[]): void {
  for (const [sig, target, opts] of rows) {
    const name = sig.slice(0, sig.indexOf('('));
    const f = bind(sig, target as (a: unknown[]) => unknown, opts);
    f.owner = cls;
    if (f.sig) f.sig.name = `${cls.name}.${name}`;
    cls.setAttr(name, f);
  }
}
bindModuleRows(ModuleType, MODULE_METHODS);

defineProperty(ModuleType, 'training', {
  get: (s) => M(s).training,
  set: (s, v) => { M(s).training = v === true; },
});

defineMethod(ModuleType, 'to(self, *args, **kwargs)', ([self, args, kwargs]) => {
  const o: { dtype?: Tensor['dtype']; device?: Tensor['device'] } = {};
  const see = (a: PyValue) => {
    const t = tensorOf(a);
    if (t) Object.assign(o, { dtype: t.dtype, device: t.device });
    else if (typeof a === 'string' || (a instanceof PyInstance && a.cls.name === 'device')) o.device = toDevice(a);
    else if (a instanceof PyInstance && a.cls.name === 'dtype') o.dtype = toDtype(a);
    else if (a !== None) throw bindTypeError(`to() received an invalid combination of arguments - got (${typeName(a)})`);
  };
  for (const a of (args as PyTuple).items) see(a);
  for (const e of (kwargs as PyDict).entries()) if (e.key === 'device' || e.key === 'dtype') see(e.value);
  M(self).to(o);
  return self;
});

// ---------------------------------------------------------------- native layer classes

export interface LayerSpec {
  /** The engine class. */
  engine: ModuleCtor;
  /** PyTorch's constructor signature (self first), with argument kinds. */
  init: string;
  /** How converted arguments reach the engine constructor (default: all, in order). */
  call?: string;
  module?: string;
  base?: PyType;
}

/** A Python class for an engine layer: `nn.Linear(in_features, out_features, bias=True, device=None, dtype=None)`. */
export function layerClass(name: string, spec: LayerSpec): PyType {
  // The engine class knows PyTorch's defining module (torch.nn.modules.linear); the base's is no answer.
  const own = (spec.engine as unknown as { pyModule?: string }).pyModule;
  const cls = nativeClass({ name, module: spec.module ?? (own && own !== 'torch.nn.modules.module' ? own : 'torch.nn.modules'), bases: [spec.base ?? ModuleType] });
  engineClassOf.set(cls, spec.engine);
  pyTypeOfEngine.set(spec.engine, cls);
  const init = spec.init.replace(/^__init__\(self\b/, '__init__(self: py');
  const f = bind(init, (a) => constructInto(a[0] as PyValue, spec.engine, a.slice(1)), {
    call: spec.call ? `self ${spec.call}` : undefined, ret: 'none',
  });
  f.owner = cls;
  if (f.sig) f.sig.name = `${name}.__init__`;
  cls.setAttr('__init__', f);
  return cls;
}

export { wrapModule, engineClassOf, pyTypeOfEngine };
