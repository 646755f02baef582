// Movement ops beyond views: cat/stack, split/chunk/unbind, flip, roll, repeat/tile/repeat_interleave,
// tril/triu, diagonal/diag/diag_embed, movedim, broadcast helpers: forward and backward side by side,
// PyTorch's grad_fn names and error wording. Copies go through backend/strided; views share storage.
import { promoteTypes, isIntegral } from '../dtype';
import { runtimeError, valueError, indexError } from '../errors';
import { broadcastMany, fmtShape, wrapDim, wrapDims, type Shape } from '../shape';
import { Tensor, makeView, makeTensor, emptyTensor } from '../tensor';
import { record } from '../autograd/node';
import { copyStrided, gatherStrided } from '../backend/strided';
import { commonDevice } from './util';
import { isComplexTensor, view_as_complex, view_as_real } from './complex';
import { contiguousCopy, scatterBack, expand, permute } from './movement';

/** Geometry of t narrowed along d (no autograd record): for copies into and out of sub-blocks. */
interface Geom { shape: number[]; strides: number[]; offset: number }
const geomOf = (t: Tensor): Geom => ({ shape: [...t.shape], strides: [...t._strides], offset: t._offset });
function narrowGeom(g: Geom, d: number, start: number, len: number): Geom {
  const shape = [...g.shape];
  shape[d] = len;
  return { shape, strides: g.strides, offset: g.offset + start * g.strides[d] };
}
function copyGeom(src: Tensor, s: Geom, dst: Tensor, d: Geom): void {
  copyStrided(src._data(), s.shape, s.strides, s.offset, dst._data(), d.strides, d.offset);
}

/** The gradient for an input whose dtype differs from the output's (after promotion). */
const asInput = (g: Tensor, t: Tensor): Tensor => (g.dtype === t.dtype ? g : g.to(t.dtype));

// ---- cat / stack ----

export function cat(tensors: Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw valueError('torch.cat(): expected a non-empty list of Tensors');
  tensors.forEach((t, i) => {
    if (t.dim() === 0) throw runtimeError(`zero-dimensional tensor (at position ${i}) cannot be concatenated`);
  });
  // PyTorch's legacy rule: 1-D empty tensors are skipped, whatever the other shapes.
  const skipped = (t: Tensor) => t.dim() === 1 && t.shape[0] === 0;
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  const device = commonDevice('cat', ...tensors);
  const ref = tensors.find((t) => !skipped(t));
  // complex64: the same cat over the (…, 2) float views (dims counted from the front, so unchanged).
  if (ref && tensors.some(isComplexTensor)) {
    return view_as_complex(cat(tensors.map((t) => view_as_real(t.to('complex64'))), wrapDim(dim, ref.dim())));
  }
  if (!ref) return finishCat(emptyTensor([0], dtype, device), tensors, 0);
  const d = wrapDim(dim, ref.dim());
  let total = 0;
  tensors.forEach((t, i) => {
    if (skipped(t)) return;
    if (t.dim() !== ref.dim()) throw runtimeError(`Tensors must have same number of dimensions: got ${ref.dim()} and ${t.dim()}`);
    for (let j = 0; j < t.dim(); j++) {
      if (j !== d && t.shape[j] !== ref.shape[j]) {
        throw runtimeError(`Sizes of tensors must match except in dimension ${d}. Expected size ${ref.shape[j]} but got size ${t.shape[j]} for tensor number ${i} in the list.`);
      }
    }
    total += t.shape[d];
  });
  const shape = [...ref.shape];
  shape[d] = total;
  const out = emptyTensor(shape, dtype, device);
  if (device === 'cpu') {
    let off = 0;
    const og = geomOf(out);
    for (const t of tensors) {
      if (skipped(t)) continue;
      copyGeom(t, geomOf(t), out, narrowGeom(og, d, off, t.shape[d]));
      off += t.shape[d];
    }
  }
  return finishCat(out, tensors, d);
}
export const concat = cat;
export const concatenate = cat;

function finishCat(out: Tensor, tensors: Tensor[], d: number): Tensor {
  const sizes = tensors.map((t) => (t.dim() === 1 && t.shape[0] === 0 ? -1 : t.shape[d]));
  record('CatBackward0', out, tensors, [], ([g]) => {
    let off = 0;
    return tensors.map((t, i) => {
      if (sizes[i] < 0) return emptyTensor(t.shape, t.dtype, t.device);
      const gi = g!.narrow(d, off, sizes[i]);
      off += sizes[i];
      return t.requires_grad ? asInput(gi, t) : null;
    });
  });
  return out;
}

export function stack(tensors: Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw runtimeError('stack expects a non-empty TensorList');
  const ref = tensors[0];
  tensors.forEach((t, i) => {
    if (t.dim() !== ref.dim() || t.shape.some((s, j) => s !== ref.shape[j])) {
      throw runtimeError(`stack expects each tensor to be equal size, but got ${fmtShape(ref.shape)} at entry 0 and ${fmtShape(t.shape)} at entry ${i}`);
    }
  });
  const d = wrapDim(dim, ref.dim() + 1);
  if (tensors.some(isComplexTensor)) return view_as_complex(stack(tensors.map((t) => view_as_real(t.to('complex64'))), d));
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  const device = commonDevice('stack', ...tensors);
  const shape = [...ref.shape];
  shape.splice(d, 0, tensors.length);
  const out = emptyTensor(shape, dtype, device);
  if (device === 'cpu') {
    const st = out._strides;
    tensors.forEach((t, i) => {
      const strides = st.filter((_, j) => j !== d);
      copyGeom(t, geomOf(t), out, { shape: [...t.shape], strides, offset: i * st[d] });
    });
  }
  record('StackBackward0', out, tensors, [], ([g]) => tensors.map((t, i) => (t.requires_grad ? asInput(g!.select(d, i), t) : null)));
  return out;
}

export const atleast_1d = (x: Tensor) => (x.dim() === 0 ? x.reshape([1]) : x);
export const atleast_2d = (x: Tensor) => (x.dim() === 0 ? x.reshape([1, 1]) : x.dim() === 1 ? x.unsqueeze(0) : x);
export function atleast_3d(x: Tensor): Tensor {
  if (x.dim() === 0) return x.reshape([1, 1, 1]);
  if (x.dim() === 1) return x.unsqueeze(0).unsqueeze(-1);
  return x.dim() === 2 ? x.unsqueeze(-1) : x;
}
export function hstack(tensors: Tensor[]): Tensor {
  const ts = tensors.map(atleast_1d);
  return cat(ts, ts.length > 0 && ts[0].dim() === 1 ? 0 : 1);
}
export const vstack = (tensors: Tensor[]) => cat(tensors.map(atleast_2d), 0);
export const row_stack = vstack;
export const dstack = (tensors: Tensor[]) => cat(tensors.map(atleast_3d), 2);

// ---- split / chunk / unbind: views of the input, one multi-output node ----

function splitViews(x: Tensor, sizes: number[], d: number, name: string): Tensor[] {
  let off = 0;
  const outs = sizes.map((len) => {
    const shape = [...x.shape];
    shape[d] = len;
    const v = makeView(x, shape, x._strides, x._offset + off * (x._strides[d] ?? 0));
    off += len;
    return v;
  });
  record(name, outs, [x], [], (grads) => [cat(grads.map((g) => g!), d)]);
  return outs;
}

export function split(x: Tensor, split_size_or_sections: number | number[], dim = 0): Tensor[] {
  if (x.dim() === 0) throw runtimeError('split expects at least a 1-dimensional tensor');
  const d = wrapDim(dim, x.dim());
  const n = x.shape[d];
  if (typeof split_size_or_sections !== 'number') {
    const sizes = split_size_or_sections;
    if (sizes.reduce((a, b) => a + b, 0) !== n || sizes.some((s) => s < 0)) {
      throw runtimeError(`split_with_sizes expects split_sizes to sum exactly to ${n} (input tensor's size at dimension ${d}), but got split_sizes=${fmtShape(sizes)}`);
    }
    return splitViews(x, sizes, d, 'SplitWithSizesBackward0');
  }
  const s = split_size_or_sections;
  if (s < 0) throw runtimeError(`split expects split_size be non-negative, but got split_size=${s}`);
  if (s === 0 && n !== 0) throw runtimeError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${n}`);
  const count = s === 0 ? 1 : Math.max(Math.ceil(n / s), 1);
  const sizes = Array.from({ length: count }, (_, i) => (i < count - 1 ? s : n - s * (count - 1)));
  return splitViews(x, sizes, d, 'SplitBackward0');
}

export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  if (x.dim() === 0) throw runtimeError('chunk expects at least a 1-dimensional tensor');
  if (chunks <= 0) throw runtimeError(`chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = wrapDim(dim, x.dim());
  const n = x.shape[d];
  if (n === 0) return splitViews(x, new Array<number>(chunks).fill(0), d, 'SplitWithSizesBackward0');
  return split(x, Math.ceil(n / chunks), d);
}

export function unbind(x: Tensor, dim = 0): Tensor[] {
  if (x.dim() === 0) throw indexError('Dimension specified as 0 but tensor has no dimensions');
  const d = wrapDim(dim, x.dim());
  const shape = x.shape.filter((_, j) => j !== d), strides = x._strides.filter((_, j) => j !== d);
  const outs = Array.from({ length: x.shape[d] }, (_, i) => makeView(x, shape, strides, x._offset + i * x._strides[d]));
  record('UnbindBackward0', outs, [x], [], (grads) => [stack(grads.map((g) => g!), d)]);
  return outs;
}

// ---- flip / roll ----

export function flip(x: Tensor, dims: number | number[]): Tensor {
  const list = typeof dims === 'number' ? [dims] : dims;
  // wrapDims reads an empty list as "all dims"; flip reads it as none.
  const dd = list.length > 0 ? wrapDims(list, x.dim()).filter((d) => d < x.dim()) : [];
  let offset = x._offset;
  const strides = [...x._strides];
  for (const d of dd) {
    if (x.shape[d] > 0) offset += (x.shape[d] - 1) * strides[d];
    strides[d] = -strides[d];
  }
  const out = x.device === 'meta' ? emptyTensor(x.shape, x.dtype, 'meta') : contiguousCopy(makeView(x, x.shape, strides, offset));
  record('FlipBackward0', out, [x], [], ([g]) => [flip(g!, dd)]);
  return out;
}
export function fliplr(x: Tensor): Tensor {
  if (x.dim() < 2) throw runtimeError('Input must be >= 2-d.');
  return flip(x, [1]);
}
export function flipud(x: Tensor): Tensor {
  if (x.dim() < 1) throw runtimeError('Input must be >= 1-d.');
  return flip(x, [0]);
}

export function roll(x: Tensor, shifts: number | number[], dims: number | number[] | null = null): Tensor {
  const sh = typeof shifts === 'number' ? [shifts] : [...shifts];
  const ds = dims === null ? [] : typeof dims === 'number' ? [dims] : [...dims];
  if (ds.length === 0 && sh.length !== 1) throw runtimeError(`shifts and dimensions must align. shifts: ${sh.length}, dims:0`);
  if (ds.length > 0 && sh.length !== ds.length) throw runtimeError(`shifts and dimensions must align. shifts: ${sh.length}, dims:${ds.length}`);
  let out: Tensor;
  if (ds.length === 0) {
    const flat = makeTensor(x.device === 'meta' ? null : x._contiguousData().slice(), [x.numel()], x.dtype, x.device);
    out = rollRaw(flat, sh[0], 0);
    out = makeTensor(out._box.data, x.shape, x.dtype, x.device);
  } else {
    out = x;
    ds.forEach((d, i) => { out = rollRaw(out, sh[i], wrapDim(d, x.dim())); });
    if (out === x) out = contiguousCopy(x);
  }
  record('RollBackward0', out, [x], [], ([g]) => [roll(g!, sh.map((s) => -s), ds.length ? ds : null)]);
  return out;
}

/** A rolled dense copy of t along d (no autograd record); t itself when the shift is a whole turn. */
function rollRaw(t: Tensor, shift: number, d: number): Tensor {
  const n = t.shape[d];
  const s = n === 0 ? 0 : ((shift % n) + n) % n;
  if (s === 0) return t;
  const out = emptyTensor(t.shape, t.dtype, t.device);
  if (t.device === 'meta') return out;
  const tg = geomOf(t), og = geomOf(out);
  copyGeom(t, narrowGeom(tg, d, 0, n - s), out, narrowGeom(og, d, s, n - s));
  copyGeom(t, narrowGeom(tg, d, n - s, s), out, narrowGeom(og, d, 0, s));
  return out;
}

// ---- repeat / tile / repeat_interleave ----

export function repeat(x: Tensor, ...sizes: (number | number[])[]): Tensor {
  const reps = sizes.flat();
  if (reps.length < x.dim()) throw runtimeError('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  if (isComplexTensor(x)) return view_as_complex(repeat(view_as_real(x), [...reps, 1]));
  const lead = reps.length - x.dim();
  const xs = [...Array(lead).fill(1), ...x.shape], xst = [...Array(lead).fill(0), ...x._strides];
  const shape = reps.map((r, i) => r * xs[i]);
  if (shape.some((s) => s < 0)) throw runtimeError(`Trying to create tensor with negative dimension ${shape.find((s) => s < 0)}: ${fmtShape(shape)}`);
  // Viewing x as [r0, s0, r1, s1, ...] with stride 0 over each repeat dim makes the copy one gather.
  const vShape = reps.flatMap((r, i) => [r, xs[i]]), vStrides = reps.flatMap((_, i) => [0, xst[i]]);
  const out = emptyTensor(shape, x.dtype, x.device);
  if (x.device === 'cpu') gatherStrided(x._data(), vShape, vStrides, x._offset, out._data());
  record('RepeatBackward0', out, [x], [], ([g]) => {
    const sumDims = reps.map((_, i) => 2 * i);
    return [g!.reshape(vShape).sum(sumDims).reshape(x.shape)];
  });
  return out;
}

export function tile(x: Tensor, dims: number[]): Tensor {
  const reps = dims.length < x.dim() ? [...Array(x.dim() - dims.length).fill(1), ...dims] : dims;
  return repeat(x, reps);
}

/**
 * torch.repeat_interleave: an int repeat is expand + clone + flatten (as ATen); a tensor of repeats
 * gathers along dim (IndexSelectBackward0, whose gradient sums each repeated segment back).
 * repeat_interleave(repeats) alone returns the indices 0..n-1, each repeated.
 */
export function repeat_interleave(x: Tensor, repeats?: number | Tensor, dim: number | null = null): Tensor {
  if (repeats === undefined) return repeatIndices(x);
  let input = x, d: number;
  if (dim === null) { input = x.flatten(); d = 0; } else d = wrapDim(dim, x.dim());
  if (typeof repeats === 'number' || (repeats.numel() === 1 && repeats.dim() === 0)) {
    const r = typeof repeats === 'number' ? repeats : Number(repeats._contiguousData()[0]);
    if (r < 0) throw runtimeError('repeats can not be negative');
    const shape = [...input.shape];
    shape.splice(d + 1, 0, r);
    return input.unsqueeze(d + 1).expand(shape).clone().flatten(d, d + 1);
  }
  if (repeats.dim() > 1) throw runtimeError('repeats must be 0-dim or 1-dim tensor');
  const reps = Array.from(repeats._contiguousData(), Number);
  if (reps.length === 1) return repeat_interleave(x, reps[0], dim);
  if (reps.length !== input.shape[d]) {
    throw runtimeError(`repeats must have the same size as input along dim, but got repeats.size(0) = ${reps.length} and input.size(${d}) = ${input.shape[d]}`);
  }
  if (reps.some((r) => r < 0)) throw runtimeError('repeats can not be negative');
  const shape = [...input.shape];
  shape[d] = reps.reduce((a, b) => a + b, 0);
  const out = emptyTensor(shape, input.dtype, input.device);
  if (input.device === 'cpu') {
    const ig = geomOf(input), og = geomOf(out);
    let j = 0;
    reps.forEach((r, i) => {
      for (let k = 0; k < r; k++, j++) copyGeom(input, narrowGeom(ig, d, i, 1), out, narrowGeom(og, d, j, 1));
    });
  }
  const src = input;
  record('IndexSelectBackward0', out, [src], [], ([g]) => [cat(split(g!, reps, d).map((s) => s.sum(d, true)), d)]);
  return out;
}

function repeatIndices(repeats: Tensor): Tensor {
  if (repeats.dim() !== 1) throw runtimeError('repeat_interleave only accept 1D vector as repeat');
  if (!isIntegral(repeats.dtype)) throw runtimeError('repeats has to be Long or Int tensor');
  const reps = Array.from(repeats._contiguousData(), Number);
  if (reps.some((r) => r < 0)) throw runtimeError('repeats can not be negative');
  const idx: number[] = [];
  reps.forEach((r, i) => { for (let k = 0; k < r; k++) idx.push(i); });
  const out = emptyTensor([idx.length], repeats.dtype, repeats.device);
  out._data().set(idx);
  return out;
}

// ---- tril / triu / diagonal ----

function triangle(x: Tensor, diagonal: number, lower: boolean): Tensor {
  const name = lower ? 'tril' : 'triu';
  if (x.dim() < 2) throw runtimeError(`${name}: input tensor must have at least 2 dimensions`);
  const out = contiguousCopy(x);
  if (x.device === 'cpu') {
    const rows = x.shape[x.dim() - 2], cols = x.shape[x.dim() - 1];
    const data = out._data(), per = rows * cols;
    for (let b = 0; b < out.numel(); b += per) {
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          if (lower ? j - i > diagonal : j - i < diagonal) data[b + i * cols + j] = 0;
        }
      }
    }
  }
  record(lower ? 'TrilBackward0' : 'TriuBackward0', out, [x], [], ([g]) => [triangle(g!, diagonal, lower)]);
  return out;
}
export const tril = (x: Tensor, diagonal = 0) => triangle(x, diagonal, true);
export const triu = (x: Tensor, diagonal = 0) => triangle(x, diagonal, false);

/** The diagonal of x over (d1, d2) as an unrecorded view; the diagonal becomes the last dim. */
function diagonalView(x: Tensor, offset: number, dim1: number, dim2: number): Tensor {
  const d1 = wrapDim(dim1, x.dim()), d2 = wrapDim(dim2, x.dim());
  if (d1 === d2) throw runtimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const n1 = x.shape[d1], n2 = x.shape[d2];
  const size = Math.max(offset >= 0 ? Math.min(n1, n2 - offset) : Math.min(n1 + offset, n2), 0);
  let start = x._offset;
  if (size > 0) start += offset >= 0 ? offset * x._strides[d2] : -offset * x._strides[d1];
  const keep = x.shape.map((_, i) => i).filter((i) => i !== d1 && i !== d2);
  return makeView(x, [...keep.map((i) => x.shape[i]), size], [...keep.map((i) => x._strides[i]), x._strides[d1] + x._strides[d2]], start);
}

export function diagonal(x: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  const out = diagonalView(x, offset, dim1, dim2);
  record('DiagonalBackward0', out, [x], [], ([g]) => [scatterBack(x.shape, g!, (z) => diagonalView(z, offset, dim1, dim2), 'DiagonalBackwardBackward0')]);
  return out;
}

/** torch.diag_embed: x's last dim written onto the (offset) diagonal of two new dims, zeros elsewhere. */
export function diag_embed(x: Tensor, offset = 0, dim1 = -2, dim2 = -1): Tensor {
  const n = x.dim() + 1;
  const d1 = wrapDim(dim1, n), d2 = wrapDim(dim2, n);
  if (d1 === d2) throw runtimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const len = (x.shape[x.dim() - 1] ?? 1) + Math.abs(offset);
  const rest = x.shape.slice(0, -1), shape: number[] = [];
  for (let i = 0, k = 0; i < n; i++) shape.push(i === d1 || i === d2 ? len : rest[k++]);
  const out = emptyTensor(shape, x.dtype, x.device);
  if (x.device === 'cpu') copyGeom(x, geomOf(x), out, geomOf(diagonalView(out, offset, d1, d2)));
  record('DiagEmbedBackward0', out, [x], [], ([g]) => [g!.diagonal(offset, d1, d2)]);
  return out;
}

/** torch.diag: a 1-D input becomes a diagonal matrix; a 2-D input gives a copy of its diagonal. */
export function diag(x: Tensor, diagonal = 0): Tensor {
  if (x.dim() === 1) return diag_embed(x, diagonal, 0, 1);
  if (x.dim() !== 2) throw runtimeError(`diag(): Supports 1D or 2D tensors. Got ${x.dim()}D`);
  const out = contiguousCopy(diagonalView(x, diagonal, 0, 1));
  record('DiagonalBackward0_copy', out, [x], [], ([g]) => [scatterBack(x.shape, g!, (z) => diagonalView(z, diagonal, 0, 1), 'DiagonalBackwardBackward0')]);
  return out;
}

// ---- movedim / broadcast helpers ----

export function movedim(x: Tensor, source: number | number[], destination: number | number[]): Tensor {
  const src = typeof source === 'number' ? [source] : [...source];
  const dst = typeof destination === 'number' ? [destination] : [...destination];
  if (src.length !== dst.length) {
    throw runtimeError(`movedim: Invalid source or destination dims: source (${fmtShape(src)} dims) should contain the same number of dims as destination (${fmtShape(dst)} dims)`);
  }
  const n = x.dim();
  const s = src.map((d) => wrapDim(d, n)), t = dst.map((d) => wrapDim(d, n));
  if (new Set(s).size !== s.length) throw runtimeError(`movedim: repeated dim in \`source\` (${fmtShape(src)})`);
  if (new Set(t).size !== t.length) throw runtimeError(`movedim: repeated dim in \`destination\` (${fmtShape(dst)})`);
  const order = new Array<number>(n).fill(-1);
  s.forEach((d, i) => { order[t[i]] = d; });
  const rest = [...Array(n).keys()].filter((d) => !s.includes(d));
  let k = 0;
  for (let i = 0; i < n; i++) if (order[i] === -1) order[i] = rest[k++];
  return permute(x, order);
}
export const moveaxis = movedim;

export const broadcast_to = (x: Tensor, shape: number[]) => expand(x, shape);
export const broadcast_shapes = (...shapes: Shape[]): number[] => broadcastMany(shapes);
export function broadcast_tensors(...tensors: Tensor[]): Tensor[] {
  const shape = broadcastMany(tensors.map((t) => t.shape));
  return tensors.map((t) => expand(t, shape));
}
