// torch.*'s long tail as signature rows: varargs ops (block_diag, meshgrid, cartesian_prod, atleast_*d),
// sorted-sequence search, dtype queries, and the functional ops torch re-exports from torch.nn.functional
// (some with torch's own argument order, e.g. torch.batch_norm and torch.embedding).
import { Tensor, nn, torch, type DType } from '../../engine/index';
import type { PyValue } from '../runtime/object';
import { PyList, PyTuple } from '../runtime/types';
import type { Row } from './spec';
import { pyDtype, tensorOf, toInt } from './values';

type Fn = (...a: unknown[]) => unknown;
const TE = torch as unknown as Record<string, Fn>;
const FE = nn.functional as unknown as Record<string, Fn>;
const FACTORY = 'dtype: dtype=None, layout: skip=None, device: device=None, requires_grad: bool=False, pin_memory: skip=False';

/** `*tensors` varargs, or one list/tuple of tensors (both spellings are accepted by PyTorch). */
function tensorArgs(v: unknown): Tensor[] {
  let items = (v as PyTuple).items;
  if (items.length === 1 && (items[0] instanceof PyTuple || items[0] instanceof PyList)) items = (items[0] as PyTuple).items;
  return items.map((x) => tensorOf(x) ?? torch.tensor(x as never));
}

/** torch.atleast_Nd: one tensor in, one out; several in, a tuple out. */
const atleast = (name: string) => (a: unknown[]) => {
  const many = (a[0] as PyTuple).items.length !== 1 || !tensorOf((a[0] as PyTuple).items[0]);
  const out = tensorArgs(a[0]).map((t) => TE[name](t));
  return many ? out : out[0];
};

const shapeOf = (v: PyValue): number[] => (v instanceof PyTuple || v instanceof PyList ? v.items.map((x) => toInt(x)) : [toInt(v)]);

export const TORCH_TAIL: Row[] = [
  ['block_diag(*tensors: py)', (a) => torch.block_diag(...tensorArgs(a[0]))],
  ['cartesian_prod(*tensors: py)', (a) => torch.cartesian_prod(...tensorArgs(a[0]))],
  ['meshgrid(*tensors: py, indexing: str=None)', (a) => torch.meshgrid(...tensorArgs(a[0]), { indexing: a[1] as string | undefined })],
  ['chain_matmul(*matrices: py)', (a) => torch.chain_matmul(...tensorArgs(a[0]))],
  ['atleast_1d(*tensors: py)', atleast('atleast_1d')], ['atleast_2d(*tensors: py)', atleast('atleast_2d')],
  ['atleast_3d(*tensors: py)', atleast('atleast_3d')],
  ['broadcast_shapes(*shapes: py)', (a) => torch.broadcast_shapes(...(a[0] as PyTuple).items.map(shapeOf)), { ret: 'Size' }],
  ['bucketize(input: TensorLike, boundaries: Tensor, *, out_int32: bool=False, right: bool=False, out: skip=None)', (a) => TE.bucketize(...a),
    { call: 'input boundaries {out_int32 right}' }],
  ['searchsorted(sorted_sequence: Tensor, input: TensorLike, *, out_int32: bool=False, right: bool=False, side: str=None, out: skip=None, sorter: Tensor?=None)',
    (a) => TE.searchsorted(...a), { call: 'sorted_sequence input {out_int32 right side sorter}' }],
  // complex64 for rotary embeddings (engine ops/complex.ts).
  ['view_as_real(input: Tensor)', (a) => TE.view_as_real(...a)], ['view_as_complex(input: Tensor)', (a) => TE.view_as_complex(...a)],
  ['polar(abs: Tensor, angle: Tensor, *, out: skip=None)', (a) => TE.polar(...a)],
  ['complex(real: Tensor, imag: Tensor, *, out: skip=None)', (a) => TE.complex(...a)],
  ['cdist(x1: Tensor, x2: Tensor, p: num=2.0, compute_mode: opt=None)', (a) => TE.cdist(...a)],
  [`scalar_tensor(s: num, *, ${FACTORY})`, (a) => TE.scalar_tensor(...a), { call: 's {dtype device requires_grad}' }],
  [`randint_like(input: Tensor, low: int, high: int=None, *, generator: any=None, ${FACTORY}, memory_format: skip=None)`, (a) => TE.randint_like(...a),
    { call: 'input low high {generator dtype device requires_grad}' }],
  ['result_type(tensor1: TensorLike, tensor2: TensorLike)', (a) => pyDtype(TE.result_type(...a) as DType)],
  ['can_cast(from_: dtype, to: dtype)', (a) => TE.can_cast(...a), { ret: 'bool' }],
  ['nan_to_num_(input: Tensor, nan: num=0.0, posinf: opt=None, neginf: opt=None)', (a) => TE.nan_to_num_(...a)],
  ['index_put(input: Tensor, indices: any, values: TensorLike, accumulate: bool=False)', (a) => TE.index_put(...a)],
  ['index_put_(input: Tensor, indices: any, values: TensorLike, accumulate: bool=False)', (a) => TE.index_put_(...a)],
  // torch's raw forms of F ops: same leading arguments as F, or their own order where torch's differs.
  ...['conv1d', 'conv2d', 'conv3d'].map((n): Row => [`${n}(input: Tensor, weight: Tensor, bias: Tensor?=None, stride: any=1, padding: any=0, dilation: any=1, groups: int=1)`, (a) => FE[n](...a)]),
  ...['conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'].map((n): Row => [
    `${n}(input: Tensor, weight: Tensor, bias: Tensor?=None, stride: any=1, padding: any=0, output_padding: any=0, groups: int=1, dilation: any=1)`, (a) => FE[n](...a)]),
  ...['max_pool1d', 'max_pool2d', 'max_pool3d'].map((n): Row => [
    `${n}(input: Tensor, kernel_size: any, stride: opt=None, padding: any=0, dilation: any=1, ceil_mode: bool=False)`, (a) => FE[n](...a)]),
  ['avg_pool1d(input: Tensor, kernel_size: any, stride: opt=None, padding: any=0, ceil_mode: bool=False, count_include_pad: bool=True)', (a) => FE.avg_pool1d(...a)],
  ['adaptive_avg_pool1d(input: Tensor, output_size: opt)', (a) => FE.adaptive_avg_pool1d(...a)],
  // torch.adaptive_max_pool1d always returns (values, indices).
  ['adaptive_max_pool1d(input: Tensor, output_size: opt)', (a) => FE.adaptive_max_pool1d(a[0], a[1], true)],
  ['batch_norm(input: Tensor, weight: Tensor?, bias: Tensor?, running_mean: Tensor?, running_var: Tensor?, training: bool, momentum: num, eps: num, cudnn_enabled: skip)',
    (a) => FE.batch_norm(...a), { call: 'input running_mean running_var weight bias training momentum eps' }],
  ['layer_norm(input: Tensor, normalized_shape: ints, weight: Tensor?=None, bias: Tensor?=None, eps: num=1e-05, cudnn_enable: skip=True)', (a) => FE.layer_norm(...a)],
  ['group_norm(input: Tensor, num_groups: int, weight: Tensor?=None, bias: Tensor?=None, eps: num=1e-05, cudnn_enabled: skip=True)', (a) => FE.group_norm(...a)],
  ['rms_norm(input: Tensor, normalized_shape: ints, weight: Tensor?=None, eps: opt=None)', (a) => FE.rms_norm(...a)],
  ...['dropout', 'alpha_dropout', 'feature_alpha_dropout'].map((n): Row => [`${n}(input: Tensor, p: num, train: bool)`, (a) => FE[n](...a)]),
  // torch.embedding(weight, indices, padding_idx=-1, ...): ATen's order, and -1 for "no padding index".
  ['embedding(weight: Tensor, indices: Tensor, padding_idx: int=-1, scale_grad_by_freq: bool=False, sparse: bool=False)',
    (a) => FE.embedding(a[1], a[0], a[2] === -1 ? null : a[2], null, 2, a[3], a[4])],
  ['prelu(input: Tensor, weight: Tensor)', (a) => FE.prelu(...a)],
  ['selu(input: Tensor)', (a) => FE.selu(...a)], ['celu(input: Tensor, alpha: num=1.0)', (a) => FE.celu(...a)],
  ['threshold(input: Tensor, threshold: num, value: num)', (a) => FE.threshold(...a)],
  ['rrelu(input: Tensor, lower: num=0.125, upper: num=0.3333333333333333, training: bool=False, generator: skip=None)', (a) => FE.rrelu(...a)],
  ['bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor?=None)', (a) => FE.bilinear(...a)],
  ['pdist(input: Tensor, p: num=2.0)', (a) => FE.pdist(...a)],
  ['cosine_similarity(x1: Tensor, x2: Tensor, dim: int=1, eps: num=1e-08)', (a) => FE.cosine_similarity(...a)],
  ['pairwise_distance(x1: Tensor, x2: Tensor, p: num=2.0, eps: num=1e-06, keepdim: bool=False)', (a) => FE.pairwise_distance(...a)],
  ['channel_shuffle(input: Tensor, groups: int)', (a) => FE.channel_shuffle(...a)],
];
