// Values → the report's tensor-trees: engine tensors, JS arrays/Maps/objects (engine models) and
// Python values (tuples, lists, dicts, None, numbers, Tensor instances) from models built by the
// interpreter, so LSTM `(out, (h, c))` and dict outputs are shown whole.
import { Tensor } from '../engine';
import type { TensorTree } from '../protocol/report';
import { PyDict, PyFloat, PyInstance, PyList, PyTuple, PyBoxed, None } from '../python/runtime/types';

/** The first tensor payload of a value, unwrapping Python instances. */
export function asTensor(v: unknown): Tensor | null {
  if (v instanceof Tensor) return v;
  if (v instanceof PyInstance && v.payload instanceof Tensor) return v.payload;
  return null;
}

export function toTree(v: unknown, depth = 0): TensorTree {
  if (depth > 32) return null;
  const t = asTensor(v);
  if (t) return { shape: [...t.shape], dtype: t.dtype };
  if (v === null || v === undefined || v === None) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return v.value;
  if (v instanceof PyBoxed) return typeof v.value === 'string' ? null : Number(v.value);
  if (v instanceof PyTuple || v instanceof PyList) return v.items.map((x) => toTree(x, depth + 1));
  if (Array.isArray(v)) return v.map((x) => toTree(x, depth + 1));
  if (v instanceof PyDict) {
    const o: { [k: string]: TensorTree } = {};
    for (const e of v.map.values()) o[String(e.key)] = toTree(e.value, depth + 1);
    return o;
  }
  if (v instanceof PyInstance) {
    // A dataclass-like or ModelOutput-like object: its instance attributes that hold tensors.
    const o: { [k: string]: TensorTree } = {};
    const d = v.dict;
    if (d) for (const e of d.map.values()) if (containsTensor(e.value)) o[String(e.key)] = toTree(e.value, depth + 1);
    return Object.keys(o).length ? o : null;
  }
  if (v instanceof Map) {
    const o: { [k: string]: TensorTree } = {};
    for (const [k, x] of v) o[String(k)] = toTree(x, depth + 1);
    return o;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o: { [k: string]: TensorTree } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = toTree(x, depth + 1);
    return o;
  }
  return null;
}

/** Every tensor inside a value, depth first. */
export function tensorsIn(v: unknown, out: Tensor[] = [], depth = 0): Tensor[] {
  if (depth > 32) return out;
  const t = asTensor(v);
  if (t) out.push(t);
  else if (v instanceof PyTuple || v instanceof PyList) for (const x of v.items) tensorsIn(x, out, depth + 1);
  else if (Array.isArray(v)) for (const x of v) tensorsIn(x, out, depth + 1);
  else if (v instanceof PyDict) for (const e of v.map.values()) tensorsIn(e.value, out, depth + 1);
  else if (v instanceof Map) for (const x of v.values()) tensorsIn(x, out, depth + 1);
  else if (v instanceof PyInstance && v.dict) for (const e of v.dict.map.values()) tensorsIn(e.value, out, depth + 1);
  else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const x of Object.values(v as Record<string, unknown>)) tensorsIn(x, out, depth + 1);
  }
  return out;
}

function containsTensor(v: unknown): boolean {
  return tensorsIn(v).length > 0;
}

/** A tensor-tree's shapes as torchinfo prints them: `[1, 10]`, `[[1, 5], [1, 5]]` for tuples. */
export function shapeText(t: TensorTree): string {
  if (t === null) return '--';
  if (typeof t === 'number') return String(t);
  if (Array.isArray(t)) return `[${t.map(shapeText).join(', ')}]`;
  if ('shape' in t && Array.isArray(t.shape) && typeof t.dtype === 'string') return `[${t.shape.join(', ')}]`;
  return `{${Object.entries(t).map(([k, x]) => `${k}: ${shapeText(x)}`).join(', ')}}`;
}
