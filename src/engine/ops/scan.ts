// Ops along one dim that keep its length: cumsum/cumprod and softmax/log_softmax/softmin. softmax and
// log_softmax are primitives (max-subtracted forward, the classic backward) for speed and stability.
import { type DType, isFloating, isIntegral } from '../dtype';
import { notImplemented } from '../errors';
import { wrapDim } from '../shape';
import { Tensor, emptyTensor } from '../tensor';
import { record } from '../autograd/node';
import { commitInplace } from './convert';
import { movedRows, unmove } from './rows';

/** Runs `kernel` on each row of x along dim d (rows in doubles) and returns the result in x's shape. */
function alongDim(x: Tensor, d: number, outDtype: DType, kernel: (src: Float64Array, dst: Float64Array, base: number, n: number) => void): Tensor {
  if (x.device === 'meta') return emptyTensor(x.shape, outDtype, 'meta');
  const dims = x.dim() === 0 ? [] : [d];
  const { rows, outer, inner, order } = movedRows(x, dims);
  const res = new Float64Array(rows.length);
  for (let o = 0; o < outer; o++) kernel(rows, res, o * inner, inner);
  return unmove(res, x.shape, order, outDtype);
}

const cumsumK = (s: Float64Array, r: Float64Array, b: number, n: number) => { let a = 0; for (let i = 0; i < n; i++) { a += s[b + i]; r[b + i] = a; } };
const revCumsumK = (s: Float64Array, r: Float64Array, b: number, n: number) => { let a = 0; for (let i = n - 1; i >= 0; i--) { a += s[b + i]; r[b + i] = a; } };
const cumprodK = (s: Float64Array, r: Float64Array, b: number, n: number) => { let a = 1; for (let i = 0; i < n; i++) { a *= s[b + i]; r[b + i] = a; } };

const scanDtype = (x: Tensor, dtype?: DType) => dtype ?? (isIntegral(x.dtype, true) ? 'int64' : x.dtype);

export function cumsum(x: Tensor, dim: number, opts: { dtype?: DType } = {}): Tensor {
  const d = wrapDim(dim, x.dim());
  const out = alongDim(x, d, scanDtype(x, opts.dtype), cumsumK);
  record('CumsumBackward0', out, [x], [], ([g]) => [reverseCumsum(g!, d)]);
  return out;
}

/** Sum from each position to the end of dim d: the gradient of cumsum (and its own gradient is cumsum). */
function reverseCumsum(x: Tensor, d: number): Tensor {
  const out = alongDim(x, d, x.dtype, revCumsumK);
  record('CumsumBackward0', out, [x], [], ([g]) => [cumsum(g!, d)]);
  return out;
}

export function cumprod(x: Tensor, dim: number, opts: { dtype?: DType } = {}): Tensor {
  const d = wrapDim(dim, x.dim());
  const out = alongDim(x, d, scanDtype(x, opts.dtype), cumprodK);
  record('CumprodBackward0', out, [x], [x, out], ([g], [xx, o]) => {
    const hasZero = xx.device === 'cpu' && xx._contiguousData().some((v) => v === 0);
    // Without zeros, sum_{j>=i} g_j out_j / x_i keeps double backward; zeros need the explicit form.
    if (!hasZero) return [reverseCumsum(g!.mul(o), d).div(xx)];
    return [cumprodGradWithZeros(xx, g!, d)];
  });
  return out;
}

/** d(cumprod)/dx for rows that may contain zeros: before the first zero out_j/x_i, at it a running product, after it 0. */
function cumprodGradWithZeros(x: Tensor, g: Tensor, d: number): Tensor {
  const dims = x.dim() === 0 ? [] : [d];
  const xs = movedRows(x, dims), gs = movedRows(g, dims);
  const res = new Float64Array(xs.rows.length);
  const xr = xs.rows, gr = gs.rows, n = xs.inner;
  for (let o = 0; o < xs.outer; o++) {
    const b = o * n;
    let z = n, pre = 1;
    for (let i = 0; i < n; i++) { if (xr[b + i] === 0) { z = i; break; } pre *= xr[b + i]; }
    let acc = 0, p = 1;
    for (let j = 0; j < z; j++) { p *= xr[b + j]; res[b + j] = gr[b + j] * p; }
    for (let i = z - 1; i >= 0; i--) { acc += res[b + i]; res[b + i] = acc / xr[b + i]; }
    if (z < n) {
      let q = pre, s = 0;
      for (let j = z; j < n; j++) { if (j > z) q *= xr[b + j]; s += gr[b + j] * q; }
      res[b + z] = s;
    }
  }
  return unmove(res, x.shape, xs.order, g.dtype);
}

// ---- softmax family ----
function softmaxRow(log: boolean) {
  return (s: Float64Array, r: Float64Array, b: number, n: number) => {
    let m = -Infinity;
    for (let i = 0; i < n; i++) if (s[b + i] > m) m = s[b + i];
    if (m === -Infinity || m === Infinity) m = 0; // keeps -inf rows NaN-free in the shift, as PyTorch
    let sum = 0;
    for (let i = 0; i < n; i++) { const e = Math.exp(s[b + i] - m); r[b + i] = e; sum += e; }
    if (log) { const l = Math.log(sum); for (let i = 0; i < n; i++) r[b + i] = s[b + i] - m - l; }
    else for (let i = 0; i < n; i++) r[b + i] /= sum;
  };
}
const softmaxK = softmaxRow(false), logSoftmaxK = softmaxRow(true);

/** The dim F.softmax picks when none is given (legacy behaviour, with a deprecation warning in PyTorch). */
export const implicitSoftmaxDim = (ndim: number) => (ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1);

function softmaxImpl(kind: 'softmax' | 'log_softmax', x: Tensor, dim: number | null, dtype?: DType): Tensor {
  const xin = dtype ? x.to(dtype) : x;
  const d = wrapDim(dim ?? implicitSoftmaxDim(xin.dim()), xin.dim());
  if (!isFloating(xin.dtype)) {
    const last = d === xin.dim() - 1 ? '_lastdim' : '';
    const tn = { int64: 'Long', int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool' }[xin.dtype as 'int64'];
    throw notImplemented(`"${kind}${last}_kernel_impl" not implemented for '${tn}'`);
  }
  const out = alongDim(xin, d, xin.dtype, kind === 'softmax' ? softmaxK : logSoftmaxK);
  if (kind === 'softmax') {
    record('SoftmaxBackward0', out, [xin], [out], ([g], [y]) => [y.mul(g!.sub(g!.mul(y).sum(d, true)))]);
  } else {
    record('LogSoftmaxBackward0', out, [xin], [out], ([g], [y]) => [g!.sub(y.exp().mul(g!.sum(d, true)))]);
  }
  return out;
}

export const softmax = (x: Tensor, dim: number | null = null, dtype?: DType) => softmaxImpl('softmax', x, dim, dtype);
export const log_softmax = (x: Tensor, dim: number | null = null, dtype?: DType) => softmaxImpl('log_softmax', x, dim, dtype);
/** F.softmin: softmax of -x (a composite; PyTorch's graph shows SoftmaxBackward0 after NegBackward0). */
export const softmin = (x: Tensor, dim: number | null = null, dtype?: DType) => softmaxImpl('softmax', (dtype ? x.to(dtype) : x).neg(), dim);

export const cumsum_ = (x: Tensor, dim: number, opts: { dtype?: DType } = {}) => commitInplace(x, cumsum(x, dim, opts), 'cumsum_');
export const cumprod_ = (x: Tensor, dim: number, opts: { dtype?: DType } = {}) => commitInplace(x, cumprod(x, dim, opts), 'cumprod_');

declare module '../tensor' {
  interface Tensor {
    cumsum(dim: number, opts?: { dtype?: DType }): Tensor; cumprod(dim: number, opts?: { dtype?: DType }): Tensor;
    cumsum_(dim: number, opts?: { dtype?: DType }): Tensor; cumprod_(dim: number, opts?: { dtype?: DType }): Tensor;
    softmax(dim: number | null, dtype?: DType): Tensor; log_softmax(dim: number | null, dtype?: DType): Tensor;
  }
}
const methods = { cumsum, cumprod, cumsum_, cumprod_, softmax, log_softmax };
for (const [name, fn] of Object.entries(methods)) {
  (Tensor.prototype as any)[name] = function (this: Tensor, ...a: unknown[]) { return (fn as (...args: unknown[]) => unknown)(this, ...a); };
}
