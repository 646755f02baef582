// Tensor methods of the shape_ops and matmul families: one-line delegations, plus the in-place
// variants (tril_, addmm_, addcmul_, ...) through commitInplace.
import { Tensor } from '../tensor';
import * as S from './shape_ops';
import * as M from './matmul';
import { commitInplace } from './convert';

declare module '../tensor' {
  interface Tensor {
    split(split_size_or_sections: number | number[], dim?: number): Tensor[];
    chunk(chunks: number, dim?: number): Tensor[];
    unbind(dim?: number): Tensor[];
    flip(dims: number | number[]): Tensor; fliplr(): Tensor; flipud(): Tensor;
    roll(shifts: number | number[], dims?: number | number[] | null): Tensor;
    repeat(...sizes: (number | number[])[]): Tensor; tile(dims: number[]): Tensor;
    repeat_interleave(repeats: number | Tensor, dim?: number | null): Tensor;
    tril(diagonal?: number): Tensor; triu(diagonal?: number): Tensor;
    tril_(diagonal?: number): Tensor; triu_(diagonal?: number): Tensor;
    diagonal(offset?: number, dim1?: number, dim2?: number): Tensor;
    diag(diagonal?: number): Tensor; diag_embed(offset?: number, dim1?: number, dim2?: number): Tensor;
    movedim(source: number | number[], destination: number | number[]): Tensor;
    moveaxis(source: number | number[], destination: number | number[]): Tensor;
    broadcast_to(shape: number[]): Tensor;
    matmul(other: Tensor): Tensor; mm(other: Tensor): Tensor; bmm(other: Tensor): Tensor; mv(vec: Tensor): Tensor;
    dot(other: Tensor): Tensor; outer(other: Tensor): Tensor; ger(other: Tensor): Tensor; kron(other: Tensor): Tensor;
    addmm(m1: Tensor, m2: Tensor, o?: M.AddOpts): Tensor; addmm_(m1: Tensor, m2: Tensor, o?: M.AddOpts): Tensor;
    baddbmm(b1: Tensor, b2: Tensor, o?: M.AddOpts): Tensor; baddbmm_(b1: Tensor, b2: Tensor, o?: M.AddOpts): Tensor;
    addmv(mat: Tensor, vec: Tensor, o?: M.AddOpts): Tensor; addmv_(mat: Tensor, vec: Tensor, o?: M.AddOpts): Tensor;
    addbmm(b1: Tensor, b2: Tensor, o?: M.AddOpts): Tensor; addbmm_(b1: Tensor, b2: Tensor, o?: M.AddOpts): Tensor;
    inner(other: Tensor): Tensor;
    addcmul(t1: Tensor, t2: Tensor, o?: { value?: number }): Tensor; addcmul_(t1: Tensor, t2: Tensor, o?: { value?: number }): Tensor;
    addcdiv(t1: Tensor, t2: Tensor, o?: { value?: number }): Tensor; addcdiv_(t1: Tensor, t2: Tensor, o?: { value?: number }): Tensor;
  }
}

const P = Tensor.prototype as any;
const methods: Record<string, (t: Tensor, ...a: any[]) => unknown> = {
  split: S.split, chunk: S.chunk, unbind: S.unbind, flip: S.flip, fliplr: S.fliplr, flipud: S.flipud, roll: S.roll,
  repeat: S.repeat, tile: S.tile, repeat_interleave: S.repeat_interleave, tril: S.tril, triu: S.triu,
  diagonal: S.diagonal, diag: S.diag, diag_embed: S.diag_embed, movedim: S.movedim, moveaxis: S.moveaxis, broadcast_to: S.broadcast_to,
  matmul: M.matmul, mm: M.mm, bmm: M.bmm, mv: M.mv, dot: M.dot, outer: M.outer, ger: M.ger, kron: M.kron,
  addmm: M.addmm, baddbmm: M.baddbmm, addmv: M.addmv, addbmm: M.addbmm, inner: M.inner, addcmul: M.addcmul, addcdiv: M.addcdiv,
};
for (const [name, fn] of Object.entries(methods)) {
  P[name] = function (this: Tensor, ...a: any[]) { return fn(this, ...a); };
}
for (const name of ['tril', 'triu', 'addmm', 'baddbmm', 'addmv', 'addbmm', 'addcmul', 'addcdiv']) {
  const fn = methods[name];
  P[name + '_'] = function (this: Tensor, ...a: any[]) { return commitInplace(this, fn(this, ...a) as Tensor, name + '_'); };
}
