// Conversions between Python values and JS values, in one place. The representation is:
//
//   Python            JS (PyValue)                      toJs()                 fromJs()
//   int               number (safe integer) | bigint     number | bigint        integral number → int
//   bool              boolean                            boolean                boolean
//   float             PyFloat                            number                 non-integral number → float (use pyFloat for 2.0)
//   str               string                             string                 string
//   None              None (a singleton PyObject)        null                   null/undefined
//   tuple / list      PyTuple / PyList                   array                  array → list (pyTuple for tuples)
//   dict              PyDict                             Map                    Map / plain object → dict
//   anything else     PyObject                           the PyObject itself    PyObject passes through
//
// Natives validate their arguments with the `as*` helpers below, which raise PyTorch-style TypeErrors
// naming the function and the argument ("relu(): argument 'inplace' must be bool, not int").
import { typeError } from './exceptions';
import { PyDict, PyObject, type PyValue } from './object';
import { intToFloat } from './numbers';
import { indexValue, toArray, typeName } from './protocol';
import { None, PyBoxed, PyFloat, PyList, PyTuple, tuple } from './types';

export const pyInt = (n: number | bigint): PyValue => n;
export const pyFloat = (x: number): PyFloat => new PyFloat(x);
export const pyStr = (s: string): PyValue => s;
export const pyBool = (b: boolean): PyValue => b;
export const pyList = (items: PyValue[]): PyList => new PyList(items);
export const pyTuple = (items: PyValue[]): PyTuple => tuple(items);
/** A tuple of ints, the usual representation of a shape. */
export const pyShape = (dims: readonly number[]): PyTuple => tuple([...dims]);

export function pyDict(entries: Map<PyValue, PyValue> | Record<string, PyValue>): PyDict {
  const d = new PyDict();
  if (entries instanceof Map) for (const [k, v] of entries) d.set(k, v);
  else for (const [k, v] of Object.entries(entries)) d.setStr(k, v);
  return d;
}

/** A JS value as Python: see the table at the top of this file. */
export function fromJs(v: unknown): PyValue {
  if (v === null || v === undefined) return None;
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? v : new PyFloat(v);
    case 'bigint':
    case 'boolean':
    case 'string':
      return v;
  }
  if (v instanceof PyObject) return v;
  if (Array.isArray(v)) return new PyList(v.map(fromJs));
  if (v instanceof Map) {
    const d = new PyDict();
    for (const [k, x] of v) d.set(fromJs(k), fromJs(x));
    return d;
  }
  if (typeof v === 'object') {
    const d = new PyDict();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) d.setStr(k, fromJs(x));
    return d;
  }
  throw new Error(`nnlens: cannot convert ${typeof v} to a Python value`);
}

/** A Python value as plain JS: see the table at the top of this file. */
export function toJs(v: PyValue): unknown {
  switch (typeof v) {
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'string':
      return v;
  }
  if (v === None) return null;
  if (v instanceof PyFloat) return v.value;
  if (v instanceof PyBoxed) return v.value;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map(toJs);
  if (v instanceof PyDict) {
    const m = new Map<unknown, unknown>();
    for (const e of v.entries()) m.set(toJs(e.key), toJs(e.value));
    return m;
  }
  return v;
}

export const isNone = (v: PyValue): boolean => v === None;

function argError(fn: string, name: string, expected: string, v: PyValue): Error {
  return typeError(`${fn}(): argument '${name}' must be ${expected}, not ${typeName(v)}`);
}

/** An int argument (bools and objects with __index__ accepted, as Python does). */
export function asInt(v: PyValue, fn: string, name: string): number {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) throw argError(fn, name, 'int', v);
  try {
    return indexValue(v);
  } catch {
    throw argError(fn, name, 'int', v);
  }
}

/** A float argument (ints accepted). */
export function asFloat(v: PyValue, fn: string, name: string): number {
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'bigint') return intToFloat(v);
  if (v instanceof PyBoxed && typeof v.value !== 'string') return Number(v.value);
  throw argError(fn, name, 'float', v);
}

export function asBool(v: PyValue, fn: string, name: string): boolean {
  if (typeof v === 'boolean') return v;
  throw argError(fn, name, 'bool', v);
}

export function asStr(v: PyValue, fn: string, name: string): string {
  if (typeof v === 'string') return v;
  if (v instanceof PyBoxed && typeof v.value === 'string') return v.value;
  throw argError(fn, name, 'str', v);
}

/** An int or a sequence of ints (a shape, kernel_size, dims) as number[]: `3` → [3], `(2, 3)` → [2, 3]. */
export function asIntList(v: PyValue, fn: string, name: string): number[] {
  if (typeof v === 'number' || typeof v === 'boolean') return [Number(v)];
  if (v instanceof PyObject && !(v instanceof PyFloat)) {
    let items: PyValue[];
    try {
      items = toArray(v);
    } catch {
      throw argError(fn, name, 'tuple of ints', v);
    }
    return items.map((x, i) => {
      if (typeof x === 'number') return x;
      try {
        return indexValue(x);
      } catch {
        throw typeError(`${fn}(): argument '${name}' must be tuple of ints, but found element of type ${typeName(x)} at pos ${i}`);
      }
    });
  }
  throw argError(fn, name, 'tuple of ints', v);
}

/** `fn(v)` unless v is None. */
export function optional<T>(v: PyValue, fn: (x: PyValue) => T): T | null {
  return v === None ? null : fn(v);
}
