// dict (with its live key/value/item views), set and frozenset: construction, item access with
// __missing__, equality, repr, set algebra and every method model code uses.
import { call, callMethod } from '../runtime/call';
import { KeyError, ValueError, keyError, pyError, typeError } from '../runtime/exceptions';
import { defineClassMethod, defineMethod, defineRawMethod, defineStaticMethod } from '../runtime/native';
import { richEq } from '../runtime/ops';
import { getItem, hashValue, iterObject, repr, toArray } from '../runtime/protocol';
import {
  None, NotImplemented, PyDict, PyDictView, PyIterator, PyMappingProxy, PyObject, PySet, PyTuple, PyType,
  dictItemsType, dictKeysType, dictType, dictValuesType, frozensetType, mappingProxyType, setType, tuple, type PyValue,
} from '../runtime/types';
import { genericAliasHook } from './list';

const D = (v: PyValue): PyDict => v as PyDict;
const reprActive = new Set<PyObject>();

function guarded(self: PyObject, fallback: string, f: () => string): string {
  if (reprActive.has(self)) return fallback;
  reprActive.add(self);
  try {
    return f();
  } finally {
    reprActive.delete(self);
  }
}

export function dictRepr(d: PyDict): string {
  return guarded(d, '{...}', () => `{${[...d.entries()].map((e) => `${repr(e.key)}: ${repr(e.value)}`).join(', ')}}`);
}

/** dict.update(other, **kwargs): a mapping (anything with keys()) or an iterable of pairs. */
export function updateDict(d: PyDict, other: PyValue | undefined, kwargs: Map<string, PyValue> | null): void {
  if (other !== undefined) {
    if (other instanceof PyDict) for (const e of [...other.entries()]) d.set(e.key, e.value);
    else if (other instanceof PyObject && other.cls.lookup('keys') !== undefined) {
      for (const k of toArray(callMethod(other, 'keys', []))) d.set(k, getItem(other, k));
    } else {
      let i = 0;
      for (const pair of toArray(other)) {
        let kv: PyValue[];
        try {
          kv = toArray(pair);
        } catch {
          throw typeError(`cannot convert dictionary update sequence element #${i} to a sequence`);
        }
        if (kv.length !== 2) throw pyError(ValueError, `dictionary update sequence element #${i} has length ${kv.length}; 2 is required`);
        d.set(kv[0], kv[1]);
        i++;
      }
    }
  }
  if (kwargs) for (const [k, v] of kwargs) d.setStr(k, v);
}

// ---------------------------------------------------------------- dict

defineStaticMethod(dictType, '__new__(cls, *args, **kwargs)', ([cls]) => {
  const d = new PyDict(cls as PyType);
  if (cls !== dictType) d.dict = new PyDict();
  return d;
});
defineRawMethod(dictType, '__init__', (args, kwargs) => {
  if (args.length > 2) throw typeError(`dict expected at most 1 argument, got ${args.length - 1}`);
  updateDict(D(args[0]), args[1], kwargs);
});
dictType.dict.setStr('__hash__', None);
defineMethod(dictType, '__len__(self, /)', ([self]) => D(self).size);
defineMethod(dictType, '__getitem__(self, key, /)', ([self, key]) => {
  const v = D(self).get(key);
  if (v !== undefined) return v;
  if (D(self).cls !== dictType) {
    const missing = D(self).cls.lookup('__missing__');
    if (missing !== undefined) return call(missing, [self, key]);
  }
  throw keyError(key);
});
defineMethod(dictType, '__setitem__(self, key, value, /)', ([self, k, v]) => D(self).set(k, v));
defineMethod(dictType, '__delitem__(self, key, /)', ([self, k]) => {
  if (D(self).delete(k) === undefined) throw keyError(k);
});
defineMethod(dictType, '__contains__(self, key, /)', ([self, k]) => D(self).has(k));
defineMethod(dictType, '__iter__(self, /)', ([self]) => iterObject(new PyDictView(D(self), dictKeysType)));
defineMethod(dictType, '__reversed__(self, /)', ([self]) => {
  const keys = D(self).keys();
  let i = keys.length;
  return new PyIterator(() => (i > 0 ? keys[--i] : undefined));
});
defineMethod(dictType, '__repr__(self, /)', ([self]) => dictRepr(D(self)));
defineMethod(dictType, '__eq__(self, other, /)', ([a, b]) => {
  if (!(b instanceof PyDict)) return NotImplemented;
  if (D(a).size !== b.size) return false;
  for (const e of D(a).entries()) {
    const v = b.get(e.key);
    if (v === undefined || !(v === e.value || richEq(e.value, v))) return false;
  }
  return true;
});
defineMethod(dictType, '__or__(self, other, /)', ([a, b]) => {
  if (!(b instanceof PyDict)) return NotImplemented;
  const d = new PyDict();
  updateDict(d, a, null);
  updateDict(d, b, null);
  return d;
});
defineMethod(dictType, '__ior__(self, other, /)', ([a, b]) => {
  updateDict(D(a), b, null);
  return a;
});
defineClassMethod(dictType, '__class_getitem__(cls, item, /)', ([cls, item]) => genericAliasHook.make(cls as PyType, item));
defineMethod(dictType, 'keys(self, /)', ([self]) => new PyDictView(D(self), dictKeysType));
defineMethod(dictType, 'values(self, /)', ([self]) => new PyDictView(D(self), dictValuesType));
defineMethod(dictType, 'items(self, /)', ([self]) => new PyDictView(D(self), dictItemsType));
defineMethod(dictType, 'get(self, key, default=None, /)', ([self, k, d]) => D(self).get(k) ?? d);
defineRawMethod(dictType, 'pop', (args) => {
  if (args.length < 2 || args.length > 3) throw typeError(`pop expected at least 1 argument, got ${args.length - 1}`);
  const e = D(args[0]).delete(args[1]);
  if (e) return e.value;
  if (args.length === 3) return args[2];
  throw keyError(args[1]);
});
defineMethod(dictType, 'popitem(self, /)', ([self]) => {
  const keys = D(self).keys();
  if (keys.length === 0) throw pyError(KeyError, 'popitem(): dictionary is empty');
  const e = D(self).delete(keys[keys.length - 1])!;
  return tuple([e.key, e.value]);
});
defineMethod(dictType, 'setdefault(self, key, default=None, /)', ([self, k, d]) => {
  const v = D(self).get(k);
  if (v !== undefined) return v;
  D(self).set(k, d);
  return d;
});
defineRawMethod(dictType, 'update', (args, kwargs) => {
  if (args.length > 2) throw typeError(`update expected at most 1 argument, got ${args.length - 1}`);
  updateDict(D(args[0]), args[1], kwargs);
});
defineMethod(dictType, 'copy(self, /)', ([self]) => {
  const d = new PyDict();
  for (const e of D(self).entries()) d.set(e.key, e.value);
  return d;
});
defineMethod(dictType, 'clear(self, /)', ([self]) => D(self).clear());
defineClassMethod(dictType, 'fromkeys(cls, iterable, value=None, /)', ([cls, it, v]) => {
  const d = call(cls, []) as PyDict;
  for (const k of toArray(it)) d.set(k, v);
  return d;
});

// ---------------------------------------------------------------- views

const setOps: Record<string, (a: PySet, b: PySet, cls: PyType) => PySet> = {
  or: (a, b, cls) => newSet(cls, [...a.table.keys(), ...b.table.keys()]),
  and: (a, b, cls) => newSet(cls, a.table.keys().filter((k) => b.table.has(k))),
  sub: (a, b, cls) => newSet(cls, a.table.keys().filter((k) => !b.table.has(k))),
  xor: (a, b, cls) => newSet(cls, [...a.table.keys().filter((k) => !b.table.has(k)), ...b.table.keys().filter((k) => !a.table.has(k))]),
};


const V = (v: PyValue): PyDictView => v as PyDictView;
for (const [t, name] of [[dictKeysType, 'dict_keys'], [dictValuesType, 'dict_values'], [dictItemsType, 'dict_items']] as const) {
  defineMethod(t, '__len__(self, /)', ([self]) => V(self).d.size);
  defineMethod(t, '__iter__(self, /)', ([self]) => iterObject(self));
  defineMethod(t, '__repr__(self, /)', ([self]) => guarded(self as PyObject, '...', () => `${name}([${toArray(self).map(repr).join(', ')}])`));
  defineMethod(t, '__reversed__(self, /)', ([self]) => {
    const items = toArray(self);
    let i = items.length;
    return new PyIterator(() => (i > 0 ? items[--i] : undefined));
  });
}
defineMethod(dictKeysType, '__contains__(self, key, /)', ([self, k]) => V(self).d.has(k));
defineMethod(dictValuesType, '__contains__(self, v, /)', ([self, v]) => toArray(self).some((x) => x === v || richEq(x, v)));
defineMethod(dictItemsType, '__contains__(self, item, /)', ([self, item]) => {
  if (!(item instanceof PyTuple) || item.items.length !== 2) return false;
  const v = V(self).d.get(item.items[0]);
  return v !== undefined && (v === item.items[1] || richEq(v, item.items[1]));
});
for (const t of [dictKeysType, dictItemsType]) {
  const setOf = (v: PyValue): PySet => {
    const s = new PySet();
    for (const x of toArray(v)) s.table.set(x, None);
    return s;
  };
  for (const [op, f] of Object.entries(setOps)) {
    defineMethod(t, `__${op}__(self, other, /)`, ([a, b]) => f(setOf(a), setOf(b), setType));
    defineMethod(t, `__r${op}__(self, other, /)`, ([a, b]) => f(setOf(b), setOf(a), setType));
  }
  defineMethod(t, '__eq__(self, other, /)', ([a, b]) => {
    if (!(b instanceof PySet || b instanceof PyDictView)) return NotImplemented;
    const x = setOf(a);
    const y = setOf(b);
    return x.table.size === y.table.size && x.table.keys().every((k) => y.table.has(k));
  });
}

// ---------------------------------------------------------------- set and frozenset

const S = (v: PyValue): PySet => v as PySet;

function newSet(cls: PyType, items: Iterable<PyValue>): PySet {
  const s = new PySet(cls);
  if (cls !== setType && cls !== frozensetType) s.dict = new PyDict();
  for (const x of items) s.table.set(x, None);
  return s;
}

function setRepr(s: PySet): string {
  const base = s.cls.isSubtypeOf(frozensetType) ? 'frozenset' : 'set';
  const name = s.cls === setType || s.cls === frozensetType ? base : s.cls.name;
  if (s.table.size === 0) return `${name}()`;
  const body = guarded(s, '...', () => `{${s.table.keys().map(repr).join(', ')}}`);
  return base === 'set' && s.cls === setType ? body : `${name}(${body})`;
}


function others(args: PyValue[]): PySet[] {
  return args.map((o) => (o instanceof PySet ? o : newSet(setType, toArray(o))));
}

for (const t of [setType, frozensetType]) {
  const base = (v: PyValue): PyType => (S(v).cls.isSubtypeOf(frozensetType) ? frozensetType : setType);
  defineMethod(t, '__len__(self, /)', ([self]) => S(self).table.size);
  defineMethod(t, '__contains__(self, key, /)', ([self, k]) => S(self).table.has(k));
  defineMethod(t, '__iter__(self, /)', ([self]) => iterObject(new PyDictView(S(self).table, dictKeysType)));
  defineMethod(t, '__repr__(self, /)', ([self]) => setRepr(S(self)));
  for (const [op, f] of Object.entries(setOps)) {
    defineMethod(t, `__${op}__(self, other, /)`, ([a, b]) => (b instanceof PySet ? f(S(a), b, base(a)) : NotImplemented));
    defineMethod(t, `__r${op}__(self, other, /)`, ([a, b]) => (b instanceof PySet ? f(b, S(a), base(a)) : NotImplemented));
  }
  const subset = (a: PySet, b: PySet): boolean => a.table.keys().every((k) => b.table.has(k));
  defineMethod(t, '__eq__(self, other, /)', ([a, b]) => (b instanceof PySet ? S(a).table.size === b.table.size && subset(S(a), b) : NotImplemented));
  defineMethod(t, '__le__(self, other, /)', ([a, b]) => (b instanceof PySet ? subset(S(a), b) : NotImplemented));
  defineMethod(t, '__lt__(self, other, /)', ([a, b]) => (b instanceof PySet ? S(a).table.size < b.table.size && subset(S(a), b) : NotImplemented));
  defineMethod(t, '__ge__(self, other, /)', ([a, b]) => (b instanceof PySet ? subset(b, S(a)) : NotImplemented));
  defineMethod(t, '__gt__(self, other, /)', ([a, b]) => (b instanceof PySet ? b.table.size < S(a).table.size && subset(b, S(a)) : NotImplemented));
  defineMethod(t, 'copy(self, /)', ([self]) => newSet(base(self), S(self).table.keys()));
  defineMethod(t, 'union(self, /, *others)', ([self, rest]) =>
    others((rest as PyTuple).items).reduce((acc, o) => setOps.or(acc, o, base(self)), newSet(base(self), S(self).table.keys())));
  defineMethod(t, 'intersection(self, /, *others)', ([self, rest]) =>
    others((rest as PyTuple).items).reduce((acc, o) => setOps.and(acc, o, base(self)), newSet(base(self), S(self).table.keys())));
  defineMethod(t, 'difference(self, /, *others)', ([self, rest]) =>
    others((rest as PyTuple).items).reduce((acc, o) => setOps.sub(acc, o, base(self)), newSet(base(self), S(self).table.keys())));
  defineMethod(t, 'symmetric_difference(self, other, /)', ([self, o]) => setOps.xor(S(self), others([o])[0], base(self)));
  defineMethod(t, 'issubset(self, other, /)', ([self, o]) => subset(S(self), others([o])[0]));
  defineMethod(t, 'issuperset(self, other, /)', ([self, o]) => subset(others([o])[0], S(self)));
  defineMethod(t, 'isdisjoint(self, other, /)', ([self, o]) => !S(self).table.keys().some((k) => others([o])[0].table.has(k)));
  defineClassMethod(t, '__class_getitem__(cls, item, /)', ([cls, item]) => genericAliasHook.make(cls as PyType, item));
}

defineStaticMethod(frozensetType, '__new__(cls, iterable=(), /)', ([cls, it]) => newSet(cls as PyType, toArray(it)));
defineMethod(frozensetType, '__hash__(self, /)', ([self]) => {
  let h = 1927868237;
  for (const k of S(self).table.keys()) h ^= hashValue(k) * 3644798167;
  return h | 0;
});
defineStaticMethod(setType, '__new__(cls, *args, **kwargs)', ([cls]) => newSet(cls as PyType, []));
defineMethod(setType, '__init__(self, iterable=(), /)', ([self, it]) => {
  S(self).table.clear();
  for (const x of toArray(it)) S(self).table.set(x, None);
});
setType.dict.setStr('__hash__', None);
defineMethod(setType, 'add(self, elem, /)', ([self, x]) => S(self).table.set(x, None));
defineMethod(setType, 'discard(self, elem, /)', ([self, x]) => void S(self).table.delete(x));
defineMethod(setType, 'remove(self, elem, /)', ([self, x]) => {
  if (S(self).table.delete(x) === undefined) throw keyError(x);
});
defineMethod(setType, 'pop(self, /)', ([self]) => {
  const keys = S(self).table.keys();
  if (keys.length === 0) throw pyError(KeyError, 'pop from an empty set');
  S(self).table.delete(keys[0]);
  return keys[0];
});
defineMethod(setType, 'clear(self, /)', ([self]) => S(self).table.clear());
defineMethod(setType, 'update(self, /, *others)', ([self, rest]) => {
  for (const o of (rest as PyTuple).items) for (const x of toArray(o)) S(self).table.set(x, None);
});
for (const [name, op] of [['intersection_update', 'and'], ['difference_update', 'sub'], ['symmetric_difference_update', 'xor']] as const) {
  defineMethod(setType, `${name}(self, /, *others)`, ([self, rest]) => {
    let acc = S(self);
    for (const o of others((rest as PyTuple).items)) acc = setOps[op](acc, o, setType);
    const keys = acc.table.keys();
    S(self).table.clear();
    for (const k of keys) S(self).table.set(k, None);
  });
}
for (const [op, f] of Object.entries(setOps)) {
  defineMethod(setType, `__i${op}__(self, other, /)`, ([a, b]) => {
    if (!(b instanceof PySet)) return NotImplemented;
    const r = f(S(a), b, setType);
    S(a).table.clear();
    for (const k of r.table.keys()) S(a).table.set(k, None);
    return a;
  });
}

// ---------------------------------------------------------------- mappingproxy

const M = (v: PyValue): PyDict => (v as PyMappingProxy).d;
defineMethod(mappingProxyType, '__getitem__(self, key, /)', ([self, k]) => {
  const v = M(self).get(k);
  if (v === undefined) throw keyError(k);
  return v;
});
defineMethod(mappingProxyType, '__contains__(self, key, /)', ([self, k]) => M(self).has(k));
defineMethod(mappingProxyType, '__iter__(self, /)', ([self]) => iterObject(new PyDictView(M(self), dictKeysType)));
defineMethod(mappingProxyType, '__len__(self, /)', ([self]) => M(self).size);
defineMethod(mappingProxyType, 'keys(self, /)', ([self]) => new PyDictView(M(self), dictKeysType));
defineMethod(mappingProxyType, 'values(self, /)', ([self]) => new PyDictView(M(self), dictValuesType));
defineMethod(mappingProxyType, 'items(self, /)', ([self]) => new PyDictView(M(self), dictItemsType));
defineMethod(mappingProxyType, 'get(self, key, default=None, /)', ([self, k, d]) => M(self).get(k) ?? d);
defineMethod(mappingProxyType, 'copy(self, /)', ([self]) => {
  const d = new PyDict();
  for (const e of M(self).entries()) d.set(e.key, e.value);
  return d;
});
defineMethod(mappingProxyType, '__repr__(self, /)', ([self]) => `mappingproxy(${dictRepr(M(self))})`);

