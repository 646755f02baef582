// torch.return_types: the named tuples ops such as max(dim), sort and topk return, with `values` and
// `indices` fields and PyTorch's multi-line repr.
import { defineMethod, defineProperty } from '../runtime/native';
import type { PyValue } from '../runtime/object';
import { repr } from '../runtime/protocol';
import { PyTuple, builtinType, tupleType, type PyType } from '../runtime/types';

const types = new Map<string, PyType>();

function returnType(name: string): PyType {
  let t = types.get(name);
  if (t) return t;
  t = builtinType(name, tupleType, false, 'torch.return_types');
  defineMethod(t, '__repr__(self)', ([self]) => {
    const [v, i] = (self as PyTuple).items;
    return `torch.return_types.${name}(\nvalues=${repr(v)},\nindices=${repr(i)})`;
  });
  defineProperty(t, 'values', { get: (self) => (self as PyTuple).items[0] });
  defineProperty(t, 'indices', { get: (self) => (self as PyTuple).items[1] });
  types.set(name, t);
  return t;
}

/** A (values, indices) named tuple of op `name` (max, min, sort, topk, ...). */
export function returnTuple(name: string, items: PyValue[]): PyTuple {
  return new PyTuple(items, returnType(name));
}

/** Renames a (values, indices) result to the op that produced it. */
export function renameReturn(v: PyValue, name: string): PyValue {
  return v instanceof PyTuple && v.cls.module === 'torch.return_types' ? returnTuple(name, v.items) : v;
}
