// torch.finfo / torch.iinfo: the numeric limits of each dtype, with PyTorch's fields, values and repr
// (floats printed as C++'s %g, six significant digits). int64's limits are beyond 2**53: the engine's
// numbers hold the nearest double, as the engine's int64 storage does.
import { type DType, isFloating, get_default_dtype } from '../dtype';
import { typeError } from '../errors';

/**
 * %g with six significant digits, as PyTorch's finfo/iinfo repr prints (C's printf: the exact binary
 * value, ties to even — so 0.0009765625 prints 0.000976562, where JS's toPrecision would round up).
 */
function fmtG(v: number): string {
  if (v === 0) return '0';
  const [m, e] = Math.abs(v).toExponential(20).split('e');
  const digits = m.replace('.', '');
  let head = Number(digits.slice(0, 6));
  const rest = digits.slice(6);
  const up = rest[0] > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || head % 2 === 1));
  let exp = Number(e);
  if (up) head += 1;
  if (head >= 1e6) { head /= 10; exp += 1; }
  const sig = String(head).replace(/0+$/, '') || '0';
  const sign = v < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const mant = sig.length > 1 ? `${sig[0]}.${sig.slice(1)}` : sig;
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  // Fixed notation: place the decimal point exp+1 digits into the significant digits.
  const point = exp + 1;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${sig}`;
  if (point >= sig.length) return `${sign}${sig}${'0'.repeat(point - sig.length)}`;
  return `${sign}${sig.slice(0, point)}.${sig.slice(point)}`;
}

interface FloatLimits { bits: number; eps: number; max: number; tiny: number; resolution: number }
const FLOAT: Record<'float32' | 'float64' | 'float16' | 'bfloat16', FloatLimits> = {
  float32: { bits: 32, eps: 1.1920928955078125e-7, max: 3.4028234663852886e38, tiny: 1.1754943508222875e-38, resolution: 1e-6 },
  float64: { bits: 64, eps: 2.220446049250313e-16, max: 1.7976931348623157e308, tiny: 2.2250738585072014e-308, resolution: 1e-15 },
  float16: { bits: 16, eps: 0.0009765625, max: 65504, tiny: 6.103515625e-5, resolution: 0.001 },
  bfloat16: { bits: 16, eps: 0.0078125, max: 3.3895313892515355e38, tiny: 1.1754943508222875e-38, resolution: 0.01 },
};
const INT: Record<'int64' | 'int32' | 'int16' | 'int8' | 'uint8', { bits: number; min: number; max: number }> = {
  int64: { bits: 64, min: -(2 ** 63), max: 2 ** 63 - 1 },
  int32: { bits: 32, min: -(2 ** 31), max: 2 ** 31 - 1 },
  int16: { bits: 16, min: -32768, max: 32767 },
  int8: { bits: 8, min: -128, max: 127 },
  uint8: { bits: 8, min: 0, max: 255 },
};

/** The largest finite value of a floating dtype (nan_to_num's default for +inf). */
export const finfoMax = (d: DType): number => (isFloating(d) ? FLOAT[d as keyof typeof FLOAT].max : 0);

/** What torch.finfo(dtype) returns. */
export class FInfo {
  readonly bits: number; readonly eps: number; readonly max: number; readonly min: number;
  readonly tiny: number; readonly smallest_normal: number; readonly resolution: number; readonly dtype: string;
  constructor(dtype: DType = get_default_dtype()) {
    if (!isFloating(dtype)) throw typeError("torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'");
    const l = FLOAT[dtype as keyof typeof FLOAT];
    this.bits = l.bits; this.eps = l.eps; this.max = l.max; this.min = -l.max;
    this.tiny = l.tiny; this.smallest_normal = l.tiny; this.resolution = l.resolution; this.dtype = dtype;
  }
  toString(): string {
    return `finfo(resolution=${fmtG(this.resolution)}, min=${fmtG(this.min)}, max=${fmtG(this.max)}, eps=${fmtG(this.eps)}, smallest_normal=${fmtG(this.smallest_normal)}, tiny=${fmtG(this.tiny)}, dtype=${this.dtype})`;
  }
}

/** What torch.iinfo(dtype) returns. */
export class IInfo {
  readonly bits: number; readonly max: number; readonly min: number; readonly dtype: string;
  constructor(dtype: DType) {
    if (dtype === 'bool') throw typeError('torch.bool is not supported by torch.iinfo');
    if (isFloating(dtype)) throw typeError("torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'");
    const l = INT[dtype as keyof typeof INT];
    this.bits = l.bits; this.min = l.min; this.max = l.max; this.dtype = dtype;
  }
  toString(): string { return `iinfo(min=${fmtG(this.min)}, max=${fmtG(this.max)}, dtype=${this.dtype})`; }
}

/** torch.finfo(dtype=default dtype) and torch.iinfo(dtype): called like functions, as in Python. */
export const finfo = (dtype?: DType): FInfo => new FInfo(dtype);
export const iinfo = (dtype: DType): IInfo => new IInfo(dtype);
