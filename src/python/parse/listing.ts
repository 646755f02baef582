// The static outline the editor shows: classes (name, bases as source text, methods) and
// module-level functions, with ranges. Works on files with syntax errors too: class and def lines
// that tree-sitter could not place are recovered from the text of the broken regions by indentation.
import type { ClassDefStmt, Expr, FunctionDefStmt, ModuleNode, Span, Stmt } from './ast';
import type { ParseResult } from './parser';

/** 1-based; `endColumn` is one past the last character. */
export interface RangeInfo {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface FunctionInfo {
  name: string;
  qualname: string;
  range: RangeInfo;
  nameRange: RangeInfo;
  decorators: string[];
  params: string[];
  isAsync: boolean;
  /** Found in a region with a syntax error (its range is approximate). */
  recovered: boolean;
}

export interface ClassInfo {
  name: string;
  qualname: string;
  /** Base classes as written, dotted (`nn.Module`, `torch.nn.Module`); keywords such as metaclass= excluded. */
  bases: string[];
  range: RangeInfo;
  nameRange: RangeInfo;
  decorators: string[];
  methods: FunctionInfo[];
  recovered: boolean;
}

const rangeOf = (s: Span): RangeInfo => ({ line: s.line, column: s.col, endLine: s.endLine, endColumn: s.endCol });

/** Source text of an expression (dotted names are rebuilt, anything else is sliced from the source). */
function exprText(e: Expr, source: string | null, lines: string[] | null): string {
  if (e.kind === 'Name') return e.id;
  if (e.kind === 'Attribute') return `${exprText(e.value, source, lines)}.${e.attr}`;
  if (lines && e.line === e.endLine) return lines[e.line - 1]?.slice(e.col - 1, e.endCol - 1) ?? '';
  if (lines) {
    const parts = [lines[e.line - 1]?.slice(e.col - 1) ?? ''];
    for (let l = e.line + 1; l < e.endLine; l++) parts.push(lines[l - 1] ?? '');
    parts.push(lines[e.endLine - 1]?.slice(0, e.endCol - 1) ?? '');
    return parts.map((p) => p.trim()).join(' ');
  }
  return '...';
}

function functionInfo(s: FunctionDefStmt, lines: string[] | null): FunctionInfo {
  const p = s.code.params;
  const params = [
    ...p.positional.map((x) => x.name), ...(p.vararg ? [`*${p.vararg.name}`] : []), ...p.kwonly.map((x) => x.name),
    ...(p.kwarg ? [`**${p.kwarg.name}`] : []),
  ];
  return {
    name: s.name.id, qualname: s.code.qualname, range: rangeOf(s), nameRange: rangeOf(s.nameSpan),
    decorators: s.decorators.map((d) => exprText(d, null, lines)), params, isAsync: s.code.isAsync, recovered: false,
  };
}

function classInfo(s: ClassDefStmt, lines: string[] | null, out: ClassInfo[]): void {
  const methods: FunctionInfo[] = [];
  const info: ClassInfo = {
    name: s.name.id, qualname: s.qualname, bases: s.bases.map((b) => exprText(b, null, lines)), range: rangeOf(s),
    nameRange: rangeOf(s.nameSpan), decorators: s.decorators.map((d) => exprText(d, null, lines)), methods, recovered: false,
  };
  out.push(info);
  walk(s.body, (st) => {
    if (st.kind === 'FunctionDef') methods.push(functionInfo(st, lines));
    else if (st.kind === 'ClassDef') classInfo(st, lines, out);
  });
}

/** Visits definitions in a body, looking through if/try/with/for blocks (not into functions). */
function walk(body: Stmt[], f: (s: FunctionDefStmt | ClassDefStmt) => void): void {
  for (const s of body) {
    switch (s.kind) {
      case 'FunctionDef':
      case 'ClassDef':
        f(s);
        break;
      case 'If':
      case 'While':
      case 'For':
        walk(s.body, f);
        walk(s.orelse, f);
        break;
      case 'Try':
        walk(s.body, f);
        for (const h of s.handlers) walk(h.body, f);
        walk(s.orelse, f);
        walk(s.finalbody, f);
        break;
      case 'With':
        walk(s.body, f);
        break;
      default:
        break;
    }
  }
}

function split(input: ParseResult | ModuleNode): { mod: ModuleNode; lines: string[] | null; parsed: ParseResult | null } {
  if ('kind' in input) return { mod: input, lines: null, parsed: null };
  return { mod: input.module, lines: input.source.split('\n'), parsed: input };
}

/** Every class in the file, nested ones included (in source order of their `class` lines). */
export function listClasses(input: ParseResult | ModuleNode): ClassInfo[] {
  const { mod, lines, parsed } = split(input);
  const out: ClassInfo[] = [];
  walk(mod.body, (s) => {
    if (s.kind === 'ClassDef') classInfo(s, lines, out);
  });
  if (parsed && lines && parsed.errorSpans.length) recover(parsed.errorSpans, lines, out);
  return out.sort((a, b) => a.nameRange.line - b.nameRange.line);
}

/** Module-level functions (including those under top-level if/try/with blocks). */
export function listFunctions(input: ParseResult | ModuleNode): FunctionInfo[] {
  const { mod, lines, parsed } = split(input);
  const out: FunctionInfo[] = [];
  walk(mod.body, (s) => {
    if (s.kind === 'FunctionDef') out.push(functionInfo(s, lines));
  });
  if (parsed && lines && parsed.errorSpans.length) {
    for (const h of scanHeaders(parsed.errorSpans, lines)) {
      if (h.kind === 'def' && h.indent === 0 && !out.some((f) => f.nameRange.line === h.line)) out.push(headerFunction(h, lines));
    }
  }
  return out.sort((a, b) => a.nameRange.line - b.nameRange.line);
}

// ---------------------------------------------------------------- recovery from broken regions

interface Header {
  kind: 'class' | 'def';
  name: string;
  line: number;
  indent: number;
  col: number;
  bases: string[];
}

const indentOf = (l: string): number => /^[ \t]*/.exec(l)![0].replace(/\t/g, '        ').length;

function scanHeaders(spans: Span[], lines: string[]): Header[] {
  const seen = new Set<number>();
  const out: Header[] = [];
  for (const sp of spans) {
    for (let n = sp.line; n <= sp.endLine; n++) {
      if (seen.has(n)) continue;
      seen.add(n);
      const text = lines[n - 1] ?? '';
      const c = /^([ \t]*)class[ \t]+([A-Za-z_]\w*)[ \t]*(?:\(([^)]*)\)?)?/.exec(text);
      if (c) {
        const bases = (c[3] ?? '').split(',').map((b) => b.trim()).filter((b) => b && !b.includes('='));
        out.push({ kind: 'class', name: c[2], line: n, indent: indentOf(text), col: text.indexOf(c[2]) + 1, bases });
        continue;
      }
      const d = /^([ \t]*)(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)/.exec(text);
      if (d) out.push({ kind: 'def', name: d[2], line: n, indent: indentOf(text), col: text.indexOf(d[2]) + 1, bases: [] });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/** The last line of the block a header at `indent` opens: before the next non-blank line indented as little. */
function blockEnd(lines: string[], line: number, indent: number): number {
  let last = line;
  for (let n = line + 1; n <= lines.length; n++) {
    const t = lines[n - 1];
    if (t.trim() === '' || t.trim().startsWith('#')) continue;
    if (indentOf(t) <= indent) break;
    last = n;
  }
  return last;
}

function headerRange(h: Header, lines: string[]): { range: RangeInfo; nameRange: RangeInfo } {
  const end = blockEnd(lines, h.line, h.indent);
  return {
    range: { line: h.line, column: h.indent + 1, endLine: end, endColumn: (lines[end - 1]?.length ?? 0) + 1 },
    nameRange: { line: h.line, column: h.col, endLine: h.line, endColumn: h.col + h.name.length },
  };
}

function headerFunction(h: Header, lines: string[]): FunctionInfo {
  return { name: h.name, qualname: h.name, ...headerRange(h, lines), decorators: [], params: [], isAsync: false, recovered: true };
}

function recover(spans: Span[], lines: string[], out: ClassInfo[]): void {
  const headers = scanHeaders(spans, lines);
  for (const h of headers) {
    if (h.kind !== 'class' || out.some((c) => c.nameRange.line === h.line)) continue;
    const r = headerRange(h, lines);
    const cls: ClassInfo = { name: h.name, qualname: h.name, bases: h.bases, ...r, decorators: [], methods: [], recovered: true };
    // A class the parser folded into an earlier one: it ends where this one starts, and hands over its methods.
    for (const other of out) {
      if (other.range.line < h.line && other.range.endLine >= h.line && indentOf(lines[other.nameRange.line - 1]) >= h.indent) {
        other.range = { ...other.range, endLine: h.line - 1, endColumn: (lines[h.line - 2]?.length ?? 0) + 1 };
        const moved = other.methods.filter((m) => m.nameRange.line > h.line && m.nameRange.line <= r.range.endLine);
        other.methods = other.methods.filter((m) => !moved.includes(m));
        cls.methods.push(...moved);
      }
    }
    out.push(cls);
  }
  for (const h of headers) {
    if (h.kind !== 'def') continue;
    const owner = out
      .filter((c) => c.nameRange.line < h.line && c.range.endLine >= h.line && indentOf(lines[c.nameRange.line - 1]) < h.indent)
      .sort((a, b) => b.nameRange.line - a.nameRange.line)[0];
    if (!owner || owner.methods.some((m) => m.nameRange.line === h.line)) continue;
    const m = headerFunction(h, lines);
    m.qualname = `${owner.qualname}.${h.name}`;
    owner.methods.push(m);
    owner.methods.sort((a, b) => a.nameRange.line - b.nameRange.line);
  }
}
