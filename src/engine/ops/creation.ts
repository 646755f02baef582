// Factory functions: torch.tensor (dtype inferred as torch does), zeros/ones/full/empty (+ _like),
// arange, linspace, eye. Every factory takes PyTorch's keyword arguments in a trailing options object.
import { type DType, allocStorage, castValue, get_default_dtype } from '../dtype';
import { runtimeError, typeError, valueError } from '../errors';
import { checkSize, numelOf } from '../shape';
import { Tensor, makeTensor, emptyTensor, get_default_device, type Device } from '../tensor';
import type { Nested } from './convert';
import { fillDense } from './util';

export interface FactoryOptions { dtype?: DType | null; device?: Device | null; requires_grad?: boolean }

function finish(t: Tensor, o: FactoryOptions | undefined): Tensor {
  if (o?.requires_grad) t.requires_grad_(true);
  return t;
}

/** Size arguments as PyTorch takes them: zeros(2, 3), zeros([2, 3]) or zeros((2, 3)). */
export type SizeArgs = (number | readonly number[])[];
export function sizeOf(args: SizeArgs): number[] {
  return checkSize(args.flatMap((a) => (typeof a === 'number' ? [a] : [...a])));
}

function inferDtype(data: Nested): DType {
  let kind: 'bool' | 'int' | 'float' | null = null;
  const visit = (v: Nested) => {
    // An empty list infers the default float type and promotes with its siblings, as in PyTorch.
    if (Array.isArray(v) && v.length > 0) { v.forEach(visit); return; }
    const k = Array.isArray(v) ? 'float' : typeof v === 'boolean' ? 'bool' : Number.isInteger(v) && !Object.is(v, -0) ? 'int' : 'float';
    if (kind === null || (kind === 'bool' && k !== 'bool') || (kind === 'int' && k === 'float')) kind = k;
  };
  visit(data);
  return kind === 'bool' ? 'bool' : kind === 'int' ? 'int64' : get_default_dtype();
}

function shapeOfNested(data: Nested): number[] {
  const shape: number[] = [];
  let cur: Nested = data;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  return shape;
}

/** torch.tensor(data): copies nested lists of numbers/bools (or a tensor) into a new leaf tensor. */
export function tensor(data: Nested | Tensor, o?: FactoryOptions): Tensor {
  if (data instanceof Tensor) {
    const out = data.detach().to({ dtype: o?.dtype ?? data.dtype, device: o?.device ?? data.device, copy: true });
    return finish(out, o);
  }
  // Real numbers into complex64: build float32, then cast (imaginary parts 0), as Python has no complex literals here.
  if (o?.dtype === 'complex64') return finish(tensor(data, { ...o, dtype: 'float32', requires_grad: false }).to('complex64'), o);
  const shape = shapeOfNested(data);
  const dtype = o?.dtype ?? inferDtype(data);
  const device = o?.device ?? get_default_device();
  const n = numelOf(shape);
  const store = allocStorage(dtype, n);
  let k = 0;
  // PyTorch's wording for each malformed input (torch/csrc/utils/tensor_new.cpp).
  const fill = (v: Nested, depth: number) => {
    if (Array.isArray(v)) {
      if (depth >= shape.length) {
        throw typeError(dtype === 'float32' || dtype === 'float64' || dtype === 'float16' || dtype === 'bfloat16' ? 'must be real number, not list' : "'list' object cannot be interpreted as an integer");
      }
      if (v.length !== shape[depth]) throw valueError(`expected sequence of length ${shape[depth]} at dim ${depth} (got ${v.length})`);
      for (const e of v) fill(e, depth + 1);
      return;
    }
    if (typeof v === 'string') throw valueError(`too many dimensions 'str'`);
    if (typeof v !== 'number' && typeof v !== 'boolean') throw runtimeError(`Could not infer dtype of ${v === null || v === undefined ? 'NoneType' : typeof v}`);
    if (depth !== shape.length) throw typeError('not a sequence');
    if (dtype === 'int64' && typeof v === 'number' && (v >= 2 ** 63 || v < -(2 ** 63))) throw valueError('Overflow when unpacking long long');
    store[k++] = castValue(dtype, typeof v === 'boolean' ? Number(v) : v);
  };
  // Like PyTorch, an empty result is not walked (torch.tensor([[], [1]]) has size (2, 0)).
  if (n > 0) fill(data, 0);
  return finish(makeTensor(device === 'meta' ? null : store, shape, dtype, device), o);
}

export function full(size: readonly number[], fill_value: number | boolean, o?: FactoryOptions): Tensor {
  const dtype = o?.dtype ?? (typeof fill_value === 'boolean' ? 'bool' : Number.isInteger(fill_value) ? 'int64' : get_default_dtype());
  const t = emptyTensor(checkSize(size), dtype, o?.device ?? get_default_device());
  if (t.device === 'cpu' && fill_value !== 0) fillDense(t, Number(fill_value));
  return finish(t, o);
}

export const zeros = (size: readonly number[], o?: FactoryOptions) => full(size, 0, { dtype: get_default_dtype(), ...stripNull(o) });
export const ones = (size: readonly number[], o?: FactoryOptions) => full(size, 1, { dtype: get_default_dtype(), ...stripNull(o) });
export const empty = zeros;

function stripNull(o?: FactoryOptions): FactoryOptions {
  const r: FactoryOptions = {};
  if (o?.dtype) r.dtype = o.dtype;
  if (o?.device) r.device = o.device;
  if (o?.requires_grad) r.requires_grad = true;
  return r;
}
const likeOpts = (x: Tensor, o?: FactoryOptions): FactoryOptions => ({ dtype: x.dtype, device: x.device, ...stripNull(o) });
export const zeros_like = (x: Tensor, o?: FactoryOptions) => zeros(x.shape, likeOpts(x, o));
export const ones_like = (x: Tensor, o?: FactoryOptions) => ones(x.shape, likeOpts(x, o));
export const empty_like = zeros_like;
export const full_like = (x: Tensor, v: number | boolean, o?: FactoryOptions) => full(x.shape, v, likeOpts(x, o));

/** torch.arange(end) / arange(start, end, step): int64 when every argument is an integer. */
export function arange(start: number, end?: number | null, step = 1, o?: FactoryOptions): Tensor {
  if (end === undefined || end === null) [start, end] = [0, start];
  if (step === 0) throw runtimeError('step must be nonzero');
  if ((end - start) / step < 0) throw runtimeError('upper bound and larger bound inconsistent with step sign');
  const allInt = [start, end, step].every((v) => Number.isInteger(v));
  const dtype = o?.dtype ?? (allInt ? 'int64' : get_default_dtype());
  const n = Math.ceil((end - start) / step);
  const t = emptyTensor([n], dtype, o?.device ?? get_default_device());
  if (t.device === 'cpu') {
    const d = t._data();
    for (let i = 0; i < n; i++) d[i] = castValue(dtype, start + i * step);
  }
  return finish(t, o);
}

export function linspace(start: number, end: number, steps: number, o?: FactoryOptions): Tensor {
  if (steps < 0) throw runtimeError('number of steps must be non-negative');
  const dtype = o?.dtype ?? get_default_dtype();
  const t = emptyTensor([steps], dtype, o?.device ?? get_default_device());
  if (t.device === 'cpu') {
    const d = t._data();
    const step = steps > 1 ? (end - start) / (steps - 1) : 0;
    // Like PyTorch, fill the second half backwards from `end` so both endpoints are exact.
    const half = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++) d[i] = castValue(dtype, i < half ? start + step * i : end - step * (steps - 1 - i));
  }
  return finish(t, o);
}

export function eye(n: number, m?: number | null, o?: FactoryOptions): Tensor {
  const cols = m ?? n;
  const t = zeros([n, cols], o);
  if (t.device === 'cpu') {
    const d = t._data();
    for (let i = 0; i < Math.min(n, cols); i++) d[i * cols + i] = 1;
  }
  return t;
}

export function scalar_tensor(v: number | boolean, o?: FactoryOptions): Tensor {
  return full([], v, { dtype: o?.dtype ?? get_default_dtype(), ...stripNull(o) });
}

export { makeTensor, emptyTensor, numelOf };
