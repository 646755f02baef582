// The seam host bindings (torch, nn, F, optim, einops) are written against: native functions from
// signature strings, native classes whose methods, properties and dunders are JS functions, and the
// payload (an engine Tensor or Module) an instance of a native class carries.
import type { Interpreter } from '../eval/interpreter';
import { typeError } from './exceptions';
import { PyInstance, PyType, objectType, type PyValue } from './object';
import { parseSignature } from './signature';
import {
  None, PyBuiltin, PyClassMethod, PyProperty, PyStaticMethod, builtinType, type NativeFn, type NativeResult, type RawNativeFn,
} from './types';
import { typeName } from './protocol';

/**
 * A native function: `native("relu(input, inplace=False)", ([input, inplace]) => ...)`. Arguments
 * arrive bound as Python binds them, in declaration order: positional, *args (a tuple), keyword-only,
 * **kwargs (a dict). Returning nothing means None.
 */
export function native(signature: string, fn: NativeFn): PyBuiltin {
  const sig = parseSignature(signature);
  return new PyBuiltin(sig.name, sig, fn);
}

/** A native function that parses its own arguments (print, max, ...): it gets them as passed. */
export function nativeRaw(name: string, fn: RawNativeFn): PyBuiltin {
  return new PyBuiltin(name, null, null, fn);
}

function attach(cls: PyType, f: PyBuiltin, kind: 'method' | 'static' | 'class'): PyBuiltin {
  if (kind === 'method') f.owner = cls;
  if (f.sig) f.sig.name = `${cls.name}.${f.name}`;
  const v = kind === 'method' ? f : kind === 'static' ? new PyStaticMethod(f) : new PyClassMethod(f);
  cls.setAttr(f.name, v);
  return f;
}

/** Adds a method; its signature names `self` first: `defineMethod(Tensor, "view(self, *shape)", ...)`. */
export function defineMethod(cls: PyType, signature: string, fn: NativeFn): PyBuiltin {
  return attach(cls, native(signature, fn), 'method');
}

export function defineRawMethod(cls: PyType, name: string, fn: RawNativeFn): PyBuiltin {
  return attach(cls, nativeRaw(name, fn), 'method');
}

export function defineStaticMethod(cls: PyType, signature: string, fn: NativeFn): PyBuiltin {
  return attach(cls, native(signature, fn), 'static');
}

/** A classmethod: the first parameter receives the class. */
export function defineClassMethod(cls: PyType, signature: string, fn: NativeFn): PyBuiltin {
  return attach(cls, native(signature, fn), 'class');
}

export interface NativeProperty {
  get: (self: PyValue, interp: Interpreter) => NativeResult;
  set?: (self: PyValue, value: PyValue, interp: Interpreter) => void;
  doc?: string;
}

export function defineProperty(cls: PyType, name: string, p: NativeProperty): void {
  const getter = native(`${name}(self)`, ([self], interp) => p.get(self, interp));
  getter.owner = cls;
  const setter = p.set ? native(`${name}(self, value)`, ([self, value], interp) => p.set!(self, value, interp)) : None;
  if (setter instanceof PyBuiltin) setter.owner = cls;
  cls.setAttr(name, new PyProperty(getter, setter, None, p.doc ?? None));
}

export interface NativeClassSpec {
  name: string;
  /** Shown in reprs: `<class 'torch.Tensor'>`. */
  module?: string;
  bases?: PyType[];
  doc?: string;
  /** Methods by signature (self first): { "view(self, *shape)": fn }. */
  methods?: Record<string, NativeFn>;
  staticMethods?: Record<string, NativeFn>;
  classMethods?: Record<string, NativeFn>;
  properties?: Record<string, NativeProperty>;
  /** Plain class attributes. */
  attrs?: Record<string, PyValue>;
}

/**
 * A class implemented in JS. Python code can subclass it (`class Net(nn.Module)`); instances are
 * PyInstance objects whose `payload` the native __init__ (or __new__) sets. Dunder methods given in
 * `methods` take part in the normal protocols: operators, calls, indexing, iteration, with, ...
 */
export function nativeClass(spec: NativeClassSpec): PyType {
  const bases = spec.bases ?? [objectType];
  const cls = builtinType(spec.name, bases[0], false, spec.module ?? 'builtins');
  if (bases.length > 1) {
    cls.bases = bases;
    cls.mro = [cls, ...mergeMro(bases)];
  }
  cls.layout = bases[0].layout ?? objectType;
  cls.dict.setStr('__doc__', spec.doc ?? None);
  cls.dict.setStr('__module__', spec.module ?? 'builtins');
  for (const [sig, fn] of Object.entries(spec.methods ?? {})) defineMethod(cls, sig, fn);
  for (const [sig, fn] of Object.entries(spec.staticMethods ?? {})) defineStaticMethod(cls, sig, fn);
  for (const [sig, fn] of Object.entries(spec.classMethods ?? {})) defineClassMethod(cls, sig, fn);
  for (const [name, p] of Object.entries(spec.properties ?? {})) defineProperty(cls, name, p);
  for (const [name, v] of Object.entries(spec.attrs ?? {})) cls.setAttr(name, v);
  return cls;
}

function mergeMro(bases: PyType[]): PyType[] {
  const probe = new PyType('_', bases, true);
  return probe.mro.slice(1);
}

/** A new instance of a native class (or a Python subclass of one) carrying `payload`. */
export function newInstance(cls: PyType, payload: unknown): PyInstance {
  const o = new PyInstance(cls);
  o.payload = payload;
  return o;
}

/**
 * The payload of `v`, checked to be an instance of `cls` with a payload set:
 * `payloadOf<Tensor>(args[0], TensorType, "input")`.
 */
export function payloadOf<T>(v: PyValue, cls: PyType, what = 'argument'): T {
  if (v instanceof PyInstance && v.cls.isSubtypeOf(cls) && v.payload !== undefined) return v.payload as T;
  if (v instanceof PyInstance && v.cls.isSubtypeOf(cls)) {
    throw typeError(`${what}: the ${cls.name} was not initialised (did __init__ call super().__init__()?)`);
  }
  throw typeError(`${what} must be ${cls.name}, not ${typeName(v)}`);
}
