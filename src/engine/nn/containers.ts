// The nn containers: Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict, with Python's
// list/dict behaviour (negative indices, slices, +, +=, insert/pop) and PyTorch's reprs (ModuleList
// folds repeated blocks: `(0-11): 12 x Block(`).
import { Tensor } from '../tensor';
import type { IndexSlice } from '../ops/indexing';
import { indexError, runtimeError, typeError, valueError, keyError } from '../errors';
import { Module, addIndent } from './module';
import { typename } from './module_attrs';
import { Parameter, describeTensor } from './parameter';

/** A Python slice (the same shape as tensor indexing's `pySlice(...)`); missing fields are None. */
export type Slice = IndexSlice;
export const isSlice = (x: unknown): x is Slice =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Tensor)
  && ((x as IndexSlice).kind === 'slice' || 'start' in x || 'stop' in x || 'step' in x);

/** The indices a slice selects in a sequence of `len` items (Python's slice.indices + range). */
export function sliceRange(s: Slice, len: number): number[] {
  const step = s.step ?? 1;
  if (step === 0) throw valueError('slice step cannot be zero');
  const clamp = (v: number | null | undefined, def: number, lo: number, hi: number) => {
    if (v === null || v === undefined) return def;
    if (v < 0) v += len;
    return Math.min(Math.max(v, lo), hi);
  };
  const start = step > 0 ? clamp(s.start, 0, 0, len) : clamp(s.start, len - 1, -1, len - 1);
  const stop = step > 0 ? clamp(s.stop, len, 0, len) : clamp(s.stop, -1, -1, len - 1);
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

function absIndex(idx: number, len: number): number {
  if (!Number.isInteger(idx)) throw typeError(`'${typename(idx)}' object cannot be interpreted as an integer`);
  if (!(-len <= idx && idx < len)) throw indexError(`index ${idx} is out of range`);
  return idx < 0 ? idx + len : idx;
}

/** Renumbers a container's modules 0..n-1 after a deletion, keeping their order. */
function renumber(m: Module): void {
  m._modules = new Map([...m._modules.values()].map((v, i) => [String(i), v]));
}

export type NamedModules = Map<string, Module> | [string, Module][];

export class Sequential extends Module {
  static override pyName = 'Sequential';
  static override pyModule = 'torch.nn.modules.container';

  /** Sequential(m0, m1, ...) or Sequential(OrderedDict) given as a Map or [name, module] pairs. */
  constructor(...args: (Module | NamedModules)[]) {
    super();
    const a0 = args[0];
    if (args.length === 1 && (a0 instanceof Map || (Array.isArray(a0) && a0.every((p) => Array.isArray(p) && p.length === 2)))) {
      for (const [k, m] of a0 instanceof Map ? a0 : a0) this.add_module(k, m);
    } else {
      args.forEach((m, i) => this.add_module(String(i), m as Module));
    }
  }
  get length(): number { return this._modules.size; }
  __len__(): number { return this._modules.size; }
  [Symbol.iterator](): Iterator<Module> { return ([...this._modules.values()] as Module[])[Symbol.iterator](); }
  /** seq[i] (negative allowed) or seq[slice] → a new Sequential keeping the names. */
  get(idx: number): Module { return [...this._modules.values()][absIndex(idx, this.length)] as Module; }
  __getitem__(idx: number | Slice): Module {
    if (isSlice(idx)) {
      const items = [...this._modules];
      return new (this.constructor as typeof Sequential)(sliceRange(idx, items.length).map((i) => items[i] as [string, Module]));
    }
    return this.get(idx);
  }
  __setitem__(idx: number, m: Module): void { this.__setattr__([...this._modules.keys()][absIndex(idx, this.length)], m); }
  __delitem__(idx: number | Slice): void {
    const keys = [...this._modules.keys()];
    const del = isSlice(idx) ? sliceRange(idx, keys.length).map((i) => keys[i]) : [keys[absIndex(idx, keys.length)]];
    for (const k of del) this.__delattr__(k);
    renumber(this);
  }
  append(m: Module): this { this.add_module(String(this.length), m); return this; }
  extend(ms: Iterable<Module>): this { for (const m of ms) this.append(m); return this; }
  insert(index: number, m: Module): this {
    if (!(m instanceof Module)) throw new Error(`module should be of type: <class 'torch.nn.modules.module.Module'>`);
    const n = this._modules.size;
    if (!(-n <= index && index <= n)) throw indexError(`Index out of range: ${index}`);
    if (index < 0) index += n;
    for (let i = n; i > index; i--) this._modules.set(String(i), this._modules.get(String(i - 1))!);
    this._modules.set(String(index), m);
    return this;
  }
  pop(idx: number | Slice): Module { const v = this.__getitem__(idx); this.__delitem__(idx); return v; }
  __add__(other: unknown): Sequential {
    if (!(other instanceof Sequential)) throw valueError(`add operator supports only objects of Sequential class, but <class '${typename(other)}'> is given.`);
    const r = new Sequential();
    for (const l of this) r.append(l);
    for (const l of other) r.append(l);
    return r;
  }
  __iadd__(other: unknown): this {
    if (!(other instanceof Sequential)) throw valueError(`add operator supports only objects of Sequential class, but <class '${typename(other)}'> is given.`);
    const off = this.length;
    [...other].forEach((m, i) => this.add_module(String(i + off), m));
    return this;
  }
  __mul__(n: number): Sequential {
    if (!Number.isInteger(n)) throw typeError(`unsupported operand type(s) for *: <class 'torch.nn.modules.container.Sequential'> and <class '${typename(n)}'>`);
    if (n <= 0) throw valueError(`Non-positive multiplication factor ${n} for <class 'torch.nn.modules.container.Sequential'>`);
    const r = new Sequential();
    let off = 0;
    for (let k = 0; k < n; k++) for (const m of this) r.add_module(String(off++), m);
    return r;
  }
  override forward(input: unknown): unknown {
    for (const m of this) input = m.call(input);
    return input;
  }
  override __dir__(): string[] { return super.__dir__().filter((k) => !/^\d+$/.test(k)); }
}

export class ModuleList extends Module {
  static override pyName = 'ModuleList';
  static override pyModule = 'torch.nn.modules.container';

  constructor(modules: Iterable<Module> | null = null) {
    super();
    if (modules !== null) this.extend(modules);
  }
  get length(): number { return this._modules.size; }
  __len__(): number { return this._modules.size; }
  [Symbol.iterator](): Iterator<Module> { return ([...this._modules.values()] as Module[])[Symbol.iterator](); }
  get(idx: number): Module { return this._modules.get(String(absIndex(idx, this.length))) as Module; }
  __getitem__(idx: number | Slice): Module {
    if (isSlice(idx)) {
      const vals = [...this] as Module[];
      return new (this.constructor as typeof ModuleList)(sliceRange(idx, vals.length).map((i) => vals[i]));
    }
    return this.get(idx);
  }
  __setitem__(idx: number, m: Module): void { this.__setattr__(String(absIndex(idx, this.length)), m); }
  __delitem__(idx: number | Slice): void {
    const del = isSlice(idx) ? sliceRange(idx, this.length) : [absIndex(idx, this.length)];
    for (const k of del) this.__delattr__(String(k));
    renumber(this);
  }
  append(m: Module): this { this.add_module(String(this.length), m); return this; }
  extend(ms: Iterable<Module>): this {
    if (ms === null || typeof (ms as any)[Symbol.iterator] !== 'function') throw typeError(`ModuleList.extend should be called with an iterable, but got ${typename(ms)}`);
    const off = this.length;
    [...ms].forEach((m, i) => this.add_module(String(off + i), m));
    return this;
  }
  /** Inserts before `index` (PyTorch does no bounds check here; indices past the end append). */
  insert(index: number, m: Module): void {
    for (let i = this._modules.size; i > index; i--) this._modules.set(String(i), this._modules.get(String(i - 1))!);
    this._modules.set(String(index), m);
  }
  pop(idx: number | Slice): Module { const v = this.__getitem__(idx); this.__delitem__(idx); return v; }
  __iadd__(ms: Iterable<Module>): this { return this.extend(ms); }
  __add__(other: Iterable<Module>): ModuleList {
    const r = new ModuleList();
    [...this, ...other].forEach((m, i) => r.add_module(String(i), m));
    return r;
  }
  /** PyTorch's ModuleList repr: runs of identical child reprs fold into `(a-b): n x Child(...)`. */
  override __repr__(): string {
    const reprs = [...this._modules.values()].map((m) => (m ? m.__repr__() : 'None'));
    if (!reprs.length) return this._get_name() + '()';
    const runs: [number, number, string][] = [[0, 0, reprs[0]]];
    for (let i = 1; i < reprs.length; i++) {
      const last = runs[runs.length - 1];
      if (reprs[i] === last[2]) last[1]++;
      else runs.push([i, i, reprs[i]]);
    }
    const lines = runs.map(([s, e, b]) => addIndent(s === e ? `(${s}): ${b}` : `(${s}-${e}): ${e - s + 1} x ${b}`, 2));
    return this._get_name() + '(\n  ' + lines.join('\n  ') + '\n)';
  }
  override __dir__(): string[] { return super.__dir__().filter((k) => !/^\d+$/.test(k)); }
}

export class ModuleDict extends Module {
  static override pyName = 'ModuleDict';
  static override pyModule = 'torch.nn.modules.container';

  constructor(modules: NamedModules | Record<string, Module> | null = null) {
    super();
    if (modules !== null) this.update(modules);
  }
  get(key: string): Module {
    if (!this._modules.has(key)) throw keyError(`'${key}'`);
    return this._modules.get(key) as Module;
  }
  __getitem__(key: string): Module { return this.get(key); }
  set(key: string, m: Module): void { this.add_module(key, m); }
  __setitem__(key: string, m: Module): void { this.add_module(key, m); }
  __delitem__(key: string): void {
    if (!this._modules.delete(key)) throw keyError(`'${key}'`);
  }
  __len__(): number { return this._modules.size; }
  get size(): number { return this._modules.size; }
  has(key: string): boolean { return this._modules.has(key); }
  __contains__(key: string): boolean { return this._modules.has(key); }
  [Symbol.iterator](): Iterator<string> { return [...this._modules.keys()][Symbol.iterator](); }
  keys(): string[] { return [...this._modules.keys()]; }
  values(): Module[] { return [...this._modules.values()] as Module[]; }
  items(): [string, Module][] { return [...this._modules] as [string, Module][]; }
  clear(): void { this._modules.clear(); }
  pop(key: string): Module { const v = this.get(key); this.__delitem__(key); return v; }
  /** Adds pairs in their order (a Map, a ModuleDict, an object, or [name, module] pairs). */
  update(modules: NamedModules | Record<string, Module> | ModuleDict): void {
    const pairs: [string, Module][] = modules instanceof ModuleDict ? modules.items()
      : modules instanceof Map ? [...modules] : Array.isArray(modules) ? modules : Object.entries(modules);
    pairs.forEach((p, j) => {
      if (!Array.isArray(p)) throw typeError(`ModuleDict update sequence element #${j} should be Iterable; is${typename(p)}`);
      if (p.length !== 2) throw valueError(`ModuleDict update sequence element #${j} has length ${p.length}; 2 is required`);
      this.__setitem__(p[0], p[1]);
    });
  }
}

/** Both parameter containers print one line per entry, PyTorch's `(k): Parameter containing: [...]`. */
function paramLines(entries: [string, unknown][], dtypeText: (t: Tensor) => string): string {
  return entries.map(([k, p]) => `  (${k}): ${p instanceof Tensor ? describeTensor(p, dtypeText(p)) : `Object of type: ${typename(p)}`}`).join('\n');
}

export class ParameterList extends Module {
  static override pyName = 'ParameterList';
  static override pyModule = 'torch.nn.modules.container';
  _size = 0;

  constructor(values: Iterable<unknown> | null = null) {
    super();
    if (values !== null) this.extend(values);
  }
  get length(): number { return this._size; }
  __len__(): number { return this._size; }
  get(idx: number): unknown { return this._getattr(String(absIndex(idx, this._size))); }
  __getitem__(idx: number | Slice): unknown {
    if (isSlice(idx)) {
      const out = new (this.constructor as typeof ParameterList)();
      for (const i of sliceRange(idx, this._size)) out.append(this.get(i));
      return out;
    }
    return this.get(idx);
  }
  __setitem__(idx: number, v: unknown): void {
    const k = String(absIndex(idx, this._size));
    this.__setattr__(k, v instanceof Tensor && !(v instanceof Parameter) ? new Parameter(v) : v);
  }
  [Symbol.iterator](): Iterator<unknown> { return Array.from({ length: this._size }, (_, i) => this.get(i))[Symbol.iterator](); }
  append(v: unknown): this { const i = this._size; this._size++; this.__setitem__(i, v); return this; }
  extend(values: Iterable<unknown>): this {
    if (values instanceof Tensor || values === null || typeof (values as any)[Symbol.iterator] !== 'function') {
      throw typeError(`ParameterList.extend should be called with an iterable, but got ${typename(values)}`);
    }
    for (const v of values) this.append(v);
    return this;
  }
  __iadd__(values: Iterable<unknown>): this { return this.extend(values); }
  override extra_repr(): string { return paramLines([...this].map((p, i) => [String(i), p]), (t) => `torch.${t.dtype}`); }
  override call(): never { throw runtimeError('ParameterList should not be called.'); }
  override __dir__(): string[] { return super.__dir__().filter((k) => !/^\d+$/.test(k)); }
}

export class ParameterDict extends Module {
  static override pyName = 'ParameterDict';
  static override pyModule = 'torch.nn.modules.container';
  _keys = new Map<string, null>();

  constructor(parameters: Map<string, unknown> | [string, unknown][] | Record<string, unknown> | null = null) {
    super();
    if (parameters !== null) this.update(parameters);
  }
  private keyToAttr(key: unknown): string {
    if (typeof key !== 'string') throw typeError(`Index given to ParameterDict cannot be used as a key as it is not a string (type is '${typename(key)}'). Open an issue on github if you need non-string keys.`);
    return key;
  }
  get(key: string, dflt: unknown = null): unknown { return this._keys.has(key) ? this.__getitem__(key) : dflt; }
  __getitem__(key: string): unknown {
    const attr = this.keyToAttr(key);
    if (!this._keys.has(attr)) throw keyError(`'${key}'`);
    return this._getattr(attr);
  }
  __setitem__(key: string, v: unknown): void {
    this._keys.set(key, null);
    this.__setattr__(this.keyToAttr(key), v instanceof Tensor && !(v instanceof Parameter) ? new Parameter(v) : v);
  }
  set(key: string, v: unknown): void { this.__setitem__(key, v); }
  __delitem__(key: string): void {
    if (!this._keys.delete(key)) throw keyError(`'${key}'`);
    this.__delattr__(this.keyToAttr(key));
  }
  __len__(): number { return this._keys.size; }
  get size(): number { return this._keys.size; }
  has(key: string): boolean { return this._keys.has(key); }
  __contains__(key: string): boolean { return this._keys.has(key); }
  [Symbol.iterator](): Iterator<string> { return [...this._keys.keys()][Symbol.iterator](); }
  keys(): string[] { return [...this._keys.keys()]; }
  values(): unknown[] { return this.keys().map((k) => this.__getitem__(k)); }
  items(): [string, unknown][] { return this.keys().map((k) => [k, this.__getitem__(k)]); }
  pop(key: string): unknown { const v = this.__getitem__(key); this.__delitem__(key); return v; }
  clear(): void { for (const k of this.keys()) this.__delitem__(k); }
  setdefault(key: string, dflt: unknown = null): unknown { if (!this._keys.has(key)) this.__setitem__(key, dflt); return this.__getitem__(key); }
  copy(): ParameterDict { return new ParameterDict(this.items()); }
  /** Ordered sources (Map, ParameterDict, pairs) keep their order; a plain object is sorted by key, as Python's dict is. */
  update(parameters: Map<string, unknown> | [string, unknown][] | Record<string, unknown> | ParameterDict): void {
    const pairs: [string, unknown][] = parameters instanceof ParameterDict ? parameters.items()
      : parameters instanceof Map ? [...parameters]
        : Array.isArray(parameters) ? parameters : Object.entries(parameters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    pairs.forEach((p, j) => {
      if (!Array.isArray(p)) throw typeError(`ParameterDict update sequence element #${j} should be Iterable; is${typename(p)}`);
      if (p.length !== 2) throw valueError(`ParameterDict update sequence element #${j} has length ${p.length}; 2 is required`);
      this.__setitem__(p[0], p[1]);
    });
  }
  override extra_repr(): string { return paramLines(this.items(), (t) => t.type() as string); }
  override call(): never { throw runtimeError('ParameterDict should not be called.'); }
}
