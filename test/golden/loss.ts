// The engine side of test/golden/gen_loss.py's op table: the same keys, each calling the engine's
// nn.functional losses (or loss modules) the way the Python calls torch. Tensor-valued keywords
// (weight, pos_weight) arrive as input indices.
import { nn, type Tensor } from '../../src/engine';
import type { Args, OpFn } from './core_ops';

const F = nn.functional;

/** The case's keywords with tensor-valued ones resolved to their input tensors. */
function opt(x: Tensor[], a: Args): Args {
  const o: Args = { ...a };
  for (const k of ['weight', 'pos_weight']) if (k in a) o[k] = x[a[k] as number];
  return o;
}

export const LOSS_OPS: Record<string, OpFn> = {
  l1_loss: (x, a) => F.l1_loss(x[0], x[1], opt(x, a)),
  mse_loss: (x, a) => F.mse_loss(x[0], x[1], opt(x, a)),
  smooth_l1_loss: (x, a) => F.smooth_l1_loss(x[0], x[1], opt(x, a)),
  huber_loss: (x, a) => F.huber_loss(x[0], x[1], opt(x, a)),
  binary_cross_entropy: (x, a) => F.binary_cross_entropy(x[0], x[1], opt(x, a)),
  binary_cross_entropy_with_logits: (x, a) => F.binary_cross_entropy_with_logits(x[0], x[1], opt(x, a)),
  kl_div: (x, a) => F.kl_div(x[0], x[1], opt(x, a)),
  nll_loss: (x, a) => F.nll_loss(x[0], x[1], opt(x, a)),
  cross_entropy: (x, a) => F.cross_entropy(x[0], x[1], opt(x, a)),
  nll_loss_log_softmax: (x, a) => F.nll_loss(F.log_softmax(x[0], 1), x[1], opt(x, a)),
  CrossEntropyLoss: (x, a) => new nn.CrossEntropyLoss(opt(x, a)).call(x[0], x[1]) as Tensor,
  BCEWithLogitsLoss: (x, a) => new nn.BCEWithLogitsLoss(opt(x, a)).call(x[0], x[1]) as Tensor,
  KLDivLoss: (x, a) => new nn.KLDivLoss(opt(x, a)).call(x[0], x[1]) as Tensor,
};
