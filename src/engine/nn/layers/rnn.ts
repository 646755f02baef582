// nn.RNN, nn.LSTM, nn.GRU and nn.RNNCell/LSTMCell/GRUCell (torch.nn.modules.rnn): PyTorch's parameter
// names and order, default init U(±1/√hidden_size), argument checks and error texts, unbatched and
// PackedSequence inputs, and extra_repr. The recurrences themselves are in functional/rnn.ts.
import type { Tensor } from '../../tensor';
import { runtimeError, typeError, valueError } from '../../errors';
import { empty, zeros } from '../../ops/creation';
import { index_select } from '../../ops/scatter';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as init from '../init';
import { rnnLayers, rnn_tanh_cell, rnn_relu_cell, lstm_cell, gru_cell, type RnnMode } from '../functional/rnn';
import { PackedSequence, intList } from '../utils/rnn';
import type { FactoryKwargs } from './linear';
import { pyFloat } from './repr';

/** RNN and GRU take no proj_size; PyTorch still rejects it by name, so the bindings can pass it through. */
export type RnnFactoryKwargs = FactoryKwargs & { proj_size?: number };

const fmtTuple = (s: readonly number[]) => `(${s.join(', ')})`;
const fmtList = (s: readonly number[]) => `[${s.join(', ')}]`;
const pyInt = (name: string, v: number) => {
  if (!Number.isInteger(v)) throw typeError(`${name} should be of type int, got: float`);
};
const dtypeName = (d: string) => `torch.${d}`;

export class RNNBase extends Module {
  static override pyName = 'RNNBase';
  static override pyModule = 'torch.nn.modules.rnn';
  mode: RnnMode; input_size: number; hidden_size: number; num_layers: number; bias: boolean;
  batch_first: boolean; dropout: number; bidirectional: boolean; proj_size: number;
  _flat_weights_names: string[] = [];
  _all_weights: string[][] = [];

  constructor(mode: RnnMode, input_size: number, hidden_size: number, num_layers = 1, bias = true, batch_first = false,
    dropout = 0.0, bidirectional = false, proj_size = 0, factory: FactoryKwargs = {}) {
    super();
    this.mode = mode;
    this.input_size = input_size; this.hidden_size = hidden_size; this.num_layers = num_layers; this.bias = bias;
    this.batch_first = batch_first; this.dropout = dropout; this.bidirectional = bidirectional; this.proj_size = proj_size;
    if (typeof dropout !== 'number' || !(dropout >= 0 && dropout <= 1)) {
      throw valueError('dropout should be a number in range [0, 1] representing the probability of an element being zeroed');
    }
    pyInt('input_size', input_size);
    if (input_size <= 0) throw valueError('input_size must be greater than zero');
    pyInt('hidden_size', hidden_size);
    if (hidden_size <= 0) throw valueError('hidden_size must be greater than zero');
    if (num_layers <= 0) throw valueError('num_layers must be greater than zero');
    if (proj_size < 0) throw valueError('proj_size should be a positive integer or zero to disable projections');
    if (proj_size >= hidden_size) throw valueError('proj_size has to be smaller than hidden_size');
    const gate = mode === 'LSTM' ? 4 * hidden_size : mode === 'GRU' ? 3 * hidden_size : hidden_size;
    const D = bidirectional ? 2 : 1;
    const real = proj_size > 0 ? proj_size : hidden_size;
    const o = { dtype: factory.dtype ?? null, device: factory.device ?? null };
    for (let layer = 0; layer < num_layers; layer++) {
      for (let dir = 0; dir < D; dir++) {
        const inSize = layer === 0 ? input_size : real * D;
        const sfx = `_l${layer}${dir === 1 ? '_reverse' : ''}`;
        const shapes: [string, number[]][] = [[`weight_ih${sfx}`, [gate, inSize]], [`weight_hh${sfx}`, [gate, real]]];
        if (bias) shapes.push([`bias_ih${sfx}`, [gate]], [`bias_hh${sfx}`, [gate]]);
        if (proj_size > 0) shapes.push([`weight_hr${sfx}`, [proj_size, hidden_size]]);
        for (const [name, shape] of shapes) this.register_parameter(name, new Parameter(empty(shape, o)));
        const names = shapes.map(([n]) => n);
        this._flat_weights_names.push(...names);
        this._all_weights.push(names);
      }
    }
    this.reset_parameters();
  }

  /** The weights in the order the recurrence takes them (read live, so load_state_dict(assign=True) is seen). */
  get _flat_weights(): Tensor[] { return this._flat_weights_names.map((n) => this._getattr(n) as Tensor); }
  get all_weights(): Parameter[][] { return this._all_weights.map((ns) => ns.map((n) => this._getattr(n) as Parameter)); }
  /** cuDNN weight compaction; a no-op off the GPU, as in PyTorch. */
  flatten_parameters(): void {}

  reset_parameters(): void {
    const stdv = this.hidden_size > 0 ? 1.0 / Math.sqrt(this.hidden_size) : 0;
    for (const w of this.parameters()) init.uniform_(w, -stdv, stdv);
  }

  check_input(input: Tensor, batch_sizes: number[] | null): void {
    const wd = this._flat_weights[0].dtype;
    if (input.dtype !== wd) {
      throw valueError(`RNN input dtype (${dtypeName(input.dtype)}) does not match weight dtype (${dtypeName(wd)}). Convert input: input.to(${dtypeName(wd)}), or convert model: model.to(${dtypeName(input.dtype)})`);
    }
    const expected = batch_sizes !== null ? 2 : 3;
    if (input.dim() !== expected) throw runtimeError(`input must have ${expected} dimensions, got ${input.dim()}`);
    if (this.input_size !== input.shape[input.dim() - 1]) {
      throw runtimeError(`input.size(-1) must be equal to input_size. Expected ${this.input_size}, got ${input.shape[input.dim() - 1]}`);
    }
  }

  _miniBatch(input: Tensor, batch_sizes: number[] | null): number {
    return batch_sizes !== null ? batch_sizes[0] : this.batch_first ? input.shape[0] : input.shape[1];
  }
  get_expected_hidden_size(input: Tensor, batch_sizes: number[] | null): number[] {
    const D = this.bidirectional ? 2 : 1;
    return [this.num_layers * D, this._miniBatch(input, batch_sizes), this.proj_size > 0 ? this.proj_size : this.hidden_size];
  }
  check_hidden_size(hx: Tensor, expected: number[], msg = 'Expected hidden size'): void {
    if (hx.dim() !== expected.length || hx.shape.some((s, i) => s !== expected[i])) {
      throw runtimeError(`${msg} ${fmtTuple(expected)}, got ${fmtList(hx.shape)}`);
    }
  }
  check_forward_args(input: Tensor, hidden: Tensor, batch_sizes: number[] | null): void {
    this.check_input(input, batch_sizes);
    this.check_hidden_size(hidden, this.get_expected_hidden_size(input, batch_sizes));
  }

  /** Shared forward of RNN/GRU/LSTM: unbatched and packed inputs, default states, the sort permutation. */
  _run(input: Tensor | PackedSequence, hx: Tensor[] | null): [Tensor | PackedSequence, Tensor[]] {
    const D = this.bidirectional ? 2 : 1;
    const lstm = this.mode === 'LSTM';
    const packed = input instanceof PackedSequence ? input : null;
    let x: Tensor, batchSizes: number[] | null = null, unbatched = false;
    const batchDim = this.batch_first ? 0 : 1;
    if (packed) {
      x = packed.data;
      batchSizes = intList(packed.batch_sizes);
    } else {
      x = input as Tensor;
      const kind = this.mode.startsWith('RNN') ? 'RNN' : this.mode;
      if (x.dim() !== 2 && x.dim() !== 3) {
        throw valueError(`${kind}: Expected input to be 2D or 3D, got ${x.dim()}D${kind === 'RNN' ? ' tensor' : ''} instead`);
      }
      unbatched = x.dim() === 2;
      if (hx) {
        const want = unbatched ? 2 : 3;
        if (hx.some((h) => h.dim() !== want)) {
          const which = unbatched ? 'unbatched 2-D' : 'batched 3-D';
          throw runtimeError(lstm
            ? `For ${which} input, hx and cx should also be ${want}-D but got (${hx[0].dim()}-D, ${hx[1].dim()}-D) tensors`
            : `For ${which} input, hx should also be ${want}-D but got ${hx[0].dim()}-D tensor`);
        }
        if (unbatched) hx = hx.map((h) => h.unsqueeze(1));
      }
      if (unbatched) x = x.unsqueeze(batchDim);
    }
    const B = this._miniBatch(x, batchSizes);
    const real = this.proj_size > 0 ? this.proj_size : this.hidden_size;
    const zerosOf = (n: number) => zeros([this.num_layers * D, B, n], { dtype: x.dtype, device: x.device });
    const given = hx !== null;
    hx ??= lstm ? [zerosOf(real), zerosOf(this.hidden_size)] : [zerosOf(this.hidden_size)];
    this.check_input(x, batchSizes);
    if (lstm) {
      this.check_hidden_size(hx[0], this.get_expected_hidden_size(x, batchSizes), 'Expected hidden[0] size');
      this.check_hidden_size(hx[1], [this.num_layers * D, B, this.hidden_size], 'Expected hidden[1] size');
    } else this.check_hidden_size(hx[0], this.get_expected_hidden_size(x, batchSizes));
    // A user's states follow the caller's batch order; the packed data is sorted by length.
    if (given && packed?.sorted_indices) hx = hx.map((h) => index_select(h, 1, packed.sorted_indices!));
    const [out, states] = rnnLayers(this.mode, x, batchSizes, hx, this._flat_weights, {
      has_biases: this.bias, num_layers: this.num_layers, dropout: this.dropout, train: this.training,
      bidirectional: this.bidirectional, batch_first: this.batch_first,
    });
    if (packed) {
      const un = packed.unsorted_indices;
      return [new PackedSequence(out, packed.batch_sizes, packed.sorted_indices, un), un ? states.map((s) => index_select(s, 1, un)) : states];
    }
    if (unbatched) return [out.squeeze(batchDim), states.map((s) => s.squeeze(1))];
    return [out, states];
  }

  override extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (this.proj_size !== 0) s += `, proj_size=${this.proj_size}`;
    if (this.num_layers !== 1) s += `, num_layers=${this.num_layers}`;
    if (this.bias !== true) s += `, bias=${this.bias ? 'True' : 'False'}`;
    if (this.batch_first !== false) s += `, batch_first=${this.batch_first ? 'True' : 'False'}`;
    if (this.dropout !== 0) s += `, dropout=${pyFloat(this.dropout)}`;
    if (this.bidirectional !== false) s += `, bidirectional=${this.bidirectional ? 'True' : 'False'}`;
    return s;
  }
}

function rejectProj(factory: RnnFactoryKwargs): void {
  if (factory.proj_size !== undefined) throw valueError('proj_size argument is only supported for LSTM, not RNN or GRU');
}

export class RNN extends RNNBase {
  static override pyName = 'RNN';
  nonlinearity: string;
  constructor(input_size: number, hidden_size: number, num_layers = 1, nonlinearity = 'tanh', bias = true, batch_first = false,
    dropout = 0.0, bidirectional = false, factory: RnnFactoryKwargs = {}) {
    rejectProj(factory);
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
      throw valueError(`Unknown nonlinearity '${nonlinearity}'. Select from 'tanh' or 'relu'.`);
    }
    super(nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, 0, factory);
    this.nonlinearity = nonlinearity;
  }
  /** Returns (output, h_n); output is a PackedSequence when the input is one. */
  override forward(input: Tensor | PackedSequence, hx: Tensor | null = null): [Tensor | PackedSequence, Tensor] {
    const [out, [h]] = this._run(input, hx ? [hx] : null);
    return [out, h];
  }
  // PyTorch's RNN repr leaves out the nonlinearity (RNNBase.extra_repr does not print it; the cells do).
}

export class LSTM extends RNNBase {
  static override pyName = 'LSTM';
  constructor(input_size: number, hidden_size: number, num_layers = 1, bias = true, batch_first = false, dropout = 0.0,
    bidirectional = false, proj_size = 0, factory: FactoryKwargs = {}) {
    super('LSTM', input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, proj_size, factory);
  }
  /** Returns (output, (h_n, c_n)). */
  override forward(input: Tensor | PackedSequence, hx: readonly [Tensor, Tensor] | null = null): [Tensor | PackedSequence, [Tensor, Tensor]] {
    const [out, [h, c]] = this._run(input, hx ? [hx[0], hx[1]] : null);
    return [out, [h, c]];
  }
}

export class GRU extends RNNBase {
  static override pyName = 'GRU';
  constructor(input_size: number, hidden_size: number, num_layers = 1, bias = true, batch_first = false, dropout = 0.0,
    bidirectional = false, factory: RnnFactoryKwargs = {}) {
    rejectProj(factory);
    super('GRU', input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, 0, factory);
  }
  override forward(input: Tensor | PackedSequence, hx: Tensor | null = null): [Tensor | PackedSequence, Tensor] {
    const [out, [h]] = this._run(input, hx ? [hx] : null);
    return [out, h];
  }
}

// ---------------- cells ----------------

export class RNNCellBase extends Module {
  static override pyName = 'RNNCellBase';
  static override pyModule = 'torch.nn.modules.rnn';
  input_size: number; hidden_size: number; bias: boolean;

  constructor(input_size: number, hidden_size: number, bias: boolean, num_chunks: number, factory: FactoryKwargs = {}) {
    super();
    this.input_size = input_size; this.hidden_size = hidden_size; this.bias = bias;
    const o = { dtype: factory.dtype ?? null, device: factory.device ?? null };
    this.register_parameter('weight_ih', new Parameter(empty([num_chunks * hidden_size, input_size], o)));
    this.register_parameter('weight_hh', new Parameter(empty([num_chunks * hidden_size, hidden_size], o)));
    this.register_parameter('bias_ih', bias ? new Parameter(empty([num_chunks * hidden_size], o)) : null);
    this.register_parameter('bias_hh', bias ? new Parameter(empty([num_chunks * hidden_size], o)) : null);
    this.reset_parameters();
  }

  get weight_ih(): Parameter { return this._getattr('weight_ih') as Parameter; }
  get weight_hh(): Parameter { return this._getattr('weight_hh') as Parameter; }
  get bias_ih(): Parameter | null { return this._getattr('bias_ih') as Parameter | null; }
  get bias_hh(): Parameter | null { return this._getattr('bias_hh') as Parameter | null; }

  reset_parameters(): void {
    const stdv = this.hidden_size > 0 ? 1.0 / Math.sqrt(this.hidden_size) : 0;
    for (const w of this.parameters()) init.uniform_(w, -stdv, stdv);
  }

  /** Validates dims, adds the batch dim of unbatched input and the zero state; returns [input, states, batched]. */
  _prepare(input: Tensor, hx: Tensor[] | null, lstm: boolean): [Tensor, Tensor[], boolean] {
    const name = this._get_name();
    if (input.dim() !== 1 && input.dim() !== 2) throw valueError(`${name}: Expected input to be 1D or 2D, got ${input.dim()}D instead`);
    hx?.forEach((h, i) => {
      if (h.dim() !== 1 && h.dim() !== 2) {
        throw valueError(`${name}: Expected ${lstm ? `hx[${i}]` : 'hidden'} to be 1D or 2D, got ${h.dim()}D instead`);
      }
    });
    const batched = input.dim() === 2;
    const x = batched ? input : input.unsqueeze(0);
    const z = () => zeros([x.shape[0], this.hidden_size], { dtype: x.dtype, device: x.device });
    const states = hx ? (batched ? hx : hx.map((h) => h.unsqueeze(0))) : lstm ? [z(), z()] : [z()];
    return [x, states, batched];
  }

  override extra_repr(): string {
    let s = `${this.input_size}, ${this.hidden_size}`;
    if (this.bias !== true) s += `, bias=${this.bias ? 'True' : 'False'}`;
    return s;
  }
}

export class RNNCell extends RNNCellBase {
  static override pyName = 'RNNCell';
  nonlinearity: string;
  constructor(input_size: number, hidden_size: number, bias = true, nonlinearity = 'tanh', factory: FactoryKwargs = {}) {
    super(input_size, hidden_size, bias, 1, factory);
    this.nonlinearity = nonlinearity;
  }
  override forward(input: Tensor, hx: Tensor | null = null): Tensor {
    const [x, [h], batched] = this._prepare(input, hx ? [hx] : null, false);
    let fn: typeof rnn_tanh_cell;
    if (this.nonlinearity === 'tanh') fn = rnn_tanh_cell;
    else if (this.nonlinearity === 'relu') fn = rnn_relu_cell;
    else throw runtimeError(`Unknown nonlinearity: ${this.nonlinearity}`);
    const r = fn(x, h, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    return batched ? r : r.squeeze(0);
  }
  override extra_repr(): string {
    return super.extra_repr() + (this.nonlinearity !== 'tanh' ? `, nonlinearity=${this.nonlinearity}` : '');
  }
}

export class LSTMCell extends RNNCellBase {
  static override pyName = 'LSTMCell';
  constructor(input_size: number, hidden_size: number, bias = true, factory: FactoryKwargs = {}) {
    super(input_size, hidden_size, bias, 4, factory);
  }
  override forward(input: Tensor, hx: readonly [Tensor, Tensor] | null = null): [Tensor, Tensor] {
    const [x, [h, c], batched] = this._prepare(input, hx ? [hx[0], hx[1]] : null, true);
    const [h1, c1] = lstm_cell(x, [h, c], this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    return batched ? [h1, c1] : [h1.squeeze(0), c1.squeeze(0)];
  }
}

export class GRUCell extends RNNCellBase {
  static override pyName = 'GRUCell';
  constructor(input_size: number, hidden_size: number, bias = true, factory: FactoryKwargs = {}) {
    super(input_size, hidden_size, bias, 3, factory);
  }
  override forward(input: Tensor, hx: Tensor | null = null): Tensor {
    const [x, [h], batched] = this._prepare(input, hx ? [hx] : null, false);
    const r = gru_cell(x, h, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    return batched ? r : r.squeeze(0);
  }
}
