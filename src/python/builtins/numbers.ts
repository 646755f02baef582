// int, bool and float: construction from text and objects, every arithmetic and comparison dunder
// (so subclasses, reflected operators and explicit `int.__add__` calls work), rounding and repr.
import type { BinOperator } from '../parse/ast';
import { call } from '../runtime/call';
import { TypeError, ValueError, pyError, typeError, valueError } from '../runtime/exceptions';
import { defineMethod, defineProperty, defineStaticMethod } from '../runtime/native';
import {
  floatDivmod, floatRepr, floatToInt, intAbs, intFloorDiv, intInvert, intMod, intNeg, intToFloat, normInt,
  parseFloatText, parseIntText, type Int,
} from '../runtime/numbers';
import { floatOp, intOp } from '../runtime/ops';
import { hashValue, indexValue, repr, truthy, typeName } from '../runtime/protocol';
import { formatFloat, formatInt } from '../runtime/format';
import {
  NotImplemented, None, PyBoxed, PyFloat, PyObject, PyType, boolType, floatType, intType, tuple, type PyValue,
} from '../runtime/types';

/** The int value of an int, bool or int-subclass instance; undefined otherwise. */
export function intOf(v: PyValue): Int | undefined {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return undefined;
  }
  return v instanceof PyBoxed && (typeof v.value === 'number' || typeof v.value === 'bigint' || typeof v.value === 'boolean')
    ? (typeof v.value === 'boolean' ? Number(v.value) : v.value)
    : undefined;
}

/** The float value of a float, int or bool; undefined otherwise. */
export function floatOf(v: PyValue): number | undefined {
  if (v instanceof PyFloat) return v.value;
  const i = intOf(v);
  return i === undefined ? undefined : intToFloat(i);
}

const ops: [string, BinOperator][] = [
  ['add', '+'], ['sub', '-'], ['mul', '*'], ['truediv', '/'], ['floordiv', '//'], ['mod', '%'], ['pow', '**'],
  ['lshift', '<<'], ['rshift', '>>'], ['and', '&'], ['or', '|'], ['xor', '^'],
];

// ---------------------------------------------------------------- int

function toInt(x: PyValue, base: PyValue): Int {
  if (base !== None) {
    const b = indexValue(base);
    if (typeof x !== 'string') throw typeError("int() can't convert non-string with explicit base");
    const r = parseIntText(x, b);
    if (r === null) throw valueError(`invalid literal for int() with base ${b}: ${repr(x)}`);
    return r;
  }
  if (typeof x === 'string') {
    const r = parseIntText(x, 10);
    if (r === null) throw valueError(`invalid literal for int() with base 10: ${repr(x)}`);
    return r;
  }
  const i = intOf(x);
  if (i !== undefined) return i;
  if (x instanceof PyFloat) return floatToInt(x.value);
  if (x instanceof PyBoxed && typeof x.value === 'string') return toInt(x.value, base);
  if (x instanceof PyObject) {
    for (const name of ['__int__', '__index__', '__trunc__']) {
      const m = x.cls.lookup(name);
      if (m !== undefined) {
        const r = intOf(call(m, [x]));
        if (r === undefined) throw typeError(`${name} returned non-int (type ${typeName(x)})`);
        return r;
      }
    }
  }
  throw typeError(`int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
}

defineStaticMethod(intType, '__new__(cls, x=0, /, base=None)', ([cls, x, base]) => {
  const v = toInt(x, base);
  return cls === intType ? v : new PyBoxed(cls as PyType, v);
});

for (const [name, op] of ops) {
  defineMethod(intType, `__${name}__(self, other, /)`, ([a, b]) => {
    const x = intOf(a);
    const y = intOf(b);
    return x === undefined || y === undefined ? NotImplemented : intOp(op, x, y);
  });
  defineMethod(intType, `__r${name}__(self, other, /)`, ([a, b]) => {
    const x = intOf(a);
    const y = intOf(b);
    return x === undefined || y === undefined ? NotImplemented : intOp(op, y, x);
  });
}
defineMethod(intType, '__pow__(self, exp, mod=None, /)', ([a, b, m]) => {
  const x = intOf(a);
  const y = intOf(b);
  if (x === undefined || y === undefined) return NotImplemented;
  if (m === None) return intOp('**', x, y);
  const z = intOf(m);
  if (z === undefined) return NotImplemented;
  if (y < 0) throw valueError('pow() 2nd argument cannot be negative when 3rd argument specified');
  if (z === 0) throw valueError('pow() 3rd argument cannot be 0');
  let r = 1n;
  let base = ((BigInt(x) % BigInt(z)) + BigInt(z)) % BigInt(z);
  let e = BigInt(y);
  const mod = BigInt(z);
  while (e > 0n) {
    if (e & 1n) r = (r * base) % mod;
    base = (base * base) % mod;
    e >>= 1n;
  }
  return intMod(normInt(r), z);
});
defineMethod(intType, '__divmod__(self, other, /)', ([a, b]) => {
  const x = intOf(a);
  const y = intOf(b);
  return x === undefined || y === undefined ? NotImplemented : tuple([intFloorDiv(x, y), intMod(x, y)]);
});
defineMethod(intType, '__rdivmod__(self, other, /)', ([a, b]) => {
  const x = intOf(a);
  const y = intOf(b);
  return x === undefined || y === undefined ? NotImplemented : tuple([intFloorDiv(y, x), intMod(y, x)]);
});

const cmp = (x: number | bigint, y: number | bigint, op: string): boolean =>
  op === 'lt' ? x < y : op === 'le' ? x <= y : op === 'gt' ? x > y : op === 'ge' ? x >= y : op === 'eq' ? x == y : x != y;

for (const op of ['lt', 'le', 'gt', 'ge', 'eq', 'ne']) {
  defineMethod(intType, `__${op}__(self, other, /)`, ([a, b]) => {
    const x = intOf(a)!;
    const y = b instanceof PyFloat ? b.value : intOf(b);
    return y === undefined ? NotImplemented : cmp(x, y, op);
  });
  defineMethod(floatType, `__${op}__(self, other, /)`, ([a, b]) => {
    const x = (a as PyFloat).value;
    const y = b instanceof PyFloat ? b.value : intOf(b);
    return y === undefined ? NotImplemented : cmp(x, y, op);
  });
}

defineMethod(intType, '__hash__(self, /)', ([a]) => hashValue(intOf(a)!));
defineMethod(intType, '__repr__(self, /)', ([a]) => String(intOf(a)));
defineMethod(intType, '__bool__(self, /)', ([a]) => intOf(a) !== 0 && intOf(a) !== 0n);
defineMethod(intType, '__index__(self, /)', ([a]) => intOf(a)!);
defineMethod(intType, '__int__(self, /)', ([a]) => intOf(a)!);
defineMethod(intType, '__float__(self, /)', ([a]) => new PyFloat(intToFloat(intOf(a)!)));
defineMethod(intType, '__neg__(self, /)', ([a]) => intNeg(intOf(a)!));
defineMethod(intType, '__pos__(self, /)', ([a]) => intOf(a)!);
defineMethod(intType, '__abs__(self, /)', ([a]) => intAbs(intOf(a)!));
defineMethod(intType, '__invert__(self, /)', ([a]) => intInvert(intOf(a)!));
defineMethod(intType, '__trunc__(self, /)', ([a]) => intOf(a)!);
defineMethod(intType, '__floor__(self, /)', ([a]) => intOf(a)!);
defineMethod(intType, '__ceil__(self, /)', ([a]) => intOf(a)!);
defineMethod(intType, '__round__(self, ndigits=None, /)', ([a, nd]) => roundInt(intOf(a)!, nd));
defineMethod(intType, '__format__(self, format_spec, /)', ([a, spec]) => formatInt(intOf(a)!, spec as string));
defineMethod(intType, '__getnewargs__(self, /)', ([a]) => tuple([intOf(a)!]));
defineMethod(intType, 'bit_length(self, /)', ([a]) => {
  const x = intAbs(intOf(a)!);
  return x === 0 ? 0 : BigInt(x).toString(2).length;
});
defineMethod(intType, 'conjugate(self, /)', ([a]) => intOf(a)!);
defineMethod(intType, 'is_integer(self, /)', () => true);
defineMethod(intType, 'as_integer_ratio(self, /)', ([a]) => tuple([intOf(a)!, 1]));
defineProperty(intType, 'real', { get: (a) => intOf(a)! });
defineProperty(intType, 'imag', { get: () => 0 });
defineProperty(intType, 'numerator', { get: (a) => intOf(a)! });
defineProperty(intType, 'denominator', { get: () => 1 });

function roundInt(x: Int, nd: PyValue): Int {
  if (nd === None) return x;
  const n = indexValue(nd);
  if (n >= 0) return x;
  const p = 10n ** BigInt(-n);
  const b = BigInt(x);
  let q = b / p;
  let r = b % p;
  if (r < 0n) {
    r += p;
    q -= 1n;
  }
  if (r * 2n > p || (r * 2n === p && q % 2n !== 0n)) q += 1n;
  return normInt(q * p);
}

// ---------------------------------------------------------------- bool

defineStaticMethod(boolType, '__new__(cls, x=False, /)', ([, x]) => truthy(x));
defineMethod(boolType, '__repr__(self, /)', ([a]) => (intOf(a) ? 'True' : 'False'));
for (const [name, op] of [['and', '&'], ['or', '|'], ['xor', '^']] as const) {
  const f = ([a, b]: PyValue[]): PyValue => {
    if (typeof a === 'boolean' && typeof b === 'boolean') return op === '&' ? a && b : op === '|' ? a || b : a !== b;
    const x = intOf(a);
    const y = intOf(b);
    return x === undefined || y === undefined ? NotImplemented : intOp(op, x, y);
  };
  defineMethod(boolType, `__${name}__(self, other, /)`, f);
  defineMethod(boolType, `__r${name}__(self, other, /)`, f);
}
boolType.dict.setStr('__nnlens_final__', true);

// ---------------------------------------------------------------- float

function toFloat(x: PyValue): number {
  if (x instanceof PyFloat) return x.value;
  if (typeof x === 'string' || (x instanceof PyBoxed && typeof x.value === 'string')) {
    const s = typeof x === 'string' ? x : (x.value as string);
    const r = parseFloatText(s);
    if (r === null) throw valueError(`could not convert string to float: ${repr(s)}`);
    return r;
  }
  const i = intOf(x);
  if (i !== undefined) return intToFloat(i);
  if (x instanceof PyObject) {
    const m = x.cls.lookup('__float__');
    if (m !== undefined) {
      const r = call(m, [x]);
      if (!(r instanceof PyFloat)) throw typeError(`${typeName(x)}.__float__ returned non-float (type ${typeName(r)})`);
      return r.value;
    }
    const ix = x.cls.lookup('__index__');
    if (ix !== undefined) return intToFloat(indexValue(x));
  }
  throw typeError(`float() argument must be a string or a real number, not '${typeName(x)}'`);
}

defineStaticMethod(floatType, '__new__(cls, x=0.0, /)', ([cls, x]) => new PyFloat(toFloat(x), cls as PyType));

const fv = (v: PyValue): number => (v as PyFloat).value;
for (const [name, op] of ops) {
  if (['lshift', 'rshift', 'and', 'or', 'xor'].includes(name)) continue;
  defineMethod(floatType, `__${name}__(self, other, /)`, ([a, b]) => {
    const y = floatOf(b);
    return y === undefined ? NotImplemented : floatOp(op, fv(a), y);
  });
  defineMethod(floatType, `__r${name}__(self, other, /)`, ([a, b]) => {
    const y = floatOf(b);
    return y === undefined ? NotImplemented : floatOp(op, y, fv(a));
  });
}
defineMethod(floatType, '__divmod__(self, other, /)', ([a, b]) => {
  const y = floatOf(b);
  if (y === undefined) return NotImplemented;
  const [q, r] = floatDivmod(fv(a), y);
  return tuple([new PyFloat(q), new PyFloat(r)]);
});
defineMethod(floatType, '__hash__(self, /)', ([a]) => hashValue(new PyFloat(fv(a))));
defineMethod(floatType, '__repr__(self, /)', ([a]) => floatRepr(fv(a)));
defineMethod(floatType, '__bool__(self, /)', ([a]) => fv(a) !== 0);
defineMethod(floatType, '__int__(self, /)', ([a]) => floatToInt(fv(a)));
defineMethod(floatType, '__trunc__(self, /)', ([a]) => floatToInt(fv(a)));
defineMethod(floatType, '__floor__(self, /)', ([a]) => floatToInt(Math.floor(fv(a))));
defineMethod(floatType, '__ceil__(self, /)', ([a]) => floatToInt(Math.ceil(fv(a))));
defineMethod(floatType, '__float__(self, /)', ([a]) => (a instanceof PyFloat && a.cls === floatType ? a : new PyFloat(fv(a))));
defineMethod(floatType, '__neg__(self, /)', ([a]) => new PyFloat(-fv(a)));
defineMethod(floatType, '__pos__(self, /)', ([a]) => new PyFloat(fv(a)));
defineMethod(floatType, '__abs__(self, /)', ([a]) => new PyFloat(Math.abs(fv(a))));
defineMethod(floatType, '__round__(self, ndigits=None, /)', ([a, nd]) => roundFloat(fv(a), nd));
defineMethod(floatType, '__format__(self, format_spec, /)', ([a, spec]) => formatFloat(fv(a), spec as string));
defineMethod(floatType, 'is_integer(self, /)', ([a]) => Number.isInteger(fv(a)));
defineMethod(floatType, 'conjugate(self, /)', ([a]) => a);
defineMethod(floatType, 'as_integer_ratio(self, /)', ([a]) => {
  let x = fv(a);
  if (!Number.isFinite(x)) throw pyError(Number.isNaN(x) ? ValueError : TypeError, 'cannot convert to integer ratio');
  let d = 1n;
  while (!Number.isInteger(x)) {
    x *= 2;
    d *= 2n;
  }
  let n = BigInt(x);
  while (n % 2n === 0n && d > 1n) {
    n /= 2n;
    d /= 2n;
  }
  return tuple([normInt(n), normInt(d)]);
});
defineProperty(floatType, 'real', { get: (a) => a });
defineProperty(floatType, 'imag', { get: () => new PyFloat(0) });

/** round(x[, n]) with CPython's half-to-even on exact ties of the binary value. */
export function roundFloat(x: number, nd: PyValue): PyValue {
  if (nd === None) {
    if (!Number.isFinite(x)) throw pyError(Number.isNaN(x) ? ValueError : TypeError, Number.isNaN(x) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
    let r = Math.round(x);
    if (Math.abs(x - Math.trunc(x)) === 0.5) r = 2 * Math.round(x / 2);
    return floatToInt(r);
  }
  const n = indexValue(nd);
  if (!Number.isFinite(x) || x === 0) return new PyFloat(x);
  if (n > 300) return new PyFloat(x);
  if (n < 0) {
    const p = Math.pow(10, -n);
    const q = x / p;
    let r = Math.round(q);
    if (Math.abs(q - Math.trunc(q)) === 0.5) r = 2 * Math.round(q / 2);
    return new PyFloat(r * p);
  }
  const exact = Math.abs(x).toFixed(Math.min(100, n + 60));
  const [ip, fp = ''] = exact.split('.');
  const tail = fp.slice(n);
  const isTie = /^50*$/.test(tail);
  let s = Math.abs(x).toFixed(n);
  if (isTie) {
    const lastDigit = Number((ip + fp.slice(0, n)).slice(-1));
    if (lastDigit % 2 === 0) s = n > 0 ? `${ip}.${fp.slice(0, n)}` : ip;
  }
  const r = Number(s);
  return new PyFloat(x < 0 ? -r : r);
}

export { toFloat, toInt };
