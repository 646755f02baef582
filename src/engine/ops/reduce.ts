// Reductions beyond sum/mean: prod, max/min (values + indices), amax/amin, argmax/argmin, var/std
// (+ _mean), vector norms, logsumexp, all/any/count_nonzero. Forward kernels read a dense copy with
// the reduced dims moved last; backward formulas are Tensor ops where that keeps double backward.
import { type DType, isFloating, isIntegral } from '../dtype';
import { runtimeError, indexError, notImplemented } from '../errors';
import { numelOf, wrapDim, wrapDims } from '../shape';
import { movedRows, unmove, valuesIndices, type ValuesIndices } from './rows';
export type { ValuesIndices };
import { Tensor, emptyTensor } from '../tensor';
import { record } from '../autograd/node';
import { reduceKernel, reducedShape, expandReduced, type Dims } from './reduce_core';
import { arange } from './creation';
import { floatOf } from './util';

/** A tensor of `shape` from per-row results (one value per row of movedRows). */
function fromRows(vals: ArrayLike<number>, shape: number[], dtype: DType, device: Tensor['device']): Tensor {
  const out = emptyTensor(shape, dtype, device);
  if (device === 'cpu') out._data().set(vals);
  return out;
}

const typeName = (d: DType) => ({ float32: 'Float', float64: 'Double', float16: 'Half', bfloat16: 'BFloat16', int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool', complex64: 'ComplexFloat' })[d];


// ---- prod ----
export function prod(x: Tensor, dim: number | null = null, keepdim = false, dtype?: DType): Tensor {
  const dims = dim === null ? [...Array(x.dim()).keys()] : [wrapDim(dim, x.dim())];
  const outDtype = dtype ?? (isIntegral(x.dtype, true) ? 'int64' : x.dtype);
  const out = reduceKernel(x, dims, keepdim, 'prod', outDtype);
  record(dim === null ? 'ProdBackward0' : 'ProdBackward1', out, [x], [x, out], ([g], [xx, o]) => {
    const ge = expandReduced(g!, xx.shape, dims, keepdim);
    const hasZero = xx.device === 'cpu' && xx._contiguousData().some((v) => v === 0);
    // Without zeros, d(prod)/dx_i = prod / x_i keeps double backward; with zeros use exclusive products.
    if (!hasZero) return [ge.mul(expandReduced(o, xx.shape, dims, keepdim)).div(xx)];
    return [ge.mul(exclusiveProd(xx, dims))];
  });
  return out;
}

/** For each element, the product of the other elements of its reduced slice (no graph). */
function exclusiveProd(x: Tensor, dims: number[]): Tensor {
  const { rows, outer, inner, order } = movedRows(x, dims);
  const res = new Float64Array(rows.length);
  for (let o = 0; o < outer; o++) {
    const b = o * inner;
    let zeros = 0, zi = -1, p = 1;
    for (let i = 0; i < inner; i++) { const v = rows[b + i]; if (v === 0) { zeros++; zi = i; } else p *= v; }
    if (zeros === 0) for (let i = 0; i < inner; i++) res[b + i] = p / rows[b + i];
    else if (zeros === 1) res[b + zi] = p;
  }
  return unmove(res, x.shape, order, x.dtype);
}

// ---- max / min ----
/** One-hot float mask along `dim` of `shape`: 1 where the position equals idx (keepdim-shaped). */
function oneHot(idx: Tensor, dim: number, shape: number[], dtype: DType): Tensor {
  const iotaShape = shape.map((_, i) => (i === dim ? shape[i] : 1));
  const iota = arange(shape[dim], null, 1, { dtype: 'int64', device: idx.device }).reshape(iotaShape);
  return iota.eq(idx).to(dtype);
}

function extremum(kind: 'max' | 'min', x: Tensor, dim?: number | Tensor | null, keepdim = false): Tensor | ValuesIndices {
  if (dim instanceof Tensor) return kind === 'max' ? x.maximum(dim) : x.minimum(dim);
  if (dim === null || dim === undefined) {
    if (x.numel() === 0) throw runtimeError(`${kind}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
    const dims = [...Array(x.dim()).keys()];
    const out = reduceKernel(x, dims, false, kind, x.dtype);
    record(kind === 'max' ? 'MaxBackward1' : 'MinBackward1', out, [x], [x, out], ([g], [xx, o]) => [evenly(g!, xx, o, dims, false)]);
    return out;
  }
  const d = wrapDim(dim, x.dim());
  if (x.dim() > 0 && x.shape[d] === 0) throw indexError(`${kind}(): Expected reduction dim ${d} to have non-zero size.`);
  const dims = x.dim() === 0 ? [] : [d];
  const values = reduceKernel(x, dims, keepdim, kind, x.dtype);
  const indices = reduceKernel(x, dims, keepdim, kind === 'max' ? 'argmax' : 'argmin', 'int64');
  // PyTorch's max(dim) gradient goes only to the returned index, even among ties.
  record(kind === 'max' ? 'MaxBackward0' : 'MinBackward0', values, [x], [indices], ([g], [ix]) => {
    if (x.dim() === 0) return [g!];
    const ik = keepdim ? ix : ix.unsqueeze(d);
    return [expandReduced(g!, x.shape, dims, keepdim).mul(oneHot(ik, d, x.shape, g!.dtype))];
  });
  return valuesIndices(values, indices);
}

/** The gradient of a reduction that picks a value: split evenly among the elements equal to it. */
function evenly(g: Tensor, x: Tensor, out: Tensor, dims: number[], keepdim: boolean): Tensor {
  const mask = x.eq(expandReduced(out, x.shape, dims, keepdim)).to(g.dtype);
  const count = mask.sum(dims, true);
  return expandReduced(g, x.shape, dims, keepdim).mul(mask).div(count);
}

export function max(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim?: number | Tensor | null, keepdim = false): Tensor | ValuesIndices { return extremum('max', x, dim, keepdim); }
export function min(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim?: number | Tensor | null, keepdim = false): Tensor | ValuesIndices { return extremum('min', x, dim, keepdim); }

function amaxmin(kind: 'max' | 'min', x: Tensor, dim: Dims, keepdim: boolean): Tensor {
  const dims = wrapDims(dim, x.dim());
  const op = kind === 'max' ? 'amax' : 'amin';
  for (const d of dims) if (x.shape[d] === 0) throw indexError(`${op}(): Expected reduction dim ${d} to have non-zero size.`);
  const out = reduceKernel(x, dims, keepdim, kind, x.dtype);
  record(kind === 'max' ? 'AmaxBackward0' : 'AminBackward0', out, [x], [x, out], ([g], [xx, o]) => [evenly(g!, xx, o, dims, keepdim)]);
  return out;
}
export const amax = (x: Tensor, dim: Dims = [], keepdim = false) => amaxmin('max', x, dim, keepdim);
export const amin = (x: Tensor, dim: Dims = [], keepdim = false) => amaxmin('min', x, dim, keepdim);

function argext(kind: 'argmax' | 'argmin', x: Tensor, dim: number | null, keepdim: boolean): Tensor {
  if (dim === null) {
    if (x.numel() === 0) throw runtimeError(`${kind}(): Expected reduction dim to be specified for input.numel() == 0.`);
    const flat = reduceKernel(x.reshape([-1]), [0], false, kind, 'int64');
    return keepdim ? flat.reshape(x.shape.map(() => 1)) : flat;
  }
  const d = wrapDim(dim, x.dim());
  if (x.dim() > 0 && x.shape[d] === 0) throw indexError(`${kind}(): Expected reduction dim ${d} to have non-zero size.`);
  return reduceKernel(x, x.dim() === 0 ? [] : [d], keepdim, kind, 'int64');
}
export const argmax = (x: Tensor, dim: number | null = null, keepdim = false) => argext('argmax', x, dim, keepdim);
export const argmin = (x: Tensor, dim: number | null = null, keepdim = false) => argext('argmin', x, dim, keepdim);

// ---- var / std ----
export interface VarOptions { correction?: number | null; keepdim?: boolean }

/**
 * Resolves var/std's overloads: var(x), var(x, unbiased), var(x, dim, unbiased, keepdim),
 * var(x, dim, {correction, keepdim}).
 */
function varArgs(dim: Dims | boolean, unbiased: boolean | null | VarOptions, keepdim: boolean | VarOptions | undefined, opts: VarOptions) {
  let u: boolean | null = null;
  let o: VarOptions = opts;
  if (typeof dim === 'boolean') { u = dim; dim = null; }
  if (typeof unbiased === 'boolean') u = unbiased;
  else if (unbiased && typeof unbiased === 'object') o = { ...unbiased, ...o };
  if (typeof keepdim === 'object') o = { ...keepdim, ...o };
  const kd = typeof keepdim === 'boolean' ? keepdim : o.keepdim ?? false; // keepdim undefined => from opts
  const correction = o.correction ?? (u === null ? 1 : u ? 1 : 0);
  return { dim: dim as Dims, correction, keepdim: kd };
}

/** Per-row mean and sum of squared deviations (two-pass, in doubles). */
function moments(x: Tensor, dims: number[]): { mean: Float64Array; m2: Float64Array; n: number } {
  const { rows, outer, inner } = movedRows(x, dims);
  const mean = new Float64Array(outer), m2 = new Float64Array(outer);
  for (let o = 0; o < outer; o++) {
    const b = o * inner;
    let s = 0;
    for (let i = 0; i < inner; i++) s += rows[b + i];
    const m = s / inner;
    let q = 0;
    for (let i = 0; i < inner; i++) { const dv = rows[b + i] - m; q += dv * dv; }
    mean[o] = m; m2[o] = q;
  }
  return { mean, m2, n: inner };
}

type VarKind = 'var' | 'std' | 'var_mean' | 'std_mean';

function variance(kind: VarKind, x: Tensor, dimArg: Dims | boolean, unbiased: boolean | null | VarOptions, kdArg: boolean | VarOptions | undefined, opts: VarOptions): Tensor | [Tensor, Tensor] {
  if (!isFloating(x.dtype)) throw runtimeError('std and var only support floating point and complex dtypes');
  const { dim, correction, keepdim } = varArgs(dimArg, unbiased, kdArg, opts);
  const dims = wrapDims(dim, x.dim());
  const shape = reducedShape(x.shape, dims, keepdim);
  const { mean, m2, n } = x.device === 'cpu' ? moments(x, dims) : { mean: [], m2: [], n: numelOf(dims.map((d) => x.shape[d])) };
  const dof = Math.max(0, n - correction);
  const isStd = kind === 'std' || kind === 'std_mean';
  const v = Array.from(m2, (q) => (isStd ? Math.sqrt(q / dof) : q / dof));
  const out = fromRows(v, shape, x.dtype, x.device);
  const meanT = fromRows(mean, shape, x.dtype, x.device);
  const withMean = kind === 'var_mean' || kind === 'std_mean';
  const name = { var: 'VarBackward0', std: 'StdBackward0', var_mean: 'VarMeanBackward0', std_mean: 'StdMeanBackward0' }[kind];
  record(name, withMean ? [out, meanT] : out, [x], [x, out], ([g, gm], [xx, o]) => {
    const centered = xx.sub(xx.mean(dims, true));
    let scale = expandReduced(g!, xx.shape, dims, keepdim).div(dof);
    if (isStd) scale = scale.div(expandReduced(o, xx.shape, dims, keepdim)).masked_fill(expandReduced(o, xx.shape, dims, keepdim).eq(0), 0);
    let gx = scale.mul(centered).mul(isStd ? 1 : 2);
    if (withMean) gx = gx.add(expandReduced(gm!, xx.shape, dims, keepdim).div(n));
    return [gx];
  });
  return withMean ? [out, meanT] : out;
}

type VarFn = (x: Tensor, dim?: Dims | boolean, unbiased?: boolean | null | VarOptions, keepdim?: boolean | VarOptions, opts?: VarOptions) => Tensor;
type VarMeanFn = (x: Tensor, dim?: Dims | boolean, unbiased?: boolean | null | VarOptions, keepdim?: boolean | VarOptions, opts?: VarOptions) => [Tensor, Tensor];
const var_: VarFn = (x, dim = null, unbiased = null, keepdim, opts = {}) => variance('var', x, dim, unbiased, keepdim, opts) as Tensor;
export const std: VarFn = (x, dim = null, unbiased = null, keepdim, opts = {}) => variance('std', x, dim, unbiased, keepdim, opts) as Tensor;
export const var_mean: VarMeanFn = (x, dim = null, unbiased = null, keepdim, opts = {}) => variance('var_mean', x, dim, unbiased, keepdim, opts) as [Tensor, Tensor];
export const std_mean: VarMeanFn = (x, dim = null, unbiased = null, keepdim, opts = {}) => variance('std_mean', x, dim, unbiased, keepdim, opts) as [Tensor, Tensor];
export { var_ as var };

// ---- norms ----
export type NormOrd = number | 'fro' | 'nuc';

/** torch.linalg.vector_norm(x, ord=2, dim=None, keepdim=False). */
export function linalg_vector_norm(x: Tensor, ord = 2, dim: Dims = null, keepdim = false, opts: { dtype?: DType } = {}): Tensor {
  if (!isFloating(x.dtype)) throw runtimeError(`linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${typeName(x.dtype)}`);
  const xd = opts.dtype ? x.to(opts.dtype) : x;
  const dims = wrapDims(dim, xd.dim());
  const shape = reducedShape(xd.shape, dims, keepdim);
  const { rows, outer, inner } = movedRows(xd, dims);
  const res = new Float64Array(xd.device === 'cpu' ? outer : 0);
  for (let o = 0; o < res.length; o++) {
    const b = o * inner;
    let acc = ord === Infinity ? 0 : ord === -Infinity ? Infinity : 0;
    for (let i = 0; i < inner; i++) {
      const a = Math.abs(rows[b + i]);
      if (ord === Infinity) acc = a > acc || a !== a ? a : acc;
      else if (ord === -Infinity) acc = a < acc || a !== a ? a : acc;
      else if (ord === 0) acc += a !== 0 ? 1 : 0;
      else if (ord === 1) acc += a;
      else if (ord === 2) acc += a * a;
      else acc += Math.pow(a, ord);
    }
    res[o] = ord === 2 ? Math.sqrt(acc) : ord === 0 || ord === 1 || !Number.isFinite(ord) ? acc : Math.pow(acc, 1 / ord);
  }
  const out = fromRows(res, shape, xd.dtype, xd.device);
  record('LinalgVectorNormBackward0', out, [xd], [xd, out], ([g], [xx, o]) => [normBackward(g!, xx, o, ord, dims, keepdim)]);
  return out;
}

function normBackward(g: Tensor, x: Tensor, norm: Tensor, ord: number, dims: number[], keepdim: boolean): Tensor | null {
  const ge = expandReduced(g, x.shape, dims, keepdim);
  const ne = expandReduced(norm, x.shape, dims, keepdim);
  if (ord === 0) return null; // PyTorch's gradient of the 0-"norm" (a count) is undefined: no grad
  if (ord === 1) return ge.mul(x.sign());
  if (!Number.isFinite(ord)) {
    const mask = x.abs().eq(ne).to(g.dtype);
    return ge.mul(x.sign()).mul(mask).div(mask.sum(dims, true));
  }
  const scaled = ord === 2 ? x.div(ne) : x.mul(x.abs().pow(ord - 2)).div(ne.pow(ord - 1));
  return ge.mul(scaled).masked_fill(ne.eq(0), 0);
}

/** torch.norm(x, p='fro', dim=None, keepdim=False, dtype=None): vector norms ('fro' is the 2-norm). */
export function norm(x: Tensor, p: NormOrd | null = 'fro', dim: Dims = null, keepdim = false, dtype?: DType): Tensor {
  if (p === 'nuc') throw notImplemented("torch.norm: p='nuc' (nuclear norm) is not supported by nnlens");
  if (p === 'fro' && dim !== null && dim !== undefined && typeof dim !== 'number' && dim.length > 2) {
    throw runtimeError(`linalg.matrix_norm: dim must be a 2-tuple. Got ${dim.join(' ')}`);
  }
  const ord = p === 'fro' || p === null ? 2 : p;
  return linalg_vector_norm(x, ord, dim, keepdim, { dtype });
}

// ---- logsumexp ----
export function logsumexp(x: Tensor, dim: Dims, keepdim = false): Tensor {
  const xf = isFloating(x.dtype) ? x : x.to(floatOf(x.dtype));
  const dims = wrapDims(dim, xf.dim());
  const shape = reducedShape(xf.shape, dims, keepdim);
  const { rows, outer, inner } = movedRows(xf, dims);
  const res = new Float64Array(xf.device === 'cpu' ? outer : 0);
  for (let o = 0; o < res.length; o++) {
    const b = o * inner;
    let m = -Infinity;
    for (let i = 0; i < inner; i++) if (rows[b + i] > m) m = rows[b + i];
    // Subtracting the max keeps exp() in range; an all -inf (or +inf) row keeps its max.
    if (!Number.isFinite(m)) { res[o] = m; continue; }
    let s = 0;
    for (let i = 0; i < inner; i++) s += Math.exp(rows[b + i] - m);
    res[o] = m + Math.log(s);
  }
  const out = fromRows(res, shape, xf.dtype, xf.device);
  record('LogsumexpBackward0', out, [xf], [xf, out], ([g], [xx, o]) => [
    expandReduced(g!, xx.shape, dims, keepdim).mul(xx.sub(expandReduced(o, xx.shape, dims, keepdim)).exp()),
  ]);
  return out;
}

// ---- logical reductions ----
// uint8 inputs keep uint8 results, as in PyTorch (a legacy of byte masks).
export function all(x: Tensor, dim: Dims = null, keepdim = false): Tensor {
  return reduceKernel(x, wrapDims(dim, x.dim()), keepdim, 'all', x.dtype === 'uint8' ? 'uint8' : 'bool');
}
export function any(x: Tensor, dim: Dims = null, keepdim = false): Tensor {
  return reduceKernel(x, wrapDims(dim, x.dim()), keepdim, 'any', x.dtype === 'uint8' ? 'uint8' : 'bool');
}
export function count_nonzero(x: Tensor, dim: Dims = null): Tensor {
  const dims = wrapDims(dim, x.dim());
  return reduceKernel(x.ne(0), dims, false, 'sum', 'int64');
}

declare module '../tensor' {
  interface Tensor {
    prod(dim?: number | null, keepdim?: boolean, dtype?: DType): Tensor;
    max(): Tensor; max(dim: number, keepdim?: boolean): ValuesIndices; max(other: Tensor): Tensor;
    min(): Tensor; min(dim: number, keepdim?: boolean): ValuesIndices; min(other: Tensor): Tensor;
    amax(dim?: Dims, keepdim?: boolean): Tensor; amin(dim?: Dims, keepdim?: boolean): Tensor;
    argmax(dim?: number | null, keepdim?: boolean): Tensor; argmin(dim?: number | null, keepdim?: boolean): Tensor;
    var(dim?: Dims | boolean, unbiased?: boolean | null | VarOptions, keepdim?: boolean | VarOptions, opts?: VarOptions): Tensor;
    std(dim?: Dims | boolean, unbiased?: boolean | null | VarOptions, keepdim?: boolean | VarOptions, opts?: VarOptions): Tensor;
    norm(p?: NormOrd | null, dim?: Dims, keepdim?: boolean, dtype?: DType): Tensor;
    logsumexp(dim: Dims, keepdim?: boolean): Tensor;
    all(dim?: Dims, keepdim?: boolean): Tensor; any(dim?: Dims, keepdim?: boolean): Tensor; count_nonzero(dim?: Dims): Tensor;
  }
}
const methods = { prod, max, min, amax, amin, argmax, argmin, var: var_, std, norm, logsumexp, all, any, count_nonzero };
for (const [name, fn] of Object.entries(methods)) {
  (Tensor.prototype as any)[name] = function (this: Tensor, ...a: unknown[]) { return (fn as (...args: unknown[]) => unknown)(this, ...a); };
}
