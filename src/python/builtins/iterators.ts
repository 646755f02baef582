// The builtin iterator classes: enumerate, zip, map, filter and reversed. Each is a class (so
// isinstance and subclassing work) whose instances are JS-driven PyIterators.
import { call } from '../runtime/call';
import { ValueError, pyError, typeError } from '../runtime/exceptions';
import { defineRawMethod, defineStaticMethod } from '../runtime/native';
import { indexValue, iter, len, getItem, truthy, typeName, type PyIter } from '../runtime/protocol';
import { None, PyIterator, PyObject, PyTuple, builtinType, iteratorType, tuple, type PyType, type PyValue } from '../runtime/types';

export const enumerateType = builtinType('enumerate', iteratorType, false);
export const zipType = builtinType('zip', iteratorType, false);
export const mapType = builtinType('map', iteratorType, false);
export const filterType = builtinType('filter', iteratorType, false);
export const reversedType = builtinType('reversed', iteratorType, false);

defineStaticMethod(enumerateType, '__new__(cls, iterable, start=0)', ([cls, it, start]) => {
  const src = iter(it);
  let i: number = indexValue(start);
  return new PyIterator(() => {
    const v = src.next();
    return v === undefined ? undefined : tuple([i++, v]);
  }, cls as PyType);
});

defineRawMethod(zipType, '__new__', (args, kwargs) => {
  const cls = args[0] as PyType;
  const strict = kwargs?.get('strict');
  if (kwargs && [...kwargs.keys()].some((k) => k !== 'strict')) throw typeError('zip() got an unexpected keyword argument');
  const its: PyIter[] = args.slice(1).map((a, i) => {
    try {
      return iter(a);
    } catch {
      throw typeError(`zip argument #${i + 1} must support iteration`);
    }
  });
  let done = false;
  return new PyIterator(() => {
    if (done || its.length === 0) return undefined;
    const out: PyValue[] = [];
    for (let i = 0; i < its.length; i++) {
      const v = its[i].next();
      if (v === undefined) {
        done = true;
        if (strict === true && (i > 0 || its.slice(1).some((o) => o.next() !== undefined))) {
          throw pyError(ValueError, i > 0 ? `zip() argument ${i + 1} is shorter than argument${i > 1 ? `s 1-${i}` : ' 1'}` : 'zip() argument 2 is longer than argument 1');
        }
        return undefined;
      }
      out.push(v);
    }
    return tuple(out);
  }, cls);
});

defineRawMethod(mapType, '__new__', (args) => {
  const [cls, fn, ...rest] = args;
  if (rest.length === 0) throw typeError('map() must have at least two arguments.');
  const its = rest.map((a) => iter(a));
  return new PyIterator(() => {
    const vals: PyValue[] = [];
    for (const it of its) {
      const v = it.next();
      if (v === undefined) return undefined;
      vals.push(v);
    }
    return call(fn, vals);
  }, cls as PyType);
});

defineStaticMethod(filterType, '__new__(cls, function, iterable, /)', ([cls, fn, it]) => {
  const src = iter(it);
  return new PyIterator(() => {
    for (let v = src.next(); v !== undefined; v = src.next()) if (truthy(fn === None ? v : call(fn, [v]))) return v;
    return undefined;
  }, cls as PyType);
});

defineStaticMethod(reversedType, '__new__(cls, sequence, /)', ([cls, seq]) => {
  if (seq instanceof PyObject) {
    const r = seq.cls.lookup('__reversed__');
    if (r !== undefined) return call(r, [seq]);
  }
  if (typeof seq === 'string' || seq instanceof PyTuple || (seq instanceof PyObject && seq.cls.lookup('__getitem__') !== undefined && seq.cls.lookup('__len__') !== undefined)) {
    let i = len(seq);
    return new PyIterator(() => (i > 0 ? getItem(seq, --i) : undefined), cls as PyType);
  }
  throw typeError(`'${typeName(seq)}' object is not reversible`);
});
