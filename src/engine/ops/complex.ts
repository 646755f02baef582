// complex64, just enough for rotary embeddings (RoPE): view_as_real / view_as_complex are the only
// primitives with a backward; polar, complex, real/imag and complex `*` are composed from real ops on
// the (…, 2) float32 view, so gradients of real inputs follow PyTorch's convention for free.
import { isComplex, scalarTypeName } from '../dtype';
import { runtimeError, typeError } from '../errors';
import { Tensor, makeTensor } from '../tensor';
import { record } from '../autograd/node';
import type { TensorLike } from './util';

/** A float32 view (shape S+[2]) of a complex64 tensor of shape S, sharing its storage. */
export function view_as_real(x: Tensor): Tensor {
  if (!isComplex(x.dtype)) throw runtimeError('view_as_real is only supported for complex tensors');
  const out = new Tensor(x._box, [...x.shape, 2], [...x._strides.map((s) => 2 * s), 1], 2 * x._offset, 'float32', x.device);
  out._base = x._base ?? x;
  record('ViewAsRealBackward0', out, [x], [], ([g]) => [view_as_complex(g!.contiguous())]);
  return out;
}

/** A complex64 view of a float32 tensor whose last dim is (real, imag), sharing its storage. */
export function view_as_complex(x: Tensor): Tensor {
  if (x.dtype !== 'float32') {
    throw runtimeError(`view_as_complex is only supported for float32, float64 and float16 tensors, but got a tensor of scalar type: ${scalarTypeName(x.dtype)}`);
  }
  const n = x.dim();
  if (n === 0 || x.shape[n - 1] !== 2) throw runtimeError('Tensor must have a last dimension of size 2');
  if (x._strides[n - 1] !== 1) throw runtimeError('Tensor must have a last dimension with stride 1');
  const strides = x._strides.slice(0, -1);
  if (strides.some((s) => s % 2 !== 0)) throw runtimeError('Tensor must have a stride divisible by 2 for all but last dimension');
  if (x._offset % 2 !== 0) throw runtimeError('Tensor must have a storage_offset divisible by 2');
  const out = new Tensor(x._box, x.shape.slice(0, -1), strides.map((s) => s / 2), x._offset / 2, 'complex64', x.device);
  out._base = x._base ?? x;
  record('ViewAsComplexBackward0', out, [x], [], ([g]) => [view_as_real(g!)]);
  return out;
}

function floatArgs(op: string, names: [string, string], a: Tensor, b: Tensor): void {
  [a, b].forEach((t, i) => { if (!(t instanceof Tensor)) throw typeError(`${op}(): argument '${names[i]}' (position ${i + 1}) must be Tensor, not ${typeof t}`); });
  // Only complex64 exists here, so only float32 parts are accepted (PyTorch also takes double/half).
  if (a.dtype !== 'float32' || b.dtype !== 'float32') throw runtimeError(`Expected both inputs to be Half, Float or Double tensors but got ${scalarTypeName(a.dtype)} and ${scalarTypeName(b.dtype)}`);
}

// (re, im) -> the (…, 2) layout, by broadcasting against the unit vectors: differentiable without stack.
function pack(re: Tensor, im: Tensor): Tensor {
  const e0 = makeTensor(new Float32Array([1, 0]), [2], 'float32', re.device);
  const e1 = makeTensor(new Float32Array([0, 1]), [2], 'float32', re.device);
  return re.unsqueeze(-1).mul(e0).add(im.unsqueeze(-1).mul(e1));
}

/** torch.complex(real, imag). */
export function complex(real: Tensor, imag: Tensor): Tensor {
  floatArgs('complex', ['real', 'imag'], real, imag);
  return view_as_complex(pack(real, imag));
}

/** torch.polar(abs, angle) = abs·cos(angle) + i·abs·sin(angle). */
export function polar(abs: Tensor, angle: Tensor): Tensor {
  floatArgs('polar', ['abs', 'angle'], abs, angle);
  return complex(abs.mul(angle.cos()), abs.mul(angle.sin()));
}

/** Tensor.real / Tensor.imag: float32 views of a complex tensor (a real tensor's .real is itself). */
export function real(x: Tensor): Tensor {
  return isComplex(x.dtype) ? view_as_real(x).select(-1, 0) : x;
}
export function imag(x: Tensor): Tensor {
  if (!isComplex(x.dtype)) throw runtimeError('imag is not implemented for tensors with non-complex dtypes.');
  return view_as_real(x).select(-1, 1);
}

// Not a type predicate: a false result must not narrow a TensorLike to "not a Tensor".
export const isComplexTensor = (x: unknown): boolean => x instanceof Tensor && isComplex(x.dtype);

/** a * b when either side is complex64 (the other complex64, a real tensor or a Python number). */
export function complexMul(a: TensorLike, b: TensorLike): Tensor {
  if (!isComplexTensor(a)) return complexMul(b, a);
  const ar = view_as_real(a as Tensor);
  if (!(b instanceof Tensor) || !isComplex(b.dtype)) {
    return view_as_complex(ar.mul(b instanceof Tensor ? b.float().unsqueeze(-1) : b));
  }
  const br = view_as_real(b);
  const [xr, xi, yr, yi] = [ar.select(-1, 0), ar.select(-1, 1), br.select(-1, 0), br.select(-1, 1)];
  return view_as_complex(pack(xr.mul(yr).sub(xi.mul(yi)), xr.mul(yi).add(xi.mul(yr))));
}

/** a + alpha·b when either side is complex64: a real operand is a complex number with imaginary part 0. */
export function complexAdd(a: TensorLike, b: TensorLike, alpha = 1): Tensor {
  const pairs = (x: TensorLike): Tensor | number[] => {
    if (x instanceof Tensor) return isComplex(x.dtype) ? view_as_real(x) : pack(x.float(), x.float().mul(0));
    return [Number(x), 0];
  };
  const pa = pairs(a), pb = pairs(b);
  const device = (a instanceof Tensor ? a : (b as Tensor)).device;
  const t = (p: Tensor | number[]) => (p instanceof Tensor ? p : makeTensor(new Float32Array(p), [2], 'float32', device));
  return view_as_complex(t(pa).add(t(pb), alpha));
}

declare module '../tensor' {
  interface Tensor {
    readonly real: Tensor;
    readonly imag: Tensor;
    is_complex(): boolean;
  }
}
Object.defineProperty(Tensor.prototype, 'real', { get(this: Tensor) { return real(this); }, configurable: true });
Object.defineProperty(Tensor.prototype, 'imag', { get(this: Tensor) { return imag(this); }, configurable: true });
Tensor.prototype.is_complex = function (this: Tensor) { return isComplex(this.dtype); };
