// The engine side of test/golden/gen_core_ops.py's op table: the same keys, each calling the engine
// the way the Python calls torch. A fixture case names one of these in its `op`.
import { torch, type Tensor, type DType } from '../../src/engine';

/** The case's scalar and keyword arguments, as the generator wrote them. */
export type Args = Record<string, any>;
export type OpFn = (x: Tensor[], a: Args) => Tensor;

const unary = (name: keyof typeof torch): OpFn => ([x]) => (torch[name] as (t: Tensor) => Tensor)(x);
const binary = (name: keyof typeof torch): OpFn => ([x, y]) => (torch[name] as (a: Tensor, b: Tensor) => Tensor)(x, y);
const withScalar = (name: keyof typeof torch): OpFn => ([x], a) => (torch[name] as (t: Tensor, s: number) => Tensor)(x, a.s);
const each = (names: string[], make: (n: any) => OpFn, suffix = ''): Record<string, OpFn> =>
  Object.fromEntries(names.map((n) => [n + suffix, make(n)]));

export const CORE_OPS: Record<string, OpFn> = {
  // binary, tensor with tensor
  add: ([x, y]) => torch.add(x, y),
  add_alpha: ([x, y], a) => torch.add(x, y, a.alpha),
  sub: ([x, y]) => torch.sub(x, y),
  sub_alpha: ([x, y], a) => torch.sub(x, y, a.alpha),
  mul: ([x, y]) => torch.mul(x, y),
  div: ([x, y]) => torch.div(x, y),
  div_trunc: ([x, y]) => torch.div(x, y, 'trunc'),
  div_floor: ([x, y]) => torch.div(x, y, 'floor'),
  floordiv: ([x, y]) => torch.floor_divide(x, y),
  mod: ([x, y]) => torch.remainder(x, y),
  fmod: ([x, y]) => torch.fmod(x, y),
  fmod_s: ([x], a) => torch.fmod(x, a.s),
  pow: ([x, y]) => torch.pow(x, y),
  atan2: ([x, y]) => torch.atan2(x, y),
  maximum: ([x, y]) => torch.maximum(x, y),
  minimum: ([x, y]) => torch.minimum(x, y),
  // binary, tensor with a Python scalar: `x op s` and `s op x`
  add_s: ([x], a) => torch.add(x, a.s),
  radd_s: ([x], a) => torch.add(a.s, x),
  sub_s: ([x], a) => torch.sub(x, a.s),
  rsub_s: ([x], a) => torch.sub(a.s, x),
  mul_s: ([x], a) => torch.mul(x, a.s),
  rmul_s: ([x], a) => torch.mul(a.s, x),
  div_s: ([x], a) => torch.div(x, a.s),
  rdiv_s: ([x], a) => torch.div(a.s, x),
  floordiv_s: ([x], a) => torch.floor_divide(x, a.s),
  rfloordiv_s: ([x], a) => torch.floor_divide(a.s, x),
  mod_s: ([x], a) => torch.remainder(x, a.s),
  rmod_s: ([x], a) => torch.remainder(a.s, x),
  pow_s: ([x], a) => torch.pow(x, a.s),
  rpow_s: ([x], a) => torch.pow(a.s, x),
  // unary
  ...each(['abs', 'neg', 'exp', 'expm1', 'log', 'log1p', 'log2', 'sqrt', 'rsqrt', 'sin', 'cos', 'tan', 'tanh',
    'sigmoid', 'relu', 'erf', 'floor', 'ceil', 'round', 'trunc', 'sign', 'reciprocal', 'exp2', 'log10',
    'asin', 'acos', 'atan', 'sinh', 'cosh', 'frac', 'square'], unary),
  round_decimals: ([x], a) => torch.round(x, a.decimals),
  // clamp family, where, masked_fill, lerp
  clamp: ([x], a) => torch.clamp(x, a.min ?? null, a.max ?? null),
  clip: ([x], a) => torch.clip(x, a.min ?? null, a.max ?? null),
  clamp_t: ([x, lo, hi]) => torch.clamp(x, lo, hi),
  clamp_min_t: ([x, lo]) => torch.clamp(x, lo),
  where: ([c, x, y]) => torch.where(c, x, y),
  masked_fill: ([x, m], a) => x.masked_fill(m, a.value),
  lerp_s: ([x, y], a) => torch.lerp(x, y, a.weight),
  lerp_t: ([x, y, w]) => torch.lerp(x, y, w),
  // comparisons and logical ops
  ...each(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logical_and', 'logical_or', 'logical_xor', 'bitwise_and', 'bitwise_or', 'bitwise_xor'], binary),
  ...each(['eq', 'ne', 'lt', 'le', 'gt', 'ge'], withScalar, '_s'),
  ...each(['logical_not', 'bitwise_not', 'isnan', 'isinf', 'isfinite'], unary),
  // reductions
  sum: ([x]) => x.sum(),
  sum_dim: ([x], a) => x.sum(a.dim, a.keepdim ?? false),
  mean: ([x]) => x.mean(),
  mean_dim: ([x], a) => x.mean(a.dim, a.keepdim ?? false),
  // views and layout
  view: ([x], a) => x.view(a.shape),
  reshape: ([x], a) => x.reshape(a.shape),
  permute: ([x], a) => x.permute(a.dims),
  transpose: ([x], a) => x.transpose(a.dim0, a.dim1),
  t: ([x]) => x.t(),
  unsqueeze: ([x], a) => x.unsqueeze(a.dim),
  squeeze: ([x]) => x.squeeze(),
  squeeze_dim: ([x], a) => x.squeeze(a.dim),
  flatten: ([x], a) => x.flatten(a.start_dim ?? 0, a.end_dim ?? -1),
  unflatten: ([x], a) => x.unflatten(a.dim, a.sizes),
  expand: ([x], a) => x.expand(a.shape),
  narrow: ([x], a) => x.narrow(a.dim, a.start, a.length),
  select: ([x], a) => x.select(a.dim, a.index),
  contiguous: ([x]) => x.contiguous(),
  clone: ([x]) => x.clone(),
  to: ([x], a) => x.to(a.dtype as DType),
  // factories
  arange: (_x, a) => torch.arange(a.args[0], a.args[1], a.args[2]),
  linspace: (_x, a) => torch.linspace(a.args[0], a.args[1], a.args[2]),
  zeros: (_x, a) => torch.zeros(a.shape),
  ones: (_x, a) => torch.ones(a.shape),
  full: (_x, a) => torch.full(a.shape, a.value),
  eye: (_x, a) => torch.eye(a.args[0], a.args[1]),
  tensor: (_x, a) => torch.tensor(a.data),
  // a chain of ops, so gradients flow through several nodes into a leaf
  chain_mlp: ([x, w, b]) => x.mul(w).sum(-1).add(b).tanh(),
  self_use: ([x]) => x.mul(x).add(x),
  requires_grad_int: ([x]) => x.requires_grad_(true),
  where_s: ([c, x], a) => torch.where(c, x, a.s),
  // in-place ops
  add_inplace: ([x, y]) => x.clone().add_(y),
  mul_inplace: ([x, y]) => x.clone().mul_(y),
  clamp_inplace: ([x], a) => x.clone().clamp_(a.min, a.max),
  sigmoid_inplace: ([x]) => x.clone().sigmoid_(),
  leaf_add_inplace: ([x, y]) => x.add_(y),
  add_inplace_s: ([x], a) => x.add_(a.s),
};
