// Batched matrix multiply in plain JS, accumulating in doubles: the kernel for float64 and integer
// operands, which tfjs (float32 only) cannot compute exactly. Same layout contract as `matmul`.
import { fail, isInt } from './util';

type Num = ArrayLike<number>;

/**
 * out[i] = op(a[i]) · op(b[i]) for i < batch (op transposes when the flag is set): a holds batch×m×k
 * (k×m when transA) or one matrix broadcast over the batch; likewise b with k×n (n×k when transB).
 * Returns Float64Array(batch·m·n). Loops run i-k-j (or i-j-k dot products for transposed b) so the
 * innermost loop walks memory contiguously.
 */
export function matmulF64(a: Num, b: Num, batch: number, m: number, k: number, n: number, transA = false, transB = false): Float64Array {
  const K = 'matmulF64';
  for (const [name, v] of [['batch', batch], ['m', m], ['k', k], ['n', n]] as const) {
    if (!isInt(v, 0)) fail(K, `${name} must be an integer >= 0, got ${String(v)}`);
  }
  const aStep = batchStep(K, 'a', a.length, batch, m * k);
  const bStep = batchStep(K, 'b', b.length, batch, k * n);
  const out = new Float64Array(batch * m * n);
  if (k === 0) return out;
  // Element strides of op(a) in its stored layout.
  const [aRow, aCol] = transA ? [1, m] : [k, 1];
  for (let t = 0; t < batch; t++) {
    const ao = t * aStep, bo = t * bStep, oo = t * m * n;
    for (let i = 0; i < m; i++) {
      const orow = oo + i * n;
      if (transB) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          const brow = bo + j * k;
          for (let p = 0; p < k; p++) s += a[ao + i * aRow + p * aCol] * b[brow + p];
          out[orow + j] = s;
        }
      } else {
        for (let p = 0; p < k; p++) {
          const av = a[ao + i * aRow + p * aCol];
          const brow = bo + p * n;
          for (let j = 0; j < n; j++) out[orow + j] += av * b[brow + j];
        }
      }
    }
  }
  return out;
}

/** Elements between consecutive batch items of an operand: one matrix per item, or 0 when broadcast. */
function batchStep(K: string, name: string, length: number, batch: number, per: number): number {
  if (length === batch * per) return per;
  if (length === per) return 0;
  return fail(K, `${name} has ${length} elements; expected ${batch * per}, or ${per} for one matrix broadcast over the batch`);
}
