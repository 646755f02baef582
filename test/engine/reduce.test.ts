// Reductions, scans and the softmax family against test/golden/reduce_index.json (real PyTorch):
// values, input gradients, grad_fn names, errors, and the same cases on the meta device.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { torch, Tensor } from '../../src/engine';
import { REDUCE_INDEX_OPS } from '../golden/reduce_index';
import { checkOp, checkError, checkOpMeta, checkErrorMeta, loadGolden, buildInput, tensorOf, assertTensorClose, type GoldenCase, type GoldenError } from './check_op';

type Grouped = { group: string; meta?: boolean; data_dependent?: boolean };
const golden = loadGolden('reduce_index.json');
const cases = golden.cases.filter((c) => (c as GoldenCase & Grouped).group === 'reduce');
const errors = golden.errors.filter((e) => (e as GoldenError & Grouped).group === 'reduce');

describe('golden reductions', () => {
  for (const c of cases) test(c.name, () => checkOp(c, REDUCE_INDEX_OPS));
});
describe('golden reduction errors', () => {
  for (const e of errors) test(e.name, () => checkError(e, REDUCE_INDEX_OPS));
});
describe('golden reductions on the meta device', () => {
  for (const c of cases) if ((c as GoldenCase & Grouped).meta !== false) test(c.name, () => checkOpMeta(c, REDUCE_INDEX_OPS));
  for (const e of errors) if (!e.data_dependent) test(`error: ${e.name}`, () => checkErrorMeta(e, REDUCE_INDEX_OPS));
});

// Second derivatives: the case's output is a first-order gradient built with create_graph, its
// backward a Hessian-vector product. The engine composes backward from Tensor ops, so its grad_fn
// names differ from PyTorch's fused *BackwardBackward nodes; values and gradients must not.
describe('golden second derivatives (create_graph)', () => {
  for (const c of golden.cases.filter((k) => (k as GoldenCase & Grouped).group === 'double')) {
    test(c.name, () => {
      const xs = c.inputs.map((s) => buildInput(s));
      const out = REDUCE_INDEX_OPS[c.op](xs, c.args);
      assertTensorClose(out, c.out, 'first derivative', c.tol);
      // A first derivative that does not depend on x (cumsum, amax's selection) has no graph at all.
      assert.equal(out.requires_grad, c.upstream !== undefined, 'first derivative requires_grad');
      if (c.upstream === undefined) return;
      out.backward(tensorOf(c.upstream));
      assertTensorClose(xs[0].grad!, c.grads[0]!, 'second derivative', { rtol: 1e-4, atol: 1e-5 });
    });
  }
});

test('the TS op table and the fixture name the same ops', () => {
  const used = new Set([...golden.cases, ...golden.errors].map((c) => c.op));
  assert.deepEqual([...used].filter((op) => !(op in REDUCE_INDEX_OPS)), []);
  assert.deepEqual(Object.keys(REDUCE_INDEX_OPS).filter((op) => !used.has(op)), []);
});

describe('reduction API shapes', () => {
  test('max(dim) is a [values, indices] pair with named fields', () => {
    const x = torch.tensor([[1, 5, 2], [7, 0, 7]], { dtype: 'float32' });
    const r = x.max(1);
    const [values, indices] = r;
    assert.equal(values, r.values);
    assert.equal(indices, r.indices);
    assert.deepEqual(values.tolist(), [5, 7]);
    assert.deepEqual(indices.tolist(), [1, 0]);
    assert.equal(indices.dtype, 'int64');
    assert.equal(indices.requires_grad, false);
  });

  test('var overloads: var(unbiased), var(dim, unbiased, keepdim), var(dim, {correction})', () => {
    const x = torch.tensor([[1, 2, 3, 4], [2, 2, 2, 6]], { dtype: 'float32' });
    assert.ok(Math.abs((x.var(false).item() as number) - 2.1875) < 1e-6);
    assert.deepEqual(x.var(1, false, true).shape, [2, 1]);
    assert.deepEqual(x.var(1, { correction: 0 }).tolist(), x.var(1, false).tolist());
    const [v, m] = torch.var_mean(x, 1);
    assert.deepEqual(m.tolist(), [2.5, 3]);
    assert.ok(v instanceof Tensor);
  });

  test('softmax gradient of a gradient (create_graph) is finite and matches the formula shape', () => {
    const x = torch.tensor([[0.5, -1, 2]], { requires_grad: true });
    const y = x.softmax(1).mul(torch.tensor([[1, 2, 3]])).sum();
    const [g] = torch.autograd.grad([y], [x], undefined, undefined, true) as Tensor[];
    assert.ok(g.requires_grad);
    g.sum().backward();
    assert.deepEqual(x.grad!.shape, [1, 3]);
    assert.ok((x.grad!.tolist() as number[][])[0].every(Number.isFinite));
  });

  test('sort/topk/median return [values, indices] pairs', () => {
    const x = torch.tensor([[3, 1, 2], [0, 5, 4]], { dtype: 'float32' });
    const [v, i] = x.sort(1, true);
    assert.deepEqual(v.tolist(), [[3, 2, 1], [5, 4, 0]]);
    assert.deepEqual(i.tolist(), [[0, 2, 1], [1, 2, 0]]);
    assert.deepEqual(x.topk(1).indices.tolist(), [[0], [1]]);
    assert.deepEqual(x.median(1).values.tolist(), [2, 4]);
    assert.equal(x.median().item(), 2);
  });

  test('norm rejects the nuclear norm with a clear message', () => {
    assert.throws(() => torch.norm(torch.ones([2, 2]), 'nuc'), /nuc/);
  });

  test('meta reductions never allocate data', () => {
    const x = torch.zeros([4096, 4096], { device: 'meta' });
    assert.deepEqual(x.softmax(-1).shape, [4096, 4096]);
    assert.deepEqual(x.logsumexp(1).shape, [4096]);
    assert.deepEqual(x.var(0).shape, [4096]);
    assert.deepEqual(x.norm(2, 1, true).shape, [4096, 1]);
    assert.deepEqual(x.cumsum(0).device, 'meta');
  });
});
