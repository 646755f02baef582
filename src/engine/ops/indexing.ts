// Python subscripts on tensors, with PyTorch/NumPy semantics: `index` (x[...]) and `index_put_`
// (x[...] = v). Basic items (int, slice, None, ...) make views; index tensors and bool masks make
// copies (IndexBackward0); separated advanced indices move their result dims to the front.
import { type DType, castValue, isFloating } from '../dtype';
import { indexError, notImplemented, runtimeError, valueError } from '../errors';
import { broadcastMany, contiguousStrides, fmtShape, numelOf } from '../shape';
import { Tensor, emptyTensor, makeView } from '../tensor';
import { record, needsGrad } from '../autograd/node';
import { is_grad_enabled } from '../autograd/grad_mode';
import { binaryKernel, copyStrided, gatherStrided } from '../backend/strided';
import { select, slice, unsqueeze, contiguousCopy } from './movement';
import { tensor } from './creation';
import { castCopy, commitInplace } from './convert';
import { sumToShape, scalarTensor, rejectComplex } from './util';
import { isComplexTensor, view_as_complex, view_as_real } from './complex';
import type { Nested } from './convert';

/** Python's `start:stop:step` (each part optional; `kind` may be omitted). */
export interface IndexSlice { kind?: 'slice'; start?: number | null; stop?: number | null; step?: number | null }
/** Python's `...`. */
export interface IndexEllipsis { kind: 'ellipsis' }
export const Ellipsis: IndexEllipsis = Object.freeze({ kind: 'ellipsis' });
export const pySlice = (start: number | null = null, stop: number | null = null, step: number | null = null): IndexSlice => ({ kind: 'slice', start, stop, step });

/**
 * One item of a subscript `x[a, b, ...]`, as the interpreter passes it to `index`/`index_put_`:
 * - number: selects one position and removes the dim (negative counts from the end);
 * - IndexSlice: a view of a range (step > 0; out-of-range bounds are clamped as in Python);
 * - null (None) or true: a new dim of size 1; false: a new dim of size 0;
 * - Ellipsis: as many full slices as needed;
 * - Tensor: int64/int32 (advanced indexing, copies) or bool/uint8 (a mask over as many dims as it has);
 * - a (nested) list of numbers or bools: converted as torch.tensor would.
 * `index`/`index_put_` take the subscript as an array of items: x[0] is [0], x[0, 1:] is [0, slice],
 * and a list index x[[0, 2]] is one item that is a list: [[0, 2]]. `x[k] += v` is get, add, put.
 */
export type IndexItem = number | boolean | null | IndexSlice | IndexEllipsis | Tensor | Nested[];

type Norm =
  | { k: 'int'; v: number }
  | { k: 'slice'; start: number | null; stop: number | null; step: number }
  | { k: 'new'; size: 0 | 1; bool: boolean }
  | { k: 'ellipsis' }
  | { k: 'tensor'; t: Tensor }
  | { k: 'mask'; t: Tensor };

const typeName = (d: DType) => ({ float32: 'Float', float64: 'Double', float16: 'Half', bfloat16: 'BFloat16', int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool', complex64: 'ComplexFloat' })[d];
const INVALID = 'only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices';

function normalizeItem(it: IndexItem): Norm {
  if (it === null || it === true || it === false) return { k: 'new', size: it === false ? 0 : 1, bool: it !== null };
  if (typeof it === 'number') {
    if (!Number.isInteger(it)) throw indexError(`${INVALID} (got float)`);
    return { k: 'int', v: it };
  }
  if (it instanceof Tensor) {
    if (it.dtype === 'bool' || it.dtype === 'uint8') return { k: 'mask', t: it.dtype === 'bool' ? it : it.to('bool') };
    if (isFloating(it.dtype)) throw indexError('tensors used as indices must be long, int, byte or bool tensors');
    return { k: 'tensor', t: it.dtype === 'int64' ? it : it.to('int64') };
  }
  if (Array.isArray(it)) {
    if (it.length === 0) return { k: 'tensor', t: emptyTensor([0], 'int64', 'cpu') };
    return normalizeItem(tensor(it));
  }
  if (it.kind === 'ellipsis') return { k: 'ellipsis' };
  const step = it.step ?? 1;
  if (step <= 0) throw valueError('step must be greater than zero');
  return { k: 'slice', start: it.start ?? null, stop: it.stop ?? null, step };
}

/** An advanced index: the dim of the (basic-indexed) view it applies to and its int64 index tensor. */
interface Adv { dim: number; t: Tensor }

/**
 * Applies the basic items to x (views, recorded as usual) and collects the advanced ones. `flat`
 * rebuilds equivalent items with masks replaced by given index tensors (one per entry of adv).
 */
function basicPass(x: Tensor, items: IndexItem[]): { v: Tensor; adv: Adv[]; flat: (ts: Tensor[]) => IndexItem[] } {
  const norm = items.map(normalizeItem);
  const consumed = norm.reduce((a, n) => a + (n.k === 'int' || n.k === 'slice' || n.k === 'tensor' ? 1 : n.k === 'mask' ? n.t.dim() : 0), 0);
  if (consumed > x.dim()) throw indexError(`too many indices for tensor of dimension ${x.dim()}`);
  const ell = norm.findIndex((n) => n.k === 'ellipsis');
  const full: Norm = { k: 'slice', start: null, stop: null, step: 1 };
  const expanded = ell < 0 ? norm : [...norm.slice(0, ell), ...Array<Norm>(x.dim() - consumed).fill(full), ...norm.slice(ell + 1)];
  let v = x, d = 0, src = 0;
  const adv: Adv[] = [];
  for (const n of expanded) {
    switch (n.k) {
      case 'int': {
        const size = v.shape[d];
        if (n.v < -size || n.v >= size) throw indexError(`index ${n.v} is out of bounds for dimension ${src} with size ${size}`);
        v = select(v, d, n.v); src++; break;
      }
      case 'slice':
        if (!(n.start === null && n.stop === null && n.step === 1)) v = slice(v, d, n.start, n.stop, n.step);
        d++; src++; break;
      case 'new':
        v = unsqueeze(v, d);
        // x[True] / x[False] are advanced indices in PyTorch (a copy): index the new dim with [0] or [].
        if (n.bool) adv.push({ dim: d, t: boolIndex(n.size) });
        d++; break;
      case 'ellipsis': break; // a second `...` adds nothing, as in PyTorch
      case 'tensor': adv.push({ dim: d, t: n.t }); d++; src++; break;
      case 'mask': {
        const k = n.t.dim();
        for (let j = 0; j < k; j++) {
          if (n.t.shape[j] !== v.shape[d + j]) {
            throw indexError(`The shape of the mask ${fmtShape(n.t.shape)} at index ${j} does not match the shape of the indexed tensor ${fmtShape(x.shape)} at index ${src + j}`);
          }
        }
        if (k === 0) { // a 0-dim mask acts like True/False
          if (n.t.device === 'meta') throw nonzeroOnMeta();
          v = unsqueeze(v, d);
          adv.push({ dim: d, t: boolIndex(n.t.item() ? 1 : 0) });
          d++; break;
        }
        nonzeroColumns(n.t).forEach((t, j) => adv.push({ dim: d + j, t }));
        d += k; src += k; break;
      }
    }
  }
  const flat = (ts: Tensor[]): IndexItem[] => {
    let j = 0;
    return norm.flatMap((n, i): IndexItem[] => {
      if (n.k === 'tensor') return [ts[j++]];
      if (n.k === 'mask' && n.t.dim() > 0) return n.t.shape.map(() => ts[j++]);
      if ((n.k === 'new' && n.bool) || n.k === 'mask') j++; // their index tensor is rebuilt from the item itself
      return [items[i]];
    });
  };
  return { v, adv, flat };
}

/** The index tensor standing for x[True] ([0]) or x[False] ([]) along the new dim. */
const boolIndex = (size: 0 | 1): Tensor => emptyTensor([size], 'int64', 'cpu'); // zero-filled: [0] or []

const nonzeroOnMeta = () => notImplemented('The register_meta function for torch.nonzero() raises unimplemented by default, as a correct data-independent implementation does not exist. (Boolean-mask indexing needs data; it cannot run on the meta device.)');

/** The coordinates of a mask's true elements, one int64 tensor per dim (torch.nonzero(as_tuple=True)). */
export function nonzeroColumns(mask: Tensor): Tensor[] {
  if (mask.device === 'meta') throw nonzeroOnMeta();
  const data = mask._contiguousData();
  const k = mask.dim();
  const hits: number[] = [];
  for (let i = 0; i < data.length; i++) if (data[i]) hits.push(i);
  const st = contiguousStrides(mask.shape);
  return Array.from({ length: k }, (_, j) => {
    const col = emptyTensor([hits.length], 'int64', 'cpu');
    const cd = col._data();
    for (let h = 0; h < hits.length; h++) cd[h] = Math.floor(hits[h] / st[j]) % mask.shape[j];
    return col;
  });
}

/**
 * Where each element of `v[adv]` comes from: the result shape, and for the dense [broadcast, rest]
 * order the storage offset of each broadcast position (`base`) and of each rest element (`roff`).
 */
interface Plan { outShape: number[]; denseShape: number[]; denseToOut: number[]; base: Float64Array; roff: Float64Array }

function plan(v: Tensor, adv: Adv[]): Plan {
  const shapes = adv.map((a) => a.t.shape);
  let b: number[];
  try { b = broadcastMany(shapes); } catch {
    throw indexError(`shape mismatch: indexing tensors could not be broadcast together with shapes ${shapes.map(fmtShape).join(', ')}`);
  }
  const advDims = adv.map((a) => a.dim);
  const rest = v.shape.map((_, i) => i).filter((i) => !advDims.includes(i));
  const adjacent = advDims.every((d, i) => i === 0 || d === advDims[i - 1] + 1);
  // Adjacent advanced dims keep their place; separated ones move to the front (NumPy's rule).
  const p = adjacent ? rest.filter((i) => i < advDims[0]).length : 0;
  const restShape = rest.map((i) => v.shape[i]);
  const outShape = [...restShape.slice(0, p), ...b, ...restShape.slice(p)];
  const denseShape = [...b, ...restShape];
  const denseToOut = [...b.map((_, i) => p + i), ...rest.map((_, i) => (i < p ? i : i + b.length))];
  const nb = numelOf(b);
  const base = new Float64Array(v.device === 'cpu' ? nb : 0).fill(v._offset);
  if (v.device === 'cpu') {
    adv.forEach((a, j) => {
      const size = v.shape[a.dim], stride = v._strides[a.dim];
      const ex = a.t.expand(b);
      const idx = gatherStrided(a.t._data(), b, ex._strides, ex._offset, new Float64Array(nb));
      for (let i = 0; i < nb; i++) {
        let ix = idx[i];
        if (ix < -size || ix >= size) throw indexError(`index ${ix} is out of bounds for dimension ${j} with size ${size}`);
        if (ix < 0) ix += size;
        base[i] += ix * stride;
      }
    });
  }
  const nr = numelOf(restShape);
  const roff = new Float64Array(v.device === 'cpu' ? nr : 0);
  if (v.device === 'cpu') {
    const rs = rest.map((i) => v._strides[i]);
    const idx = new Array<number>(rest.length).fill(0);
    let off = 0;
    for (let k = 0; k < nr; k++) {
      roff[k] = off;
      for (let j = rest.length - 1; j >= 0; j--) {
        idx[j]++; off += rs[j];
        if (idx[j] < restShape[j]) break;
        off -= rs[j] * restShape[j]; idx[j] = 0;
      }
    }
  }
  return { outShape, denseShape, denseToOut, base, roff };
}

/** The items that redo `v[adv]` on a tensor shaped like v: full slices plus the index tensors. */
function advItems(v: Tensor, adv: Adv[], ts: Tensor[] = adv.map((a) => a.t)): IndexItem[] {
  const items: IndexItem[] = v.shape.map(() => pySlice());
  adv.forEach((a, j) => { items[a.dim] = ts[j]; });
  return items;
}

/** x[items]: views for basic indexing, a copy (IndexBackward0) when advanced indices are present. */
export function index(x: Tensor, items: IndexItem[]): Tensor {
  // complex64: index the (…, 2) float view, keeping its trailing (real, imag) dim whole.
  if (isComplexTensor(x)) return view_as_complex(index(view_as_real(x), [...items, pySlice(null)]));
  const { v, adv } = basicPass(x, items);
  if (adv.length === 0) return v === x ? alias(x) : v;
  const pl = plan(v, adv);
  const out = emptyTensor(pl.outShape, v.dtype, v.device);
  if (v.device === 'cpu') {
    const { base, roff } = pl, nr = roff.length, src = v._data();
    const dense = new Float64Array(base.length * nr);
    for (let i = 0; i < base.length; i++) for (let r = 0; r < nr; r++) dense[i * nr + r] = src[base[i] + roff[r]];
    copyStrided(dense, pl.denseShape, contiguousStrides(pl.denseShape), 0, out._data(), pl.denseToOut.map((i) => out._strides[i]), 0);
  }
  record('IndexBackward0', out, [v], adv.map((a) => a.t), ([g], ts) => {
    const z = emptyTensor(v.shape, g!.dtype, g!.device);
    // Without create_graph, accumulate straight into the zeros (an embedding table is not copied twice).
    if (!is_grad_enabled()) { writeItems(z, advItems(v, adv, ts), g!, true); return [z]; }
    return [index_put(z, advItems(v, adv, ts), g!, true)];
  });
  return out;
}

function alias(x: Tensor): Tensor {
  const out = makeView(x, x.shape, x._strides, x._offset);
  record('AliasBackward0', out, [x], [], ([g]) => [g!]);
  return out;
}

/** The functional form of `x[items] = values` (or `x[items] += values` with accumulate): a new tensor. */
export function index_put(x: Tensor, items: IndexItem[], values: Tensor | number | boolean, accumulate = false): Tensor {
  rejectComplex('index_put', x, values);
  const out = contiguousCopy(x);
  const { adv, flat } = writeItems(out, items, values, accumulate);
  const name = adv.length === 0 && !accumulate ? 'CopySlices' : 'IndexPutBackward0';
  record(name, out, [x, values instanceof Tensor ? values : null], adv.map((a) => a.t), ([g], ts) => {
    // Masks became index tensors in the forward; backward reuses those (saved, version-checked).
    const again = flat(ts);
    const gx = accumulate ? g! : index_put(g!, again, 0);
    let gv: Tensor | null = null;
    if (values instanceof Tensor) {
      gv = sumToShape(index(g!, again), values.shape);
      if (gv.dtype !== values.dtype) gv = gv.to(values.dtype);
    }
    return [gx, gv];
  });
  return out;
}

/** Writes (or adds) values into target[items] in place, outside the graph; returns the parsed items. */
function writeItems(target: Tensor, items: IndexItem[], values: Tensor | number | boolean, accumulate: boolean): ReturnType<typeof basicPass> {
  // A value that shares memory with the target (x[1:] = x[:-1]) is read from a copy, not mid-write.
  const val = !(values instanceof Tensor) ? scalarTensor(values, target.dtype, target.device)
    : values._box === target._box && target.device === 'cpu' ? contiguousCopy(values) : values;
  const parsed = basicPass(target, items);
  const { v, adv } = parsed;
  if (adv.length === 0) {
    const src = val.expand(v.shape);
    if (v.device === 'cpu') writeOrAdd(src, v, accumulate);
    return parsed;
  }
  if (values instanceof Tensor && values.dtype !== target.dtype) {
    throw runtimeError(`Index put requires the source and destination dtypes match, got ${typeName(target.dtype)} for the destination and ${typeName(values.dtype)} for the source.`);
  }
  const pl = plan(v, adv);
  let src: Tensor;
  try { src = val.expand(pl.outShape); } catch {
    throw runtimeError(`shape mismatch: value tensor of shape ${fmtShape(val.shape)} cannot be broadcast to indexing result of shape ${fmtShape(pl.outShape)}`);
  }
  if (v.device === 'cpu') {
    const { base, roff } = pl, nr = roff.length, dst = v._data();
    const dense = gatherStrided(src._data(), pl.denseShape, pl.denseToOut.map((i) => src._strides[i]), src._offset, new Float64Array(base.length * nr));
    for (let i = 0; i < base.length; i++) {
      for (let r = 0; r < nr; r++) {
        const o = base[i] + roff[r];
        dst[o] = castValue(target.dtype, accumulate ? dst[o] + dense[i * nr + r] : dense[i * nr + r]);
      }
    }
  }
  return parsed;
}

/** dst[...] = src (or += src), both strided views of the same shape; src is cast to dst's dtype. */
function writeOrAdd(src: Tensor, dst: Tensor, accumulate: boolean): void {
  const s = src.dtype === dst.dtype ? src : castCopy(src, dst.dtype);
  if (!accumulate) {
    copyStrided(s._data(), dst.shape, s._strides, s._offset, dst._data(), dst._strides, dst._offset);
    return;
  }
  const expr = dst.dtype === 'int64' ? 'Math.trunc(x + y)' : dst.dtype === 'bool' ? '((x || y) ? 1 : 0)' : 'x + y';
  binaryKernel(expr)(dst._data(), dst._strides, dst._offset, s._data(), s._strides, s._offset, dst.shape, dst._data(), dst._strides, dst._offset);
}

/** `x[items] = values` in place (Tensor.__setitem__ / index_put_). */
export function index_put_(x: Tensor, items: IndexItem[], values: Tensor | number | boolean, accumulate = false): Tensor {
  if (is_grad_enabled() && x.is_leaf && x._requiresGrad) {
    const basic = items.every((it) => !(it instanceof Tensor) && !Array.isArray(it));
    throw runtimeError(`a ${basic ? 'view of a ' : ''}leaf Variable that requires grad is being used in an in-place operation.`);
  }
  if (isComplexTensor(x) && !needsGrad(x, values instanceof Tensor ? values : null)) {
    // complex64 without a graph: write (real, imag) pairs through the (…, 2) float view.
    const pairs = values instanceof Tensor ? view_as_real(values.to('complex64')) : tensor([Number(values), 0], { dtype: 'float32' });
    index_put_(view_as_real(x), [...items, pySlice(null)], pairs, accumulate);
    return x;
  }
  if (!needsGrad(x, values instanceof Tensor ? values : null)) {
    // Nothing to record: write straight into x (the common `mask[...] = 0` on buffers), no copy.
    writeItems(x, items, values, accumulate);
    x._bump();
    return x;
  }
  return commitInplace(x, index_put(x, items, values, accumulate), 'index_put_');
}

declare module '../tensor' {
  interface Tensor {
    index_put(indices: IndexItem[], values: Tensor | number | boolean, accumulate?: boolean): Tensor;
    index_put_(indices: IndexItem[], values: Tensor | number | boolean, accumulate?: boolean): Tensor;
  }
}
(Tensor.prototype as any).index_put = function (this: Tensor, i: IndexItem[], v: Tensor | number | boolean, acc = false) { return index_put(this, i, v, acc); };
(Tensor.prototype as any).index_put_ = function (this: Tensor, i: IndexItem[], v: Tensor | number | boolean, acc = false) { return index_put_(this, i, v, acc); };
