// The CLI's input specs, `DIMS[:DTYPE[:LOW..HIGH]]` (`1,3,32,32`, `1,16:int64:0..100`), and the
// synthetic tensors made from them: normal floats, integers uniform in [low, high), bools.
import { torch, parseDtype, type DType, type Device, type Tensor } from '../engine';
import type { InputSpec } from '../protocol/requests';

export class InputSpecError extends Error {
  override name = 'InputSpecError';
}

const INT_DTYPES = new Set<DType>(['int64', 'int32', 'int16', 'int8', 'uint8']);

/** Parses one `--input` value; throws InputSpecError with a message naming the bad part. */
export function parseInputSpec(text: string): InputSpec {
  const parts = text.trim().split(':');
  if (parts.length > 3) throw new InputSpecError(`--input '${text}': expected DIMS[:DTYPE[:LOW..HIGH]], e.g. 1,3,32,32 or 1,16:int64:0..100`);
  // A trailing comma is allowed (`5,`, Python's 1-tuple); an empty dimension elsewhere is an error.
  const dims = parts[0].trim().replace(/^[[(]|[\])]$/g, '').split(',').map((s) => s.trim()).filter((s, i, a) => s !== '' || i < a.length - 1);
  if (dims.length === 0 && parts[0].trim() !== '()') throw new InputSpecError(`--input '${text}': the shape is empty (expected e.g. 1,3,32,32)`);
  const shape = dims.map((d) => {
    if (!/^\d+$/.test(d)) throw new InputSpecError(`--input '${text}': '${d}' is not a non-negative integer dimension`);
    return Number(d);
  });
  const spec: InputSpec = { shape };
  if (parts.length >= 2 && parts[1].trim() !== '') spec.dtype = checkDtype(parts[1].trim(), text);
  if (parts.length === 3) {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)\s*$/.exec(parts[2]);
    if (!m) throw new InputSpecError(`--input '${text}': the range '${parts[2]}' must read LOW..HIGH, e.g. 0..100`);
    spec.low = Number(m[1]);
    spec.high = Number(m[2]);
    if (!(spec.high > spec.low)) throw new InputSpecError(`--input '${text}': the range is empty (HIGH must be greater than LOW)`);
  }
  return spec;
}

function checkDtype(name: string, text: string): DType {
  try {
    return parseDtype(name.replace(/^torch\./, ''));
  } catch {
    throw new InputSpecError(`--input '${text}': unknown dtype '${name}' (float32, float64, float16, bfloat16, int64, int32, int16, int8, uint8, bool)`);
  }
}

/** The spec back as text, for `input_source` and messages. */
export function specText(s: InputSpec): string {
  let t = s.shape.join(',');
  if (s.dtype && s.dtype !== 'float32') t += `:${s.dtype}`;
  if (s.low !== undefined && s.high !== undefined) t += `${s.dtype && s.dtype !== 'float32' ? '' : ':float32'}:${s.low}..${s.high}`;
  return t;
}

/** A synthetic tensor for a spec: floats ~ N(0, 1) (or U[low, high)), integers U{low..high-1}, bools. */
export function makeInput(s: InputSpec, device: Device): Tensor {
  const dtype = s.dtype ? parseDtype(s.dtype) : 'float32';
  const shape = s.shape;
  if (dtype === 'bool') return torch.randint(0, 2, shape, { device }).to('bool');
  if (INT_DTYPES.has(dtype)) {
    const low = Math.ceil(s.low ?? 0), high = Math.ceil(s.high ?? (dtype === 'uint8' ? 256 : 10));
    return torch.randint(low, high, shape, { dtype, device });
  }
  if (s.low !== undefined && s.high !== undefined) return torch.rand(shape, { dtype, device }).mul(s.high - s.low).add(s.low);
  return torch.randn(shape, { dtype, device });
}
