// The editable input spec of the inspector panel: one row per model input (shape, dtype, and the
// value range of integer inputs), rows added and removed freely; no rows means "infer the inputs".
import type { InputSpec } from '../src/protocol/requests';
import { h, render, select, setValue, valueOf } from './dom';

const DTYPES = ['float32', 'float64', 'float16', 'bfloat16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool'];
const INTEGER = new Set(['int64', 'int32', 'int16', 'int8', 'uint8']);

export type ReadResult = { ok: true; inputs: InputSpec[] } | { ok: false; error: string };

/** `1, 3, 32, 32` or `[1, 3, 32, 32]` → [1, 3, 32, 32]. */
export function parseShape(text: string): number[] | string {
  const t = text.trim().replace(/^[[(]\s*|\s*[\])]$/g, '');
  if (t === '') return 'the shape is empty';
  const dims = t.split(',').map((s) => s.trim());
  for (const d of dims) if (!/^\d+$/.test(d)) return `'${d}' is not a non-negative integer dimension`;
  if (dims.length > 8) return 'at most 8 dimensions';
  return dims.map(Number);
}

interface Row {
  el: HTMLElement;
  shape: HTMLElement;
  dtype: HTMLElement;
  low: HTMLElement;
  high: HTMLElement;
  error: HTMLElement;
}

export class InputsEditor {
  readonly element: HTMLElement;
  private rows: Row[] = [];
  private readonly list: HTMLElement;

  constructor(inputs: readonly InputSpec[], private readonly onSubmit: () => void) {
    this.list = h('div', { class: 'inputs-list', role: 'list' });
    const add = h('vscode-button', { secondary: true, onclick: () => this.addRow({ shape: [1] }, true) }, 'Add input');
    this.element = h('div', { class: 'inputs-editor' }, this.list, h('div', { class: 'inputs-actions' }, add));
    for (const s of inputs) this.addRow(s, false);
    this.renderEmpty();
  }

  private renderEmpty(): void {
    const note = this.list.querySelector('.inputs-empty');
    if (this.rows.length === 0 && !note) this.list.append(h('p', { class: 'inputs-empty muted' }, 'No inputs set: nnlens infers them from the model (first layer, forward signature).'));
    if (this.rows.length > 0) note?.remove();
  }

  private addRow(spec: InputSpec, focus: boolean): void {
    const n = this.rows.length + 1;
    const shape = h('vscode-textfield', { 'aria-label': `Input ${n} shape`, placeholder: '1, 3, 32, 32', class: 'shape' });
    setValue(shape, spec.shape.join(', '));
    const dtype = select({ 'aria-label': `Input ${n} dtype`, class: 'dtype' }, DTYPES, spec.dtype ?? 'float32');
    const low = h('vscode-textfield', { 'aria-label': `Input ${n} low (inclusive)`, placeholder: 'low', class: 'range' });
    const high = h('vscode-textfield', { 'aria-label': `Input ${n} high (exclusive)`, placeholder: 'high', class: 'range' });
    setValue(low, spec.low !== undefined ? String(spec.low) : '0');
    setValue(high, spec.high !== undefined ? String(spec.high) : '10');
    const error = h('span', { class: 'field-error', role: 'alert' });
    const range = h('span', { class: 'range-group' }, '[', low, ',', high, ')');
    const row: Row = { el: h('div'), shape, dtype, low, high, error };
    const remove = h('vscode-button', { secondary: true, 'aria-label': `Remove input ${n}`, onclick: () => this.removeRow(row) }, 'Remove');
    row.el = h('div', { class: 'input-row', role: 'listitem' }, h('span', { class: 'input-label' }, `Input ${n}`), shape, dtype, range, remove, error);
    const syncRange = (): void => {
      range.hidden = !INTEGER.has(valueOf(dtype));
    };
    dtype.addEventListener('change', syncRange);
    syncRange();
    for (const f of [shape, low, high]) f.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && this.onSubmit());
    this.rows.push(row);
    this.list.append(row.el);
    this.renderEmpty();
    if (focus) requestAnimationFrame(() => (shape as HTMLElement).focus());
  }

  private removeRow(row: Row): void {
    this.rows = this.rows.filter((r) => r !== row);
    row.el.remove();
    this.renderEmpty();
  }

  /** The edited inputs, or the first problem (also shown next to its field). */
  read(): ReadResult {
    const inputs: InputSpec[] = [];
    let first: string | null = null;
    for (const [i, r] of this.rows.entries()) {
      render(r.error);
      (r.shape as unknown as { invalid: boolean }).invalid = false;
      const shape = parseShape(valueOf(r.shape));
      const fail = (msg: string): void => {
        render(r.error, msg);
        first ??= `Input ${i + 1}: ${msg}`;
      };
      if (typeof shape === 'string') {
        (r.shape as unknown as { invalid: boolean }).invalid = true;
        fail(shape);
        continue;
      }
      const dtype = valueOf(r.dtype) || 'float32';
      const spec: InputSpec = { shape, dtype };
      if (INTEGER.has(dtype)) {
        const low = Number(valueOf(r.low));
        const high = Number(valueOf(r.high));
        if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
          fail('the range needs numbers with low < high');
          continue;
        }
        spec.low = low;
        spec.high = high;
      }
      inputs.push(spec);
    }
    return first ? { ok: false, error: first } : { ok: true, inputs };
  }
}
