// The sampling loops of PyTorch's CPU kernels (DistributionTemplates.h / TransformationHelper.h), one
// draw after another in memory order, so a seeded stream gives torch's values: uniform from the low
// 24 (float) or 53 (double) bits, Box-Muller in blocks of 16 for contiguous tensors of >= 16
// elements, the scalar Box-Muller path otherwise, integers as `draw % range + from`.
import { type DType, type Storage } from '../dtype';
import type { Generator } from '../random';
import { SINCOS, fma32, logAvx, sincosAvx } from './avx_mathfun';

const f32 = Math.fround;
/** Mantissa digits of each floating dtype (std::numeric_limits<T>::digits). */
const DIGITS: Partial<Record<DType, number>> = { float32: 24, float64: 53, float16: 11, bfloat16: 8 };

/**
 * One uniform_real_distribution<T>(from, to) draw. For float types `to - from` is a float
 * subtraction and the rest runs in double with one final rounding (what torch's CPU build computes).
 */
export function uniformDraw(g: Generator, dtype: DType, from: number, to: number): number {
  if (dtype === 'float64') return g.uniformDouble() * (to - from) + from;
  const digits = DIGITS[dtype] ?? 24;
  const x = (g.random() & ((1 << digits) - 1)) * 2 ** -digits;
  return f32(x * f32(to - from) + from);
}

export function fillUniform(d: Storage, dtype: DType, g: Generator, from: number, to: number): void {
  const a = dtype === 'float64' ? from : f32(from), b = dtype === 'float64' ? to : f32(to);
  for (let i = 0; i < d.length; i++) d[i] = uniformDraw(g, dtype, a, b);
}

/** normal_fill_16 (double, half, bfloat16): Box-Muller on 8 pairs (data[j], data[j + 8]) of uniforms in place. */
function normalFill16(d: Storage, at: number, mean: number, std: number, single: boolean): void {
  const r = single ? f32 : (x: number) => x;
  for (let j = 0; j < 8; j++) {
    const u1 = r(1 - d[at + j]);
    const u2 = d[at + j + 8];
    const radius = r(Math.sqrt(r(-2 * r(Math.log(u1)))));
    const theta = r(2.0 * Math.PI * u2);
    d[at + j] = r(r(radius * r(Math.cos(theta))) * std + mean);
    d[at + j + 8] = r(r(radius * r(Math.sin(theta))) * std + mean);
  }
}

const TWO_PI_F = f32(2 * Math.PI);

/** normal_fill_16_AVX2 for float32: the same transform with avx_mathfun's log and sincos. */
function normalFill16Float(d: Storage, at: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const u1 = f32(1 - d[at + j]);
    const u2 = d[at + j + 8];
    const radius = f32(Math.sqrt(f32(-2 * logAvx(u1))));
    sincosAvx(f32(TWO_PI_F * u2));
    d[at + j] = fma32(f32(radius * SINCOS[1]), std, mean);
    d[at + j + 8] = fma32(f32(radius * SINCOS[0]), std, mean);
  }
}

/**
 * normal_(mean, std) over a dense buffer. `blocked` is PyTorch's fast path (contiguous and >= 16
 * elements); float32 takes the AVX2 kernel x86 builds run (AVX-512 machines dispatch to it too).
 */
export function fillNormal(d: Storage, dtype: DType, g: Generator, mean: number, std: number, blocked: boolean): void {
  const n = d.length;
  if (blocked && n >= 16) {
    const single = dtype !== 'float64';
    const m = single ? f32(mean) : mean, s = single ? f32(std) : std;
    const block = (at: number) => (dtype === 'float32' ? normalFill16Float(d, at, m, s) : normalFill16(d, at, m, s, single));
    if (dtype === 'float32') for (let i = 0; i < n; i++) d[i] = g.uniformFloat();
    else for (let i = 0; i < n; i++) d[i] = uniformDraw(g, dtype, 0, 1);
    for (let i = 0; i + 16 <= n; i += 16) block(i);
    if (n % 16 !== 0) {
      // Like PyTorch: redraw the last 16 uniforms and transform them again.
      for (let i = n - 16; i < n; i++) d[i] = uniformDraw(g, dtype, 0, 1);
      block(n - 16);
    }
    return;
  }
  for (let i = 0; i < n; i++) d[i] = g.normalDouble(mean, std);
}

/** random_(from, to): `draw % range + from`, with a 64-bit draw when the range needs it. */
export function fillRandomRange(d: Storage, dtype: DType, g: Generator, from: number, to: number): void {
  const range = to - from;
  const wide = range >= 2 ** 32 && (dtype === 'int64' || dtype === 'float64' || dtype === 'float32' || dtype === 'bfloat16');
  if (wide) {
    const r = BigInt(range), base = BigInt(from);
    for (let i = 0; i < d.length; i++) d[i] = Number((g.random64() % r) + base);
  } else {
    for (let i = 0; i < d.length; i++) d[i] = (g.random() % range) + from;
  }
}

/** random_() with no bounds: a draw modulo the dtype's largest value + 1 (2**digits + 1 for floats). */
export function fillRandomFull(d: Storage, dtype: DType, g: Generator): void {
  const mod: Record<DType, bigint> = {
    bool: 2n, uint8: 256n, int8: 128n, int16: 32768n, int32: 2147483648n, int64: 1n << 63n,
    float32: (1n << 24n) + 1n, float64: (1n << 53n) + 1n, float16: (1n << 11n) + 1n, bfloat16: (1n << 8n) + 1n, complex64: (1n << 24n) + 1n,
  };
  const m = mod[dtype];
  const wide = dtype === 'int64' || dtype === 'float64';
  for (let i = 0; i < d.length; i++) {
    const v = wide ? g.random64() : BigInt(g.random());
    d[i] = Number(v % m);
  }
}

/** bernoulli with a probability per element: `uniform < p` (float uniform unless p is double). */
export function fillBernoulliTensor(d: Storage, g: Generator, p: ArrayLike<number>, pDouble: boolean): void {
  for (let i = 0; i < d.length; i++) d[i] = (pDouble ? g.uniformDouble() : g.uniformFloat()) < p[i] ? 1 : 0;
}

/** bernoulli_(p) with a scalar p: a double uniform per element (PyTorch's portable path). */
export function fillBernoulliScalar(d: Storage, g: Generator, p: number): void {
  for (let i = 0; i < d.length; i++) d[i] = g.uniformDouble() < p ? 1 : 0;
}

/** exponential_(lambd): -1/lambda * log1p(-u) on a double uniform. */
export function fillExponential(d: Storage, g: Generator, lambd: number): void {
  for (let i = 0; i < d.length; i++) d[i] = (-1.0 / lambd) * Math.log1p(-g.uniformDouble());
}
