// nn.utils.parametrize / parametrizations.weight_norm / .spectral_norm, the deprecated hook forms
// (nn.utils.weight_norm, nn.utils.spectral_norm) and nn.utils.prune against PyTorch
// (test/golden/nn_tail_utils.json from gen_nn_tail_utils.py): state_dict keys, reprs, values,
// gradients, the power-iteration buffers drawn from the seeded generator, and error messages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nn, torch, TorchError, type Tensor } from '../../src/engine';
import { no_grad } from '../../src/engine/autograd/grad_mode';
import { assertTensorClose, tensorOf, type TensorSpec } from './check_op';

type Module = InstanceType<typeof nn.Module>;
interface Snapshot { repr: string; keys: string[]; params: Record<string, TensorSpec>; buffers: Record<string, TensorSpec> }
interface Step { mode: string; x: TensorSpec; y: TensorSpec; up: TensorSpec; grads: Record<string, TensorSpec>; buffers: Record<string, TensorSpec> }
interface Case {
  params: Record<string, TensorSpec>; after: Snapshot; again?: Snapshot; removed?: Snapshot; steps: Step[];
  weight?: TensorSpec; weight_grad_fn?: string; is_parametrized?: boolean[]; is_pruned?: boolean; is_pruned_after?: boolean;
}
const golden = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'nn_tail_utils.json'), 'utf8')) as {
  cases: Record<string, Case>; errors: Record<string, { type: string; message: string }>;
};
const U = nn.utils;
const TOL = { rtol: 1e-4, atol: 1e-5 };

/** The TS twin of the generator's Symmetric parametrization. */
class Symmetric extends nn.Module {
  static override pyName = 'Symmetric';
  override forward(X: Tensor): Tensor { return X.triu().add(X.triu(1).transpose(-1, -2)); }
}

/** A fresh module holding the generator's initial parameters. */
function load<M extends Module>(m: M, c: Case): M {
  no_grad(() => { for (const [n, p] of m.named_parameters()) p.copy_(tensorOf(c.params[n])); });
  return m;
}

function checkSnapshot(m: Module, s: Snapshot, what: string): void {
  assert.equal(m.__repr__(), s.repr, `${what}: repr`);
  assert.deepEqual([...m.state_dict().keys()], s.keys, `${what}: state_dict keys`);
  assert.deepEqual([...m.named_parameters()].map(([n]) => n), Object.keys(s.params), `${what}: parameter names`);
  for (const [n, p] of m.named_parameters()) assertTensorClose(p, s.params[n], `${what}: ${n}`, TOL);
  for (const [n, b] of m.named_buffers()) assertTensorClose(b, s.buffers[n], `${what}: buffer ${n}`, TOL);
}

function checkStep(m: Module, st: Step, what: string): void {
  m.train(st.mode === 'train');
  const y = m.call(tensorOf(st.x)) as Tensor;
  assertTensorClose(y, st.y, `${what}: output`, TOL);
  y.backward(tensorOf(st.up));
  for (const [n, p] of m.named_parameters()) {
    if (st.grads[n]) assertTensorClose(p.grad!, st.grads[n], `${what}: ${n}.grad`, TOL);
    else assert.equal(p.grad, null, `${what}: ${n} should get no grad`);
  }
  for (const [n, b] of m.named_buffers()) assertTensorClose(b, st.buffers[n], `${what}: buffer ${n}`, TOL);
  m.zero_grad(true);
}

const C = golden.cases;
describe('nn.utils.parametrizations', () => {
  it('weight_norm on Linear: originals, fused node, values, grads, removal', () => {
    const c = C.weight_norm_linear;
    const m = U.parametrizations.weight_norm(load(new nn.Linear(3, 4), c));
    checkSnapshot(m, c.after, 'after');
    const w = m._getattr('weight') as Tensor;
    assertTensorClose(w, c.weight!, 'weight', TOL);
    assert.equal(w.grad_fn?.name(), c.weight_grad_fn);
    checkStep(m, c.steps[0], 'step');
    U.parametrize.remove_parametrizations(m, 'weight');
    checkSnapshot(m, c.removed!, 'removed');
    assert.ok(m instanceof nn.Linear);
  });
  it('weight_norm with dim=1 on Conv1d (the composite path)', () => {
    const c = C.weight_norm_conv_dim1;
    const m = U.parametrizations.weight_norm(load(new nn.Conv1d(2, 3, 2), c), 'weight', 1);
    checkSnapshot(m, c.after, 'after');
    assert.equal((m._getattr('weight') as Tensor).grad_fn?.name(), c.weight_grad_fn);
    checkStep(m, c.steps[0], 'step');
  });
  it('spectral_norm on Linear: seeded u, v, power iteration in train only', () => {
    const c = C.spectral_norm_linear;
    const m = load(new nn.Linear(4, 3), c);
    torch.manual_seed(5);
    U.parametrizations.spectral_norm(m);
    checkSnapshot(m, c.after, 'after');
    c.steps.forEach((st, i) => checkStep(m, st, `step ${i} (${st.mode})`));
  });
  it('spectral_norm on ConvTranspose2d normalises along dim 1', () => {
    const c = C.spectral_norm_convT;
    const m = load(new nn.ConvTranspose2d(2, 3, 2), c);
    torch.manual_seed(6);
    U.parametrizations.spectral_norm(m);
    checkSnapshot(m, c.after, 'after');
    checkStep(m, c.steps[0], 'step');
  });
});

describe('nn.utils.parametrize', () => {
  it('a user parametrization: repr, is_parametrized, values, remove without leaving it parametrized', () => {
    const c = C.symmetric;
    const m = U.parametrize.register_parametrization(load(new nn.Linear(3, 3), c), 'weight', new Symmetric());
    checkSnapshot(m, c.after, 'after');
    assertTensorClose(m._getattr('weight') as Tensor, c.weight!, 'weight', TOL);
    const P = U.parametrize;
    assert.deepEqual([P.is_parametrized(m), P.is_parametrized(m, 'weight'), P.is_parametrized(m, 'bias')], c.is_parametrized);
    checkStep(m, c.steps[0], 'step');
    P.remove_parametrizations(m, 'weight', false);
    checkSnapshot(m, c.removed!, 'removed');
  });
  it('assigning to a parametrized name goes through right_inverse', () => {
    const m = U.parametrizations.weight_norm(new nn.Linear(2, 3));
    const target = torch.tensor([[1, 2], [3, 4], [0, 5]], { dtype: 'float32' });
    m.__setattr__('weight', target);
    assertTensorClose(m._getattr('weight') as Tensor, { shape: [3, 2], dtype: 'float32', data: [1, 2, 3, 4, 0, 5] }, 'weight', TOL);
  });
});

describe('nn.utils.parametrize extras', () => {
  it('cached() computes each parametrized tensor once inside the block', () => {
    const m = U.parametrizations.weight_norm(new nn.Linear(2, 3));
    const P = U.parametrize;
    const [a, b] = P.cached(() => [m._getattr('weight'), m._getattr('weight')]) as Tensor[];
    assert.equal(a, b);
    assert.notEqual(m._getattr('weight'), m._getattr('weight'));
  });
  it('a checkpoint of the hook form (weight_g, weight_v) loads into the parametrization', () => {
    const old = U.weight_norm(new nn.Linear(3, 2));
    const neu = U.parametrizations.weight_norm(new nn.Linear(3, 2));
    neu.load_state_dict(old.state_dict());
    assert.deepEqual((neu._getattr('weight') as Tensor).tolist(), (old._getattr('weight') as Tensor).tolist());
  });
});

describe('nn.utils deprecated hook forms', () => {
  it('weight_norm: weight_g / weight_v, forward pre-hook, remove_weight_norm', () => {
    const c = C.legacy_weight_norm;
    const m = U.weight_norm(load(new nn.Linear(3, 4), c));
    checkSnapshot(m, c.after, 'after');
    checkStep(m, c.steps[0], 'step');
    U.remove_weight_norm(m);
    checkSnapshot(m, c.removed!, 'removed');
  });
  it('spectral_norm: weight_orig / weight_u / weight_v, remove_spectral_norm', () => {
    const c = C.legacy_spectral_norm;
    const m = load(new nn.Linear(4, 3), c);
    torch.manual_seed(9);
    U.spectral_norm(m);
    checkSnapshot(m, c.after, 'after');
    c.steps.forEach((st, i) => checkStep(m, st, `step ${i} (${st.mode})`));
    U.remove_spectral_norm(m);
    checkSnapshot(m, c.removed!, 'removed');
  });
});

describe('nn.utils.prune', () => {
  it('l1_unstructured twice (fraction, then a count of the remaining), then remove', () => {
    const c = C.prune_l1;
    const m = U.prune.l1_unstructured(load(new nn.Linear(5, 4), c), 'weight', 0.3);
    checkSnapshot(m, c.after, 'after');
    U.prune.l1_unstructured(m, 'weight', 3);
    checkSnapshot(m, c.again!, 'again');
    assert.equal(U.prune.is_pruned(m), c.is_pruned);
    checkStep(m, c.steps[0], 'step');
    U.prune.remove(m, 'weight');
    checkSnapshot(m, c.removed!, 'removed');
    assert.equal(U.prune.is_pruned(m), c.is_pruned_after);
  });
  it('random_unstructured draws the same mask as PyTorch from the seeded generator', () => {
    const c = C.prune_random;
    const m = load(new nn.Linear(4, 3), c);
    torch.manual_seed(12);
    U.prune.random_unstructured(m, 'bias', 0.5);
    torch.manual_seed(13);
    U.prune.random_unstructured(m, 'weight', 0.25);
    checkSnapshot(m, c.after, 'after');
    checkStep(m, c.steps[0], 'step');
  });
});

const ERRORS: Record<string, () => unknown> = {
  remove_not_parametrized: () => U.parametrize.remove_parametrizations(new nn.Linear(2, 2), 'weight'),
  register_missing: () => U.parametrize.register_parametrization(new nn.Linear(2, 2), 'foo', new Symmetric()),
  prune_remove_unpruned: () => U.prune.remove(new nn.Linear(2, 2), 'weight'),
  prune_amount: () => U.prune.l1_unstructured(new nn.Linear(2, 2), 'weight', 1.5),
  prune_amount_count: () => U.prune.l1_unstructured(new nn.Linear(2, 2), 'weight', 5),
  legacy_weight_norm_twice: () => U.weight_norm(U.weight_norm(new nn.Linear(2, 2))),
  remove_weight_norm_missing: () => U.remove_weight_norm(new nn.Linear(2, 2)),
};
describe('nn.utils: PyTorch error messages', () => {
  it('covers every fixture error', () => assert.deepEqual(Object.keys(ERRORS).sort(), Object.keys(golden.errors).sort()));
  for (const [name, want] of Object.entries(golden.errors)) {
    it(name, () => assert.throws(ERRORS[name], (e: unknown) => {
      assert.ok(e instanceof TorchError, `expected a TorchError, got ${String(e)}`);
      assert.equal(e.message, want.message);
      assert.equal(e.kind, want.type);
      return true;
    }));
  }
});
