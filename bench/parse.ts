// Parser speed: a ~2,000-line file built from test/models/*.py, timed as a full parse() and as a
// one-line incremental re-parse (the editor's keystroke case); median of many runs, tree-sitter's own
// wasm parse shown separately because it is the floor the lowering adds to.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initParser, parse, type ParseResult } from '../src/python';

const MODELS = join(__dirname, '..', 'test', 'models');

/** test/models/*.py concatenated (repeated) until the text has at least `lines` lines. */
export function bigSource(lines = 2000): string {
  const files = readdirSync(MODELS).filter((f) => f.endsWith('.py')).sort();
  const parts: string[] = [];
  let count = 0;
  for (let round = 0; count < lines; round++) {
    for (const f of files) {
      if (count >= lines) break;
      const text = readFileSync(join(MODELS, f), 'utf8').trimEnd() + '\n\n';
      parts.push(`# --- ${f} (copy ${round}) ---\n`, text);
      count += text.split('\n').length;
    }
  }
  return parts.join('');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

export interface ParseFigures { lines: number; fullMs: number; treeSitterMs: number; incrementalMs: number; incrementalTreeSitterMs: number }

/** Measures without printing (the test of the bench and other callers use the numbers). */
export async function measureParse(runs = 40): Promise<ParseFigures> {
  await initParser();
  const source = bigSource();
  const lines = source.split('\n').length;
  const full: number[] = [];
  const ts: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    const t0 = performance.now();
    const r = parse(source);
    const dt = performance.now() - t0;
    if (i >= 5) {
      full.push(dt);
      ts.push(r.timing.parseMs);
    }
    r.dispose();
  }
  // Incremental: edit one line in the middle (a number changes), re-parse from the previous result,
  // alternating between two texts so every run is a real edit.
  const at = source.indexOf('\n', source.length >> 1) + 1;
  const edited = source.slice(0, at) + 'x_edit = 1\n' + source.slice(at);
  const edited2 = source.slice(0, at) + 'x_edit = 23\n' + source.slice(at);
  const inc: number[] = [];
  const incTs: number[] = [];
  let prev: ParseResult = parse(edited);
  for (let i = 0; i < runs * 2 + 5; i++) {
    const next = i % 2 === 0 ? edited2 : edited;
    const t0 = performance.now();
    const r = parse(next, prev);
    const dt = performance.now() - t0;
    prev.dispose();
    prev = r;
    if (i >= 5) {
      inc.push(dt);
      incTs.push(r.timing.parseMs);
    }
  }
  prev.dispose();
  return { lines, fullMs: median(full), treeSitterMs: median(ts), incrementalMs: median(inc), incrementalTreeSitterMs: median(incTs) };
}

export async function benchParse(): Promise<void> {
  const f = await measureParse();
  // No PyTorch counterpart (CPython's parser is not what the editor would run), so no ratio column.
  console.log('\n## Python parser (ms per parse, median; tree-sitter = its wasm parse alone, the floor)');
  console.log(`${'case'.padEnd(34)} ${'total'.padStart(9)} ${'tree-sitter'.padStart(12)} ${'lowering'.padStart(9)}`);
  const row = (name: string, total: number, ts: number) =>
    console.log(`${name.padEnd(34)} ${total.toFixed(2).padStart(9)} ${ts.toFixed(2).padStart(12)} ${(total - ts).toFixed(2).padStart(9)}`);
  row(`full parse (${f.lines} lines)`, f.fullMs, f.treeSitterMs);
  row('incremental, one-line edit', f.incrementalMs, f.incrementalTreeSitterMs);
}

if (require.main === module) void benchParse();
