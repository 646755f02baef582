// torch.multinomial, as PyTorch's CPU code: without replacement (or one sample) it is the Gumbel
// trick, top-k of p / q with q ~ Exp(1); with replacement, a binary search of a uniform double in the
// row's normalised cumulative distribution (kept in the input's float type).
import { isFloating } from '../dtype';
import { runtimeError } from '../errors';
import { Tensor, emptyTensor } from '../tensor';
import { type Generator, default_generator } from '../random';
import { fillExponential } from './random_kernels';

const f32 = Math.fround;
const NAME: Record<string, string> = { int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool' };

export function multinomial(input: Tensor, num_samples: number, replacement = false, o?: { generator?: Generator | null }): Tensor {
  if (!isFloating(input.dtype)) throw runtimeError(`multinomial only supports floating-point dtypes for input, got: ${NAME[input.dtype]}`);
  if (input.dim() !== 1 && input.dim() !== 2) throw runtimeError('prob_dist must be 1 or 2 dim');
  if (num_samples <= 0) throw runtimeError('cannot sample n_sample <= 0 samples');
  const nCat = input.shape[input.dim() - 1];
  if (!replacement && num_samples > nCat) throw runtimeError('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
  if (nCat > 2 ** 24) throw runtimeError('number of categories cannot exceed 2^24');
  const rows = input.dim() === 1 ? 1 : input.shape[0];
  const outShape = input.dim() === 1 ? [num_samples] : [rows, num_samples];
  const out = emptyTensor(outShape, 'int64', input.device);
  if (input.device === 'meta') return out;
  const p = input._contiguousData();
  for (let i = 0; i < p.length; i++) {
    if (!(p[i] >= 0) || !Number.isFinite(p[i])) throw runtimeError('probability tensor contains either `inf`, `nan` or element < 0');
  }
  const g = o?.generator ?? default_generator;
  const d = out._data();
  const single = input.dtype !== 'float64';
  if (!replacement || num_samples === 1) {
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let j = 0; j < nCat; j++) sum += p[r * nCat + j];
      if (!(sum > 0)) throw runtimeError('invalid multinomial distribution (sum of probabilities <= 0)');
    }
    // q = p / Exp(1), drawn for the whole input at once, then the top num_samples of each row.
    const q = new Float64Array(p.length);
    fillExponential(q, g, 1);
    for (let i = 0; i < q.length; i++) q[i] = single ? f32(p[i] / f32(q[i])) : p[i] / q[i];
    for (let r = 0; r < rows; r++) {
      const idx = [...Array(nCat).keys()].sort((a, b) => q[r * nCat + b] - q[r * nCat + a] || a - b);
      for (let k = 0; k < num_samples; k++) d[r * num_samples + k] = idx[k];
    }
    return out;
  }
  const cum = single ? new Float32Array(nCat) : new Float64Array(nCat);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < nCat; j++) {
      sum = single ? f32(sum + p[r * nCat + j]) : sum + p[r * nCat + j];
      cum[j] = sum;
    }
    if (!(sum > 0)) throw runtimeError('invalid multinomial distribution (sum of probabilities <= 0)');
    for (let j = 0; j < nCat; j++) cum[j] /= sum;
    cum[nCat - 1] = 1;
    for (let k = 0; k < num_samples; k++) {
      const u = g.uniformDouble();
      let lo = 0, hi = nCat;
      while (hi - lo > 0) {
        const mid = lo + ((hi - lo) >> 1);
        if (cum[mid] < u) lo = mid + 1;
        else hi = mid;
      }
      d[r * num_samples + k] = lo;
    }
  }
  return out;
}
