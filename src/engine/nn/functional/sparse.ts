// Embedding lookups (F.embedding with padding_idx, max_norm renormalisation, scale_grad_by_freq;
// EmbeddingBackward0) and F.one_hot.
import { Tensor } from '../../tensor';
import { indexError, runtimeError } from '../../errors';
import { record } from '../../autograd/node';
import { no_grad } from '../../autograd/grad_mode';
import { zeros, tensor } from '../../ops/creation';
import { index_select, index_add, scatter } from '../../ops/scatter';
import { legacyTypeName } from '../../dtype';
import { amax } from '../../ops/reduce';

function checkIndices(input: Tensor, fn: string): void {
  if (input.dtype !== 'int64' && input.dtype !== 'int32') {
    throw runtimeError(`Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ${legacyTypeName(input.dtype)} instead (while checking arguments for ${fn})`);
  }
}

/** max_norm: rows the input references whose p-norm exceeds max_norm are scaled down in place. */
function embeddingRenorm(weight: Tensor, ids: number[], maxNorm: number, normType: number): void {
  if (weight.device === 'meta') return;
  no_grad(() => {
    for (const i of new Set(ids)) {
      const row = weight.select(0, i);
      const n = Number(row.norm(normType).item());
      if (n > maxNorm) row.mul_(maxNorm / (n + 1e-7));
    }
  });
}

export function embedding(input: Tensor, weight: Tensor, padding_idx: number | null = null, max_norm: number | null = null,
  norm_type = 2.0, scale_grad_by_freq = false, sparse = false): Tensor {
  checkIndices(input, 'embedding');
  if (weight.dim() !== 2) throw runtimeError("'weight' must be 2-D");
  const num = weight.shape[0];
  let pad = padding_idx;
  if (pad !== null) {
    if (pad > 0 && pad >= num) throw runtimeError('Padding_idx must be within num_embeddings');
    if (pad < 0) {
      if (pad < -num) throw runtimeError('Padding_idx must be within num_embeddings');
      pad += num;
    }
  }
  void sparse;
  const flat = input.reshape([-1]);
  const ids = input.device === 'meta' ? [] : Array.from(flat._contiguousData(), Number);
  for (const i of ids) if (i < 0 || i >= num) throw indexError('index out of range in self');
  if (max_norm !== null) embeddingRenorm(weight, ids, max_norm, norm_type);
  const out = no_grad(() => index_select(weight, 0, flat)).view([...input.shape, weight.shape[1]]);
  const padIdx = pad ?? -1;
  record('EmbeddingBackward0', out, [weight], [flat], ([g], [ix]) => {
    let gRows = g!.reshape([-1, weight.shape[1]]);
    if (ix.device === 'cpu' && (padIdx >= 0 || scale_grad_by_freq)) {
      const idv = Array.from(ix._contiguousData(), Number);
      const counts = new Map<number, number>();
      for (const i of idv) counts.set(i, (counts.get(i) ?? 0) + 1);
      const scale = idv.map((i) => (i === padIdx ? 0 : scale_grad_by_freq ? 1 / counts.get(i)! : 1));
      gRows = gRows.mul(tensor(scale, { dtype: gRows.dtype }).unsqueeze(1));
    }
    return [index_add(zeros(weight.shape, { dtype: g!.dtype, device: g!.device }), 0, ix, gRows)];
  });
  return out;
}

export function one_hot(input: Tensor, num_classes = -1): Tensor {
  if (input.dtype !== 'int64') throw runtimeError('one_hot is only applicable to index tensor of type LongTensor.');
  if (input.device === 'meta') {
    if (num_classes < 0) throw runtimeError('Can not infer total number of classes from meta tensor.');
    return zeros([...input.shape, num_classes], { dtype: 'int64', device: 'meta' });
  }
  const vals = Array.from(input._contiguousData(), Number);
  if (vals.some((v) => v < 0)) throw runtimeError('Class values must be non-negative.');
  let n = num_classes;
  if (n === -1) {
    if (input.numel() === 0) throw runtimeError('Can not infer total number of classes from empty tensor.');
    n = Number(amax(input).item()) + 1;
  } else if (vals.some((v) => v >= n)) throw runtimeError('Class values must be smaller than num_classes.');
  const out = zeros([...input.shape, n], { dtype: 'int64' });
  return scatter(out, -1, input.unsqueeze(-1), 1);
}
