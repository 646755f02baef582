// Attention and Transformer layers against real PyTorch (test/golden/attention.json and transformer.json
// from gen_attention.py): F.scaled_dot_product_attention (bool/float masks, causal, scale, GQA, seeded
// dropout), nn.MultiheadAttention in many configurations, the encoder/decoder layers and stacks and
// nn.Transformer — outputs, weights, every gradient, eval outputs, seeded init, state_dict keys, reprs,
// errors, meta shapes — and a 2-layer Transformer encoder trained 20 Adam steps.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nn, torch, Tensor, TorchError, gradMode } from '../../src/engine';
import { Adam } from '../../src/engine/optim';
import { tensorOf, assertTensorClose, type TensorSpec } from './check_op';

type Module = InstanceType<typeof nn.Module>;
type Args = Record<string, any>;
type Kw = Record<string, boolean | { tensor: TensorSpec }>;
interface SdpaCase {
  name: string; q: TensorSpec; k: TensorSpec; v: TensorSpec; mask: TensorSpec | null; dropout_p: number;
  kwargs: { is_causal?: boolean; scale?: number; enable_gqa?: boolean }; out: TensorSpec; grads: TensorSpec[];
}
interface ModuleCase {
  name: string; cls: string; args: Args; seed: number; train_seed: number | null; init: Record<string, TensorSpec> | null;
  keys: string[]; repr: string; inputs: number[][]; argmap: number[]; kwargs: Kw; outs: (TensorSpec | null)[];
  input_grads: TensorSpec[]; param_grads: Record<string, TensorSpec> | null; eval_outs: (TensorSpec | null)[];
}
const read = (f: string) => JSON.parse(readFileSync(join(__dirname, '..', 'golden', f), 'utf8'));
const attn = read('attention.json') as {
  sdpa: SdpaCase[]; modules: ModuleCase[]; errors: Record<string, { type: string; message: string }>;
  repr: Record<string, string>; mask3: TensorSpec;
};
const tr = read('transformer.json') as {
  cases: ModuleCase[];
  train: { state_dict: Record<string, TensorSpec>; x: TensorSpec; y: TensorSpec; lr: number; losses: number[]; final_head_bias: number[] };
};

const TOL = { rtol: 1e-4, atol: 2e-5 };
type Device = 'cpu' | 'meta';

/** The generator's deterministic values: amp·sin(0.37 i + 1.1 k + 0.2) (weights k = state_dict index, inputs k = 50 + j). */
function formula(shape: number[], k: number, amp = 0.5, device: Device = 'cpu'): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return torch.tensor(Array.from({ length: n }, (_, i) => amp * Math.sin(0.37 * i + 1.1 * k + 0.2)), { dtype: 'float32', device }).reshape(shape);
}
/** The gradient fed to output k: sin(0.7 i + 1.3 k + 0.1). */
function upstream(shape: number[], k: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return torch.tensor(Array.from({ length: n }, (_, i) => Math.sin(0.7 * i + 1.3 * k + 0.1)), { dtype: 'float32' }).reshape(shape);
}

// ---------------- F.scaled_dot_product_attention ----------------
describe('F.scaled_dot_product_attention', () => {
  for (const c of attn.sdpa) {
    test(c.name, () => {
      const [q, k, v] = [c.q, c.k, c.v].map((s) => tensorOf(s).requires_grad_(true));
      torch.manual_seed(7);
      const { is_causal = false, ...opts } = c.kwargs;
      const o = nn.functional.scaled_dot_product_attention(q, k, v, c.mask ? tensorOf(c.mask) : null, c.dropout_p, is_causal, opts);
      assertTensorClose(o, c.out, 'output', TOL);
      o.mul(upstream(o.shape, 0)).sum().backward();
      [q, k, v].forEach((t, i) => assertTensorClose(t.grad!, c.grads[i], `grad ${'qkv'[i]}`, TOL));
    });
  }

  test('a fully masked row gives zeros (ATen _safe_softmax), not NaN', () => {
    const q = torch.randn([1, 2, 4]), mask = torch.tensor([[false, false], [true, true]]);
    const o = nn.functional.scaled_dot_product_attention(q, q, q, mask);
    assert.deepEqual(o.select(0, 0).select(0, 0).tolist(), [0, 0, 0, 0]);
    assert.equal(o.isnan().any().item(), false);
  });

  test('meta inputs give the shape only', () => {
    const q = torch.empty([2, 4, 3, 8], { device: 'meta' }), kv = torch.empty([2, 2, 5, 8], { device: 'meta' });
    const o = nn.functional.scaled_dot_product_attention(q, kv, kv, null, 0, false, { enable_gqa: true });
    assert.deepEqual([o.device, o.shape], ['meta', [2, 4, 3, 8]]);
  });
});

// ---------------- modules ----------------
const opt = <T>(v: T | undefined, d: T): T => (v === undefined ? d : v);

function encLayer(a: Args, device: Device): Module {
  return new nn.TransformerEncoderLayer(a.d_model, a.nhead, opt(a.dim_feedforward, 2048), opt(a.dropout, 0.1), opt(a.activation, 'relu'),
    opt(a.layer_norm_eps, 1e-5), opt(a.batch_first, false), opt(a.norm_first, false), opt(a.bias, true), { device });
}
function decLayer(a: Args, device: Device): Module {
  return new nn.TransformerDecoderLayer(a.d_model, a.nhead, opt(a.dim_feedforward, 2048), opt(a.dropout, 0.1), opt(a.activation, 'relu'),
    opt(a.layer_norm_eps, 1e-5), opt(a.batch_first, false), opt(a.norm_first, false), opt(a.bias, true), { device });
}

/** The module a case describes, from PyTorch's keyword arguments. */
function build(cls: string, a: Args, device: Device = 'cpu'): Module {
  const norm = () => (a.norm ? new nn.LayerNorm(a.norm, 1e-5, true, true, { device }) : null);
  switch (cls) {
    case 'MultiheadAttention':
      return new nn.MultiheadAttention(a.embed_dim, a.num_heads, opt(a.dropout, 0), opt(a.bias, true), opt(a.add_bias_kv, false),
        opt(a.add_zero_attn, false), opt(a.kdim, null), opt(a.vdim, null), opt(a.batch_first, false), { device });
    case 'TransformerEncoderLayer': return encLayer(a, device);
    case 'TransformerDecoderLayer': return decLayer(a, device);
    case 'TransformerEncoder': return new nn.TransformerEncoder(encLayer(a.layer, device), a.num_layers, norm(), opt(a.enable_nested_tensor, true));
    case 'TransformerDecoder': return new nn.TransformerDecoder(decLayer(a.layer, device), a.num_layers, norm());
    case 'Transformer':
      return new nn.Transformer(a.d_model, a.nhead, a.num_encoder_layers, a.num_decoder_layers, a.dim_feedforward, a.dropout,
        opt(a.activation, 'relu'), null, null, 1e-5, opt(a.batch_first, false), opt(a.norm_first, false), true, { device });
    default: throw new Error(`unknown module ${cls}`);
  }
}

const kwargsOf = (kw: Kw, device: Device = 'cpu') => Object.fromEntries(Object.entries(kw).map(([k, v]) =>
  [k, typeof v === 'object' ? tensorOf(v.tensor, v.tensor.shape, device) : v]));
const outsOf = (r: unknown): (Tensor | null)[] => (Array.isArray(r) ? r : [r]) as (Tensor | null)[];

function runModuleCase(c: ModuleCase): void {
  torch.manual_seed(c.seed);
  const m = build(c.cls, c.args);
  assert.equal(m.__repr__(), c.repr, 'repr');
  assert.deepEqual([...m.state_dict().keys()], c.keys, 'state_dict keys');
  if (c.init) {
    for (const [k, v] of m.state_dict()) assertTensorClose(v as Tensor, c.init[k], `seeded init ${k}`, { rtol: 1e-5, atol: 1e-6 });
  }
  gradMode.no_grad(() => [...m.state_dict().values()].forEach((p, j) => (p as Tensor).copy_(formula((p as Tensor).shape, j))));
  const leaves = c.inputs.map((s, j) => formula(s, 50 + j, 1.0).requires_grad_(true));
  const kw = kwargsOf(c.kwargs);
  m.train();
  torch.manual_seed(c.train_seed ?? 0);
  const outs = outsOf(m._call_impl(c.argmap.map((i) => leaves[i]), kw));
  assert.equal(outs.length, c.outs.length, 'number of outputs');
  outs.forEach((o, i) => (c.outs[i] === null ? assert.equal(o, null) : assertTensorClose(o!, c.outs[i]!, `train output ${i}`, TOL)));
  let loss: Tensor | null = null;
  outs.forEach((o, i) => { if (o) { const t = o.mul(upstream(o.shape, i)).sum(); loss = loss ? loss.add(t) : t; } });
  loss!.backward();
  leaves.forEach((x, i) => assertTensorClose(x.grad!, c.input_grads[i], `input ${i} grad`, TOL));
  if (c.param_grads) for (const [n, p] of m.named_parameters()) assertTensorClose(p.grad!, c.param_grads[n], `${n}.grad`, TOL);
  m.eval();
  const evalOuts = gradMode.no_grad(() => outsOf(m._call_impl(c.argmap.map((i) => leaves[i].detach()), kw)));
  evalOuts.forEach((o, i) => (c.eval_outs[i] === null ? assert.equal(o, null) : assertTensorClose(o!, c.eval_outs[i]!, `eval output ${i}`, TOL)));
}

/** The same call on the meta device: PyTorch's output shapes, no data touched. */
function runMeta(c: ModuleCase): void {
  const m = build(c.cls, c.args, 'meta');
  const leaves = c.inputs.map((s) => torch.empty(s, { device: 'meta' }));
  const outs = outsOf(m._call_impl(c.argmap.map((i) => leaves[i]), kwargsOf(c.kwargs, 'meta')));
  outs.forEach((o, i) => {
    if (c.outs[i] === null) return assert.equal(o, null);
    assert.deepEqual([o!.device, o!.shape], ['meta', c.outs[i]!.shape], `meta output ${i}`);
  });
}

describe('nn.MultiheadAttention', () => {
  for (const c of attn.modules) test(c.name, () => runModuleCase(c));
  test('meta shapes', () => attn.modules.filter((c) => !c.train_seed).forEach(runMeta));
  test('parameter layout follows kdim/vdim', () => {
    const m = new nn.MultiheadAttention(8, 2, 0, true, false, false, 6, 5);
    assert.deepEqual([...m.named_parameters()].map(([n, p]) => [n, p.shape]), [
      ['q_proj_weight', [8, 8]], ['k_proj_weight', [8, 6]], ['v_proj_weight', [8, 5]], ['in_proj_bias', [24]],
      ['out_proj.weight', [8, 8]], ['out_proj.bias', [8]],
    ]);
    assert.equal(m.in_proj_weight, null);
  });
  test('F.multi_head_attention_forward with the module\'s weights is the module (the PyTorch-checked path)', () => {
    torch.manual_seed(3);
    const m = new nn.MultiheadAttention(8, 2, 0, true, true, true).eval();
    const q = torch.randn([4, 2, 8]), kv = torch.randn([5, 2, 8]);
    const [a, wa] = m.call(q, kv, kv) as [Tensor, Tensor];
    const [b, wb] = nn.functional.multi_head_attention_forward(q, kv, kv, 8, 2, m.in_proj_weight, m.in_proj_bias, m.bias_k, m.bias_v,
      true, 0, m.out_proj.weight, m.out_proj.bias, { training: false, average_attn_weights: false });
    assert.deepEqual(b.tolist(), a.tolist());
    assert.deepEqual(wb!.shape, [2, 2, 4, 7]);
    assertTensorClose(wb!.mean(1), { shape: wa.shape, dtype: 'float32', data: wa.flatten().tolist() as number[] }, 'averaged weights');
  });
  test('keyword arguments are checked like Python', () => {
    const m = new nn.MultiheadAttention(4, 2);
    const x = torch.randn([3, 1, 4]);
    assert.throws(() => m._call_impl([x, x, x], { need_weight: false }), /MultiheadAttention.forward\(\) got an unexpected keyword argument 'need_weight'/);
    assert.throws(() => m._call_impl([x, x, x, null], { key_padding_mask: null }), /got multiple values for argument 'key_padding_mask'/);
  });
});

describe('Transformer layers', () => {
  for (const c of tr.cases) test(c.name, () => runModuleCase(c));
  test('meta shapes', () => tr.cases.forEach(runMeta));

  test('encoder layers are deep copies with their own parameters', () => {
    const layer = new nn.TransformerEncoderLayer(8, 2, 16);
    const enc = new nn.TransformerEncoder(layer, 2);
    const [l0, l1] = [...(enc.__getattr__('layers') as InstanceType<typeof nn.ModuleList>)] as InstanceType<typeof nn.TransformerEncoderLayer>[];
    assert.notEqual(l0, layer);
    assert.notEqual(l0.self_attn.in_proj_weight, l1.self_attn.in_proj_weight);
    assert.deepEqual(l0.self_attn.in_proj_weight!.tolist(), layer.self_attn.in_proj_weight!.tolist());
    gradMode.no_grad(() => l0.linear1.weight.fill_(0));
    assert.notDeepEqual(l1.linear1.weight.tolist(), l0.linear1.weight.tolist());
    assert.equal([...enc.parameters()].length, 24);
  });

  test('deepcopy keeps tied parameters tied inside each copy', () => {
    const layer = new nn.TransformerEncoderLayer(8, 2, 16);
    layer.linear2.weight = new nn.Parameter(layer.linear1.weight.detach().t().contiguous());
    layer.norm2.__setattr__('weight', layer.norm1.weight);
    const enc = new nn.TransformerEncoder(layer, 2);
    const [l0, l1] = [...(enc.__getattr__('layers') as InstanceType<typeof nn.ModuleList>)] as InstanceType<typeof nn.TransformerEncoderLayer>[];
    assert.equal(l0.norm2.weight, l0.norm1.weight);
    assert.notEqual(l0.norm1.weight, l1.norm1.weight);
    assert.equal([...enc.parameters()].length, 22);
  });

  test('an activation module is registered as a child; a function is not', () => {
    const withModule = new nn.TransformerEncoderLayer(8, 2, 16, 0.1, new nn.GELU());
    assert.deepEqual([...withModule._modules.keys()].at(-1), 'activation');
    assert.equal(withModule.activation_relu_or_gelu, 2);
    const fn = (x: Tensor) => x.tanh();
    const withFn = new nn.TransformerEncoderLayer(8, 2, 16, 0.1, fn);
    assert.equal(withFn._modules.has('activation'), false);
    assert.equal(withFn._getattr('activation'), fn);
    assert.equal(withFn.activation_relu_or_gelu, 0);
  });

  test('generate_square_subsequent_mask', () => {
    assertTensorClose(nn.Transformer.generate_square_subsequent_mask(3), attn.mask3, 'mask');
  });
});

describe('reprs and errors', () => {
  test('reprs', () => {
    assert.equal(new nn.MultiheadAttention(16, 4, 0, true, true, false, 8, 8).__repr__(), attn.repr.mha_kdim);
    assert.equal(new nn.TransformerEncoderLayer(16, 4).__repr__(), attn.repr.enc_layer_default);
    assert.equal(new nn.TransformerDecoderLayer(16, 4, 32, 0.1, new nn.GELU(), 1e-5, false, false, false).__repr__(), attn.repr.dec_layer_gelu_module);
    assert.equal(new nn.Transformer(16, 4, 2, 2, 32).__repr__(), attn.repr.transformer_default_small);
  });

  const x8 = torch.randn([4, 2, 8]);
  const m8 = new nn.MultiheadAttention(8, 2);
  const tf = new nn.Transformer(8, 2, 1, 1, 16);
  const cases: Record<string, () => unknown> = {
    sdpa_gqa_heads: () => { const q = torch.randn([1, 2, 3, 4]); nn.functional.scaled_dot_product_attention(torch.randn([1, 3, 3, 4]), q, q, null, 0, false, { enable_gqa: true }); },
    mha_not_divisible: () => new nn.MultiheadAttention(10, 3),
    mha_nonpositive: () => new nn.MultiheadAttention(0, 2),
    mha_4d_query: () => { const q = x8.unsqueeze(0); m8.call(q, q, q); },
    mha_kpm_shape: () => m8._call_impl([x8, x8, x8], { key_padding_mask: torch.zeros([2, 3], { dtype: 'bool' }) }),
    mha_mask_2d_shape: () => m8._call_impl([x8, x8, x8], { attn_mask: torch.zeros([3, 4], { dtype: 'bool' }) }),
    mha_mask_3d_shape: () => m8._call_impl([x8, x8, x8], { attn_mask: torch.zeros([2, 4, 4]) }),
    mha_causal_without_mask: () => m8._call_impl([x8, x8, x8], { is_causal: true }),
    mha_embed_mismatch: () => m8.call(torch.randn([4, 2, 6]), torch.randn([4, 2, 6]), torch.randn([4, 2, 6])),
    mha_int_mask: () => m8._call_impl([x8, x8, x8], { attn_mask: torch.zeros([4, 4], { dtype: 'int64' }) }),
    activation_name: () => new nn.TransformerEncoderLayer(8, 2, 2048, 0.1, 'tanh' as 'relu'),
    transformer_batch: () => tf.call(torch.randn([5, 2, 8]), torch.randn([4, 3, 8])),
    transformer_features: () => tf.call(torch.randn([5, 2, 8]), torch.randn([4, 2, 6])),
  };
  for (const [name, fn] of Object.entries(cases)) {
    test(`error: ${name}`, () => {
      const want = attn.errors[name];
      assert.ok(want, `no fixture error ${name}`);
      assert.throws(fn, (e: unknown) => {
        assert.ok(e instanceof TorchError, `expected a TorchError, got ${String(e)}`);
        assert.deepEqual([e.kind, e.message], [want.type, want.message]);
        return true;
      });
    });
  }
});

// ---------------- training parity: 2-layer Transformer encoder → Linear, 20 Adam steps ----------------
test('a 2-layer Transformer encoder trains like PyTorch: 20 Adam steps, loss within 1e-4 relative at each', () => {
  const g = tr.train;
  const model = new nn.Sequential(new nn.TransformerEncoder(new nn.TransformerEncoderLayer(8, 2, 16, 0.0, 'relu', 1e-5, true), 2, null, false),
    new nn.Linear(8, 3));
  model.load_state_dict(Object.fromEntries(Object.entries(g.state_dict).map(([k, v]) => [k, tensorOf(v)])));
  const x = tensorOf(g.x), y = tensorOf(g.y).reshape([-1]);
  const optim = new Adam(model.parameters(), { lr: g.lr });
  g.losses.forEach((want, step) => {
    optim.zero_grad();
    const loss = nn.functional.cross_entropy((model.call(x) as Tensor).reshape([-1, 3]), y);
    loss.backward();
    optim.step();
    const got = Number(loss.item());
    assert.ok(Math.abs(got - want) <= 1e-4 * Math.abs(want), `step ${step}: loss ${got}, PyTorch ${want}`);
  });
  const bias = (model.get(1) as InstanceType<typeof nn.Linear>).bias!;
  (bias.tolist() as number[]).forEach((b, i) => assert.ok(Math.abs(b - g.final_head_bias[i]) < 1e-4, `head.bias[${i}]`));
});
