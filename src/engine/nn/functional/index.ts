// torch.nn.functional: the `F` namespace, one spread per functional family, under PyTorch's names.
import * as activation from './activation';
import * as conv from './conv';
import * as pad from './pad';
import * as pool from './pool';
import * as norm from './norm';
import * as dropout from './dropout';
import * as sparse from './sparse';
import * as linear from './linear';
import * as loss from './loss';
import * as lossNll from './loss_nll';
import { scaled_dot_product_attention, multi_head_attention_forward } from './attention';

const { convolution: _convolution, ...convFns } = conv;
void _convolution;

export const F = {
  ...activation, ...convFns, ...pad, ...pool, ...norm, ...dropout, ...sparse, ...linear, ...loss, ...lossNll,
  scaled_dot_product_attention, multi_head_attention_forward,
};

export type { ConvPadding } from './conv';
export type { PadMode } from './pad';
