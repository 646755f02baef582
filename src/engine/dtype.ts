// PyTorch's dtypes: names, sizes, storage arrays, and the type-promotion rules (torch.result_type).

export type DType =
  | 'float32' | 'float64' | 'float16' | 'bfloat16'
  | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool'
  // complex64 stores like float32 with a trailing dim of 2 (real, imag); only RoPE's ops support it (ops/complex.ts).
  | 'complex64';

export const DTYPES: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool', 'complex64'];

export type Storage =
  | Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

const ITEMSIZE: Record<DType, number> = {
  float32: 4, float64: 8, float16: 2, bfloat16: 2, int64: 8, int32: 4, int16: 2, int8: 1, uint8: 1, bool: 1, complex64: 8,
};

export const itemsize = (d: DType): number => ITEMSIZE[d];
export const isFloating = (d: DType): boolean => d === 'float32' || d === 'float64' || d === 'float16' || d === 'bfloat16';
export const isComplex = (d: DType): boolean => d === 'complex64';
export const isIntegral = (d: DType, includeBool = false): boolean => !isFloating(d) && !isComplex(d) && (includeBool || d !== 'bool');

/**
 * The JS array that holds a dtype. float16/bfloat16 compute in float32 storage (the dtype is kept for
 * printing and sizes); int64 lives in a Float64Array, exact for |v| ≤ 2**53.
 */
export function allocStorage(d: DType, n: number): Storage {
  switch (d) {
    case 'float32': case 'float16': case 'bfloat16': return new Float32Array(n);
    case 'float64': case 'int64': return new Float64Array(n);
    case 'int32': return new Int32Array(n);
    case 'int16': return new Int16Array(n);
    case 'int8': return new Int8Array(n);
    case 'uint8': case 'bool': return new Uint8Array(n);
    case 'complex64': return new Float32Array(2 * n);
  }
}

/** Converts a JS number to what a dtype stores: truncation toward zero and wrap-around for integers, 0/1 for bool. */
export function castValue(d: DType, v: number): number {
  switch (d) {
    case 'bool': return v !== 0 && !Number.isNaN(v) ? 1 : 0;
    case 'int64': return Number.isFinite(v) ? Math.trunc(v) : 0;
    case 'float32': case 'float16': case 'bfloat16': return Math.fround(v);
    default: return v;
  }
}

// Promotion lattice, as torch.promote_types.
const ORDER: DType[] = ['bool', 'uint8', 'int8', 'int16', 'int32', 'int64', 'float16', 'bfloat16', 'float32', 'float64'];

export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'complex64' || b === 'complex64') return 'complex64';
  if ((a === 'uint8' && b === 'int8') || (a === 'int8' && b === 'uint8')) return 'int16';
  if ((a === 'float16' && b === 'bfloat16') || (a === 'bfloat16' && b === 'float16')) return 'float32';
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

let defaultDtype: DType = 'float32';
export const get_default_dtype = (): DType => defaultDtype;
export function set_default_dtype(d: DType): void {
  if (!isFloating(d)) throw new TypeError(`only floating-point types are supported as the default type`);
  defaultDtype = d;
}

type Category = 0 | 1 | 2 | 3 | 4; // none, bool, integral, floating, complex
const category = (d: DType | undefined): Category => (d === undefined ? 0 : d === 'bool' ? 1 : isComplex(d) ? 4 : isFloating(d) ? 3 : 2);

/** An operand of result_type: a tensor (with its dim) or a Python scalar. */
export type Operand = { dtype: DType; dim: number } | number | boolean;

/** torch.result_type over tensors and Python scalars: dimensioned tensors outrank 0-dim ones, which outrank scalars, unless a lower tier is of a higher category. */
export function resultType(...ops: Operand[]): DType {
  let dimRes: DType | undefined, zeroRes: DType | undefined, wrapRes: DType | undefined;
  const merge = (cur: DType | undefined, d: DType): DType => (cur === undefined ? d : promoteTypes(cur, d));
  for (const o of ops) {
    if (typeof o === 'boolean') wrapRes = merge(wrapRes, 'bool');
    else if (typeof o === 'number') wrapRes = merge(wrapRes, Number.isInteger(o) && !Object.is(o, -0) ? 'int64' : defaultDtype);
    else if (o.dim > 0) dimRes = merge(dimRes, o.dtype);
    else zeroRes = merge(zeroRes, o.dtype);
  }
  const combine = (hi: DType | undefined, lo: DType | undefined): DType | undefined => {
    if (hi === undefined) return lo;
    if (lo === undefined) return hi;
    if (category(hi) >= category(lo)) return hi;
    return promoteTypes(hi, lo);
  };
  return combine(dimRes, combine(zeroRes, wrapRes)) ?? defaultDtype;
}

/** The legacy type name PyTorch prints in some messages: torch.FloatTensor, torch.LongTensor, ... */
export function legacyTypeName(d: DType): string {
  const m: Record<DType, string> = {
    float32: 'FloatTensor', float64: 'DoubleTensor', float16: 'HalfTensor', bfloat16: 'BFloat16Tensor',
    int64: 'LongTensor', int32: 'IntTensor', int16: 'ShortTensor', int8: 'CharTensor', uint8: 'ByteTensor', bool: 'BoolTensor', complex64: 'ComplexFloatTensor',
  };
  return `torch.${m[d]}`;
}

/** The ScalarType name PyTorch's C++ messages use: Float, Long, Bool, ... */
export function scalarTypeName(d: DType): string {
  const m: Record<DType, string> = {
    float32: 'Float', float64: 'Double', float16: 'Half', bfloat16: 'BFloat16',
    int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool', complex64: 'ComplexFloat',
  };
  return m[d];
}

/** Parses `torch.float32`, `float`, `torch.long`... into a DType. */
export function parseDtype(name: string): DType {
  const n = name.replace(/^torch\./, '');
  const alias: Record<string, DType> = {
    float: 'float32', double: 'float64', half: 'float16', long: 'int64', int: 'int32', short: 'int16',
    float32: 'float32', float64: 'float64', float16: 'float16', bfloat16: 'bfloat16', int64: 'int64',
    int32: 'int32', int16: 'int16', int8: 'int8', uint8: 'uint8', bool: 'bool', complex64: 'complex64', cfloat: 'complex64',
  };
  const d = alias[n];
  if (!d) throw new TypeError(`unknown dtype ${name}`);
  return d;
}
