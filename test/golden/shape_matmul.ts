// The engine side of test/golden/gen_shape_matmul.py's op tables: the same keys, each calling the
// engine the way the Python calls torch. Multi-output ops (split, chunk, ...) return a Tensor[].
import { torch, type Tensor } from '../../src/engine';
import type { Args } from './core_ops';

export type MultiOpFn = (x: Tensor[], a: Args) => Tensor | Tensor[];

export const SHAPE_OPS: Record<string, MultiOpFn> = {
  cat: (x, a) => torch.cat(x, a.dim ?? 0),
  stack: (x, a) => torch.stack(x, a.dim ?? 0),
  hstack: (x) => torch.hstack(x),
  vstack: (x) => torch.vstack(x),
  flip: ([x], a) => x.flip(a.dims),
  fliplr: ([x]) => x.fliplr(),
  roll: ([x], a) => x.roll(a.shifts, a.dims ?? null),
  repeat: ([x], a) => x.repeat(...a.sizes),
  tile: ([x], a) => x.tile(a.dims),
  repeat_interleave: ([x], a) => x.repeat_interleave(a.repeats, a.dim ?? null),
  repeat_interleave_t: ([x], a) => x.repeat_interleave(torch.tensor(a.repeats), a.dim ?? null),
  tril: ([x], a) => x.tril(a.diagonal ?? 0),
  triu: ([x], a) => x.triu(a.diagonal ?? 0),
  diagonal: ([x], a) => x.diagonal(a.offset ?? 0, a.dim1 ?? 0, a.dim2 ?? 1),
  diag: ([x], a) => x.diag(a.diagonal ?? 0),
  diag_embed: ([x], a) => x.diag_embed(a.offset ?? 0, a.dim1 ?? -2, a.dim2 ?? -1),
  movedim: ([x], a) => x.movedim(a.source, a.destination),
  broadcast_to: ([x], a) => x.broadcast_to(a.shape),
  split: ([x], a) => x.split(a.split, a.dim ?? 0),
  chunk: ([x], a) => x.chunk(a.chunks, a.dim ?? 0),
  unbind: ([x], a) => x.unbind(a.dim ?? 0),
  broadcast_tensors: (x) => torch.broadcast_tensors(...x),
};

export const MATMUL_OPS: Record<string, MultiOpFn> = {
  matmul: ([x, y]) => x.matmul(y),
  mm: ([x, y]) => x.mm(y),
  bmm: ([x, y]) => x.bmm(y),
  mv: ([x, y]) => x.mv(y),
  dot: ([x, y]) => x.dot(y),
  outer: ([x, y]) => x.outer(y),
  addmm: ([i, x, y], a) => torch.addmm(i, x, y, { beta: a.beta, alpha: a.alpha }),
  baddbmm: ([i, x, y], a) => torch.baddbmm(i, x, y, { beta: a.beta, alpha: a.alpha }),
  addmv: ([i, x, y], a) => torch.addmv(i, x, y, { beta: a.beta, alpha: a.alpha }),
  addbmm: ([i, x, y], a) => torch.addbmm(i, x, y, { beta: a.beta, alpha: a.alpha }),
  inner: ([x, y]) => x.inner(y),
  multi_dot: (x) => torch.multi_dot(x),
  addcmul: ([i, x, y], a) => torch.addcmul(i, x, y, { value: a.value }),
  addcdiv: ([i, x, y], a) => torch.addcdiv(i, x, y, { value: a.value }),
  linear: ([x, w, b]) => torch.linear(x, w, b ?? null),
  tensordot: ([x, y], a) => torch.tensordot(x, y, a.dims),
  kron: ([x, y]) => x.kron(y),
};

export const EINSUM_OPS: Record<string, MultiOpFn> = {
  einsum: (x, a) => torch.einsum(a.eq, ...x),
};
