// torch.nn.utils.rnn: PackedSequence as a Python object that unpacks like PyTorch's 4-field named tuple
// (data, batch_sizes, sorted_indices, unsorted_indices), and the pack/pad functions as signature rows.
import { Tensor, nn } from '../../engine/index';
import { nativeClass, newInstance } from '../runtime/native';
import { PyInstance, type PyType, type PyValue } from '../runtime/object';
import { toArray } from '../runtime/protocol';
import { None, PyIterator, PyList, PyTuple } from '../runtime/types';
import { bind, pyWrappers, toPy } from './spec';
import { tensorOf, toDevice, toDtype, toInt } from './values';

const R = nn.utils.rnn;
type Packed = InstanceType<typeof R.PackedSequence>;
const P = (v: PyValue): Packed => (v as PyInstance).payload as Packed;
const fields = (p: Packed): PyValue[] => [toPy(p.data), toPy(p.batch_sizes), toPy(p.sorted_indices), toPy(p.unsorted_indices)];

export const PackedSequenceType: PyType = nativeClass({
  name: 'PackedSequence', module: 'torch.nn.utils.rnn',
  staticMethods: {
    '__new__(cls, data, batch_sizes=None, sorted_indices=None, unsorted_indices=None)': ([cls, d, b, s, u]) => {
      const t = (v: PyValue) => tensorOf(v) ?? null;
      const data = d instanceof PyTuple || d instanceof PyList ? (d.items.map((x) => tensorOf(x)!) as [Tensor, Tensor]) : tensorOf(d)!;
      return newInstance(cls as PyType, new R.PackedSequence(data, t(b), t(s), t(u)));
    },
  },
  methods: {
    '__iter__(self)': ([s]) => {
      const items = fields(P(s));
      let i = 0;
      return new PyIterator(() => (i < items.length ? items[i++] : undefined));
    },
    '__len__(self)': () => 4,
    '__getitem__(self, i)': ([s, i]) => new PyTuple(fields(P(s))).items.at(toInt(i)) ?? None,
    '__repr__(self)': ([s]) => String(P(s)),
    // PyTorch's PackedSequence.to(*args): a dtype, a device, or keywords.
    'to(self, arg=None, dtype=None, device=None)': ([s, a, dt, dev]) => {
      const arg = a === None ? {} : (tensorOf(a) ? { dtype: tensorOf(a)!.dtype } : isDtypeLike(a) ? toDtype(a) : toDevice(a));
      const o = typeof arg === 'object' ? { ...arg, ...(dt !== None ? { dtype: toDtype(dt) } : {}), ...(dev !== None ? { device: toDevice(dev) } : {}) } : arg;
      return toPy(P(s).to(o as never));
    },
    'float(self)': ([s]) => toPy(P(s).float()), 'double(self)': ([s]) => toPy(P(s).double()), 'half(self)': ([s]) => toPy(P(s).half()),
  },
  properties: {
    data: { get: (s) => toPy(P(s).data) }, batch_sizes: { get: (s) => toPy(P(s).batch_sizes) },
    sorted_indices: { get: (s) => toPy(P(s).sorted_indices) }, unsorted_indices: { get: (s) => toPy(P(s).unsorted_indices) },
    is_cuda: { get: () => false },
  },
});

const isDtypeLike = (v: PyValue): boolean => {
  try {
    toDtype(v);
    return true;
  } catch {
    return false;
  }
};

// Engine results that are PackedSequences (pack_*, RNN outputs) come back to Python as this class.
pyWrappers.push((v) => (v instanceof R.PackedSequence ? newInstance(PackedSequenceType, v) : undefined));

type Fn = (...a: unknown[]) => unknown;
const RF = R as unknown as Record<string, Fn>;
const tensors = (v: unknown): Tensor[] => toArray(v as PyValue).map((x) => tensorOf(x)!);

const ROWS: [string, (a: unknown[]) => unknown, ('list-of' | 'auto')?][] = [
  ['pack_padded_sequence(input: Tensor, lengths: any, batch_first: bool=False, enforce_sorted: bool=True)', (a) => RF.pack_padded_sequence(...a)],
  ['pad_packed_sequence(sequence: any, batch_first: bool=False, padding_value: num=0.0, total_length: opt=None)', (a) => RF.pad_packed_sequence(...a)],
  ['pad_sequence(sequences: py, batch_first: bool=False, padding_value: num=0.0, padding_side: str="right")', (a) => RF.pad_sequence(tensors(a[0]), ...a.slice(1))],
  ['pack_sequence(sequences: py, enforce_sorted: bool=True)', (a) => RF.pack_sequence(tensors(a[0]), ...a.slice(1))],
  ['unpad_sequence(padded_sequences: Tensor, lengths: any, batch_first: bool=False)', (a) => RF.unpad_sequence(...a), 'list-of'],
  ['unpack_sequence(packed_sequences: any)', (a) => RF.unpack_sequence(...a), 'list-of'],
  ['invert_permutation(permutation: Tensor?)', (a) => RF.invert_permutation(...a)],
];

let built: Record<string, PyValue> | null = null;

export function rnnUtilsAttrs(): Record<string, PyValue> {
  if (built) return built;
  built = { PackedSequence: PackedSequenceType };
  for (const [sig, f, ret] of ROWS) built[sig.slice(0, sig.indexOf('('))] = bind(sig, f, { ret: ret ?? 'auto' });
  return built;
}
