// The matmul family (matmul in all its rank cases, mm, bmm, mv, dot, outer, addmm, baddbmm, addcmul,
// addcdiv, linear, tensordot, kron, einsum) against PyTorch fixtures, plus kernel-level checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch, type Tensor } from '../../src/engine';
import { memory } from '../../src/engine/backend/index';
import { registerGolden } from './golden_multi';
import { MATMUL_OPS, EINSUM_OPS } from '../golden/shape_matmul';

registerGolden('matmul.json', MATMUL_OPS);
registerGolden('einsum.json', EINSUM_OPS);

/** A deterministic pseudo-random matrix (no torch.randn dependency) as nested lists. */
function values(rows: number, cols: number, seed: number): number[][] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  return Array.from({ length: rows }, () => Array.from({ length: cols }, next));
}
function refMatmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((acc, v, p) => acc + v * b[p][j], 0)));
}
function assertClose(t: Tensor, want: number[][], rtol: number): void {
  const got = t.tolist() as number[][];
  want.forEach((row, i) => row.forEach((w, j) => assert.ok(Math.abs(got[i][j] - w) <= rtol * (1 + Math.abs(w)), `[${i},${j}] ${got[i][j]} vs ${w}`)));
}

test('float64 products are computed in double precision', () => {
  const a = torch.tensor([1 + 2 ** -40, 1], { dtype: 'float64' });
  const b = torch.tensor([1, -1], { dtype: 'float64' });
  assert.equal(a.dot(b).item(), 2 ** -40);
  const A = values(24, 30, 1), B = values(30, 20, 2); // above the backend's JS threshold
  const r = torch.tensor(A, { dtype: 'float64' }).mm(torch.tensor(B, { dtype: 'float64' }));
  assert.equal(r.dtype, 'float64');
  assertClose(r, refMatmul(A, B), 1e-13);
});

test('int64 products are exact and stay int64', () => {
  const r = torch.tensor([[2 ** 40, 1]]).mm(torch.tensor([[3], [5]]));
  assert.equal(r.dtype, 'int64');
  assert.deepEqual(r.tolist(), [[3 * 2 ** 40 + 5]]);
});

test('a LeNet-sized linear layer matches a double-precision reference', () => {
  const X = values(32, 400, 3), W = values(120, 400, 4);
  const bias = Array.from({ length: 120 }, (_, i) => i / 100);
  const out = torch.linear(torch.tensor(X), torch.tensor(W), torch.tensor(bias, { dtype: 'float32' }));
  assert.equal(out.grad_fn, null);
  const want = refMatmul(X, W[0].map((_, j) => W.map((row) => row[j]))).map((row) => row.map((v, j) => v + bias[j]));
  assertClose(out, want, 1e-4);
});

test('matmul through the backend frees every tfjs tensor it creates', () => {
  const a = torch.tensor(values(64, 48, 5)), b = torch.tensor(values(48, 40, 6));
  const batched = torch.tensor(values(4 * 30, 30, 7)).reshape([4, 30, 30]);
  a.mm(b); // warm up: tfjs allocates its backend state on first use
  const before = memory().numTensors;
  for (let i = 0; i < 3; i++) {
    a.mm(b);
    batched.bmm(batched.transpose(1, 2));
    batched.matmul(batched.select(0, 0));
  }
  assert.equal(memory().numTensors, before);
});

test('mm supports double backward (create_graph)', () => {
  const x = torch.tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'float32', requires_grad: true });
  const w = torch.tensor([[1, -1], [2, 0], [0.5, 3]], { dtype: 'float32', requires_grad: true });
  const [gx] = torch.autograd.grad(x.mm(w).sum(), x, undefined, true, true);
  assert.deepEqual(gx!.tolist(), [[0, 2, 3.5], [0, 2, 3.5]]); // row sums of w
  gx!.mul(x).sum().backward();
  assert.deepEqual(w.grad!.tolist(), [[5, 5], [7, 7], [9, 9]]); // column sums of x
});

test('einsum is a composite: its graph is made of primitive nodes', () => {
  const a = torch.ones([2, 3], { requires_grad: true }), b = torch.ones([3, 4]);
  const out = torch.einsum('ij,jk->ik', a, b);
  assert.ok(out.grad_fn && !/einsum/i.test(out.grad_fn.name()), String(out.grad_fn?.name()));
  assert.deepEqual(out.tolist(), [[3, 3, 3, 3], [3, 3, 3, 3]]);
});

test('bool matmul raises PyTorch\'s NotImplementedError', () => {
  const a = torch.ones([2, 2], { dtype: 'bool' });
  assert.throws(() => a.mm(a), /"addmm_impl_cpu_" not implemented for 'Bool'/);
});

test('matmul on meta tensors gives PyTorch\'s shapes without data', () => {
  const m = (...s: number[]) => torch.zeros(s, { device: 'meta' });
  assert.deepEqual(m(5, 1, 3, 4).matmul(m(2, 4, 6)).shape, [5, 2, 3, 6]);
  assert.deepEqual(m(4).matmul(m(7, 4, 2)).shape, [7, 2]);
  assert.deepEqual(torch.linear(m(8, 16, 32), m(10, 32), m(10)).shape, [8, 16, 10]);
  assert.deepEqual(torch.einsum('bhqd,bhkd->bhqk', m(2, 8, 16, 64), m(2, 8, 20, 64)).shape, [2, 8, 16, 20]);
  assert.throws(() => m(1, 400).matmul(m(256, 120)), /mat1 and mat2 shapes cannot be multiplied \(1x400 and 256x120\)/);
});
