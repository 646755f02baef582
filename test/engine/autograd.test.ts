// Autograd engine behaviour: accumulation, hooks, retain_grad, autograd.grad, double backward, grad
// modes, and PyTorch's errors for the usual mistakes (messages as PyTorch prints them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch, type Tensor } from '../../src/engine';

const t = (data: number[] | number[][], requires_grad = false) => torch.tensor(data, { dtype: 'float32', requires_grad });
const round = (a: unknown) => JSON.parse(JSON.stringify(a, (_k, v) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v)));
const close = (a: unknown, b: unknown) => assert.deepEqual(round(a), round(b));

test('gradients accumulate into leaves across backward calls', () => {
  const x = t([1, 2, 3], true);
  x.mul(x).sum().backward();
  close(x.grad!.tolist(), [2, 4, 6]);
  x.mul(3).sum().backward();
  close(x.grad!.tolist(), [5, 7, 9]);
  assert.equal(x.is_leaf, true);
  assert.equal(x.grad!.requires_grad, false);
});

test('grad_fn names and next_functions follow PyTorch', () => {
  const x = t([1, 2], true);
  const y = x.mul(2).add(1);
  assert.equal(y.grad_fn!.name(), 'AddBackward0');
  const [mulNode] = y.grad_fn!.next_functions[0];
  assert.equal(mulNode!.name(), 'MulBackward0');
  assert.equal(mulNode!.next_functions[0][0]!.name(), 'AccumulateGrad');
  assert.equal(x.sum().grad_fn!.name(), 'SumBackward0');
  assert.equal(x.sum(0).grad_fn!.name(), 'SumBackward1');
  assert.equal(x.view(2, 1).grad_fn!.name(), 'ViewBackward0');
  assert.equal(x.relu().grad_fn!.name(), 'ReluBackward0');
});

test('backward on a non-scalar needs a gradient', () => {
  const x = t([1, 2], true);
  assert.throws(() => x.mul(2).backward(), /grad can be implicitly created only for scalar outputs/);
  x.mul(2).backward(t([1, 10]));
  close(x.grad!.tolist(), [2, 20]);
});

test('backward on a tensor that does not require grad', () => {
  assert.throws(() => t([1, 2]).sum().backward(), /element 0 of tensors does not require grad and does not have a grad_fn/);
});

test('a second backward through freed saved tensors fails; retain_graph allows it', () => {
  const x = t([1, 2], true);
  const y = x.exp().sum();
  y.backward(undefined, true);
  y.backward();
  close(x.grad!.tolist(), [2 * Math.E, 2 * Math.exp(2)]);
  assert.throws(() => y.backward(), /Trying to backward through the graph a second time/);
});

test('modifying a saved tensor in place is caught at backward', () => {
  const x = t([1, -2, 3], true);
  const y = x.mul(1);
  const z = y.sin(); // SinBackward0 saves its input y
  y.add_(1);
  assert.equal(y._version, 1);
  assert.throws(() => z.sum().backward(), {
    message: 'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [3]], which is output 0 of Add, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).',
  });
  const w = x.mul(1);
  w.exp().sum().backward(); // ExpBackward0 saves its output, so changing w later is harmless
});

test('in-place op on a leaf that requires grad is refused; allowed under no_grad', () => {
  const w = t([1, 2], true);
  assert.throws(() => w.add_(1), /a leaf Variable that requires grad is being used in an in-place operation/);
  torch.no_grad(() => w.add_(1));
  close(w.tolist(), [2, 3]);
  assert.equal(w._version, 1);
});

test('in-place ops carry the graph (relu_ after mul)', () => {
  const x = t([-1, 2], true);
  const y = x.mul(3);
  y.relu_();
  assert.equal(y.grad_fn!.name(), 'ReluBackward0');
  y.sum().backward();
  close(x.grad!.tolist(), [0, 3]);
});

test('writes through views reach the base storage', () => {
  const a = torch.zeros([2, 3]);
  a.select(0, 1).fill_(5);
  a.t()._slice(0, 0, 1).fill_(7);
  close(a.tolist(), [[7, 0, 0], [7, 5, 5]]);
  const d = a.data;
  d.mul_(2);
  close(a.tolist(), [[14, 0, 0], [14, 10, 10]]);
});

test('retain_grad and tensor hooks', () => {
  const x = t([1, 2], true);
  const y = x.mul(2);
  y.retain_grad();
  const seen: number[][] = [];
  y.register_hook((g: Tensor) => { seen.push(g.tolist() as number[]); return g.mul(10); });
  y.sum().backward();
  close(seen, [[1, 1]]);
  close(y.grad!.tolist(), [10, 10]); // retain_grad runs after the tensor's other hooks, as in PyTorch 2.x
  close(x.grad!.tolist(), [20, 20]);
  const h = x.register_hook((g: Tensor) => g.mul(0));
  x.grad = null;
  x.mul(2).sum().backward();
  close(x.grad!.tolist(), [0, 0]);
  h.remove();
  x.grad = null;
  x.mul(2).sum().backward();
  close(x.grad!.tolist(), [2, 2]);
});

test('autograd.grad returns gradients without touching .grad, and supports double backward', () => {
  const x = t([1, 2, 3], true);
  const y = x.pow(3).sum();
  const [g] = torch.autograd.grad(y, x, undefined, undefined, true);
  close(g!.tolist(), [3, 12, 27]);
  assert.equal(x.grad, null);
  const [gg] = torch.autograd.grad(g!.sum(), x);
  close(gg!.tolist(), [6, 12, 18]);
  assert.throws(() => torch.autograd.grad(x.mul(2).sum(), t([1], true)), /appears to not have been used in the graph/);
});

test('no_grad and set_grad_enabled stop recording', () => {
  const x = t([1, 2], true);
  const y = torch.no_grad(() => x.mul(2));
  assert.equal(y.requires_grad, false);
  assert.equal(y.grad_fn, null);
  torch.set_grad_enabled(false);
  try { assert.equal(x.add(1).requires_grad, false); } finally { torch.set_grad_enabled(true); }
  assert.equal(x.add(1).requires_grad, true);
  assert.equal(torch.inference_mode(() => x.mul(2)).requires_grad, false);
});

test('requires_grad rules', () => {
  assert.throws(() => torch.tensor([1, 2]).requires_grad_(), /only Tensors of floating point dtype can require gradients/);
  const x = t([1], true);
  assert.throws(() => { x.mul(2).requires_grad = false; }, /you can only change requires_grad flags of leaf variables/);
  assert.equal(x.detach().requires_grad, false);
});

test('broadcast gradients are summed back to input shapes', () => {
  const a = t([[1, 2, 3], [4, 5, 6]], true);
  const b = t([10, 20, 30], true);
  a.mul(b).sum().backward();
  close(b.grad!.tolist(), [5, 7, 9]);
  close(a.grad!.tolist(), [[10, 20, 30], [10, 20, 30]]);
});

test('meta tensors carry shapes and graphs without data', () => {
  const x = torch.ones([2, 3], { device: 'meta', requires_grad: true });
  const y = x.mul(2).sum(1);
  assert.deepEqual(y.shape, [2]);
  assert.equal(y.device, 'meta');
  assert.equal(y.grad_fn!.name(), 'SumBackward1');
  assert.throws(() => y.sum().item(), /Tensor.item\(\) cannot be called on meta tensors/);
  assert.throws(() => x.add(torch.ones([4], { device: 'meta' })), /The size of tensor a \(3\) must match the size of tensor b \(4\) at non-singleton dimension 1/);
});
