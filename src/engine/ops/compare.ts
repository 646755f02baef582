// Comparisons, logical and bitwise ops (bool results, no gradient), and where / masked_fill.
import { runtimeError, notImplemented } from '../errors';
import { Tensor } from '../tensor';
import { record } from '../autograd/node';
import { asTensor, commonDevice, mapBinary, mapTernary, mapUnary, resultTypeOf, sumToShape, type TensorLike } from './util';
import { isIntegral, scalarTypeName } from '../dtype';

function compare(op: string, a: Tensor, b: TensorLike, expr: string): Tensor {
  const dt = resultTypeOf(a, b);
  const device = commonDevice(op, a, b);
  return mapBinary(asTensor(a, dt, device), asTensor(b, dt, device), `((${expr}) ? 1 : 0)`, 'bool', device);
}

export const eq = (a: Tensor, b: TensorLike) => compare('eq', a, b, 'x === y');
export const ne = (a: Tensor, b: TensorLike) => compare('ne', a, b, 'x !== y');
export const lt = (a: Tensor, b: TensorLike) => compare('lt', a, b, 'x < y');
export const le = (a: Tensor, b: TensorLike) => compare('le', a, b, 'x <= y');
export const gt = (a: Tensor, b: TensorLike) => compare('gt', a, b, 'x > y');
export const ge = (a: Tensor, b: TensorLike) => compare('ge', a, b, 'x >= y');
export const logical_and = (a: Tensor, b: TensorLike) => compare('logical_and', a, b, 'x && y');
export const logical_or = (a: Tensor, b: TensorLike) => compare('logical_or', a, b, 'x || y');
export const logical_xor = (a: Tensor, b: TensorLike) => compare('logical_xor', a, b, '(x !== 0) !== (y !== 0)');
export const logical_not = (a: Tensor) => mapUnary(a, '(x ? 0 : 1)', 'bool');
export const isnan = (a: Tensor) => mapUnary(a, '(x !== x ? 1 : 0)', 'bool');
export const isinf = (a: Tensor) => mapUnary(a, '(x === Infinity || x === -Infinity ? 1 : 0)', 'bool');
export const isfinite = (a: Tensor) => mapUnary(a, '(Number.isFinite(x) ? 1 : 0)', 'bool');

function bitwise(op: string, a: Tensor, b: TensorLike, expr: string, boolExpr: string): Tensor {
  const dt = resultTypeOf(a, b);
  if (!isIntegral(dt, true)) throw notImplemented(`"${op}_cpu" not implemented for '${scalarTypeName(dt)}'`);
  const device = commonDevice(op, a, b);
  return mapBinary(asTensor(a, dt, device), asTensor(b, dt, device), dt === 'bool' ? `((${boolExpr}) ? 1 : 0)` : expr, dt, device);
}
export const bitwise_and = (a: Tensor, b: TensorLike) => bitwise('bitwise_and', a, b, 'x & y', 'x && y');
export const bitwise_or = (a: Tensor, b: TensorLike) => bitwise('bitwise_or', a, b, 'x | y', 'x || y');
export const bitwise_xor = (a: Tensor, b: TensorLike) => bitwise('bitwise_xor', a, b, 'x ^ y', '(x !== 0) !== (y !== 0)');
export function bitwise_not(a: Tensor): Tensor {
  if (a.dtype === 'bool') return logical_not(a);
  if (!isIntegral(a.dtype)) throw notImplemented(`"bitwise_not_cpu" not implemented for '${scalarTypeName(a.dtype)}'`);
  return mapUnary(a, '~x');
}

/** torch.where(cond, x, y): elements of x where cond, else of y; gradients flow to the chosen side. */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (cond.dtype !== 'bool') throw runtimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${scalarTypeName(cond.dtype)}`);
  const dt = resultTypeOf(a, b);
  const device = commonDevice('where', cond, a, b);
  const x = asTensor(a, dt, device), y = asTensor(b, dt, device);
  const out = mapTernary(cond, x, y, 'x ? y : z', dt, device);
  record('WhereBackward0', out, [a instanceof Tensor ? a : null, b instanceof Tensor ? b : null], [cond], ([g], [c]) => [
    a instanceof Tensor ? sumToShape(g!.mul(c), a.shape) : null,
    b instanceof Tensor ? sumToShape(g!.mul(c.logical_not()), b.shape) : null,
  ]);
  return out;
}

export function masked_fill(x: Tensor, mask: Tensor, value: TensorLike): Tensor {
  if (mask.dtype !== 'bool') throw runtimeError(`masked_fill_ only supports boolean masks, but got mask with dtype ${mask.dtype}`);
  const v = value instanceof Tensor ? value.to(x.dtype) : value;
  const device = commonDevice('masked_fill', x, mask);
  const out = mapTernary(mask, x, asTensor(v, x.dtype, device), 'x ? z : y', x.dtype, device);
  if (out.shape.length !== x.shape.length || out.shape.some((d, i) => d !== x.shape[i])) {
    throw runtimeError(`The size of tensor a (${mask.shape.at(-1)}) must match the size of tensor b (${x.shape.at(-1)}) at non-singleton dimension ${x.shape.length - 1}`);
  }
  record('MaskedFillBackward0', out, [x], [mask], ([g], [m]) => [g!.masked_fill(m, 0)]);
  return out;
}
