// Lowers tree-sitter expression nodes into the typed AST (ast.ts). Nodes it cannot lower become a
// placeholder plus a diagnostic, so a file being edited still yields an AST for the rest.
import type { SyntaxNode as Node } from './syntax-tree';
import {
  emptyScope,
  type BinOperator, type CmpOperator, type CodeInfo, type Comprehension, type Expr, type Keyword, type NameExpr,
  type Span,
} from './ast';
import { diagnostic, type PyDiagnostic } from './diagnostics';
import { parseFloatLiteral, parseIntLiteral } from './literals';
import { lowerParams } from './lower-params';
import { lowerString } from './lower-strings';

export interface LowerContext {
  src: string;
  diagnostics: PyDiagnostic[];
  /** Spans of ERROR nodes the lowering skipped (listing.ts scans them for class/def lines). */
  errorSpans: Span[];
}

// Line starts of the source being lowered: positions come from node indices through this table,
// which costs one wasm call per node instead of two plus a Point allocation.
let lineStarts: number[] = [0];

/** Sets the source whose nodes spanOf() will be asked about (parse() calls it before lowering). */
export function setSource(src: string): void {
  lineStarts = [0];
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) lineStarts.push(i + 1);
}

function lineOf(index: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The 1-based range of a node (a copied one, or a wasm Node on the syntax-error path). */
export function spanOf(n: { startIndex: number; endIndex: number }): Span {
  const s = n.startIndex;
  const e = n.endIndex;
  const sl = lineOf(s);
  const el = e === s ? sl : lineOf(e);
  return { line: sl + 1, col: s - lineStarts[sl] + 1, endLine: el + 1, endCol: e - lineStarts[el] + 1 };
}

export function unsupported(cx: LowerContext, n: Node, what: string, hint: string): string {
  const sp = spanOf(n);
  const message = `${what} ${what.endsWith('s') ? 'are' : 'is'} not supported by nnlens (line ${sp.line}, column ${sp.col}); ${hint}`;
  cx.diagnostics.push(diagnostic(sp, 'warning', 'unsupported', message));
  return message;
}

/** A syntax problem found while lowering (tree-sitter accepted it, Python would not). */
export function syntaxError(cx: LowerContext, n: Node, message: string): void {
  cx.diagnostics.push(diagnostic(spanOf(n), 'error', 'syntax', message));
}

export function nameExpr(id: string, span: Span): NameExpr {
  return { kind: 'Name', id, scope: 'global', slot: -1, ...span };
}

function placeholder(n: Node): Expr {
  return { kind: 'Const', value: 'None', ...spanOf(n) };
}

/** Children that carry meaning: named, and not comments. */
export function namedKids(n: Node): Node[] {
  return n.meaningfulChildren;
}

export function lowerExpr(cx: LowerContext, n: Node): Expr {
  const sp = spanOf(n);
  switch (n.type) {
    case 'identifier':
      return nameExpr(n.text, sp);
    case 'integer':
      return lowerInteger(cx, n, sp);
    case 'float': {
      if (/[jJ]$/.test(n.text)) return unsupportedExpr(cx, n, 'Complex numbers', 'use a float or a tensor');
      const v = parseFloatLiteral(n.text);
      if (v === null) syntaxError(cx, n, `invalid float literal '${n.text}'`);
      return { kind: 'Float', value: v ?? 0, cache: undefined, ...sp };
    }
    case 'true':
      return { kind: 'Const', value: 'True', ...sp };
    case 'false':
      return { kind: 'Const', value: 'False', ...sp };
    case 'none':
      return { kind: 'Const', value: 'None', ...sp };
    case 'ellipsis':
      return { kind: 'Const', value: 'Ellipsis', ...sp };
    case 'string':
    case 'concatenated_string':
      return lowerString(cx, n, sp);
    case 'parenthesized_expression': {
      const inner = namedKids(n)[0];
      return inner ? lowerExpr(cx, inner) : placeholder(n);
    }
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.type as BinOperator;
      return { kind: 'BinOp', op, left: field(cx, n, 'left'), right: field(cx, n, 'right'), ...sp };
    }
    case 'unary_operator': {
      const op = n.childForFieldName('operator')?.type as '-' | '+' | '~';
      const operand = field(cx, n, 'argument');
      // Fold `-1` and `-1.5` so negative literals (shapes, defaults) cost nothing at run time.
      if (op === '-' && operand.kind === 'Int') return { kind: 'Int', value: -operand.value, ...sp };
      if (op === '-' && operand.kind === 'Float') return { kind: 'Float', value: -operand.value, cache: undefined, ...sp };
      return { kind: 'UnaryOp', op, operand, ...sp };
    }
    case 'not_operator':
      return { kind: 'UnaryOp', op: 'not', operand: field(cx, n, 'argument'), ...sp };
    case 'boolean_operator': {
      const op = n.childForFieldName('operator')?.type === 'and' ? 'and' : 'or';
      const left = field(cx, n, 'left');
      const right = field(cx, n, 'right');
      const values = left.kind === 'BoolOp' && left.op === op ? [...left.values, right] : [left, right];
      return { kind: 'BoolOp', op, values, ...sp };
    }
    case 'comparison_operator':
      return lowerCompare(cx, n, sp);
    case 'call':
      return lowerCall(cx, n, sp);
    case 'attribute': {
      const attr = n.childForFieldName('attribute');
      return { kind: 'Attribute', value: field(cx, n, 'object'), attr: attr?.text ?? '', ...sp };
    }
    case 'subscript':
      return lowerSubscript(cx, n, sp);
    case 'slice':
      return lowerSlice(cx, n, sp);
    case 'tuple':
    case 'expression_list':
    case 'pattern_list':
    case 'tuple_pattern':
      return { kind: 'Tuple', elts: namedKids(n).map((c) => lowerExpr(cx, c)), ...sp };
    case 'list':
    case 'list_pattern':
      return { kind: 'List', elts: namedKids(n).map((c) => lowerExpr(cx, c)), ...sp };
    case 'set':
      return { kind: 'Set', elts: namedKids(n).map((c) => lowerExpr(cx, c)), ...sp };
    case 'list_splat':
    case 'list_splat_pattern':
    case 'parenthesized_list_splat': {
      const inner = namedKids(n)[0];
      if (n.type === 'parenthesized_list_splat' && inner) return lowerExpr(cx, inner);
      return { kind: 'Starred', value: inner ? lowerExpr(cx, inner) : placeholder(n), ...sp };
    }
    case 'dictionary':
      return lowerDict(cx, n, sp);
    case 'list_comprehension':
    case 'set_comprehension':
    case 'generator_expression':
    case 'dictionary_comprehension':
      return lowerComprehension(cx, n, sp);
    case 'lambda':
      return lowerLambda(cx, n, sp);
    case 'conditional_expression': {
      const [body, test, orelse] = namedKids(n);
      if (!body || !test || !orelse) return placeholder(n);
      return { kind: 'IfExp', body: lowerExpr(cx, body), test: lowerExpr(cx, test), orelse: lowerExpr(cx, orelse), ...sp };
    }
    case 'named_expression': {
      const name = n.childForFieldName('name');
      const target = nameExpr(name?.text ?? '', name ? spanOf(name) : sp);
      return { kind: 'NamedExpr', target, value: field(cx, n, 'value'), ...sp };
    }
    case 'yield': {
      const isFrom = n.children.some((c) => c?.type === 'from');
      const inner = namedKids(n)[0];
      if (isFrom) return { kind: 'YieldFrom', value: inner ? lowerExpr(cx, inner) : placeholder(n), ...sp };
      return { kind: 'Yield', value: inner ? lowerExpr(cx, inner) : null, ...sp };
    }
    case 'await':
      return unsupportedExpr(cx, n, 'await', 'async code does not run in nnlens; call the synchronous version');
    case 'keyword_argument':
    case 'dictionary_splat':
    case 'pair':
      syntaxError(cx, n, 'invalid syntax');
      return placeholder(n);
    case 'as_pattern':
      syntaxError(cx, n, "invalid syntax: 'as' is only allowed in import, with and except");
      return placeholder(n);
    case 'ERROR':
      cx.errorSpans.push(sp);
      return placeholder(n);
    default:
      return unsupportedExpr(cx, n, `The expression '${n.type}'`, 'rewrite it with plain Python expressions');
  }
}

export function unsupportedExpr(cx: LowerContext, n: Node, what: string, hint: string): Expr {
  return { kind: 'UnsupportedExpr', message: unsupported(cx, n, what, hint), ...spanOf(n) };
}

export function field(cx: LowerContext, n: Node, name: string): Expr {
  const c = n.childForFieldName(name);
  if (!c) return placeholder(n);
  return lowerExpr(cx, c);
}

function lowerInteger(cx: LowerContext, n: Node, sp: Span): Expr {
  const t = n.text;
  if (/[jJ]$/.test(t)) return unsupportedExpr(cx, n, 'Complex numbers', 'use a float or a tensor');
  const v = parseIntLiteral(t);
  if (v === null) {
    syntaxError(cx, n, /^0[0-9]/.test(t)
      ? 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers'
      : `invalid integer literal '${t}'`);
    return { kind: 'Int', value: 0, ...sp };
  }
  return { kind: 'Int', value: v, ...sp };
}

function lowerCompare(cx: LowerContext, n: Node, sp: Span): Expr {
  const operands: Expr[] = [];
  const ops: CmpOperator[] = [];
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (!c || c.type === 'comment') continue;
    if (n.fieldNameForChild(i) === 'operators') ops.push((c.type === '<>' ? '!=' : c.type.replace(/\s+/g, ' ')) as CmpOperator);
    else if (c.isNamed) operands.push(lowerExpr(cx, c));
  }
  if (operands.length !== ops.length + 1) return placeholder(n);
  return { kind: 'Compare', left: operands[0], ops, comparators: operands.slice(1), ...sp };
}

export function lowerArguments(cx: LowerContext, argList: Node | null): { args: Expr[]; keywords: Keyword[]; simple: boolean } {
  const args: Expr[] = [];
  const keywords: Keyword[] = [];
  let simple = true;
  if (!argList) return { args, keywords, simple };
  if (argList.type === 'generator_expression') return { args: [lowerExpr(cx, argList)], keywords, simple };
  for (const c of namedKids(argList)) {
    if (c.type === 'keyword_argument') {
      const name = c.childForFieldName('name');
      keywords.push({ name: name?.text ?? '', value: field(cx, c, 'value'), ...spanOf(c) });
    } else if (c.type === 'dictionary_splat') {
      simple = false;
      const inner = namedKids(c)[0];
      keywords.push({ name: null, value: inner ? lowerExpr(cx, inner) : placeholder(c), ...spanOf(c) });
    } else {
      const e = lowerExpr(cx, c);
      if (e.kind === 'Starred') simple = false;
      if (keywords.length > 0 && e.kind !== 'Starred') {
        syntaxError(cx, c, keywords.some((k) => k.name === null)
          ? 'positional argument follows keyword argument unpacking'
          : 'positional argument follows keyword argument');
      }
      args.push(e);
    }
  }
  return { args, keywords, simple };
}

function lowerCall(cx: LowerContext, n: Node, sp: Span): Expr {
  const { args, keywords, simple } = lowerArguments(cx, n.childForFieldName('arguments'));
  return { kind: 'Call', func: field(cx, n, 'function'), args, keywords, simple, ...sp };
}

function lowerSubscript(cx: LowerContext, n: Node, sp: Span): Expr {
  const value = field(cx, n, 'value');
  const subs = n.childrenForFieldName('subscript').filter((c): c is Node => c !== null);
  const trailingComma = n.children.some((c) => c?.type === ',');
  let index: Expr;
  if (subs.length === 1 && !trailingComma) index = lowerExpr(cx, subs[0]);
  else {
    const first = subs[0] ? spanOf(subs[0]) : sp;
    const last = subs.length ? spanOf(subs[subs.length - 1]) : sp;
    index = { kind: 'Tuple', elts: subs.map((s) => lowerExpr(cx, s)), line: first.line, col: first.col, endLine: last.endLine, endCol: last.endCol };
  }
  return { kind: 'Subscript', value, index, ...sp };
}

function lowerSlice(cx: LowerContext, n: Node, sp: Span): Expr {
  const parts: (Expr | null)[] = [null, null, null];
  let slot = 0;
  for (const c of n.children) {
    if (!c || c.type === 'comment') continue;
    if (c.type === ':') slot++;
    else if (c.isNamed && slot < 3) parts[slot] = lowerExpr(cx, c);
  }
  return { kind: 'Slice', lower: parts[0], upper: parts[1], step: parts[2], ...sp };
}

function lowerDict(cx: LowerContext, n: Node, sp: Span): Expr {
  const keys: (Expr | null)[] = [];
  const values: Expr[] = [];
  for (const c of namedKids(n)) {
    if (c.type === 'pair') {
      keys.push(field(cx, c, 'key'));
      values.push(field(cx, c, 'value'));
    } else if (c.type === 'dictionary_splat') {
      const inner = namedKids(c)[0];
      keys.push(null);
      values.push(inner ? lowerExpr(cx, inner) : placeholder(c));
    }
  }
  return { kind: 'Dict', keys, values, ...sp };
}

function lowerComprehension(cx: LowerContext, n: Node, sp: Span): Expr {
  const generators: Comprehension[] = [];
  for (const c of namedKids(n)) {
    if (c.type === 'for_in_clause') {
      if (c.children.some((k) => k?.type === 'async')) unsupported(cx, c, 'async comprehensions', 'use a plain for clause');
      const left = c.childForFieldName('left');
      const rights = c.childrenForFieldName('right').filter((r): r is Node => r !== null && r.isNamed);
      const iter: Expr = rights.length === 1
        ? lowerExpr(cx, rights[0])
        : { kind: 'Tuple', elts: rights.map((r) => lowerExpr(cx, r)), ...spanOf(c) };
      generators.push({ target: left ? lowerExpr(cx, left) : placeholder(c), iter, ifs: [], ...spanOf(c) });
    } else if (c.type === 'if_clause') {
      const test = namedKids(c)[0];
      if (generators.length && test) generators[generators.length - 1].ifs.push(lowerExpr(cx, test));
    }
  }
  const scope = emptyScope('comprehension');
  if (n.type === 'dictionary_comprehension') {
    const body = n.childForFieldName('body');
    const key = body ? field(cx, body, 'key') : placeholder(n);
    const value = body ? field(cx, body, 'value') : placeholder(n);
    return { kind: 'DictComp', key, value, generators, scope, ...sp };
  }
  const elt = field(cx, n, 'body');
  const kind = n.type === 'list_comprehension' ? 'ListComp' : n.type === 'set_comprehension' ? 'SetComp' : 'GeneratorExp';
  return { kind, elt, generators, scope, ...sp };
}

function lowerLambda(cx: LowerContext, n: Node, sp: Span): Expr {
  const params = lowerParams(cx, n.childForFieldName('parameters'));
  const scope = emptyScope('function');
  const code: CodeInfo = {
    name: '<lambda>', qualname: '<lambda>', params, scope, isGenerator: false, isAsync: false, span: sp, sig: undefined,
  };
  return { kind: 'Lambda', params, body: field(cx, n, 'body'), scope, code, ...sp };
}
