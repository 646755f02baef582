// Recurrent layers against real PyTorch (test/golden/rnn.json from gen_rnn.py): RNN/LSTM/GRU in many
// configurations (layers, bidirectional, batch_first, proj_size, initial states, unbatched, packed
// with unsorted lengths, dropout in training) — outputs, final states, every gradient, seeded init,
// state_dict keys, reprs, errors — the cells, nn.utils.rnn, meta shapes, and an LSTM LM trained with Adam.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nn, torch, Tensor, TorchError, onOpCount } from '../../src/engine';
import { Adam } from '../../src/engine/optim';
import * as backend from '../../src/engine/backend';
import { tensorOf, assertTensorClose, type TensorSpec } from './check_op';

type Args = Record<string, number | boolean | string>;
interface RnnCase {
  name: string; kind: 'RNN' | 'LSTM' | 'GRU'; args: Args; seed: number; train: boolean;
  state_dict: Record<string, TensorSpec>; keys: string[]; x: TensorSpec; hx: TensorSpec[] | null;
  out: TensorSpec; hidden: TensorSpec[]; x_grad: TensorSpec; hx_grad: TensorSpec[] | null;
  param_grads: Record<string, TensorSpec>; repr: string;
  packed?: { lengths: number[]; enforce_sorted: boolean; batch_sizes: number[]; sorted_indices: number[] | null;
    unsorted_indices: number[] | null; padded: TensorSpec; padded_lengths: number[] };
}
interface CellCase {
  name: string; kind: 'RNNCell' | 'LSTMCell' | 'GRUCell'; args: Args; seed: number; state_dict: Record<string, TensorSpec>;
  keys: string[]; x: TensorSpec; hx: TensorSpec[] | null; outs: TensorSpec[]; x_grad: TensorSpec; hx_grad: TensorSpec[] | null;
  param_grads: Record<string, TensorSpec>; repr: string;
}
const golden = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'rnn.json'), 'utf8')) as {
  cases: RnnCase[]; cells: CellCase[]; errors: Record<string, { type: string; message: string }>;
  repr: Record<string, string>; utils: Record<string, any>;
  lm: { V: number; E: number; H: number; tokens: number[][]; state_dict: Record<string, TensorSpec>; lr: number; losses: number[]; final_head_bias: number[] };
};

const TOL = { rtol: 1e-4, atol: 2e-5 };
type Module = InstanceType<typeof nn.Module>;
type Device = 'cpu' | 'meta';

/** The gradient the generator fed each output (a formula, so it is not stored): sin(0.7 i + 1.3 k + 0.1). */
function upstream(shape: number[], k: number, device: Device = 'cpu'): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Array.from({ length: n }, (_, i) => Math.sin(0.7 * i + 1.3 * k + 0.1));
  return torch.tensor(v, { dtype: 'float32', device }).reshape(shape);
}
const leaf = (s: TensorSpec, device: Device = 'cpu') => tensorOf(s, s.shape, device).requires_grad_(true);
const num = (a: Args, k: string, d: number) => (a[k] === undefined ? d : Number(a[k]));
const bool = (a: Args, k: string) => a[k] === true;

function buildLayer(kind: RnnCase['kind'], a: Args, device: Device = 'cpu'): InstanceType<typeof nn.RNNBase> {
  const [I, H, L, bias, bf, p, bi] = [Number(a.input_size), Number(a.hidden_size), num(a, 'num_layers', 1), a.bias !== false,
    bool(a, 'batch_first'), num(a, 'dropout', 0), bool(a, 'bidirectional')];
  const f = { device };
  switch (kind) {
    case 'RNN': return new nn.RNN(I, H, L, String(a.nonlinearity ?? 'tanh'), bias, bf, p, bi, f);
    case 'LSTM': return new nn.LSTM(I, H, L, bias, bf, p, bi, num(a, 'proj_size', 0), f);
    case 'GRU': return new nn.GRU(I, H, L, bias, bf, p, bi, f);
  }
}

function buildCell(kind: CellCase['kind'], a: Args): Module {
  const [I, H, bias] = [Number(a.input_size), Number(a.hidden_size), a.bias !== false];
  switch (kind) {
    case 'RNNCell': return new nn.RNNCell(I, H, bias, String(a.nonlinearity ?? 'tanh'));
    case 'LSTMCell': return new nn.LSTMCell(I, H, bias);
    case 'GRUCell': return new nn.GRUCell(I, H, bias);
  }
}

const stateDictOf = (sd: Record<string, TensorSpec>) => Object.fromEntries(Object.entries(sd).map(([k, v]) => [k, tensorOf(v)]));

function checkParams(m: Module, want: Record<string, TensorSpec>, keys: string[]): void {
  assert.deepEqual([...m.state_dict().keys()], keys, 'state_dict keys');
  assert.deepEqual([...m.named_parameters()].map(([n]) => n), keys, 'named_parameters order');
  for (const [k, v] of m.state_dict()) assertTensorClose(v as Tensor, want[k], `seeded init ${k}`, { rtol: 1e-6, atol: 1e-7 });
}

/** Runs a layer case on cpu: the whole forward/backward, or on meta: the shapes only. */
function runCase(c: RnnCase, device: Device) {
  const m = buildLayer(c.kind, c.args, device);
  if (device === 'cpu') m.load_state_dict(stateDictOf(c.state_dict));
  m.train(c.train);
  const x = leaf(c.x, device);
  const hx = c.hx?.map((s) => leaf(s, device)) ?? null;
  const bf = bool(c.args, 'batch_first');
  const input = c.packed ? nn.utils.rnn.pack_padded_sequence(x, c.packed.lengths, bf, c.packed.enforce_sorted) : x;
  torch.manual_seed(77); // the dropout case's masks: same generator state as the generator script
  const [y, h] = m.call(input, c.kind === 'LSTM' ? hx : hx?.[0] ?? null) as [Tensor | InstanceType<typeof nn.utils.rnn.PackedSequence>, Tensor | Tensor[]];
  const ydata = y instanceof Tensor ? y : y.data;
  const hs = Array.isArray(h) ? h : [h];
  return { m, x, hx, y, ydata, hs };
}

describe('RNN/LSTM/GRU against PyTorch', () => {
  for (const c of golden.cases) {
    test(c.name, () => {
      torch.manual_seed(c.seed);
      checkParams(buildLayer(c.kind, c.args), c.state_dict, c.keys);
      const { m, x, hx, y, ydata, hs } = runCase(c, 'cpu');
      assert.equal(String(m), c.repr);
      assertTensorClose(ydata, c.out, 'output', TOL);
      assert.equal(hs.length, c.hidden.length);
      hs.forEach((t, i) => assertTensorClose(t, c.hidden[i], `hidden[${i}]`, TOL));
      if (c.packed) {
        assert.ok(y instanceof nn.utils.rnn.PackedSequence, 'packed in, packed out');
        assert.deepEqual(y.batch_sizes.tolist(), c.packed.batch_sizes);
        assert.deepEqual(y.sorted_indices?.tolist() ?? null, c.packed.sorted_indices);
        assert.deepEqual(y.unsorted_indices?.tolist() ?? null, c.packed.unsorted_indices);
        const [padded, lens] = nn.utils.rnn.pad_packed_sequence(y, bool(c.args, 'batch_first'));
        assertTensorClose(padded, c.packed.padded, 'pad_packed_sequence(output)', TOL);
        assert.deepEqual(lens.tolist(), c.packed.padded_lengths);
      }
      let loss = ydata.mul(upstream(ydata.shape, 0)).sum();
      hs.forEach((t, i) => { loss = loss.add(t.mul(upstream(t.shape, i + 1)).sum()); });
      loss.backward();
      assertTensorClose(x.grad!, c.x_grad, 'input grad', TOL);
      hx?.forEach((t, i) => assertTensorClose(t.grad!, c.hx_grad![i], `hx[${i}] grad`, TOL));
      for (const [n, p] of m.named_parameters()) assertTensorClose(p.grad!, c.param_grads[n], `${n}.grad`, TOL);
    });
  }
});

describe('RNN/LSTM/GRU on the meta device: shapes without data', () => {
  for (const c of golden.cases) {
    test(c.name, () => {
      const { ydata, hs, x, hx } = runCase(c, 'meta');
      assert.equal(ydata.device, 'meta');
      assert.deepEqual(ydata.shape, c.out.shape);
      hs.forEach((t, i) => assert.deepEqual(t.shape, c.hidden[i].shape));
      let loss = ydata.sum();
      for (const t of hs) loss = loss.add(t.sum());
      loss.backward();
      assert.deepEqual(x.grad!.shape, c.x.shape);
      hx?.forEach((t, i) => assert.deepEqual(t.grad!.shape, c.hx![i].shape));
    });
  }
});

describe('RNNCell/LSTMCell/GRUCell against PyTorch', () => {
  for (const c of golden.cells) {
    test(c.name, () => {
      torch.manual_seed(c.seed);
      checkParams(buildCell(c.kind, c.args), c.state_dict, c.keys);
      const m = buildCell(c.kind, c.args);
      m.load_state_dict(stateDictOf(c.state_dict));
      assert.equal(String(m), c.repr);
      const x = leaf(c.x);
      const hx = c.hx?.map((s) => leaf(s)) ?? null;
      const r = m.call(x, c.kind === 'LSTMCell' ? hx : hx?.[0] ?? null) as Tensor | Tensor[];
      const outs = Array.isArray(r) ? r : [r];
      outs.forEach((t, i) => assertTensorClose(t, c.outs[i], `out[${i}]`, TOL));
      outs.reduce((acc: Tensor | null, t, i) => {
        const term = t.mul(upstream(t.shape, i)).sum();
        return acc ? acc.add(term) : term;
      }, null)!.backward();
      assertTensorClose(x.grad!, c.x_grad, 'input grad', TOL);
      hx?.forEach((t, i) => assertTensorClose(t.grad!, c.hx_grad![i], `hx[${i}] grad`, TOL));
      for (const [n, p] of m.named_parameters()) assertTensorClose(p.grad!, c.param_grads[n], `${n}.grad`, TOL);
    });
  }
});

describe('nn.utils.rnn', () => {
  const u = golden.utils;
  const R = nn.utils.rnn;
  test('pad_sequence (time-major; batch_first with left padding)', () => {
    const seqs = (u.seqs as TensorSpec[]).map((s) => tensorOf(s));
    assertTensorClose(R.pad_sequence(seqs), u.pad_sequence, 'pad_sequence');
    assertTensorClose(R.pad_sequence(seqs, true, -1.0, 'left'), u.pad_sequence_bf_left_pad, 'left padded');
  });
  test('pack_sequence (unsorted) packs data, batch sizes and permutations; gradients reach each sequence', () => {
    const seqs = (u.seqs as TensorSpec[]).map((s) => leaf(s));
    const ps = R.pack_sequence(seqs, false);
    assertTensorClose(ps.data, u.pack_sequence.data, 'data');
    assert.deepEqual(ps.batch_sizes.tolist(), u.pack_sequence.batch_sizes);
    assert.equal(ps.batch_sizes.dtype, 'int64');
    assert.deepEqual(ps.sorted_indices!.tolist(), u.pack_sequence.sorted_indices);
    assert.deepEqual(ps.unsorted_indices!.tolist(), u.pack_sequence.unsorted_indices);
    ps.data.mul(tensorOf(u.pack_sequence_w)).sum().backward();
    seqs.forEach((s, i) => assertTensorClose(s.grad!, u.pack_sequence_grads[i], `seq ${i} grad`));
    const [padded, lens] = R.pad_packed_sequence(ps, true, 9.0, 6);
    assertTensorClose(padded, u.pad_packed_bf_total6.padded, 'pad_packed_sequence');
    assert.deepEqual(lens.tolist(), u.pad_packed_bf_total6.lengths);
    assert.equal(lens.dtype, 'int64');
    const back = R.unpack_sequence(ps);
    back.forEach((s, i) => assert.deepEqual(s.tolist(), seqs[i].tolist()));
  });
  test('pack_sequence (sorted) and the PackedSequence repr', () => {
    const seqs = (u.seqs as TensorSpec[]).map((s) => tensorOf(s));
    const ps = R.pack_sequence([seqs[1], seqs[2], seqs[0]]);
    assertTensorClose(ps.data, u.pack_sequence_sorted.data, 'data');
    assert.deepEqual(ps.batch_sizes.tolist(), u.pack_sequence_sorted.batch_sizes);
    assert.equal(ps.sorted_indices, null);
    assert.equal(String(R.pack_sequence([torch.tensor([1, 2, 3], { dtype: 'float32' }), torch.tensor([4], { dtype: 'float32' })])), u.packed_repr);
    const [data, bs, si, ui] = [...ps];
    assert.equal(data, ps.data); assert.equal(bs, ps.batch_sizes); assert.equal(si, null); assert.equal(ui, null);
  });
});

/** Asserts fn throws the error PyTorch raised for the same mistake. */
function throwsLikeTorch(name: string, fn: () => unknown): void {
  const want = golden.errors[name];
  assert.ok(want, `no fixture error ${name}`);
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof TorchError, `expected a TorchError, got ${String(e)}`);
    assert.equal(e.kind, want.type);
    assert.equal(e.message, want.message);
    return true;
  });
}

test('errors read as PyTorch\'s', () => {
  const r = (...s: number[]) => torch.randn(s);
  const R = nn.utils.rnn;
  const cases: Record<string, () => unknown> = {
    pack_unsorted_enforced: () => R.pack_padded_sequence(torch.zeros([3, 2, 1]), [1, 3]),
    pack_zero_length: () => R.pack_padded_sequence(torch.zeros([3, 2, 1]), [3, 0]),
    pack_lengths_count: () => R.pack_padded_sequence(torch.zeros([3, 2, 1]), [3, 2, 1]),
    pad_packed_total_length: () => R.pad_packed_sequence(R.pack_sequence([torch.zeros([4]), torch.zeros([2])]), false, 0, 3),
    pad_sequence_empty: () => R.pad_sequence([]),
    input_size: () => new nn.LSTM(10, 20).call(r(5, 3, 5)),
    hidden_size: () => new nn.RNN(10, 20, 2).call(r(5, 3, 10), r(1, 3, 20)),
    lstm_hidden0: () => new nn.LSTM(10, 20).call(r(5, 3, 10), [r(1, 2, 20), r(1, 3, 20)]),
    lstm_hidden1: () => new nn.LSTM(10, 20, 1, true, false, 0, false, 5).call(r(5, 3, 10), [r(1, 3, 5), r(1, 3, 5)]),
    rnn_4d: () => new nn.RNN(2, 3).call(r(1, 2, 3, 2)),
    lstm_4d: () => new nn.LSTM(2, 3).call(r(1, 2, 3, 2)),
    gru_1d: () => new nn.GRU(2, 3).call(r(2)),
    rnn_unbatched_hx: () => new nn.RNN(2, 3).call(r(4, 2), r(1, 1, 3)),
    gru_batched_hx: () => new nn.GRU(2, 3).call(r(4, 1, 2), r(1, 3)),
    lstm_batched_hx: () => new nn.LSTM(2, 3).call(r(4, 1, 2), [r(1, 3), r(1, 1, 3)]),
    lstm_unbatched_hx: () => new nn.LSTM(2, 3).call(r(4, 2), [r(1, 3), r(1, 1, 3)]),
    dtype: () => new nn.RNN(2, 3).call(torch.randn([4, 1, 2], { dtype: 'float64' })),
    dropout_range: () => new nn.LSTM(2, 3, 1, true, false, 1.5),
    hidden_zero: () => new nn.GRU(2, 0),
    input_zero: () => new nn.GRU(0, 2),
    layers_zero: () => new nn.RNN(2, 3, 0),
    proj_negative: () => new nn.LSTM(2, 3, 1, true, false, 0, false, -1),
    proj_too_big: () => new nn.LSTM(2, 3, 1, true, false, 0, false, 3),
    nonlinearity: () => new nn.RNN(2, 3, 1, 'sigmoid'),
    proj_on_gru: () => new nn.GRU(2, 3, 1, true, false, 0, false, { proj_size: 1 }),
    cell_3d: () => new nn.LSTMCell(2, 3).call(r(1, 1, 2)),
    cell_hidden_3d: () => new nn.GRUCell(2, 3).call(r(1, 2), r(1, 1, 3)),
    cell_hx_3d: () => new nn.LSTMCell(2, 3).call(r(1, 2), [r(1, 3), r(1, 1, 3)]),
    rnncell_3d: () => new nn.RNNCell(2, 3).call(r(1, 1, 2)),
    cell_input_size: () => new nn.LSTMCell(2, 3).call(r(4, 5)),
    cell_batch: () => new nn.GRUCell(2, 3).call(r(4, 2), r(2, 3)),
    cell_hidden_size: () => new nn.RNNCell(2, 3).call(r(4, 2), r(4, 5)),
    lstmcell_c_size: () => new nn.LSTMCell(2, 3).call(r(4, 2), [r(4, 3), r(4, 2)]),
  };
  assert.deepEqual(Object.keys(cases).sort(), Object.keys(golden.errors).sort(), 'every fixture error has a case');
  for (const [name, fn] of Object.entries(cases)) throwsLikeTorch(name, fn);
  // The same shape errors on the meta device.
  torch.set_default_device('meta');
  try {
    throwsLikeTorch('input_size', cases.input_size);
    throwsLikeTorch('hidden_size', cases.hidden_size);
  } finally { torch.set_default_device('cpu'); }
});

test('reprs match PyTorch', () => {
  const R = golden.repr;
  assert.equal(String(new nn.LSTM(10, 20, 2, true, true, 0, true)), R.lstm_full);
  assert.equal(String(new nn.RNN(4, 8, 2, 'relu', false, false, 0.25)), R.rnn_relu);
  assert.equal(String(new nn.RNN(4, 8)), R.rnn_tanh);
  assert.equal(String(new nn.GRU(3, 6, 3, true, false, 1)), R.gru_dropout_int);
  assert.equal(String(new nn.LSTM(10, 20, 1, true, false, 0, false, 5)), R.lstm_proj);
  assert.equal(String(new nn.RNNCell(3, 4, false, 'relu')), R.rnncell_relu);
  assert.equal(String(new nn.LSTMCell(3, 4)), R.lstmcell);
  assert.equal(String(new nn.GRUCell(3, 4, false)), R.grucell);
  assert.equal(String(new LM(11, 6, 8)), R.lm);
});

test('one input projection per layer and direction, then one matmul per step', () => {
  const [T, B, I, H] = [6, 2, 3, 4];
  const m = new nn.LSTM(I, H, 2, true, false, 0, true);
  const calls: number[] = [];
  const stop = onOpCount((op, macs) => { if (op === 'matmul') calls.push(macs); });
  try { m.call(torch.randn([T, B, I])); } finally { stop(); }
  assert.equal(calls.length, 2 * 2 * (1 + T));
  assert.ok(calls.includes(T * B * I * 4 * H), 'layer 0 projects all time steps in one GEMM');
  assert.ok(calls.includes(T * B * 2 * H * 4 * H), 'layer 1 projects both directions\' outputs in one GEMM');
});

test('all_weights and _flat_weights follow PyTorch\'s layout', () => {
  const m = new nn.LSTM(3, 5, 2, false, false, 0, true, 2);
  assert.deepEqual(m._all_weights[0], ['weight_ih_l0', 'weight_hh_l0', 'weight_hr_l0']);
  assert.deepEqual(m._all_weights[3], ['weight_ih_l1_reverse', 'weight_hh_l1_reverse', 'weight_hr_l1_reverse']);
  assert.deepEqual(m.all_weights[2].map((p) => p.shape), [[20, 4], [20, 2], [2, 5]]);
  assert.equal(m._flat_weights.length, 12);
});

test('no backend tensors leak through a forward and backward (wasm kernels)', async () => {
  await backend.initBackend({ backend: 'wasm' });
  const m = new nn.GRU(8, 16, 2, true, false, 0, true);
  const x = torch.randn([5, 4, 8], { requires_grad: true });
  const run = () => { const [y] = m.call(x) as [Tensor]; y.sum().backward(); };
  run();
  const before = backend.memory().numTensors;
  run();
  assert.equal(backend.memory().numTensors, before);
});

test('RNNCell accepts any nonlinearity name and rejects an unknown one when called, as PyTorch', () => {
  const cell = new nn.RNNCell(2, 3, true, 'sigmoid');
  assert.throws(() => cell.call(torch.randn([1, 2])), (e: unknown) => e instanceof TorchError && e.kind === 'RuntimeError' && e.message === 'Unknown nonlinearity: sigmoid');
});

test('weights replaced through load_state_dict(assign=True) are the ones the recurrence uses', () => {
  const m = new nn.RNN(2, 3, 1, 'tanh', false);
  const sd = { weight_ih_l0: torch.zeros([3, 2]), weight_hh_l0: torch.zeros([3, 3]) };
  m.load_state_dict(sd, true, true);
  const [y, h] = m.call(torch.randn([4, 1, 2])) as [Tensor, Tensor];
  assert.deepEqual(y.abs().sum().item(), 0);
  assert.deepEqual(h.shape, [1, 1, 3]);
  assert.equal(m._flat_weights[0], m.__getattr__('weight_ih_l0'));
});

// ---------------- training parity: Embedding → 2-layer LSTM → Linear, 20 Adam steps ----------------

class LM extends nn.Module {
  static override pyName = 'LM';
  static override pyModule = '__main__';
  constructor(V: number, E: number, H: number) {
    super();
    this.__setattr__('emb', new nn.Embedding(V, E));
    this.__setattr__('lstm', new nn.LSTM(E, H, 2, true, true));
    this.__setattr__('head', new nn.Linear(H, V));
  }
  override forward(x: Tensor): Tensor {
    const sub = (n: string) => this.__getattr__(n) as Module;
    const [y] = sub('lstm').call(sub('emb').call(x)) as [Tensor];
    return sub('head').call(y) as Tensor;
  }
}

test('an LSTM language model trains like PyTorch: 20 Adam steps, loss within 1e-4 relative at each', () => {
  const g = golden.lm;
  const lm = new LM(g.V, g.E, g.H);
  lm.load_state_dict(stateDictOf(g.state_dict));
  const tokens = torch.tensor(g.tokens, { dtype: 'int64' });
  const T = g.tokens[0].length;
  const inputs = tokens.narrow(1, 0, T - 1), targets = tokens.narrow(1, 1, T - 1).reshape([-1]);
  const opt = new Adam(lm.parameters(), { lr: g.lr });
  const lossFn = new nn.CrossEntropyLoss();
  g.losses.forEach((want, step) => {
    opt.zero_grad();
    const logits = lm.call(inputs) as Tensor;
    const loss = lossFn.call(logits.reshape([-1, g.V]), targets) as Tensor;
    loss.backward();
    opt.step();
    const got = Number(loss.item());
    assert.ok(Math.abs(got - want) <= 1e-4 * Math.abs(want), `step ${step}: loss ${got}, PyTorch ${want}`);
  });
  const bias = (lm.__getattr__('head') as InstanceType<typeof nn.Linear>).bias!;
  (bias.tolist() as number[]).forEach((b, i) => assert.ok(Math.abs(b - g.final_head_bias[i]) < 1e-4, `head.bias[${i}]`));
});
