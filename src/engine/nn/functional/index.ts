// torch.nn.functional: the `F` namespace, one spread per functional family, under PyTorch's names.
import * as activation from './activation';
import * as conv from './conv';
import * as pad from './pad';
import * as pool from './pool';
import * as norm from './norm';
import * as dropout from './dropout';
import * as sparse from './sparse';
import * as upsample from './upsample';
import * as linear from './linear';
import * as loss from './loss';
import * as lossNll from './loss_nll';
import * as lossExtraAll from './loss_extra';
import { ctc_loss } from './loss_ctc';
import * as activationExtra from './activation_extra';
import * as distanceExtra from './distance_extra';
import * as normExtra from './norm_extra';
import * as poolExtra from './pool_extra';
import * as visionExtra from './vision_extra';
import * as embeddingBagExtra from './embedding_bag_extra';
import * as gridExtra from './grid_extra';
import { scaled_dot_product_attention, multi_head_attention_forward } from './attention';

const { convolution: _convolution, ...convFns } = conv;
void _convolution;
const { LOSS_EXTRA_FUNCTIONAL_ARGS: _lossExtraArgs, ...lossExtra } = lossExtraAll;
void _lossExtraArgs;
// torch.cdist lives in the torch namespace only (torch.ts), not in F.
const { cdist: _cdist, ...distanceFns } = distanceExtra;
void _cdist;

export const F = {
  ...activation, ...convFns, ...pad, ...pool, ...norm, ...dropout, ...sparse, ...upsample, ...linear, ...loss, ...lossNll,
  ...lossExtra, ctc_loss,
  scaled_dot_product_attention, multi_head_attention_forward,
  ...activationExtra, ...distanceFns, ...normExtra, ...poolExtra, ...visionExtra, ...embeddingBagExtra, ...gridExtra,
};

export type { ConvPadding } from './conv';
export type { PadMode } from './pad';
