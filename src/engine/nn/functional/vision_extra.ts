// F.channel_shuffle (ChannelShuffleBackward0) and F.unfold / F.fold (im2col / col2im: Im2ColBackward0,
// Col2ImBackward0), each the other's backward. Both are an index gather / index_add over the padded,
// flattened spatial dims with one precomputed [kernel positions × blocks] index.
import { Tensor } from '../../tensor';
import { indexError, runtimeError } from '../../errors';
import { record } from '../../autograd/node';
import { no_grad } from '../../autograd/grad_mode';
import { tensor, zeros } from '../../ops/creation';
import { index_add, index_select } from '../../ops/scatter';
import { pad } from './pad';
import { ntuple } from './util';

export function channel_shuffle(input: Tensor, groups: number): Tensor {
  if (groups <= 0) throw runtimeError(`Number of groups to divide channels in must be positive. Value of groups:${groups}`);
  if (input.dim() <= 2) throw runtimeError(`channel_shuffle expects input to have at least 3 dimensions, but got input with sizes [${input.shape.join(', ')}]`);
  const c = input.shape[1];
  if (c % groups !== 0) throw runtimeError(`Number of channels must be divisible by groups. Got ${c} channels and ${groups} groups.`);
  const [n, , ...sp] = input.shape;
  const out = no_grad(() => input.reshape([n, groups, c / groups, ...sp]).transpose(1, 2).contiguous().view(input.shape));
  record('ChannelShuffleBackward0', out, [input], [], ([g]) => [channel_shuffle(g!, c / groups)]);
  return out;
}

type Size = number | number[];
interface Im2Col { k: number[]; d: number[]; p: number[]; s: number[] }
const fmt = (v: number[]) => `(${v.join(', ')})`;

/** Flat positions in the padded [Hp, Wp] plane read by kernel offset (row) and block (column). */
function blockIndex(size: number[], a: Im2Col): { idx: Tensor; blocks: number[] } {
  const wp = size[1] + 2 * a.p[1];
  const blocks = [0, 1].map((i) => Math.floor((size[i] + 2 * a.p[i] - (a.d[i] * (a.k[i] - 1) + 1)) / a.s[i]) + 1);
  const v: number[] = [];
  for (let ki = 0; ki < a.k[0]; ki++) for (let kj = 0; kj < a.k[1]; kj++) {
    for (let oi = 0; oi < blocks[0]; oi++) for (let oj = 0; oj < blocks[1]; oj++) {
      v.push((oi * a.s[0] + ki * a.d[0]) * wp + oj * a.s[1] + kj * a.d[1]);
    }
  }
  return { idx: tensor(v, { dtype: 'int64' }), blocks };
}

function args(kernel_size: Size, dilation: Size, padding: Size, stride: Size): Im2Col {
  return { k: ntuple(kernel_size, 2, 'kernel_size'), d: ntuple(dilation, 2, 'dilation'), p: ntuple(padding, 2, 'padding'), s: ntuple(stride, 2, 'stride') };
}

/** x: (N, C, H, W) or unbatched (C, H, W); one node either way, as in ATen. */
function im2col(x: Tensor, a: Im2Col): Tensor {
  const unbatched = x.dim() === 3;
  const [n, c, h, w] = unbatched ? [1, ...x.shape] : x.shape;
  const { idx, blocks } = blockIndex([h, w], a);
  if (blocks[0] < 1 || blocks[1] < 1) {
    throw runtimeError(`Given input with spatial size ${fmt([h, w])}, kernel_size=${fmt(a.k)}, dilation=${fmt(a.d)}, padding=${fmt(a.p)}, calculated shape of the array of sliding blocks as ${fmt(blocks)}, but its components must be at least one.`);
  }
  const K = a.k[0] * a.k[1], L = blocks[0] * blocks[1];
  const out = no_grad(() => index_select(pad(x, [a.p[1], a.p[1], a.p[0], a.p[0]]).reshape([n, c, -1]), 2, idx)
    .view(unbatched ? [c * K, L] : [n, c * K, L]));
  record('Im2ColBackward0', out, [x], [], ([g]) => [col2im(g!, [h, w], a)]);
  return out;
}

/** x: (N, C·K, L) or unbatched (C·K, L). */
function col2im(x: Tensor, size: number[], a: Im2Col): Tensor {
  const unbatched = x.dim() === 2;
  const [n, ck, L] = unbatched ? [1, ...x.shape] : x.shape;
  const K = a.k[0] * a.k[1];
  if (ck % K !== 0) throw runtimeError(`Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${ck} and kernel_size=${fmt(a.k)}.`);
  const { idx, blocks } = blockIndex(size, a);
  if (blocks[0] * blocks[1] !== L) {
    throw runtimeError(`Given output_size=${fmt(size)}, kernel_size=${fmt(a.k)}, dilation=${fmt(a.d)}, padding=${fmt(a.p)}, stride=${fmt(a.s)}, expected size of input's dimension 2 to match the calculated number of sliding blocks ${blocks[0]} * ${blocks[1]} = ${blocks[0] * blocks[1]}, but got input.size(2)=${L}.`);
  }
  const c = ck / K, hp = size[0] + 2 * a.p[0], wp = size[1] + 2 * a.p[1];
  const out = no_grad(() => index_add(zeros([n, c, hp * wp], { dtype: x.dtype, device: x.device }), 2, idx, x.reshape([n, c, K * L]))
    .view([n, c, hp, wp]).narrow(2, a.p[0], size[0]).narrow(3, a.p[1], size[1]).contiguous().view(unbatched ? [c, ...size] : [n, c, ...size]));
  record('Col2ImBackward0', out, [x], [], ([g]) => [im2col(g!, a)]);
  return out;
}

function checkRank(x: Tensor, ndim: number): void {
  if (x.dim() === ndim || x.dim() === ndim - 1) return;
  throw runtimeError(ndim === 4
    ? `Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: [${x.shape.join(', ')}]`
    : `Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: [${x.shape.join(', ')}]`);
}

export function unfold(input: Tensor, kernel_size: Size, dilation: Size = 1, padding: Size = 0, stride: Size = 1): Tensor {
  const a = args(kernel_size, dilation, padding, stride);
  // F.unfold reads the spatial sizes before ATen checks the rank, hence its IndexError on small inputs.
  if (input.dim() < 3) throw indexError(`Dimension out of range (expected to be in range of [${-input.dim()}, ${input.dim() - 1}], but got ${input.dim()})`);
  checkRank(input, 4);
  return im2col(input, a);
}

export function fold(input: Tensor, output_size: Size, kernel_size: Size, dilation: Size = 1, padding: Size = 0, stride: Size = 1): Tensor {
  const a = args(kernel_size, dilation, padding, stride);
  const size = ntuple(output_size, 2, 'output_size');
  checkRank(input, 3);
  return col2im(input, size, a);
}
