// F.embedding_bag: sums, means or maxima of bags of embedding rows (bags given by a 2-D input or by
// 1-D input + offsets), with per_sample_weights (sum mode), padding_idx and include_last_offset.
// One primitive, EmbeddingBagBackward0, with gradients for the weight and per_sample_weights
// (max_norm renormalises the referenced rows in place; scale_grad_by_freq as ATen's CPU kernel).
import { Tensor } from '../../tensor';
import { notImplemented, runtimeError, valueError } from '../../errors';
import { record } from '../../autograd/node';
import { no_grad } from '../../autograd/grad_mode';
import { arange, tensor, zeros } from '../../ops/creation';
import { index_add, index_select } from '../../ops/scatter';

export type BagMode = 'sum' | 'mean' | 'max';

/** The flat entries that count (padding dropped), each with its bag and weight factor. */
interface Entries { rows: number[]; bags: number[]; pos: number[]; scale: number[]; counts: number[] }

function entries(ids: number[], offs: number[], bagsN: number, total: number, mode: BagMode, pad: number): Entries {
  const e: Entries = { rows: [], bags: [], pos: [], scale: [], counts: Array<number>(bagsN).fill(0) };
  for (let b = 0; b < bagsN; b++) {
    const end = b + 1 < offs.length ? Math.min(offs[b + 1], total) : total;
    for (let i = offs[b]; i < end; i++) {
      if (ids[i] === pad) continue;
      e.rows.push(ids[i]); e.bags.push(b); e.pos.push(i); e.counts[b]++;
    }
  }
  e.scale = e.bags.map((b) => (mode === 'mean' ? 1 / e.counts[b] : 1));
  return e;
}

/**
 * scale_grad_by_freq's divisor per row, as ATen's CPU backward computes it: the i-th distinct row (in
 * sorted order) is divided by the count of the i-th *sorted index* rather than its own count — which
 * is the row's own count only while every earlier row occurs once. Matching it keeps gradients equal
 * to PyTorch's.
 */
function freqDivisor(ids: number[]): Map<number, number> {
  const sorted = [...ids].sort((a, b) => a - b);
  const count = new Map<number, number>();
  for (const i of sorted) count.set(i, (count.get(i) ?? 0) + 1);
  const div = new Map<number, number>();
  [...count.keys()].forEach((row, g) => div.set(row, count.get(sorted[g])!));
  return div;
}

function renorm(weight: Tensor, ids: number[], maxNorm: number, normType: number): void {
  no_grad(() => {
    for (const i of new Set(ids)) {
      const row = weight.select(0, i);
      const n = Number(row.norm(normType).item());
      if (n > maxNorm) row.mul_(maxNorm / (n + 1e-7));
    }
  });
}

export function embedding_bag(input: Tensor, weight: Tensor, offsets: Tensor | null = null, max_norm: number | null = null, norm_type = 2,
  scale_grad_by_freq = false, mode: BagMode = 'mean', sparse = false, per_sample_weights: Tensor | null = null,
  include_last_offset = false, padding_idx: number | null = null): Tensor {
  if (per_sample_weights && input.shape.join() !== per_sample_weights.shape.join()) {
    throw valueError(`embedding_bag: If per_sample_weights (torch.Size([${per_sample_weights.shape.join(', ')}])) is not None, then it must have the same shape as the input (torch.Size([${input.shape.join(', ')}]))`);
  }
  if (weight.dim() !== 2) throw valueError(`weight has to be a 2D Tensor, but got Tensor of dimension ${weight.dim()}`);
  let flat = input, offs = offsets, psw = per_sample_weights;
  if (input.dim() === 2) {
    if (offsets) throw valueError("if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. However, found offsets of type <class 'torch.Tensor'>");
    offs = arange(0, input.numel(), Math.max(input.shape[1], 1), { dtype: 'int64' });
    flat = input.reshape([-1]);
    psw = psw ? psw.reshape([-1]) : null;
  } else if (input.dim() === 1) {
    if (!offs) throw valueError('offsets has to be a 1D Tensor but got None');
    if (offs.dim() !== 1) throw valueError('offsets has to be a 1D Tensor');
  } else throw valueError(`input has to be 1D or 2D Tensor, but got Tensor of dimension ${input.dim()}`);
  if (mode === 'max' && scale_grad_by_freq) throw valueError('max mode does not support scaling the gradient by the frequency');
  if (mode === 'max' && sparse) throw valueError('max mode does not support sparse weights');
  if (mode !== 'sum' && mode !== 'mean' && mode !== 'max') throw valueError('mode has to be one of sum, mean or max');
  if (psw && mode !== 'sum') {
    throw notImplemented(`embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='${mode}'). Please open a feature request on GitHub.`);
  }
  const num = weight.shape[0], D = weight.shape[1];
  let pad = padding_idx ?? -1;
  if (padding_idx !== null && padding_idx < 0) pad = num + padding_idx;
  const bagsN = include_last_offset ? Math.max(offs!.numel() - 1, 0) : offs!.numel();
  if (weight.device === 'meta' || flat.device === 'meta') return zeros([bagsN, D], { dtype: weight.dtype, device: 'meta' });
  const offv = Array.from(offs!._contiguousData(), Number);
  const ids = Array.from(flat._contiguousData(), Number);
  ids.forEach((i, k) => { if (i < 0 || i >= num) throw runtimeError(`Index ${k} of input takes value ${i} which is not in the valid range [0, ${num})`); });
  if (offv.length > 0 && offv[0] !== 0) {
    throw runtimeError(`offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got ${offv[0]}`);
  }
  if (max_norm !== null) renorm(weight, ids, max_norm, norm_type);
  const e = entries(ids, offv, bagsN, ids.length, mode, pad);
  const div = scale_grad_by_freq ? freqDivisor(ids) : null;
  const gradScale = tensor(e.rows.map((r) => (div ? 1 / div.get(r)! : 1)), { dtype: weight.dtype }).unsqueeze(1);
  const rowsT = tensor(e.rows, { dtype: 'int64' }), bagsT = tensor(e.bags, { dtype: 'int64' }), posT = tensor(e.pos, { dtype: 'int64' });
  const scaleT = tensor(e.scale, { dtype: weight.dtype }).unsqueeze(1);
  const coef = (w: Tensor | null) => (w ? index_select(w, 0, posT).unsqueeze(1).mul(scaleT) : scaleT);
  if (mode === 'max') return bagMax(weight, e, bagsN);
  const out = no_grad(() => index_add(zeros([bagsN, D], { dtype: weight.dtype }), 0, bagsT, index_select(weight, 0, rowsT).mul(coef(psw))));
  const inputs = psw ? [weight, psw] : [weight];
  record('EmbeddingBagBackward0', out, inputs, psw ? [weight, psw] : [], ([g], saved) => {
    const gRows = index_select(g!, 0, bagsT);
    const gw = index_add(zeros(weight.shape, { dtype: g!.dtype }), 0, rowsT, gRows.mul(coef(psw ? saved[1] : null)).mul(gradScale));
    if (!psw) return [gw];
    const gp = index_add(zeros([psw.numel()], { dtype: g!.dtype }), 0, posT, gRows.mul(index_select(saved[0], 0, rowsT)).sum(1));
    return [gw, gp.view(per_sample_weights!.shape)];
  });
  return out;
}

/** mode='max': elementwise maximum per bag (empty bags give zeros); the gradient goes to the argmax rows. */
function bagMax(weight: Tensor, e: Entries, bagsN: number): Tensor {
  const D = weight.shape[1];
  const w = weight._contiguousData();
  const out = zeros([bagsN, D], { dtype: weight.dtype });
  const o = out._data();
  const arg = new Float64Array(bagsN * D).fill(-1);
  e.rows.forEach((r, k) => {
    const b = e.bags[k];
    for (let d = 0; d < D; d++) {
      const v = w[r * D + d];
      if (arg[b * D + d] < 0 || v > o[b * D + d]) { o[b * D + d] = v; arg[b * D + d] = r; }
    }
  });
  const argT = tensor(Array.from(arg, (v) => Math.max(v, 0)), { dtype: 'int64' }).view([bagsN, D]);
  const hit = tensor(Array.from(arg, (v) => (v >= 0 ? 1 : 0)), { dtype: weight.dtype }).view([bagsN, D]);
  record('EmbeddingBagBackward0', out, [weight], [argT, hit], ([g], [a, h]) => [
    zeros(weight.shape, { dtype: g!.dtype }).scatter_add(0, a, g!.mul(h)),
  ]);
  return out;
}
