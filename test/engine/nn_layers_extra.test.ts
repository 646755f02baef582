// The rest of the layer fixtures (layers_misc.json): PyTorch's error messages for layer and functional
// misuse, reprs, seeded default init, one_hot; plus statistics of default init and of dropout masks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nn, torch, TorchError, type Tensor } from '../../src/engine';
import { assertTensorClose, type TensorSpec } from './check_op';
import { loadLayers, type LayerFile } from './nn_layers_harness';
import { memory } from '../../src/engine/backend';
import { LAYER_ARGS, FUNCTIONAL_ARGS } from '../../src/engine/nn';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const F = nn.functional;
const misc = loadLayers<LayerFile & {
  errors: Record<string, { type: string; message: string }>;
  reprs: Record<string, string>;
  seeded: Record<string, Record<string, TensorSpec>>;
  one_hot: Record<string, unknown>;
}>('misc');

const z = (...shape: number[]) => torch.zeros(shape);
const long = (v: number[]) => torch.tensor(v, { dtype: 'int64' });

const ERRORS: Record<string, () => unknown> = {
  conv2d_5d: () => F.conv2d(z(1, 28, 28, 1, 1), z(6, 1, 5, 5)),
  conv2d_channels: () => new nn.Conv2d(3, 6, 5).call(z(1, 1, 32, 32)),
  conv2d_kernel_too_big: () => new nn.Conv2d(3, 6, 5).call(z(1, 3, 2, 2)),
  conv2d_same_strided: () => new nn.Conv2d(3, 6, 3, 2, 'same'),
  conv_groups_in: () => new nn.Conv2d(3, 6, 3, 1, 0, 1, 2),
  convT_padding_mode: () => new nn.ConvTranspose2d(3, 6, 3, 1, 0, 0, 1, true, 1, 'reflect'),
  conv1d_2d_input: () => F.conv1d(z(3), z(2, 3, 1)),
  bn_train_one_value: () => new nn.BatchNorm1d(3).call(z(1, 3)),
  bn2d_dim: () => new nn.BatchNorm2d(3).call(z(2, 3, 4)),
  bn1d_dim: () => new nn.BatchNorm1d(3).call(z(2, 3, 4, 5)),
  bn_running_mean_size: () => F.batch_norm(z(2, 3), z(4), torch.ones([4])),
  layernorm_shape: () => new nn.LayerNorm(5).call(z(2, 3, 4)),
  groupnorm_divisible: () => F.group_norm(z(2, 3, 5, 5), 2),
  groupnorm_ctor: () => new nn.GroupNorm(2, 3),
  dropout_p: () => new nn.Dropout(1.5),
  dropout1d_dims: () => F.dropout1d(z(2, 3, 4, 5)),
  embedding_index: () => new nn.Embedding(4, 3).call(long([5])),
  embedding_float_index: () => F.embedding(torch.tensor([1], { dtype: 'float32' }), z(4, 3)),
  one_hot_too_small: () => F.one_hot(long([5]), 3),
  one_hot_dtype: () => F.one_hot(torch.tensor([1], { dtype: 'float32' }), 3),
  pad_odd: () => F.pad(z(2, 3), [1, 2, 3]),
  pad_reflect_too_big: () => F.pad(z(1, 2, 3), [3, 3], 'reflect'),
  maxpool_output_small: () => F.max_pool2d(z(1, 1, 2, 2), 3),
  maxpool_pad_half: () => F.max_pool2d(z(1, 1, 6, 6), 2, 2, 2),
  prelu_mismatch: () => F.prelu(z(2, 3, 4), z(2)),
  bilinear_size: () => F.bilinear(z(2, 3), z(2, 4), z(5, 4, 4)),
  hardtanh_minmax: () => F.hardtanh(z(2), 1.0, -1.0),
  interpolate_align_nearest: () => F.interpolate(z(1, 1, 2, 2), null, 2, 'nearest', true),
  interpolate_linear_4d: () => F.interpolate(z(1, 1, 2, 2), null, 2, 'linear'),
  interpolate_no_size: () => F.interpolate(z(1, 1, 2, 2)),
  pixel_shuffle_channels: () => F.pixel_shuffle(z(1, 3, 2, 2), 2),
  instancenorm_spatial: () => new nn.InstanceNorm1d(3).call(z(2, 3, 1)),
  instancenorm_dim: () => new nn.InstanceNorm2d(3).call(z(2, 3)),
  instancenorm_features: () => new nn.InstanceNorm2d(3, 1e-5, 0.1, true).call(z(2, 4, 3, 3)),
};

describe('nn layers: PyTorch error messages', () => {
  it('covers every fixture error', () => assert.deepEqual(Object.keys(ERRORS).sort(), Object.keys(misc.errors).sort()));
  for (const [name, want] of Object.entries(misc.errors)) {
    it(name, () => {
      assert.ok(ERRORS[name], `no engine call for ${name}`);
      assert.throws(ERRORS[name], (e: unknown) => {
        assert.ok(e instanceof TorchError, `expected a TorchError, got ${String(e)}`);
        assert.equal(e.kind, want.type);
        assert.equal(e.message, want.message);
        return true;
      });
    });
  }
  it('the meta device raises the same shape errors', () => {
    const meta = torch.zeros([1, 1, 32, 32], { device: 'meta' });
    assert.throws(() => new nn.Conv2d(3, 6, 5).to('meta').call(meta), { message: misc.errors.conv2d_channels.message });
    assert.throws(() => F.conv2d(torch.zeros([1, 28, 28, 1, 1], { device: 'meta' }), torch.zeros([6, 1, 5, 5], { device: 'meta' })),
      { message: misc.errors.conv2d_5d.message });
  });
});

const REPRS: Record<string, () => { __repr__(): string }> = {
  lenet: () => new nn.Sequential(new nn.Conv2d(1, 6, 5), new nn.ReLU(), new nn.MaxPool2d(2), new nn.Conv2d(6, 16, 5), new nn.ReLU(),
    new nn.MaxPool2d(2, 2), new nn.Flatten(), new nn.Linear(256, 120), new nn.Dropout(0.2), new nn.Linear(120, 10), new nn.LogSoftmax(1)),
  conv_full: () => new nn.Conv2d(4, 8, [3, 5], [2, 1], [1, 2], 2, 2, false, 'circular'),
  conv_same: () => new nn.Conv1d(2, 3, 3, 1, 'same'),
  convT_full: () => new nn.ConvTranspose2d(4, 2, 3, 2, 1, 1, 2, true, 1),
  bn_momentum_none: () => new nn.BatchNorm2d(3, 1e-5, null),
  layernorm_tuple: () => new nn.LayerNorm([3, 4], 1e-6, false),
  embedding_full: () => new nn.Embedding(10, 3, -1, 2.0, 1.0, true, true),
  relu6_inplace: () => new nn.ReLU6(true),
  hardtanh_inplace: () => new nn.Hardtanh(-1, 1, true),
  adaptive_none: () => new nn.AdaptiveAvgPool2d([null, 7]),
  softmax_none: () => new nn.Softmax(),
  threshold_small: () => new nn.Threshold(1e-7, 0.0001),
  gelu_tanh: () => new nn.GELU('tanh'),
  unflatten_list: () => new nn.Unflatten(1, [2, 2, 2]),
  bn_nobias: () => new nn.BatchNorm2d(3, 1e-5, 0.1, true, true, { bias: false }),
  gn_nobias: () => new nn.GroupNorm(2, 4, 1e-5, true, { bias: false }),
  maxpool_tuple: () => new nn.MaxPool2d([2, 3], [1, 2], [1, 0], 1, false, true),
  avgpool1d: () => new nn.AvgPool1d(3),
  avgpool3d: () => new nn.AvgPool3d(2, 1, 1),
  adaptive_max: () => new nn.AdaptiveMaxPool2d([3, 4], true),
  prelu: () => new nn.PReLU(8),
  alpha_dropout: () => new nn.AlphaDropout(0.1),
  dropout2d_inplace: () => new nn.Dropout2d(0.25, true),
  leaky_inplace: () => new nn.LeakyReLU(0.2, true),
  celu: () => new nn.CELU(2.0),
  softplus: () => new nn.Softplus(0.5, 10.0),
  flatten: () => new nn.Flatten(0, -2),
  bilinear: () => new nn.Bilinear(2, 3, 4, false),
  instancenorm: () => new nn.InstanceNorm2d(8),
  instancenorm_affine: () => new nn.InstanceNorm3d(4, 1e-5, 0.1, true, true),
  zeropad: () => new nn.ZeroPad2d(2),
  constantpad: () => new nn.ConstantPad1d([1, 2], 0.5),
  reflectionpad: () => new nn.ReflectionPad2d([1, 0, 2, 3]),
  upsample_scale: () => new nn.Upsample(null, 2),
  upsample_size: () => new nn.Upsample([3, 4], null, 'bilinear'),
  upsample_tuple_scale: () => new nn.Upsample(null, [2, 1.5], 'nearest-exact'),
  upsampling_nearest: () => new nn.UpsamplingNearest2d(8),
  pixelshuffle: () => new nn.PixelShuffle(3),
};

describe('nn layers: reprs', () => {
  it('covers every fixture repr', () => assert.deepEqual(Object.keys(REPRS).sort(), Object.keys(misc.reprs).sort()));
  for (const [name, want] of Object.entries(misc.reprs)) it(name, () => assert.equal(REPRS[name]().__repr__(), want));
});

type Module = InstanceType<typeof nn.Module>;
const SEEDED: Record<string, () => Module> = {
  conv2d_3_4_3: () => new nn.Conv2d(3, 4, 3),
  conv1d_2_3_2_nobias: () => new nn.Conv1d(2, 3, 2, 1, 0, 1, 1, false),
  convT2d_2_3_2: () => new nn.ConvTranspose2d(2, 3, 2),
  bilinear_2_3_2: () => new nn.Bilinear(2, 3, 2),
  embedding_4_3_pad1: () => new nn.Embedding(4, 3, 1),
};

describe('nn layers: default initialisation', () => {
  for (const [name, want] of Object.entries(misc.seeded)) {
    it(`${name} draws PyTorch's values from the same seed`, () => {
      torch.manual_seed(7);
      const m = SEEDED[name]();
      assert.deepEqual([...m.named_parameters()].map(([n]) => n), Object.keys(want));
      for (const [n, p] of m.named_parameters()) assertTensorClose(p, want[n], n, { rtol: 1e-6, atol: 1e-7 });
    });
  }

  /** Values of U(-b, b): inside the bound, mean ≈ 0, std ≈ b/√3. */
  const checkUniform = (t: Tensor, bound: number, what: string) => {
    const v = Array.from(t.detach().reshape([-1])._contiguousData(), Number);
    assert.ok(v.every((x) => Math.abs(x) <= bound), `${what}: all within ±${bound}`);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    assert.ok(Math.abs(mean) < bound * 0.05, `${what}: mean ${mean}`);
    assert.ok(Math.abs(std / (bound / Math.sqrt(3)) - 1) < 0.05, `${what}: std ${std} vs ${bound / Math.sqrt(3)}`);
  };
  it('Conv2d: kaiming_uniform_(a=√5) weight and bias in ±1/√fan_in', () => {
    const c = new nn.Conv2d(16, 32, 3);
    checkUniform(c.weight, 1 / Math.sqrt(16 * 9), 'weight');
    assert.ok(Array.from(c.bias!._contiguousData(), Number).every((x) => Math.abs(x) <= 1 / Math.sqrt(16 * 9)));
  });
  it('Linear: weight and bias in ±1/√in_features', () => {
    const l = new nn.Linear(200, 100);
    checkUniform(l.weight, 1 / Math.sqrt(200), 'weight');
    checkUniform(l.bias!, 1 / Math.sqrt(200), 'bias');
  });
  it('ConvTranspose2d: fan_in is weight.size(1)·k (out_channels/groups)', () => {
    const c = new nn.ConvTranspose2d(40, 30, 3);
    assert.deepEqual(c.weight.shape, [40, 30, 3, 3]);
    checkUniform(c.weight, 1 / Math.sqrt(30 * 9), 'weight');
  });
  it('layers built on the meta device allocate nothing', () => {
    const c = new nn.Conv2d(64, 64, 3, 1, 1, 1, 1, true, 'zeros', { device: 'meta' });
    assert.equal(c.weight.device, 'meta');
    const y = c.call(torch.zeros([8, 64, 56, 56], { device: 'meta' }));
    assert.deepEqual(y.shape, [8, 64, 56, 56]);
  });
});

describe('nn layers: dropout', () => {
  it('keeps each element with probability 1-p and scales it by 1/(1-p)', () => {
    const x = torch.ones([20000]);
    const y = new nn.Dropout(0.3).call(x);
    const v = Array.from(y._contiguousData(), Number);
    const scale = Math.fround(1 / 0.7);
    assert.ok(v.every((e) => e === 0 || Math.abs(e - scale) < 1e-6), 'only 0 or 1/(1-p)');
    const zeros = v.filter((e) => e === 0).length / v.length;
    assert.ok(Math.abs(zeros - 0.3) < 0.02, `dropped fraction ${zeros}`);
  });
  it('Dropout2d zeroes whole channels', () => {
    const y = F.dropout2d(torch.ones([4, 8, 3, 3]), 0.5);
    const d = Array.from(y._contiguousData(), Number);
    for (let ch = 0; ch < 32; ch++) assert.equal(new Set(d.slice(ch * 9, ch * 9 + 9)).size, 1, `channel ${ch} is uniform`);
  });
  it('is the identity in eval mode and for p=0', () => {
    const x = torch.randn([3, 4]);
    const m = new nn.Dropout(0.5).eval();
    assert.equal(m.call(x), x);
    assert.equal(F.dropout(x, 0), x);
    assert.equal(new nn.AlphaDropout(0.5).eval().call(x), x);
  });
  it('p=1 zeroes everything', () => {
    assert.deepEqual(F.dropout(torch.ones([5]), 1).tolist(), [0, 0, 0, 0, 0]);
  });
});

describe('nn layers: one_hot and Embedding extras', () => {
  it('one_hot infers the class count or takes it', () => {
    assert.deepEqual(F.one_hot(long([0, 3, 1])).tolist(), misc.one_hot.default);
    assert.deepEqual(F.one_hot(torch.tensor([[0, 1], [2, 0]], { dtype: 'int64' }), 4).tolist(), misc.one_hot.num_classes);
  });
  it('Embedding.from_pretrained freezes by default and keeps the weight', () => {
    const w = torch.tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float32' });
    const e = nn.Embedding.from_pretrained(w);
    assert.equal(e.weight.requires_grad, false);
    assert.deepEqual(e.call(long([2, 0])).tolist(), [[5, 6], [1, 2]]);
    assert.equal(nn.Embedding.from_pretrained(w, false).weight.requires_grad, true);
  });
  it('padding_idx: the row is zero at init and gets no gradient', () => {
    const e = new nn.Embedding(5, 3, 2);
    assert.deepEqual(e.weight.select(0, 2).tolist(), [0, 0, 0]);
    e.call(long([2, 1, 2])).sum().backward();
    assert.deepEqual(e.weight.grad!.select(0, 2).tolist(), [0, 0, 0]);
    assert.deepEqual(e.weight.grad!.select(0, 1).tolist(), [1, 1, 1]);
  });
});

describe('nn layers: memory and double backward', () => {
  it('conv, pooling and norm layers free every backend tensor they create', () => {
    const net = new nn.Sequential(new nn.Conv2d(3, 8, 3, 1, 1), new nn.BatchNorm2d(8), new nn.ReLU(), new nn.MaxPool2d(2),
      new nn.ConvTranspose2d(8, 4, 2, 2), new nn.AdaptiveAvgPool2d(3), new nn.Flatten(), new nn.Linear(36, 5));
    const x = torch.randn([2, 3, 16, 16], { requires_grad: true });
    net.call(x).sum().backward(); // warm up: tfjs allocates its backend state on first use
    const before = memory().numTensors;
    for (let i = 0; i < 3; i++) {
      net.zero_grad();
      net.call(x).sum().backward();
    }
    assert.equal(memory().numTensors, before);
  });
  it('activation primitives support create_graph (second derivatives)', () => {
    // The gradient of each backward formula against central differences of the first derivative.
    const x = torch.tensor([-1.5, -0.2, 0.3, 2.0], { dtype: 'float64', requires_grad: true });
    for (const f of [(t: Tensor) => F.softplus(t), (t: Tensor) => F.silu(t), (t: Tensor) => F.gelu(t), (t: Tensor) => F.elu(t)]) {
      const [g] = torch.autograd.grad(f(x).sum(), x, undefined, true, true);
      const [g2] = torch.autograd.grad(g!.sum(), x);
      const h = 1e-5;
      const xp = x.detach().add(h).requires_grad_(), xm = x.detach().sub(h).requires_grad_();
      const [gp] = torch.autograd.grad(f(xp).sum(), xp);
      const [gm] = torch.autograd.grad(f(xm).sum(), xm);
      const fd = gp!.sub(gm!).div(2 * h).tolist() as number[];
      (g2!.tolist() as number[]).forEach((v, i) => assert.ok(Math.abs(v - fd[i]) < 1e-4, `second derivative ${v} vs ${fd[i]}`));
    }
  });
});

describe('nn layers: normalisation backward under create_graph', () => {
  const cases: [string, (x: Tensor, w: Tensor, b: Tensor) => Tensor, number[]][] = [
    ['batch_norm', (x, w, b) => F.batch_norm(x, null, null, w, b, true), [4, 3, 2]],
    ['batch_norm eval', (x, w, b) => F.batch_norm(x, torch.tensor([0.1, -0.2, 0.3]), torch.tensor([0.5, 1.5, 2.0]), w, b, false), [4, 3, 2]],
    ['layer_norm', (x, w, b) => F.layer_norm(x, [2], w.narrow(0, 0, 2), b.narrow(0, 0, 2)), [4, 3, 2]],
    ['group_norm', (x, w, b) => F.group_norm(x, 3, w, b), [2, 3, 4]],
  ];
  for (const [name, f, shape] of cases) {
    it(`${name}: the graph-building backward equals the kernel backward, and differentiates again`, () => {
      const x = torch.randn(shape, { dtype: 'float64', requires_grad: true });
      const w = torch.randn([3], { dtype: 'float64', requires_grad: true }), b = torch.randn([3], { dtype: 'float64', requires_grad: true });
      const up = torch.randn(shape, { dtype: 'float64' });
      const k = torch.autograd.grad(f(x, w, b), [x, w, b], up);
      const g = torch.autograd.grad(f(x, w, b), [x, w, b], up, true, true);
      g.forEach((gi, i) => assertTensorClose(gi!, { shape: k[i]!.shape, dtype: 'float64', data: k[i]!.reshape([-1]).tolist() as number[] }, `grad ${i}`, { rtol: 1e-9, atol: 1e-12 }));
      if (name.endsWith('eval')) return; // grad_x = g·w·rstd does not depend on x: nothing to differentiate again
      // d/dx of <grad_x, v> against central differences.
      const v = torch.randn(shape, { dtype: 'float64' });
      const [h2] = torch.autograd.grad(g[0]!.mul(v).sum(), [x]);
      const eps = 1e-6;
      const gx = (xx: Tensor) => (torch.autograd.grad(f(xx, w, b), [xx], up)[0]!).mul(v).sum().item() as number;
      const flat = x.detach().reshape([-1]);
      for (const i of [0, 3, flat.numel() - 1]) {
        const e = torch.zeros([flat.numel()], { dtype: 'float64' });
        e.select(0, i).fill_(eps);
        const xp = x.detach().add(e.reshape(shape)).requires_grad_(), xm = x.detach().sub(e.reshape(shape)).requires_grad_();
        const fd = (gx(xp) - gx(xm)) / (2 * eps);
        const an = h2!.reshape([-1]).select(0, i).item() as number;
        assert.ok(Math.abs(fd - an) < 1e-5 * Math.max(1, Math.abs(fd)), `second derivative at ${i}: ${an} vs ${fd}`);
      }
    });
  }
});

describe('nn layers: convolution under create_graph', () => {
  for (const [name, f] of [
    ['conv2d stride 2, padding 1', (x: Tensor, w: Tensor) => F.conv2d(x, w, null, 2, 1)],
    ['conv2d same, dilation 2', (x: Tensor, w: Tensor) => F.conv2d(x, w, null, 1, 'same', 2)],
    ['conv_transpose2d stride 2, output_padding 1', (x: Tensor, w: Tensor) => F.conv_transpose2d(x, w.transpose(0, 1).contiguous(), null, 2, 1, 1)],
  ] as [string, (x: Tensor, w: Tensor) => Tensor][]) {
    it(`${name}: a gradient penalty ‖∂y/∂x‖² differentiates to the weights`, () => {
      const x = torch.randn([1, 2, 5, 5], { requires_grad: true });
      const w = torch.randn([3, 2, 3, 3], { requires_grad: true });
      const penalty = (ww: Tensor) => {
        const xx = x.detach().requires_grad_();
        const [gx] = torch.autograd.grad(f(xx, ww).pow(2).sum(), [xx], undefined, true, true);
        return gx!.pow(2).sum();
      };
      const [gw] = torch.autograd.grad(penalty(w), [w]);
      const eps = 1e-2;
      for (const i of [0, 7, 40]) {
        const e = torch.zeros([w.numel()]);
        e.select(0, i).fill_(eps);
        const fd = ((penalty(w.detach().add(e.reshape(w.shape))).item() as number) - (penalty(w.detach().sub(e.reshape(w.shape))).item() as number)) / (2 * eps);
        const an = gw!.reshape([-1]).select(0, i).item() as number;
        assert.ok(Math.abs(fd - an) < 2e-2 * Math.max(1, Math.abs(fd)), `∂penalty/∂w[${i}]: ${an} vs ${fd}`);
      }
    });
  }
});

describe('nn layers: keyword tables match PyTorch signatures', () => {
  const sigs = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'layers_signatures.json'), 'utf8')) as {
    layers: Record<string, string[]>; functional: Record<string, string[]>;
  };
  const strip = (names: readonly string[]) => names.filter((n) => n !== '**factory' && n !== 'device' && n !== 'dtype');
  for (const [name, want] of Object.entries(sigs.layers)) {
    it(`nn.${name}`, () => {
      assert.ok((nn as Record<string, unknown>)[name], `nn.${name} exists`);
      assert.deepEqual(strip(LAYER_ARGS[name] ?? []), strip(want));
    });
  }
  for (const [name, want] of Object.entries(sigs.functional)) {
    it(`F.${name}`, () => {
      assert.equal(typeof (F as Record<string, unknown>)[name], 'function', `F.${name} exists`);
      assert.deepEqual(FUNCTIONAL_ARGS[name], want);
    });
  }
});
