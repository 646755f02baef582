// torch.nn.utils.rnn: PackedSequence and pack_padded_sequence / pad_packed_sequence / pad_sequence /
// pack_sequence / unpad_sequence / unpack_sequence, composed from views, cat and stack so gradients flow
// back to the padded input. Packed data is time-major: step t holds the first batch_sizes[t] sequences.
import { Tensor } from '../../tensor';
import { runtimeError, valueError } from '../../errors';
import type { DType } from '../../dtype';
import { tensor, full } from '../../ops/creation';
import { cat, stack, split, unbind } from '../../ops/shape_ops';
import { index_select } from '../../ops/scatter';
import { formatTensor } from '../../print';

/** The integer values of a 1-D index/length tensor (or list) as JS numbers. */
export function intList(t: Tensor | readonly number[]): number[] {
  if (!(t instanceof Tensor)) return [...t];
  return Array.from(t._contiguousData(), Number);
}

const longTensor = (v: readonly number[]): Tensor => tensor([...v], { dtype: 'int64' });

/** nn.utils.rnn.invert_permutation: the index list that undoes `permutation`. */
export function invert_permutation(permutation: Tensor | null): Tensor | null {
  if (permutation === null) return null;
  const p = intList(permutation);
  const inv = new Array<number>(p.length).fill(0);
  p.forEach((v, i) => { inv[v] = i; });
  return longTensor(inv);
}

/** PyTorch's PackedSequence named tuple (data, batch_sizes, sorted_indices, unsorted_indices). */
export class PackedSequence {
  static pyName = 'PackedSequence';
  static pyModule = 'torch.nn.utils.rnn';
  readonly data: Tensor;
  readonly batch_sizes: Tensor;
  readonly sorted_indices: Tensor | null;
  readonly unsorted_indices: Tensor | null;

  constructor(data: Tensor | [Tensor, Tensor], batch_sizes: Tensor | null = null, sorted_indices: Tensor | null = null,
    unsorted_indices: Tensor | null = null) {
    if (batch_sizes === null) {
      if (!Array.isArray(data) || data.length !== 2) throw runtimeError('Expected data to be a list or tuple of length 2');
      [data, batch_sizes] = data;
    }
    if (batch_sizes.device !== 'cpu') {
      throw valueError('batch_sizes should always be on CPU. Instances of PackedSequence should never be created manually. They should be instantiated by functions like pack_sequence and pack_padded_sequences in nn.utils.rnn. https://pytorch.org/docs/stable/nn.html#torch.nn.utils.rnn.pack_sequence');
    }
    this.data = data as Tensor;
    this.batch_sizes = batch_sizes;
    this.sorted_indices = sorted_indices;
    this.unsorted_indices = unsorted_indices ?? invert_permutation(sorted_indices);
  }

  /** Unpacks like the tuple it is in PyTorch: `data, batch_sizes, sorted_indices, unsorted_indices = packed`. */
  *[Symbol.iterator](): Generator<Tensor | null> {
    yield this.data; yield this.batch_sizes; yield this.sorted_indices; yield this.unsorted_indices;
  }

  /** PackedSequence.to: converts data (dtype or device); the index tensors follow data's device. */
  to(arg: DType | 'cpu' | 'meta' | { dtype?: DType; device?: 'cpu' | 'meta' }): PackedSequence {
    const data = this.data.to(arg);
    if (data === this.data) return this;
    const move = (t: Tensor | null) => (t === null ? null : t.to({ device: data.device }));
    return new PackedSequence(data, this.batch_sizes, move(this.sorted_indices), move(this.unsorted_indices));
  }
  float(): PackedSequence { return this.to('float32'); }
  double(): PackedSequence { return this.to('float64'); }
  half(): PackedSequence { return this.to('float16'); }
  get is_cuda(): boolean { return false; }

  toString(): string {
    const f = (t: Tensor | null) => (t === null ? 'None' : formatTensor(t));
    return `PackedSequence(data=${f(this.data)}, batch_sizes=${f(this.batch_sizes)}, sorted_indices=${f(this.sorted_indices)}, unsorted_indices=${f(this.unsorted_indices)})`;
  }
}

/** ATen's _pack_padded_sequence: (T, B, *) sorted by decreasing length → packed data and batch sizes. */
function packPadded(input: Tensor, lengths: number[], batchFirst: boolean): [Tensor, number[]] {
  const x = batchFirst ? input.transpose(0, 1) : input;
  if (x.numel() === 0) throw runtimeError('Cannot pack empty tensors.');
  const B = x.shape[1];
  if (lengths.length !== B) throw runtimeError(`Expected \`len(lengths)\` to be equal to batch_size, but got ${lengths.length} (batch_size=${B})`);
  if (!(lengths[B - 1] > 0)) throw runtimeError("Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0");
  for (let i = 1; i < B; i++) {
    if (lengths[i] > lengths[i - 1]) {
      throw runtimeError('`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.');
    }
  }
  // PyTorch reads past the end here; a clear error is better than garbage.
  if (lengths[0] > x.shape[0]) throw runtimeError(`pack_padded_sequence: length ${lengths[0]} is longer than the padded sequence (${x.shape[0]} steps)`);
  const batchSizes = Array.from({ length: lengths[0] }, (_, t) => lengths.filter((l) => l > t).length);
  const steps = unbind(x, 0);
  return [cat(batchSizes.map((bs, t) => steps[t].narrow(0, 0, bs)), 0), batchSizes];
}

export function pack_padded_sequence(input: Tensor, lengths: Tensor | readonly number[], batch_first = false, enforce_sorted = true): PackedSequence {
  let lens = intList(lengths);
  let sorted: Tensor | null = null;
  if (!enforce_sorted) {
    // A stable descending sort: ties keep their order (PyTorch's unstable sort may pick either).
    const order = lens.map((_, i) => i).sort((a, b) => lens[b] - lens[a]);
    lens = order.map((i) => lens[i]);
    sorted = longTensor(order);
    input = index_select(input, batch_first ? 0 : 1, sorted);
  }
  const [data, batchSizes] = packPadded(input, lens, batch_first);
  return new PackedSequence(data, longTensor(batchSizes), sorted, null);
}

export function pad_packed_sequence(sequence: PackedSequence, batch_first = false, padding_value = 0.0, total_length: number | null = null): [Tensor, Tensor] {
  const bs = intList(sequence.batch_sizes);
  let T = bs.length;
  if (total_length !== null) {
    if (total_length < T) {
      throw valueError(`Expected total_length to be at least the length of the longest sequence in input, but got total_length=${total_length} and max sequence length being ${T}`);
    }
    T = total_length;
  }
  const data = sequence.data;
  const B = bs[0], rest = data.shape.slice(1);
  const pad = (rows: number) => full([rows, ...rest], padding_value, { dtype: data.dtype, device: data.device });
  const steps = split(data, bs, 0).map((s, t) => (bs[t] < B ? cat([s, pad(B - bs[t])], 0) : s));
  while (steps.length < T) steps.push(pad(B));
  let padded = stack(steps, 0);
  if (batch_first) padded = padded.transpose(0, 1);
  let lengths = Array.from({ length: B }, (_, b) => bs.filter((n) => n > b).length);
  if (sequence.unsorted_indices !== null) {
    const un = intList(sequence.unsorted_indices);
    padded = index_select(padded, batch_first ? 0 : 1, sequence.unsorted_indices);
    lengths = un.map((i) => lengths[i]);
  }
  return [padded, longTensor(lengths)];
}

export function pad_sequence(sequences: Tensor | readonly Tensor[], batch_first = false, padding_value = 0.0, padding_side: 'right' | 'left' = 'right'): Tensor {
  const seqs = sequences instanceof Tensor ? unbind(sequences, 0) : [...sequences];
  if (padding_side !== 'right' && padding_side !== 'left') {
    throw runtimeError(`Expected padding_side to be one of left or right, but got ${String(padding_side)}.`);
  }
  if (seqs.length === 0) throw runtimeError('received an empty list of sequences');
  const maxLen = Math.max(...seqs.map((s) => s.shape[0]));
  const rest = seqs[0].shape.slice(1);
  const padded = seqs.map((s) => {
    const n = maxLen - s.shape[0];
    if (n === 0) return s;
    const p = full([n, ...rest], padding_value, { dtype: s.dtype, device: s.device });
    return cat(padding_side === 'right' ? [s, p] : [p, s], 0);
  });
  return stack(padded, batch_first ? 0 : 1);
}

export function pack_sequence(sequences: readonly Tensor[], enforce_sorted = true): PackedSequence {
  return pack_padded_sequence(pad_sequence(sequences), sequences.map((s) => s.shape[0]), false, enforce_sorted);
}

/** unpad_sequence: the sequences of a padded batch, each cut to its length (views of `padded_sequences`). */
export function unpad_sequence(padded_sequences: Tensor, lengths: Tensor | readonly number[], batch_first = false): Tensor[] {
  const lens = intList(lengths);
  const byBatch = batch_first ? padded_sequences : padded_sequences.transpose(0, 1);
  return lens.map((n, b) => byBatch.select(0, b).narrow(0, 0, n));
}

export function unpack_sequence(packed_sequences: PackedSequence): Tensor[] {
  const [padded, lengths] = pad_packed_sequence(packed_sequences, true);
  return unpad_sequence(padded, lengths, true);
}
