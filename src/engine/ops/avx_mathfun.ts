// Scalar replicas of the float32 log and sincos PyTorch's AVX2 normal_ kernel uses (avx_mathfun.h, the
// cephes polynomials), including the multiply-adds GCC fuses into FMA there. With them, torch.randn on
// float32 matches x86 PyTorch bit for bit (checked against 800k draws of torch 2.13).
const f32 = Math.fround;

/** A float32 fused multiply-add: a*b is exact in double for float inputs, so one rounding remains. */
export const fma32 = (a: number, b: number, c: number): number => f32(a * b + c);

const FB = new Float32Array(1);
const IB = new Int32Array(FB.buffer);

const MIN_NORM = 2 ** -126; // the smallest normal float
const SQRTHF = f32(Math.SQRT1_2); // cephes_SQRTHF
const LOG_P = [7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1].map(f32);
const LOG_Q1 = f32(-2.1219444e-4);
const LOG_Q2 = f32(0.693359375);

/** log256_ps for one lane. */
export function logAvx(x0: number): number {
  if (!(x0 > 0)) return NaN;
  FB[0] = Math.max(x0, MIN_NORM);
  const bits = IB[0];
  IB[0] = (bits & ~0x7f800000) | 0x3f000000; // keep the mantissa, exponent of 0.5
  let x = FB[0];
  let e = f32((bits >>> 23) - 0x7f + 1);
  const small = x < SQRTHF;
  const tmp = small ? x : 0;
  x = f32(x - 1);
  if (small) e = f32(e - 1);
  x = f32(x + tmp);
  const z = f32(x * x);
  let y = fma32(LOG_P[0], x, LOG_P[1]);
  y = fma32(y, x, LOG_P[2]);
  y = fma32(y, x, LOG_P[3]);
  y = fma32(y, x, LOG_P[4]);
  y = fma32(y, x, LOG_P[5]);
  y = fma32(y, x, LOG_P[6]);
  y = fma32(y, x, LOG_P[7]);
  y = fma32(y, x, LOG_P[8]);
  y = f32(y * x);
  y = fma32(y, z, f32(e * LOG_Q1));
  y = fma32(-z, 0.5, y);
  return fma32(e, LOG_Q2, f32(x + y));
}

const FOPI = f32(1.27323954473516);
const DP = [-0.78515625, -2.4187564849853515625e-4, -3.774894977445941e-8].map(f32);
const SINCOF = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(f32);
const COSCOF = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(f32);

/** Output of sincosAvx: [sin, cos] (a shared buffer, so the hot loop allocates nothing). */
export const SINCOS = new Float64Array(2);

/** sincos256_ps for one lane. */
export function sincosAvx(x0: number): void {
  let signSin = x0 < 0 || Object.is(x0, -0);
  let x = Math.abs(x0);
  let j = Math.trunc(f32(x * FOPI)) | 0;
  j = (j + 1) & ~1;
  const y = j;
  const swapSin = (j & 4) !== 0;
  const poly = (j & 2) === 0;
  x = fma32(y, DP[0], x);
  x = fma32(y, DP[1], x);
  x = fma32(y, DP[2], x);
  const signCos = (~(j - 2) & 4) !== 0;
  signSin = signSin !== swapSin;
  const z = f32(x * x);
  let yc = fma32(COSCOF[0], z, COSCOF[1]);
  yc = fma32(yc, z, COSCOF[2]);
  yc = f32(yc * z);
  yc = fma32(yc, z, -f32(z * 0.5));
  yc = f32(yc + 1);
  let ys = fma32(SINCOF[0], z, SINCOF[1]);
  ys = fma32(ys, z, SINCOF[2]);
  ys = f32(ys * z);
  ys = fma32(ys, x, x);
  // The kernel picks each polynomial with bit masks and adds +0 for the other; mirror the adds.
  const sin2 = poly ? ys : 0, sin1 = poly ? 0 : yc;
  const s = f32(sin1 + sin2);
  const c = f32(f32(yc - sin1) + f32(ys - sin2));
  SINCOS[0] = signSin ? -s : s;
  SINCOS[1] = signCos ? -c : c;
}
