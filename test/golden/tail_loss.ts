// The engine side of test/golden/gen_tail_loss.py's op table: the same keys, each calling the engine's
// margin / embedding / likelihood / CTC losses the way the Python calls torch. Tensor-valued keywords
// (weight) arrive as input indices; CTC lengths come as int lists in the args or as inputs 2 and 3.
import { nn, type Tensor } from '../../src/engine';
import type { Args, OpFn } from './core_ops';

const F = nn.functional;

function opt(x: Tensor[], a: Args): Args {
  const o: Args = { ...a };
  if ('weight' in a) o.weight = x[a.weight as number];
  return o;
}
const without = (a: Args, ...keys: string[]): Args => Object.fromEntries(Object.entries(a).filter(([k]) => !keys.includes(k)));
const lengths = (x: Tensor[], a: Args, k: string, i: number): Tensor | number[] => (k in a ? (a[k] as number[]) : x[i]);
const ctc = (lp: Tensor, x: Tensor[], a: Args): Tensor => F.ctc_loss(lp, x[1], lengths(x, a, 'il', 2), lengths(x, a, 'tl', 3), without(a, 'il', 'tl'));

export const TAIL_LOSS_OPS: Record<string, OpFn> = {
  margin_ranking_loss: (x, a) => F.margin_ranking_loss(x[0], x[1], x[2], a),
  hinge_embedding_loss: (x, a) => F.hinge_embedding_loss(x[0], x[1], a),
  cosine_embedding_loss: (x, a) => F.cosine_embedding_loss(x[0], x[1], x[2], a),
  soft_margin_loss: (x, a) => F.soft_margin_loss(x[0], x[1], a),
  multilabel_soft_margin_loss: (x, a) => F.multilabel_soft_margin_loss(x[0], x[1], opt(x, a)),
  multilabel_margin_loss: (x, a) => F.multilabel_margin_loss(x[0], x[1], a),
  multi_margin_loss: (x, a) => F.multi_margin_loss(x[0], x[1], opt(x, a)),
  triplet_margin_loss: (x, a) => F.triplet_margin_loss(x[0], x[1], x[2], a),
  triplet_margin_with_distance_loss: (x, a) => F.triplet_margin_with_distance_loss(x[0], x[1], x[2], a),
  triplet_cosine_distance: (x, a) => F.triplet_margin_with_distance_loss(x[0], x[1], x[2], {
    ...a, distance_function: (u: Tensor, v: Tensor) => cosineSimilarity(u, v).neg().add(1),
  }),
  poisson_nll_loss: (x, a) => F.poisson_nll_loss(x[0], x[1], a),
  gaussian_nll_loss: (x, a) => F.gaussian_nll_loss(x[0], x[1], 'var' in a ? (a.var as number) : x[2], without(a, 'var')),
  ctc_loss: (x, a) => ctc(x[0], x, a),
  ctc_loss_log_softmax: (x, a) => ctc(F.log_softmax(x[0], -1), x, a),
  MultiMarginLoss: (x, a) => new nn.MultiMarginLoss(opt(x, a)).call(x[0], x[1]) as Tensor,
  TripletMarginLoss: (x, a) => new nn.TripletMarginLoss(a).call(x[0], x[1], x[2]) as Tensor,
  CTCLoss: (x, a) => new nn.CTCLoss(a).call(x[0], x[1], x[2], x[3]) as Tensor,
  GaussianNLLLoss: (x, a) => new nn.GaussianNLLLoss(a).call(x[0], x[1], x[2]) as Tensor,
};

/** F.cosine_similarity over the last dim (eps 1e-8), composed here so the test needs no other family. */
function cosineSimilarity(u: Tensor, v: Tensor): Tensor {
  const dot = u.mul(v).sum(-1);
  const n = u.mul(u).sum(-1).mul(v.mul(v).sum(-1)).clamp_min(1e-16).sqrt();
  return dot.div(n);
}
