// torch.nn.functional: one annotated PyTorch signature per function, bound to the engine's `F` (or
// `torch` for the few F re-exports of torch ops). Functions the engine lacks are left out.
import { nn, torch } from '../../engine/index';
import type { PyValue } from '../runtime/object';
import { bind, type Row } from './spec';
import { FUNCTIONAL_TAIL } from './functional_tail';

type Fn = (...a: unknown[]) => unknown;
const FE = nn.functional as unknown as Record<string, Fn | undefined>;
const TE = torch as unknown as Record<string, Fn | undefined>;

const LOSS_R = 'size_average: opt=None, reduce: opt=None, reduction: str="mean"';

/** [signature, call template]; the engine function has the Python name. */
const ROWS: [string, string?][] = [
  ['relu(input: Tensor, inplace: bool=False)'], ['relu6(input: Tensor, inplace: bool=False)'],
  ['elu(input: Tensor, alpha: num=1.0, inplace: bool=False)'], ['selu(input: Tensor, inplace: bool=False)'],
  ['celu(input: Tensor, alpha: num=1.0, inplace: bool=False)'],
  ['leaky_relu(input: Tensor, negative_slope: num=0.01, inplace: bool=False)'],
  ['hardtanh(input: Tensor, min_val: num=-1.0, max_val: num=1.0, inplace: bool=False)'],
  ['threshold(input: Tensor, threshold: num, value: num, inplace: bool=False)'],
  ['gelu(input: Tensor, approximate: str="none")'], ['silu(input: Tensor, inplace: bool=False)'],
  ['mish(input: Tensor, inplace: bool=False)'], ['hardswish(input: Tensor, inplace: bool=False)'],
  ['hardsigmoid(input: Tensor, inplace: bool=False)'], ['softplus(input: Tensor, beta: num=1.0, threshold: num=20.0)'],
  ['sigmoid(input: Tensor)'], ['tanh(input: Tensor)'], ['logsigmoid(input: Tensor)'], ['softsign(input: Tensor)'],
  ['tanhshrink(input: Tensor)'], ['prelu(input: Tensor, weight: Tensor)'],
  ['softmax(input: Tensor, dim: opt=None, _stacklevel: int=3, dtype: dtype=None)'],
  ['log_softmax(input: Tensor, dim: opt=None, _stacklevel: int=3, dtype: dtype=None)'],
  ['softmin(input: Tensor, dim: opt=None, _stacklevel: int=3, dtype: dtype=None)'],
  ['conv1d(input: Tensor, weight: Tensor, bias: Tensor?=None, stride: any=1, padding: any=0, dilation: any=1, groups: int=1)'],
  ['conv2d(input: Tensor, weight: Tensor, bias: Tensor?=None, stride: any=1, padding: any=0, dilation: any=1, groups: int=1)'],
  ['conv3d(input: Tensor, weight: Tensor, bias: Tensor?=None, stride: any=1, padding: any=0, dilation: any=1, groups: int=1)'],
  ['conv_transpose1d(input: Tensor, weight: Tensor, bias: Tensor?=None, stride: any=1, padding: any=0, output_padding: any=0, groups: int=1, dilation: any=1)'],
  ['conv_transpose2d(input: Tensor, weight: Tensor, bias: Tensor?=None, stride: any=1, padding: any=0, output_padding: any=0, groups: int=1, dilation: any=1)'],
  ['conv_transpose3d(input: Tensor, weight: Tensor, bias: Tensor?=None, stride: any=1, padding: any=0, output_padding: any=0, groups: int=1, dilation: any=1)'],
  ['max_pool1d(input: Tensor, kernel_size: any, stride: opt=None, padding: any=0, dilation: any=1, ceil_mode: bool=False, return_indices: bool=False)'],
  ['max_pool2d(input: Tensor, kernel_size: any, stride: opt=None, padding: any=0, dilation: any=1, ceil_mode: bool=False, return_indices: bool=False)'],
  ['max_pool3d(input: Tensor, kernel_size: any, stride: opt=None, padding: any=0, dilation: any=1, ceil_mode: bool=False, return_indices: bool=False)'],
  ['avg_pool1d(input: Tensor, kernel_size: any, stride: opt=None, padding: any=0, ceil_mode: bool=False, count_include_pad: bool=True)'],
  ['avg_pool2d(input: Tensor, kernel_size: any, stride: opt=None, padding: any=0, ceil_mode: bool=False, count_include_pad: bool=True, divisor_override: opt=None)'],
  ['avg_pool3d(input: Tensor, kernel_size: any, stride: opt=None, padding: any=0, ceil_mode: bool=False, count_include_pad: bool=True, divisor_override: opt=None)'],
  ['adaptive_avg_pool1d(input: Tensor, output_size: opt)'], ['adaptive_avg_pool2d(input: Tensor, output_size: opt)'],
  ['adaptive_avg_pool3d(input: Tensor, output_size: opt)'],
  ['adaptive_max_pool1d(input: Tensor, output_size: opt, return_indices: bool=False)'],
  ['adaptive_max_pool2d(input: Tensor, output_size: opt, return_indices: bool=False)'],
  ['adaptive_max_pool3d(input: Tensor, output_size: opt, return_indices: bool=False)'],
  ['batch_norm(input: Tensor, running_mean: Tensor?, running_var: Tensor?, weight: Tensor?=None, bias: Tensor?=None, training: bool=False, momentum: num=0.1, eps: num=1e-05)'],
  ['layer_norm(input: Tensor, normalized_shape: ints, weight: Tensor?=None, bias: Tensor?=None, eps: num=1e-05)'],
  ['group_norm(input: Tensor, num_groups: int, weight: Tensor?=None, bias: Tensor?=None, eps: num=1e-05)'],
  ['instance_norm(input: Tensor, running_mean: Tensor?=None, running_var: Tensor?=None, weight: Tensor?=None, bias: Tensor?=None, use_input_stats: bool=True, momentum: num=0.1, eps: num=1e-05)'],
  ['scaled_dot_product_attention(query: Tensor, key: Tensor, value: Tensor, attn_mask: Tensor?=None, dropout_p: num=0.0, is_causal: bool=False, scale: opt=None, enable_gqa: bool=False)',
    'query key value attn_mask dropout_p is_causal {scale enable_gqa}'],
  ['feature_alpha_dropout(input: Tensor, p: num=0.5, training: bool=False, inplace: bool=False)'],
  ...[1, 2, 3].map((r): [string] => [`max_pool${r}d_with_indices(input: Tensor, kernel_size: any, stride: opt=None, padding: any=0, dilation: any=1, ceil_mode: bool=False)`]),
  ...[1, 2, 3].map((r): [string] => [`adaptive_max_pool${r}d_with_indices(input: Tensor, output_size: opt)`]),
  ['dropout(input: Tensor, p: num=0.5, training: bool=True, inplace: bool=False)'],
  ['dropout1d(input: Tensor, p: num=0.5, training: bool=True, inplace: bool=False)'],
  ['dropout2d(input: Tensor, p: num=0.5, training: bool=True, inplace: bool=False)'],
  ['dropout3d(input: Tensor, p: num=0.5, training: bool=True, inplace: bool=False)'],
  ['alpha_dropout(input: Tensor, p: num=0.5, training: bool=False, inplace: bool=False)'],
  ['embedding(input: Tensor, weight: Tensor, padding_idx: opt=None, max_norm: opt=None, norm_type: num=2.0, scale_grad_by_freq: bool=False, sparse: bool=False)'],
  ['one_hot(tensor: Tensor, num_classes: int=-1)'],
  ['pad(input: Tensor, pad: ints, mode: str="constant", value: opt=None)'],
  ['normalize(input: Tensor, p: num=2.0, dim: int=1, eps: num=1e-12, out: skip=None)'],
  ['bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor?=None)'],
  [`l1_loss(input: Tensor, target: Tensor, ${LOSS_R}, weight: Tensor?=None)`, 'input target {size_average reduce reduction weight}'],
  [`mse_loss(input: Tensor, target: Tensor, ${LOSS_R}, weight: Tensor?=None)`, 'input target {size_average reduce reduction weight}'],
  [`smooth_l1_loss(input: Tensor, target: Tensor, ${LOSS_R}, beta: num=1.0)`, 'input target {size_average reduce reduction beta}'],
  ['huber_loss(input: Tensor, target: Tensor, reduction: str="mean", delta: num=1.0, weight: Tensor?=None)', 'input target {reduction delta weight}'],
  [`kl_div(input: Tensor, target: Tensor, ${LOSS_R}, log_target: bool=False)`, 'input target {size_average reduce reduction log_target}'],
  [`binary_cross_entropy(input: Tensor, target: Tensor, weight: Tensor?=None, ${LOSS_R})`, 'input target {weight size_average reduce reduction}'],
  [`binary_cross_entropy_with_logits(input: Tensor, target: Tensor, weight: Tensor?=None, ${LOSS_R}, pos_weight: Tensor?=None)`, 'input target {weight size_average reduce reduction pos_weight}'],
  ['nll_loss(input: Tensor, target: Tensor, weight: Tensor?=None, size_average: opt=None, ignore_index: int=-100, reduce: opt=None, reduction: str="mean")', 'input target {weight size_average ignore_index reduce reduction}'],
  ['cross_entropy(input: Tensor, target: Tensor, weight: Tensor?=None, size_average: opt=None, ignore_index: int=-100, reduce: opt=None, reduction: str="mean", label_smoothing: num=0.0)', 'input target {weight size_average ignore_index reduce reduction label_smoothing}'],
];

/** F names that are torch ops. */
const FROM_TORCH: [string, string?][] = [['linear(input: Tensor, weight: Tensor, bias: Tensor?=None)']];

let built: Record<string, PyValue> | null = null;

export function functionalAttrs(): Record<string, PyValue> {
  if (built) return built;
  const out: Record<string, PyValue> = {};
  const add = (rows: [string, string?][], src: Record<string, Fn | undefined>) => {
    for (const [sig, callT] of rows) {
      const name = sig.slice(0, sig.indexOf('('));
      const f = src[name];
      if (!f) continue;
      const row: Row = [sig, (a) => f(...a), { call: callT }];
      out[name] = bind(row[0], row[1] as Fn, row[2]);
    }
  };
  add(ROWS, FE);
  add(FUNCTIONAL_TAIL, FE);
  add(FROM_TORCH, TE);
  built = out;
  return out;
}
