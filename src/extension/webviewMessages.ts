// Validates what a webview posts before the host acts on it: a webview renders text from user files,
// so its messages are treated as untrusted input (shape, type and range of every field).
import type { InputSpec } from '../protocol/requests';
import type { CopyFormat, RunOptions, TrainConfig, WebviewToHost } from '../protocol/webview';
import { DTYPES } from './inputSpec';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const oneOf = <T extends string>(v: unknown, values: readonly T[]): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);

export const LIMITS = { inputs: 16, dims: 8, dim: 1 << 20, steps: 100_000, batch: 65_536, depth: 64, moduleName: 1000 } as const;

export function validInputSpec(v: unknown): v is InputSpec {
  if (!isObj(v) || !Array.isArray(v.shape) || v.shape.length > LIMITS.dims) return false;
  if (!v.shape.every((d) => isInt(d, 0, LIMITS.dim))) return false;
  if (v.dtype !== undefined && !oneOf(v.dtype, DTYPES)) return false;
  if (v.low !== undefined && !isNum(v.low)) return false;
  if (v.high !== undefined && !isNum(v.high)) return false;
  if (isNum(v.low) && isNum(v.high) && !(v.low < v.high)) return false;
  return Object.keys(v).every((k) => ['shape', 'dtype', 'low', 'high'].includes(k));
}

export function validRunOptions(v: unknown): v is RunOptions {
  return isObj(v) && oneOf(v.mode, ['eval', 'train'] as const) && oneOf(v.device, ['meta', 'cpu'] as const) && isInt(v.depth, 0, LIMITS.depth);
}

export function validTrainConfig(v: unknown): v is TrainConfig {
  return (
    isObj(v) &&
    isInt(v.steps, 1, LIMITS.steps) &&
    isInt(v.batch, 1, LIMITS.batch) &&
    oneOf(v.optimizer, ['sgd', 'adam', 'adamw'] as const) &&
    isNum(v.lr) && v.lr > 0 && v.lr < 100 &&
    oneOf(v.loss, ['auto', 'cross_entropy', 'mse', 'bce_with_logits', 'nll'] as const) &&
    oneOf(v.data, ['random', 'overfit'] as const)
  );
}

/** The message when it is well-formed, null otherwise (the caller logs and drops it). */
export function parseWebviewMessage(raw: unknown): WebviewToHost | null {
  if (!isObj(raw) || typeof raw.type !== 'string') return null;
  switch (raw.type) {
    case 'ready':
    case 'openTrain':
    case 'stop':
      return { type: raw.type };
    case 'inspect':
      if (!Array.isArray(raw.inputs) || raw.inputs.length > LIMITS.inputs || !raw.inputs.every(validInputSpec) || !validRunOptions(raw.options)) return null;
      return { type: 'inspect', inputs: raw.inputs, options: { mode: raw.options.mode, device: raw.options.device, depth: raw.options.depth } };
    case 'reveal':
      return typeof raw.module === 'string' && raw.module.length <= LIMITS.moduleName ? { type: 'reveal', module: raw.module } : null;
    case 'copy':
      return oneOf<CopyFormat>(raw.format, ['text', 'markdown', 'json']) ? { type: 'copy', format: raw.format } : null;
    case 'train':
      if (!validTrainConfig(raw.config)) return null;
      {
        const { steps, batch, optimizer, lr, loss, data } = raw.config;
        return { type: 'train', config: { steps, batch, optimizer, lr, loss, data } };
      }
    default:
      return null;
  }
}
