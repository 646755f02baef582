// parse(source, previous?, edit?): tree-sitter parse (incremental when a previous result is given),
// syntax diagnostics from ERROR/MISSING nodes, lowering to the typed AST and scope resolution.
import type { Edit, Node, Point, Tree } from 'web-tree-sitter';
import { treeSitter } from './wasm';
import type { ModuleNode, Span } from './ast';
import { diagnostic, type PyDiagnostic } from './diagnostics';
import { lowerModule, type ReuseStatement, type StmtRecord } from './lower';
import { setSource, spanOf, type LowerContext } from './lower-expr';
import { resolveModule } from './resolve';
import { getParser } from './wasm';

export interface ParseResult {
  source: string;
  module: ModuleNode;
  /** Syntax errors (`code: 'syntax'`, the file cannot run) and unsupported constructs, in source order. */
  diagnostics: PyDiagnostic[];
  /** Ranges tree-sitter could not parse; listing.ts recovers class and def lines from them. */
  errorSpans: Span[];
  hasSyntaxErrors: boolean;
  timing: { parseMs: number; lowerMs: number };
  /** Frees the tree-sitter tree now instead of when the result is garbage collected. */
  dispose(): void;
  /** @internal the tree-sitter tree, kept for incremental re-parsing. */
  readonly tree: Tree | null;
}

/** A text change as string offsets (UTF-16 code units): [start, oldEnd) of the old text became [start, newEnd). */
export interface TextEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
}

const trees = new FinalizationRegistry<Tree>((t) => t.delete());

/**
 * Parses `source`. With `previous` (the result for the text before an edit) the parse is
 * incremental: tree-sitter reuses the old tree, and top-level statements outside the edit keep
 * their lowered AST. `previous` is consumed: statements after the edit move into the new result.
 * `edit` is computed from the two texts when omitted.
 */
export function parse(source: string, previous?: ParseResult, edit?: TextEdit): ParseResult {
  const parser = getParser();
  const t0 = performance.now();
  let old: Tree | null = null;
  let textEdit: TextEdit | null = null;
  let treeEdit: Edit | null = null;
  if (previous?.tree) {
    textEdit = edit ?? diffEdit(previous.source, source);
    treeEdit = toTreeEdit(previous.source, source, textEdit);
    old = previous.tree.copy();
    old.edit(treeEdit);
  }
  const tree = parser.parse(source, old);
  if (!tree) {
    old?.delete();
    throw new Error('nnlens: tree-sitter returned no tree');
  }
  const reuse = old && previous && textEdit && treeEdit ? reuser(previous, textEdit, treeEdit, old.getChangedRanges(tree)) : undefined;
  old?.delete();
  const t1 = performance.now();
  setSource(source);
  const cx: LowerContext = { src: source, diagnostics: [], errorSpans: [] };
  const { module, records, fresh } = lowerModule(cx, tree, reuse);
  const resolveDiagnostics: PyDiagnostic[] = [];
  resolveModule(module, resolveDiagnostics, fresh);
  attribute(records, resolveDiagnostics);
  const diagnostics = [...cx.diagnostics, ...resolveDiagnostics];
  if (tree.rootNode.hasError) collectSyntaxErrors(tree.rootNode, diagnostics);
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  const t2 = performance.now();
  let live: Tree | null = tree;
  const result: ParseResult = {
    source,
    module,
    diagnostics,
    errorSpans: cx.errorSpans,
    hasSyntaxErrors: diagnostics.some((d) => d.code === 'syntax'),
    timing: { parseMs: t1 - t0, lowerMs: t2 - t1 },
    dispose() {
      if (!live) return;
      trees.unregister(result);
      live.delete();
      live = null;
    },
    get tree() {
      return live;
    },
  };
  recordsOf.set(result, records);
  trees.register(result, tree, result);
  return result;
}

const recordsOf = new WeakMap<ParseResult, StmtRecord[]>();

/** Resolution diagnostics belong to the top-level statement they are in (so a reused statement keeps them). */
function attribute(records: StmtRecord[], diags: PyDiagnostic[]): void {
  for (const d of diags) {
    const r = records.find((x) => x.stmt.line <= d.line && d.line <= x.stmt.endLine);
    r?.diagnostics.push(d);
  }
}

/**
 * Reuse of unchanged top-level statements after an edit: a statement entirely before the edit is
 * taken as is; one entirely after it moves, its lines shifted (top-level statements start at
 * column 0, so columns do not change). Anything tree-sitter reports as changed is lowered again.
 */
function reuser(previous: ParseResult, e: TextEdit, te: Edit, changed: { startIndex: number; endIndex: number }[]): ReuseStatement | undefined {
  const records = recordsOf.get(previous);
  // A result lends its statements to one successor only (they may have moved); a second re-parse
  // from the same result still parses incrementally but lowers everything again.
  recordsOf.delete(previous);
  if (!records) return undefined;
  const byRange = new Map(records.map((r) => [`${r.start}:${r.end}`, r]));
  const delta = e.newEndIndex - e.oldEndIndex;
  const lineDelta = te.newEndPosition.row - te.oldEndPosition.row;
  return (start, end) => {
    let oldStart: number;
    let shift: number;
    if (end <= e.startIndex) {
      oldStart = start;
      shift = 0;
    } else if (start >= e.newEndIndex) {
      oldStart = start - delta;
      shift = lineDelta;
    } else return null;
    for (const c of changed) if (c.startIndex < end && c.endIndex > start) return null;
    const r = byRange.get(`${oldStart}:${oldStart + end - start}`);
    if (!r) return null;
    if (shift !== 0) shiftLines(r, shift, new Set());
    return r;
  };
}

/**
 * Moves every line number in a lowered statement (and its diagnostics) by `delta`, in place: the
 * previous ParseResult is superseded by the new one, and copying the AST would cost more than
 * lowering it again.
 */
function shiftLines(v: unknown, delta: number, seen: Set<object>): void {
  if (v === null || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  if (Array.isArray(v)) {
    for (const x of v) shiftLines(x, delta, seen);
    return;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'number') {
      if ((k === 'line' || k === 'endLine') && x !== 0) o[k] = x + delta;
    } else if (typeof x === 'object' && x !== null && k !== 'cache' && k !== 'sig') shiftLines(x, delta, seen);
  }
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix). */
function diffEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { startIndex: start, oldEndIndex: oldEnd, newEndIndex: newEnd };
}

function pointAt(text: string, index: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}

function toTreeEdit(before: string, after: string, e: TextEdit): Edit {
  return new (treeSitter().Edit)({
    startIndex: e.startIndex,
    oldEndIndex: e.oldEndIndex,
    newEndIndex: e.newEndIndex,
    startPosition: pointAt(before, e.startIndex),
    oldEndPosition: pointAt(before, e.oldEndIndex),
    newEndPosition: pointAt(after, e.newEndIndex),
  });
}

const closers: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const compoundKeywords = new Set(['def', 'class', 'if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except', 'finally']);

function collectSyntaxErrors(n: Node, out: PyDiagnostic[]): void {
  if (n.isMissing) {
    const sp = spanOf(n);
    const what = n.isNamed ? (n.type === 'identifier' ? 'a name' : `an ${n.type}`) : `'${n.type}'`;
    out.push(diagnostic({ ...sp, endCol: sp.col + 1 }, 'error', 'syntax', `invalid syntax: expected ${what}`));
    return;
  }
  if (n.type === 'ERROR') {
    out.push(describeError(n));
    return;
  }
  for (const c of n.children) if (c && (c.hasError || c.isMissing)) collectSyntaxErrors(c, out);
}

/** One diagnostic for an ERROR node: an unclosed bracket when there is one, else the first token. */
function describeError(n: Node): PyDiagnostic {
  const open: Node[] = [];
  for (const c of n.children) {
    if (!c) continue;
    if (c.type in closers) open.push(c);
    else if (open.length && c.type === closers[open[open.length - 1].type]) open.pop();
  }
  if (open.length) {
    const b = open[open.length - 1];
    return diagnostic(spanOf(b), 'error', 'syntax', `'${b.type}' was never closed`);
  }
  let first: Node = n;
  while (first.childCount > 0 && first.child(0)) first = first.child(0)!;
  // `def f(x)` / `if x` without the colon: tree-sitter gives up on the whole statement; say what Python says.
  if (compoundKeywords.has(first.type) && first.startIndex === n.startIndex) {
    const text = n.text;
    const nl = text.indexOf('\n');
    const header = (nl < 0 ? text : text.slice(0, nl)).replace(/#.*$/, '').trimEnd();
    if (!header.endsWith(':')) {
      const sp = spanOf(n);
      const col = sp.col + header.length;
      return diagnostic({ line: sp.line, col, endLine: sp.line, endCol: col + 1 }, 'error', 'syntax', "invalid syntax: expected ':'");
    }
  }
  const sp = spanOf(first.startIndex === first.endIndex ? n : first);
  const text = first.text.length > 0 && first.text.length < 30 ? `: unexpected '${first.text}'` : '';
  return diagnostic(sp.line === sp.endLine ? sp : { ...sp, endLine: sp.line, endCol: sp.col + 1 }, 'error', 'syntax', `invalid syntax${text}`);
}
