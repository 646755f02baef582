// copy.deepcopy for modules, as TransformerEncoder/Decoder's _get_clones needs: a new instance of the
// same class with every parameter, buffer and submodule copied (shared tensors stay shared in the copy).
import { Tensor } from '../../tensor';
import { no_grad } from '../../autograd/grad_mode';
import { Module } from '../module';
import { Parameter } from '../parameter';

type Memo = Map<object, unknown>;

function copyTensor(t: Tensor): Tensor {
  const data = no_grad(() => t.detach().clone());
  if (t instanceof Parameter) return new Parameter(data, t.requires_grad);
  return t.requires_grad ? data.requires_grad_(true) : data;
}

/** Deep copy of module state; functions and other plain values are shared, as deepcopy shares functions. */
export function deepcopy<T>(v: T, memo: Memo = new Map()): T {
  if (v === null || typeof v !== 'object') return v;
  if (memo.has(v)) return memo.get(v) as T;
  if (v instanceof Tensor) {
    const c = copyTensor(v);
    memo.set(v, c);
    return c as T;
  }
  if (v instanceof Module) {
    const c = Object.create(Object.getPrototypeOf(v) as object) as Record<string, unknown>;
    memo.set(v, c);
    for (const k of Object.keys(v)) c[k] = deepcopy((v as unknown as Record<string, unknown>)[k], memo);
    return c as T;
  }
  if (v instanceof Map) {
    const c = new Map();
    memo.set(v, c);
    for (const [k, x] of v) c.set(k, deepcopy(x, memo));
    return c as T;
  }
  if (v instanceof Set) {
    const c = new Set(v);
    memo.set(v, c);
    return c as T;
  }
  if (Array.isArray(v)) {
    const c: unknown[] = [];
    memo.set(v, c);
    for (const x of v) c.push(deepcopy(x, memo));
    return c as T;
  }
  return v;
}
