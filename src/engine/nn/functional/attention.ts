// Attention functionals: F.scaled_dot_product_attention (ATen's math composite: matmul, softmax, masks,
// dropout) and F.multi_head_attention_forward (torch/nn/functional.py, step for step). Composites only:
// every gradient comes from the primitives they call.
import { Tensor } from '../../tensor';
import { isFloating } from '../../dtype';
import { assertionError, runtimeError } from '../../errors';
import { ones, zeros, zeros_like, full } from '../../ops/creation';
import { masked_fill, where } from '../../ops/compare';
import { matmul, bmm, baddbmm, linear } from '../../ops/matmul';
import { cat, chunk, split, repeat, repeat_interleave, tril, triu } from '../../ops/shape_ops';
import { all } from '../../ops/reduce';
import { softmax } from '../../ops/scan';
import { dropout } from './dropout';
import { pad } from './pad';

const pySize = (s: readonly number[]) => `torch.Size([${s.join(', ')}])`;
const pyTuple = (s: readonly number[]) => (s.length === 1 ? `(${s[0]},)` : `(${s.join(', ')})`);
const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

export interface SdpaOptions { scale?: number | null; enable_gqa?: boolean }

/** A bool mask (True = take part) as the additive float bias ATen's convert_boolean_attn_mask makes. */
function boolToBias(mask: Tensor, like: Tensor): Tensor {
  return where(mask.logical_not(), full([], -Infinity, { dtype: like.dtype, device: like.device }), zeros([], { dtype: like.dtype, device: like.device }));
}

/** ATen's _safe_softmax: softmax, but rows masked entirely (all -inf) give 0 instead of NaN. */
function safeSoftmax(x: Tensor): Tensor {
  const out = softmax(x, -1);
  if (x.device === 'meta') return out;
  const deadRows = all(x.eq(-Infinity), -1, true);
  // Most calls have no dead row: skip the extra graph node then.
  return deadRows.any().item() ? masked_fill(out, deadRows, 0) : out;
}

/**
 * softmax(q kᵀ · scale + mask) v over the last two dims, with any leading batch dims. A bool attn_mask
 * marks positions that take part (True), a float one is added; is_causal masks above the diagonal.
 */
export function scaled_dot_product_attention(query: Tensor, key: Tensor, value: Tensor, attn_mask: Tensor | null = null,
  dropout_p = 0.0, is_causal = false, opts: SdpaOptions = {}): Tensor {
  const scale = opts.scale ?? null, gqa = opts.enable_gqa ?? false;
  if (query.dtype !== key.dtype || query.dtype !== value.dtype) {
    throw runtimeError(`Expected query, key, and value to have the same dtype, but got query.dtype: ${query.dtype} key.dtype: ${key.dtype} and value.dtype: ${value.dtype} instead.`);
  }
  if (query.device !== key.device || query.device !== value.device) {
    throw runtimeError(`Expected query, key, and value to have the same device type, but got query.device: ${query.device} key.device: ${key.device} and value.device: ${value.device} instead.`);
  }
  if (query.dim() < 2 || key.dim() < 2 || value.dim() < 2) {
    throw runtimeError(`Expected query, key, and value to all be  at least 2 dimensional, but got query.dim: ${query.dim()} key.dim: ${key.dim()} and value.dim: ${value.dim()} instead.`);
  }
  if (!isFloating(query.dtype)) throw runtimeError(`"baddbmm_cpu" not implemented for '${query.dtype}'`);
  if (attn_mask && attn_mask.dtype !== 'bool' && attn_mask.dtype !== query.dtype) {
    throw runtimeError(`Expected attn_mask dtype to be bool or float or to match query dtype, but got attn_mask.dtype: ${attn_mask.dtype} and  query.dtype: ${query.dtype} instead.`);
  }
  const L = query.shape[query.dim() - 2], S = key.shape[key.dim() - 2], E = query.shape[query.dim() - 1];
  // ATen scales q and k by √scale each (better conditioned than scaling the product); a negative scale flips q.
  const s = scale ?? 1 / Math.sqrt(E);
  const root = Math.sqrt(Math.abs(s));
  const q = query.mul(s < 0 ? -root : root);
  let mask: Tensor | null = attn_mask && attn_mask.dtype === 'bool' ? boolToBias(attn_mask, query) : attn_mask;
  if (is_causal) {
    // PyTorch's CPU kernel applies an explicit mask and the causal one together (its math path would refuse).
    const causal = boolToBias(tril(ones([L, S], { dtype: 'bool', device: query.device })), query);
    mask = mask ? mask.add(causal) : causal;
  }
  let k = key, v = value;
  if (gqa && query.dim() >= 3 && query.shape[query.dim() - 3] !== key.shape[key.dim() - 3]) {
    const hq = query.shape[query.dim() - 3], hk = key.shape[key.dim() - 3], hv = value.shape[value.dim() - 3];
    if (hq % hk !== 0 || hk !== hv) {
      // ATen's message really stops there.
      throw runtimeError('Number of heads in key and value must divide the number of heads in ');
    }
    k = repeat_interleave(key, hq / hk, -3);
    v = repeat_interleave(value, hq / hv, -3);
  }
  let attn = matmul(q, k.transpose(-2, -1).mul(root));
  // Without a mask no row can be all -inf (short of -inf inputs), so plain softmax is the same.
  attn = mask ? safeSoftmax(attn.add(mask)) : softmax(attn, -1);
  if (dropout_p > 0) attn = dropout(attn, dropout_p, true);
  return matmul(attn, v);
}

/** F._canonical_mask: a bool mask becomes a float one (-inf where True); other dtypes are refused. */
export function canonicalMask(mask: Tensor | null, maskName: string, targetDtype: Tensor['dtype']): Tensor | null {
  if (mask === null) return null;
  if (mask.dtype !== 'bool' && !isFloating(mask.dtype)) throw assertionError(`only bool and floating types of ${maskName} are supported`);
  if (isFloating(mask.dtype)) return mask;
  return masked_fill(zeros_like(mask, { dtype: targetDtype }), mask, -Infinity);
}

/** torch.nn.Transformer.generate_square_subsequent_mask: 0 on and below the diagonal, -inf above it. */
export function generateSquareSubsequentMask(sz: number, o: { dtype?: Tensor['dtype'] | null; device?: Tensor['device'] | null } = {}): Tensor {
  return triu(full([sz, sz], -Infinity, { dtype: o.dtype ?? undefined, device: o.device ?? undefined }), 1);
}

export interface MhaOptions {
  training?: boolean; key_padding_mask?: Tensor | null; need_weights?: boolean; attn_mask?: Tensor | null;
  use_separate_proj_weight?: boolean; q_proj_weight?: Tensor | null; k_proj_weight?: Tensor | null; v_proj_weight?: Tensor | null;
  static_k?: Tensor | null; static_v?: Tensor | null; average_attn_weights?: boolean; is_causal?: boolean;
}

function mhaShapeCheck(query: Tensor, key: Tensor, value: Tensor, kpm: Tensor | null, attnMask: Tensor | null, numHeads: number): boolean {
  if (query.dim() === 3) {
    if (key.dim() !== 3 || value.dim() !== 3) {
      throw assertionError(`For batched (3-D) \`query\`, expected \`key\` and \`value\` to be 3-D but found ${key.dim()}-D and ${value.dim()}-D tensors respectively`);
    }
    if (kpm && kpm.dim() !== 2) throw assertionError(`For batched (3-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 2-D but found ${kpm.dim()}-D tensor instead`);
    if (attnMask && attnMask.dim() !== 2 && attnMask.dim() !== 3) {
      throw assertionError(`For batched (3-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${attnMask.dim()}-D tensor instead`);
    }
    return true;
  }
  if (query.dim() === 2) {
    if (key.dim() !== 2 || value.dim() !== 2) {
      throw assertionError(`For unbatched (2-D) \`query\`, expected \`key\` and \`value\` to be 2-D but found ${key.dim()}-D and ${value.dim()}-D tensors respectively`);
    }
    if (kpm && kpm.dim() !== 1) throw assertionError(`For unbatched (2-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 1-D but found ${kpm.dim()}-D tensor instead`);
    if (attnMask) {
      if (attnMask.dim() !== 2 && attnMask.dim() !== 3) {
        throw assertionError(`For unbatched (2-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${attnMask.dim()}-D tensor instead`);
      }
      const want = [numHeads, query.shape[0], key.shape[0]];
      if (attnMask.dim() === 3 && !sameShape(attnMask.shape, want)) {
        throw assertionError(`Expected \`attn_mask\` shape to be ${pyTuple(want)} but got ${pySize(attnMask.shape)}`);
      }
    }
    return false;
  }
  throw assertionError(`query should be unbatched 2D or batched 3D tensor but received ${query.dim()}-D query tensor`);
}

/** _in_projection_packed: one GEMM for self-attention, q + packed kv for encoder-decoder attention. */
function inProjectionPacked(q: Tensor, k: Tensor, v: Tensor, w: Tensor, b: Tensor | null): [Tensor, Tensor, Tensor] {
  const E = q.shape[q.dim() - 1];
  const unpack = (t: Tensor, n: number) => t.unflatten(-1, [n, E]).unsqueeze(0).transpose(0, -2).squeeze(-2).contiguous();
  if (k === v) {
    if (q === k) {
      const proj = unpack(linear(q, w, b), 3);
      return [proj.select(0, 0), proj.select(0, 1), proj.select(0, 2)];
    }
    const [wq, wkv] = split(w, [E, E * 2]);
    const [bq, bkv] = b ? split(b, [E, E * 2]) : [null, null];
    const kv = unpack(linear(k, wkv, bkv), 2);
    return [linear(q, wq, bq), kv.select(0, 0), kv.select(0, 1)];
  }
  const [wq, wk, wv] = chunk(w, 3);
  const [bq, bk, bv] = b ? chunk(b, 3) : [null, null, null];
  return [linear(q, wq, bq), linear(k, wk, bk), linear(v, wv, bv)];
}

function inProjection(q: Tensor, k: Tensor, v: Tensor, wq: Tensor, wk: Tensor, wv: Tensor, b: Tensor | null): [Tensor, Tensor, Tensor] {
  const Eq = q.shape[q.dim() - 1], Ek = k.shape[k.dim() - 1], Ev = v.shape[v.dim() - 1];
  for (const [name, w, want] of [['query', wq, [Eq, Eq]], ['key', wk, [Eq, Ek]], ['value', wv, [Eq, Ev]]] as const) {
    if (!sameShape(w.shape, want)) throw assertionError(`expecting ${name} weights shape of ${pyTuple(want)}, but got ${pySize(w.shape)}`);
  }
  const [bq, bk, bv] = b ? chunk(b, 3) : [null, null, null];
  return [linear(q, wq, bq), linear(k, wk, bk), linear(v, wv, bv)];
}

/** The 2-D/3-D attn_mask as (1 or N·H, L, S), checked against the sizes MHA expects. */
function mask3d(m: Tensor, bsz: number, numHeads: number, tgt: number, src: number): Tensor {
  if (m.dim() === 2) {
    if (!sameShape(m.shape, [tgt, src])) throw runtimeError(`The shape of the 2D attn_mask is ${pySize(m.shape)}, but should be ${pyTuple([tgt, src])}.`);
    return m.unsqueeze(0);
  }
  if (m.dim() === 3) {
    const want = [bsz * numHeads, tgt, src];
    if (!sameShape(m.shape, want)) throw runtimeError(`The shape of the 3D attn_mask is ${pySize(m.shape)}, but should be ${pyTuple(want)}.`);
    return m;
  }
  throw runtimeError(`attn_mask's dimension ${m.dim()} is not supported`);
}

/** Projected q/k/v in (L|S, N, E) layout after bias_k/bias_v are appended, with masks padded to match. */
function appendBiasKv(k: Tensor, v: Tensor, biasK: Tensor | null, biasV: Tensor | null, bsz: number, o: MhaOptions,
  mask: Tensor | null, kpm: Tensor | null): [Tensor, Tensor, Tensor | null, Tensor | null] {
  if (biasK && biasV) {
    if (o.static_k) throw assertionError('bias cannot be added to static key.');
    if (o.static_v) throw assertionError('bias cannot be added to static value.');
    return [cat([k, repeat(biasK, [1, bsz, 1])]), cat([v, repeat(biasV, [1, bsz, 1])]),
      mask ? pad(mask, [0, 1]) : null, kpm ? pad(kpm, [0, 1]) : null];
  }
  if (biasK) throw assertionError('bias_k is set but bias_v is None');
  if (biasV) throw assertionError('bias_v is set but bias_k is None');
  return [k, v, mask, kpm];
}

/** (S, N, E) keys or values as (N·H, S, head_dim), or the caller's static ones after their checks. */
function headsFirst(t: Tensor, stat: Tensor | null | undefined, which: 'k' | 'v', bsz: number, numHeads: number, headDim: number): Tensor {
  if (!stat) return t.view([t.shape[0], bsz * numHeads, headDim]).transpose(0, 1);
  if (stat.shape[0] !== bsz * numHeads) throw assertionError(`expecting static_${which}.size(0) of ${bsz * numHeads}, but got ${stat.shape[0]}`);
  if (stat.shape[2] !== headDim) throw assertionError(`expecting static_${which}.size(2) of ${headDim}, but got ${stat.shape[2]}`);
  return stat;
}

interface Sizes { bsz: number; numHeads: number; tgtLen: number; srcLen: number; headDim: number }

/** The need_weights path: explicit (N·H, L, S) weights, returned averaged over heads or per head. */
function attendWithWeights(q: Tensor, k: Tensor, v: Tensor, mask: Tensor | null, p: number, isCausal: boolean, average: boolean,
  z: Sizes): [Tensor, Tensor] {
  const qScaled = q.mul(Math.sqrt(1.0 / z.headDim));
  if (isCausal && !mask) throw assertionError('FIXME: is_causal not implemented for need_weights');
  let w = mask ? baddbmm(mask, qScaled, k.transpose(-2, -1)) : bmm(qScaled, k.transpose(-2, -1));
  w = softmax(w, -1);
  if (p > 0) w = dropout(w, p);
  const out = bmm(w, v).transpose(0, 1).reshape([z.tgtLen * z.bsz, z.numHeads * z.headDim]);
  const weights = w.view([z.bsz, z.numHeads, z.tgtLen, z.srcLen]);
  return [out, average ? weights.mean(1) : weights];
}

/** The need_weights=False path: heads as a batch dim through scaled_dot_product_attention. */
function attendSdpa(q: Tensor, k: Tensor, v: Tensor, mask: Tensor | null, p: number, isCausal: boolean, z: Sizes): Tensor {
  if (mask) mask = mask.shape[0] === 1 && mask.dim() === 3 ? mask.unsqueeze(0) : mask.view([z.bsz, z.numHeads, -1, z.srcLen]);
  const heads = (t: Tensor, len: number) => t.view([z.bsz, z.numHeads, len, z.headDim]);
  const o = scaled_dot_product_attention(heads(q, z.tgtLen), heads(k, z.srcLen), heads(v, z.srcLen), mask, p, isCausal);
  return o.permute([2, 0, 1, 3]).reshape([z.bsz * z.tgtLen, z.numHeads * z.headDim]);
}

/**
 * F.multi_head_attention_forward: query (L, N, E) or (L, E), key/value (S, N, E) or (S, E). Returns the
 * attention output and, when need_weights, the weights averaged over heads (or per head).
 */
export function multi_head_attention_forward(query: Tensor, key: Tensor, value: Tensor, embed_dim_to_check: number, num_heads: number,
  in_proj_weight: Tensor | null, in_proj_bias: Tensor | null, bias_k: Tensor | null, bias_v: Tensor | null, add_zero_attn: boolean,
  dropout_p: number, out_proj_weight: Tensor, out_proj_bias: Tensor | null, o: MhaOptions = {}): [Tensor, Tensor | null] {
  const training = o.training ?? true, needWeights = o.need_weights ?? true, average = o.average_attn_weights ?? true;
  let isCausal = o.is_causal ?? false;
  let kpm = o.key_padding_mask ?? null, attnMask = o.attn_mask ?? null;
  const batched = mhaShapeCheck(query, key, value, kpm, attnMask, num_heads);
  if (!batched) {
    query = query.unsqueeze(1); key = key.unsqueeze(1); value = value.unsqueeze(1);
    if (kpm) kpm = kpm.unsqueeze(0);
  }
  const [tgtLen, bsz, embedDim] = query.shape;
  kpm = canonicalMask(kpm, 'key_padding_mask', query.dtype);
  if (isCausal && !attnMask) {
    throw runtimeError('Need attn_mask if specifying the is_causal hint. You may use the Transformer module method `generate_square_subsequent_mask` to create this mask.');
  }
  if (isCausal && !kpm && !needWeights) attnMask = null; // SDPA builds the causal mask itself
  else {
    attnMask = canonicalMask(attnMask, 'attn_mask', query.dtype);
    if (kpm) isCausal = false;
  }
  if (embedDim !== embed_dim_to_check) throw assertionError(`was expecting embedding dimension of ${embed_dim_to_check}, but got ${embedDim}`);
  const headDim = Math.floor(embedDim / num_heads);
  if (headDim * num_heads !== embedDim) throw assertionError(`embed_dim ${embedDim} not divisible by num_heads ${num_heads}`);
  if (o.use_separate_proj_weight) {
    if (key.shape[0] !== value.shape[0] || key.shape[1] !== value.shape[1]) {
      throw assertionError(`key's sequence and batch dims ${pySize(key.shape.slice(0, 2))} do not match value's ${pySize(value.shape.slice(0, 2))}`);
    }
  } else if (!sameShape(key.shape, value.shape)) {
    throw assertionError(`key shape ${pySize(key.shape)} does not match value shape ${pySize(value.shape)}`);
  }
  let q: Tensor, k: Tensor, v: Tensor;
  if (!o.use_separate_proj_weight) {
    if (!in_proj_weight) throw assertionError('use_separate_proj_weight is False but in_proj_weight is None');
    [q, k, v] = inProjectionPacked(query, key, value, in_proj_weight, in_proj_bias);
  } else {
    for (const n of ['q', 'k', 'v'] as const) if (!o[`${n}_proj_weight`]) throw assertionError(`use_separate_proj_weight is True but ${n}_proj_weight is None`);
    [q, k, v] = inProjection(query, key, value, o.q_proj_weight!, o.k_proj_weight!, o.v_proj_weight!, in_proj_bias);
  }
  if (attnMask) attnMask = mask3d(attnMask, bsz, num_heads, tgtLen, key.shape[0]);
  [k, v, attnMask, kpm] = appendBiasKv(k, v, bias_k, bias_v, bsz, o, attnMask, kpm);
  q = q.view([tgtLen, bsz * num_heads, headDim]).transpose(0, 1);
  k = headsFirst(k, o.static_k, 'k', bsz, num_heads, headDim);
  v = headsFirst(v, o.static_v, 'v', bsz, num_heads, headDim);
  if (add_zero_attn) {
    const z = [bsz * num_heads, 1, headDim];
    k = cat([k, zeros(z, { dtype: k.dtype, device: k.device })], 1);
    v = cat([v, zeros(z, { dtype: v.dtype, device: v.device })], 1);
    if (attnMask) attnMask = pad(attnMask, [0, 1]);
    if (kpm) kpm = pad(kpm, [0, 1]);
  }
  const srcLen = k.shape[1];
  if (kpm) {
    if (kpm.shape[0] !== bsz) throw assertionError(`Expected key_padded_mask.shape[0] to be ${bsz}, but got ${kpm.shape[0]}`);
    if (kpm.shape[1] !== srcLen) throw assertionError(`Expected key_padded_mask.shape[1] to be ${srcLen}, but got ${kpm.shape[1]}`);
    kpm = kpm.view([bsz, 1, 1, srcLen]).expand([-1, num_heads, -1, -1]).reshape([bsz * num_heads, 1, srcLen]);
    attnMask = attnMask ? attnMask.add(kpm) : kpm;
  }
  const p = training ? dropout_p : 0.0;
  const sizes = { bsz, numHeads: num_heads, tgtLen, srcLen: k.shape[1], headDim };
  let [out, weights] = needWeights ? attendWithWeights(q, k, v, attnMask, p, isCausal, average, sizes)
    : [attendSdpa(q, k, v, attnMask, p, isCausal, sizes), null];
  out = linear(out, out_proj_weight, out_proj_bias);
  out = out.view([tgtLen, bsz, out.shape[1]]);
  if (!batched) {
    out = out.squeeze(1);
    if (weights) weights = weights.squeeze(0);
  }
  return [out, weights];
}
