// The `math` module: CPython's functions over floats (domain errors as ValueError "math domain
// error"), plus the integer ones (factorial, gcd, comb, isqrt, ...) with exact results.
import { call } from '../runtime/call';
import { OverflowError, ValueError, pyError, typeError } from '../runtime/exceptions';
import { native } from '../runtime/native';
import { floatToInt, normInt } from '../runtime/numbers';
import { binaryOp } from '../runtime/ops';
import { indexValue, iter, toArray, typeName, typeOf } from '../runtime/protocol';
import { PyFloat, PyObject, tuple, type PyValue } from '../runtime/types';
import { floatOf, intOf } from '../builtins/numbers';
import { makeModule } from '../eval/modules';

function num(v: PyValue, _fn: string): number {
  const x = floatOf(v);
  if (x !== undefined) return x;
  if (v instanceof PyObject) {
    const m = v.cls.lookup('__float__');
    if (m !== undefined) {
      const r = call(m, [v]);
      if (r instanceof PyFloat) return r.value;
    }
  }
  throw typeError(`must be real number, not ${typeName(v)}`);
}

const domain = (): Error => pyError(ValueError, 'math domain error');

function f1(name: string, f: (x: number) => number, valid: (x: number) => boolean = () => true): PyValue {
  return native(`${name}(x, /)`, ([x]) => {
    const v = num(x, name);
    if (!valid(v)) throw domain();
    const r = f(v);
    if (Number.isNaN(r) && !Number.isNaN(v)) throw domain();
    if (!Number.isFinite(r) && Number.isFinite(v)) throw pyError(OverflowError, 'math range error');
    return new PyFloat(r);
  });
}

function bigInt(v: PyValue, _fn: string): bigint {
  const i = intOf(v);
  if (i === undefined) {
    if (v instanceof PyFloat) throw typeError(`'float' object cannot be interpreted as an integer`);
    return BigInt(indexValue(v));
  }
  return BigInt(i);
}

function factorial(n: bigint): bigint {
  let r = 1n;
  for (let i = 2n; i <= n; i++) r *= i;
  return r;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

function erf(x: number): number {
  // Abramowitz-Stegun 7.1.26 is too coarse; use a series/continued fraction split like CPython's.
  const ax = Math.abs(x);
  if (ax < 1.5) {
    let sum = 0;
    let term = x;
    for (let n = 0; n < 60; n++) {
      sum += term / (2 * n + 1);
      term *= (-x * x) / (n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  return (x > 0 ? 1 : -1) * (1 - erfcContinued(ax));
}

function erfcContinued(x: number): number {
  // Lentz's continued fraction for erfc, x >= 1.5.
  let f = 0;
  for (let k = 60; k >= 1; k--) f = (k / 2) / (x + f);
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + f);
}

// CPython's Lanczos approximation (Modules/mathmodule.c), ported as is so results match to the bit.
const lanczosG = 6.024680040776729583740234375;
const lanczosGMinusHalf = 5.524680040776729583740234375;
const lanczosNum = [
  23531376880.41076,
  42919803642.6491,
  35711959237.35567,
  17921034426.03721,
  6039542586.352028,
  1439720407.3117216,
  248874557.86205417,
  31426415.585400194,
  2876370.6289353725,
  186056.26539522348,
  8071.672002365816,
  210.82427775157936,
  2.5066282746310002,
];
const lanczosDen = [0, 39916800, 120543840, 150917976, 105258076, 45995730, 13339535, 2637558, 357423, 32670, 1925, 66, 1];

function lanczosSum(x: number): number {
  let num = 0;
  let den = 0;
  if (x < 5) {
    for (let i = 12; i >= 0; i--) {
      num = num * x + lanczosNum[i];
      den = den * x + lanczosDen[i];
    }
  } else {
    for (let i = 0; i < 13; i++) {
      num = num / x + lanczosNum[i];
      den = den / x + lanczosDen[i];
    }
  }
  return num / den;
}

function sinpi(x: number): number {
  const y = Math.abs(x) % 2;
  const n = Math.round(2 * y);
  let r: number;
  switch (n) {
    case 0:
      r = Math.sin(Math.PI * y);
      break;
    case 1:
      r = Math.cos(Math.PI * (y - 0.5));
      break;
    case 2:
      r = Math.sin(Math.PI * (1 - y));
      break;
    case 3:
      r = -Math.cos(Math.PI * (y - 1.5));
      break;
    default:
      r = Math.sin(Math.PI * (y - 2));
  }
  return (x < 0 ? -1 : 1) * r;
}

function lgamma(x: number): number {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? x : Infinity;
  if (x === Math.floor(x) && x <= 2) {
    if (x <= 0) throw domain();
    return 0;
  }
  const absx = Math.abs(x);
  if (absx < 1e-20) return -Math.log(absx);
  let r = Math.log(lanczosSum(absx)) - lanczosG;
  r += (absx - 0.5) * (Math.log(absx + lanczosG - 0.5) - 1);
  if (x < 0) r = Math.log(Math.PI) - Math.log(Math.abs(sinpi(absx))) - Math.log(absx) - r;
  return r;
}

function gamma(x: number): number {
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x) || x > 0) return x;
    throw domain();
  }
  if (x === 0) throw domain();
  if (x === Math.floor(x)) {
    if (x < 0) throw domain();
    if (x <= 23) return Number(factorial(BigInt(x - 1)));
  }
  const absx = Math.abs(x);
  if (absx < 1e-20) return 1 / x;
  if (absx > 200) {
    if (x < 0) return 0 / sinpi(x);
    throw pyError(OverflowError, 'math range error');
  }
  const y = absx + lanczosGMinusHalf;
  let z: number;
  if (absx > lanczosGMinusHalf) z = y - absx - lanczosGMinusHalf;
  else z = y - lanczosGMinusHalf - absx;
  z = (z * lanczosG) / y;
  let r: number;
  if (x < 0) {
    r = (-Math.PI / sinpi(absx) / absx) * Math.exp(y) / lanczosSum(absx);
    r -= z * r;
    if (absx < 140) r /= Math.pow(y, absx - 0.5);
    else {
      const s = Math.pow(y, absx / 2 - 0.25);
      r /= s;
      r /= s;
    }
  } else {
    r = lanczosSum(absx) / Math.exp(y);
    r += z * r;
    if (absx < 140) r *= Math.pow(y, absx - 0.5);
    else {
      const s = Math.pow(y, absx / 2 - 0.25);
      r *= s;
      r *= s;
    }
  }
  return r;
}

function rounding(name: 'floor' | 'ceil' | 'trunc', f: (x: number) => number): PyValue {
  return native(`${name}(x, /)`, ([x]) => {
    const i = intOf(x);
    if (i !== undefined) return i;
    if (x instanceof PyFloat) return floatToInt(f(x.value));
    const m = typeOf(x).lookup(`__${name}__`);
    if (m !== undefined) return call(m, [x]);
    return floatToInt(f(num(x, name)));
  });
}

export function mathModule(): ReturnType<typeof makeModule> {
  const isqrt = (n: bigint): bigint => {
    if (n < 0n) throw pyError(ValueError, 'isqrt() argument must be nonnegative');
    if (n < 2n) return n;
    let x = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (x * x > n) x--;
    while ((x + 1n) * (x + 1n) <= n) x++;
    return x;
  };
  return makeModule('math', {
    pi: new PyFloat(Math.PI), e: new PyFloat(Math.E), tau: new PyFloat(2 * Math.PI), inf: new PyFloat(Infinity),
    nan: new PyFloat(NaN),
    sqrt: f1('sqrt', Math.sqrt, (x) => x >= 0 || Number.isNaN(x)),
    exp: f1('exp', Math.exp),
    expm1: f1('expm1', Math.expm1),
    log: native('log(x, base=None, /)', ([x, base]) => {
      const i = intOf(x);
      let lx: number;
      if (i !== undefined && typeof i === 'bigint') {
        if (i <= 0n) throw domain();
        const s = i.toString();
        lx = Math.log(Number(`0.${s}`)) + s.length * Math.LN10;
      } else {
        const v = num(x, 'log');
        if (v <= 0) throw domain();
        lx = Math.log(v);
      }
      if (base instanceof PyObject && base.cls.name === 'NoneType') return new PyFloat(lx);
      const b = num(base, 'log');
      if (b <= 0 || b === 1) throw b === 1 ? pyError(ValueError, 'math domain error') : domain();
      return new PyFloat(lx / Math.log(b));
    }),
    log2: f1('log2', Math.log2, (x) => x > 0),
    log10: f1('log10', Math.log10, (x) => x > 0),
    log1p: f1('log1p', Math.log1p, (x) => x > -1),
    pow: native('pow(x, y, /)', ([x, y]) => {
      const a = num(x, 'pow');
      const b = num(y, 'pow');
      if (a === 0 && b < 0) throw domain();
      if (a < 0 && !Number.isInteger(b) && Number.isFinite(b)) throw domain();
      const r = Math.pow(a, b);
      if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) throw pyError(OverflowError, 'math range error');
      return new PyFloat(a === 1 || b === 0 ? 1 : r);
    }),
    sin: f1('sin', Math.sin, Number.isFinite), cos: f1('cos', Math.cos, Number.isFinite), tan: f1('tan', Math.tan, Number.isFinite),
    asin: f1('asin', Math.asin, (x) => x >= -1 && x <= 1), acos: f1('acos', Math.acos, (x) => x >= -1 && x <= 1),
    atan: f1('atan', Math.atan),
    atan2: native('atan2(y, x, /)', ([y, x]) => new PyFloat(Math.atan2(num(y, 'atan2'), num(x, 'atan2')))),
    sinh: f1('sinh', Math.sinh), cosh: f1('cosh', Math.cosh), tanh: f1('tanh', Math.tanh), asinh: f1('asinh', Math.asinh),
    acosh: f1('acosh', Math.acosh, (x) => x >= 1), atanh: f1('atanh', Math.atanh, (x) => x > -1 && x < 1),
    erf: f1('erf', erf), erfc: f1('erfc', (x) => (x >= 1.5 ? erfcContinued(x) : 1 - erf(x))),
    gamma: f1('gamma', gamma), lgamma: f1('lgamma', lgamma),
    degrees: f1('degrees', (x) => (x * 180) / Math.PI), radians: f1('radians', (x) => (x * Math.PI) / 180),
    fabs: f1('fabs', Math.abs),
    floor: rounding('floor', Math.floor), ceil: rounding('ceil', Math.ceil), trunc: rounding('trunc', Math.trunc),
    copysign: native('copysign(x, y, /)', ([x, y]) => {
      const a = Math.abs(num(x, 'copysign'));
      const b = num(y, 'copysign');
      return new PyFloat(b < 0 || Object.is(b, -0) ? -a : a);
    }),
    fmod: native('fmod(x, y, /)', ([x, y]) => {
      const b = num(y, 'fmod');
      if (b === 0) throw domain();
      return new PyFloat(num(x, 'fmod') % b);
    }),
    modf: native('modf(x, /)', ([x]) => {
      const v = num(x, 'modf');
      const ip = Math.trunc(v);
      return tuple([new PyFloat(v - ip), new PyFloat(ip)]);
    }),
    frexp: native('frexp(x, /)', ([x]) => {
      const v = num(x, 'frexp');
      if (v === 0 || !Number.isFinite(v)) return tuple([new PyFloat(v), 0]);
      let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(v))) + 1);
      let m = v * Math.pow(2, -e);
      while (Math.abs(m) < 0.5) {
        m *= 2;
        e--;
      }
      while (Math.abs(m) >= 1) {
        m /= 2;
        e++;
      }
      return tuple([new PyFloat(m), e]);
    }),
    ldexp: native('ldexp(x, i, /)', ([x, i]) => new PyFloat(num(x, 'ldexp') * Math.pow(2, indexValue(i)))),
    hypot: native('hypot(*coordinates)', ([c]) => new PyFloat(Math.hypot(...toArray(c).map((v) => num(v, 'hypot'))))),
    dist: native('dist(p, q, /)', ([p, q]) => {
      const a = toArray(p).map((v) => num(v, 'dist'));
      const b = toArray(q).map((v) => num(v, 'dist'));
      if (a.length !== b.length) throw pyError(ValueError, 'both points must have the same number of dimensions');
      return new PyFloat(Math.hypot(...a.map((v, i) => v - b[i])));
    }),
    isfinite: native('isfinite(x, /)', ([x]) => Number.isFinite(num(x, 'isfinite'))),
    isinf: native('isinf(x, /)', ([x]) => Math.abs(num(x, 'isinf')) === Infinity),
    isnan: native('isnan(x, /)', ([x]) => Number.isNaN(num(x, 'isnan'))),
    isclose: native('isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)', ([a, b, rt, at]) => {
      const x = num(a, 'isclose');
      const y = num(b, 'isclose');
      const rel = num(rt, 'isclose');
      const abs = num(at, 'isclose');
      if (rel < 0 || abs < 0) throw pyError(ValueError, 'tolerances must be non-negative');
      if (x === y) return true;
      if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
      const d = Math.abs(x - y);
      return d <= Math.abs(rel * y) || d <= Math.abs(rel * x) || d <= abs;
    }),
    factorial: native('factorial(n, /)', ([n]) => {
      if (n instanceof PyFloat) throw typeError("'float' object cannot be interpreted as an integer");
      const k = bigInt(n, 'factorial');
      if (k < 0n) throw pyError(ValueError, 'factorial() not defined for negative values');
      return normInt(factorial(k));
    }),
    gcd: native('gcd(*integers)', ([xs]) => normInt(toArray(xs).reduce<bigint>((a, b) => gcd(a, bigInt(b, 'gcd')), 0n))),
    lcm: native('lcm(*integers)', ([xs]) => normInt(toArray(xs).reduce<bigint>((a, b) => {
      const y = bigInt(b, 'lcm');
      if (a === 0n || y === 0n) return 0n;
      const r = (a * y) / gcd(a, y);
      return r < 0n ? -r : r;
    }, 1n))),
    comb: native('comb(n, k, /)', ([n, k]) => {
      const a = bigInt(n, 'comb');
      const b = bigInt(k, 'comb');
      if (a < 0n || b < 0n) throw pyError(ValueError, `${a < 0n ? 'n' : 'k'} must be a non-negative integer`);
      if (b > a) return 0;
      let r = 1n;
      for (let i = 1n; i <= (b < a - b ? b : a - b); i++) r = (r * (a - i + 1n)) / i;
      return normInt(r);
    }),
    perm: native('perm(n, k=None, /)', ([n, k]) => {
      const a = bigInt(n, 'perm');
      const b = k instanceof PyObject && k.cls.name === 'NoneType' ? a : bigInt(k, 'perm');
      if (a < 0n || b < 0n) throw pyError(ValueError, `${a < 0n ? 'n' : 'k'} must be a non-negative integer`);
      if (b > a) return 0;
      let r = 1n;
      for (let i = 0n; i < b; i++) r *= a - i;
      return normInt(r);
    }),
    isqrt: native('isqrt(n, /)', ([n]) => normInt(isqrt(bigInt(n, 'isqrt')))),
    prod: native('prod(iterable, /, *, start=1)', ([it, start]) => {
      let acc = start;
      const i = iter(it);
      for (let v = i.next(); v !== undefined; v = i.next()) acc = binaryOp('*', acc, v);
      return acc;
    }),
    fsum: native('fsum(seq, /)', ([seq]) => {
      // Neumaier summation: exact enough to match CPython on ordinary inputs.
      let s = 0;
      let c = 0;
      for (const v of toArray(seq)) {
        const x = num(v, 'fsum');
        const t = s + x;
        c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
        s = t;
      }
      return new PyFloat(s + c);
    }),
  });
}

