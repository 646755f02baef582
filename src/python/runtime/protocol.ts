// The Python object protocols the evaluator and the builtins share: type of a value, truth, len,
// iteration, item access, membership, hashing, repr and str. Builtin values take a fast path;
// everything else dispatches through the type's dunder methods, natives and Python alike.
import {
  IndexError, RuntimeError, StopIteration, TypeError, keyError, pyError, typeError, valueError, PyException,
} from './exceptions';
import { PyDict, PyObject, PyType, typeType, type PyValue } from './object';
import {
  None, PyBoxed, PyDictView, PyFloat, PyIterator, PyList, PyRange, PySet, PyTuple, boolType, dictItemsType,
  dictKeysType, floatType, intType, listType, strType, tupleType,
} from './types';
import { call, callMethod } from './call';
import { richEq } from './ops';

export function typeOf(v: PyValue): PyType {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return intType;
    case 'string':
      return strType;
    case 'boolean':
      return boolType;
    default:
      return v.cls;
  }
}

export function typeName(v: PyValue): string {
  return typeOf(v).name;
}

export function isInstance(v: PyValue, t: PyType): boolean {
  return typeOf(v).isSubtypeOf(t);
}

/** A JS-driven iterator: `next()` returns undefined when exhausted. */
export interface PyIter {
  next(): PyValue | undefined;
}

// ---------------------------------------------------------------- truth and length

export function truthy(v: PyValue): boolean {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
    case 'bigint':
      return v !== 0n;
  }
  if (v === None) return false;
  const t = v.cls;
  if (t === listType || t === tupleType) return (v as PyList).items.length > 0;
  if (t === floatType) return (v as PyFloat).value !== 0;
  if (v instanceof PyDict && t.native) return v.size > 0;
  const b = t.lookup('__bool__');
  if (b !== undefined) {
    const r = call(b, [v]);
    if (typeof r !== 'boolean') throw typeError(`__bool__ should return bool, returned ${typeName(r)}`);
    return r;
  }
  const l = t.lookup('__len__');
  if (l !== undefined) return lenResult(call(l, [v])) !== 0;
  return true;
}

function lenResult(r: PyValue): number {
  const n = typeof r === 'boolean' ? Number(r) : r instanceof PyBoxed ? r.value : r;
  if (typeof n !== 'number') {
    if (typeof n === 'bigint') throw pyError(TypeError, 'cannot fit \'int\' into an index-sized integer');
    throw typeError(`'${typeName(r)}' object cannot be interpreted as an integer`);
  }
  if (n < 0) throw valueError('__len__() should return >= 0');
  return n;
}

export function len(v: PyValue): number {
  if (typeof v === 'string') return v.length;
  if (v instanceof PyObject) {
    const t = v.cls;
    if (t === listType || t === tupleType) return (v as PyList).items.length;
    if (v instanceof PyDict && t.native) return v.size;
    if (v instanceof PySet && t.native) return v.table.size;
    const l = t.lookup('__len__');
    if (l !== undefined) return lenResult(call(l, [v]));
  }
  throw typeError(`object of type '${typeName(v)}' has no len()`);
}

// ---------------------------------------------------------------- iteration

function arrayIter(items: PyValue[]): PyIterator {
  let i = 0;
  return new PyIterator(() => (i < items.length ? items[i++] : undefined));
}

function dictKeyIter(d: PyDict, pick: (e: { key: PyValue; value: PyValue }) => PyValue): PyIterator {
  const it = d.map.values();
  const size = d.size;
  return new PyIterator(() => {
    if (d.size !== size) throw pyError(RuntimeError, 'dictionary changed size during iteration');
    const r = it.next();
    return r.done ? undefined : pick(r.value);
  });
}

/** iter(v) as a JS iterator; the result is also a Python iterator object when it came from one. */
export function iter(v: PyValue): PyIter {
  if (typeof v === 'string') {
    let i = 0;
    return new PyIterator(() => (i < v.length ? v[i++] : undefined));
  }
  if (!(v instanceof PyObject)) throw typeError(`'${typeName(v)}' object is not iterable`);
  const t = v.cls;
  if (t === listType || t === tupleType) return arrayIter((v as PyList).items);
  if (v instanceof PyIterator && t.native) return v;
  if (v instanceof PyDict && t.native) return dictKeyIter(v, (e) => e.key);
  if (v instanceof PySet && t.native) return dictKeyIter(v.table, (e) => e.key);
  if (v instanceof PyRange) {
    const { start, step } = v;
    const n = v.length;
    let i = 0;
    return new PyIterator(() => (i < n ? start + step * i++ : undefined));
  }
  if (v instanceof PyDictView) {
    if (t === dictKeysType) return dictKeyIter(v.d, (e) => e.key);
    if (t === dictItemsType) return dictKeyIter(v.d, (e) => new PyTuple([e.key, e.value]));
    return dictKeyIter(v.d, (e) => e.value);
  }
  const it = t.lookup('__iter__');
  if (it === undefined || it === None) {
    if (t.lookup('__getitem__') !== undefined) return sequenceIter(v);
    throw typeError(`'${t.name}' object is not iterable`);
  }
  const r = call(it, [v]);
  return asIter(r);
}

/** iter(v) as a Python object (what the builtin iter() and __iter__ methods return). */
export function iterObject(v: PyValue): PyObject {
  const it = iter(v);
  return it instanceof PyObject ? it : new PyIterator(() => it.next());
}

/** Wraps an object returned by __iter__: JS-driven iterators directly, others through __next__. */
export function asIter(r: PyValue): PyIter {
  // Iterators made in JS (PyIterator, generators) are driven directly, not through __next__.
  if (r instanceof PyObject && r.cls.native && typeof (r as unknown as PyIter).next === 'function') return r as unknown as PyIter;
  const t = typeOf(r);
  const nx = t.lookup('__next__');
  if (nx === undefined) throw typeError(`iter() returned non-iterator of type '${t.name}'`);
  return { next: () => nextOrUndefined(() => call(nx, [r])) };
}

/** Runs a __next__-style call; StopIteration means exhausted. */
export function nextOrUndefined(f: () => PyValue): PyValue | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof PyException && e.exc.cls.isSubtypeOf(StopIteration)) return undefined;
    throw e;
  }
}

/** The old sequence protocol: __getitem__(0), (1), ... until IndexError. */
function sequenceIter(v: PyValue): PyIter {
  let i = 0;
  return new PyIterator(() => {
    try {
      return getItem(v, i++);
    } catch (e) {
      if (e instanceof PyException && (e.exc.cls.isSubtypeOf(IndexError) || e.exc.cls.isSubtypeOf(StopIteration))) return undefined;
      throw e;
    }
  });
}

/** Every item of an iterable, as a JS array (the array itself for lists and tuples: do not mutate it). */
export function toArray(v: PyValue): PyValue[] {
  if (v instanceof PyObject && (v.cls === listType || v.cls === tupleType)) return (v as PyList).items;
  const out: PyValue[] = [];
  const it = iter(v);
  for (let x = it.next(); x !== undefined; x = it.next()) out.push(x);
  return out;
}

// ---------------------------------------------------------------- items

/** A list/tuple index: negative counts from the end; out of range raises IndexError with `what`. */
export function seqIndex(i: PyValue, length: number, what: string): number {
  let n: number;
  if (typeof i === 'number') n = i;
  else if (typeof i === 'boolean') n = Number(i);
  else n = indexValue(i, `${what} indices must be integers or slices, not ${typeName(i)}`);
  if (n < 0) n += length;
  if (n < 0 || n >= length) throw pyError(IndexError, `${what} index out of range`);
  return n;
}

/** `operator.index(v)`: an int from an int, bool or an object with __index__. */
export function indexValue(v: PyValue, message?: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof PyBoxed && typeof v.value === 'number') return v.value;
  if (v instanceof PyObject) {
    const ix = v.cls.lookup('__index__');
    if (ix !== undefined) {
      const r = call(ix, [v]);
      if (typeof r === 'number') return r;
      if (typeof r === 'boolean') return Number(r);
      throw typeError(`__index__ returned non-int (type ${typeName(r)})`);
    }
  }
  throw typeError(message ?? `'${typeName(v)}' object cannot be interpreted as an integer`);
}

export function getItem(o: PyValue, k: PyValue): PyValue {
  if (o instanceof PyObject) {
    const t = o.cls;
    if ((t === listType || t === tupleType) && typeof k === 'number') {
      const items = (o as PyList).items;
      const i = k < 0 ? k + items.length : k;
      if (i >= 0 && i < items.length) return items[i];
      throw pyError(IndexError, `${t.name} index out of range`);
    }
    if (o instanceof PyDict && t.native) {
      const v = o.get(k);
      if (v === undefined) throw keyError(k);
      return v;
    }
    const g = t.lookup('__getitem__');
    if (g !== undefined) return call(g, [o, k]);
    if (o instanceof PyType) {
      const cg = o.lookup('__class_getitem__');
      if (cg !== undefined) return callMethod(o, '__class_getitem__', [k]);
      if (o === typeType) return o;
      throw typeError(`type '${o.name}' is not subscriptable`);
    }
  } else if (typeof o === 'string') {
    return callMethod(o, '__getitem__', [k]);
  }
  throw typeError(`'${typeName(o)}' object is not subscriptable`);
}

export function setItem(o: PyValue, k: PyValue, v: PyValue): void {
  if (o instanceof PyObject) {
    const t = o.cls;
    if (t === listType && typeof k === 'number') {
      const items = (o as PyList).items;
      const i = k < 0 ? k + items.length : k;
      if (i < 0 || i >= items.length) throw pyError(IndexError, 'list assignment index out of range');
      items[i] = v;
      return;
    }
    if (o instanceof PyDict && t.native) {
      o.set(k, v);
      return;
    }
    const s = t.lookup('__setitem__');
    if (s !== undefined) {
      call(s, [o, k, v]);
      return;
    }
  }
  throw typeError(`'${typeName(o)}' object does not support item assignment`);
}

export function delItem(o: PyValue, k: PyValue): void {
  if (o instanceof PyObject) {
    if (o instanceof PyDict && o.cls.native) {
      if (o.delete(k) === undefined) throw keyError(k);
      return;
    }
    const d = o.cls.lookup('__delitem__');
    if (d !== undefined) {
      call(d, [o, k]);
      return;
    }
  }
  throw typeError(`'${typeName(o)}' object doesn't support item deletion`);
}

export function contains(container: PyValue, item: PyValue): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') {
      if (item instanceof PyBoxed && typeof item.value === 'string') return container.includes(item.value);
      throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    }
    return container.includes(item);
  }
  if (container instanceof PyObject) {
    const t = container.cls;
    if (t === listType || t === tupleType) {
      for (const x of (container as PyList).items) if (x === item || richEq(x, item)) return true;
      return false;
    }
    if (container instanceof PyDict && t.native) return container.has(item);
    if (container instanceof PySet && t.native) return container.table.has(item);
    const c = t.lookup('__contains__');
    if (c !== undefined) return truthy(call(c, [container, item]));
    if (t.lookup('__iter__') !== undefined || t.lookup('__getitem__') !== undefined) {
      const it = iter(container);
      for (let x = it.next(); x !== undefined; x = it.next()) if (x === item || richEq(x, item)) return true;
      return false;
    }
  }
  throw typeError(`argument of type '${typeName(container)}' is not iterable`);
}

export { hashValue, objectId } from './hash';
export { defaultRepr, noAttribute, repr, str, strRepr } from './repr';
