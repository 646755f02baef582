// slice objects and range: CPython's index adjustment for slices (negative, missing and
// out-of-range bounds, negative steps) and the lazy integer sequence `range`.
import { richEq } from '../runtime/ops';
import { IndexError, ValueError, pyError, typeError, valueError } from '../runtime/exceptions';
import { defineMethod, defineProperty, defineStaticMethod } from '../runtime/native';
import { indexValue, repr, typeName } from '../runtime/protocol';
import {
  None, NotImplemented, PyIterator, PyObject, PyRange, PySlice, rangeType, sliceType, tuple, type PyValue,
} from '../runtime/types';

export interface SliceBounds {
  start: number;
  stop: number;
  step: number;
  count: number;
}

function sliceIndex(v: PyValue): number {
  if (typeof v === 'number') return v;
  return indexValue(v, 'slice indices must be integers or None or have an __index__ method');
}

/** PySlice_Unpack + PySlice_AdjustIndices: the concrete indices a slice selects from `length` items. */
export function sliceIndices(s: PySlice, length: number): SliceBounds {
  const step = s.step === None ? 1 : sliceIndex(s.step);
  if (step === 0) throw valueError('slice step cannot be zero');
  const adjust = (v: PyValue, dflt: number): number => {
    if (v === None) return dflt;
    let i = sliceIndex(v);
    if (i < 0) {
      i += length;
      if (i < 0) i = step < 0 ? -1 : 0;
    } else if (i >= length) i = step < 0 ? length - 1 : length;
    return i;
  };
  const start = adjust(s.start, step < 0 ? length - 1 : 0);
  const stop = adjust(s.stop, step < 0 ? -1 : length);
  let count = 0;
  if (step > 0 && stop > start) count = Math.floor((stop - start - 1) / step) + 1;
  else if (step < 0 && start > stop) count = Math.floor((start - stop - 1) / -step) + 1;
  return { start, stop, step, count };
}

/** The items of `items` a slice selects. */
export function sliceItems<T>(items: readonly T[], s: PySlice): T[] {
  const { start, step, count } = sliceIndices(s, items.length);
  if (step === 1) return items.slice(start, start + count);
  const out = new Array<T>(count);
  for (let i = 0, j = start; i < count; i++, j += step) out[i] = items[j];
  return out;
}

// ---------------------------------------------------------------- slice

defineStaticMethod(sliceType, '__new__(cls, start, stop=..., step=None, /)', ([, a, b, c]) => {
  const isEllipsisDefault = b instanceof PyObject && b.cls.name === 'ellipsis';
  return isEllipsisDefault ? new PySlice(None, a, None) : new PySlice(a, b, c);
});
defineProperty(sliceType, 'start', { get: (self) => (self as PySlice).start });
defineProperty(sliceType, 'stop', { get: (self) => (self as PySlice).stop });
defineProperty(sliceType, 'step', { get: (self) => (self as PySlice).step });
defineMethod(sliceType, 'indices(self, length, /)', ([self, n]) => {
  const { start, stop, step } = sliceIndices(self as PySlice, indexValue(n));
  return tuple([start, stop, step]);
});
defineMethod(sliceType, '__repr__(self, /)', ([self]) => {
  const s = self as PySlice;
  return `slice(${repr(s.start)}, ${repr(s.stop)}, ${repr(s.step)})`;
});
defineMethod(sliceType, '__eq__(self, other, /)', ([a, b]) => {
  if (!(b instanceof PySlice)) return NotImplemented;
  const x = a as PySlice;
  return richEq(x.start, b.start) && richEq(x.stop, b.stop) && richEq(x.step, b.step);
});
sliceType.dict.setStr('__hash__', None);

// ---------------------------------------------------------------- range

function rangeArg(v: PyValue): number {
  if (typeof v === 'number') return v;
  return indexValue(v, `'${typeName(v)}' object cannot be interpreted as an integer`);
}

defineStaticMethod(rangeType, '__new__(cls, start, stop=None, step=None, /)', ([, a, b, c]) => {
  const step = c === None ? 1 : rangeArg(c);
  if (step === 0) throw valueError('range() arg 3 must not be zero');
  return b === None ? new PyRange(0, rangeArg(a), 1) : new PyRange(rangeArg(a), rangeArg(b), step);
});
const r = (v: PyValue): PyRange => v as PyRange;
defineProperty(rangeType, 'start', { get: (self) => r(self).start });
defineProperty(rangeType, 'stop', { get: (self) => r(self).stop });
defineProperty(rangeType, 'step', { get: (self) => r(self).step });
defineMethod(rangeType, '__len__(self, /)', ([self]) => r(self).length);
defineMethod(rangeType, '__bool__(self, /)', ([self]) => r(self).length > 0);
defineMethod(rangeType, '__iter__(self, /)', ([self]) => {
  const { start, step } = r(self);
  const n = r(self).length;
  let i = 0;
  return new PyIterator(() => (i < n ? start + step * i++ : undefined));
});
defineMethod(rangeType, '__reversed__(self, /)', ([self]) => {
  const { start, step } = r(self);
  let i = r(self).length;
  return new PyIterator(() => (i > 0 ? start + step * --i : undefined));
});
defineMethod(rangeType, '__getitem__(self, key, /)', ([self, key]) => {
  const x = r(self);
  const n = x.length;
  if (key instanceof PySlice) {
    const b = sliceIndices(key, n);
    return new PyRange(x.start + b.start * x.step, x.start + b.stop * x.step, x.step * b.step);
  }
  let i = indexValue(key, `range indices must be integers or slices, not ${typeName(key)}`);
  if (i < 0) i += n;
  if (i < 0 || i >= n) throw pyError(IndexError, 'range object index out of range');
  return x.start + i * x.step;
});
function rangeHas(x: PyRange, v: PyValue): boolean {
  if (typeof v !== 'number' && typeof v !== 'boolean') return false;
  const n = Number(v);
  if (!Number.isInteger(n)) return false;
  if (x.step > 0 ? n < x.start || n >= x.stop : n > x.start || n <= x.stop) return false;
  return (n - x.start) % x.step === 0;
}
defineMethod(rangeType, '__contains__(self, value, /)', ([self, v]) => rangeHas(r(self), v));
defineMethod(rangeType, 'index(self, value, /)', ([self, v]) => {
  if (!rangeHas(r(self), v)) throw pyError(ValueError, `${repr(v)} is not in range`);
  return (Number(v) - r(self).start) / r(self).step;
});
defineMethod(rangeType, 'count(self, value, /)', ([self, v]) => (rangeHas(r(self), v) ? 1 : 0));
defineMethod(rangeType, '__repr__(self, /)', ([self]) => {
  const x = r(self);
  return x.step === 1 ? `range(${x.start}, ${x.stop})` : `range(${x.start}, ${x.stop}, ${x.step})`;
});
defineMethod(rangeType, '__eq__(self, other, /)', ([a, b]) => {
  if (!(b instanceof PyRange)) return NotImplemented;
  const x = r(a);
  if (x.length !== b.length) return false;
  if (x.length === 0) return true;
  return x.start === b.start && (x.length === 1 || x.step === b.step);
});
defineMethod(rangeType, '__hash__(self, /)', ([self]) => {
  const x = r(self);
  return (x.length * 31 + x.start) * 31 + x.step;
});
rangeType.dict.setStr('__nnlens_final__', true);
void typeError;
