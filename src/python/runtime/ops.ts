// Operators: binary (with reflected and in-place forms), unary and comparisons. ints, floats and
// strs take a fast path; everything else dispatches through dunder methods in CPython's order
// (a subclass's reflected method first, NotImplemented falls through), natives and Python alike.
import type { BinOperator, CmpOperator } from '../parse/ast';
import { typeError } from './exceptions';
import { PyObject, PyType, type PyValue } from './object';
import {
  floatFloorDiv, floatMod, floatPow, floatTrueDiv, intAdd, intBitwise, intFloorDiv, intInvert, intMod, intMul, intNeg,
  intPow, intSub, intToFloat, intTrueDiv,
} from './numbers';
import { NotImplemented, PyBuiltin, PyFloat, PyFunction, floatType, listType, strType, tupleType } from './types';
import { call } from './call';
import { bindDescriptor } from './attrs';
import { contains, truthy, typeName, typeOf } from './protocol';

const dunder: Record<BinOperator, string> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow', '@': 'matmul',
  '<<': 'lshift', '>>': 'rshift', '&': 'and', '|': 'or', '^': 'xor',
};
const names = Object.fromEntries(Object.entries(dunder).map(([op, n]) => [op, [`__${n}__`, `__r${n}__`, `__i${n}__`]])) as Record<
  BinOperator, [string, string, string]
>;

/** The float value of an exact int, bool or float; undefined for anything else. */
function numberOf(v: PyValue): number | undefined {
  switch (typeof v) {
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'bigint':
      return intToFloat(v);
    case 'string':
      return undefined;
  }
  return v instanceof PyFloat && v.cls === floatType ? v.value : undefined;
}

/** int op int, for JS numbers/bigints/booleans (bool arithmetic is int arithmetic). */
export function intOp(op: BinOperator, a: number | bigint, b: number | bigint): PyValue {
  switch (op) {
    case '+':
      return intAdd(a, b);
    case '-':
      return intSub(a, b);
    case '*':
      return intMul(a, b);
    case '/':
      return new PyFloat(intTrueDiv(a, b));
    case '//':
      return intFloorDiv(a, b);
    case '%':
      return intMod(a, b);
    case '**': {
      const r = intPow(a, b);
      return typeof r === 'object' ? new PyFloat(r.float) : r;
    }
    case '<<':
    case '>>':
    case '&':
    case '|':
    case '^':
      return intBitwise(op, a, b);
    case '@':
      return NotImplemented;
  }
}

export function floatOp(op: BinOperator, a: number, b: number): PyValue {
  switch (op) {
    case '+':
      return new PyFloat(a + b);
    case '-':
      return new PyFloat(a - b);
    case '*':
      return new PyFloat(a * b);
    case '/':
      return new PyFloat(floatTrueDiv(a, b));
    case '//':
      return new PyFloat(floatFloorDiv(a, b));
    case '%':
      return new PyFloat(floatMod(a, b));
    case '**':
      return new PyFloat(floatPow(a, b));
    default:
      return NotImplemented;
  }
}

const isIntLike = (v: PyValue): v is number | bigint | boolean => typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';

/** Calls a dunder found on a type with `self` bound, whatever kind of callable it is. */
function callSlot(f: PyValue, self: PyValue, other: PyValue): PyValue {
  if (f instanceof PyFunction || f instanceof PyBuiltin) return call(f, [self, other]);
  return call(bindDescriptor(f, self, typeOf(self)), [other]);
}

export function binaryOp(op: BinOperator, a: PyValue, b: PyValue): PyValue {
  if (typeof a === 'number' && typeof b === 'number') {
    if (op === '+') {
      const r = a + b;
      if (Number.isSafeInteger(r)) return r;
    }
    return intOp(op, a, b);
  }
  if (typeof a === 'string' && typeof b === 'string' && op === '+') return a + b;
  const x = numberOf(a);
  if (x !== undefined) {
    const y = numberOf(b);
    if (y !== undefined) {
      if (isIntLike(a) && isIntLike(b)) return intOp(op, typeof a === 'boolean' ? Number(a) : a, typeof b === 'boolean' ? Number(b) : b);
      const r = floatOp(op, x, y);
      if (r !== NotImplemented) return r;
    }
  }
  return dispatchBinary(op, a, b);
}

function dispatchBinary(op: BinOperator, a: PyValue, b: PyValue): PyValue {
  const [name, rname] = names[op];
  const lt = typeOf(a);
  const rt = typeOf(b);
  const lf = lt.lookup(name);
  let rf = rt !== lt ? rt.lookup(rname) : undefined;
  if (rf !== undefined && rt.isSubtypeOf(lt) && rf !== lt.lookup(rname)) {
    const r = callSlot(rf, b, a);
    if (r !== NotImplemented) return r;
    rf = undefined;
  }
  if (lf !== undefined) {
    const r = callSlot(lf, a, b);
    if (r !== NotImplemented) return r;
  }
  if (rf !== undefined) {
    const r = callSlot(rf, b, a);
    if (r !== NotImplemented) return r;
  }
  throw unsupportedOperands(op, a, b, lt, rt);
}

function unsupportedOperands(op: BinOperator, a: PyValue, b: PyValue, lt: PyType, rt: PyType): Error {
  const seq = (t: PyType): boolean => t.layout === strType || t.layout === listType || t.layout === tupleType;
  if (op === '+' && seq(lt)) return typeError(`can only concatenate ${lt.layout!.name} (not "${rt.name}") to ${lt.layout!.name}`);
  if (op === '*' && (seq(lt) || seq(rt))) return typeError(`can't multiply sequence by non-int of type '${(seq(lt) ? rt : lt).name}'`);
  return typeError(`unsupported operand type(s) for ${op}: '${lt.name}' and '${rt.name}'`);
}

/** `a op= b`: __iop__ when the left operand has it (lists extend in place), else the binary operator. */
export function inplaceOp(op: BinOperator, a: PyValue, b: PyValue): PyValue {
  if (a instanceof PyObject && !(a instanceof PyFloat && a.cls === floatType)) {
    const f = a.cls.lookup(names[op][2]);
    if (f !== undefined) {
      const r = callSlot(f, a, b);
      if (r !== NotImplemented) return r;
    }
  }
  return binaryOp(op, a, b);
}

export function unaryOp(op: '-' | '+' | '~' | 'not', v: PyValue): PyValue {
  if (op === 'not') return !truthy(v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') {
    const n = typeof v === 'boolean' ? Number(v) : v;
    return op === '-' ? intNeg(n) : op === '+' ? n : intInvert(n);
  }
  if (v instanceof PyFloat && v.cls === floatType && op !== '~') return op === '-' ? new PyFloat(-v.value) : v;
  const name = op === '-' ? '__neg__' : op === '+' ? '__pos__' : '__invert__';
  const t = typeOf(v);
  const f = t.lookup(name);
  if (f === undefined) throw typeError(`bad operand type for unary ${op}: '${t.name}'`);
  return call(bindDescriptor(f, v, t), []);
}

// ---------------------------------------------------------------- comparisons

type RichOp = '<' | '>' | '==' | '>=' | '<=' | '!=';
const richNames: Record<RichOp, [string, string]> = {
  '<': ['__lt__', '__gt__'], '>': ['__gt__', '__lt__'], '<=': ['__le__', '__ge__'], '>=': ['__ge__', '__le__'],
  '==': ['__eq__', '__eq__'], '!=': ['__ne__', '__ne__'],
};

function compareNumbers(op: RichOp, x: number | bigint | string, y: number | bigint | string): boolean {
  switch (op) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
    // Loose equality on purpose: a number and a bigint compare by value.
    case '==':
      return x == y;
    case '!=':
      return x != y;
  }
}

function primitiveOf(v: PyValue): number | bigint | undefined {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return undefined;
  }
  return v instanceof PyFloat && v.cls === floatType ? v.value : undefined;
}

export function richCompare(op: RichOp, a: PyValue, b: PyValue): PyValue {
  if (typeof a === 'string' && typeof b === 'string') return compareNumbers(op, a, b);
  const x = primitiveOf(a);
  if (x !== undefined) {
    const y = primitiveOf(b);
    if (y !== undefined) return compareNumbers(op, x, y);
  }
  const [name, rname] = richNames[op];
  const lt = typeOf(a);
  const rt = typeOf(b);
  let reversed = false;
  if (rt !== lt && rt.isSubtypeOf(lt)) {
    const rf = rt.lookup(rname);
    if (rf !== undefined && rf !== lt.lookup(rname)) {
      reversed = true;
      const r = callSlot(rf, b, a);
      if (r !== NotImplemented) return r;
    }
  }
  const lf = lt.lookup(name);
  if (lf !== undefined) {
    const r = callSlot(lf, a, b);
    if (r !== NotImplemented) return r;
  }
  if (!reversed) {
    const rf = rt.lookup(rname);
    if (rf !== undefined) {
      const r = callSlot(rf, b, a);
      if (r !== NotImplemented) return r;
    }
  }
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  throw typeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** a == b as a JS boolean (identity first, as containers compare). */
export function richEq(a: PyValue, b: PyValue): boolean {
  if (a === b) return !(a instanceof PyFloat && Number.isNaN(a.value));
  if (typeof a === 'string' || typeof b === 'string') {
    if (typeof a === 'string' && typeof b === 'string') return false;
    if (typeof a !== 'object' && typeof b !== 'object') return false;
  }
  const x = primitiveOf(a);
  if (x !== undefined) {
    const y = primitiveOf(b);
    if (y !== undefined) return x == y;
  }
  return truthy(richCompare('==', a, b));
}

export function compareOp(op: CmpOperator, a: PyValue, b: PyValue): PyValue {
  switch (op) {
    case 'is':
      return a === b;
    case 'is not':
      return a !== b;
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
    default:
      return richCompare(op, a, b);
  }
}

/** a < b as a JS boolean, for sorting, min and max. */
export function lessThan(a: PyValue, b: PyValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  return truthy(richCompare('<', a, b));
}
