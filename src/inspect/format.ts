// The report as text (a torchinfo-style table with totals), markdown or CSV. Pure: it reads only the
// report, so the extension's "Copy Summary" and the CLI print the same thing.
import type { InspectReport, ModuleRow, TensorTree } from '../protocol/report';
import { shapeText } from './tree';

export type ReportFormat = 'text' | 'markdown' | 'csv';

/** `depth` cuts the table (the report keeps every module); deeper modules fold into their parent's count. */
export function formatReport(report: InspectReport, format: ReportFormat, opts: { depth?: number } = {}): string {
  const depth = Math.min(opts.depth ?? Infinity, Math.max(0, ...report.modules.map((m) => m.depth)));
  switch (format) {
    case 'text': return formatText(report, depth);
    case 'markdown': return formatMarkdown(report, depth);
    case 'csv': return formatCsv(report);
    default: {
      const never: never = format;
      throw new Error(`unknown report format ${String(never)}`);
    }
  }
}

const comma = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => (bytes / 1e6).toFixed(2);

/** torchinfo's unit choice for mult-adds: the largest of T/G/M/K that keeps the number ≥ 1. */
function scaled(n: number): [string, string] {
  for (const [u, d] of [['T', 1e12], ['G', 1e9], ['M', 1e6]] as const) if (n >= d) return [u, (n / d).toFixed(2)];
  return ['M', (n / 1e6).toFixed(2)];
}

interface Line {
  layer: string;
  input: string;
  output: string;
  params: string;
  trainable: string;
  macs: string;
  row: ModuleRow;
  call: number;
}

function directParams(report: InspectReport, row: ModuleRow): { n: number; shared: boolean } {
  const prefix = row.name === '' ? '' : `${row.name}.`;
  let n = 0, shared = false;
  for (const p of report.parameters) {
    if (!p.name.startsWith(prefix) || p.name.slice(prefix.length).includes('.')) continue;
    if (p.shared_with !== null) { shared = true; continue; }
    n += p.shape.reduce((a, b) => a * b, 1);
  }
  return { n, shared };
}

/** The table's rows: named_modules() order, one per call (a module called twice shows twice), up to `depth`. */
function lines(report: InspectReport, depth: number): Line[] {
  const counters: number[] = [];
  const out: Line[] = [];
  for (const row of report.modules) {
    if (row.depth > depth) continue;
    const childrenHidden = row.depth === depth && report.modules.some((r) => r.depth > row.depth && r.name.startsWith(row.name === '' ? '' : `${row.name}.`));
    const calls = row.calls.length ? row.calls : [null];
    calls.forEach((c, i) => {
      counters[row.depth] = (counters[row.depth] ?? 0) + 1;
      counters.length = row.depth + 1;
      const prefix = row.depth === 0 ? '' : row.depth === 1 ? '├─' : `${'│    '.repeat(row.depth - 1)}└─`;
      const label = row.depth === 0 ? row.type : `${row.type}: ${row.depth}-${counters[row.depth]}`;
      const own = directParams(report, row);
      const params = childrenHidden ? `${comma(row.params)} (rec.)` : own.n ? comma(own.n) + (own.shared ? ' +tied' : '') : own.shared ? '(tied)' : '--';
      const trainable = row.params === 0 ? '--' : row.trainable_params === row.params ? 'True' : row.trainable_params === 0 ? 'False' : 'Partial';
      out.push({
        layer: prefix + label + (calls.length > 1 ? ` (call ${i + 1})` : ''),
        input: c ? shapeText(c.inputs.length === 1 ? c.inputs[0] : (c.inputs as TensorTree)) : '--',
        output: c ? shapeText(c.output) : '--',
        params: i === 0 ? params : '(same)',
        trainable,
        macs: row.mult_adds && c ? comma(row.mult_adds / row.calls.length) : '--',
        row, call: i,
      });
    });
  }
  return out;
}

function formatText(r: InspectReport, depth: number): string {
  const ls = lines(r, depth);
  const w = {
    layer: Math.max(40, ...ls.map((l) => l.layer.length + 2)),
    input: Math.max(20, ...ls.map((l) => l.input.length + 2)),
    output: Math.max(20, ...ls.map((l) => l.output.length + 2)),
    params: Math.max(12, ...ls.map((l) => l.params.length + 2)),
    trainable: 11,
    macs: Math.max(12, ...ls.map((l) => l.macs.length + 2)),
  };
  const width = w.layer + w.input + w.output + w.params + w.trainable + w.macs;
  const bar = '='.repeat(width);
  const row = (a: string, b: string, c: string, d: string, e: string, f: string) =>
    (a.padEnd(w.layer) + b.padEnd(w.input) + c.padEnd(w.output) + d.padEnd(w.params) + e.padEnd(w.trainable) + f).trimEnd();
  const out: string[] = [];
  out.push(bar, row('Layer (type:depth-idx)', 'Input Shape', 'Output Shape', 'Param #', 'Trainable', 'Mult-Adds'), bar);
  for (const l of ls) out.push(row(l.layer, l.input, l.output, l.params, l.trainable, l.macs));
  out.push(bar);
  out.push(...totalsText(r), bar);
  return out.join('\n') + '\n';
}

function totalsText(r: InspectReport): string[] {
  const t = r.totals;
  const shared = r.parameters.filter((p) => p.shared_with !== null);
  const out = [
    `Total params: ${comma(t.params)}`,
    `Trainable params: ${comma(t.trainable_params)}`,
    `Non-trainable params: ${comma(t.non_trainable_params)}`,
  ];
  if (shared.length) out.push(`Tied parameters (counted once): ${shared.map((p) => `${p.name} = ${p.shared_with}`).join(', ')}`);
  if (r.buffers.length) out.push(`Buffers: ${r.buffers.length} (${comma(t.buffers)} elements, ${mb(t.buffer_bytes)} MB)`);
  const [u, v] = scaled(t.mult_adds);
  const [fu, fv] = scaled(t.flops);
  out.push(`Total mult-adds (${u}): ${v}`, `Total FLOPs (${fu}): ${fv}`);
  if (t.torchinfo_mult_adds !== undefined) {
    const [tu, tv] = scaled(t.torchinfo_mult_adds);
    out.push(`Mult-adds by torchinfo's convention, leaf layers only (${tu}): ${tv}`);
  }
  const inputBytes = treeBytes(r.inputs);
  const m = r.memory;
  out.push('='.repeat(20));
  out.push(`Input size (MB): ${mb(inputBytes)}`);
  if (m) {
    out.push(`Forward/backward pass size (MB): ${mb(2 * (m.activations - inputBytes))}`);
    out.push(`Params size (MB): ${mb(t.param_bytes)}`);
    out.push(`Estimated Total Size (MB): ${mb(inputBytes + 2 * (m.activations - inputBytes) + t.param_bytes)}`);
    out.push(`Training memory, Adam (MB): ${mb(t.train_memory_bytes)} = params+buffers ${mb(m.params)} + grads ${mb(m.grads)} + Adam state ${mb(m.adam)} + saved activations ${mb(m.activations)}`);
    out.push(`Training memory, SGD momentum (MB): ${mb(m.params + m.grads + m.sgd_momentum + m.activations)}`);
  }
  out[out.indexOf('='.repeat(20))] = '-'.repeat(20);
  out.push(`Mode: ${r.mode} · device: ${r.device} · inputs: ${r.input_source}`);
  for (const n of r.notes ?? []) out.push(`Note: ${n}`);
  return out;
}

const DT_BYTES: Record<string, number> = { float64: 8, int64: 8, float32: 4, int32: 4, float16: 2, bfloat16: 2, int16: 2, int8: 1, uint8: 1, bool: 1 };

function treeBytes(t: TensorTree | TensorTree[]): number {
  if (t === null || typeof t === 'number') return 0;
  if (Array.isArray(t)) return t.reduce((s: number, x) => s + treeBytes(x), 0);
  if (isLeaf(t)) return t.shape.reduce((a, b) => a * b, 1) * (DT_BYTES[t.dtype] ?? 4);
  return Object.values(t).reduce((s: number, x) => s + treeBytes(x), 0);
}

function formatMarkdown(r: InspectReport, depth: number): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = [`### ${r.class} (\`${r.model}\`)`, '', '| Layer | Type | Input shape | Output shape | Param # | Trainable | Mult-Adds |', '|---|---|---|---|---:|---|---:|'];
  for (const l of lines(r, depth)) {
    const name = l.row.name === '' ? '(root)' : l.row.name + (l.row.calls.length > 1 ? ` (call ${l.call + 1})` : '');
    out.push(`| ${'&nbsp;&nbsp;'.repeat(l.row.depth)}${esc(name)} | ${esc(l.row.type)} | ${esc(l.input)} | ${esc(l.output)} | ${l.params} | ${l.trainable} | ${l.macs} |`);
  }
  out.push('', ...totalsText(r).filter((s) => !/^-+$/.test(s)).map((s) => `- ${s}`));
  return out.join('\n') + '\n';
}

function formatCsv(r: InspectReport): string {
  const q = (s: string | number) => {
    const t = String(s);
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const out = ['name,type,depth,call,input_shapes,output_shape,params,trainable_params,mult_adds,flops'];
  for (const row of r.modules) {
    const calls = row.calls.length ? row.calls : [null];
    calls.forEach((c, i) => {
      out.push([row.name, row.type, row.depth, c ? i + 1 : 0, c ? c.inputs.map(shapeText).join(' ') : '', c ? shapeText(c.output) : '',
        row.params, row.trainable_params, row.mult_adds, row.flops].map(q).join(','));
    });
  }
  return out.join('\n') + '\n';
}

function isLeaf(t: object): t is { shape: number[]; dtype: string } {
  const o = t as { shape?: unknown; dtype?: unknown };
  return Array.isArray(o.shape) && typeof o.dtype === 'string';
}
