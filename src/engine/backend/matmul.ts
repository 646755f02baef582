// Batched matrix multiply on contiguous float arrays.
// tfjs-wasm only reaches XNNPACK for an untransposed, unbatched product (transposed flags run ~10-25x
// slower, batched ones ~4-10x), so operands are transposed explicitly and batches are folded or looped.
import type * as tfc from '@tensorflow/tfjs-core';
import { run, type Tf } from './init';
import { f32, fail, isInt, type FloatArray } from './util';

/** Up to this many multiply-adds in total a plain JS loop beats the ~10 µs tfjs call overhead. */
const JS_MAX_MACS = 4096;
/** Per batch item below this many multiply-adds, tfjs's batched kernel beats one GEMM call per item. */
const BATCHED_KERNEL_MAX_MACS = 16384;

/**
 * out[i] = op(a[i]) · op(b[i]) for i < batch, where op transposes when the flag is set: a holds
 * batch×m×k (k×m when transA), b holds batch×k×n (n×k when transB). Either operand may hold a single
 * matrix, broadcast over the batch. float32 compute; returns Float32Array(batch·m·n).
 */
export function matmul(
  a: FloatArray, b: FloatArray, batch: number, m: number, k: number, n: number,
  transA = false, transB = false,
): Float32Array {
  const K = 'matmul';
  for (const [name, v] of [['batch', batch], ['m', m], ['k', k], ['n', n]] as const) {
    if (!isInt(v, 0)) fail(K, `${name} must be an integer >= 0, got ${String(v)}`);
  }
  const aBatch = operandBatch(K, 'a', a, batch, m * k, `${transA ? `${k}x${m}` : `${m}x${k}`}`);
  const bBatch = operandBatch(K, 'b', b, batch, k * n, `${transB ? `${n}x${k}` : `${k}x${n}`}`);
  const size = batch * m * n;
  if (size === 0 || k === 0) return new Float32Array(size);
  if (batch * m * k * n <= JS_MAX_MACS) return jsMatmul(a, b, aBatch, bBatch, batch, m, k, n, transA, transB);
  const shapes = () => `batch ${batch}, (${m}x${k}) @ (${k}x${n}), transA=${transA}, transB=${transB}`;
  const a32 = f32(a);
  const b32 = f32(b);
  if (batch > 1 && aBatch > 1 && bBatch > 1 && m * k * n >= BATCHED_KERNEL_MAX_MACS) {
    // One GEMM per item, each operand uploaded from its own slice (slicing resident tensors is slower).
    return run(K, shapes, (tf) => {
      const out = new Float32Array(size);
      for (let i = 0; i < batch; i++) {
        const ai = tf.tensor2d(item(a32, i, m, k, transA), [m, k], 'float32');
        const bi = tf.tensor2d(item(b32, i, k, n, transB), [k, n], 'float32');
        const r = tf.matMul(ai, bi);
        out.set(read(r), i * m * n);
        tf.dispose([ai, bi, r]);
      }
      return out;
    });
  }
  return run(K, shapes, (tf) => {
    const A = orient(tf, tf.tensor3d(a32, [aBatch, transA ? k : m, transA ? m : k], 'float32'), transA);
    const B = orient(tf, tf.tensor3d(b32, [bBatch, transB ? n : k, transB ? k : n], 'float32'), transB);
    if (batch === 1) return read(tf.matMul(tf.reshape(A, [m, k]), tf.reshape(B, [k, n])));
    if (bBatch === 1) return read(tf.matMul(tf.reshape(A, [batch * m, k]), tf.reshape(B, [k, n])));
    if (aBatch === 1) {
      // One GEMM against all right-hand matrices side by side: [m,k] · [k, batch·n].
      const wide = tf.reshape(tf.transpose(B, [1, 0, 2]), [k, batch * n]);
      const r = tf.matMul(tf.reshape(A, [m, k]), wide);
      return read(tf.transpose(tf.reshape(r, [m, batch, n]), [1, 0, 2]));
    }
    return read(tf.matMul(A, B));
  });
}

/** Matrix i of a batch as a rows×cols array, transposed from its stored cols×rows layout when `trans`. */
function item(x: Float32Array, i: number, rows: number, cols: number, trans: boolean): Float32Array {
  const src = x.subarray(i * rows * cols, (i + 1) * rows * cols);
  if (!trans) return src;
  const out = new Float32Array(rows * cols);
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) out[r * cols + c] = src[c * rows + r];
  return out;
}

function operandBatch(K: string, name: string, x: FloatArray, batch: number, per: number, mat: string): number {
  if (!(x instanceof Float32Array) && !(x instanceof Float64Array)) fail(K, `${name} must be a Float32Array or Float64Array`);
  if (x.length === batch * per) return batch;
  if (x.length === per) return 1;
  return fail(K, `${name} has ${x.length} elements; expected ${batch}x${mat} = ${batch * per}, or ${per} for one matrix broadcast over the batch`);
}

/** [batch, r, c] → [batch, c, r] when `trans` (tfjs's transposed GEMM flags are slow on wasm). */
function orient(tf: Tf, t: tfc.Tensor3D, trans: boolean): tfc.Tensor3D {
  return trans ? tf.transpose(t, [0, 2, 1]) : t;
}

/** The float32 contents of a result tensor, as a fresh JS array owned by the caller. */
export function read(t: tfc.Tensor): Float32Array {
  return t.dataSync() as Float32Array;
}

function jsMatmul(
  a: FloatArray, b: FloatArray, aBatch: number, bBatch: number, batch: number, m: number, k: number, n: number,
  transA: boolean, transB: boolean,
): Float32Array {
  const out = new Float32Array(batch * m * n);
  const A = rowMajor(a, aBatch, m, k, transA);
  const B = rowMajor(b, bBatch, k, n, transB);
  const acc = new Float64Array(n);
  for (let t = 0; t < batch; t++) {
    const ao = aBatch === 1 ? 0 : t * m * k;
    const bo = bBatch === 1 ? 0 : t * k * n;
    for (let i = 0; i < m; i++) {
      acc.fill(0);
      // i-p-j order: both inner reads run along contiguous rows.
      for (let p = 0; p < k; p++) {
        const av = A[ao + i * k + p];
        const br = bo + p * n;
        for (let j = 0; j < n; j++) acc[j] += av * B[br + j];
      }
      out.set(acc, (t * m + i) * n);
    }
  }
  return out;
}

/** The operand as row-major rows×cols matrices (a copy, transposed from cols×rows when `trans`). */
function rowMajor(x: FloatArray, count: number, rows: number, cols: number, trans: boolean): Float64Array {
  const out = new Float64Array(count * rows * cols);
  for (let t = 0; t < count; t++) {
    const o = t * rows * cols;
    if (!trans) {
      out.set(x.subarray(o, o + rows * cols), o);
      continue;
    }
    for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) out[o + r * cols + c] = x[o + c * rows + r];
  }
  return out;
}
