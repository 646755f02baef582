// Normalisation functionals: batch_norm, layer_norm and group_norm as primitives with their analytic
// backward (PyTorch's NativeBatchNormBackward0 / NativeLayerNormBackward0 / NativeGroupNormBackward0),
// sharing one core: dense float64 loops (norm_kernels.ts) forward and backward, and a Tensor-op backward
// when create_graph asks for a differentiable one.
import { Tensor, emptyTensor, makeTensor } from '../../tensor';
import { runtimeError, valueError } from '../../errors';
import { record } from '../../autograd/node';
import { no_grad, is_grad_enabled } from '../../autograd/grad_mode';
import { normBackward, normForward, normStats, statCount, type NormLayout } from './norm_kernels';
import { channelShape, nonChannelDims, requireFloat } from './util';

interface NormPlan {
  node: string;
  /** Dense layout for the kernels: which statistic and affine entry each element uses. */
  layout: NormLayout;
  /** x viewed so that its statistics reduce over `dims` of the view (group_norm regroups channels). */
  grouped: (t: Tensor) => Tensor;
  dims: number[];
  /** Shape of the statistics in the grouped view (kept dims), for the graph-building backward. */
  statShape: number[];
  /** Shape weight and bias take to broadcast against x. */
  affineShape: number[];
  /** Dims of x the weight/bias gradients sum over. */
  affineSumDims: number[];
  /** Eval-mode batch norm: fixed statistics (one per statistic) instead of the batch's. */
  fixed?: { mean: Tensor; var: Tensor };
  eps: number;
}

/** Result of a normalisation: the output and the batch statistics (float64, one per statistic). */
interface NormResult { out: Tensor; mean: Tensor; var: Tensor }

type Arr = Float32Array | Float64Array;
const dense = (t: Tensor | null): Arr | null => (t ? (t.detach()._contiguousData() as Arr) : null);
const f64 = (a: ArrayLike<number>, shape: number[]): Tensor => makeTensor(Float64Array.from(a), shape, 'float64');

function normCore(x: Tensor, weight: Tensor | null, bias: Tensor | null, p: NormPlan): NormResult {
  requireFloat(x, p.node);
  const nStats = statCount(p.layout);
  let out: Tensor, mean: Tensor, variance: Tensor, rstd: Tensor;
  if (x.device === 'meta') {
    out = emptyTensor(x.shape, x.dtype, 'meta');
    mean = variance = rstd = emptyTensor([nStats], 'float64', 'meta');
  } else {
    const xd = dense(x)!;
    const st = p.fixed
      ? { mean: Float64Array.from(dense(p.fixed.mean)!), variance: Float64Array.from(dense(p.fixed.var)!) }
      : normStats(xd, p.layout);
    const r = st.variance.map((v) => 1 / Math.sqrt(v + p.eps));
    out = emptyTensor(x.shape, x.dtype, 'cpu');
    normForward(xd, out._data() as Arr, p.layout, st.mean, r, dense(weight), dense(bias));
    mean = f64(st.mean, [nStats]);
    variance = f64(st.variance, [nStats]);
    rstd = f64(r, [nStats]);
  }
  record(p.node, out, [x, weight, bias], [x, mean, rstd, ...(weight ? [weight] : [])], ([g], [xx, mu, inv, w]) => {
    if (is_grad_enabled() || g!.device === 'meta') return graphBackward(p, g!, xx, mu, inv, w ?? null, weight, bias);
    const gd = dense(g!)!, xd = dense(xx)!;
    const nAffine = weight ? weight.numel() : bias ? bias.numel() : 0;
    const dx = emptyTensor(xx.shape, g!.dtype, 'cpu');
    const r = normBackward(gd, xd, p.layout, mu._data() as Float64Array, inv._data() as Float64Array, dense(w ?? null),
      !p.fixed, nAffine, dx._data() as Arr);
    const asParam = (a: Float64Array, like: Tensor) => makeTensor(like.dtype === 'float64' ? a : Float32Array.from(a), like.shape, like.dtype);
    return [dx, weight ? asParam(r.dw, weight) : null, bias ? asParam(r.db, bias) : null];
  });
  return { out, mean, var: variance };
}

/**
 * The same backward in Tensor ops, so create_graph=True can differentiate it again. Batch statistics
 * are recomputed from x inside the graph (their dependence on x matters for second derivatives);
 * eval-mode statistics are constants.
 */
function graphBackward(p: NormPlan, g: Tensor, xx: Tensor, mu: Tensor, inv: Tensor, w: Tensor | null, weight: Tensor | null, bias: Tensor | null): (Tensor | null)[] {
  const xg = p.grouped(xx);
  let m: Tensor, r: Tensor;
  if (p.fixed) {
    m = mu.reshape(p.statShape).to(xx.dtype);
    r = inv.reshape(p.statShape).to(xx.dtype);
  } else {
    m = xg.mean(p.dims, true);
    const xc = xg.sub(m);
    r = xc.mul(xc).mean(p.dims, true).add(p.eps).rsqrt();
  }
  const xhat = xg.sub(m).mul(r);
  const dxhat = p.grouped(w ? g.mul(w.reshape(p.affineShape)) : g);
  const dx = p.fixed ? dxhat.mul(r)
    : dxhat.sub(dxhat.mean(p.dims, true)).sub(xhat.mul(dxhat.mul(xhat).mean(p.dims, true))).mul(r);
  const xhatX = xhat.reshape(xx.shape);
  const sumAffine = (t: Tensor, like: Tensor) => (p.affineSumDims.length ? t.sum(p.affineSumDims) : t).reshape(like.shape);
  return [dx.reshape(xx.shape), weight ? sumAffine(g.mul(xhatX), weight) : null, bias ? sumAffine(g, bias) : null];
}

export function batch_norm(input: Tensor, running_mean: Tensor | null, running_var: Tensor | null, weight: Tensor | null = null,
  bias: Tensor | null = null, training = false, momentum: number = 0.1, eps = 1e-5): Tensor {
  if (input.dim() < 2) throw runtimeError(`batch_norm: expected input with at least 2 dims, but got ${input.dim()}`);
  const C = input.shape[1];
  const N = input.numel() / Math.max(C, 1);
  if (training && N === 1) throw valueError(`Expected more than 1 value per channel when training, got input size torch.Size([${input.shape.join(', ')}])`);
  for (const [name, t] of [['running_mean', running_mean], ['running_var', running_var], ['weight', weight], ['bias', bias]] as const) {
    if (t && t.numel() !== C) throw runtimeError(`${name} should contain ${C} elements not ${t.numel()}`);
  }
  if (!training && (!running_mean || !running_var)) throw runtimeError(`running_${running_mean ? 'var' : 'mean'} must be defined in evaluation mode`);
  const cs = channelShape(input.dim(), C);
  const plan: NormPlan = {
    node: 'NativeBatchNormBackward0', layout: { kind: 'channel', N: input.shape[0], C, S: input.numel() / Math.max(input.shape[0] * C, 1) },
    grouped: (t) => t, dims: nonChannelDims(input.dim()), statShape: cs, affineShape: cs, affineSumDims: nonChannelDims(input.dim()), eps,
    ...(training ? {} : { fixed: { mean: running_mean!, var: running_var! } }),
  };
  const r = normCore(input, weight, bias, plan);
  if (training && running_mean && running_var) {
    // PyTorch updates running_var with the unbiased batch variance.
    no_grad(() => {
      running_mean.mul_(1 - momentum).add_(r.mean.to(running_mean.dtype).mul(momentum));
      running_var.mul_(1 - momentum).add_(r.var.mul(N / Math.max(N - 1, 1)).to(running_var.dtype).mul(momentum));
    });
  }
  return r.out;
}

export function layer_norm(input: Tensor, normalized_shape: number | number[], weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  const ns = typeof normalized_shape === 'number' ? [normalized_shape] : [...normalized_shape];
  const k = ns.length;
  const tail = input.shape.slice(input.dim() - k);
  if (k === 0 || input.dim() < k || tail.some((d, i) => d !== ns[i])) {
    throw runtimeError(`Given normalized_shape=[${ns.join(', ')}], expected input with shape [*, ${ns.join(', ')}], but got input of size[${input.shape.join(', ')}]`);
  }
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t && (t.dim() !== k || t.shape.some((d, i) => d !== ns[i]))) {
      throw runtimeError(`Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape [${t.shape.join(', ')}] and normalized_shape = [${ns.join(', ')}]`);
    }
  }
  const lead = input.dim() - k;
  const K = ns.reduce((a, v) => a * v, 1);
  return normCore(input, weight, bias, {
    node: 'NativeLayerNormBackward0', layout: { kind: 'row', R: input.numel() / Math.max(K, 1), K, G: 1, Cg: K, S: 1 },
    grouped: (t) => t, dims: ns.map((_, i) => lead + i), statShape: [...input.shape.slice(0, lead), ...ns.map(() => 1)], affineShape: ns,
    affineSumDims: [...Array(lead).keys()], eps,
  }).out;
}

export function group_norm(input: Tensor, num_groups: number, weight: Tensor | null = null, bias: Tensor | null = null, eps = 1e-5): Tensor {
  if (input.dim() < 2) throw runtimeError(`Expected at least 2 dimensions for input tensor but received ${input.dim()}`);
  const [N, C] = input.shape;
  if (C % num_groups !== 0) {
    throw runtimeError(`Expected number of channels in input to be divisible by num_groups, but got input of shape [${input.shape.join(', ')}] and num_groups=${num_groups}`);
  }
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t && (t.dim() !== 1 || t.numel() !== C)) {
      throw runtimeError(`Expected ${name} to be a vector of size equal to the number of channels in input, but got ${name} of shape [${t.shape.join(', ')}] and input of shape [${input.shape.join(', ')}]`);
    }
  }
  const S = input.numel() / Math.max(N * C, 1);
  return normCore(input, weight, bias, {
    node: 'NativeGroupNormBackward0', layout: { kind: 'row', R: N * num_groups, K: (C / num_groups) * S, G: num_groups, Cg: C / num_groups, S },
    grouped: (t) => t.reshape([N, num_groups, -1]), dims: [2], statShape: [N, num_groups, 1],
    affineShape: channelShape(input.dim(), C), affineSumDims: nonChannelDims(input.dim()), eps,
  }).out;
}

/** F.instance_norm, as ATen composes it: batch_norm over a (1, N·C, ...) view with per-sample repeated stats. */
export function instance_norm(input: Tensor, running_mean: Tensor | null = null, running_var: Tensor | null = null, weight: Tensor | null = null,
  bias: Tensor | null = null, use_input_stats = true, momentum = 0.1, eps = 1e-5): Tensor {
  if (input.dim() < 2) throw runtimeError(`instance_norm: expected input with at least 2 dims, but got ${input.dim()}`);
  const [b, c] = input.shape;
  if (use_input_stats && input.shape.slice(2).reduce((a, v) => a * v, 1) === 1) {
    throw valueError(`Expected more than 1 spatial element when training, got input size torch.Size([${input.shape.join(', ')}])`);
  }
  const rep = (t: Tensor | null) => (t ? t.repeat([b]) : null);
  const rm = running_mean ? rep(running_mean.detach()) : null, rv = running_var ? rep(running_var.detach()) : null;
  const out = batch_norm(input.contiguous().view([1, b * c, ...input.shape.slice(2)]), rm, rv, rep(weight), rep(bias), use_input_stats, momentum, eps);
  no_grad(() => {
    if (running_mean && rm) running_mean.copy_(rm.view([b, c]).mean(0));
    if (running_var && rv) running_var.copy_(rv.view([b, c]).mean(0));
  });
  return out.view(input.shape);
}
