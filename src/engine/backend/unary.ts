// Transcendental elementwise functions on large float32 arrays through tfjs-wasm's SIMD kernels, which
// beat a JS Math loop even counting the copies (1M elements, interleaved best times: sigmoid 23x,
// silu 15x, log 6x, erf 5x, gelu 5x, sqrt 4x, tanh 2.5x, exp 1.4x). sin/cos are faster in JS; small
// arrays (call overhead) and float64 (precision) stay in JS too.
import type * as tfc from '@tensorflow/tfjs-core';
import { run, type Tf } from './init';
import { read } from './matmul';
import { fail, type FloatArray } from './util';

export type UnaryName = 'exp' | 'log' | 'tanh' | 'sigmoid' | 'erf' | 'gelu' | 'silu' | 'softplus' | 'log1p' | 'expm1' | 'sqrt' | 'rsqrt' | 'sin' | 'cos';

/** Below this many elements the ~10 µs tfjs round trip costs more than the JS loop. */
const TFJS_MIN_ELEMENTS = 2048;

const SQRT1_2 = Math.SQRT1_2;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

interface Impl {
  js: (v: number) => number;
  /** null: the JS loop is faster at every size. */
  tf: ((tf: Tf, t: tfc.Tensor) => tfc.Tensor) | null;
}

const IMPLS: Record<UnaryName, Impl> = {
  exp: { js: Math.exp, tf: (tf, t) => tf.exp(t) },
  log: { js: Math.log, tf: (tf, t) => tf.log(t) },
  tanh: { js: Math.tanh, tf: (tf, t) => tf.tanh(t) },
  sigmoid: { js: (v) => 1 / (1 + Math.exp(-v)), tf: (tf, t) => tf.sigmoid(t) },
  erf: { js: erf, tf: (tf, t) => tf.erf(t) },
  // PyTorch's default (approximate='none'): x·Φ(x).
  gelu: { js: (v) => 0.5 * v * (1 + erf(v * SQRT1_2)), tf: (tf, t) => tf.mul(tf.mul(t, 0.5), tf.add(tf.erf(tf.mul(t, SQRT1_2)), 1)) },
  silu: { js: (v) => v / (1 + Math.exp(-v)), tf: (tf, t) => tf.mul(t, tf.sigmoid(t)) },
  // PyTorch's softplus (beta=1, threshold=20): linear above the threshold.
  softplus: { js: (v) => (v > 20 ? v : Math.log1p(Math.exp(v))), tf: (tf, t) => tf.where(tf.greater(t, 20), t, tf.softplus(t)) },
  log1p: { js: Math.log1p, tf: (tf, t) => tf.log1p(t) },
  expm1: { js: Math.expm1, tf: (tf, t) => tf.expm1(t) },
  sqrt: { js: Math.sqrt, tf: (tf, t) => tf.sqrt(t) },
  rsqrt: { js: (v) => 1 / Math.sqrt(v), tf: (tf, t) => tf.rsqrt(t) },
  sin: { js: Math.sin, tf: null },
  cos: { js: Math.cos, tf: null },
};

export const UNARY_NAMES = Object.keys(IMPLS) as UnaryName[];

/** f(x) elementwise; returns the same storage type as x (Float64Array stays exact, in JS). */
export function unary<T extends FloatArray>(name: UnaryName, x: T): T {
  const K = `unary(${name})`;
  const impl = IMPLS[name];
  if (!impl) fail('unary', `unknown function '${String(name)}'; known: ${UNARY_NAMES.join(', ')}`);
  if (!(x instanceof Float32Array) && !(x instanceof Float64Array)) fail(K, 'x must be a Float32Array or Float64Array');
  const viaTf = impl.tf;
  if (viaTf === null || x instanceof Float64Array || x.length < TFJS_MIN_ELEMENTS) return unaryJs(impl.js, x);
  return run(K, () => `x of ${x.length} elements`, (tf) => read(viaTf(tf, tf.tensor1d(x, 'float32')))) as T;
}

/** The plain-JS path (also the reference the tests compare the tfjs path against). */
export function unaryJs<T extends FloatArray>(f: (v: number) => number, x: T): T {
  const out = (x instanceof Float64Array ? new Float64Array(x.length) : new Float32Array(x.length)) as T;
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
  return out;
}

export function unaryJsByName<T extends FloatArray>(name: UnaryName, x: T): T {
  return unaryJs(IMPLS[name].js, x);
}

/**
 * erf to ~1e-13 relative: the Maclaurin series below 2.5 (its cancellation costs at most ~3 digits
 * there, and 1 − erfc would lose all of them near 0), else 1 − erfc with erfc from its continued
 * fraction (Lentz), which converges in a few dozen steps from 2.5 on.
 */
export function erf(x: number): number {
  if (x !== x) return NaN;
  const a = Math.abs(x);
  if (a < 2.5) {
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 120; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  if (a > 6) return x > 0 ? 1 : -1;
  const r = 1 - erfcLarge(a);
  return x > 0 ? r : -r;
}

/** erfc(a) for a >= 2.5: exp(−a²)/√π · 1/(a + 1/2/(a + 1/(a + 3/2/(a + …)))). */
function erfcLarge(a: number): number {
  const tiny = 1e-300;
  let f = a;
  let C = a;
  let D = 0;
  for (let n = 1; n < 500; n++) {
    const an = n / 2;
    D = a + an * D;
    D = D === 0 ? tiny : D;
    C = a + an / C;
    C = C === 0 ? tiny : C;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
}
