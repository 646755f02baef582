// The nn functionals PyTorch also exposes in the top-level `torch` namespace (torch.conv2d,
// torch.batch_norm, torch.dropout, ...), gathered here so torch.ts spreads them with one line.
import { conv1d, conv2d, conv3d, conv_transpose1d, conv_transpose2d, conv_transpose3d } from './conv';
import { max_pool1d, max_pool2d, max_pool3d, avg_pool1d, adaptive_avg_pool1d, adaptive_max_pool1d } from './pool';
import { batch_norm, layer_norm, group_norm } from './norm';
import { dropout, alpha_dropout, feature_alpha_dropout } from './dropout';
import { embedding } from './sparse';
import { prelu, selu, celu, threshold } from './activation';
import { bilinear } from './linear';

export const torchNnOps = {
  conv1d, conv2d, conv3d, conv_transpose1d, conv_transpose2d, conv_transpose3d,
  max_pool1d, max_pool2d, max_pool3d, avg_pool1d, adaptive_avg_pool1d, adaptive_max_pool1d,
  batch_norm, layer_norm, group_norm, dropout, alpha_dropout, feature_alpha_dropout, embedding,
  prelu, selu, celu, threshold, bilinear,
};
