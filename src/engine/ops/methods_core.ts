// Tensor methods of the core op families (elementwise, compare, reduce_core, movement, convert,
// creation): one-line delegations, plus the in-place `op_` variants built on commitInplace.
import { type DType } from '../dtype';
import { Tensor } from '../tensor';
import { backward as runBackward } from '../autograd/engine';
import type { Grad } from '../autograd/node';
import * as E from './elementwise';
import * as C from './compare';
import * as R from './reduce_core';
import * as M from './movement';
import * as V from './convert';
import * as F from './creation';
import { sumToShape, withOutTarget, type TensorLike } from './util';
import { needsGrad } from '../autograd/node';
import { no_grad } from '../autograd/grad_mode';

type Unary = () => Tensor;
type Binary = (other: TensorLike) => Tensor;
type SizeArgs = (number | number[])[];

declare module '../tensor' {
  interface Tensor {
    add(other: TensorLike, alpha?: number): Tensor; sub(other: TensorLike, alpha?: number): Tensor;
    mul: Binary; div(other: TensorLike, rounding_mode?: E.RoundingMode): Tensor; true_divide: Binary;
    floor_divide: Binary; remainder: Binary; fmod: Binary; pow: Binary; atan2: Binary;
    rsub(other: TensorLike, alpha?: number): Tensor;
    neg: Unary; negative: Unary; abs: Unary; exp: Unary; exp2: Unary; expm1: Unary; log: Unary; log1p: Unary; log2: Unary; log10: Unary;
    sqrt: Unary; rsqrt: Unary; sin: Unary; cos: Unary; tan: Unary; asin: Unary; acos: Unary; atan: Unary; sinh: Unary; cosh: Unary;
    tanh: Unary; sigmoid: Unary; relu: Unary; erf: Unary; reciprocal: Unary; floor: Unary; ceil: Unary; trunc: Unary; frac: Unary;
    sign: Unary; square: Unary; round(decimals?: number): Tensor;
    clamp(min?: TensorLike | null, max?: TensorLike | null): Tensor; clip(min?: TensorLike | null, max?: TensorLike | null): Tensor;
    clamp_min(min: TensorLike): Tensor; clamp_max(max: TensorLike): Tensor;
    maximum(o: Tensor): Tensor; minimum(o: Tensor): Tensor; lerp(end: Tensor, weight: TensorLike): Tensor;
    eq: Binary; ne: Binary; lt: Binary; le: Binary; gt: Binary; ge: Binary;
    logical_and: Binary; logical_or: Binary; logical_xor: Binary; logical_not: Unary;
    bitwise_and: Binary; bitwise_or: Binary; bitwise_xor: Binary; bitwise_not: Unary;
    isnan: Unary; isinf: Unary; isfinite: Unary;
    where(cond: Tensor, other: TensorLike): Tensor; masked_fill(mask: Tensor, value: TensorLike): Tensor;
    sum(dim?: R.Dims, keepdim?: boolean, dtype?: DType): Tensor; mean(dim?: R.Dims, keepdim?: boolean, dtype?: DType): Tensor;
    sum_to_size(...size: SizeArgs): Tensor;
    view(...size: SizeArgs): Tensor; reshape(...size: SizeArgs): Tensor; view_as(o: Tensor): Tensor; reshape_as(o: Tensor): Tensor;
    expand(...size: SizeArgs): Tensor; expand_as(o: Tensor): Tensor; permute(...dims: SizeArgs): Tensor;
    transpose(d0: number, d1: number): Tensor; swapaxes(d0: number, d1: number): Tensor; t(): Tensor;
    readonly T: Tensor; readonly mT: Tensor;
    unsqueeze(dim: number): Tensor; squeeze(dim?: number | number[] | null): Tensor;
    flatten(start_dim?: number, end_dim?: number): Tensor; unflatten(dim: number, sizes: number[]): Tensor;
    narrow(dim: number, start: number, length: number): Tensor; select(dim: number, index: number): Tensor;
    _slice(dim: number, start: number | null, end: number | null, step?: number): Tensor;
    contiguous(): Tensor; clone(): Tensor; detach(): Tensor; detach_(): Tensor;
    to(o: V.ToOptions | DType | Device | Tensor): Tensor; type(dtype?: DType): Tensor | string; type_as(o: Tensor): Tensor; cpu(): Tensor;
    float: Unary; double: Unary; half: Unary; bfloat16: Unary; long: Unary; int: Unary; short: Unary; char: Unary; byte: Unary; bool: Unary;
    item(): number | boolean; tolist(): V.Nested;
    copy_(src: Tensor | number): Tensor; fill_(v: number | boolean | Tensor): Tensor; zero_(): Tensor;
    new_zeros(size: number[], o?: F.FactoryOptions): Tensor; new_ones(size: number[], o?: F.FactoryOptions): Tensor;
    new_full(size: number[], v: number, o?: F.FactoryOptions): Tensor; new_empty(size: number[], o?: F.FactoryOptions): Tensor;
    new_tensor(data: V.Nested, o?: F.FactoryOptions): Tensor;
    data: Tensor;
    backward(gradient?: Grad, retain_graph?: boolean, create_graph?: boolean): void;
    add_(other: TensorLike, alpha?: number): Tensor; sub_(other: TensorLike, alpha?: number): Tensor; mul_: Binary; div_(other: TensorLike, rounding_mode?: E.RoundingMode): Tensor;
    pow_: Binary; remainder_: Binary; floor_divide_: Binary;
    clamp_(min?: TensorLike | null, max?: TensorLike | null): Tensor; clip_(min?: TensorLike | null, max?: TensorLike | null): Tensor;
    clamp_min_(min: TensorLike): Tensor; clamp_max_(max: TensorLike): Tensor;
    masked_fill_(mask: Tensor, value: TensorLike): Tensor; lerp_(end: Tensor, weight: TensorLike): Tensor;
    neg_: Unary; abs_: Unary; exp_: Unary; log_: Unary; sqrt_: Unary; rsqrt_: Unary; sigmoid_: Unary; tanh_: Unary; relu_: Unary;
    floor_: Unary; ceil_: Unary; round_: Unary; trunc_: Unary; sign_: Unary; reciprocal_: Unary; sin_: Unary; cos_: Unary; erf_: Unary; square_: Unary;
    log1p_: Unary; expm1_: Unary;
    requires_grad_(v?: boolean): Tensor;
  }
}

const P = Tensor.prototype as any;
const def = (name: string, fn: (this: Tensor, ...a: any[]) => unknown) => { P[name] = fn; };

for (const [name, fn] of Object.entries({ ...E, ...C }) as [string, any][]) {
  if (typeof fn === 'function' && !['where', 'defaultFloat'].includes(name)) def(name, function (...a) { return fn(this, ...a); });
}
def('rsub', function (o: TensorLike, alpha = 1) { return E.sub(o, this, alpha); });
def('where', function (cond: Tensor, other: TensorLike) { return C.where(cond, this, other); });
def('sum', function (dim, keepdim, dtype) { return R.sum(this, dim, keepdim, dtype); });
def('mean', function (dim, keepdim, dtype) { return R.mean(this, dim, keepdim, dtype); });
def('sum_to_size', function (...size: SizeArgs) { return sumToShape(this, size.flat()); });
for (const name of ['view', 'reshape', 'expand', 'expand_as', 'permute', 'transpose', 'swapaxes', 't', 'unsqueeze', 'squeeze', 'flatten', 'unflatten', 'narrow', 'select', 'contiguous', 'clone', 'detach'] as const) {
  const fn = (M as any)[name];
  def(name, function (...a) { return fn(this, ...a); });
}
def('_slice', function (d, s, e, st) { return M.slice(this, d, s, e, st); });
def('view_as', function (o: Tensor) { return M.view(this, o.shape); });
def('reshape_as', function (o: Tensor) { return M.reshape(this, o.shape); });
Object.defineProperty(P, 'T', { get(this: Tensor) { return this.permute([...Array(this.dim()).keys()].reverse()); } });
Object.defineProperty(P, 'mT', { get(this: Tensor) { return this.transpose(-2, -1); } });
def('detach_', function () { this.grad_fn = null; this._requiresGrad = false; return this; });
def('to', function (o) { return V.to(this, o); });
def('cpu', function () { return V.to(this, 'cpu'); });
def('type_as', function (o: Tensor) { return V.to(this, o.dtype); });
def('type', function (dtype?: DType) { return dtype ? V.to(this, dtype) : `torch.${({ float32: 'FloatTensor', float64: 'DoubleTensor', float16: 'HalfTensor', bfloat16: 'BFloat16Tensor', int64: 'LongTensor', int32: 'IntTensor', int16: 'ShortTensor', int8: 'CharTensor', uint8: 'ByteTensor', bool: 'BoolTensor', complex64: 'ComplexFloatTensor' } as Record<DType, string>)[this.dtype]}`; });
const casts: Record<string, DType> = { float: 'float32', double: 'float64', half: 'float16', bfloat16: 'bfloat16', long: 'int64', int: 'int32', short: 'int16', char: 'int8', byte: 'uint8', bool: 'bool' };
for (const [m, d] of Object.entries(casts)) def(m, function () { return V.to(this, d); });
def('item', function () { return V.item(this); });
def('tolist', function () { return V.tolist(this); });
def('copy_', function (src) { return V.copy_(this, src); });
def('fill_', function (v) { return V.fill_(this, v); });
def('zero_', function () { return V.zero_(this); });
const newOpts = (t: Tensor, o?: F.FactoryOptions): F.FactoryOptions => ({ dtype: t.dtype, device: t.device, ...o });
def('new_zeros', function (size, o) { return F.zeros(size, newOpts(this, o)); });
def('new_ones', function (size, o) { return F.ones(size, newOpts(this, o)); });
def('new_empty', function (size, o) { return F.zeros(size, newOpts(this, o)); });
def('new_full', function (size, v, o) { return F.full(size, v, newOpts(this, o)); });
def('new_tensor', function (data, o) { return F.tensor(data, newOpts(this, o)); });
Object.defineProperty(P, 'data', {
  get(this: Tensor) { const d = M.detach(this); d._isParam = false; return d; },
  set(this: Tensor, v: Tensor) {
    // `p.data = t` swaps the storage under a tensor, keeping its identity (and its Parameter-ness).
    const self = this as any;
    self._box = v._box; self.shape = [...v.shape]; self._strides = [...v._strides]; self._offset = v._offset; self.dtype = v.dtype; self.device = v.device;
  },
});
def('backward', function (gradient?: Grad, retain_graph?: boolean, create_graph = false) { runBackward(this, gradient ?? undefined, retain_graph, create_graph); });

// In-place variants: compute out of place, then write into self (PyTorch's semantics, one extra pass).
// A backward that saved `self` would read the overwritten values (a version error): PyTorch saves a copy
// of the original self then, so in that case the op is rerun on a clone of self.
// Ops that are one kernel over their inputs may write straight into self when nothing is recorded.
const DIRECT = new Set(['add', 'sub', 'mul', 'div', 'pow', 'clamp', 'clip', 'clamp_min', 'clamp_max', 'masked_fill',
  'neg', 'abs', 'exp', 'log', 'sqrt', 'rsqrt', 'sigmoid', 'tanh', 'relu', 'floor', 'ceil', 'round', 'trunc', 'sign', 'reciprocal', 'sin', 'cos', 'erf', 'square', 'log1p', 'expm1']);
const inplace = (name: string, fn: (t: Tensor, ...a: any[]) => Tensor) =>
  def(name + '_', function (...a) {
    if (DIRECT.has(name) && this.device === 'cpu' && !needsGrad(this, ...a.filter((x): x is Tensor => x instanceof Tensor))) {
      const r = withOutTarget(this, () => fn(this, ...a));
      if (r === this) {
        this._bump();
        return this;
      }
      return V.commitInplace(this, r, name + '_');
    }
    let r = fn(this, ...a);
    if (r.grad_fn?.saved.some((s) => s.get()._box === this._box)) r = fn(M.clone(this), ...a);
    return V.commitInplace(this, r, name + '_');
  });
for (const n of ['add', 'sub', 'mul', 'div', 'pow', 'remainder', 'floor_divide', 'clamp', 'clip', 'clamp_min', 'clamp_max', 'masked_fill', 'lerp',
  'neg', 'abs', 'exp', 'log', 'sqrt', 'rsqrt', 'sigmoid', 'tanh', 'relu', 'floor', 'ceil', 'round', 'trunc', 'sign', 'reciprocal', 'sin', 'cos', 'erf', 'square', 'log1p', 'expm1']) {
  inplace(n, (E as any)[n] ?? (C as any)[n]);
}
void no_grad;
