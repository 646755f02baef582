// View and layout ops: view/reshape, expand, permute/transpose, (un)squeeze, flatten, narrow/select/
// slice, contiguous/clone/detach. Views share storage with their base, as in PyTorch.
import { runtimeError, indexError } from '../errors';
import { inferSize, numelOf, wrapDim, contiguousStrides, fmtShape } from '../shape';
import { Tensor, makeView, emptyTensor, storageGeometry } from '../tensor';
import { record } from '../autograd/node';
import { copyStrided } from '../backend/strided';
import { sumToShape } from './util';

/** Strides for viewing `t` as `shape` without copying, or null when the layout does not allow it. */
function viewStrides(t: Tensor, shape: number[]): number[] | null {
  if (t.is_contiguous()) return contiguousStrides(shape);
  // General case (PyTorch's computeStride): match chunks of old dims that are contiguous among themselves.
  const oldShape = t.shape, oldStrides = t._strides;
  const newStrides = new Array<number>(shape.length);
  if (numelOf(oldShape) === 0) return contiguousStrides(shape);
  let viewD = shape.length - 1;
  let chunkBase = oldStrides[oldStrides.length - 1];
  let tensorNumel = 1, viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d];
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || shape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBase;
        viewNumel *= shape[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStrides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}

export function view(x: Tensor, ...size: (number | number[])[]): Tensor {
  const shape = inferSize(size.flat(), x.numel());
  const st = viewStrides(x, shape);
  if (!st) throw runtimeError('view size is not compatible with input tensor\'s size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.');
  const out = makeView(x, shape, st, x._offset);
  record('ViewBackward0', out, [x], [], ([g]) => [g!.reshape(x.shape)]);
  return out;
}

export function reshape(x: Tensor, ...size: (number | number[])[]): Tensor {
  const shape = inferSize(size.flat(), x.numel());
  if (viewStrides(x, shape)) return view(x, shape);
  const c = contiguousCopy(x);
  const out = makeView(c, shape, contiguousStrides(shape), 0);
  out._base = null;
  record('UnsafeViewBackward0', out, [x], [], ([g]) => [g!.reshape(x.shape)]);
  return out;
}

export function expand(x: Tensor, ...size: (number | number[])[]): Tensor {
  const sizes = size.flat();
  if (sizes.length < x.dim()) {
    throw runtimeError(`expand(torch.FloatTensor{[${x.shape.join(', ')}]}, size=[${sizes.join(', ')}]): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${x.dim()})`);
  }
  const off = sizes.length - x.dim();
  const shape: number[] = [], strides: number[] = [];
  sizes.forEach((s, i) => {
    const j = i - off;
    const cur = j >= 0 ? x.shape[j] : 1;
    if (j >= 0 && s === -1) { shape.push(cur); strides.push(x._strides[j]); return; }
    if (j < 0 && s === -1) throw runtimeError(`The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`);
    if (cur !== 1 && s !== cur) {
      throw runtimeError(`The expanded size of the tensor (${s}) must match the existing size (${cur}) at non-singleton dimension ${i}.  Target sizes: [${sizes.join(', ')}].  Tensor sizes: [${x.shape.join(', ')}]`);
    }
    shape.push(s);
    strides.push(j >= 0 && cur === s ? x._strides[j] : 0);
  });
  const out = makeView(x, shape, strides, x._offset);
  record('ExpandBackward0', out, [x], [], ([g]) => [sumToShape(g!, x.shape)]);
  return out;
}

export const expand_as = (x: Tensor, other: Tensor) => expand(x, other.shape);

export function permute(x: Tensor, ...dims: (number | number[])[]): Tensor {
  const d = dims.flat().map((i) => wrapDim(i, x.dim()));
  if (d.length !== x.dim()) throw runtimeError(`permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${x.dim()} is not equal to len(dims) = ${d.length}`);
  if (new Set(d).size !== d.length) throw runtimeError('permute(): duplicate dims are not allowed.');
  const out = makeView(x, d.map((i) => x.shape[i]), d.map((i) => x._strides[i]), x._offset);
  const inv = new Array<number>(d.length);
  d.forEach((p, i) => (inv[p] = i));
  record('PermuteBackward0', out, [x], [], ([g]) => [g!.permute(inv)]);
  return out;
}

export function transpose(x: Tensor, dim0: number, dim1: number, name = 'TransposeBackward0'): Tensor {
  if (x.dim() === 0) { wrapDim(dim0, 0); wrapDim(dim1, 0); return aliasOf(x, name); }
  const a = wrapDim(dim0, x.dim()), b = wrapDim(dim1, x.dim());
  const order = [...Array(x.dim()).keys()];
  [order[a], order[b]] = [order[b], order[a]];
  const out = makeView(x, order.map((i) => x.shape[i]), order.map((i) => x._strides[i]), x._offset);
  record(name, out, [x], [], ([g]) => [g!.transpose(a, b)]);
  return out;
}
export const swapaxes = transpose;
export const swapdims = transpose;

export function t(x: Tensor): Tensor {
  if (x.dim() > 2) throw runtimeError(`t() expects a tensor with <= 2 dimensions, but self is ${x.dim()}D`);
  if (x.dim() < 2) return aliasOf(x, 'TBackward0');
  return transpose(x, 0, 1, 'TBackward0');
}

/** A view of x with identical geometry (for ops that are no-ops on low-dim tensors). */
function aliasOf(x: Tensor, name = 'AliasBackward0'): Tensor {
  const out = makeView(x, x.shape, x._strides, x._offset);
  record(name, out, [x], [], ([g]) => [g!]);
  return out;
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = wrapDim(dim, x.dim() + 1);
  const shape = [...x.shape], strides = [...x._strides];
  const st = d < x.dim() ? x._strides[d] * x.shape[d] : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, st);
  const out = makeView(x, shape, strides, x._offset);
  record('UnsqueezeBackward0', out, [x], [], ([g]) => [g!.squeeze(d)]);
  return out;
}

export function squeeze(x: Tensor, dim?: number | number[] | null): Tensor {
  let dims: number[];
  if (dim === undefined || dim === null) dims = x.shape.map((_, i) => i).filter((i) => x.shape[i] === 1);
  else dims = (typeof dim === 'number' ? [dim] : dim).map((d) => wrapDim(d, x.dim())).filter((d) => x.shape[d] === 1);
  const name = dim === undefined || dim === null ? 'SqueezeBackward0' : typeof dim === 'number' ? 'SqueezeBackward1' : 'SqueezeBackward2';
  if (x.dim() === 0) return aliasOf(x, name);
  const keep = x.shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const out = makeView(x, keep.map((i) => x.shape[i]), keep.map((i) => x._strides[i]), x._offset);
  record(name, out, [x], [], ([g]) => [g!.reshape(x.shape)]);
  return out;
}

export function flatten(x: Tensor, start_dim = 0, end_dim = -1): Tensor {
  if (x.dim() === 0) return reshape(x, [1]);
  const s = wrapDim(start_dim, x.dim()), e = wrapDim(end_dim, x.dim());
  if (s > e) throw runtimeError('flatten() has invalid args: start_dim cannot come after end_dim');
  if (s === e) return x;
  const mid = x.shape.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return reshape(x, [...x.shape.slice(0, s), mid, ...x.shape.slice(e + 1)]);
}

export function unflatten(x: Tensor, dim: number, sizes: number[]): Tensor {
  const d = wrapDim(dim, x.dim());
  const inner = inferSize(sizes, x.shape[d]);
  return view(x, [...x.shape.slice(0, d), ...inner, ...x.shape.slice(d + 1)]);
}

/** x[..., start:end:step, ...] along one dim, as a view. */
export function slice(x: Tensor, dim: number, start: number | null, end: number | null, step = 1): Tensor {
  const d = wrapDim(dim, x.dim());
  if (step <= 0) throw valueStepError();
  const n = x.shape[d];
  let s = start ?? 0, e = end ?? n;
  if (s < 0) s += n;
  if (e < 0) e += n;
  s = Math.min(Math.max(s, 0), n);
  e = Math.min(Math.max(e, s), n);
  const len = Math.ceil((e - s) / step);
  const shape = [...x.shape], strides = [...x._strides];
  shape[d] = len;
  strides[d] = x._strides[d] * step;
  const out = makeView(x, shape, strides, x._offset + s * x._strides[d]);
  record('SliceBackward0', out, [x], [], ([g]) => [scatterBack(x.shape, g!, (z) => slice(z, d, s, e, step))]);
  return out;
}
const valueStepError = () => runtimeError('slice step must be positive');

export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = wrapDim(dim, x.dim());
  const n = x.shape[d];
  const s = start < 0 ? start + n : start;
  if (s < 0 || s + length > n || length < 0) throw runtimeError(`start (${start}) + length (${length}) exceeds dimension size (${n}).`);
  return slice(x, d, s, s + length);
}

export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x.dim() === 0) throw indexError('select() cannot be applied to a 0-dim tensor.');
  const d = wrapDim(dim, x.dim());
  const n = x.shape[d];
  if (index < -n || index >= n) throw indexError(`select(): index ${index} out of range for tensor of size [${x.shape.join(', ')}] at dimension ${d}`);
  const i = index < 0 ? index + n : index;
  const shape = [...x.shape], strides = [...x._strides];
  shape.splice(d, 1);
  strides.splice(d, 1);
  const out = makeView(x, shape, strides, x._offset + i * x._strides[d]);
  record('SelectBackward0', out, [x], [], ([g]) => [scatterBack(x.shape, g!, (z) => select(z, d, i), 'SelectBackwardBackward0')]);
  return out;
}

/**
 * Gradient of a view op: zeros of the input's shape with `g` written through the same view. Under
 * create_graph it is itself recorded (its gradient is the same view of the incoming gradient), so
 * double backward flows through slices, selects and diagonals.
 */
export function scatterBack(shape: number[], g: Tensor, viewOf: (z: Tensor) => Tensor, node = 'SliceBackwardBackward0'): Tensor {
  const z = emptyTensor(shape, g.dtype, g.device);
  if (g.device !== 'meta') {
    const v = viewOf(z);
    copyStrided(g._contiguousData(), v.shape, contiguousStrides(v.shape), 0, z._data(), v._strides, v._offset);
  }
  record(node, z, [g], [], ([gg]) => [viewOf(gg!)]);
  return z;
}

/** A dense copy of x (no autograd record). */
export function contiguousCopy(x: Tensor): Tensor {
  const out = emptyTensor(x.shape, x.dtype, x.device);
  if (x.device === 'cpu') {
    const g = storageGeometry(x), o = storageGeometry(out);
    copyStrided(x._rawData(), g.shape, g.strides, g.offset, out._rawData(), o.strides, 0);
  }
  return out;
}

export function clone(x: Tensor): Tensor {
  const out = contiguousCopy(x);
  record('CloneBackward0', out, [x], [], ([g]) => [g!]);
  return out;
}

export function contiguous(x: Tensor): Tensor {
  return x.is_contiguous() ? x : clone(x);
}

/** A new tensor sharing storage with x, outside the graph. */
export function detach(x: Tensor): Tensor {
  const out = makeView(x, x.shape, x._strides, x._offset);
  out._base = x._base;
  return out;
}

export { fmtShape };
