// Indexing, setitem and the gather/scatter family against test/golden/reduce_index.json (real
// PyTorch): values, input gradients, grad_fn names, errors, meta shapes; plus view/aliasing checks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { torch, index, index_put_, Ellipsis, pySlice, TorchError } from '../../src/engine';
import { REDUCE_INDEX_OPS } from '../golden/reduce_index';
import { checkOp, checkError, checkOpMeta, checkErrorMeta, loadGolden, type GoldenCase, type GoldenError } from './check_op';

type Grouped = { group: string; meta?: boolean };
const golden = loadGolden('reduce_index.json');
const cases = golden.cases.filter((c) => (c as GoldenCase & Grouped).group === 'index');
const errors = golden.errors.filter((e) => (e as GoldenError & Grouped).group === 'index');

describe('golden indexing', () => {
  for (const c of cases) test(c.name, () => checkOp(c, REDUCE_INDEX_OPS));
});
describe('golden indexing errors', () => {
  for (const e of errors) test(e.name, () => checkError(e, REDUCE_INDEX_OPS));
});
describe('golden indexing on the meta device', () => {
  for (const c of cases) if ((c as GoldenCase & Grouped).meta !== false) test(c.name, () => checkOpMeta(c, REDUCE_INDEX_OPS));
  for (const e of errors) if (!e.data_dependent) test(`error: ${e.name}`, () => checkErrorMeta(e, REDUCE_INDEX_OPS));
});

const ar = (n: number, shape: number[]) => torch.arange(n, null, 1, { dtype: 'float32' }).reshape(shape);

describe('views and writes', () => {
  test('basic indexing returns a view that shares storage', () => {
    const x = ar(12, [3, 4]);
    const v = index(x, [pySlice(1), pySlice(null, null, 2)]);
    assert.deepEqual(v.tolist(), [[4, 6], [8, 10]]);
    assert.equal(v._box, x._box);
    v.fill_(-1);
    assert.deepEqual(x.tolist(), [[0, 1, 2, 3], [-1, 5, -1, 7], [-1, 9, -1, 11]]);
  });

  test('advanced indexing copies', () => {
    const x = ar(6, [2, 3]);
    const c = index(x, [torch.tensor([1, 0])]);
    assert.notEqual(c._box, x._box);
    c.fill_(0);
    assert.deepEqual(x.tolist(), [[0, 1, 2], [3, 4, 5]]);
  });

  test('index_put_ writes through to a tensor and bumps its version', () => {
    const x = ar(6, [2, 3]);
    const before = x._version;
    index_put_(x, [x.gt(2)], 0);
    assert.deepEqual(x.tolist(), [[0, 1, 2], [0, 0, 0]]);
    index_put_(x, [Ellipsis, 1], torch.tensor([7, 8], { dtype: 'float32' }));
    assert.deepEqual(x.tolist(), [[0, 7, 2], [0, 8, 0]]);
    assert.ok(x._version > before);
  });

  test('a value that overlaps the target is read before the write (x[1:] = x[:-1])', () => {
    const x = ar(5, [5]);
    index_put_(x, [pySlice(1)], index(x, [pySlice(null, -1)]));
    assert.deepEqual(x.tolist(), [0, 0, 1, 2, 3]);
    const y = ar(4, [4]);
    index_put_(y, [torch.tensor([3, 2, 1, 0])], y);
    assert.deepEqual(y.tolist(), [3, 2, 1, 0]);
  });

  test('x[idx] += 1 under no_grad on a parameter-like leaf writes in place, duplicates counted once', () => {
    const w = torch.zeros([3], { requires_grad: true });
    torch.no_grad(() => {
      const k = [torch.tensor([0, 0, 2])];
      index_put_(w, k, index(w, k).add(1));
    });
    assert.deepEqual(w.tolist(), [1, 0, 1]);
    assert.equal(w.is_leaf, true);
  });

  test('setitem on a leaf that requires grad is refused with PyTorch\'s message', () => {
    const x = torch.zeros([3], { requires_grad: true });
    assert.throws(() => index_put_(x, [0], 1), /a view of a leaf Variable that requires grad is being used in an in-place operation/);
    assert.throws(() => index_put_(x, [torch.tensor([0])], 1), /^RuntimeError: a leaf Variable that requires grad/);
  });

  test('x[False] adds an empty dim; a second Ellipsis adds nothing', () => {
    const x = ar(6, [2, 3]);
    assert.deepEqual(index(x, [false]).shape, [0, 2, 3]);
    assert.deepEqual(index(x, [Ellipsis, Ellipsis]).shape, [2, 3]);
    assert.deepEqual(index(x, [[]]).shape, [0, 3]);
  });

  test('a float subscript is rejected with PyTorch\'s message', () => {
    assert.throws(() => index(ar(4, [4]), [1.5]), (e: unknown) => e instanceof TorchError && e.kind === 'IndexError' && /only integers, slices/.test(e.message));
  });

  test('bool masks need data: clear error on the meta device', () => {
    const m = torch.zeros([3, 4], { device: 'meta' });
    assert.throws(() => index(m, [m.gt(0)]), (e: unknown) => e instanceof TorchError && e.kind === 'NotImplementedError');
    assert.deepEqual(index(m, [torch.tensor([0, 2]), pySlice(1)]).shape, [2, 3]);
  });

  test('nonzero as_tuple gives one column per dim', () => {
    const x = torch.tensor([[0, 1], [2, 0]]);
    const cols = x.nonzero({ as_tuple: true }) as ReturnType<typeof torch.tensor>[];
    assert.deepEqual(cols.map((c) => c.tolist()), [[0, 1], [1, 0]]);
  });
});
