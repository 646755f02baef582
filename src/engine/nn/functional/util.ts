// Plumbing shared by the nn.functional families: PyTorch's _ntuple argument expansion, a pointwise
// primitive runner (forward in JS on dense data, backward in Tensor ops), and in-place commits.
import { isFloating, scalarTypeName, type DType } from '../../dtype';
import { notImplemented, runtimeError } from '../../errors';
import { Tensor, emptyTensor, makeTensor } from '../../tensor';
import { unary, type UnaryName } from '../../backend';
import { record } from '../../autograd/node';
import { is_grad_enabled } from '../../autograd/grad_mode';
import { commitInplace } from '../../ops/convert';
import { clone } from '../../ops/movement';

/** PyTorch's `_pair`/`_triple`: an int repeated n times, or a sequence of exactly n ints. */
export function ntuple(v: number | readonly number[], n: number, name = 'argument'): number[] {
  if (typeof v === 'number') return Array<number>(n).fill(v);
  if (v.length === 1 && n > 1) return Array<number>(n).fill(v[0]);
  if (v.length !== n) throw runtimeError(`expected ${name} to be a single integer value or a list of ${n} values to match the convolution dimensions, but got ${name}=[${v.join(', ')}]`);
  return [...v];
}

/** `"<kernel>" not implemented for 'Long'` for float-only kernels fed integers. */
export function requireFloat(x: Tensor, kernel: string): void {
  if (!isFloating(x.dtype)) throw notImplemented(`"${kernel}" not implemented for '${scalarTypeName(x.dtype)}'`);
}

/** f applied to every element of x (dense result of x's dtype; meta gives the shape only). */
export function mapFn(x: Tensor, f: (v: number) => number, dtype: DType = x.dtype): Tensor {
  const out = emptyTensor(x.shape, dtype, x.device);
  if (x.device === 'meta') return out;
  const src = x._contiguousData();
  const dst = out._data();
  for (let i = 0; i < dst.length; i++) dst[i] = f(src[i]);
  return out;
}

/** A differentiable pointwise primitive (see `pointwise`). */
export interface PointwiseSpec {
  /** PyTorch's backward node name and the kernel named in its dtype error. */
  node: string;
  kernel: string;
  /** The forward, per element. */
  f: (v: number) => number;
  /** Input gradient in Tensor ops (differentiable again, for create_graph). */
  grad: (g: Tensor, x: Tensor) => Tensor;
  /** f'(x) per element: the first-order backward as one loop when no graph is being built. */
  df: (v: number) => number;
  /** The backend's SIMD kernel computing the same f, used for large float32 inputs. */
  fast?: UnaryName;
}

/** Runs a pointwise primitive: forward per element, backward by `df` (or `grad` under create_graph). */
export function pointwise(x: Tensor, spec: PointwiseSpec): Tensor {
  requireFloat(x, spec.kernel);
  const out = spec.fast && x.device === 'cpu' && x.dtype === 'float32'
    ? makeTensor(unary(spec.fast, x._contiguousData() as Float32Array), x.shape, x.dtype)
    : mapFn(x, spec.f);
  record(spec.node, out, [x], [x], ([g], [xx]) => {
    if (is_grad_enabled() || g!.device === 'meta') return [spec.grad(g!, xx)];
    const gd = g!._contiguousData(), xd = xx._contiguousData();
    const dx = emptyTensor(xx.shape, g!.dtype, 'cpu');
    const o = dx._data();
    for (let i = 0; i < o.length; i++) o[i] = gd[i] * spec.df(xd[i]);
    return [dx];
  });
  return out;
}

/** `op(x, inplace=True)`: the out-of-place result written into x; rerun on a copy when backward saved x itself. */
export function maybeInplace(x: Tensor, inplace: boolean, name: string, fn: (t: Tensor) => Tensor): Tensor {
  if (!inplace) return fn(x);
  let r = fn(x);
  if (r === x) return x; // nothing to write (dropout in eval mode, p=0)
  if (r.grad_fn?.saved.some((s) => s.get()._box === x._box)) r = fn(clone(x));
  return commitInplace(x, r, name + '_');
}

/** Dims of x other than the channel dim (1), for per-channel reductions. */
export const nonChannelDims = (ndim: number): number[] => [...Array(ndim).keys()].filter((d) => d !== 1);

/** Shape [1, C, 1, ...] for broadcasting a per-channel vector against an N-d input. */
export const channelShape = (ndim: number, c: number): number[] => Array.from({ length: ndim }, (_, i) => (i === 1 ? c : 1));
