// Short texts about a report for the CodeLens, the tree and the status messages: shapes as `(1, 10)`,
// counts with separators, sizes in MB — the same formatting everywhere in the editor.
import type { InspectReport, TensorTree } from '../protocol/report';
import { formatCount } from './util';

const isTensor = (t: TensorTree): t is { shape: number[]; dtype: string } =>
  typeof t === 'object' && t !== null && !Array.isArray(t) && Array.isArray((t as { shape?: unknown }).shape);

/** `(1, 10)` for a tensor, `((1, 10), (1, 5))` for a tuple, `{logits: (1, 10)}` for a dict. */
export function shapeText(t: TensorTree): string {
  if (t === null) return 'None';
  if (typeof t === 'number') return String(t);
  if (Array.isArray(t)) return `(${t.map(shapeText).join(', ')}${t.length === 1 ? ',' : ''})`;
  if (isTensor(t)) return `(${t.shape.join(', ')}${t.shape.length === 1 ? ',' : ''})`;
  return `{${Object.entries(t).map(([k, v]) => `${k}: ${shapeText(v)}`).join(', ')}}`;
}

export function bytesText(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(2)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** 1.23 M, 4.5 G: MACs/FLOPs at a glance. */
export function bigNumberText(n: number): string {
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (const [v, u] of units) if (n >= v) return `${(n / v).toFixed(2)} ${u}`;
  return String(n);
}

export function hasErrors(report: InspectReport): boolean {
  return report.diagnostics.some((d) => d.severity === 'error');
}

/** The CodeLens summary: `61,706 params → (1, 10)`, or the first error when the run failed. */
export function lensSummary(report: InspectReport): string {
  const err = report.diagnostics.find((d) => d.severity === 'error');
  if (err) return `$(error) ${truncate(err.message, 80)}`;
  return `${formatCount(report.totals.params)} params → ${shapeText(report.output)}`;
}

export function truncate(s: string, max: number): string {
  const line = s.split('\n')[0];
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
