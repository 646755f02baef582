// Index-driven ops along a dim: gather/scatter/scatter_add/scatter_reduce, index_select/index_add/
// index_copy/index_fill, masked_select, take, nonzero, and their in-place forms. Forward loops run on
// storage offsets; backward formulas are these same ops, so double backward works.
import { type DType, castValue, isFloating } from '../dtype';
import { indexError, runtimeError } from '../errors';
import { broadcastShapes, contiguousStrides, fmtShape, wrapDim } from '../shape';
import { Tensor, emptyTensor, makeView } from '../tensor';
import { record } from '../autograd/node';
import { copyStrided, binaryKernel } from '../backend/strided';
import { contiguousCopy } from './movement';
import { commitInplace } from './convert';
import { broadcastStrides, sumToShape, type Scalar } from './util';
import { index_put, nonzeroColumns } from './indexing';

const checkIndexDtype = (op: string, index: Tensor) => {
  if (index.dtype !== 'int64' && index.dtype !== 'int32') throw runtimeError(`${op}(): Expected dtype int32/int64 for index`);
};

/**
 * Walks every position of `index` (row-major) and returns, per position, the storage offset in
 * `target` with the `dim` coordinate replaced by the index value, and the offset in each of `others`
 * at the position itself.
 */
function offsets(target: Tensor, dim: number, index: Tensor, others: Tensor[]): { tgt: Float64Array; oth: Float64Array[] } {
  const n = index.numel(), shape = index.shape, nd = shape.length;
  const tgt = new Float64Array(n), oth = others.map(() => new Float64Array(n));
  const idx = index._data(), size = target.dim() === 0 ? 1 : target.shape[dim];
  const dimStride = target.dim() === 0 ? 0 : target._strides[dim];
  // Strides per walked tensor (the index, the target without `dim`, the others), advanced as an odometer.
  const walked = [index, target, ...others];
  const st = walked.map((t, w) => shape.map((_, i) => (w === 1 && i === dim ? 0 : t.dim() === 0 ? 0 : t._strides[i])));
  const off = walked.map((t) => t._offset);
  const pos = new Array<number>(nd).fill(0);
  for (let k = 0; k < n; k++) {
    const ix = idx[off[0]];
    if (ix < 0 || ix >= size) throw runtimeError(`index ${ix} is out of bounds for dimension ${dim} with size ${size}`);
    tgt[k] = off[1] + ix * dimStride;
    for (let j = 0; j < oth.length; j++) oth[j][k] = off[j + 2];
    for (let i = nd - 1; i >= 0; i--) {
      for (let w = 0; w < walked.length; w++) off[w] += st[w][i];
      if (++pos[i] < shape[i]) break;
      for (let w = 0; w < walked.length; w++) off[w] -= st[w][i] * shape[i];
      pos[i] = 0;
    }
  }
  return { tgt, oth };
}

export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, x.dim());
  checkIndexDtype('gather', index);
  if (index.dim() !== x.dim() && !(x.dim() <= 1 && index.dim() <= 1)) throw runtimeError('Index tensor must have the same number of dimensions as input tensor');
  index.shape.forEach((s, i) => {
    if (i !== d && s > x.shape[i]) throw runtimeError(`Size does not match at dimension ${i} expected index ${fmtShape(index.shape)} to be no larger than self ${fmtShape(x.shape)} apart from dimension ${d}`);
  });
  const out = emptyTensor(index.shape, x.dtype, x.device);
  if (x.device === 'cpu') {
    const { tgt } = offsets(x, d, index, []);
    const src = x._data(), o = out._data();
    for (let k = 0; k < tgt.length; k++) o[k] = src[tgt[k]];
  }
  record('GatherBackward0', out, [x], [index], ([g], [ix]) => [scatter_add(emptyTensor(x.shape, g!.dtype, g!.device), d, ix, g!)]);
  return out;
}

function checkScatter(op: string, x: Tensor, d: number, index: Tensor, src: Tensor | null): void {
  checkIndexDtype(op, index);
  if (index.dim() !== x.dim() && !(x.dim() <= 1 && index.dim() <= 1)) throw runtimeError('Index tensor must have the same number of dimensions as self tensor');
  if (src && src.dim() !== index.dim() && !(src.dim() <= 1 && index.dim() <= 1)) throw runtimeError('Index tensor must have the same number of dimensions as src tensor');
  if (src && src.dtype !== x.dtype) throw runtimeError(`${op}(): Expected self.dtype to be equal to src.dtype`);
  const bad = index.shape.some((s, i) => (i !== d && s > x.shape[i]) || (src !== null && s > src.shape[i]));
  if (bad) {
    throw runtimeError(`Expected index ${fmtShape(index.shape)} to be no larger than self ${fmtShape(x.shape)} apart from dimension ${d}${src ? ` and to be no larger size than src ${fmtShape(src.shape)}` : ''}`);
  }
}

export type ScatterReduce = 'sum' | 'prod' | 'mean' | 'amax' | 'amin';

/** The scatter kernel: out = copy of x, then out[index along d] (op)= src (or the scalar value). */
function scatterKernel(x: Tensor, d: number, index: Tensor, src: Tensor | Scalar, mode: 'set' | ScatterReduce, includeSelf = true): Tensor {
  const out = contiguousCopy(x);
  if (x.device === 'meta') return out;
  const srcT = src instanceof Tensor ? src : null;
  const { tgt, oth } = offsets(out, d, index, srcT ? [srcT] : []);
  const o = out._data(), s = srcT ? srcT._data() : null, sv = srcT ? 0 : Number(src);
  const count = mode === 'mean' || !includeSelf ? new Map<number, number>() : null;
  if (!includeSelf) for (const t of tgt) o[t] = mode === 'prod' ? 1 : mode === 'amax' ? -Infinity : mode === 'amin' ? Infinity : 0;
  for (let k = 0; k < tgt.length; k++) {
    const t = tgt[k], v = s ? s[oth[0][k]] : sv;
    switch (mode) {
      case 'set': o[t] = castValue(x.dtype, v); break;
      case 'sum': case 'mean': o[t] += v; break;
      case 'prod': o[t] *= v; break;
      case 'amax': if (v > o[t] || v !== v) o[t] = v; break;
      case 'amin': if (v < o[t] || v !== v) o[t] = v; break;
    }
    if (count) count.set(t, (count.get(t) ?? (includeSelf ? 1 : 0)) + 1);
  }
  if (mode === 'mean' && count) for (const [t, c] of count) o[t] = isFloating(x.dtype) ? o[t] / c : Math.floor(o[t] / c);
  return out;
}

export function scatter(x: Tensor, dim: number, index: Tensor, src: Tensor | Scalar, opts: { reduce?: 'add' | 'multiply' } = {}): Tensor {
  const d = wrapDim(dim, x.dim());
  const srcT = src instanceof Tensor ? src : null;
  checkScatter('scatter', x, d, index, srcT);
  if (opts.reduce) return scatterKernel(x, d, index, src, opts.reduce === 'add' ? 'sum' : 'prod');
  const out = scatterKernel(x, d, index, src, 'set');
  if (srcT) {
    record('ScatterBackward0', out, [x, srcT], [index], ([g], [ix]) => [scatter(g!, d, ix, 0), gather(g!, d, ix)]);
  } else {
    record('ScatterBackward1', out, [x], [index], ([g], [ix]) => [scatter(g!, d, ix, 0)]);
  }
  return out;
}

export function scatter_add(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const d = wrapDim(dim, x.dim());
  checkScatter('scatter', x, d, index, src);
  const out = scatterKernel(x, d, index, src, 'sum');
  record('ScatterAddBackward0', out, [x, src], [index], ([g], [ix]) => [g!, gather(g!, d, ix)]);
  return out;
}

/** torch.scatter_reduce: gradients for sum, mean, amax and amin (prod has none here). */
export function scatter_reduce(x: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, opts: { include_self?: boolean } = {}): Tensor {
  const d = wrapDim(dim, x.dim());
  const incl = opts.include_self ?? true;
  checkScatter('scatter_reduce', x, d, index, src);
  const out = scatterKernel(x, d, index, src, reduce, incl);
  record('ScatterReduceBackward0', out, [x, src], [x, index, src, out], ([g], [xx, ix, s, o]) => {
    if (reduce === 'prod') throw runtimeError('scatter_reduce: the backward of reduce="prod" is not supported by nnlens');
    const hit = scatter(emptyTensor(xx.shape, 'bool', xx.device), d, ix, true); // positions that received a value
    const selfW = incl ? 1 : 0;
    if (reduce === 'sum') return [incl ? g! : g!.masked_fill(hit, 0), gather(g!, d, ix)];
    if (reduce === 'mean') {
      const n = scatter_add(emptyTensor(xx.shape, g!.dtype, g!.device), d, ix, emptyTensor(s.shape, g!.dtype, g!.device).add(1)).add(hit.to(g!.dtype).mul(selfW)).clamp_min(1);
      const gn = g!.div(n);
      return [incl ? gn : gn.masked_fill(hit, 0), gather(gn, d, ix)];
    }
    // amax/amin: split evenly among every contributor (self included) equal to the result.
    const selfEq = xx.eq(o).logical_and(hit.logical_not().logical_or(incl));
    const srcEq = s.eq(gather(o, d, ix)).to(g!.dtype);
    const cnt = scatter_add(selfEq.to(g!.dtype), d, ix, srcEq);
    const share = g!.div(cnt.clamp_min(1));
    return [share.mul(selfEq.to(g!.dtype)), gather(share, d, ix).mul(srcEq)];
  });
  return out;
}

// ---- index_* along one dim with a 1-D index ----
/** A view of t at position i of dim d (outside the graph). */
const rawSelect = (t: Tensor, d: number, i: number): Tensor => {
  if (t.dim() === 0) return t;
  return makeView(t, t.shape.filter((_, k) => k !== d), t._strides.filter((_, k) => k !== d), t._offset + i * t._strides[d]);
};

function indexList(op: string, index: Tensor, size: number, msg: (ix: number) => string): number[] {
  if (index.dim() > 1) throw indexError(`${op}(): Index is supposed to be a vector`);
  if (index.dtype !== 'int64' && index.dtype !== 'int32') throw runtimeError(`${op}(): Expected dtype int32 or int64 for index`);
  if (index.device === 'meta') return [];
  return Array.from(index._contiguousData(), (ix) => {
    if (ix < 0 || ix >= size) throw indexError(msg(ix));
    return ix;
  });
}

const copyInto = (src: Tensor, dst: Tensor) => copyStrided(src._data(), dst.shape, broadcastStrides(src, dst.shape), src._offset, dst._data(), dst._strides, dst._offset);

export function index_select(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = wrapDim(dim, x.dim());
  const n = x.dim() === 0 ? 1 : x.shape[d];
  const ids = indexList('index_select', index, n, () => 'index out of range in self');
  const shape = x.dim() === 0 ? [...index.shape] : x.shape.map((s, i) => (i === d ? index.numel() : s));
  const out = emptyTensor(shape, x.dtype, x.device);
  if (x.device === 'cpu') ids.forEach((ix, i) => copyInto(rawSelect(x, d, ix), rawSelect(out, d, i)));
  record('IndexSelectBackward0', out, [x], [index], ([g], [ix]) => [index_add(emptyTensor(x.shape, g!.dtype, g!.device), d, ix, g!.reshape(x.dim() === 0 ? [] : g!.shape))]);
  return out;
}

function indexAlong(op: 'index_add' | 'index_copy', x: Tensor, dim: number, index: Tensor, source: Tensor, alpha: number): Tensor {
  const d = wrapDim(dim, x.dim());
  const n = x.dim() === 0 ? 1 : x.shape[d];
  const srcN = source.dim() === 0 ? 1 : source.shape[wrapDim(d, source.dim())];
  if (index.numel() !== srcN) throw runtimeError(`${op}_(): Number of indices (${index.numel()}) should be equal to source.size(dim): (${srcN}), for dim: ${d}`);
  const ids = indexList(`${op}_`, index, n, (ix) => (op === 'index_add' ? 'index out of range in self' : `index_copy_(): index ${ix} is out of bounds for dimension ${d} with size ${n}`));
  const out = contiguousCopy(x);
  if (x.device === 'cpu') {
    const src = source.dtype === x.dtype ? source : source.to(x.dtype);
    const add = binaryKernel(alpha === 1 ? 'x + y' : `x + ${alpha} * y`);
    ids.forEach((ix, i) => {
      const dst = rawSelect(out, d, ix), s = rawSelect(src, d, i);
      if (op === 'index_copy') copyInto(s, dst);
      else add(dst._data(), dst._strides, dst._offset, s._data(), broadcastStrides(s, dst.shape), s._offset, dst.shape, dst._data(), dst._strides, dst._offset);
    });
  }
  if (op === 'index_add') {
    record('IndexAddBackward0', out, [x, source], [index], ([g], [ix]) => [g!, sumToShape(index_select(g!, d, ix), source.shape).mul(alpha)]);
  } else {
    record('IndexCopyBackward0', out, [x, source], [index], ([g], [ix]) => [index_fill(g!, d, ix, 0), sumToShape(index_select(g!, d, ix), source.shape)]);
  }
  return out;
}

export const index_add = (x: Tensor, dim: number, index: Tensor, source: Tensor, opts: { alpha?: number } = {}) => indexAlong('index_add', x, dim, index, source, opts.alpha ?? 1);
export const index_copy = (x: Tensor, dim: number, index: Tensor, source: Tensor) => indexAlong('index_copy', x, dim, index, source, 1);

export function index_fill(x: Tensor, dim: number, index: Tensor, value: Scalar | Tensor): Tensor {
  const d = wrapDim(dim, x.dim());
  const n = x.dim() === 0 ? 1 : x.shape[d];
  const ids = indexList('index_fill_', index, n, (ix) => `index ${ix} is out of bounds for dimension ${d} with size ${n}`);
  const out = contiguousCopy(x);
  const v = castValue(x.dtype, Number(value instanceof Tensor ? value.item() : value));
  if (x.device === 'cpu') for (const ix of ids) { const s = rawSelect(out, d, ix); copyInto(fullOf(v, x.dtype), s); }
  record('IndexFillBackward0', out, [x], [index], ([g], [ix]) => [index_fill(g!, d, ix, 0)]);
  return out;
}
const fullOf = (v: number, dtype: DType) => { const t = emptyTensor([], dtype, 'cpu'); t._data()[0] = v; return t; };

// ---- mask / flat-index selections ----
export function masked_select(x: Tensor, mask: Tensor): Tensor {
  if (mask.dtype !== 'bool') throw runtimeError('masked_select: expected BoolTensor for mask');
  const shape = broadcastShapes(x.shape, mask.shape);
  const m = mask.expand(shape);
  const cols = nonzeroColumns(m);
  const xb = x.expand(shape);
  const out = emptyTensor([cols.length ? cols[0].numel() : m.item() ? 1 : 0], x.dtype, x.device);
  if (x.device === 'cpu' && out.numel() > 0) {
    const xd = xb._data(), o = out._data(), cd = cols.map((c) => c._data());
    for (let k = 0; k < out.numel(); k++) {
      let off = xb._offset;
      cd.forEach((c, j) => { off += c[k] * xb._strides[j]; });
      o[k] = xd[off];
    }
  }
  record('MaskedSelectBackward0', out, [x], [mask], ([g], [mk]) => [sumToShape(index_put(emptyTensor(shape, g!.dtype, g!.device), [mk.expand(shape)], g!), x.shape)]);
  return out;
}

export function take(x: Tensor, index: Tensor): Tensor {
  checkIndexDtype('take', index);
  const n = x.numel();
  const out = emptyTensor(index.shape, x.dtype, x.device);
  if (x.device === 'cpu') {
    const ids = index._contiguousData(), xs = contiguousStrides(x.shape), src = x._data(), o = out._data();
    for (let k = 0; k < ids.length; k++) {
      let ix = ids[k];
      if (ix < -n || ix >= n) throw indexError(`out of range: tried to access index ${ix} on a tensor of ${n} elements.`);
      if (ix < 0) ix += n;
      let off = x._offset;
      for (let i = 0; i < x.dim(); i++) off += Math.floor(ix / xs[i]) % x.shape[i] * x._strides[i];
      o[k] = src[off];
    }
  }
  record('TakeBackward0', out, [x], [index], ([g], [ix]) => [
    index_put(emptyTensor([n], g!.dtype, g!.device), [ix.reshape([-1])], g!.reshape([-1]), true).reshape(x.shape),
  ]);
  return out;
}

/** torch.nonzero: the [n, ndim] int64 coordinates of non-zero elements (or one column per dim with as_tuple). */
export function nonzero(x: Tensor, opts: { as_tuple?: boolean } = {}): Tensor | Tensor[] {
  const cols = nonzeroColumns(x.device === 'cpu' ? x.ne(0) : x);
  if (opts.as_tuple) return x.dim() === 0 ? [emptyTensor([x.item() ? 1 : 0], 'int64', 'cpu')] : cols;
  const count = x.dim() === 0 ? (x.item() ? 1 : 0) : cols[0].numel();
  const out = emptyTensor([count, x.dim()], 'int64', 'cpu');
  const o = out._data();
  cols.forEach((c, j) => { const cd = c._data(); for (let k = 0; k < count; k++) o[k * x.dim() + j] = cd[k]; });
  return out;
}
export const argwhere = (x: Tensor) => nonzero(x) as Tensor;

// ---- in-place forms ----
export const scatter_ = (x: Tensor, dim: number, index: Tensor, src: Tensor | Scalar, opts: { reduce?: 'add' | 'multiply' } = {}) => commitInplace(x, scatter(x, dim, index, src, opts), 'scatter_');
export const scatter_add_ = (x: Tensor, dim: number, index: Tensor, src: Tensor) => commitInplace(x, scatter_add(x, dim, index, src), 'scatter_add_');
export const scatter_reduce_ = (x: Tensor, dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, opts: { include_self?: boolean } = {}) =>
  commitInplace(x, scatter_reduce(x, dim, index, src, reduce, opts), 'scatter_reduce_');
export const index_add_ = (x: Tensor, dim: number, index: Tensor, source: Tensor, opts: { alpha?: number } = {}) => commitInplace(x, index_add(x, dim, index, source, opts), 'index_add_');
export const index_copy_ = (x: Tensor, dim: number, index: Tensor, source: Tensor) => commitInplace(x, index_copy(x, dim, index, source), 'index_copy_');
export const index_fill_ = (x: Tensor, dim: number, index: Tensor, value: Scalar | Tensor) => commitInplace(x, index_fill(x, dim, index, value), 'index_fill_');


declare module '../tensor' {
  interface Tensor {
    gather(dim: number, index: Tensor): Tensor;
    scatter(dim: number, index: Tensor, src: Tensor | Scalar, opts?: { reduce?: 'add' | 'multiply' }): Tensor;
    scatter_(dim: number, index: Tensor, src: Tensor | Scalar, opts?: { reduce?: 'add' | 'multiply' }): Tensor;
    scatter_add(dim: number, index: Tensor, src: Tensor): Tensor; scatter_add_(dim: number, index: Tensor, src: Tensor): Tensor;
    scatter_reduce(dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, opts?: { include_self?: boolean }): Tensor;
    scatter_reduce_(dim: number, index: Tensor, src: Tensor, reduce: ScatterReduce, opts?: { include_self?: boolean }): Tensor;
    index_select(dim: number, index: Tensor): Tensor;
    index_add(dim: number, index: Tensor, source: Tensor, opts?: { alpha?: number }): Tensor;
    index_add_(dim: number, index: Tensor, source: Tensor, opts?: { alpha?: number }): Tensor;
    index_copy(dim: number, index: Tensor, source: Tensor): Tensor; index_copy_(dim: number, index: Tensor, source: Tensor): Tensor;
    index_fill(dim: number, index: Tensor, value: Scalar | Tensor): Tensor; index_fill_(dim: number, index: Tensor, value: Scalar | Tensor): Tensor;
    masked_select(mask: Tensor): Tensor; take(index: Tensor): Tensor;
    nonzero(opts?: { as_tuple?: boolean }): Tensor | Tensor[]; argwhere(): Tensor;
  }
}
const methods = { gather, scatter, scatter_, scatter_add, scatter_add_, scatter_reduce, scatter_reduce_, index_select, index_add, index_add_,
  index_copy, index_copy_, index_fill, index_fill_, masked_select, take, nonzero, argwhere };
for (const [name, fn] of Object.entries(methods)) {
  (Tensor.prototype as any)[name] = function (this: Tensor, ...a: unknown[]) { return (fn as (...args: unknown[]) => unknown)(this, ...a); };
}
