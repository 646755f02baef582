// The one-line text form of model inputs used by the `defaultInputs` setting and the Set Model Inputs
// box: `1,3,32,32` or several inputs separated by `;`, each with an optional `:dtype` and `[low,high)`.
import type { InputSpec } from '../protocol/requests';

export const DTYPES = ['float32', 'float64', 'float16', 'bfloat16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool'] as const;
export type DType = (typeof DTYPES)[number];

const INTEGER_DTYPES: ReadonlySet<string> = new Set(['int64', 'int32', 'int16', 'int8', 'uint8']);
export const isIntegerDtype = (d: string | undefined): boolean => d !== undefined && INTEGER_DTYPES.has(d);

export type ParseResult = { ok: true; inputs: InputSpec[] } | { ok: false; error: string };

const ONE = /^[[(]?\s*([^:[\]()]*?)\s*[\])]?\s*(?::\s*([A-Za-z0-9_.]+)\s*(?:\[\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\))?)?$/;

/** Parses `1,3,32,32; 1,16:int64[0,1000)`. An empty text means "let nnlens infer the inputs". */
export function parseInputSpecs(text: string): ParseResult {
  const parts = text.split(';').map((s) => s.trim());
  if (parts.length === 1 && parts[0] === '') return { ok: true, inputs: [] };
  const inputs: InputSpec[] = [];
  for (const [i, part] of parts.entries()) {
    const where = parts.length > 1 ? `input ${i + 1} ('${part}')` : `'${part}'`;
    const m = ONE.exec(part);
    if (!m) return { ok: false, error: `${where}: expected a shape like 1,3,32,32, optionally followed by :dtype and [low,high)` };
    const dims = m[1].split(',').map((s) => s.trim());
    if (dims.length === 1 && dims[0] === '') return { ok: false, error: `${where}: the shape is empty` };
    const shape: number[] = [];
    for (const d of dims) {
      if (!/^\d+$/.test(d)) return { ok: false, error: `${where}: '${d}' is not a non-negative integer dimension` };
      shape.push(Number(d));
    }
    const spec: InputSpec = { shape };
    if (m[2] !== undefined) {
      const dtype = m[2].replace(/^torch\./, '');
      if (!(DTYPES as readonly string[]).includes(dtype)) return { ok: false, error: `${where}: unknown dtype '${m[2]}' (one of ${DTYPES.join(', ')})` };
      spec.dtype = dtype;
    }
    if (m[3] !== undefined && m[4] !== undefined) {
      const low = Number(m[3]);
      const high = Number(m[4]);
      if (!(low < high)) return { ok: false, error: `${where}: the range [${low},${high}) is empty` };
      spec.low = low;
      spec.high = high;
    }
    inputs.push(spec);
  }
  return { ok: true, inputs };
}

export function formatInputSpecs(inputs: readonly InputSpec[]): string {
  return inputs
    .map((s) => {
      let t = s.shape.join(',');
      if (s.dtype) t += `:${s.dtype}`;
      if (s.dtype && s.low !== undefined && s.high !== undefined) t += `[${s.low},${s.high})`;
      return t;
    })
    .join('; ');
}
