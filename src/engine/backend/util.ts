// Shared helpers of the kernel backend: the one error type every kernel throws, argument checks whose
// messages name the kernel, the argument and the shapes, and the small array helpers the kernels share.

import { TorchError, type TorchErrorKind } from '../errors';

/** Storage a kernel accepts for float data (float16/bfloat16 live in Float32Array, float64 in Float64Array). */
export type FloatArray = Float32Array | Float64Array;

/** Index storage accepted where a kernel reads indices back (int32 or the engine's int64 = Float64Array). */
export type IndexArray = Int32Array | Float64Array;

/**
 * Thrown by every kernel for bad arguments and for failures inside tfjs: a TorchError (RuntimeError
 * unless said otherwise), so the interpreter raises it as the Python exception PyTorch would. The
 * message names the kernel and the shapes; a tfjs failure keeps the original error as `cause` (for
 * debugging) but never leaks its wording into the message.
 */
export class BackendError extends TorchError {
  readonly kernel: string;
  constructor(kernel: string, message: string, options?: { cause?: unknown; kind?: TorchErrorKind }) {
    super(options?.kind ?? 'RuntimeError', `${kernel}: ${message}`);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
    this.kernel = kernel;
  }
}

export function fail(kernel: string, message: string, kind: TorchErrorKind = 'RuntimeError'): never {
  throw new BackendError(kernel, message, { kind });
}

/** `[2, 3, 4]`, the way shapes appear in every message. */
export function shapeStr(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export function prod(values: readonly number[]): number {
  let p = 1;
  for (const v of values) p *= v;
  return p;
}

export function isInt(v: unknown, min: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min;
}

/** A shape: integers >= 0, with the given rank (or any rank in [minRank, maxRank]). */
export function checkShape(kernel: string, name: string, shape: unknown, minRank: number, maxRank = minRank): number[] {
  if (!Array.isArray(shape) || shape.length < minRank || shape.length > maxRank || !shape.every((d) => isInt(d, 0))) {
    const want = minRank === maxRank ? `${minRank}` : `${minRank} to ${maxRank}`;
    fail(kernel, `${name} must be a list of ${want} non-negative integers, got ${describe(shape)}`);
  }
  return shape as number[];
}

/** A list of `n` integers >= min (strides, dilations, kernel sizes, paddings). */
export function checkInts(kernel: string, name: string, values: unknown, n: number, min: number): number[] {
  if (!Array.isArray(values) || values.length !== n || !values.every((v) => isInt(v, min))) {
    fail(kernel, `${name} must be a list of ${n} integers >= ${min}, got ${describe(values)}`);
  }
  return values as number[];
}

/** The data array holds exactly prod(shape) numbers of a float storage type. */
export function checkData(kernel: string, name: string, data: unknown, shape: readonly number[]): FloatArray {
  if (!(data instanceof Float32Array) && !(data instanceof Float64Array)) {
    fail(kernel, `${name} must be a Float32Array or Float64Array, got ${describe(data)}`);
  }
  const n = prod(shape);
  if (data.length !== n) {
    fail(kernel, `${name} has ${data.length} elements but its shape ${shapeStr(shape)} needs ${n}`);
  }
  return data;
}

export function checkIndexData(kernel: string, name: string, data: unknown, length: number): IndexArray {
  if (!(data instanceof Int32Array) && !(data instanceof Float64Array)) {
    fail(kernel, `${name} must be an Int32Array or Float64Array, got ${describe(data)}`);
  }
  if (data.length !== length) fail(kernel, `${name} has ${data.length} elements, expected ${length}`);
  return data;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'number' ? String(x) : typeof x)).join(', ')}]`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as unknown as { length: number }).length})`;
  if (v === null) return 'null';
  return typeof v === 'number' ? String(v) : typeof v;
}

/** The data as float32, the only float type tfjs kernels take (a Float64Array is converted, a copy). */
export function f32(data: FloatArray): Float32Array {
  return data instanceof Float32Array ? data : new Float32Array(data);
}

/** A new zeroed array of the same storage type as `like`. */
export function zerosLike<T extends FloatArray>(like: T, length: number): T {
  return (like instanceof Float64Array ? new Float64Array(length) : new Float32Array(length)) as T;
}

/** Pads a spatial shape of rank 1..3 to three dims (leading 1s) so one loop nest serves 1d, 2d and 3d. */
export function to3d(values: readonly number[], fill: number): [number, number, number] {
  const out = [fill, fill, fill];
  for (let i = 0; i < values.length; i++) out[3 - values.length + i] = values[i];
  return out as [number, number, number];
}
