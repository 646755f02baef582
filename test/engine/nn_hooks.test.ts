// Module hooks: forward pre-hooks (input replacement, the single-value wrapping rule, with_kwargs),
// forward hooks (output replacement, always_call), full backward (pre-)hooks with real gradients
// compared to PyTorch, handle.remove(), prepend order and the global module hooks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn, torch, type Tensor } from '../../src/engine';
import { golden, throwsLikeTorch, type HookRun } from './nn_helpers';

type Module = InstanceType<typeof nn.Module>;
type Grad = Tensor | null;

class AddArgs extends nn.Module {
  static override pyName = 'AddArgs';
  override forward(...xs: number[]): number { return xs.reduce((a, b) => a + b, 0); }
}
class KwModule extends nn.Module {
  override _forward(args: unknown[], kwargs: Record<string, unknown>): unknown {
    return (args[0] as number) * ((kwargs.scale as number) ?? 1);
  }
}

test('forward pre-hook sees the args tuple and may replace it; a single value is wrapped into a tuple', () => {
  const m = new AddArgs();
  const seen: unknown[][] = [];
  const h1 = m.register_forward_pre_hook((_m, args) => { seen.push(args); return undefined; });
  assert.equal(m.call(1, 2), 3);
  assert.deepEqual(seen, [[1, 2]]);
  const h2 = m.register_forward_pre_hook(() => 10); // not a tuple: becomes (10,)
  assert.equal(m.call(1, 2), 10);
  h2.remove();
  const h3 = m.register_forward_pre_hook((_m, args) => [...(args as number[]), 100]);
  assert.equal(m.call(1, 2), 103);
  h3.remove();
  h1.remove();
  assert.equal(m.call(1, 2), 3);
  assert.equal(m._forward_pre_hooks.size, 0);
});

test('forward pre-hook with_kwargs gets and returns (args, kwargs)', () => {
  const m = new KwModule();
  m.register_forward_pre_hook((_m, args, kwargs) => [args, { ...kwargs, scale: 5 }], { with_kwargs: true });
  assert.equal(m._call_impl([2], { scale: 3 }), 10);
  throwsLikeTorch('pre_hook_bad_kwargs', () => {
    const l = new nn.Linear(1, 1);
    l.register_forward_pre_hook(() => 5, { with_kwargs: true });
    l.call(torch.zeros([1, 1]));
  });
});

test('forward hook sees (args, output) and may replace the output; direct forward() skips hooks', () => {
  const m = new AddArgs();
  const log: string[] = [];
  m.register_forward_hook((_m, args, out) => { log.push(`a ${JSON.stringify(args)} -> ${String(out)}`); });
  m.register_forward_hook((_m, _a, out) => (out as number) * 2);
  m.register_forward_hook((_m, _a, out) => { log.push(`c sees ${String(out)}`); }, { prepend: true });
  assert.equal(m.call(1, 2), 6);
  assert.deepEqual(log, ['c sees 3', 'a [1,2] -> 3']);
  assert.equal(m.forward(1, 2), 3);
  const k = new KwModule();
  k.register_forward_hook((_m, args, kwargs, out) => `${JSON.stringify(args)} ${JSON.stringify(kwargs)} ${String(out)}`, { with_kwargs: true });
  assert.equal(k._call_impl([2], { scale: 4 }), '[2] {"scale":4} 8');
});

test('always_call forward hooks run even when forward raises', () => {
  class Boom extends nn.Module { override forward(): never { throw new Error('boom'); } }
  const m = new Boom();
  const ran: string[] = [];
  m.register_forward_hook(() => { ran.push('always'); }, { always_call: true });
  m.register_forward_hook(() => { ran.push('normal'); });
  assert.throws(() => m.call(), /boom/);
  assert.deepEqual(ran, ['always']);
});

test('hooks on a submodule capture intermediate activations (feature extraction)', () => {
  const net = new nn.Sequential(new nn.Linear(4, 3), new nn.Identity(), new nn.Linear(3, 2));
  const acts = new Map<string, number[]>();
  for (const [name, m] of net.named_children()) m.register_forward_hook((_m, _a, out) => { acts.set(name, (out as Tensor).shape); });
  net.call(torch.ones([5, 4]));
  assert.deepEqual([...acts], [['0', [5, 3]], ['1', [5, 3]], ['2', [5, 2]]]);
});

const lists = (gs: Grad[]) => gs.map((g) => (g === null ? null : g.tolist()));
function close(a: unknown, b: unknown, path = ''): void {
  if (Array.isArray(b)) { assert.ok(Array.isArray(a), path); (b as unknown[]).forEach((v, i) => close((a as unknown[])[i], v, `${path}[${i}]`)); return; }
  if (b === null) { assert.equal(a, null, path); return; }
  assert.ok(Math.abs((a as number) - (b as number)) < 1e-5, `${path}: ${String(a)} vs ${String(b)}`);
}

function run(o: { scaleIn?: number; scaleOut?: number; xRequiresGrad?: boolean } = {}): HookRun {
  const { W, B, X, C } = golden.hooks.inputs;
  const m = new nn.Linear(3, 2);
  torch.no_grad(() => { m.weight.copy_(torch.tensor(W)); m.bias!.copy_(torch.tensor(B)); });
  const seen: Partial<HookRun> = {};
  m.register_full_backward_hook((_m, gi, go) => {
    seen.grad_input = lists(gi) as never; seen.grad_output = lists(go) as never;
    return o.scaleIn === undefined ? undefined : gi.map((g) => (g === null ? null : g.mul(o.scaleIn!)));
  });
  m.register_full_backward_pre_hook((_m, go) => {
    seen.pre_grad_output = lists(go) as never;
    return o.scaleOut === undefined ? undefined : go.map((g) => g!.mul(o.scaleOut!));
  });
  const x = torch.tensor(X, { requires_grad: o.xRequiresGrad ?? true });
  const y = m.call(x) as Tensor;
  seen.y_grad_fn = y.grad_fn!.name();
  y.mul(torch.tensor(C)).sum().backward();
  seen.x_grad = x.grad === null ? null : (x.grad.tolist() as number[][]);
  seen.weight_grad = m.weight.grad!.tolist() as number[][];
  seen.bias_grad = m.bias!.grad!.tolist() as number[];
  return seen as HookRun;
}

for (const [name, opts] of [['plain', {}], ['scale_in', { scaleIn: 2 }], ['scale_out', { scaleOut: 3 }], ['no_input_grad', { xRequiresGrad: false }]] as const) {
  test(`full backward hooks match PyTorch: ${name}`, () => {
    const got = run(opts);
    const want = golden.hooks[name];
    assert.equal(got.y_grad_fn, want.y_grad_fn);
    for (const k of ['grad_input', 'grad_output', 'pre_grad_output', 'x_grad', 'weight_grad', 'bias_grad'] as const) close(got[k], want[k], k);
  });
}

test('backward hook errors: wrong grad_input count, mixing hook kinds', () => {
  throwsLikeTorch('backward_hook_count', () => {
    const m = new nn.Linear(2, 2);
    m.register_full_backward_hook((_m, gi) => [gi[0], gi[0]]);
    (m.call(torch.ones([1, 2], { requires_grad: true })) as Tensor).sum().backward();
  });
  throwsLikeTorch('mixed_backward_hooks', () => {
    const m = new nn.Linear(2, 2);
    m.register_backward_hook(() => undefined);
    m.register_full_backward_hook(() => undefined);
  });
});

test('removed backward hooks stop firing; the legacy register_backward_hook fires on the output node', () => {
  const m = new nn.Linear(2, 2);
  let n = 0;
  const h = m.register_full_backward_hook(() => { n++; });
  const x = torch.ones([1, 2], { requires_grad: true });
  (m.call(x) as Tensor).sum().backward();
  h.remove();
  (m.call(x) as Tensor).sum().backward();
  assert.equal(n, 1);
  const legacy = new nn.Linear(2, 2);
  let fired = 0;
  legacy.register_backward_hook(() => { fired++; });
  (legacy.call(x) as Tensor).sum().backward();
  assert.equal(fired, 1);
});

test('global module hooks fire for every module, before the module\'s own hooks', () => {
  const order: string[] = [];
  const g1 = nn.modules.module.register_module_forward_pre_hook((m: Module) => { order.push(`gpre ${m._get_name()}`); });
  const g2 = nn.modules.module.register_module_forward_hook((m: Module) => { order.push(`ghook ${m._get_name()}`); });
  const lin = new nn.Linear(2, 2);
  lin.register_forward_hook(() => { order.push('own'); });
  try {
    new nn.Sequential(lin).call(torch.ones([1, 2]));
  } finally {
    g1.remove();
    g2.remove();
  }
  assert.deepEqual(order, ['gpre Sequential', 'gpre Linear', 'ghook Linear', 'own', 'ghook Sequential']);
  order.length = 0;
  lin.call(torch.ones([1, 2]));
  assert.deepEqual(order, ['own']);
});
