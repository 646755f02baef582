// list and tuple: construction, indexing and slice assignment, concatenation and repetition,
// lexicographic comparison, repr, and the list methods (append, extend, sort, ...).
import { call } from '../runtime/call';
import { IndexError, MemoryError, ValueError, pyError, typeError } from '../runtime/exceptions';
import { defineClassMethod, defineMethod, defineStaticMethod } from '../runtime/native';
import { lessThan, richCompare, richEq } from '../runtime/ops';
import { hashValue, indexValue, repr, toArray, truthy, typeName } from '../runtime/protocol';
import {
  None, NotImplemented, PyIterator, PyList, PyObject, PySlice, PyTuple, PyType, listType, tuple, tupleType, type PyValue,
} from '../runtime/types';
import { sliceIndices, sliceItems } from './slices';

const L = (v: PyValue): PyList => v as PyList;
const T = (v: PyValue): PyTuple => v as PyTuple;
const isList = (v: PyValue): v is PyList => v instanceof PyList;
const isTuple = (v: PyValue): v is PyTuple => v instanceof PyTuple;

/** Objects whose repr is being computed, so `l.append(l)` prints `[[...]]` instead of recursing. */
const reprActive = new Set<PyObject>();

export function reprItems(self: PyObject, items: readonly PyValue[], open: string, close: string, one = ''): string {
  if (reprActive.has(self)) return `${open}...${close}`;
  reprActive.add(self);
  try {
    return open + items.map(repr).join(', ') + (items.length === 1 ? one : '') + close;
  } finally {
    reprActive.delete(self);
  }
}

/** Lexicographic comparison of two sequences, as list and tuple compare. */
export function compareSeqs(a: readonly PyValue[], b: readonly PyValue[], op: '<' | '<=' | '>' | '>=' | '==' | '!='): boolean {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && (a[i] === b[i] || richEq(a[i], b[i]))) i++;
  if (i < n) {
    if (op === '==') return false;
    if (op === '!=') return true;
    return truthy(richCompare(op, a[i], b[i]));
  }
  switch (op) {
    case '<':
      return a.length < b.length;
    case '<=':
      return a.length <= b.length;
    case '>':
      return a.length > b.length;
    case '>=':
      return a.length >= b.length;
    case '==':
      return a.length === b.length;
    case '!=':
      return a.length !== b.length;
  }
}

function repeatItems(items: readonly PyValue[], n: PyValue): PyValue[] | undefined {
  if (typeof n !== 'number' && typeof n !== 'boolean') {
    if (!(n instanceof PyObject) || n.cls.lookup('__index__') === undefined) return undefined;
  }
  const k = indexValue(n);
  if (k <= 0 || items.length === 0) return [];
  if (k * items.length > 1 << 27) throw pyError(MemoryError, 'the repeated sequence would be too large');
  const out = new Array<PyValue>(items.length * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < items.length; j++) out[i * items.length + j] = items[j];
  return out;
}

function index(items: readonly PyValue[], key: PyValue, what: string): number {
  let i = typeof key === 'number' ? key : indexValue(key, `${what} indices must be integers or slices, not ${typeName(key)}`);
  if (i < 0) i += items.length;
  if (i < 0 || i >= items.length) throw pyError(IndexError, `${what} index out of range`);
  return i;
}

function findIndex(items: readonly PyValue[], v: PyValue, start: PyValue, stop: PyValue): number {
  const n = items.length;
  const norm = (x: PyValue, d: number): number => {
    if (x === None) return d;
    let i = indexValue(x);
    if (i < 0) i = Math.max(0, i + n);
    return Math.min(i, n);
  };
  for (let i = norm(start, 0), e = norm(stop, n); i < e; i++) if (items[i] === v || richEq(items[i], v)) return i;
  return -1;
}

// ---------------------------------------------------------------- shared by list and tuple

for (const t of [listType, tupleType]) {
  const name = t.name;
  defineMethod(t, '__len__(self, /)', ([self]) => L(self).items.length);
  defineMethod(t, '__getitem__(self, key, /)', ([self, key]) => {
    const items = L(self).items;
    if (key instanceof PySlice) return t === listType ? new PyList(sliceItems(items, key)) : tuple(sliceItems(items, key));
    return items[index(items, key, name)];
  });
  defineMethod(t, '__contains__(self, value, /)', ([self, v]) => L(self).items.some((x) => x === v || richEq(x, v)));
  defineMethod(t, '__iter__(self, /)', ([self]) => {
    const items = L(self).items;
    let i = 0;
    return new PyIterator(() => (i < items.length ? items[i++] : undefined));
  });
  defineMethod(t, '__reversed__(self, /)', ([self]) => {
    const items = L(self).items;
    let i = items.length;
    return new PyIterator(() => (i > 0 ? items[--i] : undefined));
  });
  defineMethod(t, 'index(self, value, start=None, stop=None, /)', ([self, v, a, b]) => {
    const i = findIndex(L(self).items, v, a, b);
    if (i < 0) throw pyError(ValueError, t === listType ? `${repr(v)} is not in list` : 'tuple.index(x): x not in tuple');
    return i;
  });
  defineMethod(t, 'count(self, value, /)', ([self, v]) => L(self).items.filter((x) => x === v || richEq(x, v)).length);
  for (const [op, sym] of [['lt', '<'], ['le', '<='], ['gt', '>'], ['ge', '>='], ['eq', '=='], ['ne', '!=']] as const) {
    defineMethod(t, `__${op}__(self, other, /)`, ([a, b]) => {
      if (!(t === listType ? isList(b) : isTuple(b))) return NotImplemented;
      return compareSeqs(L(a).items, L(b).items, sym);
    });
  }
  defineMethod(t, '__add__(self, other, /)', ([a, b]) => {
    if (!(t === listType ? isList(b) : isTuple(b))) {
      throw typeError(`can only concatenate ${name} (not "${typeName(b)}") to ${name}`);
    }
    const items = [...L(a).items, ...L(b).items];
    return t === listType ? new PyList(items) : tuple(items);
  });
  const mul = ([a, n]: PyValue[]): PyValue => {
    const items = repeatItems(L(a).items, n);
    if (items === undefined) return NotImplemented;
    return t === listType ? new PyList(items) : tuple(items);
  };
  defineMethod(t, '__mul__(self, value, /)', mul);
  defineMethod(t, '__rmul__(self, value, /)', mul);
  defineClassMethod(t, '__class_getitem__(cls, item, /)', ([cls, item]) => genericAliasHook.make(cls as PyType, item));
}

/** typing installs how `list[int]` is represented (a GenericAlias). */
export const genericAliasHook = { make: (cls: PyType, _item: PyValue): PyValue => cls };

// ---------------------------------------------------------------- tuple

defineStaticMethod(tupleType, '__new__(cls, iterable=(), /)', ([cls, it]) => {
  const items = [...toArray(it)];
  return cls === tupleType ? tuple(items) : new PyTuple(items, cls as PyType);
});
defineMethod(tupleType, '__hash__(self, /)', ([self]) => hashValue(new PyTuple([...T(self).items])));
defineMethod(tupleType, '__repr__(self, /)', ([self]) => reprItems(self as PyObject, T(self).items, '(', ')', ','));
defineMethod(tupleType, '__getnewargs__(self, /)', ([self]) => tuple([tuple([...T(self).items])]));

// ---------------------------------------------------------------- list

defineStaticMethod(listType, '__new__(cls, *args, **kwargs)', ([cls]) => new PyList([], cls as PyType));
defineMethod(listType, '__init__(self, iterable=(), /)', ([self, it]) => {
  const items = toArray(it);
  L(self).items.splice(0, L(self).items.length, ...items);
});
listType.dict.setStr('__hash__', None);
defineMethod(listType, '__repr__(self, /)', ([self]) => reprItems(self as PyObject, L(self).items, '[', ']'));
defineMethod(listType, '__setitem__(self, key, value, /)', ([self, key, value]) => {
  const items = L(self).items;
  if (!(key instanceof PySlice)) {
    items[index(items, key, 'list assignment')] = value;
    return;
  }
  const src = [...toArray(value)];
  const { start, step, count } = sliceIndices(key, items.length);
  if (step === 1) {
    items.splice(start, count, ...src);
    return;
  }
  if (src.length !== count) {
    throw pyError(ValueError, `attempt to assign sequence of size ${src.length} to extended slice of size ${count}`);
  }
  for (let i = 0, j = start; i < count; i++, j += step) items[j] = src[i];
});
defineMethod(listType, '__delitem__(self, key, /)', ([self, key]) => {
  const items = L(self).items;
  if (!(key instanceof PySlice)) {
    items.splice(index(items, key, 'list assignment'), 1);
    return;
  }
  const { start, step, count } = sliceIndices(key, items.length);
  const drop = new Set<number>();
  for (let i = 0, j = start; i < count; i++, j += step) drop.add(j);
  const kept = items.filter((_, i) => !drop.has(i));
  items.splice(0, items.length, ...kept);
});
defineMethod(listType, '__iadd__(self, other, /)', ([self, other]) => {
  L(self).items.push(...toArray(other));
  return self;
});
defineMethod(listType, '__imul__(self, value, /)', ([self, n]) => {
  const items = repeatItems(L(self).items, n);
  if (items === undefined) return NotImplemented;
  L(self).items.splice(0, L(self).items.length, ...items);
  return self;
});
defineMethod(listType, 'append(self, object, /)', ([self, v]) => {
  L(self).items.push(v);
});
defineMethod(listType, 'extend(self, iterable, /)', ([self, it]) => {
  const items = it === self ? [...L(self).items] : toArray(it);
  L(self).items.push(...items);
});
defineMethod(listType, 'insert(self, index, object, /)', ([self, i, v]) => {
  const items = L(self).items;
  let k = indexValue(i);
  if (k < 0) k = Math.max(0, k + items.length);
  items.splice(Math.min(k, items.length), 0, v);
});
defineMethod(listType, 'pop(self, index=-1, /)', ([self, i]) => {
  const items = L(self).items;
  if (items.length === 0) throw pyError(IndexError, 'pop from empty list');
  let k = indexValue(i);
  if (k < 0) k += items.length;
  if (k < 0 || k >= items.length) throw pyError(IndexError, 'pop index out of range');
  return items.splice(k, 1)[0];
});
defineMethod(listType, 'remove(self, value, /)', ([self, v]) => {
  const items = L(self).items;
  const i = findIndex(items, v, None, None);
  if (i < 0) throw pyError(ValueError, 'list.remove(x): x not in list');
  items.splice(i, 1);
});
defineMethod(listType, 'clear(self, /)', ([self]) => {
  L(self).items.length = 0;
});
defineMethod(listType, 'copy(self, /)', ([self]) => new PyList([...L(self).items]));
defineMethod(listType, 'reverse(self, /)', ([self]) => {
  L(self).items.reverse();
});
defineMethod(listType, 'sort(self, /, *, key=None, reverse=False)', ([self, key, reverse]) => {
  const items = L(self).items;
  sortValues(items, key, truthy(reverse));
});

/** Sorts in place, stably, by Python's `<` (optionally on key(item)); reverse keeps equal items in order. */
export function sortValues(items: PyValue[], key: PyValue, reverse: boolean): void {
  const keys = key === None ? items : items.map((x) => call(key, [x]));
  const order = items.map((_, i) => i);
  order.sort((i, j) => {
    const a = keys[i];
    const b = keys[j];
    const r = lessThan(a, b) ? -1 : lessThan(b, a) ? 1 : 0;
    return reverse ? -r : r;
  });
  const sorted = order.map((i) => items[i]);
  for (let i = 0; i < items.length; i++) items[i] = sorted[i];
}
