// Python's float formatting (`{:.4f}`, `{:.4e}`, `{:.0f}`), reproduced exactly: digits come from the
// double's exact binary value with round-half-even, as CPython does. JS toFixed/toExponential round
// ties away from zero (0.03125 -> '0.0313' where Python prints '0.0312'), so they are not used.

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** The exact value of a positive finite double as N * 10^-scale (N a BigInt). */
function exactDecimal(x: number): { n: bigint; scale: number } {
  F64[0] = x;
  const bits = U64[0];
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let e: number;
  if (expBits === 0) e = -1074;
  else { mant |= 1n << 52n; e = expBits - 1075; }
  if (e >= 0) return { n: mant << BigInt(e), scale: 0 };
  // m * 2^e = m * 5^-e / 10^-e
  return { n: mant * 5n ** BigInt(-e), scale: -e };
}

/** round(n / 10^k) with ties to even, for k >= 0. */
function roundDiv(n: bigint, k: number): bigint {
  if (k <= 0) return n * 10n ** BigInt(-k);
  const div = 10n ** BigInt(k);
  let q = n / div;
  const r2 = (n % div) * 2n;
  if (r2 > div || (r2 === div && (q & 1n) === 1n)) q += 1n;
  return q;
}

const signOf = (x: number): string => (x < 0 || Object.is(x, -0) ? '-' : '');

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

/** Python's `f"{x:.{p}f}"`. */
export function formatFixed(x: number, p: number): string {
  const nf = nonFinite(x);
  if (nf !== null) return nf;
  const sign = signOf(x);
  const a = Math.abs(x);
  let digits: string;
  if (a === 0) digits = '0';
  else {
    const { n, scale } = exactDecimal(a);
    digits = roundDiv(n, scale - p).toString();
  }
  if (p === 0) return sign + digits;
  digits = digits.padStart(p + 1, '0');
  return `${sign}${digits.slice(0, -p)}.${digits.slice(-p)}`;
}

/** Python's `f"{x:.{p}e}"`: mantissa with p decimals, exponent with a sign and at least two digits. */
export function formatExp(x: number, p: number): string {
  const nf = nonFinite(x);
  if (nf !== null) return nf;
  const sign = signOf(x);
  const a = Math.abs(x);
  let mant: string;
  let exp: number;
  if (a === 0) {
    mant = '0'.repeat(p + 1);
    exp = 0;
  } else {
    const { n, scale } = exactDecimal(a);
    const len = n.toString().length;
    exp = len - 1 - scale;
    let q = roundDiv(n, len - (p + 1));
    if (q.toString().length > p + 1) { q /= 10n; exp += 1; }
    mant = q.toString();
  }
  const m = p === 0 ? mant : `${mant[0]}.${mant.slice(1)}`;
  const es = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return `${sign}${m}e${es}`;
}

/** Python's `str(int)` for an integer stored in a double (exact beyond 2**53 via BigInt). */
export function formatInt(v: number): string {
  if (Math.abs(v) < 1e21) return String(v + 0);
  return BigInt(v).toString();
}

/** Rounds a double to the nearest value with `bits` mantissa bits (ties to even), exponent >= minExp. */
function roundMantissa(x: number, bits: number, minExp: number, max: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e -= 1;
  else if (2 ** (e + 1) <= a) e += 1;
  const ulp = 2 ** (Math.max(e, minExp) - bits);
  const q = a / ulp;
  const f = Math.floor(q);
  const r = q - f > 0.5 || (q - f === 0.5 && f % 2 === 1) ? f + 1 : f;
  const v = r * ulp;
  return Math.sign(x) * (v > max ? Infinity : v);
}

/**
 * The value a float16 / bfloat16 element holds. Half types are stored in float32 arrays (see
 * dtype.ts), so printing rounds them the way PyTorch's storage would have.
 */
export function roundToDtype(x: number, dtype: 'float16' | 'bfloat16'): number {
  return dtype === 'float16' ? roundMantissa(x, 10, -14, 65504) : roundMantissa(x, 7, -126, 3.3895313892515355e38);
}
