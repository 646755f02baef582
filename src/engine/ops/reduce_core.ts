// The reduction machinery (move reduced dims last, reduce dense rows) and the two reductions every
// backward needs: sum and mean.
import { type DType, isFloating, isIntegral, allocStorage, scalarTypeName } from '../dtype';
import { runtimeError } from '../errors';
import { numelOf, wrapDims } from '../shape';
import { Tensor, emptyTensor } from '../tensor';
import { record } from '../autograd/node';
import { gatherStrided } from '../backend/strided';
import { rejectComplex } from './util';
import { reduceRows, type ReduceOp } from '../backend/reduce';

export type Dims = number | number[] | null | undefined;

/** The output shape of reducing `dims` of `shape`, keeping size-1 dims when keepdim. */
export function reducedShape(shape: readonly number[], dims: number[], keepdim: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!dims.includes(i)) out.push(d);
    else if (keepdim) out.push(1);
  });
  return out;
}

/** Runs a reduction kernel over `dims` of x; returns the dense result with the reduced shape. */
export function reduceKernel(x: Tensor, dims: number[], keepdim: boolean, op: ReduceOp, outDtype: DType): Tensor {
  rejectComplex(op, x);
  const shape = reducedShape(x.shape, dims, keepdim);
  const out = emptyTensor(shape, outDtype, x.device);
  if (x.device === 'meta') return out;
  const kept = x.shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const order = [...kept, ...dims];
  const pShape = order.map((i) => x.shape[i]);
  const pStrides = order.map((i) => x._strides[i]);
  const inner = dims.reduce((a, d) => a * x.shape[d], 1);
  const outer = numelOf(shape);
  if (inner === 0 && (op === 'max' || op === 'min' || op === 'argmax' || op === 'argmin')) {
    throw runtimeError(`${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
  }
  // Reducing trailing dims of a dense tensor reads the storage in place; otherwise gather first.
  const trailing = order.every((d, i) => d === i) && x.is_contiguous() && isFloating(x.dtype);
  if (trailing) {
    reduceRows(x._data(), outer, inner, op, out._data(), x._offset);
    return out;
  }
  const dense = gatherStrided(x._data(), pShape, pStrides, x._offset, allocStorage(isFloating(x.dtype) ? x.dtype : 'float64', numelOf(pShape)));
  reduceRows(dense, outer, inner, op, out._data());
  return out;
}

/** Expands a reduced gradient back over the reduced dims. */
export function expandReduced(g: Tensor, inShape: readonly number[], dims: number[], keepdim: boolean): Tensor {
  let r = g;
  if (!keepdim) for (const d of dims) r = r.unsqueeze(d);
  return r.expand([...inShape]);
}

export function sum(x: Tensor, dim: Dims = null, keepdim = false, dtype?: DType): Tensor {
  const dims = wrapDims(dim, x.dim());
  const outDtype = dtype ?? (isIntegral(x.dtype, true) ? 'int64' : x.dtype);
  const out = reduceKernel(x, dims, keepdim, 'sum', outDtype);
  record('SumBackward' + (dim === null || dim === undefined ? '0' : '1'), out, [x], [], ([g]) => [expandReduced(g!, x.shape, dims, keepdim)]);
  return out;
}

export function mean(x: Tensor, dim: Dims = null, keepdim = false, dtype?: DType): Tensor {
  const outDtype = dtype ?? x.dtype;
  if (!isFloating(outDtype)) {
    throw runtimeError(`mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${scalarTypeName(outDtype)}`);
  }
  const dims = wrapDims(dim, x.dim());
  const n = dims.reduce((a, d) => a * (x.shape[d] ?? 1), 1);
  const out = reduceKernel(x, dims, keepdim, 'sum', outDtype);
  if (out.device === 'cpu') {
    const d = out._data();
    for (let i = 0; i < d.length; i++) d[i] = d[i] / n;
  }
  record('MeanBackward' + (dim === null || dim === undefined ? '0' : '1'), out, [x], [], ([g]) => [expandReduced(g!, x.shape, dims, keepdim).div(n)]);
  return out;
}
