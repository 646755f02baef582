// Number and shape formatting for the panels (the host formats its own texts; the webview may import
// only the protocol, so these few functions live on both sides).
import type { TensorTree } from '../src/protocol/report';

export const count = (n: number): string => Math.round(n).toLocaleString('en-US');

const isTensor = (t: TensorTree): t is { shape: number[]; dtype: string } =>
  typeof t === 'object' && t !== null && !Array.isArray(t) && Array.isArray((t as { shape?: unknown }).shape);

/** `(1, 10)`, `((1, 10), (1, 5))`, `{logits: (1, 10)}`, `None`. */
export function shapeText(t: TensorTree): string {
  if (t === null) return 'None';
  if (typeof t === 'number') return String(t);
  if (Array.isArray(t)) return `(${t.map(shapeText).join(', ')}${t.length === 1 ? ',' : ''})`;
  if (isTensor(t)) return `(${t.shape.join(', ')}${t.shape.length === 1 ? ',' : ''})`;
  return `{${Object.entries(t).map(([k, v]) => `${k}: ${shapeText(v)}`).join(', ')}}`;
}

export const dimsText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;
export const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function bytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(2)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

export function big(n: number): string {
  for (const [v, u] of [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const) if (n >= v) return `${(n / v).toFixed(2)} ${u}`;
  return count(n);
}

export const ms = (n: number): string => (n < 10 ? `${n.toFixed(2)} ms` : n < 1000 ? `${n.toFixed(1)} ms` : `${(n / 1000).toFixed(2)} s`);

export const baseName = (file: string): string => file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
