// Hashing as Python does it: ints hash to themselves (mod 2**61 - 1), tuples combine their items,
// objects use __hash__ (or their identity); and the hooks that let PyDict key by Python equality.
import { call, special } from './call';
import { typeError } from './exceptions';
import { floatRepr } from './numbers';
import { hooks, PyObject, type HashKind, type PyType, type PyValue } from './object';
import { richEq } from './ops';
import { typeName } from './protocol';
import { None, PyFloat, PyTuple, floatType, frozensetType, intType, strType, tupleType } from './types';

function strHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

const ids = new WeakMap<object, number>();
let nextId = 0x7f0000001000;

/** id(obj): a stable number per object for its lifetime. */
export function objectId(v: PyValue): number {
  if (!(v instanceof PyObject)) return typeof v === 'string' ? Math.abs(strHash(v)) : Number(v) * 32 + 0x7f0000000000;
  let id = ids.get(v);
  if (id === undefined) {
    id = nextId;
    nextId += 48;
    ids.set(v, id);
  }
  return id;
}

const MOD = (1n << 61n) - 1n;

export function hashValue(v: PyValue): number {
  switch (typeof v) {
    case 'number':
      return v === -1 ? -2 : v;
    case 'boolean':
      return Number(v);
    case 'bigint': {
      const m = Number((v < 0n ? -v : v) % MOD) * (v < 0n ? -1 : 1);
      return m === -1 ? -2 : m;
    }
    case 'string':
      return strHash(v);
  }
  const t = v.cls;
  if (v instanceof PyFloat && t === floatType) {
    const x = v.value;
    if (Number.isInteger(x) && Number.isSafeInteger(x)) return hashValue(x);
    return strHash(floatRepr(x));
  }
  if (v instanceof PyTuple && t === tupleType) {
    let h = 0x345678;
    for (const x of v.items) h = Math.imul(h ^ hashValue(x), 1000003) | 0;
    return h === -1 ? -2 : h;
  }
  const hf = t.lookup('__hash__');
  if (hf === undefined || hf === None) throw unhashable(v);
  if (hf === special.objectHash) return objectId(v) >> 4;
  const r = call(hf, [v]);
  if (typeof r === 'number') return r;
  if (typeof r === 'bigint' || typeof r === 'boolean') return hashValue(r);
  throw typeError('__hash__ method should return an integer');
}

function unhashable(v: PyValue): Error {
  return typeError(`unhashable type: '${typeName(v)}'`);
}

function hashKindOf(t: PyType): HashKind {
  const cached = t.facts.hashKind as HashKind | undefined;
  if (cached) return cached;
  let kind: HashKind;
  const hf = t.lookup('__hash__');
  const eqf = t.lookup('__eq__');
  if (hf === undefined || hf === None) kind = 'unhashable';
  else if (t.layout === floatType || (t.layout === intType || t.layout === strType)) {
    kind = hf === t.layout!.dict.getStr('__hash__') && eqf === t.layout!.dict.getStr('__eq__') ? 'value' : 'custom';
  } else if (t.layout === tupleType || t.layout === frozensetType) kind = 'custom';
  else if (hf === special.objectHash && (eqf === special.objectEq || eqf === undefined)) kind = 'identity';
  else kind = 'custom';
  t.facts.hashKind = kind;
  return kind;
}

/** A string key that is equal exactly when two tuples of simple values are equal (1 == 1.0 == True). */
function tupleKey(v: PyObject): string | null {
  if (!(v instanceof PyTuple) || v.cls !== tupleType) return null;
  let out = '(';
  for (const x of v.items) {
    switch (typeof x) {
      case 'number':
        out += `n${x},`;
        continue;
      case 'boolean':
        out += `n${Number(x)},`;
        continue;
      case 'bigint':
        out += `n${x},`;
        continue;
      case 'string':
        out += `s${JSON.stringify(x)},`;
        continue;
    }
    if (x instanceof PyFloat && x.cls === floatType) {
      out += Number.isInteger(x.value) && !Number.isSafeInteger(x.value) ? `n${BigInt(x.value)},` : `n${x.value},`;
      continue;
    }
    if (x instanceof PyTuple) {
      const inner = tupleKey(x);
      if (inner === null) return null;
      out += inner + ',';
      continue;
    }
    if (hashKindOf(x.cls) === 'identity') {
      out += `o${objectId(x)},`;
      continue;
    }
    return null;
  }
  return out + ')';
}

hooks.hash = hashValue;
hooks.eq = (a, b) => richEq(a, b);
hooks.hashKind = hashKindOf;
hooks.tupleKey = tupleKey;
hooks.unhashable = unhashable;
