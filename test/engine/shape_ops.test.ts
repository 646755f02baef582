// Movement ops (cat, stack, split, chunk, unbind, flip, roll, repeat, tile, repeat_interleave, tril,
// triu, diagonal, movedim, broadcast helpers) against PyTorch fixtures, plus the view/copy semantics
// the fixtures cannot show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../src/engine';
import { registerGolden } from './golden_multi';
import { SHAPE_OPS } from '../golden/shape_matmul';

registerGolden('shape_ops.json', SHAPE_OPS);

test('split, chunk, unbind and diagonal return views: writes through them reach the input', () => {
  const x = torch.arange(0, 6, 1, { dtype: 'float32' }).reshape([2, 3]);
  const [a, b] = x.split([1, 2], 1);
  b.fill_(9);
  assert.deepEqual(x.tolist(), [[0, 9, 9], [3, 9, 9]]);
  x.unbind(0)[1].fill_(-1);
  assert.deepEqual(x.tolist(), [[0, 9, 9], [-1, -1, -1]]);
  x.diagonal().fill_(5);
  assert.deepEqual(x.tolist(), [[5, 9, 9], [-1, 5, -1]]);
  assert.deepEqual(x.chunk(3, 1)[2].tolist(), [[9], [-1]]);
  assert.equal(a._box, x._box);
});

test('flip, roll, repeat and cat copy: writing into the result leaves the input alone', () => {
  const x = torch.tensor([[1, 2], [3, 4]], { dtype: 'float32' });
  for (const y of [x.flip(0), x.roll(1, 0), x.repeat(1, 1), torch.cat([x], 0), x.tril()]) {
    y.fill_(0);
    assert.deepEqual(x.tolist(), [[1, 2], [3, 4]]);
  }
});

test('gradients of split outputs that were not used are zeros (the engine fills them)', () => {
  const x = torch.tensor([1, 2, 3, 4, 5], { dtype: 'float32', requires_grad: true });
  const parts = x.split(2);
  parts[1].mul(3).sum().backward();
  assert.deepEqual(x.grad!.tolist(), [0, 0, 3, 3, 0]);
});

test('double backward through cat and repeat', () => {
  const x = torch.tensor([1, 2], { dtype: 'float32', requires_grad: true });
  const y = torch.cat([x.mul(x), x], 0).repeat(2).sum();
  const [g] = torch.autograd.grad(y, x, undefined, true, true);
  assert.deepEqual(g!.tolist(), [6, 10]); // 2·(2x + 1)
  g!.sum().backward();
  assert.deepEqual(x.grad!.tolist(), [4, 4]);
});

test('repeat_interleave with only repeats returns the repeated indices', () => {
  assert.deepEqual(torch.repeat_interleave(torch.tensor([2, 0, 1])).tolist(), [0, 0, 2]);
});

test('meta tensors: shapes of every movement op without data', () => {
  const m = torch.zeros([2, 3, 4], { device: 'meta' });
  assert.deepEqual(torch.cat([m, m], 2).shape, [2, 3, 8]);
  assert.deepEqual(torch.stack([m, m], 1).shape, [2, 2, 3, 4]);
  assert.deepEqual(m.flip([0, 2]).shape, [2, 3, 4]);
  assert.deepEqual(m.roll([1, -1], [0, 1]).shape, [2, 3, 4]);
  assert.deepEqual(m.repeat(2, 1, 1, 2).shape, [2, 2, 3, 8]);
  assert.deepEqual(m.tril().shape, [2, 3, 4]);
  assert.deepEqual(m.diagonal(0, 1, 2).shape, [2, 3]);
  assert.deepEqual(m.movedim(0, 2).shape, [3, 4, 2]);
  assert.deepEqual(m.split(2, 2).map((t) => t.shape), [[2, 3, 2], [2, 3, 2]]);
  assert.ok(torch.cat([m, m], 2).is_meta);
});
