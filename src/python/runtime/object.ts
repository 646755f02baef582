// The object model's core: PyObject, PyType (with C3 MRO and a cached attribute lookup), PyDict
// (an insertion-ordered hash table with Python key equality) and the bootstrap of `type`/`object`/`dict`.
// Python ints, bools and strs are JS numbers/bigints, booleans and strings; everything else is a PyObject.

export type PyValue = number | bigint | boolean | string | PyObject;

// Fields of the hot classes are `declare`d and set in the constructor: a plain class field would be
// defined twice per object under ES2022 semantics, which shows up in allocation-heavy code.
export class PyObject {
  declare cls: PyType;
  /** The instance `__dict__`, or null for objects without one (most builtin values). */
  declare dict: PyDict | null;
  constructor(cls: PyType, dict: PyDict | null = null) {
    this.cls = cls;
    this.dict = dict;
  }
}

/** An instance of a Python class or of a native (host) class; `payload` is the host's JS object. */
export class PyInstance extends PyObject {
  declare payload: unknown;
  constructor(cls: PyType) {
    super(cls, new PyDict());
    this.payload = undefined;
  }
}

/** How instances of a type hash as dict keys; decided once per type (and type version). */
export type HashKind = 'identity' | 'value' | 'custom' | 'unhashable';

/** Hooks the protocol layer installs, so the hash table can hash and compare user objects. */
export const hooks = {
  hash: (_v: PyValue): number => 0,
  eq: (_a: PyValue, _b: PyValue): boolean => false,
  hashKind: (_t: PyType): HashKind => 'identity',
  /** A collision-free string for tuples of simple keys, or null when a key needs hashing. */
  tupleKey: (_v: PyObject): string | null => null,
  unhashable: (_v: PyValue): Error => new Error('unhashable'),
};

export interface Entry {
  key: PyValue;
  value: PyValue;
}

const COMPLEX = Symbol('complex');

/**
 * Python's dict. Strings, ints, bools and identity-hashed objects are keys of one JS Map (so lookups
 * of attribute names cost one Map.get); tuples and objects with their own __hash__/__eq__ go through
 * `buckets` and are keyed in `map` by their Entry, which keeps one insertion order for all keys.
 */
export class PyDict extends PyObject {
  declare map: Map<unknown, Entry>;
  declare buckets: Map<unknown, Entry[]> | null;

  constructor(cls?: PyType) {
    super(cls ?? dictTypeRef);
    this.map = new Map();
    this.buckets = null;
  }

  get size(): number {
    return this.map.size;
  }

  /** The fast path for attribute dicts and kwargs: a str key. */
  getStr(key: string): PyValue | undefined {
    const e = this.map.get(key);
    return e === undefined ? undefined : e.value;
  }

  setStr(key: string, value: PyValue): void {
    const e = this.map.get(key);
    if (e !== undefined) e.value = value;
    else this.map.set(key, { key, value });
  }

  deleteStr(key: string): boolean {
    return this.map.delete(key);
  }

  private simple(key: PyValue): unknown {
    switch (typeof key) {
      case 'string':
      case 'number':
      case 'bigint':
        return key;
      case 'boolean':
        return key ? 1 : 0;
      default: {
        const kind = hooks.hashKind(key.cls);
        if (kind === 'identity') return key;
        if (kind === 'value') return (key as PyObject & { value: unknown }).value;
        if (kind === 'unhashable') throw hooks.unhashable(key);
        return COMPLEX;
      }
    }
  }

  private findComplex(key: PyValue): { bucketKey: unknown; entry: Entry | undefined } {
    const tk = hooks.tupleKey(key as PyObject);
    if (tk !== null) {
      const bucket = this.buckets?.get(tk);
      return { bucketKey: tk, entry: bucket?.[0] };
    }
    const h = hooks.hash(key);
    const bucket = this.buckets?.get(h);
    if (bucket) for (const e of bucket) if (e.key === key || hooks.eq(e.key, key)) return { bucketKey: h, entry: e };
    return { bucketKey: h, entry: undefined };
  }

  getEntry(key: PyValue): Entry | undefined {
    const k = this.simple(key);
    if (k !== COMPLEX) return this.map.get(k);
    if (!this.buckets) {
      hooks.hash(key); // an unhashable key raises even when the dict has no complex keys
      return undefined;
    }
    return this.findComplex(key).entry;
  }

  get(key: PyValue): PyValue | undefined {
    const e = this.getEntry(key);
    return e === undefined ? undefined : e.value;
  }

  has(key: PyValue): boolean {
    return this.getEntry(key) !== undefined;
  }

  set(key: PyValue, value: PyValue): void {
    const k = this.simple(key);
    if (k !== COMPLEX) {
      const e = this.map.get(k);
      if (e !== undefined) e.value = value;
      else this.map.set(k, { key, value });
      return;
    }
    const { bucketKey, entry } = this.findComplex(key);
    if (entry) {
      entry.value = value;
      return;
    }
    const e: Entry = { key, value };
    this.buckets ??= new Map();
    const bucket = this.buckets.get(bucketKey);
    if (bucket) bucket.push(e);
    else this.buckets.set(bucketKey, [e]);
    this.map.set(e, e);
  }

  /** Removes `key`; returns the removed entry. */
  delete(key: PyValue): Entry | undefined {
    const k = this.simple(key);
    if (k !== COMPLEX) {
      const e = this.map.get(k);
      if (e !== undefined) this.map.delete(k);
      return e;
    }
    if (!this.buckets) return undefined;
    const { bucketKey, entry } = this.findComplex(key);
    if (!entry) return undefined;
    const bucket = this.buckets.get(bucketKey)!;
    bucket.splice(bucket.indexOf(entry), 1);
    if (bucket.length === 0) this.buckets.delete(bucketKey);
    this.map.delete(entry);
    return entry;
  }

  clear(): void {
    this.map.clear();
    this.buckets = null;
  }

  entries(): IterableIterator<Entry> {
    return this.map.values();
  }

  keys(): PyValue[] {
    const out: PyValue[] = [];
    for (const e of this.map.values()) out.push(e.key);
    return out;
  }
}

let dictTypeRef: PyType = undefined as unknown as PyType;

/** Bumped whenever any type's namespace or bases change; attribute caches compare against it. */
export let typeVersion = 0;
export function bumpTypeVersion(): void {
  typeVersion++;
}

export class PyType extends PyObject {
  declare dict: PyDict;
  name: string;
  qualname: string;
  module: string;
  bases: PyType[];
  mro: PyType[] = [];
  /** A type defined by nnlens or a host binding (not by a `class` statement). */
  native: boolean;
  /** Which JS class holds its instances: the nearest builtin base whose layout it shares. */
  layout: PyType | null = null;
  private cache = new Map<string, PyValue | null>();
  private cacheVersion = -1;
  /** Per-type facts the protocol layer caches (hash kind, has __bool__, ...), reset with the cache. */
  facts: Record<string, unknown> = {};

  constructor(name: string, bases: PyType[], native: boolean, module = 'builtins', metatype?: PyType) {
    super(metatype ?? typeTypeRef, new PyDict());
    this.name = name;
    this.qualname = name;
    this.module = module;
    this.bases = bases;
    this.native = native;
    if (bases.length || name === 'object') this.mro = computeMro(this, bases);
  }

  /** The attribute `name` along the MRO (no descriptors applied), or undefined. */
  lookup(name: string): PyValue | undefined {
    if (this.cacheVersion !== typeVersion) {
      this.cache.clear();
      this.facts = {};
      this.cacheVersion = typeVersion;
    }
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit === null ? undefined : hit;
    let found: PyValue | undefined;
    for (const t of this.mro) {
      found = t.dict.getStr(name);
      if (found !== undefined) break;
    }
    this.cache.set(name, found === undefined ? null : found);
    return found;
  }

  /** Where along the MRO `name` is defined, for super() and error messages. */
  lookupFrom(name: string, after: PyType | null): PyValue | undefined {
    let i = 0;
    if (after) {
      i = this.mro.indexOf(after) + 1;
      if (i === 0) return undefined;
    }
    for (; i < this.mro.length; i++) {
      const v = this.mro[i].dict.getStr(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  isSubtypeOf(other: PyType): boolean {
    if (this === other) return true;
    const mro = this.mro;
    for (let i = 1; i < mro.length; i++) if (mro[i] === other) return true;
    return false;
  }

  /** Sets a class attribute and invalidates every attribute cache. */
  setAttr(name: string, value: PyValue): void {
    this.dict.setStr(name, value);
    bumpTypeVersion();
  }
}

let typeTypeRef: PyType = undefined as unknown as PyType;

/** C3 linearization; a failure is reported by the caller as CPython's TypeError. */
export function computeMro(t: PyType, bases: PyType[]): PyType[] {
  const seqs: PyType[][] = bases.map((b) => [...b.mro]);
  seqs.push([...bases]);
  const out: PyType[] = [t];
  for (;;) {
    const nonEmpty = seqs.filter((s) => s.length > 0);
    if (nonEmpty.length === 0) return out;
    let head: PyType | null = null;
    for (const s of nonEmpty) {
      const cand = s[0];
      if (!nonEmpty.some((o) => o.indexOf(cand) > 0)) {
        head = cand;
        break;
      }
    }
    if (!head) throw new MroError(bases);
    out.push(head);
    for (const s of nonEmpty) if (s[0] === head) s.shift();
  }
}

export class MroError extends Error {
  constructor(readonly bases: PyType[]) {
    // CPython's message really has this line break.
    super(`Cannot create a consistent method resolution\norder (MRO) for bases ${bases.map((b) => b.name).join(', ')}`);
  }
}

// ---------------------------------------------------------------- bootstrap: object, type, dict

export const objectType: PyType = Object.create(PyType.prototype) as PyType;
export const typeType: PyType = Object.create(PyType.prototype) as PyType;
export const dictType: PyType = Object.create(PyType.prototype) as PyType;

function bootstrap(t: PyType, name: string, bases: PyType[]): void {
  const made = Reflect.construct(PyType, [name, [], true]) as PyType;
  Object.assign(t, made);
  t.bases = bases;
  t.mro = [t, ...bases.flatMap((b) => b.mro)];
}
bootstrap(objectType, 'object', []);
bootstrap(typeType, 'type', [objectType]);
bootstrap(dictType, 'dict', [objectType]);
typeTypeRef = typeType;
dictTypeRef = dictType;
for (const t of [objectType, typeType, dictType]) {
  t.cls = typeType;
  t.dict.cls = dictType;
}
objectType.layout = objectType;
typeType.layout = typeType;
dictType.layout = dictType;
