// The differentiable tail of torch model code reaches for: trace, diff, cross, rot90, nan_to_num,
// logcumsumexp, cummax/cummin, block_diag, meshgrid, cartesian_prod, masked_scatter. Composites where
// ATen composes them; the rest record PyTorch's node with a backward made of Tensor ops.
import { finfoMax } from './tail_info';
import { isFloating, resultType, scalarTypeName } from '../dtype';
import { notImplemented, runtimeError } from '../errors';
import { wrapDim, broadcastShapes, fmtShape } from '../shape';
import { Tensor, emptyTensor } from '../tensor';
import { record } from '../autograd/node';
import { no_grad } from '../autograd/grad_mode';
import { cat, stack, flip } from './shape_ops';
import { where } from './compare';
import { zeros, eye } from './creation';
import { movedRows, unmove, valuesIndices, type ValuesIndices } from './rows';
import { commitInplace } from './convert';

export function trace(x: Tensor): Tensor {
  if (x.dim() !== 2) throw runtimeError(`trace: expected a matrix, but got tensor with dim ${x.dim()}`);
  const out = no_grad(() => x.diagonal().sum());
  const [n, m] = x.shape;
  record('TraceBackward0', out, [x], [], ([g]) => [eye(n, m, { dtype: g!.dtype, device: g!.device }).mul(g!)]);
  return out;
}

export interface DiffOptions { n?: number; dim?: number; prepend?: Tensor | null; append?: Tensor | null }

/** torch.diff(input, n=1, dim=-1, prepend=None, append=None): ATen's narrow-and-subtract composite. */
export function diff(x: Tensor, n: number | DiffOptions = 1, dim = -1, prepend: Tensor | null = null, append: Tensor | null = null): Tensor {
  if (typeof n === 'object') ({ n = 1, dim = -1, prepend = null, append = null } = n);
  if (x.dim() < 1) throw runtimeError('diff expects input to be at least one-dimensional');
  if (n < 0) throw runtimeError(`order must be non-negative but got ${n}`);
  const d = wrapDim(dim, x.dim());
  const parts = [prepend, x, append].filter((t): t is Tensor => t !== null);
  for (const p of parts) {
    if (p.dim() !== x.dim()) throw runtimeError(`diff expects prepend or append to be the same dimension as input`);
  }
  let r = parts.length > 1 ? cat(parts, d) : x;
  for (let i = 0; i < n && r.shape[d] > 0; i++) {
    const len = r.shape[d] - 1;
    const hi = r.narrow(d, 1, len), lo = r.narrow(d, 0, len);
    r = r.dtype === 'bool' ? hi.logical_xor(lo) : hi.sub(lo);
  }
  return r;
}

/** The dim torch.cross picks when none is given: the first of size 3 (deprecated in PyTorch, still there). */
function crossDim(x: Tensor, y: Tensor, dim: number | null): number {
  const shape = broadcastShapes(x.shape, y.shape);
  if (dim !== null) return wrapDim(dim, shape.length);
  const d = shape.findIndex((s) => s === 3);
  if (d < 0) throw runtimeError(`no dimension of size 3 in input`);
  return d;
}

export function cross(x: Tensor, y: Tensor, dim: number | null = null): Tensor {
  if (x.dim() !== y.dim()) throw runtimeError(`linalg.cross: inputs must have the same number of dimensions.`);
  const d = crossDim(x, y, dim);
  const shownDim = dim ?? d; // PyTorch's message names the dim as the caller gave it
  if (x.shape[d] !== 3 || y.shape[d] !== 3) throw runtimeError(`linalg.cross: inputs dimension ${shownDim} must have length 3. Got ${x.shape[d]} and ${y.shape[d]}`);
  const out = no_grad(() => crossRaw(x, y, d));
  record('LinalgCrossBackward0', out, [x, y], [x, y], ([g], [a, b]) => [
    x.requires_grad ? sumBack(crossRaw(b, g!, d), x.shape) : null,
    y.requires_grad ? sumBack(crossRaw(g!, a, d), y.shape) : null,
  ]);
  return out;
}

const sumBack = (g: Tensor, shape: readonly number[]): Tensor => (g.shape.length === shape.length && g.shape.every((s, i) => s === shape[i]) ? g : g.sum_to_size([...shape]));

/** a × b along dim d (both of length 3 there), from narrow/mul/sub (so the backward is differentiable too). */
function crossRaw(a: Tensor, b: Tensor, d: number): Tensor {
  const c = (t: Tensor, i: number) => t.narrow(d, i, 1);
  return cat([
    c(a, 1).mul(c(b, 2)).sub(c(a, 2).mul(c(b, 1))),
    c(a, 2).mul(c(b, 0)).sub(c(a, 0).mul(c(b, 2))),
    c(a, 0).mul(c(b, 1)).sub(c(a, 1).mul(c(b, 0))),
  ], d);
}

/** torch.rot90(input, k=1, dims=[0, 1]): flips and a transpose, recorded as Rot90Backward0 (rotating back). */
export function rot90(x: Tensor, k = 1, dims: readonly number[] = [0, 1]): Tensor {
  if (dims.length !== 2) throw runtimeError(`expected total rotation dims == 2, but got dims = ${dims.length}`);
  const nd = x.dim();
  if (nd < 2) throw runtimeError(`expected total dims >= 2, but got total dims = ${nd}`);
  const d0 = wrapDim(dims[0], nd), d1 = wrapDim(dims[1], nd);
  if (d0 === d1) throw runtimeError(`expected rotation dims to be different, but got dim0 = ${dims[0]} and dim1 = ${dims[1]}`);
  const kk = ((k % 4) + 4) % 4;
  const out = no_grad(() => {
    switch (kk) {
      case 1: return flip(x, [d1]).transpose(d0, d1).contiguous();
      case 2: return flip(x, [d0, d1]);
      case 3: return flip(x, [d0]).transpose(d0, d1).contiguous();
      default: return x.clone();
    }
  });
  record('Rot90Backward0', out, [x], [], ([g]) => [rot90(g!, -k, [d0, d1])]);
  return out;
}

export interface NanToNumOptions { nan?: number | null; posinf?: number | null; neginf?: number | null }

export function nan_to_num(x: Tensor, nan: number | null | NanToNumOptions = 0, posinf: number | null = null, neginf: number | null = null): Tensor {
  if (nan !== null && typeof nan === 'object') ({ nan = 0, posinf = null, neginf = null } = nan);
  if (!isFloating(x.dtype)) return x.clone();
  const big = finfoMax(x.dtype);
  const out = no_grad(() => where(x.isnan(), nan ?? 0, where(x.eq(Infinity), posinf ?? big, where(x.eq(-Infinity), neginf ?? -big, x))));
  record('NanToNumBackward0', out, [x], [x], ([g], [xx]) => [g!.mul(xx.isfinite())]);
  return out;
}

/** Runs a scan kernel on each row along d; rows are dense doubles, as in ops/scan.ts. */
function scanRows(x: Tensor, d: number, kernel: (s: Float64Array, r: Float64Array, ix: Float64Array, b: number, n: number) => void) {
  const dims = x.dim() === 0 ? [] : [d];
  const { rows, outer, inner, order } = movedRows(x, dims);
  const res = new Float64Array(rows.length), idx = new Float64Array(rows.length);
  for (let o = 0; o < outer; o++) kernel(rows, res, idx, o * inner, inner);
  return { res, idx, order };
}

export function logcumsumexp(x: Tensor, dim: number): Tensor {
  const d = wrapDim(dim, x.dim());
  if (!isFloating(x.dtype)) throw notImplemented(`"logcumsumexp_out_cpu" not implemented for '${scalarTypeName(x.dtype)}'`);
  const dt = x.dtype;
  let out: Tensor;
  if (x.device === 'meta') out = emptyTensor(x.shape, dt, 'meta');
  else {
    const { res, order } = scanRows(x, d, (s, r, _ix, b, n) => {
      let acc = -Infinity;
      for (let i = 0; i < n; i++) {
        const v = s[b + i], m = Math.max(acc, v);
        acc = m === -Infinity ? -Infinity : m === Infinity ? Infinity : m + Math.log(Math.exp(acc - m) + Math.exp(v - m));
        r[b + i] = acc;
      }
    });
    out = unmove(res, x.shape, order, dt);
  }
  // d out_j / d x_i = exp(x_i - out_j) for j >= i: a reversed cumsum of g exp(-out), times exp(x).
  record('LogcumsumexpBackward0', out, [x], [x, out], ([g], [xx, o]) => {
    const m = o.amax(d, true).detach();
    const s = flip(flip(g!.mul(o.sub(m).neg().exp()), [d]).cumsum(d), [d]);
    return [s.mul(xx.sub(m).exp())];
  });
  return out;
}

function cumExtreme(name: 'cummax' | 'cummin', x: Tensor, dim: number): ValuesIndices {
  const d = wrapDim(dim, x.dim());
  let values: Tensor, indices: Tensor;
  if (x.device === 'meta') { values = emptyTensor(x.shape, x.dtype, 'meta'); indices = emptyTensor(x.shape, 'int64', 'meta'); }
  else {
    const better = name === 'cummax' ? (v: number, m: number) => v >= m : (v: number, m: number) => v <= m;
    // NaN propagates and sticks (its index is the one recorded), as in PyTorch's kernel.
    const { res, idx, order } = scanRows(x, d, (s, r, ix, b, n) => {
      let m = NaN, mi = 0;
      for (let i = 0; i < n; i++) {
        const v = s[b + i];
        if (i === 0 || Number.isNaN(v) || (!Number.isNaN(m) && better(v, m))) { m = v; mi = i; }
        r[b + i] = m; ix[b + i] = mi;
      }
    });
    values = unmove(res, x.shape, order, x.dtype);
    indices = unmove(idx, x.shape, order, 'int64');
  }
  const node = name === 'cummax' ? 'CummaxBackward0' : 'CumminBackward0';
  record(node, values, [x], [indices], ([g], [ix]) => [x.dim() === 0 ? g! : zeros(x.shape, { dtype: g!.dtype, device: g!.device }).scatter_add(d, ix, g!)]);
  return valuesIndices(values, indices);
}

export const cummax = (x: Tensor, dim: number): ValuesIndices => cumExtreme('cummax', x, dim);
export const cummin = (x: Tensor, dim: number): ValuesIndices => cumExtreme('cummin', x, dim);

/** torch.block_diag(*tensors): 0-D as 1x1, 1-D as one row. */
export function block_diag(...tensors: Tensor[]): Tensor {
  const mats = tensors.map((t, i) => {
    if (t.dim() > 2) throw runtimeError(`torch.block_diag: Input tensors must have 2 or fewer dimensions. Input ${i} has ${t.dim()} dimensions`);
    return t.dim() === 2 ? t : t.reshape([1, t.numel()]);
  });
  const dt = mats.length ? mats.map((m) => m.dtype).reduce((a, b) => resultType({ dtype: a, dim: 1 }, { dtype: b, dim: 1 })) : 'float32';
  const rows = mats.reduce((s, m) => s + m.shape[0], 0), cols = mats.reduce((s, m) => s + m.shape[1], 0);
  const device = mats.some((m) => m.device === 'meta') ? 'meta' : 'cpu';
  const out = zeros([rows, cols], { dtype: dt, device });
  const spans: [number, number][] = [];
  let r = 0, c = 0;
  for (const m of mats) {
    spans.push([r, c]);
    if (device === 'cpu' && m.numel() > 0) no_grad(() => out.narrow(0, r, m.shape[0]).narrow(1, c, m.shape[1]).copy_(m));
    r += m.shape[0]; c += m.shape[1];
  }
  record('BlockDiagBackward0', out, tensors, [], ([g]) => tensors.map((t, i) => {
    if (!t.requires_grad) return null;
    const m = mats[i], [r0, c0] = spans[i];
    const piece = g!.narrow(0, r0, m.shape[0]).narrow(1, c0, m.shape[1]);
    return t.dim() === 2 ? piece : piece.reshape([...t.shape]);
  }));
  return out;
}

/** torch.meshgrid(*tensors, indexing='ij'): views of each 0-/1-D tensor expanded to the grid. */
export function meshgrid(...args: (Tensor | { indexing?: string })[]): Tensor[] {
  const last = args.at(-1);
  const opts = last !== undefined && !(last instanceof Tensor) ? last : {};
  const tensors = args.filter((a): a is Tensor => a instanceof Tensor);
  const indexing = opts.indexing ?? 'ij';
  if (indexing !== 'ij' && indexing !== 'xy') throw runtimeError(`torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${indexing}`);
  if (tensors.length === 0) throw runtimeError('meshgrid expects a non-empty TensorList');
  tensors.forEach((t, i) => {
    if (t.dim() > 1) throw runtimeError(`torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: ${fmtShape(t.shape)}`);
    if (t.dtype !== tensors[0].dtype) throw runtimeError(`torch.meshgrid: Expected all tensors in the tensor list to have the same dtype, but got tensors[0].dtype=${scalarTypeName(tensors[0].dtype)} and tensors[${i}].dtype=${scalarTypeName(t.dtype)}`);
  });
  // 'xy' is 'ij' with the first two inputs swapped, and the first two grids swapped back.
  const swap = indexing === 'xy' && tensors.length >= 2;
  const ts = swap ? [tensors[1], tensors[0], ...tensors.slice(2)] : tensors;
  const shape = ts.map((t) => t.numel());
  const grids = ts.map((t, i) => t.view(shape.map((_, j) => (j === i ? -1 : 1))).expand(shape));
  return swap ? [grids[1], grids[0], ...grids.slice(2)] : grids;
}

export function cartesian_prod(...tensors: Tensor[]): Tensor {
  for (const t of tensors) if (t.dim() !== 1) throw runtimeError(`Expect a 1D vector, but got shape ${fmtShape(t.shape)}`);
  if (tensors.length === 1) return tensors[0];
  return stack(meshgrid(...tensors).map((g) => g.flatten()), 1);
}

export function masked_scatter(x: Tensor, mask: Tensor, source: Tensor): Tensor {
  if (mask.dtype !== 'bool') throw runtimeError(`masked_scatter_ only supports boolean masks, but got mask with dtype ${scalarTypeName(mask.dtype)}`);
  if (x.dtype !== source.dtype) throw runtimeError(`masked_scatter: expected self and source to have same dtypes but got${scalarTypeName(x.dtype)} and ${scalarTypeName(source.dtype)}`);
  const shape = broadcastShapes(x.shape, mask.shape);
  const m = mask.expand(shape);
  let out: Tensor;
  if (x.device === 'meta' || m.device === 'meta') out = emptyTensor(shape, x.dtype, 'meta');
  else {
    out = x.expand(shape).contiguous().detach().clone();
    const md = m.contiguous()._contiguousData(), src = source._contiguousData(), od = out._data();
    let k = 0;
    for (let i = 0; i < md.length; i++) {
      if (!md[i]) continue;
      if (k >= src.length) throw runtimeError('masked_scatter: expected source to have at least as many elements as ones in mask');
      od[i] = src[k++];
    }
  }
  record('MaskedScatterBackward0', out, [x, source], [m], ([g], [mm]) => {
    // Which source elements were used depends on the mask's values: on meta, only the shapes are known.
    if (g!.device === 'meta') return [emptyTensor(x.shape, g!.dtype, 'meta'), emptyTensor(source.shape, g!.dtype, 'meta')];
    const gs = g!.masked_select(mm);
    const pad = source.numel() - gs.numel();
    const gsrc = (pad > 0 ? cat([gs, zeros([pad], { dtype: g!.dtype, device: g!.device })]) : gs).reshape([...source.shape]);
    return [sumBack(g!.masked_fill(mm, 0), x.shape), gsrc];
  });
  return out;
}

/** torch.ravel: contiguous().view(-1), as ATen composes it (a copy only when x is not contiguous). */
export const ravel = (x: Tensor): Tensor => x.contiguous().view([-1]);

export const nan_to_num_ = (x: Tensor, nan: number | null | NanToNumOptions = 0, posinf: number | null = null, neginf: number | null = null): Tensor =>
  commitInplace(x, nan_to_num(x, nan, posinf, neginf), 'nan_to_num_');
export const masked_scatter_ = (x: Tensor, mask: Tensor, source: Tensor): Tensor => commitInplace(x, masked_scatter(x, mask, source), 'masked_scatter_');

declare module '../tensor' {
  interface Tensor {
    trace(): Tensor; ravel(): Tensor; diff(n?: number | DiffOptions, dim?: number, prepend?: Tensor | null, append?: Tensor | null): Tensor;
    cross(other: Tensor, dim?: number | null): Tensor; rot90(k?: number, dims?: readonly number[]): Tensor;
    nan_to_num(nan?: number | null | NanToNumOptions, posinf?: number | null, neginf?: number | null): Tensor;
    nan_to_num_(nan?: number | null | NanToNumOptions, posinf?: number | null, neginf?: number | null): Tensor;
    logcumsumexp(dim: number): Tensor; cummax(dim: number): ValuesIndices; cummin(dim: number): ValuesIndices;
    masked_scatter(mask: Tensor, source: Tensor): Tensor; masked_scatter_(mask: Tensor, source: Tensor): Tensor;
  }
}
const methods = { trace, ravel, diff, cross, rot90, nan_to_num, nan_to_num_, logcumsumexp, cummax, cummin, masked_scatter, masked_scatter_ };
for (const [name, fn] of Object.entries(methods)) {
  (Tensor.prototype as any)[name] = function (this: Tensor, ...a: unknown[]) { return (fn as (...args: unknown[]) => unknown)(this, ...a); };
}
