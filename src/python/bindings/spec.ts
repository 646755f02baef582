// The declarative binding seam: one annotated Python signature per function ("sum(self, dim: dims=None,
// keepdim: bool=False, *, dtype: dtype=None)"), an optional call template saying how the converted
// arguments reach the engine ("self dim keepdim {dtype}"), and a result kind. No per-function juggling.
import { Tensor, TorchError, nn, wrappedScalar, type DType } from '../../engine/index';
import { currentInterpreter } from '../runtime/context';
import { native, nativeRaw, newInstance } from '../runtime/native';
import { PyDict, PyInstance, PyObject, type PyValue } from '../runtime/object';
import { typeName } from '../runtime/protocol';
import {
  None, PyBoundMethod, PyBuiltin, PyFloat, PyFunction, PyIterator, PyList, PyTuple, tuple, type NativeFn,
} from '../runtime/types';
import { PyBoxed } from '../runtime/types';
import {
  HandleType, isHandle, bindTypeError, pySize, toDevice, toDtype, toInt, tensorOf, moduleOf, wrapModule, wrapTensor,
} from './values';
import { renameReturn, returnTuple } from './return_types';

/** How a Python argument becomes an engine argument. */
export type ArgKind =
  | 'Tensor' | 'Tensor?' | 'TensorLike' | 'Tensors' | 'num' | 'int' | 'bool' | 'ints' | 'sizes' | 'dtype' | 'device'
  | 'str' | 'any' | 'opt' | 'py' | 'skip' | 'Module' | 'fn' | 'nested';

/** How an engine result becomes a Python value. */
export type RetKind = 'auto' | 'int' | 'float' | 'bool' | 'Size' | 'item' | 'list' | 'none' | 'self' | 'str' | 'list-of' | `vi:${string}`;

interface Param {
  name: string;
  kind: ArgKind;
  /** Slot in the bound argument array. */
  slot: number;
}

const KINDS = new Set<string>([
  'Tensor', 'Tensor?', 'TensorLike', 'Tensors', 'num', 'int', 'bool', 'ints', 'sizes', 'dtype', 'device', 'str', 'any', 'py',
  'skip', 'Module', 'fn', 'nested', 'opt',
]);

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const c of s) {
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x !== '' && x !== '/' && x !== '*');
}

/** The parameters of an annotated signature; unannotated parameters convert as 'any'. */
function parseParams(sig: string): Param[] {
  const inner = sig.slice(sig.indexOf('(') + 1, sig.lastIndexOf(')'));
  return splitTop(inner).map((part, slot) => {
    const bare = part.replace(/^\*+/, '');
    const eq = bare.indexOf('=');
    const head = eq < 0 ? bare : bare.slice(0, eq);
    const [name, ann] = head.split(':').map((x) => x.trim());
    const kind = (ann ?? 'any') as ArgKind;
    if (!KINDS.has(kind)) throw new Error(`nnlens: unknown argument kind ${ann} in ${sig}`);
    return { name, kind: part.startsWith('*') && !part.startsWith('**') && kind === 'any' ? 'py' : kind, slot };
  });
}

// ---------------------------------------------------------------- Python -> engine

const isNone = (v: PyValue): boolean => v === None;

/** A Python number as an engine scalar operand: floats wrapped so `int_tensor * 2.0` promotes to float. */
export function scalarOperand(v: PyValue): Tensor | number | boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PyFloat) return wrappedScalar(v.value, 'float');
  if (v instanceof PyBoxed && typeof v.value !== 'string') return Number(v.value);
  return undefined;
}

export function toNumber(v: PyValue, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PyFloat) return v.value;
  const t = tensorOf(v);
  if (t && t.numel() === 1) return Number(t.item());
  throw bindTypeError(`${what} must be a number, not ${typeName(v)}`);
}

function toInts(v: PyValue, what: string): number | number[] {
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map((x) => toInt(x, what));
  return toInt(v, what);
}

/** *size varargs: `view(2, 3)`, `view((2, 3))` and `view(torch.Size([2, 3]))` all mean [2, 3]. */
function toSizes(v: PyValue, what: string): number[] {
  const items = (v as PyTuple).items;
  if (items.length === 1 && (items[0] instanceof PyTuple || items[0] instanceof PyList)) {
    return (items[0] as PyTuple).items.map((x) => toInt(x, what));
  }
  return items.map((x) => toInt(x, what));
}

/** Nested Python lists of numbers as the engine's nested arrays, and the dtype PyTorch infers for them. */
export function toNested(v: PyValue): { data: unknown; kind: 'bool' | 'int' | 'float' | null } {
  let kind: 'bool' | 'int' | 'float' | null = null;
  const rank = { bool: 0, int: 1, float: 2 };
  const see = (k: 'bool' | 'int' | 'float') => {
    if (kind === null || rank[k] > rank[kind]) kind = k;
  };
  const visit = (x: PyValue): unknown => {
    if (x instanceof PyList || x instanceof PyTuple) return x.items.map(visit);
    if (typeof x === 'boolean') { see('bool'); return x; }
    if (typeof x === 'number' || typeof x === 'bigint') { see('int'); return Number(x); }
    if (x instanceof PyFloat) { see('float'); return x.value; }
    const t = tensorOf(x);
    if (t) {
      see(t.dtype === 'bool' ? 'bool' : t.is_floating_point() ? 'float' : 'int');
      return t.dim() === 0 ? t.item() : t.tolist();
    }
    if (x === None) return null;
    if (typeof x === 'string') return x;
    throw new TorchError('RuntimeError', `Could not infer dtype of ${typeName(x)}`);
  };
  return { data: visit(v), kind };
}

export function inferredDtype(kind: 'bool' | 'int' | 'float' | null, dflt: DType): DType | undefined {
  return kind === 'float' ? dflt : kind === 'int' ? 'int64' : kind === 'bool' ? 'bool' : undefined;
}

/** A Python callable as a JS function (hooks, `Module.apply`, closures for optimizers). */
export function toJsFunction(f: PyValue): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => toJs(currentInterpreter().call(f, args.map(toPy)));
}

const isCallable = (v: PyValue): boolean =>
  v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyBoundMethod
  || (v instanceof PyObject && v.cls.lookup('__call__') !== undefined && !(v instanceof PyInstance && v.payload !== undefined));

/** Generic conversion for arguments without a precise kind: tensors and modules unwrap, containers recurse. */
export function toJs(v: PyValue): unknown {
  if (v === None) return null;
  if (typeof v !== 'object') return typeof v === 'bigint' ? Number(v) : v;
  if (v instanceof PyFloat) return v.value;
  // Instances of native classes (tensors, modules, dtypes, generators, optimizers) carry their engine object.
  if (v instanceof PyInstance && v.payload !== undefined) return v.payload;
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map(toJs);
  if (v instanceof PyDict) {
    const m = new Map<string, unknown>();
    for (const e of v.entries()) m.set(String(e.key), toJs(e.value));
    return m;
  }
  if (isCallable(v)) return jsFunctionOf(v) ?? toJsFunction(v);
  return v;
}

function convert(p: Param, v: PyValue, fn: string): unknown {
  if (v === undefined) return undefined;
  const what = `${fn}(): argument '${p.name}'`;
  switch (p.kind) {
    case 'Tensor': {
      const t = tensorOf(v);
      if (!t) throw bindTypeError(`${what} must be Tensor, not ${typeName(v)}`);
      return t;
    }
    case 'Tensor?':
      if (isNone(v)) return null;
      return convert({ ...p, kind: 'Tensor' }, v, fn);
    case 'TensorLike': {
      if (isNone(v)) return undefined;
      const t = tensorOf(v) ?? scalarOperand(v);
      if (t === undefined) throw bindTypeError(`${what} must be Tensor or Number, not ${typeName(v)}`);
      return t;
    }
    case 'Tensors': {
      if (!(v instanceof PyTuple || v instanceof PyList)) throw bindTypeError(`${what} must be tuple of Tensors, not ${typeName(v)}`);
      return v.items.map((x, i) => convert({ ...p, name: `${p.name}[${i}]`, kind: 'Tensor' }, x, fn));
    }
    case 'num':
      return isNone(v) ? undefined : toNumber(v, what);
    case 'int':
      return isNone(v) ? undefined : toInt(v, what);
    case 'bool':
      return isNone(v) ? undefined : typeof v === 'boolean' ? v : Boolean(toNumber(v, what));
    case 'ints':
      return isNone(v) ? undefined : toInts(v, what);
    case 'sizes':
      return toSizes(v, what);
    case 'dtype':
      return isNone(v) ? undefined : toDtype(v);
    case 'device':
      return isNone(v) ? undefined : toDevice(v);
    case 'str':
      if (isNone(v)) return undefined;
      if (typeof v !== 'string') throw bindTypeError(`${what} must be str, not ${typeName(v)}`);
      return v;
    case 'Module': {
      const m = moduleOf(v);
      if (!m) throw bindTypeError(`${what} must be Module, not ${typeName(v)}`);
      return m;
    }
    case 'fn':
      return isNone(v) ? undefined : toJsFunction(v);
    case 'nested':
      return toNested(v).data;
    case 'py':
      return v;
    case 'skip':
      return undefined;
    case 'any':
      return isNone(v) ? undefined : toJs(v);
    case 'opt':
      return toJs(v);
  }
}

// ---------------------------------------------------------------- engine -> Python

const jsFunctions = new WeakMap<PyObject, (...a: unknown[]) => unknown>();

/** A JS function kept by the engine (an activation, a hook) as a Python callable; unwraps to itself. */
function jsFunctionToPy(f: (...a: unknown[]) => unknown): PyValue {
  const b = nativeRaw(f.name || 'function', (args) => toPy(f(...args.map(toJs))));
  jsFunctions.set(b, f);
  return b;
}

/** The JS function a Python value wraps, if it came from the engine. */
export const jsFunctionOf = (v: PyValue): ((...a: unknown[]) => unknown) | undefined => (v instanceof PyObject ? jsFunctions.get(v) : undefined);

/** Python classes for engine objects defined outside this file (PackedSequence), consulted by toPy. */
export const pyWrappers: ((v: object) => PyValue | undefined)[] = [];

export function toPy(v: unknown): PyValue {
  if (v === undefined || v === null) return None;
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? v : new PyFloat(v);
    case 'boolean':
    case 'string':
    case 'bigint':
      return v;
    case 'function':
      return jsFunctionToPy(v as (...a: unknown[]) => unknown);
  }
  if (v instanceof PyObject) return v;
  if (v instanceof Tensor) return wrapTensor(v);
  if (v instanceof nn.Module) return wrapModule(v);
  if (Array.isArray(v)) {
    const named = v as unknown as { values?: unknown; indices?: unknown };
    if (named.values instanceof Tensor && named.indices instanceof Tensor) return returnTuple('values_indices', [toPy(v[0]), toPy(v[1])]);
    return tuple(v.map(toPy));
  }
  if (isHandle(v)) return newInstance(HandleType, v);
  for (const w of pyWrappers) {
    const py = w(v as object);
    if (py !== undefined) return py;
  }
  if (v instanceof Map) {
    const d = new PyDict();
    for (const [k, x] of v) d.setStr(String(k), toPy(x));
    return d;
  }
  if (typeof (v as Iterable<unknown>)[Symbol.iterator] === 'function') {
    const it = (v as Iterable<unknown>)[Symbol.iterator]();
    return new PyIterator(() => {
      const r = it.next();
      return r.done ? undefined : toPy(r.value);
    });
  }
  return None;
}

/** Nested JS arrays of numbers (tolist) as Python lists, numbers typed by the tensor's dtype. */
function nestedToPy(v: unknown, float: boolean): PyValue {
  if (Array.isArray(v)) return new PyList(v.map((x) => nestedToPy(x, float)));
  if (typeof v === 'boolean') return v;
  return float ? new PyFloat(v as number) : (v as number);
}

export function itemToPy(t: Tensor, v: unknown): PyValue {
  return nestedToPy(v, t.is_floating_point());
}

function convertResult(kind: RetKind, r: unknown, self: PyValue | undefined): PyValue {
  switch (kind) {
    case 'auto':
      return toPy(r);
    case 'int':
      return r as number;
    case 'float':
      return new PyFloat(r as number);
    case 'bool':
      return Boolean(r);
    case 'str':
      return String(r);
    case 'Size':
      return typeof r === 'number' ? r : pySize(r as number[]);
    case 'item':
    case 'list':
      return itemToPy(tensorOf(self!)!, r);
    case 'list-of':
      return new PyList((r as unknown[]).map(toPy));
    case 'none':
      return None;
    case 'self':
      return self!;
    default:
      return renameReturn(toPy(r), kind.slice(3));
  }
}

// ---------------------------------------------------------------- building natives

export interface BindOptions {
  /** How converted arguments reach the engine: names in order, `{a b}` for an options object. Default: all, in order. */
  call?: string;
  ret?: RetKind;
}

type Step = { name: string; slot: number } | { group: { name: string; slot: number }[] };

function plan(params: Param[], call: string | undefined): Step[] {
  const bySlot = (n: string) => {
    const p = params.find((x) => x.name === n);
    if (!p) throw new Error(`nnlens: call template names unknown parameter ${n}`);
    return { name: n, slot: p.slot };
  };
  if (call === undefined) return params.filter((p) => p.kind !== 'skip').map((p) => ({ name: p.name, slot: p.slot }));
  const steps: Step[] = [];
  const re = /\{([^}]*)\}|(\S+)/g;
  for (let m = re.exec(call); m; m = re.exec(call)) {
    if (m[1] !== undefined) steps.push({ group: m[1].trim().split(/\s+/).filter(Boolean).map(bySlot) });
    else steps.push(bySlot(m[2]));
  }
  return steps;
}

/**
 * A native whose arguments are converted by their annotated kinds and passed to `target` as the call
 * template orders them; the result is converted by `ret`.
 */
export function bind(sig: string, target: (args: unknown[]) => unknown, opts: BindOptions = {}): PyBuiltin {
  // Parsed on first call: the torch bindings define ~1,000 functions and a run calls a few dozen, so
  // parsing them all when `import torch` first runs was a tenth of the CLI's start-up.
  let params: Param[] | null = null;
  let steps: Step[] = [];
  const ret = opts.ret ?? 'auto';
  const fname = sig.slice(0, sig.indexOf('(')).trim();
  const fn: NativeFn = (slots) => {
    if (params === null) {
      params = parseParams(sig);
      steps = plan(params, opts.call);
    }
    const conv = params.map((p) => convert(p, slots[p.slot], fname));
    const args: unknown[] = [];
    for (const s of steps) {
      if ('group' in s) {
        const o: Record<string, unknown> = {};
        for (const g of s.group) if (conv[g.slot] !== undefined) o[g.name] = conv[g.slot];
        args.push(o);
      } else args.push(conv[s.slot]);
    }
    while (args.length && args[args.length - 1] === undefined) args.pop();
    return convertResult(ret, target(args), slots[0]);
  };
  return native(sig, fn);
}

/** A method table row: [annotated signature, engine method name or target, options]. */
export type Row = [sig: string, target?: string | ((args: unknown[]) => unknown), opts?: BindOptions];

/** Binds rows whose target is the engine method of the first argument (`self.name(...rest)`). */
export function methodTarget(name: string): (args: unknown[]) => unknown {
  return (args) => {
    const self = args[0] as Record<string, (...a: unknown[]) => unknown>;
    const f = self[name];
    if (typeof f !== 'function') throw new TorchError('NotImplementedError', `nnlens does not implement Tensor.${name} yet`);
    return f.apply(self, args.slice(1));
  };
}
