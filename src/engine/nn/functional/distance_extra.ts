// Distances: F.pairwise_distance (NormBackward1), F.cosine_similarity (composed, as ATen does),
// torch.cdist (CdistBackward0) and F.pdist (PdistBackward0), with a shared p-norm derivative.
import { Tensor } from '../../tensor';
import { runtimeError } from '../../errors';
import { record } from '../../autograd/node';
import { no_grad } from '../../autograd/grad_mode';
import { isFloating, scalarTypeName } from '../../dtype';
import { tensor, zeros } from '../../ops/creation';
import { where } from '../../ops/compare';
import { broadcast_shapes } from '../../ops/shape_ops';
import { index_select } from '../../ops/scatter';
import { linalg_vector_norm } from '../../ops/reduce';
import { resultTypeOf, sumToShape } from '../../ops/util';

/**
 * d‖v‖_p / dv for difference vectors `diff` whose norms are `dist` (broadcast on the last dim), with
 * ATen's cdist conventions: zero where the distance is zero (and where diff is zero for p < 1).
 */
function pnormGrad(diff: Tensor, dist: Tensor, p: number): Tensor {
  if (p === 0) return diff.mul(0);
  if (p === 1) return diff.sign();
  if (p === Infinity) return diff.sign().mul(diff.abs().eq(dist).to(diff.dtype));
  const safe = where(dist.eq(0), 1, dist);
  const g = p === 2 ? diff.div(safe) : diff.sign().mul(diff.abs().pow(p - 1)).div(safe.pow(p - 1));
  const zero = p < 1 ? dist.eq(0).logical_or(diff.eq(0)) : dist.eq(0);
  return where(zero, 0, g);
}

/** ‖x1 − x2 + eps‖_p over the last dim of the broadcast inputs. */
export function pairwise_distance(x1: Tensor, x2: Tensor, p = 2.0, eps = 1e-6, keepdim = false): Tensor {
  const d = Math.max(x1.dim(), x2.dim()) - 1;
  const diff = x1.sub(x2).add(eps);
  const out = linalg_vector_norm(diff.detach(), p, d, keepdim);
  record('NormBackward1', out, [diff], [diff, out], ([g], [df, o]) => {
    const ge = keepdim ? g! : g!.unsqueeze(d), oe = keepdim ? o : o.unsqueeze(d);
    return [ge.mul(pnormGrad(df, oe, p))];
  });
  return out;
}

/** ATen's composite: each input divided by its (eps-clamped) norm, then the dot product along dim. */
export function cosine_similarity(x1: Tensor, x2: Tensor, dim = 1, eps = 1e-8): Tensor {
  const common = resultTypeOf(x1, x2);
  if (!isFloating(common)) throw runtimeError(`expected common dtype to be floating point, yet common dtype is ${scalarTypeName(common)}`);
  const shape = broadcast_shapes(x1.shape, x2.shape);
  const a = x1.to(common).expand(shape), b = x2.to(common).expand(shape);
  // The clamps run without grad on clones, so gradients flow through the unclamped norms (as in ATen).
  const n1 = linalg_vector_norm(a, 2, dim, true).clone(), n2 = linalg_vector_norm(b, 2, dim, true).clone();
  no_grad(() => { n1.clamp_min_(eps); n2.clamp_min_(eps); });
  return a.div(n1).mul(b.div(n2)).sum(dim);
}

function checkP(op: string, p: number): void {
  if (!(p >= 0)) throw runtimeError(`${op} only supports non-negative p values`);
}

/** Distances between every row of x1 [..., P, M] and every row of x2 [..., R, M]: [..., P, R]. */
export function cdist(x1: Tensor, x2: Tensor, p = 2.0, _compute_mode: string | null = null): Tensor {
  if (x1.dim() < 2) throw runtimeError(`cdist only supports at least 2D tensors, X1 got: ${x1.dim()}D`);
  if (x2.dim() < 2) throw runtimeError(`cdist only supports at least 2D tensors, X2 got: ${x2.dim()}D`);
  const c1 = x1.shape[x1.dim() - 1], c2 = x2.shape[x2.dim() - 1];
  if (c1 !== c2) throw runtimeError(`X1 and X2 must have the same number of columns. X1: ${c1} X2: ${c2}`);
  if (!isFloating(x1.dtype)) throw runtimeError(`cdist only supports floating-point dtypes, X1 got: ${scalarTypeName(x1.dtype)}`);
  if (!isFloating(x2.dtype)) throw runtimeError(`cdist only supports floating-point dtypes, X2 got: ${scalarTypeName(x2.dtype)}`);
  checkP('cdist', p);
  const pairDiff = (a: Tensor, b: Tensor) => {
    const batch = broadcast_shapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
    const ae = a.expand([...batch, ...a.shape.slice(-2)]), be = b.expand([...batch, ...b.shape.slice(-2)]);
    return ae.unsqueeze(-2).sub(be.unsqueeze(-3));
  };
  const out = no_grad(() => linalg_vector_norm(pairDiff(x1, x2), p, -1));
  record('CdistBackward0', out, [x1, x2], [x1, x2, out], ([g], [a, b, o]) => {
    const w = g!.unsqueeze(-1).mul(pnormGrad(pairDiff(a, b), o.unsqueeze(-1), p));
    return [sumToShape(w.sum(-2), a.shape), sumToShape(w.sum(-3).neg(), b.shape)];
  });
  return out;
}

/** Distances between the rows i < j of a 2-D input, in row-major pair order. */
export function pdist(input: Tensor, p = 2.0): Tensor {
  if (input.dim() !== 2) throw runtimeError(`pdist only supports 2D tensors, got: ${input.dim()}D`);
  if (!isFloating(input.dtype)) throw runtimeError('pdist only supports floating-point dtypes');
  checkP('pdist', p);
  const n = input.shape[0];
  const I: number[] = [], J: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) { I.push(i); J.push(j); }
  const ii = tensor(I, { dtype: 'int64' }), jj = tensor(J, { dtype: 'int64' });
  const diffOf = (x: Tensor, a: Tensor, b: Tensor) => index_select(x, 0, a).sub(index_select(x, 0, b));
  const out = no_grad(() => linalg_vector_norm(diffOf(input, ii, jj), p, -1));
  record('PdistBackward0', out, [input], [input, out, ii, jj], ([g], [x, o, a, b]) => {
    const w = g!.unsqueeze(-1).mul(pnormGrad(diffOf(x, a, b), o.unsqueeze(-1), p));
    return [zeros(x.shape, { dtype: x.dtype, device: x.device }).index_add(0, a, w).index_add(0, b, w.neg())];
  });
  return out;
}
