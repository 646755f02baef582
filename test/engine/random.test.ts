// Random numbers: bit-exact streams against real PyTorch (test/golden/random.json, made by
// gen_random.py, replayed through random_recipes.ts), large-sample statistics, seeding and state,
// meta tensors (no draws), in-place samplers under autograd, and PyTorch's error messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { torch, type Tensor, TorchError } from '../../src/engine';
import { RECIPES, STATE_RECIPES } from './random_recipes';

interface Case { name: string; dtype: string; shape: number[]; values: number[] }
const golden = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'random.json'), 'utf8')) as {
  cases: Case[]; initial_seed: number; generator_initial_seed: number;
  states: { name: string; state: string; follow: number[] }[];
};

const flat = (t: Tensor): number[] => (t.reshape(-1).tolist() as (number | boolean)[]).map(Number);

for (const c of golden.cases) {
  test(`same stream as torch: ${c.name}`, () => {
    const t = RECIPES[c.name]();
    assert.equal(t.dtype, c.dtype);
    assert.deepEqual(t.shape, c.shape);
    const got = flat(t);
    if (c.dtype === 'float64') {
      // Same algorithm; V8's log/sin/cos may differ from glibc's in the last bit of a double.
      got.forEach((v, i) => assert.ok(Math.abs(v - c.values[i]) <= 4 * Number.EPSILON * Math.max(1, Math.abs(c.values[i])), `${c.name}[${i}]: ${v} vs ${c.values[i]}`));
    } else {
      assert.deepEqual(got, c.values);
    }
  });
}

test('every golden case has a recipe', () => {
  assert.deepEqual(Object.keys(RECIPES).sort(), golden.cases.map((c) => c.name).sort());
});

function stats(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  return { mean, variance };
}

test('large draws have the right moments', () => {
  torch.manual_seed(1234);
  const n = 200_000;
  const u = stats(flat(torch.rand([n])));
  assert.ok(Math.abs(u.mean - 0.5) < 0.005 && Math.abs(u.variance - 1 / 12) < 0.002, JSON.stringify(u));
  const z = stats(flat(torch.randn([n])));
  assert.ok(Math.abs(z.mean) < 0.01 && Math.abs(z.variance - 1) < 0.02, JSON.stringify(z));
  const z64 = stats(flat(torch.randn([n], { dtype: 'float64' })));
  assert.ok(Math.abs(z64.mean) < 0.01 && Math.abs(z64.variance - 1) < 0.02, JSON.stringify(z64));
  const zs = stats(flat(torch.empty([300, 400]).t().normal_(2, 3))); // non-contiguous: scalar path
  assert.ok(Math.abs(zs.mean - 2) < 0.05 && Math.abs(zs.variance - 9) < 0.2, JSON.stringify(zs));
  const e = stats(flat(torch.empty([n]).exponential_(4)));
  assert.ok(Math.abs(e.mean - 0.25) < 0.005 && Math.abs(e.variance - 1 / 16) < 0.003, JSON.stringify(e));
  const b = stats(flat(torch.empty([n]).bernoulli_(0.3)));
  assert.ok(Math.abs(b.mean - 0.3) < 0.005, JSON.stringify(b));
  const k = flat(torch.empty([n]).uniform_(-2, 6));
  assert.ok(k.every((v) => v >= -2 && v < 6));
  assert.ok(Math.abs(stats(k).mean - 2) < 0.05);
});

test('randint covers [low, high) uniformly; randperm is a permutation', () => {
  torch.manual_seed(7);
  const r = flat(torch.randint(-3, 7, [100_000]));
  const counts = new Map<number, number>();
  for (const v of r) counts.set(v, (counts.get(v) ?? 0) + 1);
  assert.deepEqual([...counts.keys()].sort((a, b) => a - b), [-3, -2, -1, 0, 1, 2, 3, 4, 5, 6]);
  for (const c of counts.values()) assert.ok(Math.abs(c - 10_000) < 500, String(c));
  const p = flat(torch.randperm(1000));
  assert.deepEqual([...p].sort((a, b) => a - b), [...Array(1000).keys()]);
  assert.notDeepEqual(p, [...Array(1000).keys()]);
});

test('multinomial frequencies follow the weights', () => {
  torch.manual_seed(3);
  const s = flat(torch.multinomial(torch.tensor([1, 2, 3, 4], { dtype: 'float32' }), 40_000, true));
  const freq = [0, 1, 2, 3].map((k) => s.filter((v) => v === k).length / s.length);
  freq.forEach((f, k) => assert.ok(Math.abs(f - (k + 1) / 10) < 0.01, `${k}: ${f}`));
  const noRepl = flat(torch.multinomial(torch.tensor([0.1, 0.2, 0.3, 0.4]), 4));
  assert.deepEqual([...noRepl].sort(), [0, 1, 2, 3]);
  const zeroWeight = flat(torch.multinomial(torch.tensor([0, 1, 0, 1], { dtype: 'float32' }), 2));
  assert.deepEqual([...zeroWeight].sort(), [1, 3]);
});

test('seeding reproduces streams; generators are independent', () => {
  torch.manual_seed(99);
  const a = flat(torch.randn([50]));
  torch.manual_seed(99);
  assert.deepEqual(flat(torch.randn([50])), a);
  assert.equal(torch.initial_seed(), 99);
  const g = new torch.Generator().manual_seed(99);
  torch.manual_seed(5);
  const before = flat(torch.rand([3]));
  assert.deepEqual(flat(torch.randn([50], { generator: g })), a);
  torch.manual_seed(5);
  assert.deepEqual(flat(torch.rand([3])), before, 'drawing from g leaves the default generator alone');
  assert.equal(new torch.Generator().initial_seed(), golden.generator_initial_seed);
  torch.manual_seed(123);
  assert.equal(torch.initial_seed(), golden.initial_seed);
  assert.equal(torch.manual_seed(2n ** 64n - 1n).initial_seed(), 2n ** 64n - 1n);
});

test('get_rng_state / set_rng_state restore the stream, cached normal included', () => {
  torch.manual_seed(11);
  torch.randn([3]); // leaves the second Box-Muller sample cached
  const state = torch.get_rng_state();
  assert.equal(state.dtype, 'uint8');
  const a = flat(torch.randn([5]));
  torch.rand([100]);
  torch.set_rng_state(state);
  assert.deepEqual(flat(torch.randn([5])), a);
  state.fill_(0);
  torch.set_rng_state(torch.get_rng_state()); // the returned tensor was a copy
  assert.throws(() => torch.set_rng_state(torch.zeros([5], { dtype: 'uint8' })), /RNG state size to be 5/);
});

test('rng states use PyTorch\'s byte layout: identical bytes, and real PyTorch states load', () => {
  const draw = () => [...flat(torch.randn([3])), ...flat(torch.rand([4]))];
  for (const s of golden.states) {
    const bytes = [...Buffer.from(s.state, 'base64')];
    STATE_RECIPES[s.name]();
    const ours = torch.get_rng_state();
    assert.deepEqual(ours.shape, [5056]);
    assert.deepEqual(flat(ours), bytes, s.name);
    assert.deepEqual(draw(), s.follow, `${s.name}: draws after our state`);
    torch.manual_seed(999);
    torch.set_rng_state(torch.tensor(bytes, { dtype: 'uint8' }));
    assert.deepEqual(draw(), s.follow, `${s.name}: draws after loading PyTorch's state`);
  }
});

test('meta tensors get shapes only and consume no draws', () => {
  torch.manual_seed(0);
  const expected = flat(torch.rand([4]));
  torch.manual_seed(0);
  const m = torch.randn([2, 3], { device: 'meta' });
  assert.deepEqual([m.shape, m.device, m.dtype], [[2, 3], 'meta', 'float32']);
  assert.deepEqual(torch.randint(0, 5, [7], { device: 'meta' }).shape, [7]);
  assert.equal(torch.randperm(6, { device: 'meta' }).dtype, 'int64');
  const w = torch.empty([3, 3], { device: 'meta' });
  assert.equal(w.normal_().uniform_(-1, 1).bernoulli_(0.5).exponential_().random_(0, 3), w);
  assert.deepEqual(torch.multinomial(torch.ones([2, 5], { device: 'meta' }), 3).shape, [2, 3]);
  assert.deepEqual(torch.normal(torch.zeros([4], { device: 'meta' }), 1).shape, [4]);
  assert.deepEqual(flat(torch.rand([4])), expected);
});

test('in-place samplers under autograd', () => {
  const leaf = torch.zeros([3], { requires_grad: true });
  assert.throws(() => leaf.normal_(), /a leaf Variable that requires grad is being used in an in-place operation/);
  torch.no_grad(() => leaf.uniform_(-1, 1)); // nn.init's pattern
  assert.ok(flat(leaf).every((v) => v >= -1 && v < 1));
  assert.equal(leaf._version, 1);
  const y = leaf.mul(2);
  y.normal_();
  assert.equal(y.grad_fn?.name(), 'NormalBackward0');
  y.sum().backward();
  assert.deepEqual(flat(leaf.grad!), [0, 0, 0]);
  for (const [op, name] of [[(t: Tensor) => t.uniform_(), 'UniformBackward0'], [(t: Tensor) => t.bernoulli_(0.5), 'BernoulliBackward2'],
    [(t: Tensor) => t.exponential_(), 'ExponentialBackward0'], [(t: Tensor) => t.random_(0, 4), 'RandomBackward2']] as const) {
    assert.equal(op(leaf.mul(1)).grad_fn?.name(), name);
  }
  const mean = torch.tensor([1.5, 2.5], { requires_grad: true });
  const s = torch.normal(mean, 0.5);
  assert.equal(s.grad_fn?.name(), 'NormalBackward1');
  s.sum().backward();
  assert.deepEqual(flat(mean.grad!), [0, 0]);
  assert.equal(torch.rand([2], { requires_grad: true }).requires_grad, true);
});

function throwsTorch(fn: () => unknown, kind: string, message: string): void {
  assert.throws(fn, (e: unknown) => e instanceof TorchError && e.kind === kind && e.message === message);
}

test('errors use PyTorch wording', () => {
  throwsTorch(() => torch.rand([3], { dtype: 'int64' }), 'NotImplementedError', `"check_uniform_bounds" not implemented for 'Long'`);
  throwsTorch(() => torch.randn([3], { dtype: 'int64' }), 'NotImplementedError', `"normal_kernel_cpu" not implemented for 'Long'`);
  throwsTorch(() => torch.zeros([3], { dtype: 'int64' }).normal_(), 'NotImplementedError', `"normal_kernel_cpu" not implemented for 'Long'`);
  throwsTorch(() => torch.zeros([3], { dtype: 'int64' }).exponential_(), 'RuntimeError', 'Exponential distribution is a continuous probability distribution. dtype must be a floating point but you specified Long');
  throwsTorch(() => torch.zeros([3]).uniform_(1, 0), 'RuntimeError', 'uniform_ expects to return a [from, to) range, but found from=1 > to=0');
  throwsTorch(() => torch.zeros([3]).normal_(0, -1), 'RuntimeError', 'normal expects std >= 0.0, but found std -1');
  throwsTorch(() => torch.normal(torch.zeros([3]), torch.ones([3]).neg()), 'RuntimeError', 'normal expects all elements of std >= 0.0');
  throwsTorch(() => torch.randint(5, 5, [3]), 'RuntimeError', `random_ expects 'from' to be less than 'to', but got from=5 >= to=5`);
  throwsTorch(() => torch.randperm(-1), 'RuntimeError', 'Trying to create tensor with negative dimension -1: [-1]');
  throwsTorch(() => torch.zeros([3]).exponential_(0), 'RuntimeError', 'exponential_ expects lambda > 0.0, but found lambda=0');
  throwsTorch(() => torch.zeros([3]).bernoulli_(1.5), 'RuntimeError', 'bernoulli_ expects p to be in [0, 1], but got p=1.5');
  throwsTorch(() => torch.multinomial(torch.tensor([1, 2]), 1), 'RuntimeError', 'multinomial only supports floating-point dtypes for input, got: Long');
  throwsTorch(() => torch.multinomial(torch.tensor([1.5, 2]), 3), 'RuntimeError', 'cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  throwsTorch(() => torch.multinomial(torch.tensor([1.5, 2]), 0), 'RuntimeError', 'cannot sample n_sample <= 0 samples');
  throwsTorch(() => torch.multinomial(torch.tensor([-1.5, 2]), 1, true), 'RuntimeError', 'probability tensor contains either `inf`, `nan` or element < 0');
  throwsTorch(() => torch.multinomial(torch.zeros([2]), 1, true), 'RuntimeError', 'invalid multinomial distribution (sum of probabilities <= 0)');
  throwsTorch(() => torch.multinomial(torch.zeros([2, 2, 2]), 1, true), 'RuntimeError', 'prob_dist must be 1 or 2 dim');
  throwsTorch(() => torch.manual_seed(2n ** 64n), 'ValueError', 'Overflow when unpacking long long');
});
