// nn.init against PyTorch: gains and fans, error texts, seeded values (same generator stream),
// statistics of large draws against the documented formulas, and meta-device no-ops — a 7B-parameter
// model builds on meta in well under a second without allocating.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn, torch, type Tensor } from '../../src/engine';
import { golden, throwsLikeTorch } from './nn_helpers';

const init = nn.init;

function close(a: unknown, b: unknown, tol = 1e-5, path = ''): void {
  if (Array.isArray(b)) { (b as unknown[]).forEach((v, i) => close((a as unknown[])[i], v, tol, `${path}[${i}]`)); return; }
  assert.ok(Math.abs((a as number) - (b as number)) <= tol, `${path}: ${String(a)} vs ${String(b)}`);
}
const stats = (t: Tensor) => {
  const d = Array.from(t.contiguous()._data());
  const mean = d.reduce((s, v) => s + v, 0) / d.length;
  const std = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (d.length - 1));
  return { mean, std, min: d.reduce((a, b) => Math.min(a, b)), max: d.reduce((a, b) => Math.max(a, b)) };
};

test('calculate_gain and fan computation match PyTorch', () => {
  for (const [k, v] of Object.entries(golden.gains)) {
    const [name, param] = k.startsWith('leaky_relu_') ? ['leaky_relu', Number(k.slice(11))] : [k, null];
    assert.equal(init.calculate_gain(name, param), v, k);
  }
  assert.deepEqual(init._calculate_fan_in_and_fan_out(torch.zeros([8, 3, 5, 5])), golden.fans.conv);
  assert.deepEqual(init._calculate_fan_in_and_fan_out(torch.zeros([7, 4])), golden.fans.linear);
});

test('init errors use PyTorch\'s wording', () => {
  throwsLikeTorch('fan_1d', () => init._calculate_fan_in_and_fan_out(torch.zeros([3])));
  throwsLikeTorch('gain_bad', () => init.calculate_gain('swish'));
  throwsLikeTorch('fan_mode_bad', () => init.kaiming_uniform_(torch.zeros([2, 2]), 0, 'fan_avg'));
  throwsLikeTorch('eye_3d', () => init.eye_(torch.zeros([2, 2, 2])));
  throwsLikeTorch('dirac_2d', () => init.dirac_(torch.zeros([2, 2])));
  throwsLikeTorch('dirac_groups', () => init.dirac_(torch.zeros([3, 2, 3]), 2));
  throwsLikeTorch('orthogonal_1d', () => init.orthogonal_(torch.zeros([3])));
});

test('seeded initialisers reproduce PyTorch\'s values', () => {
  const s = golden.seeded;
  torch.manual_seed(1);
  close(init.kaiming_normal_(torch.empty([3, 4]), 0, 'fan_out', 'relu').tolist(), s.kaiming_normal_3_4);
  torch.manual_seed(2);
  close(init.xavier_uniform_(torch.empty([2, 5]), init.calculate_gain('tanh')).tolist(), s.xavier_uniform_2_5);
  torch.manual_seed(3);
  close(init.orthogonal_(torch.empty([4, 3])).tolist(), s.orthogonal_4_3, 1e-4);
  torch.manual_seed(3);
  close(init.orthogonal_(torch.empty([2, 6]), 2.0).tolist(), s.orthogonal_2_6, 1e-4);
  torch.manual_seed(4);
  close(init.trunc_normal_(torch.empty([50]), 0, 0.02).tolist(), s.trunc_normal_50);
  torch.manual_seed(5);
  close(init.trunc_normal_(torch.empty([20]), 0, 1, 2, 3).tolist(), s.trunc_normal_tail_20);
  assert.deepEqual(init.dirac_(torch.empty([4, 2, 3]), 2).tolist(), s.dirac_4_2_3_g2);
  assert.deepEqual(init.eye_(torch.empty([2, 3])).tolist(), s.eye_2_3);
});

test('large draws follow the documented distributions', () => {
  torch.manual_seed(0);
  const w = torch.empty([256, 512]);
  const fanIn = 512;
  const bound = init.calculate_gain('leaky_relu', 0) * Math.sqrt(3 / fanIn); // kaiming_uniform_: gain·√(3/fan)
  const ku = stats(init.kaiming_uniform_(w));
  assert.ok(ku.min >= -bound && ku.max <= bound && ku.max > 0.99 * bound, `bound ${bound}: ${ku.min}..${ku.max}`);
  close(ku.std, bound / Math.sqrt(3), 0.01 * bound);
  const kn = stats(init.kaiming_normal_(w, 0, 'fan_out', 'relu'));
  close(kn.std, Math.sqrt(2) / Math.sqrt(256), 0.01 * kn.std);
  close(kn.mean, 0, 0.003);
  const xn = stats(init.xavier_normal_(w, 2));
  close(xn.std, 2 * Math.sqrt(2 / (256 + 512)), 0.01 * xn.std);
  const xa = 2 * Math.sqrt(6 / (256 + 512));
  const xu = stats(init.xavier_uniform_(w, 2));
  assert.ok(xu.min >= -xa && xu.max <= xa);
  const tn = stats(init.trunc_normal_(w, 1, 2, -1, 2));
  assert.ok(tn.min >= -1 && tn.max <= 2);
  const n = stats(init.normal_(w, 3, 0.5));
  close(n.mean, 3, 0.01);
  close(n.std, 0.5, 0.01);
  const u = stats(init.uniform_(w, -2, 4));
  assert.ok(u.min >= -2 && u.max < 4);
  close(u.mean, 1, 0.02);
  assert.ok(stats(init.constant_(w, 0.25)).min === 0.25 && stats(init.ones_(w)).max === 1 && stats(init.zeros_(w)).max === 0);
  // orthogonal_: the rows of a wide matrix are orthonormal (Q Qᵀ = I, times gain²).
  const q = init.orthogonal_(torch.empty([16, 64]), 3);
  const qq = q.matmul(q.t()).tolist() as number[][];
  qq.forEach((row, i) => row.forEach((v, j) => close(v, i === j ? 9 : 0, 1e-3)));
});

test('initialisers leave a parameter a leaf that requires grad (they run under no_grad)', () => {
  const p = new nn.Parameter(torch.empty([4, 4]));
  init.kaiming_uniform_(p, Math.sqrt(5));
  init.trunc_normal_(p);
  init.orthogonal_(p);
  init.constant_(p, 1);
  assert.ok(p.is_leaf && p.requires_grad && p.grad_fn === null);
});

test('a 7B-parameter model builds on meta quickly, allocating nothing', () => {
  class Block extends nn.Module {
    constructor() {
      super();
      for (const n of ['q_proj', 'k_proj', 'v_proj', 'o_proj']) this.__setattr__(n, new nn.Linear(4096, 4096, false));
      this.__setattr__('gate_proj', new nn.Linear(4096, 11008, false));
      this.__setattr__('up_proj', new nn.Linear(4096, 11008, false));
      this.__setattr__('down_proj', new nn.Linear(11008, 4096, false));
    }
    override forward(x: Tensor): Tensor {
      const f = (n: string, t: Tensor) => (this.__getattr__(n) as InstanceType<typeof nn.Linear>).call(t) as Tensor;
      const h = f('o_proj', f('q_proj', x));
      return f('down_proj', f('gate_proj', h).mul(f('up_proj', h)));
    }
  }
  class Model extends nn.Module {
    constructor() {
      super();
      this.__setattr__('layers', new nn.ModuleList(Array.from({ length: 32 }, () => new Block())));
      this.__setattr__('lm_head', new nn.Linear(4096, 32000, false));
    }
    override forward(x: Tensor): Tensor {
      for (const b of this.__getattr__('layers') as InstanceType<typeof nn.ModuleList>) x = b.call(x) as Tensor;
      return (this.__getattr__('lm_head') as InstanceType<typeof nn.Linear>).call(x) as Tensor;
    }
  }
  const prev = torch.get_default_device();
  torch.set_default_device('meta');
  const t0 = performance.now();
  let model: InstanceType<typeof nn.Module>;
  try {
    model = new Model();
  } finally {
    torch.set_default_device(prev);
  }
  const ms = performance.now() - t0;
  const params = [...model.parameters()];
  const total = params.reduce((s, p) => s + p.numel(), 0);
  assert.ok(total > 6.5e9, `total ${total}`);
  assert.ok(params.every((p) => p.device === 'meta' && p._box.data === null));
  assert.ok(ms < 1500, `built in ${ms.toFixed(0)} ms`);
  const y = model.call(torch.zeros([1, 7, 4096], { device: 'meta' })) as Tensor;
  assert.deepEqual(y.shape, [1, 7, 32000]);
  assert.equal(y.device, 'meta');
});
