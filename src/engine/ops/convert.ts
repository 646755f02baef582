// Dtype/device conversion, reading values out (item, tolist), and in-place writes (copy_, fill_,
// zero_, and the generic path every `op_` variant takes), with PyTorch's version counter and checks.
import { type DType, castValue, isFloating, isComplex, promoteTypes, isIntegral } from '../dtype';
import { runtimeError, notImplemented } from '../errors';
import { Tensor, emptyTensor, type Device } from '../tensor';
import { record } from '../autograd/node';
import { is_grad_enabled } from '../autograd/grad_mode';
import { copyStrided, unaryKernel } from '../backend/strided';
import { broadcastStrides } from './util';
import { broadcastShapes, sameShape } from '../shape';

function castExpr(to: DType): string {
  if (to === 'bool') return '(x !== 0 ? 1 : 0)';
  if (to === 'int64') return 'Math.trunc(x)';
  return 'x';
}

/** A copy of x in another dtype/device (no graph record). */
export function castCopy(x: Tensor, dtype: DType, device: Device = x.device): Tensor {
  const out = emptyTensor(x.shape, dtype, device);
  if (device === 'meta' || x.device === 'meta') {
    if (device === 'cpu') throw runtimeError('Cannot copy out of meta tensor; no data! Please consider using torch.empty_like(t, device="cpu") to create a tensor with the same shape on cpu.');
    return out;
  }
  if (isComplex(x.dtype) || isComplex(dtype)) return complexCast(x, out);
  unaryKernel(castExpr(dtype))(x._rawData(), x._strides, x._offset, x.shape, out._rawData(), out._strides, 0);
  return out;
}

// complex64 stores (real, imag) pairs: real -> complex fills the real parts (imag stays 0), and
// complex -> real keeps the real part, as PyTorch does (it warns that the imaginary part is discarded).
function complexCast(x: Tensor, out: Tensor): Tensor {
  const pair = (t: Tensor) => (isComplex(t.dtype) ? { st: t._strides.map((s) => 2 * s), off: 2 * t._offset } : { st: t._strides, off: t._offset });
  const src = pair(x), dst = pair(out);
  if (isComplex(x.dtype) && isComplex(out.dtype)) {
    copyStrided(x._rawData(), [...x.shape, 2], [...src.st, 1], src.off, out._rawData(), [...dst.st, 1], dst.off);
  } else {
    unaryKernel(castExpr(out.dtype))(x._rawData(), src.st, src.off, x.shape, out._rawData(), dst.st, dst.off);
  }
  return out;
}

export interface ToOptions { dtype?: DType; device?: Device; copy?: boolean }

/** Tensor.to(dtype) / to(device) / to(other): returns x itself when nothing changes, as PyTorch. */
export function to(x: Tensor, opts: ToOptions | DType | Device | Tensor): Tensor {
  const o: ToOptions = opts instanceof Tensor ? { dtype: opts.dtype, device: opts.device }
    : typeof opts === 'string' ? (opts === 'cpu' || opts === 'meta' ? { device: opts } : { dtype: opts }) : opts;
  const dtype = o.dtype ?? x.dtype, device = o.device ?? x.device;
  if (dtype === x.dtype && device === x.device && !o.copy) return x;
  const out = castCopy(x, dtype, device);
  if (isFloating(dtype) || isComplex(dtype)) record('ToCopyBackward0', out, [x], [], ([g]) => [castCopy(g!, x.dtype, x.device)]);
  return out;
}

export function item(x: Tensor): number | boolean {
  if (x.numel() !== 1) throw runtimeError(`a Tensor with ${x.numel()} elements cannot be converted to Scalar`);
  if (x.device === 'meta') throw runtimeError('Tensor.item() cannot be called on meta tensors');
  if (isComplex(x.dtype)) throw notImplemented(`"item" not implemented for 'ComplexFloat'`);
  const v = x._rawData()[x._offset];
  return x.dtype === 'bool' ? v !== 0 : isFloating(x.dtype) ? v : v + 0;
}

export type Nested = number | boolean | Nested[];

export function tolist(x: Tensor): Nested {
  if (x.device === 'meta') throw runtimeError('Tensor.tolist() cannot be called on meta tensors');
  if (isComplex(x.dtype)) throw notImplemented(`"tolist" not implemented for 'ComplexFloat'`);
  const d = x._rawData();
  const conv = x.dtype === 'bool' ? (v: number) => v !== 0 : isFloating(x.dtype) ? (v: number) => v : (v: number) => v + 0; // +0 turns an int64 -0 into 0
  const rec = (dim: number, off: number): Nested => {
    if (dim === x.dim()) return conv(d[off]);
    const out: Nested[] = [];
    for (let i = 0; i < x.shape[dim]; i++) out.push(rec(dim + 1, off + i * x._strides[dim]));
    return out;
  };
  return rec(0, x._offset);
}

/** Checks shared by every in-place op before it writes into `self`. */
function checkInplace(self: Tensor, srcRequiresGrad: boolean): void {
  if (is_grad_enabled() && self.is_leaf && self._requiresGrad) {
    throw runtimeError('a leaf Variable that requires grad is being used in an in-place operation.');
  }
  void srcRequiresGrad;
}

/**
 * Writes `result` (the out-of-place result of `op_`) into self's storage and makes self carry the
 * result's graph node, as an in-place op does in PyTorch.
 */
export function commitInplace(self: Tensor, result: Tensor, opName: string): Tensor {
  checkInplace(self, result._requiresGrad);
  if (!sameShape(broadcastShapes(self.shape, result.shape), self.shape)) {
    throw runtimeError(`output with shape [${self.shape.join(', ')}] doesn't match the broadcast shape [${broadcastShapes(self.shape, result.shape).join(', ')}]`);
  }
  if (result.dtype !== self.dtype && promoteTypes(result.dtype, self.dtype) !== self.dtype && !(isFloating(self.dtype) && isFloating(result.dtype))) {
    const name = (d: DType) => ({ float32: 'Float', float64: 'Double', float16: 'Half', bfloat16: 'BFloat16', int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool', complex64: 'ComplexFloat' })[d];
    throw runtimeError(`result type ${name(result.dtype)} can't be cast to the desired output type ${name(self.dtype)}`);
  }
  void opName;
  writeInto(self, result);
  if (result._requiresGrad && is_grad_enabled()) {
    self.grad_fn = result.grad_fn;
    self._outputNr = result._outputNr;
    self._requiresGrad = true;
    if (result.grad_fn) {
      const meta = result.grad_fn.outputMeta[result._outputNr];
      if (meta) meta.shape = self.shape;
    }
  }
  return self;
}

/** Raw write of src (broadcast, cast) into dst's strided storage, bumping its version. */
export function writeInto(dst: Tensor, src: Tensor): void {
  dst._bump();
  if (dst.device === 'meta') return;
  if (src.device === 'meta') throw runtimeError('Cannot copy out of meta tensor; no data!');
  const complex = isComplex(src.dtype) || isComplex(dst.dtype);
  const s = src.dtype === dst.dtype || (!isIntegral(dst.dtype, true) && !complex) ? src : castCopy(src, dst.dtype);
  if (isComplex(dst.dtype)) {
    // (real, imag) pairs: the same copy over storage elements with a trailing dim of 2.
    const pairs = (st: number[]) => [...st.map((x) => 2 * x), 1];
    copyStrided(s._rawData(), [...dst.shape, 2], pairs(broadcastStrides(s, dst.shape)), 2 * s._offset, dst._rawData(), pairs(dst._strides), 2 * dst._offset);
    return;
  }
  copyStrided(s._rawData(), dst.shape, broadcastStrides(s, dst.shape), s._offset, dst._rawData(), dst._strides, dst._offset);
}

export function copy_(self: Tensor, src: Tensor | number): Tensor {
  if (typeof src === 'number') return fill_(self, src);
  checkInplace(self, src._requiresGrad);
  broadcastShapes(self.shape, src.shape);
  writeInto(self, src);
  if (src._requiresGrad && is_grad_enabled()) {
    const out = self;
    record('CopyBackwards', out, [src], [], ([g]) => [g!.sum_to_size(src.shape).to(src.dtype)]);
  }
  return self;
}

export function fill_(self: Tensor, value: number | boolean | Tensor): Tensor {
  const v = value instanceof Tensor ? Number(value.item()) : Number(value);
  checkInplace(self, false);
  self._bump();
  if (self.device === 'meta') return self;
  if (isComplex(self.dtype)) {
    // Real part v, imaginary part 0, written over the (real, imag) pairs.
    const st = self._strides.map((x) => 2 * x), d = self._rawData();
    unaryKernel(String(Number.isNaN(v) ? 'NaN' : Math.fround(v)))(d, st, 2 * self._offset, self.shape, d, st, 2 * self._offset);
    unaryKernel('0')(d, st, 2 * self._offset + 1, self.shape, d, st, 2 * self._offset + 1);
    return self;
  }
  const c = castValue(self.dtype, v);
  if (self.is_contiguous() && self._offset === 0 && self._rawData().length === self.numel()) self._rawData().fill(c);
  else unaryKernel(String(Number.isNaN(c) ? 'NaN' : c))(self._rawData(), self._strides, self._offset, self.shape, self._rawData(), self._strides, self._offset);
  if (is_grad_enabled() && self._requiresGrad && !self.is_leaf) {
    record('FillBackward0', self, [self], [], ([g]) => [g!.mul(0)]);
  }
  return self;
}

export const zero_ = (self: Tensor) => fill_(self, 0);
