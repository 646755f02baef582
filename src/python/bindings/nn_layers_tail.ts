// torch.nn's long tail as constructor rows (padding, upsampling, shuffles, extra activations/norms/pools,
// distances, fold/unfold, EmbeddingBag, the extra losses): the same [name, __init__ signature, call] table
// as nn_layers.ts, whose rows must list arguments in the engine's order (layers/signatures.ts LAYER_ARGS).

const F_KW = 'device: device=None, dtype: dtype=None';
const FACT = '{device dtype}';
const PAD = '(self, padding: any)';
const LPPOOL = '(self, norm_type: num, kernel_size: any, stride: opt=None, ceil_mode: bool=False)';
const UNPOOL = '(self, kernel_size: any, stride: opt=None, padding: any=0)';
const FRACPOOL = '(self, kernel_size: any, output_size: opt=None, output_ratio: opt=None, return_indices: bool=False, _random_samples: Tensor?=None)';

export const LAYERS_TAIL: [string, string, string?][] = [
  ...[1, 2, 3].flatMap((r): [string, string][] => [
    [`ConstantPad${r}d`, '(self, padding: any, value: num)'],
    [`ZeroPad${r}d`, PAD], [`ReflectionPad${r}d`, PAD], [`ReplicationPad${r}d`, PAD], [`CircularPad${r}d`, PAD],
  ]),
  ['Upsample', '(self, size: opt=None, scale_factor: opt=None, mode: str="nearest", align_corners: opt=None, recompute_scale_factor: opt=None)'],
  ['UpsamplingNearest2d', '(self, size: opt=None, scale_factor: opt=None)'],
  ['UpsamplingBilinear2d', '(self, size: opt=None, scale_factor: opt=None)'],
  ['PixelShuffle', '(self, upscale_factor: int)'], ['PixelUnshuffle', '(self, downscale_factor: int)'],
  ['GLU', '(self, dim: int=-1)'], ['Hardshrink', '(self, lambd: num=0.5)'], ['Softshrink', '(self, lambd: num=0.5)'],
  ['RReLU', '(self, lower: num=0.125, upper: num=0.3333333333333333, inplace: bool=False)'], ['Softmax2d', '(self)', ''],
  ['PairwiseDistance', '(self, p: num=2.0, eps: num=1e-06, keepdim: bool=False)'],
  ['CosineSimilarity', '(self, dim: int=1, eps: num=1e-08)'],
  ['RMSNorm', `(self, normalized_shape: ints, eps: opt=None, elementwise_affine: bool=True, ${F_KW})`, `normalized_shape eps elementwise_affine ${FACT}`],
  ['LocalResponseNorm', '(self, size: int, alpha: num=0.0001, beta: num=0.75, k: num=1.0)'],
  ['SyncBatchNorm', `(self, num_features: int, eps: num=1e-05, momentum: opt=0.1, affine: bool=True, track_running_stats: bool=True, process_group: opt=None, ${F_KW})`,
    `num_features eps momentum affine track_running_stats process_group ${FACT}`],
  ...[1, 2, 3].map((r): [string, string] => [`LPPool${r}d`, LPPOOL]),
  ...[1, 2, 3].map((r): [string, string] => [`MaxUnpool${r}d`, UNPOOL]),
  ['FractionalMaxPool2d', FRACPOOL], ['FractionalMaxPool3d', FRACPOOL],
  ['ChannelShuffle', '(self, groups: int)'],
  ['Fold', '(self, output_size: any, kernel_size: any, dilation: any=1, padding: any=0, stride: any=1)'],
  ['Unfold', '(self, kernel_size: any, dilation: any=1, padding: any=0, stride: any=1)'],
  ['EmbeddingBag', `(self, num_embeddings: int, embedding_dim: int, max_norm: opt=None, norm_type: num=2.0, scale_grad_by_freq: bool=False, mode: str="mean", sparse: bool=False, _weight: Tensor?=None, include_last_offset: bool=False, padding_idx: opt=None, ${F_KW})`,
    `num_embeddings embedding_dim max_norm norm_type scale_grad_by_freq mode sparse _weight include_last_offset padding_idx ${FACT}`],
];

const RED = 'size_average: opt=None, reduce: opt=None, reduction: str="mean"';

/** The extra losses' PyTorch signatures (engine order: LOSS_EXTRA_MODULE_ARGS; all go into one options object). */
export const LOSSES_TAIL: Record<string, string> = {
  MarginRankingLoss: `margin: num=0.0, ${RED}`,
  HingeEmbeddingLoss: `margin: num=1.0, ${RED}`,
  CosineEmbeddingLoss: `margin: num=0.0, ${RED}`,
  SoftMarginLoss: RED,
  MultiLabelSoftMarginLoss: `weight: Tensor?=None, ${RED}`,
  MultiLabelMarginLoss: RED,
  MultiMarginLoss: `p: int=1, margin: num=1.0, weight: Tensor?=None, ${RED}`,
  TripletMarginLoss: `margin: num=1.0, p: num=2.0, eps: num=1e-06, swap: bool=False, ${RED}`,
  TripletMarginWithDistanceLoss: '*, distance_function: fn=None, margin: num=1.0, swap: bool=False, reduction: str="mean"',
  PoissonNLLLoss: 'log_input: bool=True, full: bool=False, size_average: opt=None, eps: num=1e-08, reduce: opt=None, reduction: str="mean"',
  GaussianNLLLoss: '*, full: bool=False, eps: num=1e-06, reduction: str="mean"',
  CTCLoss: 'blank: int=0, reduction: str="mean", zero_infinity: bool=False',
};
