// The long tail of torch.nn against PyTorch (test/golden/nn_tail.json from gen_nn_tail.py): GLU,
// shrinks, RReLU, Softmax2d, distances (incl. torch.cdist), RMSNorm, LRN, SyncBatchNorm, LPPool,
// FractionalMaxPool, MaxUnpool, ChannelShuffle, Fold/Unfold, bicubic interpolate, affine_grid/grid_sample,
// EmbeddingBag — values, gradients, reprs, meta shapes, keyword tables, errors, double backward.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { nn, torch, TorchError, type Tensor } from '../../src/engine';
import { assertTensorClose, tensorOf, type TensorSpec } from './check_op';
import { checkLayerCase, checkLayerMeta, type LayerCase } from './nn_layers_harness';
import { LAYER_ARGS, FUNCTIONAL_ARGS } from '../../src/engine/nn';

type Case = LayerCase & { ns?: 'F' | 'torch' };
const golden = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'nn_tail.json'), 'utf8')) as {
  cases: Case[];
  errors: Record<string, { type: string; message: string }>;
  reprs: Record<string, string>;
  state_keys: Record<string, string[]>;
  signatures: { layers: Record<string, string[]>; functional: Record<string, string[]> };
};
// The cases are split over two fixture files only to keep each small.
golden.cases.push(...(JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'nn_tail_2.json'), 'utf8')) as { cases: Case[] }).cases);
const F = nn.functional;
type Fn = (...a: unknown[]) => Tensor;

/** torch.* functions (cdist) are not in F, which the layer harness calls: the same checks, inline. */
function checkTorchCase(c: Case, device: 'cpu' | 'meta'): void {
  const fn = (torch as unknown as Record<string, Fn>)[c.fn!];
  assert.ok(fn, `torch.${c.fn} is missing`);
  for (const step of c.steps) {
    const xs = step.inputs.map((s) => tensorOf(s, s.shape, device).requires_grad_(true));
    const out = fn(...xs, ...c.args);
    if (device === 'meta') {
      assert.deepEqual(out.shape, step.outs[0].shape);
      assert.equal(out.device, 'meta');
      continue;
    }
    assertTensorClose(out, step.outs[0], 'output');
    assert.equal(out.grad_fn?.name() ?? null, step.grad_fn);
    out.backward(tensorOf(step.upstream!));
    step.input_grads!.forEach((g, i) => assertTensorClose(xs[i].grad!, g as TensorSpec, `input ${i} grad`));
  }
}

describe('nn tail: layers and functionals against PyTorch', () => {
  for (const c of golden.cases) {
    if (c.ns === 'torch') {
      it(c.name, () => checkTorchCase(c, 'cpu'));
      it(`${c.name} [meta]`, () => checkTorchCase(c, 'meta'));
    } else {
      it(c.name, () => checkLayerCase(c, { rtol: 1e-4, atol: 1e-5 }));
      it(`${c.name} [meta]`, () => checkLayerMeta(c));
    }
  }
});

const z = (...shape: number[]) => torch.zeros(shape);
const long = (v: unknown) => torch.tensor(v as number[], { dtype: 'int64' });
const ERRORS: Record<string, () => unknown> = {
  glu_odd: () => F.glu(z(2, 5)),
  glu_scalar: () => F.glu(torch.tensor(1.0)),
  softshrink_neg: () => F.softshrink(z(2), -0.5),
  softmax2d_dim: () => new nn.Softmax2d().call(z(2, 3)),
  hardshrink_long: () => F.hardshrink(long([1, 2])),
  cdist_1d: () => torch.cdist(z(3), z(2, 3)),
  cdist_cols: () => torch.cdist(z(2, 3), z(2, 4)),
  cdist_int: () => torch.cdist(long([[1]]), long([[1]])),
  cdist_neg_p: () => torch.cdist(z(2, 3), z(2, 3), -1.0),
  pdist_3d: () => F.pdist(z(2, 3, 4)),
  pdist_neg_p: () => F.pdist(z(2, 3), -1.0),
  cosine_int: () => F.cosine_similarity(long([1, 2]), long([1, 2]), 0),
  rms_norm_shape: () => F.rms_norm(z(2, 3), [4]),
  lrn_2d: () => F.local_response_norm(z(2, 3), 2),
  syncbn_1d: () => new nn.SyncBatchNorm(3).call(z(3)),
  unpool_size: () => F.max_unpool2d(z(1, 1, 2, 2), long([[[[0, 1], [2, 3]]]]), 2, null, 0, [9, 9]),
  unpool_size_len: () => F.max_unpool2d(z(1, 1, 2, 2), long([[[[0, 1], [2, 3]]]]), 2, null, 0, [4]),
  unpool_bad_index: () => F.max_unpool2d(z(1, 1, 2, 2), long([[[[0, 1], [2, 30]]]]), 2),
  channel_shuffle_div: () => F.channel_shuffle(z(1, 5, 2, 2), 2),
  unfold_small: () => F.unfold(z(1, 1, 2, 2), 3),
  unfold_2d: () => F.unfold(z(2, 2), 1),
  fold_div: () => F.fold(z(1, 7, 9), 4, 2),
  fold_blocks: () => F.fold(z(1, 8, 8), 4, 2),
  bag_offsets_2d: () => F.embedding_bag(long([[1, 2]]), z(4, 2), long([0])),
  bag_no_offsets: () => F.embedding_bag(long([1, 2]), z(4, 2)),
  bag_psw_mean: () => F.embedding_bag(long([[1, 2]]), z(4, 2), null, null, 2, false, 'mean', false, z(1, 2)),
  bag_mode: () => F.embedding_bag(long([[1, 2]]), z(4, 2), null, null, 2, false, 'min' as 'sum'),
  bag_index: () => F.embedding_bag(long([[1, 7]]), z(4, 2)),
  affine_size: () => F.affine_grid(z(1, 2, 3), [1, 2], false),
  affine_theta: () => F.affine_grid(z(1, 3, 3), [1, 1, 2, 2], false),
  grid_dims: () => F.grid_sample(z(1, 1, 2), z(1, 2, 2, 2), 'bilinear', 'zeros', false),
  grid_last: () => F.grid_sample(z(1, 1, 2, 2), z(1, 2, 2, 3), 'bilinear', 'zeros', false),
  grid_batch: () => F.grid_sample(z(2, 1, 2, 2), z(1, 2, 2, 2), 'bilinear', 'zeros', false),
  grid_bicubic_3d: () => F.grid_sample(z(1, 1, 2, 2, 2), z(1, 1, 1, 1, 3), 'bicubic', 'zeros', false),
  bicubic_long: () => F.interpolate(long([[[[1, 2], [3, 4]]]]), null, 2, 'bicubic'),
  grid_mode: () => F.grid_sample(z(1, 1, 2, 2), z(1, 2, 2, 2), 'area', 'zeros', false),
  grid_padding: () => F.grid_sample(z(1, 1, 2, 2), z(1, 2, 2, 2), 'bilinear', 'wrap', false),
  fracmax_no_size: () => new nn.FractionalMaxPool2d(2),
  fracmax_ratio: () => new nn.FractionalMaxPool2d(2, null, 1.5),
  fracmax_too_large: () => F.fractional_max_pool2d(z(1, 1, 4, 4), 3, 3),
  bag_psw_shape: () => F.embedding_bag(long([[1, 2]]), z(4, 2), null, null, 2, false, 'sum', false, z(3)),
};

describe('nn tail: PyTorch error messages', () => {
  it('covers every fixture error', () => assert.deepEqual(Object.keys(ERRORS).sort(), Object.keys(golden.errors).sort()));
  for (const [name, want] of Object.entries(golden.errors)) {
    it(name, () => {
      assert.throws(ERRORS[name], (e: unknown) => {
        assert.ok(e instanceof TorchError, `expected a TorchError, got ${String(e)}`);
        assert.equal(e.message, want.message);
        assert.equal(e.kind, want.type);
        return true;
      });
    });
  }
});

const REPRS: Record<string, () => { __repr__(): string }> = {
  rrelu_inplace: () => new nn.RReLU(0.1, 0.3, true),
  rmsnorm_default: () => new nn.RMSNorm([3, 4]),
  lrn: () => new nn.LocalResponseNorm(2),
  syncbn_nostats: () => new nn.SyncBatchNorm(4, 1e-5, null, false, false),
  lppool2d_tuple: () => new nn.LPPool2d(2, [2, 3], [1, 2], true),
  maxunpool3d: () => new nn.MaxUnpool3d(2, 1, 1),
  fold_tuple: () => new nn.Fold([4, 5], [2, 3], 1, [0, 1], 2),
  bag_sum_padding: () => new nn.EmbeddingBag(10, 3, null, 2.0, false, 'sum', false, null, false, -1),
  bag_max_norm: () => new nn.EmbeddingBag(10, 3, 1.0, 1.0),
  pairwise_distance: () => new nn.PairwiseDistance(1.0, 1e-6, true),
  fracmax: () => new nn.FractionalMaxPool2d(3, null, 0.5),
  convert_sync: () => nn.SyncBatchNorm.convert_sync_batchnorm(new nn.Sequential(
    new nn.Conv2d(1, 2, 3), new nn.BatchNorm2d(2, 1e-5, null), new nn.Sequential(new nn.BatchNorm1d(4, 1e-5, 0.1, false)), new nn.InstanceNorm1d(3))),
};

describe('nn tail: reprs and state_dict keys', () => {
  it('covers every fixture repr', () => assert.deepEqual(Object.keys(REPRS).sort(), Object.keys(golden.reprs).sort()));
  for (const [name, want] of Object.entries(golden.reprs)) it(name, () => assert.equal(REPRS[name]().__repr__(), want));
  const keys = (m: InstanceType<typeof nn.Module>) => [...m.state_dict().keys()];
  it('convert_sync_batchnorm keeps the parameter and buffer objects', () => {
    const bn = new nn.BatchNorm2d(3);
    const m = nn.SyncBatchNorm.convert_sync_batchnorm(new nn.Sequential(bn));
    const s = m.__getattr__('0') as InstanceType<typeof nn.Module>;
    assert.equal(s._get_name(), 'SyncBatchNorm');
    assert.equal(s._getattr('weight'), bn._getattr('weight'));
    assert.equal(s._getattr('running_mean'), bn._getattr('running_mean'));
  });
  it('state_dict keys', () => {
    assert.deepEqual(keys(new nn.SyncBatchNorm(3)), golden.state_keys.syncbn);
    assert.deepEqual(keys(new nn.RMSNorm(3)), golden.state_keys.rmsnorm);
    assert.deepEqual(keys(new nn.RMSNorm(3, null, false)), golden.state_keys.rmsnorm_noaffine);
    assert.deepEqual(keys(new nn.EmbeddingBag(4, 2)), golden.state_keys.bag);
  });
});

describe('nn tail: properties PyTorch guarantees', () => {
  it('fold(unfold(x)) multiplies each element by the number of blocks covering it', () => {
    const x = torch.arange(0, 16, 1, { dtype: 'float32' }).view([1, 1, 4, 4]);
    const back = F.fold(F.unfold(x, 2), [4, 4], 2);
    const cover = F.fold(F.unfold(torch.ones([1, 1, 4, 4]), 2), [4, 4], 2);
    assert.deepEqual(back.tolist(), x.mul(cover).tolist());
  });
  it('channel_shuffle twice with complementary groups is the identity', () => {
    const x = torch.arange(0, 24, 1, { dtype: 'float32' }).view([1, 6, 2, 2]);
    assert.deepEqual(F.channel_shuffle(F.channel_shuffle(x, 2), 3).tolist(), x.tolist());
  });
  it('RReLU in eval mode uses the mean slope and draws nothing', () => {
    const m = new nn.RReLU(0.1, 0.3).eval();
    torch.manual_seed(1);
    const y = m.call(torch.tensor([-1.0, 2.0], { dtype: 'float32' }));
    assertTensorClose(y, { shape: [2], dtype: 'float32', data: [-0.2, 2] }, 'eval rrelu');
    const a = torch.rand([3]);
    torch.manual_seed(1);
    assert.deepEqual(torch.rand([3]).tolist(), a.tolist());
  });
  it('cdist and pdist agree on the upper triangle', () => {
    torch.manual_seed(0);
    const x = torch.randn([5, 3]);
    const full = torch.cdist(x, x), tri = F.pdist(x);
    let k = 0;
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) {
      assert.ok(Math.abs(Number(full.select(0, i).select(0, j).item()) - Number(tri.select(0, k++).item())) < 1e-5);
    }
  });
});

describe('nn tail: keyword tables match PyTorch signatures', () => {
  const strip = (names: readonly string[]) => names.filter((n) => n !== '**factory' && n !== 'device' && n !== 'dtype');
  for (const [name, want] of Object.entries(golden.signatures.layers)) {
    it(`nn.${name}`, () => assert.deepEqual(strip(LAYER_ARGS[name] ?? []), strip(want)));
  }
  for (const [name, want] of Object.entries(golden.signatures.functional)) {
    it(`F.${name}`, () => {
      assert.equal(typeof (F as Record<string, unknown>)[name], 'function');
      assert.deepEqual(FUNCTIONAL_ARGS[name], want);
    });
  }
});

describe('nn tail: double backward of the primitives with tensor-op backwards', () => {
  /** Second derivative (grad of sum(grad · w)) of f at x, with f as given. */
  const secondOrder = (f: (x: Tensor) => Tensor, x0: Tensor, w: Tensor): Tensor => {
    const x = x0.detach().requires_grad_(true);
    const [g] = torch.autograd.grad(f(x).sum(), x, undefined, true, true);
    g!.mul(w).sum().backward();
    return x.grad!;
  };
  const close = (a: Tensor, b: Tensor) => {
    const av = a.reshape([-1]).tolist() as number[], bv = b.reshape([-1]).tolist() as number[];
    av.forEach((v, i) => assert.ok(Math.abs(v - bv[i]) < 1e-4, `[${i}] ${v} vs ${bv[i]}`));
  };
  torch.manual_seed(3);
  const x = torch.randn([3, 4]), w = torch.randn([3, 4]);
  it('glu matches a * sigmoid(b) composed from primitives', () => {
    close(secondOrder((t) => F.glu(t), x, w), secondOrder((t) => t.narrow(1, 0, 2).mul(t.narrow(1, 2, 2).sigmoid()), x, w));
  });
  it('cdist (p=2) matches sqrt of summed squares', () => {
    const y = torch.randn([2, 4]);
    close(secondOrder((t) => torch.cdist(t, y), x, w),
      secondOrder((t) => t.unsqueeze(1).sub(y.unsqueeze(0)).pow(2).sum(-1).sqrt(), x, w));
  });
  it('pdist (p=3) matches the composed 3-norm of row differences', () => {
    const comp = (t: Tensor) => {
      const rows: Tensor[] = [];
      for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) rows.push(t.select(0, i).sub(t.select(0, j)).abs().pow(3).sum().pow(1 / 3));
      return torch.stack(rows);
    };
    close(secondOrder((t) => F.pdist(t, 3), x, w), secondOrder(comp, x, w));
  });
});
