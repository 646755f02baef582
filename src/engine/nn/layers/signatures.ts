// PyTorch's parameter names, in the TS positional order, of every layer constructor and functional
// this folder and ../functional define — so callers with keyword arguments (the Python bindings) can
// place `nn.Conv2d(3, 6, 5, padding=2)` or `F.max_pool2d(x, 2, ceil_mode=True)` positionally.
// '**factory' is the trailing options object (device, dtype, and BatchNorm/GroupNorm's keyword-only bias).

const ACT_INPLACE = ['inplace'];
const CONV = ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias', 'padding_mode', '**factory'];
const CONV_T = ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'output_padding', 'groups', 'bias', 'dilation', 'padding_mode', '**factory'];
const MAXPOOL = ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'];
const AVGPOOL = ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'];
const BN = ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats', '**factory'];
const DROPOUT = ['p', 'inplace'];
const LPPOOL = ['norm_type', 'kernel_size', 'stride', 'ceil_mode'];
const UNPOOL = ['kernel_size', 'stride', 'padding'];
const FRACPOOL = ['kernel_size', 'output_size', 'output_ratio', 'return_indices', '_random_samples'];
const TRANSFORMER_LAYER = ['d_model', 'nhead', 'dim_feedforward', 'dropout', 'activation', 'layer_norm_eps', 'batch_first', 'norm_first', 'bias', '**factory'];

export const LAYER_ARGS: Record<string, readonly string[]> = {
  Identity: [], Linear: ['in_features', 'out_features', 'bias', '**factory'],
  Bilinear: ['in1_features', 'in2_features', 'out_features', 'bias', '**factory'],
  Flatten: ['start_dim', 'end_dim'], Unflatten: ['dim', 'unflattened_size'],
  Conv1d: CONV, Conv2d: CONV, Conv3d: CONV, ConvTranspose1d: CONV_T, ConvTranspose2d: CONV_T, ConvTranspose3d: CONV_T,
  MaxPool1d: MAXPOOL, MaxPool2d: MAXPOOL, MaxPool3d: MAXPOOL,
  AvgPool1d: AVGPOOL.slice(0, 5), AvgPool2d: AVGPOOL, AvgPool3d: AVGPOOL,
  AdaptiveAvgPool1d: ['output_size'], AdaptiveAvgPool2d: ['output_size'], AdaptiveAvgPool3d: ['output_size'],
  AdaptiveMaxPool1d: ['output_size', 'return_indices'], AdaptiveMaxPool2d: ['output_size', 'return_indices'], AdaptiveMaxPool3d: ['output_size', 'return_indices'],
  ReLU: ACT_INPLACE, SELU: ACT_INPLACE, SiLU: ACT_INPLACE, Mish: ACT_INPLACE, Hardswish: ACT_INPLACE, Hardsigmoid: ACT_INPLACE, ReLU6: ACT_INPLACE,
  Sigmoid: [], Tanh: [], Softsign: [], Tanhshrink: [], LogSigmoid: [],
  Hardtanh: ['min_val', 'max_val', 'inplace', 'min_value', 'max_value'], LeakyReLU: ['negative_slope', 'inplace'], ELU: ['alpha', 'inplace'], CELU: ['alpha', 'inplace'],
  GELU: ['approximate'], Softplus: ['beta', 'threshold'], Threshold: ['threshold', 'value', 'inplace'],
  PReLU: ['num_parameters', 'init', '**factory'], Softmax: ['dim'], LogSoftmax: ['dim'], Softmin: ['dim'],
  BatchNorm1d: BN, BatchNorm2d: BN, BatchNorm3d: BN,
  LayerNorm: ['normalized_shape', 'eps', 'elementwise_affine', 'bias', '**factory'],
  GroupNorm: ['num_groups', 'num_channels', 'eps', 'affine', '**factory'],
  InstanceNorm1d: BN, InstanceNorm2d: BN, InstanceNorm3d: BN,
  ConstantPad1d: ['padding', 'value'], ConstantPad2d: ['padding', 'value'], ConstantPad3d: ['padding', 'value'],
  ZeroPad1d: ['padding'], ZeroPad2d: ['padding'], ZeroPad3d: ['padding'], ReflectionPad1d: ['padding'], ReflectionPad2d: ['padding'],
  ReflectionPad3d: ['padding'], ReplicationPad1d: ['padding'], ReplicationPad2d: ['padding'], ReplicationPad3d: ['padding'],
  Upsample: ['size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor'],
  UpsamplingNearest2d: ['size', 'scale_factor'], UpsamplingBilinear2d: ['size', 'scale_factor'],
  PixelShuffle: ['upscale_factor'], PixelUnshuffle: ['downscale_factor'],
  CircularPad1d: ['padding'], CircularPad2d: ['padding'], CircularPad3d: ['padding'],
  Dropout: DROPOUT, Dropout1d: DROPOUT, Dropout2d: DROPOUT, Dropout3d: DROPOUT, AlphaDropout: DROPOUT, FeatureAlphaDropout: DROPOUT,
  MultiheadAttention: ['embed_dim', 'num_heads', 'dropout', 'bias', 'add_bias_kv', 'add_zero_attn', 'kdim', 'vdim', 'batch_first', '**factory'],
  TransformerEncoderLayer: TRANSFORMER_LAYER, TransformerDecoderLayer: TRANSFORMER_LAYER,
  TransformerEncoder: ['encoder_layer', 'num_layers', 'norm', 'enable_nested_tensor', 'mask_check'],
  TransformerDecoder: ['decoder_layer', 'num_layers', 'norm'],
  Transformer: ['d_model', 'nhead', 'num_encoder_layers', 'num_decoder_layers', 'dim_feedforward', 'dropout', 'activation',
    'custom_encoder', 'custom_decoder', 'layer_norm_eps', 'batch_first', 'norm_first', 'bias', '**factory'],
  Embedding: ['num_embeddings', 'embedding_dim', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse', '_weight', '_freeze', '**factory'],
  // the long tail (activation_extra, distance, norm_extra, pool_extra, vision, embedding_bag)
  GLU: ['dim'], Hardshrink: ['lambd'], Softshrink: ['lambd'], RReLU: ['lower', 'upper', 'inplace'], Softmax2d: [],
  PairwiseDistance: ['p', 'eps', 'keepdim'], CosineSimilarity: ['dim', 'eps'],
  RMSNorm: ['normalized_shape', 'eps', 'elementwise_affine', '**factory'], LocalResponseNorm: ['size', 'alpha', 'beta', 'k'],
  SyncBatchNorm: ['num_features', 'eps', 'momentum', 'affine', 'track_running_stats', 'process_group', '**factory'],
  LPPool1d: LPPOOL, LPPool2d: LPPOOL, LPPool3d: LPPOOL, FractionalMaxPool2d: FRACPOOL, FractionalMaxPool3d: FRACPOOL, MaxUnpool1d: UNPOOL, MaxUnpool2d: UNPOOL, MaxUnpool3d: UNPOOL,
  ChannelShuffle: ['groups'], Fold: ['output_size', 'kernel_size', 'dilation', 'padding', 'stride'], Unfold: ['kernel_size', 'dilation', 'padding', 'stride'],
  EmbeddingBag: ['num_embeddings', 'embedding_dim', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'mode', 'sparse', '_weight', 'include_last_offset', 'padding_idx', '**factory'],
};

const F_CONV = ['input', 'weight', 'bias', 'stride', 'padding', 'dilation', 'groups'];
const F_CONV_T = ['input', 'weight', 'bias', 'stride', 'padding', 'output_padding', 'groups', 'dilation'];
const F_MAXPOOL = ['input', 'kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'];
const F_AVGPOOL = ['input', 'kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'];
const F_INPLACE = ['input', 'inplace'];
const F_SOFTMAX = ['input', 'dim', '_stacklevel', 'dtype'];
const F_DROPOUT = ['input', 'p', 'training', 'inplace'];
const F_LPPOOL = ['input', 'norm_type', 'kernel_size', 'stride', 'ceil_mode'];
const F_UNPOOL = ['input', 'indices', 'kernel_size', 'stride', 'padding', 'output_size'];

export const FUNCTIONAL_ARGS: Record<string, readonly string[]> = {
  relu: F_INPLACE, relu6: F_INPLACE, selu: F_INPLACE, silu: F_INPLACE, mish: F_INPLACE, hardswish: F_INPLACE, hardsigmoid: F_INPLACE,
  sigmoid: ['input'], tanh: ['input'], softsign: ['input'], tanhshrink: ['input'], logsigmoid: ['input'],
  threshold: ['input', 'threshold', 'value', 'inplace'], hardtanh: ['input', 'min_val', 'max_val', 'inplace'],
  leaky_relu: ['input', 'negative_slope', 'inplace'], elu: ['input', 'alpha', 'inplace'], celu: ['input', 'alpha', 'inplace'],
  gelu: ['input', 'approximate'], softplus: ['input', 'beta', 'threshold'], prelu: ['input', 'weight'],
  softmax: F_SOFTMAX, log_softmax: F_SOFTMAX, softmin: F_SOFTMAX,
  conv1d: F_CONV, conv2d: F_CONV, conv3d: F_CONV, conv_transpose1d: F_CONV_T, conv_transpose2d: F_CONV_T, conv_transpose3d: F_CONV_T,
  pad: ['input', 'pad', 'mode', 'value'],
  max_pool1d: F_MAXPOOL, max_pool2d: F_MAXPOOL, max_pool3d: F_MAXPOOL,
  max_pool1d_with_indices: F_MAXPOOL, max_pool2d_with_indices: F_MAXPOOL, max_pool3d_with_indices: F_MAXPOOL,
  avg_pool1d: F_AVGPOOL.slice(0, 6), avg_pool2d: F_AVGPOOL, avg_pool3d: F_AVGPOOL,
  adaptive_avg_pool1d: ['input', 'output_size'], adaptive_avg_pool2d: ['input', 'output_size'], adaptive_avg_pool3d: ['input', 'output_size'],
  adaptive_max_pool1d: ['input', 'output_size', 'return_indices'], adaptive_max_pool2d: ['input', 'output_size', 'return_indices'],
  adaptive_max_pool3d: ['input', 'output_size', 'return_indices'],
  batch_norm: ['input', 'running_mean', 'running_var', 'weight', 'bias', 'training', 'momentum', 'eps'],
  layer_norm: ['input', 'normalized_shape', 'weight', 'bias', 'eps'],
  instance_norm: ['input', 'running_mean', 'running_var', 'weight', 'bias', 'use_input_stats', 'momentum', 'eps'], group_norm: ['input', 'num_groups', 'weight', 'bias', 'eps'],
  dropout: F_DROPOUT, dropout1d: F_DROPOUT, dropout2d: F_DROPOUT, dropout3d: F_DROPOUT, alpha_dropout: F_DROPOUT, feature_alpha_dropout: F_DROPOUT,
  embedding: ['input', 'weight', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse'],
  one_hot: ['tensor', 'num_classes'], linear: ['input', 'weight', 'bias'], bilinear: ['input1', 'input2', 'weight', 'bias'],
  normalize: ['input', 'p', 'dim', 'eps', 'out'],
  interpolate: ['input', 'size', 'scale_factor', 'mode', 'align_corners', 'recompute_scale_factor', 'antialias'],
  pixel_shuffle: ['input', 'upscale_factor'], pixel_unshuffle: ['input', 'downscale_factor'],
  // the long tail (functional/*_extra.ts)
  affine_grid: ['theta', 'size', 'align_corners'], grid_sample: ['input', 'grid', 'mode', 'padding_mode', 'align_corners'],
  glu: ['input', 'dim'], hardshrink: ['input', 'lambd'], softshrink: ['input', 'lambd'], rrelu: ['input', 'lower', 'upper', 'training', 'inplace'],
  pairwise_distance: ['x1', 'x2', 'p', 'eps', 'keepdim'], cosine_similarity: ['x1', 'x2', 'dim', 'eps'], pdist: ['input', 'p'],
  rms_norm: ['input', 'normalized_shape', 'weight', 'eps'], local_response_norm: ['input', 'size', 'alpha', 'beta', 'k'],
  fractional_max_pool2d: ['input', ...FRACPOOL], fractional_max_pool3d: ['input', ...FRACPOOL],
  lp_pool1d: F_LPPOOL, lp_pool2d: F_LPPOOL, lp_pool3d: F_LPPOOL, max_unpool1d: F_UNPOOL, max_unpool2d: F_UNPOOL, max_unpool3d: F_UNPOOL,
  channel_shuffle: ['input', 'groups'], unfold: ['input', 'kernel_size', 'dilation', 'padding', 'stride'],
  fold: ['input', 'output_size', 'kernel_size', 'dilation', 'padding', 'stride'],
  embedding_bag: ['input', 'weight', 'offsets', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'mode', 'sparse', 'per_sample_weights', 'include_last_offset', 'padding_idx'],
};
