// The everyday nn layers (everything but Identity/Linear/Bilinear, which nn/index.ts exports itself).
export { Flatten, Unflatten } from './flatten';
export { Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d, ConvNd } from './conv';
export {
  MaxPool1d, MaxPool2d, MaxPool3d, AvgPool1d, AvgPool2d, AvgPool3d,
  AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveAvgPool3d, AdaptiveMaxPool1d, AdaptiveMaxPool2d, AdaptiveMaxPool3d,
} from './pool';
export {
  ReLU, ReLU6, LeakyReLU, PReLU, ELU, SELU, CELU, GELU, SiLU, Mish, Sigmoid, Tanh, Hardtanh, Hardswish, Hardsigmoid,
  Softplus, Softsign, Tanhshrink, Threshold, Softmax, LogSoftmax, Softmin, LogSigmoid,
} from './activation';
export { BatchNorm1d, BatchNorm2d, BatchNorm3d, BatchNormBase, LayerNorm, GroupNorm, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d } from './norm';
export {
  ConstantPad1d, ConstantPad2d, ConstantPad3d, ZeroPad1d, ZeroPad2d, ZeroPad3d, ReflectionPad1d, ReflectionPad2d, ReflectionPad3d,
  ReplicationPad1d, ReplicationPad2d, ReplicationPad3d, CircularPad1d, CircularPad2d, CircularPad3d,
} from './padding';
export { Dropout, Dropout1d, Dropout2d, Dropout3d, AlphaDropout, FeatureAlphaDropout } from './dropout';
export { Embedding } from './sparse';
export { Upsample, UpsamplingNearest2d, UpsamplingBilinear2d, PixelShuffle, PixelUnshuffle } from './upsample';
export { L1Loss, MSELoss, SmoothL1Loss, HuberLoss, KLDivLoss, BCELoss, BCEWithLogitsLoss, NLLLoss, CrossEntropyLoss } from './loss';
export {
  MarginRankingLoss, HingeEmbeddingLoss, CosineEmbeddingLoss, SoftMarginLoss, MultiLabelSoftMarginLoss, MultiLabelMarginLoss,
  MultiMarginLoss, TripletMarginLoss, TripletMarginWithDistanceLoss, PoissonNLLLoss, GaussianNLLLoss, CTCLoss,
} from './loss_extra';
export { RNNBase, RNN, LSTM, GRU, RNNCellBase, RNNCell, LSTMCell, GRUCell } from './rnn';
export { MultiheadAttention, NonDynamicallyQuantizableLinear } from './attention';
export { TransformerEncoderLayer, TransformerDecoderLayer, TransformerEncoder, TransformerDecoder, Transformer } from './transformer';
export { GLU, Hardshrink, Softshrink, RReLU, Softmax2d } from './activation_extra';
export { PairwiseDistance, CosineSimilarity } from './distance';
export { RMSNorm, LocalResponseNorm, SyncBatchNorm } from './norm_extra';
export { LPPool1d, LPPool2d, LPPool3d, MaxUnpool1d, MaxUnpool2d, MaxUnpool3d, FractionalMaxPool2d, FractionalMaxPool3d } from './pool_extra';
export { ChannelShuffle, Fold, Unfold } from './vision';
export { EmbeddingBag } from './embedding_bag';
export { LAYER_ARGS, FUNCTIONAL_ARGS } from './signatures';
