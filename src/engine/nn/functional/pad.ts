// F.pad: constant (negative pads crop), reflect, replicate and circular, with PyTorch's node names
// (ConstantPadNdBackward0, ReflectionPad2DBackward0, ...). Non-constant modes are index gathers along
// each padded dim; their backward scatters the gradient back with index_add.
import { Tensor } from '../../tensor';
import { notImplemented, runtimeError } from '../../errors';
import { record } from '../../autograd/node';
import { no_grad } from '../../autograd/grad_mode';
import { full, tensor, zeros } from '../../ops/creation';
import { writeInto } from '../../ops/convert';
import { index_select, index_add } from '../../ops/scatter';

export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

/** Dim of x padded by pad[2i], pad[2i+1] (the last dim first, as PyTorch orders the list). */
const padDim = (x: Tensor, i: number) => x.dim() - 1 - i;

function constantPad(x: Tensor, pad: number[], value: number): Tensor {
  const shape = [...x.shape];
  for (let i = 0; i < pad.length / 2; i++) {
    const d = padDim(x, i);
    const size = x.shape[d] + pad[2 * i] + pad[2 * i + 1];
    if (size < 0) {
      throw runtimeError(`The input size ${x.shape[d]}, plus negative padding ${pad[2 * i]} and ${pad[2 * i + 1]} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`);
    }
    shape[d] = size;
  }
  const out = full(shape, value, { dtype: x.dtype, device: x.device });
  if (x.device === 'cpu') {
    no_grad(() => {
      let dst = out, src = x;
      for (let i = 0; i < pad.length / 2; i++) {
        const d = padDim(x, i), l = pad[2 * i], r = pad[2 * i + 1];
        const len = x.shape[d] - Math.max(-l, 0) - Math.max(-r, 0);
        if (len <= 0) return;
        dst = dst.narrow(d, Math.max(l, 0), len);
        src = src.narrow(d, Math.max(-l, 0), len);
      }
      writeInto(dst, src);
    });
  }
  // The gradient is the output cropped back: padding by the negated amounts.
  record('ConstantPadNdBackward0', out, [x], [], ([g]) => [constantPad(g!, pad.map((p) => -p), 0)]);
  return out;
}

function sourceIndex(mode: Exclude<PadMode, 'constant'>, n: number, l: number, r: number): number[] {
  return Array.from({ length: n + l + r }, (_, j) => {
    const i = j - l;
    if (mode === 'replicate') return Math.min(Math.max(i, 0), n - 1);
    if (mode === 'circular') return ((i % n) + n) % n;
    return i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
  });
}

function gatherPad(x: Tensor, mode: Exclude<PadMode, 'constant'>, pad: number[]): Tensor {
  const k = pad.length / 2;
  const dims: number[] = [], idx: Tensor[] = [];
  for (let i = 0; i < k; i++) {
    const d = padDim(x, i), n = x.shape[d], l = pad[2 * i], r = pad[2 * i + 1];
    if (mode === 'reflect' && (l >= n || r >= n)) {
      throw runtimeError(`Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${r}) at dimension ${d} of input [${x.shape.join(', ')}]`);
    }
    if (mode === 'circular' && (l > n || r > n)) throw runtimeError('Padding value causes wrapping around more than once.');
    if (mode === 'replicate' && n === 0) throw runtimeError(`Expected 2D or 3D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: [${x.shape.join(', ')}]`);
    dims.push(d);
    idx.push(tensor(sourceIndex(mode, n, l, r), { dtype: 'int64' }));
  }
  const out = no_grad(() => dims.reduce((t, d, i) => index_select(t, d, idx[i]), x));
  const name = mode === 'circular' ? 'torch::autograd::CopySlices' : `${mode === 'reflect' ? 'Reflection' : 'Replication'}Pad${k}DBackward0`;
  const shapes = dims.map((_, i) => dims.slice(0, i).reduce((s, d, j) => s.map((v, a) => (a === d ? idx[j].numel() : v)), [...x.shape]));
  record(name, out, [x], idx, ([g], saved) => {
    let gi = g!;
    for (let i = dims.length - 1; i >= 0; i--) gi = index_add(zeros(shapes[i], { dtype: gi.dtype, device: gi.device }), dims[i], saved[i], gi);
    return [gi];
  });
  return out;
}

export function pad(input: Tensor, padding: number[], mode: PadMode = 'constant', value: number | null = null): Tensor {
  if (padding.length % 2 !== 0) throw runtimeError('Padding length must be divisible by 2');
  if (padding.length / 2 > input.dim()) throw runtimeError('Padding length should be less than or equal to two times the input dimension but got padding length ' + padding.length + ' and input of dimension ' + input.dim());
  if (mode === 'constant') return constantPad(input, padding, value ?? 0);
  if (value !== null && value !== 0) throw runtimeError(`Padding mode "${mode}" doesn't take in value argument`);
  if (mode !== 'reflect' && mode !== 'replicate' && mode !== 'circular') {
    throw notImplemented(`Unrecognised padding mode ${String(mode)}`);
  }
  const k = padding.length / 2;
  if (k < 1 || k > 3 || (input.dim() !== k + 1 && input.dim() !== k + 2)) {
    throw notImplemented(`Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now`);
  }
  return gatherPad(input, mode, padding);
}
