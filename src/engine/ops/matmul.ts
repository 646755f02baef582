// The matmul family: the gradient-carrying products (mm, bmm, mv, dot, addmm, baddbmm, addmv, addbmm,
// addcmul, addcdiv) with their backward side by side, and matmul / linear / outer / tensordot / inner /
// multi_dot / kron composed from them the way ATen composes them (so grad_fn names match PyTorch's).
import { type DType, type Storage, isFloating, allocStorage, legacyTypeName } from '../dtype';
import { runtimeError, notImplemented } from '../errors';
import { broadcastShapes, contiguousStrides, numelOf, wrapDim } from '../shape';
import { Tensor, makeTensor, makeView, emptyTensor } from '../tensor';
import { record } from '../autograd/node';
import { no_grad } from '../autograd/grad_mode';
import { matmul as kernelF32, matmulF64 } from '../backend';
import { rejectComplex, commonDevice, mapBinary, mapTernary, resultTypeOf, sumToShape } from './util';
import { contiguousCopy } from './movement';
import { countOp, opCounting } from '../op_count';

const C_NAME: Record<DType, string> = {
  float32: 'float', float64: 'double', float16: 'c10::Half', bfloat16: 'c10::BFloat16', int64: 'long int',
  int32: 'int', int16: 'short int', int8: 'signed char', uint8: 'unsigned char', bool: 'bool', complex64: 'c10::complex<float>',
};
/** ScalarType names as PyTorch prints them in messages (Float, Double, Long, ...). */
const scalarName = (d: DType) => legacyTypeName(d).slice('torch.'.length, -'Tensor'.length);
const dimsStr = (t: Tensor) => t.shape.join('x');

// ---- the kernel call: one product of 2-D or batched 3-D operands ----

/** True when `strides` are the row-major strides of `shape` (size-1 dims may have any stride). */
function denseLayout(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== expected) return false;
    expected *= shape[i];
  }
  return true;
}

/**
 * A [B, r, c] operand as the kernels take it, without copying when the layout allows: dense rows, or
 * a transposed view of dense rows (trans), and a batch stride of 0 (one matrix broadcast) kept as one.
 */
function operand(t: Tensor): { data: Storage; trans: boolean } {
  const [B, r, c] = t.shape, [sb, sr, sc] = t._strides;
  const data = t._data();
  const one = B === 1 || sb === 0;
  const per = r * c;
  const fits = (bs: number) => one || bs === per;
  if (denseLayout([r, c], [sr, sc]) && fits(sb)) return { data: data.subarray(t._offset, t._offset + (one ? 1 : B) * per), trans: false };
  if (denseLayout([c, r], [sc, sr]) && fits(sb)) return { data: data.subarray(t._offset, t._offset + (one ? 1 : B) * per), trans: true };
  return { data: contiguousCopy(t)._data(), trans: false };
}

/** out[B, m, n] = a[B, m, k] · b[B, k, n], computed by the backend (float32) or in doubles (float64, integers). */
function product3(a: Tensor, b: Tensor, dtype: DType, device: Tensor['device']): Tensor {
  const [B, m, k] = a.shape, n = b.shape[2];
  if (opCounting.active) countOp('matmul', B * m * k * n);
  if (device === 'meta') return emptyTensor([B, m, n], dtype, 'meta');
  if (dtype === 'bool') throw notImplemented(`"addmm_impl_cpu_" not implemented for 'Bool'`);
  rejectComplex('addmm_impl_cpu_', a, b);
  const A = operand(a), Bop = operand(b);
  if (dtype === 'float32' || dtype === 'float16' || dtype === 'bfloat16') {
    const r = kernelF32(A.data as Float32Array, Bop.data as Float32Array, B, m, k, n, A.trans, Bop.trans);
    return makeTensor(r, [B, m, n], dtype, 'cpu');
  }
  const r = matmulF64(A.data, Bop.data, B, m, k, n, A.trans, Bop.trans);
  if (dtype === 'float64' || dtype === 'int64') return makeTensor(r, [B, m, n], dtype, 'cpu');
  const s = allocStorage(dtype, r.length);
  s.set(r); // integer stores wrap like C, as PyTorch's integer GEMM does
  return makeTensor(s, [B, m, n], dtype, 'cpu');
}

/** A 2-D product through product3 (adds and drops the batch dim without copying). */
function product2(a: Tensor, b: Tensor, dtype: DType, device: Tensor['device']): Tensor {
  const lift = (t: Tensor) => makeView(t, [1, ...t.shape], [0, ...t._strides], t._offset);
  const r = product3(lift(a), lift(b), dtype, device);
  return makeTensor(r._box.data, r.shape.slice(1), dtype, device);
}

function sameDtypeMm(a: Tensor, b: Tensor): void {
  if (a.dtype !== b.dtype) throw runtimeError(`expected m1 and m2 to have the same dtype, but got: ${C_NAME[a.dtype]} != ${C_NAME[b.dtype]}`);
}

function checkMm(a: Tensor, b: Tensor, selfName = 'self'): void {
  if (a.dim() !== 2) throw runtimeError(selfName === 'self' ? 'self must be a matrix' : `mat1 must be a matrix, got ${a.dim()}-D tensor`);
  if (b.dim() !== 2) throw runtimeError(selfName === 'self' ? 'mat2 must be a matrix' : `mat2 must be a matrix, got ${b.dim()}-D tensor`);
  if (a.shape[1] !== b.shape[0]) throw runtimeError(`mat1 and mat2 shapes cannot be multiplied (${dimsStr(a)} and ${dimsStr(b)})`);
  sameDtypeMm(a, b);
}

function checkBmm(a: Tensor, b: Tensor): void {
  if (a.dim() !== 3) throw runtimeError('batch1 must be a 3D tensor');
  if (b.dim() !== 3) throw runtimeError('batch2 must be a 3D tensor');
  if (b.shape[0] !== a.shape[0] || b.shape[1] !== a.shape[2]) {
    throw runtimeError(`Expected size for first two dimensions of batch2 tensor to be: [${a.shape[0]}, ${a.shape[2]}] but got: [${b.shape[0]}, ${b.shape[1]}].`);
  }
  if (a.dtype !== b.dtype) throw runtimeError(`expected scalar type ${scalarName(a.dtype)} but found ${scalarName(b.dtype)}`);
}

// ---- primitives with their backward ----

export function mm(a: Tensor, b: Tensor): Tensor {
  checkMm(a, b);
  const out = product2(a, b, a.dtype, commonDevice('mm', a, b));
  const ga = a.requires_grad, gb = b.requires_grad;
  record('MmBackward0', out, [a, b], [a, b], ([g], [x, y]) => [ga ? mm(g!, y.t()) : null, gb ? mm(x.t(), g!) : null]);
  return out;
}

export function bmm(a: Tensor, b: Tensor): Tensor {
  checkBmm(a, b);
  const out = product3(a, b, a.dtype, commonDevice('bmm', a, b));
  const ga = a.requires_grad, gb = b.requires_grad;
  record('BmmBackward0', out, [a, b], [a, b], ([g], [x, y]) => [ga ? bmm(g!, y.transpose(1, 2)) : null, gb ? bmm(x.transpose(1, 2), g!) : null]);
  return out;
}

export function mv(a: Tensor, v: Tensor): Tensor {
  if (a.dim() !== 2 || v.dim() !== 1) throw runtimeError(`vector + matrix @ vector expected, got 1, ${a.dim()}, ${v.dim()}`);
  if (a.shape[1] !== v.shape[0]) throw runtimeError(`size mismatch, got input (${a.shape[0]}), mat (${dimsStr(a)}), vec (${v.shape[0]})`);
  if (a.dtype !== v.dtype) throw runtimeError(`addmv input tensors must have the same dtype, but got ${scalarName(a.dtype)}, ${scalarName(a.dtype)}, and ${scalarName(v.dtype)}`);
  const col = makeView(v, [v.shape[0], 1], [v._strides[0], 1], v._offset);
  const r = product2(a, col, a.dtype, commonDevice('mv', a, v));
  const out = makeTensor(r._box.data, [a.shape[0]], a.dtype, r.device);
  const ga = a.requires_grad, gv = v.requires_grad;
  record('MvBackward0', out, [a, v], [a, v], ([g], [x, y]) => [ga ? outer(g!, y) : null, gv ? mv(x.t(), g!) : null]);
  return out;
}

export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.dim() !== 1 || b.dim() !== 1) throw runtimeError(`1D tensors expected, but got ${a.dim()}D and ${b.dim()}D tensors`);
  if (a.shape[0] !== b.shape[0]) {
    throw runtimeError(`inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements, but got ${a.shape[0]} and ${b.shape[0]} elements respectively`);
  }
  if (a.dtype !== b.dtype) throw runtimeError(`dot : expected both vectors to have same dtype, but found ${scalarName(a.dtype)} and ${scalarName(b.dtype)}`);
  const row = makeView(a, [1, a.shape[0]], [0, a._strides[0]], a._offset);
  const col = makeView(b, [b.shape[0], 1], [b._strides[0], 1], b._offset);
  const r = product2(row, col, a.dtype, commonDevice('dot', a, b));
  const out = makeTensor(r._box.data, [], a.dtype, r.device);
  const ga = a.requires_grad, gb = b.requires_grad;
  record('DotBackward0', out, [a, b], [a, b], ([g], [x, y]) => [ga ? y.mul(g!) : null, gb ? x.mul(g!) : null]);
  return out;
}

/** out = beta·input + alpha·prod, with PyTorch's rule that beta = 0 ignores input (NaN included). */
function combine(input: Tensor, prod: Tensor, beta: number, alpha: number): Tensor {
  const x = input;
  if (beta === 0) return alpha === 1 ? prod : mapBinary(x, prod, `${alpha} * y`, prod.dtype, prod.device);
  const expr = beta === 1 && alpha === 1 ? 'x + y' : `${beta} * x + ${alpha} * y`;
  return mapBinary(x, prod, expr, prod.dtype, prod.device);
}

export interface AddOpts { beta?: number; alpha?: number }

export function addmm(input: Tensor, m1: Tensor, m2: Tensor, { beta = 1, alpha = 1 }: AddOpts = {}): Tensor {
  checkMm(m1, m2, 'mat1');
  if (input.dtype !== m2.dtype) throw runtimeError(`self and mat2 must have the same dtype, but got ${scalarName(input.dtype)} and ${scalarName(m2.dtype)}`);
  const device = commonDevice('addmm', input, m1, m2);
  checkExpand(input, [m1.shape[0], m2.shape[1]]);
  const out = combine(input, product2(m1, m2, m1.dtype, device), beta, alpha);
  const [gi, g1, g2] = [input.requires_grad, m1.requires_grad, m2.requires_grad];
  record('AddmmBackward0', out, [input, m1, m2], [m1, m2], ([g], [x, y]) => [
    gi ? sumToShape(beta === 1 ? g! : g!.mul(beta), input.shape) : null,
    g1 ? scaled(mm(g!, y.t()), alpha) : null,
    g2 ? scaled(mm(x.t(), g!), alpha) : null,
  ]);
  return out;
}

export function baddbmm(input: Tensor, b1: Tensor, b2: Tensor, { beta = 1, alpha = 1 }: AddOpts = {}): Tensor {
  checkBmm(b1, b2);
  if (input.dtype !== b1.dtype) throw runtimeError(`expected scalar type ${scalarName(b1.dtype)} but found ${scalarName(input.dtype)}`);
  const device = commonDevice('baddbmm', input, b1, b2);
  checkExpand(input, [b1.shape[0], b1.shape[1], b2.shape[2]]);
  const out = combine(input, product3(b1, b2, b1.dtype, device), beta, alpha);
  const [gi, g1, g2] = [input.requires_grad, b1.requires_grad, b2.requires_grad];
  record('BaddbmmBackward0', out, [input, b1, b2], [b1, b2], ([g], [x, y]) => [
    gi ? sumToShape(beta === 1 ? g! : g!.mul(beta), input.shape) : null,
    g1 ? scaled(bmm(g!, y.transpose(1, 2)), alpha) : null,
    g2 ? scaled(bmm(x.transpose(1, 2), g!), alpha) : null,
  ]);
  return out;
}

export function addmv(input: Tensor, mat: Tensor, vec: Tensor, { beta = 1, alpha = 1 }: AddOpts = {}): Tensor {
  const prod = no_grad(() => mv(mat, vec));
  checkExpand(input, prod.shape);
  const out = combine(input, prod, beta, alpha);
  const [gi, gm, gv] = [input.requires_grad, mat.requires_grad, vec.requires_grad];
  record('AddmvBackward0', out, [input, mat, vec], [mat, vec], ([g], [m, v]) => [
    gi ? sumToShape(beta === 1 ? g! : g!.mul(beta), input.shape) : null,
    gm ? scaled(outer(g!, v), alpha) : null,
    gv ? scaled(mv(m.t(), g!), alpha) : null,
  ]);
  return out;
}

/** torch.addbmm: beta·input + alpha·Σ_b b1[b]·b2[b], as one GEMM over the batch laid side by side. */
export function addbmm(input: Tensor, b1: Tensor, b2: Tensor, { beta = 1, alpha = 1 }: AddOpts = {}): Tensor {
  if (b1.dim() !== 3) throw runtimeError('batch1 must be a 3D tensor');
  if (b2.dim() !== 3) throw runtimeError('batch2 must be a 3D tensor');
  const [B, m, k] = b1.shape, n = b2.shape[2];
  if (b2.shape[0] !== B) throw runtimeError(`batch1 and batch2 must have same number of batches, got ${B} and ${b2.shape[0]}`);
  if (b2.shape[1] !== k) throw runtimeError(`Incompatible matrix sizes for bmm (${m}x${k} and ${b2.shape[1]}x${n})`);
  if (b1.dtype !== b2.dtype) throw runtimeError(`expected scalar type ${scalarName(b1.dtype)} but found ${scalarName(b2.dtype)}`);
  checkExpand(input, [m, n]);
  const prod = no_grad(() => product2(b1.permute([1, 0, 2]).reshape([m, B * k]), b2.reshape([B * k, n]), b1.dtype, commonDevice('addbmm', input, b1, b2)));
  const out = combine(input, prod, beta, alpha);
  const [gi, g1, g2] = [input.requires_grad, b1.requires_grad, b2.requires_grad];
  record('AddbmmBackward0', out, [input, b1, b2], [b1, b2], ([g], [x, y]) => {
    const gb = g!.unsqueeze(0).expand([B, m, n]);
    return [
      gi ? sumToShape(beta === 1 ? g! : g!.mul(beta), input.shape) : null,
      g1 ? scaled(bmm(gb, y.transpose(1, 2)), alpha) : null,
      g2 ? scaled(bmm(x.transpose(1, 2), gb), alpha) : null,
    ];
  });
  return out;
}

/** input must expand to the product's shape; PyTorch reports it with expand's own message. */
const checkExpand = (input: Tensor, shape: number[]) => no_grad(() => input.expand(shape));

const scaled = (t: Tensor, s: number) => (s === 1 ? t : t.mul(s));

export function addcmul(input: Tensor, t1: Tensor, t2: Tensor, { value = 1 }: { value?: number } = {}): Tensor {
  const dt = resultTypeOf(input, t1, t2);
  const out = mapTernary(input, t1, t2, value === 1 ? 'x + y * z' : `x + ${value} * y * z`, dt, commonDevice('addcmul', input, t1, t2));
  record('AddcmulBackward0', out, [input, t1, t2], [t1, t2], ([g], [y, z]) => [
    sumToShape(g!, input.shape), sumToShape(scaled(g!.mul(z), value), t1.shape), sumToShape(scaled(g!.mul(y), value), t2.shape),
  ]);
  return out;
}

export function addcdiv(input: Tensor, t1: Tensor, t2: Tensor, { value = 1 }: { value?: number } = {}): Tensor {
  if (!isFloating(t1.dtype) && !isFloating(t2.dtype)) {
    throw runtimeError('Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes.');
  }
  const dt = resultTypeOf(input, t1, t2);
  const out = mapTernary(input, t1, t2, value === 1 ? 'x + y / z' : `x + ${value} * y / z`, dt, commonDevice('addcdiv', input, t1, t2));
  record('AddcdivBackward0', out, [input, t1, t2], [t1, t2], ([g], [y, z]) => [
    sumToShape(g!, input.shape),
    sumToShape(scaled(g!.div(z), value), t1.shape),
    sumToShape(scaled(g!.mul(y).div(z.mul(z)), -value), t2.shape),
  ]);
  return out;
}

// ---- composites ----

/** A view with a given grad_fn name (ATen's _unsafe_view / squeeze overloads) over a fresh result. */
function namedView(x: Tensor, shape: number[], name: string): Tensor {
  const out = x.is_contiguous() ? makeView(x, shape, contiguousStrides(shape), x._offset) : contiguousCopy(x).reshape(shape);
  if (name === 'UnsafeViewBackward0') out._base = null;
  record(name, out, [x], [], ([g]) => [g!.reshape(x.shape)]);
  return out;
}

/**
 * ATen's should_fold: fold the batch of the larger operand into mm/mv rows when the smaller operand
 * needs a gradient (a bmm backward would build a large tensor) or when folding needs no copy.
 */
function shouldFold(a: Tensor, b: Tensor): boolean {
  const aLarger = a.dim() >= b.dim();
  const big = aLarger ? a : b.mT, smallDim = aLarger ? b.dim() : a.dim();
  if (!(big.dim() >= 3 && smallDim <= 2)) return false;
  if ((aLarger ? b : a).requires_grad) return true;
  if (a.dim() === 2) return false;
  if (big.numel() === 0) return true;
  for (let i = 0; i < big.dim() - 2; i++) if (big._strides[i] !== big._strides[i + 1] * big.shape[i + 1]) return false;
  return true;
}

/** torch.matmul: dot, mv, mm, a folded mm/mv, or a (broadcast) batched bmm, chosen as ATen does. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const da = a.dim(), db = b.dim();
  if (da === 0 || db === 0) throw runtimeError(`both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`);
  if (da === 1 && db === 1) return dot(a, b);
  if (da === 2 && db === 1) return mv(a, b);
  if (da === 1 && db === 2) return namedView(mm(a.unsqueeze(0), b), [b.shape[1]], 'SqueezeBackward4');
  if (da === 2 && db === 2) return mm(a, b);
  if (shouldFold(a, b)) {
    // 2-D @ N-D runs as (Bᵀ @ Aᵀ)ᵀ so the batch still folds into rows.
    const transpose = db > da;
    const t1 = transpose ? b.mT : a;
    const t2 = !transpose ? b : da === 2 ? a.t() : a;
    const lead = t1.shape.slice(0, -1);
    const rows = t1.reshape([numelOf(lead), t1.shape[t1.dim() - 1]]);
    if (t2.dim() === 1) return namedView(mv(rows, t2), lead, 'UnsafeViewBackward0');
    const out = namedView(mm(rows, t2), [...lead, t2.shape[1]], 'UnsafeViewBackward0');
    return transpose ? out.mT.contiguous() : out;
  }
  const m = da === 1 ? 1 : a.shape[da - 2], k = a.shape[da - 1];
  const a2 = da === 1 ? a.unsqueeze(0) : a, b2 = db === 1 ? b.unsqueeze(-1) : b;
  const n = b2.shape[b2.dim() - 1], kb = b2.shape[b2.dim() - 2];
  const batch = broadcastShapes(a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  const B = numelOf(batch);
  const a3 = a2.expand([...batch, m, k]).reshape([B, m, k]);
  const b3 = b2.expand([...batch, kb, n]).reshape([B, kb, n]);
  const out = bmm(a3, b3);
  return namedView(out, [...batch, ...(da === 1 ? [] : [m]), ...(db === 1 ? [] : [n])], 'UnsafeViewBackward0');
}

/** F.linear: x · Wᵀ + b, one GEMM (the transposed weight is passed as a layout flag, not copied). */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  const wt = weight.t();
  if (bias && x.dim() === 2) return addmm(bias, x, wt);
  if (bias && x.is_contiguous() && (x.dim() === 3 || bias.dim() === 1)) {
    const flat = x.reshape([-1, x.shape[x.dim() - 1]]);
    return addmm(bias, flat, wt).view([...x.shape.slice(0, -1), weight.shape[0]]);
  }
  const out = matmul(x, wt);
  return bias ? out.add_(bias) : out;
}

export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.dim() !== 1) throw runtimeError(`outer: Expected 1-D argument self, but got ${a.dim()}-D`);
  if (b.dim() !== 1) throw runtimeError(`outer: Expected 1-D argument vec2, but got ${b.dim()}-D`);
  return a.reshape([a.shape[0], 1]).mul(b);
}
export const ger = outer;

/** torch.tensordot: contracts dims (last n of a with first n of b, or two explicit lists) with one mm. */
export function tensordot(a: Tensor, b: Tensor, dims: number | [number[] | number, number[] | number] = 2): Tensor {
  let da: number[], dbs: number[];
  if (typeof dims === 'number') {
    if (dims < 0) throw runtimeError(`tensordot expects dims >= 0, but got dims=${dims}`);
    da = [...Array(dims).keys()].map((i) => i - dims);
    dbs = [...Array(dims).keys()];
  } else {
    da = typeof dims[0] === 'number' ? [dims[0]] : dims[0];
    dbs = typeof dims[1] === 'number' ? [dims[1]] : dims[1];
  }
  if (da.length !== dbs.length) throw runtimeError('both dimension lists should have same length');
  const ca = da.map((d) => wrapDim(d, a.dim())), cb = dbs.map((d) => wrapDim(d, b.dim()));
  ca.forEach((d, i) => {
    if (a.shape[d] !== b.shape[cb[i]]) {
      throw runtimeError(`contracted dimensions need to match, but first has size ${a.shape[d]} in dim ${da[i]} and second has size ${b.shape[cb[i]]} in dim ${dbs[i]}`);
    }
  });
  const fa = [...Array(a.dim()).keys()].filter((d) => !ca.includes(d));
  const fb = [...Array(b.dim()).keys()].filter((d) => !cb.includes(d));
  const csize = numelOf(ca.map((d) => a.shape[d]));
  const am = a.permute([...fa, ...ca]).reshape([numelOf(fa.map((d) => a.shape[d])), csize]);
  const bm = b.permute([...cb, ...fb]).reshape([csize, numelOf(fb.map((d) => b.shape[d]))]);
  return mm(am, bm).reshape([...fa.map((d) => a.shape[d]), ...fb.map((d) => b.shape[d])]);
}

/** torch.inner: contracts the last dims (a scalar operand multiplies instead). */
export function inner(a: Tensor, b: Tensor): Tensor {
  if (a.dim() === 0 || b.dim() === 0) return a.mul(b);
  if (a.shape[a.dim() - 1] !== b.shape[b.dim() - 1]) {
    throw runtimeError(`inner() the last dimension must match on both input tensors but got shapes [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
  }
  return tensordot(a, b, [[-1], [-1]]);
}

/** torch.linalg.multi_dot: a chain of mm, left to right; a 1-D first/last operand acts as a row/column. */
export function multi_dot(tensors: Tensor[]): Tensor {
  if (tensors.length < 2) throw runtimeError(`multi_dot(): expected at least 2 tensors but got ${tensors.length}`);
  const first = tensors[0].dim() === 1, last = tensors[tensors.length - 1].dim() === 1;
  const ms = tensors.map((t, i) => (i === 0 && first ? t.unsqueeze(0) : i === tensors.length - 1 && last ? t.unsqueeze(1) : t));
  let r = ms.slice(1).reduce((acc, t) => mm(acc, t), ms[0]);
  if (first) r = r.squeeze(0);
  if (last) r = r.squeeze(-1);
  return r;
}
export const chain_matmul = (...tensors: Tensor[]) => multi_dot(tensors);

/** torch.kron: the Kronecker product, as a broadcast multiply of interleaved views. */
export function kron(a: Tensor, b: Tensor): Tensor {
  const nd = Math.max(a.dim(), b.dim());
  const pad = (t: Tensor) => [...Array(nd - t.dim()).fill(1), ...t.shape];
  const sa = pad(a), sb = pad(b);
  const ai = a.reshape(sa.flatMap((d) => [d, 1]));
  const bi = b.reshape(sb.flatMap((d) => [1, d]));
  return namedView(ai.mul(bi), sa.map((d, i) => d * sb[i]), 'UnsafeViewBackward0');
}
