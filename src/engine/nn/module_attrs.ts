// The attribute protocol of nn.Module, as PyTorch defines __getattr__/__setattr__/__delattr__/__dir__:
// what the Python bindings route attribute access through, and what TS layers' typed accessors use.
import { Tensor } from '../tensor';
import { attributeError, typeError } from '../errors';
import { Parameter, isBuffer, bufferPersistent } from './parameter';
import { Module } from './module';
import { globalRegistrationHooks } from './module_hooks';

/** Methods the TS containers add for JS callers; Python code never sees them, so they don't shadow names. */
const JS_ONLY = new Set(['get', 'set', 'has', 'call', 'toString', 'constructor']);

let typenameResolver: ((v: unknown) => string | null) | null = null;
/** Lets the Python bindings name their own value types (list vs tuple, user classes) in nn's error messages. */
export const set_typename_resolver = (fn: ((v: unknown) => string | null) | null): void => { typenameResolver = fn; };

/** The Python type name of a value, as `torch.typename` prints it in error messages. */
export function typename(v: unknown): string {
  const r = typenameResolver?.(v);
  if (r) return r;
  if (v instanceof Tensor) return v.type() as string;
  if (v instanceof Module) return `${v._pyModule()}.${v._get_name()}`;
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'function') return 'function';
  return (v as object).constructor?.name ?? 'object';
}

/** Python's Module.__getattr__: parameters, then buffers, then submodules, else AttributeError. */
export function getattrRegistered(m: Module, name: string): unknown {
  if (m._parameters.has(name)) return m._parameters.get(name);
  if (m._buffers.has(name)) return m._buffers.get(name);
  if (m._modules.has(name)) return m._modules.get(name);
  throw attributeError(`'${m._get_name()}' object has no attribute '${name}'`);
}

/** Full attribute read for data attributes: instance dict, registered members, own JS fields. */
export function getattr(m: Module, name: string): unknown {
  if (m.__dict__.has(name)) return m.__dict__.get(name);
  if (m._parameters.has(name) || m._buffers.has(name) || m._modules.has(name)) return getattrRegistered(m, name);
  if (Object.prototype.hasOwnProperty.call(m, name)) return (m as any)[name];
  return getattrRegistered(m, name);
}

/** Python's hasattr. TS accessors (typed proxies for registered members) and JS-only helpers don't count. */
export function hasattr(m: Module, name: string): boolean {
  if (m.__dict__.has(name) || m._parameters.has(name) || m._buffers.has(name) || m._modules.has(name)) return true;
  if (Object.prototype.hasOwnProperty.call(m, name)) return true;
  if (JS_ONLY.has(name)) return false;
  for (let p = Object.getPrototypeOf(m); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) return !(d.get || d.set);
  }
  return false;
}

/** Python's Module.__setattr__: a Parameter registers, a Module registers, a tensor for a buffer name replaces it. */
export function setattr(m: Module, name: string, value: unknown): void {
  const removeFrom = (...ds: (Map<string, unknown> | Set<string>)[]) => { for (const d of ds) d.delete(name); };
  if (value instanceof Parameter) {
    if (!m._initialized) throw attributeError('cannot assign parameters before Module.__init__() call');
    removeFrom(m.__dict__, m._buffers, m._modules, m._non_persistent_buffers_set);
    m.register_parameter(name, value);
  } else if (m._initialized && m._parameters.has(name)) {
    if (value !== null && value !== undefined) {
      throw typeError(`cannot assign '${typename(value)}' as parameter '${name}' (torch.nn.Parameter or None expected)`);
    }
    m.register_parameter(name, null);
  } else if (value instanceof Module) {
    if (!m._initialized) throw attributeError('cannot assign module before Module.__init__() call');
    removeFrom(m.__dict__, m._parameters, m._buffers, m._non_persistent_buffers_set);
    for (const h of globalRegistrationHooks.module.values()) {
      const r = h(m, name, value);
      if (r != null) value = r;
    }
    m._modules.set(name, value as Module);
  } else if (m._initialized && m._modules.has(name)) {
    if (value !== null && value !== undefined) {
      throw typeError(`cannot assign '${typename(value)}' as child module '${name}' (torch.nn.Module or None expected)`);
    }
    m._modules.set(name, null);
  } else if (isBuffer(value) || (m._initialized && m._buffers.has(name))) {
    if (value !== null && value !== undefined && !(value instanceof Tensor)) {
      throw typeError(`cannot assign '${typename(value)}' as buffer '${name}' (torch.nn.Buffer, torch.Tensor or None expected)`);
    }
    const persistent = isBuffer(value) ? bufferPersistent(value) : !m._non_persistent_buffers_set.has(name);
    m.register_buffer(name, (value ?? null) as Tensor | null, persistent);
  } else if (Object.prototype.hasOwnProperty.call(m, name) && name !== '__dict__') {
    (m as any)[name] = value; // a field the TS class declares (training, in_features, ...)
  } else {
    m.__dict__.set(name, value);
  }
}

export function delattr(m: Module, name: string): void {
  if (m._parameters.has(name)) m._parameters.delete(name);
  else if (m._buffers.has(name)) { m._buffers.delete(name); m._non_persistent_buffers_set.delete(name); }
  else if (m._modules.has(name)) m._modules.delete(name);
  else if (m.__dict__.has(name)) m.__dict__.delete(name);
  else throw attributeError(`'${m._get_name()}' object has no attribute '${name}'`);
}

/** Python's dir(module): class attributes, instance attributes and registered names, sorted. */
export function dir(m: Module): string[] {
  const keys = new Set<string>();
  for (let p = Object.getPrototypeOf(m); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const k of Object.getOwnPropertyNames(p)) if (k !== 'constructor') keys.add(k);
  }
  for (const k of Object.keys(m)) keys.add(k);
  for (const reg of [m.__dict__, m._parameters, m._modules, m._buffers]) for (const k of reg.keys()) keys.add(k);
  return [...keys].filter((k) => !/^[0-9]/.test(k)).sort();
}
