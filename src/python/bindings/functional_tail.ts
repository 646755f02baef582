// torch.nn.functional's long tail as signature rows (interpolate, shuffles, the extra losses, CTC, MHA's
// functional form, extra activations/norms/pools, distances, fold/unfold, embedding_bag, grids): the same
// [signature, call template] table as functional.ts; keyword-only loss options become one options object.

const RED = 'size_average: opt=None, reduce: opt=None, reduction: str="mean"';
const RED_CALL = 'size_average reduce reduction';
const FRAC = 'input: Tensor, kernel_size: any, output_size: opt=None, output_ratio: opt=None';
const MHA = 'query: Tensor, key: Tensor, value: Tensor, embed_dim_to_check: int, num_heads: int, in_proj_weight: Tensor?, in_proj_bias: Tensor?, '
  + 'bias_k: Tensor?, bias_v: Tensor?, add_zero_attn: bool, dropout_p: num, out_proj_weight: Tensor, out_proj_bias: Tensor?, training: bool=True, '
  + 'key_padding_mask: Tensor?=None, need_weights: bool=True, attn_mask: Tensor?=None, use_separate_proj_weight: bool=False, q_proj_weight: Tensor?=None, '
  + 'k_proj_weight: Tensor?=None, v_proj_weight: Tensor?=None, static_k: Tensor?=None, static_v: Tensor?=None, average_attn_weights: bool=True, is_causal: bool=False';
const MHA_CALL = 'query key value embed_dim_to_check num_heads in_proj_weight in_proj_bias bias_k bias_v add_zero_attn dropout_p out_proj_weight out_proj_bias '
  + '{training key_padding_mask need_weights attn_mask use_separate_proj_weight q_proj_weight k_proj_weight v_proj_weight static_k static_v average_attn_weights is_causal}';

export const FUNCTIONAL_TAIL: [string, string?][] = [
  ['interpolate(input: Tensor, size: opt=None, scale_factor: opt=None, mode: str="nearest", align_corners: opt=None, recompute_scale_factor: opt=None, antialias: bool=False)'],
  ['pixel_shuffle(input: Tensor, upscale_factor: int)'], ['pixel_unshuffle(input: Tensor, downscale_factor: int)'],
  [`margin_ranking_loss(input1: Tensor, input2: Tensor, target: Tensor, margin: num=0.0, ${RED})`, `input1 input2 target {margin ${RED_CALL}}`],
  [`hinge_embedding_loss(input: Tensor, target: Tensor, margin: num=1.0, ${RED})`, `input target {margin ${RED_CALL}}`],
  [`cosine_embedding_loss(input1: Tensor, input2: Tensor, target: Tensor, margin: num=0.0, ${RED})`, `input1 input2 target {margin ${RED_CALL}}`],
  [`soft_margin_loss(input: Tensor, target: Tensor, ${RED})`, `input target {${RED_CALL}}`],
  [`multilabel_soft_margin_loss(input: Tensor, target: Tensor, weight: Tensor?=None, ${RED})`, `input target {weight ${RED_CALL}}`],
  [`multilabel_margin_loss(input: Tensor, target: Tensor, ${RED})`, `input target {${RED_CALL}}`],
  [`multi_margin_loss(input: Tensor, target: Tensor, p: int=1, margin: num=1.0, weight: Tensor?=None, ${RED})`, `input target {p margin weight ${RED_CALL}}`],
  [`triplet_margin_loss(anchor: Tensor, positive: Tensor, negative: Tensor, margin: num=1.0, p: num=2.0, eps: num=1e-06, swap: bool=False, ${RED})`,
    `anchor positive negative {margin p eps swap ${RED_CALL}}`],
  ['triplet_margin_with_distance_loss(anchor: Tensor, positive: Tensor, negative: Tensor, *, distance_function: fn=None, margin: num=1.0, swap: bool=False, reduction: str="mean")',
    'anchor positive negative {distance_function margin swap reduction}'],
  ['poisson_nll_loss(input: Tensor, target: Tensor, log_input: bool=True, full: bool=False, size_average: opt=None, eps: num=1e-08, reduce: opt=None, reduction: str="mean")',
    'input target {log_input full size_average eps reduce reduction}'],
  ['gaussian_nll_loss(input: Tensor, target: Tensor, var: TensorLike, full: bool=False, eps: num=1e-06, reduction: str="mean")', 'input target var {full eps reduction}'],
  ['ctc_loss(log_probs: Tensor, targets: Tensor, input_lengths: any, target_lengths: any, blank: int=0, reduction: str="mean", zero_infinity: bool=False)',
    'log_probs targets input_lengths target_lengths {blank reduction zero_infinity}'],
  [`multi_head_attention_forward(${MHA})`, MHA_CALL],
  ['glu(input: Tensor, dim: int=-1)'], ['hardshrink(input: Tensor, lambd: num=0.5)'], ['softshrink(input: Tensor, lambd: num=0.5)'],
  ['rrelu(input: Tensor, lower: num=0.125, upper: num=0.3333333333333333, training: bool=False, inplace: bool=False)'],
  ['pairwise_distance(x1: Tensor, x2: Tensor, p: num=2.0, eps: num=1e-06, keepdim: bool=False)'],
  ['cosine_similarity(x1: Tensor, x2: Tensor, dim: int=1, eps: num=1e-08)'], ['pdist(input: Tensor, p: num=2.0)'],
  ['rms_norm(input: Tensor, normalized_shape: ints, weight: Tensor?=None, eps: opt=None)'],
  ['local_response_norm(input: Tensor, size: int, alpha: num=0.0001, beta: num=0.75, k: num=1.0)'],
  [`fractional_max_pool2d(${FRAC}, return_indices: bool=False, _random_samples: Tensor?=None)`],
  [`fractional_max_pool3d(${FRAC}, return_indices: bool=False, _random_samples: Tensor?=None)`],
  [`fractional_max_pool2d_with_indices(${FRAC}, return_indices: skip=False, _random_samples: Tensor?=None)`, 'input kernel_size output_size output_ratio _random_samples'],
  [`fractional_max_pool3d_with_indices(${FRAC}, return_indices: skip=False, _random_samples: Tensor?=None)`, 'input kernel_size output_size output_ratio _random_samples'],
  ...[1, 2, 3].map((r): [string] => [`lp_pool${r}d(input: Tensor, norm_type: num, kernel_size: any, stride: opt=None, ceil_mode: bool=False)`]),
  ...[1, 2, 3].map((r): [string] => [`max_unpool${r}d(input: Tensor, indices: Tensor, kernel_size: any, stride: opt=None, padding: any=0, output_size: opt=None)`]),
  ['channel_shuffle(input: Tensor, groups: int)'],
  ['unfold(input: Tensor, kernel_size: any, dilation: any=1, padding: any=0, stride: any=1)'],
  ['fold(input: Tensor, output_size: any, kernel_size: any, dilation: any=1, padding: any=0, stride: any=1)'],
  ['embedding_bag(input: Tensor, weight: Tensor, offsets: Tensor?=None, max_norm: opt=None, norm_type: num=2, scale_grad_by_freq: bool=False, mode: str="mean", sparse: bool=False, per_sample_weights: Tensor?=None, include_last_offset: bool=False, padding_idx: opt=None)'],
  ['affine_grid(theta: Tensor, size: ints, align_corners: opt=None)'],
  ['grid_sample(input: Tensor, grid: Tensor, mode: str="bilinear", padding_mode: str="zeros", align_corners: opt=None)'],
];
