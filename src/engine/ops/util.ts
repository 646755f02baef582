// Shared plumbing of the op families: scalars as wrapped tensors, output allocation on cpu or meta,
// elementwise launches with broadcasting, and reducing a broadcast gradient back to an input's shape.
import { type DType, allocStorage, castValue, resultType, isFloating, isComplex, get_default_dtype } from '../dtype';
import { runtimeError, typeError, notImplemented } from '../errors';
import { broadcastShapes, numelOf, type Shape, contiguousStrides } from '../shape';
import { Tensor, makeTensor, emptyTensor, type Device } from '../tensor';
import { unaryKernel, binaryKernel, ternaryKernel } from '../backend/strided';

export type Scalar = number | boolean;
export type TensorLike = Tensor | Scalar;

/** A Python scalar as a 0-dim tensor of `dtype` on `device` (PyTorch's wrapped number). */
export function scalarTensor(v: Scalar, dtype: DType, device: Device = 'cpu'): Tensor {
  if (device === 'meta') return makeTensor(null, [], dtype, 'meta');
  const d = allocStorage(dtype, 1);
  d[0] = castValue(dtype, typeof v === 'boolean' ? Number(v) : v);
  return makeTensor(d, [], dtype, device);
}

export const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;

/** The device of an op's result. cpu and meta tensors cannot mix, except 0-dim cpu tensors (as in PyTorch). */
export function commonDevice(opName: string, ...xs: (TensorLike | null | undefined)[]): Device {
  let meta = false, metaDim = false, cpuDim = false;
  for (const x of xs) {
    if (!(x instanceof Tensor)) continue;
    if (x.device === 'meta') { meta = true; if (x.dim() > 0) metaDim = true; }
    else if (x.dim() > 0) cpuDim = true;
  }
  if (metaDim && cpuDim) {
    throw runtimeError(`Expected all tensors to be on the same device, but found at least two devices, meta and cpu! (when checking argument for ${opName})`);
  }
  return meta ? 'meta' : 'cpu';
}

// A wrapped Python scalar ranks as a scalar of its kind: bool, int (any integer) or float (a non-integer).
const operand = (x: TensorLike) =>
  x instanceof Tensor ? (x._wrapped ? (x.dtype === 'bool' ? true : isFloating(x.dtype) ? 0.5 : 0) : { dtype: x.dtype, dim: x.dim() }) : x;

/**
 * A Python float/int/bool as PyTorch wraps it: a 0-dim tensor that promotes like a scalar. Python
 * floats need this because a JS number cannot tell `2.0` from `2`.
 */
export function wrappedScalar(v: number | boolean, kind: 'int' | 'float' | 'bool'): Tensor {
  const t = scalarTensor(v, kind === 'bool' ? 'bool' : kind === 'int' ? 'int64' : 'float64');
  t._wrapped = true;
  return t;
}
export const resultTypeOf = (...xs: TensorLike[]): DType => resultType(...xs.map(operand));

export function asTensor(x: TensorLike, dtype: DType, device: Device): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x !== 'number' && typeof x !== 'boolean') throw typeError(`expected Tensor or number, got ${typeof x}`);
  return scalarTensor(x, dtype, device);
}

/** Strides of `t` broadcast to `shape`: 0 for new or size-1 dims. */
export function broadcastStrides(t: Tensor, shape: Shape): number[] {
  const off = shape.length - t.shape.length;
  return shape.map((d, i) => {
    const j = i - off;
    if (j < 0) return 0;
    return t.shape[j] === 1 && d !== 1 ? 0 : t._strides[j];
  });
}

/**
 * The tensor an in-place op (`add_`, `relu_`, ...) writes into directly when no graph is recorded, so
 * the optimizer's updates cost one pass instead of compute-then-copy. Set only around single-kernel ops.
 */
let outTarget: Tensor | null = null;

export function withOutTarget<T>(target: Tensor, fn: () => T): T {
  const prev = outTarget;
  outTarget = target;
  try {
    return fn();
  } finally {
    outTarget = prev;
  }
}

/** The output tensor: the in-place target when it fits exactly and no input partially overlaps it. */
function output(shape: number[], dtype: DType, device: Device, inputs: Tensor[]): Tensor {
  const t = outTarget;
  if (t && device === 'cpu' && t.device === 'cpu' && t.dtype === dtype && t.shape.length === shape.length && t.shape.every((d, i) => d === shape[i])) {
    const overlaps = inputs.some((x) => x._box === t._box && !(x._offset === t._offset && broadcastStrides(x, shape).every((s, i) => s === t._strides[i])));
    if (!overlaps) return t;
  }
  return emptyTensor(shape, dtype, device);
}

/**
 * The error every real-only kernel raises on complex64 input (only ops/complex.ts handles it), so an
 * unsupported op fails with PyTorch's wording instead of reading (real, imag) pairs as numbers.
 */
export function rejectComplex(op: string, ...xs: unknown[]): void {
  for (const x of xs) if (x instanceof Tensor && isComplex(x.dtype)) throw notImplemented(`"${op}" not implemented for 'ComplexFloat'`);
}

/** out = expr(x) elementwise, in `outDtype`. */
export function mapUnary(x: Tensor, expr: string, outDtype: DType = x.dtype, op = expr): Tensor {
  rejectComplex(op, x);
  if (x.device === 'meta') return emptyTensor(x.shape, outDtype, x.device);
  const out = output(x.shape, outDtype, x.device, [x]);
  unaryKernel(expr)(x._data(), x._strides, x._offset, x.shape, out._data(), out._strides, out._offset);
  return out;
}

/** out = expr(x, y) elementwise with broadcasting. */
export function mapBinary(x: Tensor, y: Tensor, expr: string, outDtype: DType, device: Device = commonDevice('op', x, y)): Tensor {
  rejectComplex(expr, x, y);
  const shape = broadcastShapes(x.shape, y.shape);
  if (device === 'meta') return emptyTensor(shape, outDtype, device);
  const out = output(shape, outDtype, device, [x, y]);
  binaryKernel(expr)(x._data(), broadcastStrides(x, shape), x._offset, y._data(), broadcastStrides(y, shape), y._offset, shape, out._data(), out._strides, out._offset);
  return out;
}

export function mapTernary(x: Tensor, y: Tensor, z: Tensor, expr: string, outDtype: DType, device: Device = commonDevice('op', x, y, z)): Tensor {
  rejectComplex(expr, x, y, z);
  const shape = broadcastShapes(broadcastShapes(x.shape, y.shape), z.shape);
  if (device === 'meta') return emptyTensor(shape, outDtype, device);
  const out = output(shape, outDtype, device, [x, y, z]);
  ternaryKernel(expr)(
    x._data(), broadcastStrides(x, shape), x._offset, y._data(), broadcastStrides(y, shape), y._offset,
    z._data(), broadcastStrides(z, shape), z._offset, shape, out._data(), out._strides, out._offset,
  );
  return out;
}

/** Sums a gradient over the dims that broadcasting expanded, back to `shape`. */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  if (g.shape.length === shape.length && g.shape.every((d, i) => d === shape[i])) return g;
  const lead = g.shape.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  }
  let r = dims.length ? g.sum(dims, true) : g;
  if (lead > 0) r = r.reshape([...shape]);
  return r;
}

/** The float dtype an integer input computes in for ops like exp or true division. */
export const floatOf = (d: DType): DType => (isFloating(d) ? d : get_default_dtype());

export function fullLike(shape: Shape, value: number, dtype: DType, device: Device): Tensor {
  const t = emptyTensor(shape, dtype, device);
  if (device === 'cpu' && value !== 0) fillDense(t, value);
  return t;
}

/** Fills a fresh dense tensor with `value`; a complex64 one gets value + 0j (its storage holds pairs). */
export function fillDense(t: Tensor, value: number): void {
  const d = t._rawData();
  if (!isComplex(t.dtype)) { d.fill(castValue(t.dtype, value)); return; }
  for (let i = 0; i < d.length; i += 2) d[i] = Math.fround(value);
}

export { numelOf, contiguousStrides };
