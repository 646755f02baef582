// The recurrences behind nn.RNN/LSTM/GRU and their cells (torch.rnn_tanh_cell, lstm_cell, gru_cell and
// the layer stack of torch.lstm & co.), composed from addmm, sigmoid/tanh, mul/add and views — no
// backward of their own. Gate order as PyTorch: LSTM i,f,g,o; GRU r,z,n with n = tanh(W_in x + b_in + r*(W_hn h + b_hn)).
import type { Tensor } from '../../tensor';
import { runtimeError, assertNever } from '../../errors';
import { addmm, linear, mm } from '../../ops/matmul';
import { cat, stack, split, unbind, chunk } from '../../ops/shape_ops';
import { dropout as dropoutFn } from './dropout';

export type RnnMode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

/** One layer-direction's weights, in the order of PyTorch's flat weight list. */
export interface CellParams { w_ih: Tensor; w_hh: Tensor; b_ih: Tensor | null; b_hh: Tensor | null; w_hr: Tensor | null }

/** The recurrent state: [h] for RNN/GRU, [h, c] for LSTM. */
type State = Tensor[];

/**
 * The input half of every gate for all rows at once (one GEMM per layer-direction for the whole
 * sequence). RNN and LSTM add both biases here, so each step is a single addmm; GRU keeps b_hh for
 * its hidden half because the reset gate multiplies it.
 */
function projectInput(mode: RnnMode, x: Tensor, p: CellParams): Tensor {
  let bias = p.b_ih;
  if (mode !== 'GRU' && p.b_ih && p.b_hh) bias = p.b_ih.add(p.b_hh);
  return linear(x, p.w_ih, bias);
}

/**
 * The hidden-side weights of one layer-direction, transposed into contiguous memory once per call:
 * the backend's GEMM wants untransposed operands, and each step's weight gradient then accumulates
 * into a dense buffer (one transpose back at the end instead of one per step).
 */
interface Recurrent { whhT: Tensor; b_hh: Tensor | null; whrT: Tensor | null }
const recurrent = (p: CellParams): Recurrent => ({
  whhT: p.w_hh.t().contiguous(), b_hh: p.b_hh, whrT: p.w_hr ? p.w_hr.t().contiguous() : null,
});

/** One time step from the projected input `gi` (rows, gates) and the state. */
function step(mode: RnnMode, gi: Tensor, state: State, w: Recurrent): State {
  const h = state[0];
  switch (mode) {
    case 'RNN_TANH': return [addmm(gi, h, w.whhT).tanh()];
    case 'RNN_RELU': return [addmm(gi, h, w.whhT).relu()];
    case 'LSTM': {
      const [i, f, g, o] = chunk(addmm(gi, h, w.whhT), 4, 1);
      const c = f.sigmoid().mul(state[1]).add(i.sigmoid().mul(g.tanh()));
      let hy = o.sigmoid().mul(c.tanh());
      if (w.whrT) hy = mm(hy, w.whrT);
      return [hy, c];
    }
    case 'GRU': {
      const [ir, iz, inn] = chunk(gi, 3, 1);
      const [hr, hz, hn] = chunk(w.b_hh ? addmm(w.b_hh, h, w.whhT) : mm(h, w.whhT), 3, 1);
      const r = ir.add(hr).sigmoid();
      const z = iz.add(hz).sigmoid();
      const n = inn.add(r.mul(hn)).tanh();
      return [h.sub(n).mul(z).add(n)];
    }
    default: return assertNever(mode, 'RNN mode');
  }
}

// ---------------- cells (torch.rnn_tanh_cell & co.: 2-D input and state) ----------------

function checkCellInput(x: Tensor, w_ih: Tensor): void {
  if (x.shape[1] !== w_ih.shape[1]) throw runtimeError(`input has inconsistent input_size: got ${x.shape[1]} expected ${w_ih.shape[1]}`);
}
function checkCellHidden(x: Tensor, h: Tensor, idx: number, hiddenSize: number): void {
  if (x.shape[0] !== h.shape[0]) throw runtimeError(`Input batch size ${x.shape[0]} doesn't match hidden${idx} batch size ${h.shape[0]}`);
  if (h.shape[1] !== hiddenSize) throw runtimeError(`hidden${idx} has inconsistent hidden_size: got ${h.shape[1]}, expected ${hiddenSize}`);
}

function cell(mode: RnnMode, input: Tensor, state: State, p: CellParams): State {
  checkCellInput(input, p.w_ih);
  state.forEach((s, i) => checkCellHidden(input, s, i, p.w_hh.shape[1]));
  return step(mode, projectInput(mode, input, p), state, recurrent(p));
}

const params = (w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | null, b_hh: Tensor | null): CellParams => ({ w_ih, w_hh, b_ih, b_hh, w_hr: null });

export const rnn_tanh_cell = (input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | null = null, b_hh: Tensor | null = null): Tensor =>
  cell('RNN_TANH', input, [hx], params(w_ih, w_hh, b_ih, b_hh))[0];
export const rnn_relu_cell = (input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | null = null, b_hh: Tensor | null = null): Tensor =>
  cell('RNN_RELU', input, [hx], params(w_ih, w_hh, b_ih, b_hh))[0];
export const gru_cell = (input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | null = null, b_hh: Tensor | null = null): Tensor =>
  cell('GRU', input, [hx], params(w_ih, w_hh, b_ih, b_hh))[0];
export function lstm_cell(input: Tensor, hx: readonly [Tensor, Tensor], w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | null = null, b_hh: Tensor | null = null): [Tensor, Tensor] {
  const [h, c] = cell('LSTM', input, [hx[0], hx[1]], params(w_ih, w_hh, b_ih, b_hh));
  return [h, c];
}

// ---------------- one layer, one direction ----------------

/** A padded (T, B, *) sequence: one projected slice per step, outputs stacked back in time order. */
function runPadded(mode: RnnMode, x: Tensor, state0: State, p: CellParams, reverse: boolean): [Tensor, State] {
  const gis = unbind(projectInput(mode, x, p), 0);
  const w = recurrent(p);
  const outs = new Array<Tensor>(gis.length);
  let state = state0;
  for (let k = 0; k < gis.length; k++) {
    const t = reverse ? gis.length - 1 - k : k;
    state = step(mode, gis[t], state, w);
    outs[t] = state[0];
  }
  return [stack(outs, 0), state];
}

/**
 * Packed data: step t has the first bs[t] sequences. Going forward, sequences that end leave the batch
 * (their rows of the state are final); going backward, each sequence joins at its last step from h0.
 */
function runPacked(mode: RnnMode, data: Tensor, bs: number[], state0: State, p: CellParams, reverse: boolean): [Tensor, State] {
  const gis = split(projectInput(mode, data, p), bs, 0);
  const w = recurrent(p);
  const T = bs.length;
  const outs = new Array<Tensor>(T);
  if (!reverse) {
    let state = state0;
    const done: State[] = [];
    for (let t = 0; t < T; t++) {
      const rows = state[0].shape[0];
      if (bs[t] < rows) {
        const parts = state.map((s) => split(s, [bs[t], rows - bs[t]], 0));
        done.push(parts.map((pp) => pp[1]));
        state = parts.map((pp) => pp[0]);
      }
      state = step(mode, gis[t], state, w);
      outs[t] = state[0];
    }
    done.reverse();
    const final = state.map((s, j) => (done.length ? cat([s, ...done.map((d) => d[j])], 0) : s));
    return [cat(outs, 0), final];
  }
  const B = state0[0].shape[0];
  let state = state0.map((s) => (bs[T - 1] < B ? s.narrow(0, 0, bs[T - 1]) : s));
  for (let t = T - 1; t >= 0; t--) {
    const rows = state[0].shape[0];
    if (bs[t] > rows) state = state.map((s, j) => cat([s, state0[j].narrow(0, rows, bs[t] - rows)], 0));
    state = step(mode, gis[t], state, w);
    outs[t] = state[0];
  }
  return [cat(outs, 0), state];
}

// ---------------- the layer stack (torch.lstm / gru / rnn_tanh / rnn_relu) ----------------

export interface RnnOptions {
  has_biases: boolean; num_layers: number; dropout: number; train: boolean; bidirectional: boolean; batch_first: boolean;
}

/** Groups the flat weight list into per layer-direction params (PyTorch's _all_weights layout). */
function groupParams(flat: readonly Tensor[], o: RnnOptions): CellParams[] {
  const groups = o.num_layers * (o.bidirectional ? 2 : 1);
  const per = flat.length / groups;
  const base = o.has_biases ? 4 : 2;
  if (!Number.isInteger(per) || (per !== base && per !== base + 1)) {
    throw runtimeError(`rnn: expected ${groups * base} or ${groups * (base + 1)} weights, got ${flat.length}`);
  }
  return Array.from({ length: groups }, (_, g) => {
    const w = flat.slice(g * per, (g + 1) * per);
    return { w_ih: w[0], w_hh: w[1], b_ih: o.has_biases ? w[2] : null, b_hh: o.has_biases ? w[3] : null, w_hr: per === base + 1 ? w[base] : null };
  });
}

/**
 * Runs the stacked, possibly bidirectional recurrence. `input` is (T, B, I) (or (B, T, I) with
 * batch_first), or packed data (N, I) when `batch_sizes` is given. `hx` holds the initial states,
 * each (num_layers * num_directions, B, *). Returns the output and the final states in hx's layout.
 */
export function rnnLayers(mode: RnnMode, input: Tensor, batch_sizes: number[] | null, hx: readonly Tensor[], flat: readonly Tensor[], o: RnnOptions): [Tensor, Tensor[]] {
  const ps = groupParams(flat, o);
  const D = o.bidirectional ? 2 : 1;
  const initial = hx.map((h) => unbind(h, 0));
  const finals: Tensor[][] = hx.map(() => []);
  let x = batch_sizes === null && o.batch_first ? input.transpose(0, 1) : input;
  for (let l = 0; l < o.num_layers; l++) {
    const outs: Tensor[] = [];
    for (let d = 0; d < D; d++) {
      const g = l * D + d;
      const state0 = initial.map((s) => s[g]);
      const [out, state] = batch_sizes === null
        ? runPadded(mode, x, state0, ps[g], d === 1)
        : runPacked(mode, x, batch_sizes, state0, ps[g], d === 1);
      outs.push(out);
      state.forEach((s, j) => finals[j].push(s));
    }
    x = D === 1 ? outs[0] : cat(outs, -1);
    if (o.dropout > 0 && o.train && l < o.num_layers - 1) x = dropoutFn(x, o.dropout, true);
  }
  const output = batch_sizes === null && o.batch_first ? x.transpose(0, 1) : x;
  return [output, finals.map((f) => stack(f, 0))];
}
