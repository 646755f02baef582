// Python int and float arithmetic with CPython's semantics: ints are JS numbers while they are safe
// integers and bigints beyond (arbitrary precision), floor division and modulo take the divisor's
// sign, and float repr is the shortest round-trip form with Python's switch to exponent notation.
import { overflowError, valueError, zeroDivision } from './exceptions';

export type Int = number | bigint;

const MIN = BigInt(Number.MIN_SAFE_INTEGER);
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Back to a JS number when the value is a safe integer: one representation per value. */
export function normInt(b: bigint): Int {
  return b >= MIN && b <= MAX ? Number(b) : b;
}

const big = (a: Int): bigint => (typeof a === 'bigint' ? a : BigInt(a));

export function intAdd(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normInt(big(a) + big(b));
}

export function intSub(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return normInt(big(a) - big(b));
}

export function intMul(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return normInt(big(a) * big(b));
}

export function intFloorDiv(a: Int, b: Int): Int {
  if (b === 0 || b === 0n) throw zeroDivision('integer division or modulo by zero');
  if (typeof a === 'number' && typeof b === 'number') {
    // `%` is exact on doubles, so (a - r) / b is an exact integer.
    const r = a % b;
    let q = (a - r) / b;
    if (r !== 0 && (r < 0) !== (b < 0)) q -= 1;
    return q === 0 ? 0 : q;
  }
  const x = big(a);
  const y = big(b);
  let q = x / y;
  if (x % y !== 0n && (x < 0n) !== (y < 0n)) q -= 1n;
  return normInt(q);
}

export function intMod(a: Int, b: Int): Int {
  if (b === 0 || b === 0n) throw zeroDivision('integer modulo by zero');
  if (typeof a === 'number' && typeof b === 'number') {
    let r = a % b;
    if (r !== 0 && (r < 0) !== (b < 0)) r += b;
    return r === 0 ? 0 : r;
  }
  const x = big(a);
  const y = big(b);
  let r = x % y;
  if (r !== 0n && (r < 0n) !== (y < 0n)) r += y;
  return normInt(r);
}

export function intTrueDiv(a: Int, b: Int): number {
  if (b === 0 || b === 0n) throw zeroDivision('division by zero');
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  const r = Number(a) / Number(b);
  if (!Number.isFinite(r)) throw overflowError('integer division result too large for a float');
  return r;
}

/** int ** int: an int for non-negative exponents, a float otherwise. */
export function intPow(a: Int, b: Int): Int | { float: number } {
  if (b < 0) {
    if (a === 0 || a === 0n) throw zeroDivision('0.0 cannot be raised to a negative power');
    return { float: Math.pow(Number(a), Number(b)) };
  }
  if (typeof a === 'number' && typeof b === 'number') {
    const r = Math.pow(a, b);
    if (Number.isSafeInteger(r)) return r;
  }
  if (big(b) > 100000n && !(a === 0 || a === 1 || a === -1)) throw overflowError('exponent too large for nnlens');
  return normInt(big(a) ** big(b));
}

export function intNeg(a: Int): Int {
  return typeof a === 'number' ? (a === 0 ? 0 : -a) : normInt(-a);
}

export function intAbs(a: Int): Int {
  return typeof a === 'number' ? Math.abs(a) : normInt(a < 0n ? -a : a);
}

const INT32 = (a: Int): a is number => typeof a === 'number' && (a | 0) === a;

export function intBitwise(op: '&' | '|' | '^' | '<<' | '>>', a: Int, b: Int): Int {
  if (op === '<<' || op === '>>') {
    if (b < 0) throw valueError('negative shift count');
    if (op === '>>') {
      if (INT32(a) && typeof b === 'number') return b >= 32 ? (a < 0 ? -1 : 0) : a >> b;
      return normInt(big(a) >> big(b));
    }
    if (big(b) > 1000000n) throw overflowError('too many digits in integer');
    return normInt(big(a) << big(b));
  }
  if (INT32(a) && INT32(b)) return op === '&' ? a & b : op === '|' ? a | b : a ^ b;
  const x = big(a);
  const y = big(b);
  return normInt(op === '&' ? x & y : op === '|' ? x | y : x ^ y);
}

export function intInvert(a: Int): Int {
  return INT32(a) ? ~a : normInt(-big(a) - 1n);
}

export function intToFloat(a: Int): number {
  if (typeof a === 'number') return a;
  const r = Number(a);
  if (!Number.isFinite(r)) throw overflowError('int too large to convert to float');
  return r;
}

export function intCompare(a: Int, b: Int): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** float(x) → int, truncating toward zero as int() does. */
export function floatToInt(x: number): Int {
  if (Number.isNaN(x)) throw valueError('cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw overflowError('cannot convert float infinity to integer');
  const t = Math.trunc(x);
  return Number.isSafeInteger(t) ? (t === 0 ? 0 : t) : BigInt(t);
}

// ---------------------------------------------------------------- float arithmetic

export function floatFloorDiv(a: number, b: number): number {
  if (b === 0) throw zeroDivision('float floor division by zero');
  return floatDivmod(a, b)[0];
}

export function floatMod(a: number, b: number): number {
  if (b === 0) throw zeroDivision('float modulo');
  return floatDivmod(a, b)[1];
}

/** CPython's float_divmod, so signs and edge cases match. */
export function floatDivmod(a: number, b: number): [number, number] {
  if (b === 0) throw zeroDivision('float divmod()');
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0) {
    if ((b < 0) !== (mod < 0)) {
      mod += b;
      div -= 1;
    }
  } else mod = b < 0 ? -0 : 0;
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else floordiv = a / b < 0 ? -0 : 0;
  return [floordiv, mod];
}

export function floatTrueDiv(a: number, b: number): number {
  if (b === 0) throw zeroDivision('float division by zero');
  return a / b;
}

export function floatPow(a: number, b: number): number {
  if (a === 0 && b < 0) throw zeroDivision('0.0 cannot be raised to a negative power');
  if (a < 0 && Number.isFinite(b) && !Number.isInteger(b)) {
    throw valueError('a negative number raised to a fractional power is complex, and nnlens has no complex numbers');
  }
  const r = Math.pow(a, b);
  if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) throw overflowError("(34, 'Numerical result out of range')");
  if (a === 1 || b === 0) return 1;
  return r;
}

// ---------------------------------------------------------------- repr

/** repr(float): shortest round-trip digits, exponent notation below 1e-4 and from 1e16 on. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expStr] = x.toExponential().split('e');
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let out: string;
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    out = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  } else if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return neg ? `-${out}` : out;
}

/** Parses the text float() accepts: decimal or exponent notation, inf, nan, surrounding spaces, underscores. */
export function parseFloatText(s: string): number | null {
  const t = s.trim().toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (!/^[+-]?(\d(_?\d)*\.?(\d(_?\d)*)?|\.\d(_?\d)*)(e[+-]?\d(_?\d)*)?$/.test(t)) return null;
  return Number(t.replace(/_/g, ''));
}

/** Parses the text int() accepts in `base` (0 means: read the prefix as a literal would). */
export function parseIntText(s: string, base: number): Int | null {
  let t = s.trim().replace(/_/g, '').toLowerCase();
  if (/__|^_|_$/.test(s.trim())) return null;
  let neg = false;
  if (t.startsWith('-') || t.startsWith('+')) {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  const prefixes: Record<string, number> = { '0x': 16, '0o': 8, '0b': 2 };
  const p = prefixes[t.slice(0, 2)];
  if (base === 0) {
    if (p) {
      base = p;
      t = t.slice(2);
    } else {
      if (/^0+[1-9]/.test(t)) return null;
      base = 10;
    }
  } else if (p === base) t = t.slice(2);
  if (t === '' || base < 2 || base > 36) return null;
  const valid = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  let v = 0n;
  const bb = BigInt(base);
  for (const ch of t) {
    const d = valid.indexOf(ch);
    if (d < 0) return null;
    v = v * bb + BigInt(d);
  }
  return normInt(neg ? -v : v);
}
