// Lowers tree-sitter statement nodes into the typed AST. ERROR nodes are skipped (their diagnostics
// come from parser.ts) so the rest of the file still lowers and its classes can be listed.
import type { Tree } from 'web-tree-sitter';
import { copySubtree, languageTable, type SyntaxNode as Node } from './syntax-tree';
import { openWalker } from './walker';
import {
  emptyScope,
  type BinOperator, type CodeInfo, type ExceptHandler, type Expr, type ImportAlias, type ModuleNode,
  type NameRef, type Span, type Stmt, type WithItem,
} from './ast';
import type { PyDiagnostic } from './diagnostics';
import {
  field, lowerArguments, lowerExpr, nameExpr, namedKids, spanOf, syntaxError, unsupported,
  type LowerContext,
} from './lower-expr';
import { lowerParams } from './lower-params';

/** A lowered top-level statement with what lowering it reported, kept so a re-parse can reuse it. */
export interface StmtRecord {
  start: number;
  end: number;
  stmt: Stmt;
  diagnostics: PyDiagnostic[];
  errorSpans: Span[];
}

/** Returns a previous lowering of the top-level statement spanning [start, end), or null to lower it. */
export type ReuseStatement = (start: number, end: number) => StmtRecord | null;

export function lowerModule(
  cx: LowerContext, tree: Tree, reuse?: ReuseStatement,
): { module: ModuleNode; records: StmtRecord[]; fresh: Set<Stmt> } {
  const body: Stmt[] = [];
  const records: StmtRecord[] = [];
  const fresh = new Set<Stmt>();
  const root = tree.rootNode;
  // One cursor walks the top level; only statements that are not reused get copied out of wasm.
  const table = languageTable(tree.language);
  const withMissing = root.hasError;
  const cursor = openWalker(tree);
  try {
    for (let more = cursor.gotoFirstChild(); more; more = cursor.gotoNextSibling()) {
      const typeId = cursor.typeId();
      const type = table.types[typeId] ?? 'ERROR';
      if (!(table.isNamed[typeId] ?? true) || type === 'comment' || type === 'line_continuation') continue;
      const start = cursor.startIndex();
      const end = cursor.endIndex();
      if (type === 'ERROR') {
        cx.errorSpans.push(spanOf({ startIndex: start, endIndex: end }));
        continue;
      }
      const old = reuse?.(start, end);
      if (old) {
        body.push(old.stmt);
        records.push({ ...old, start, end });
        cx.diagnostics.push(...old.diagnostics);
        cx.errorSpans.push(...old.errorSpans);
        continue;
      }
      const d0 = cx.diagnostics.length;
      const e0 = cx.errorSpans.length;
      const s = lowerStmt(cx, copySubtree(cursor, table, cx.src, withMissing), '');
      if (!s) continue;
      body.push(s);
      fresh.add(s);
      records.push({ start, end, stmt: s, diagnostics: cx.diagnostics.slice(d0), errorSpans: cx.errorSpans.slice(e0) });
    }
  } finally {
    cursor.done();
  }
  const first = body[0];
  const docstring = first && first.kind === 'Expr' && first.value.kind === 'Str' ? first.value.value : null;
  return { module: { kind: 'Module', body, scope: emptyScope('module'), docstring, ...spanOf(root) }, records, fresh };
}

function nameRef(id: string, span: Span): NameRef {
  return { id, scope: 'global', slot: -1, ...span };
}

function lowerBlock(cx: LowerContext, n: Node | null, qual: string): Stmt[] {
  const out: Stmt[] = [];
  if (!n) return out;
  for (const c of namedKids(n)) {
    if (c.type === 'ERROR') {
      cx.errorSpans.push(spanOf(c));
      continue;
    }
    const s = lowerStmt(cx, c, qual);
    if (s) out.push(s);
  }
  return out;
}

function unsupportedStmt(cx: LowerContext, n: Node, what: string, hint: string): Stmt {
  return { kind: 'Unsupported', message: unsupported(cx, n, what, hint), ...spanOf(n) };
}

function lowerStmt(cx: LowerContext, n: Node, qual: string): Stmt | null {
  const sp = spanOf(n);
  switch (n.type) {
    case 'expression_statement':
      return lowerExpressionStatement(cx, n, sp);
    case 'return_statement': {
      const v = namedKids(n)[0];
      return { kind: 'Return', value: v ? lowerExpr(cx, v) : null, ...sp };
    }
    case 'pass_statement':
      return { kind: 'Pass', ...sp };
    case 'break_statement':
      return { kind: 'Break', ...sp };
    case 'continue_statement':
      return { kind: 'Continue', ...sp };
    case 'delete_statement': {
      const v = namedKids(n)[0];
      if (!v) return null;
      const e = lowerExpr(cx, v);
      const targets = v.type === 'expression_list' && e.kind === 'Tuple' ? e.elts : [e];
      for (const t of targets) checkTarget(cx, n, t, 'delete');
      return { kind: 'Delete', targets, ...sp };
    }
    case 'global_statement':
      return { kind: 'Global', names: namedKids(n).map((c) => c.text), ...sp };
    case 'nonlocal_statement':
      return { kind: 'Nonlocal', names: namedKids(n).map((c) => c.text), ...sp };
    case 'if_statement':
      return lowerIf(cx, n, sp, qual);
    case 'while_statement':
      return {
        kind: 'While', test: field(cx, n, 'condition'), body: lowerBlock(cx, n.childForFieldName('body'), qual),
        orelse: elseBody(cx, n, qual), ...sp,
      };
    case 'for_statement': {
      if (n.children.some((c) => c?.type === 'async')) return unsupportedStmt(cx, n, 'async for', 'use a plain for loop');
      const target = field(cx, n, 'left');
      checkTarget(cx, n, target, 'assign');
      return {
        kind: 'For', target, iter: field(cx, n, 'right'), body: lowerBlock(cx, n.childForFieldName('body'), qual),
        orelse: elseBody(cx, n, qual), ...sp,
      };
    }
    case 'try_statement':
      return lowerTry(cx, n, sp, qual);
    case 'raise_statement': {
      const v = namedKids(n).find((c) => n.childForFieldName('cause')?.id !== c.id);
      const cause = n.childForFieldName('cause');
      return { kind: 'Raise', exc: v ? lowerExpr(cx, v) : null, cause: cause ? lowerExpr(cx, cause) : null, ...sp };
    }
    case 'with_statement':
      return lowerWith(cx, n, sp, qual);
    case 'assert_statement': {
      const [test, msg] = namedKids(n);
      return { kind: 'Assert', test: test ? lowerExpr(cx, test) : nameExpr('True', sp), msg: msg ? lowerExpr(cx, msg) : null, ...sp };
    }
    case 'function_definition':
      return lowerFunction(cx, n, [], sp, qual);
    case 'class_definition':
      return lowerClass(cx, n, [], sp, qual);
    case 'decorated_definition': {
      const decorators = namedKids(n).filter((c) => c.type === 'decorator').map((d) => {
        const e = namedKids(d)[0];
        return e ? lowerExpr(cx, e) : nameExpr('None', spanOf(d));
      });
      const def = n.childForFieldName('definition');
      if (!def) return null;
      // The statement's range starts at the first decorator, as in CPython's AST.
      if (def.type === 'class_definition') return lowerClass(cx, def, decorators, sp, qual);
      return lowerFunction(cx, def, decorators, sp, qual);
    }
    case 'import_statement':
      return lowerImport(cx, n, sp);
    case 'import_from_statement':
      return lowerImportFrom(cx, n, sp);
    case 'future_import_statement':
      // `from __future__ import annotations` and friends change nothing nnlens does.
      return { kind: 'Pass', ...sp };
    case 'print_statement':
      return unsupportedStmt(cx, n, 'The Python 2 print statement', 'use print(...)');
    case 'exec_statement':
      return unsupportedStmt(cx, n, 'The Python 2 exec statement', 'exec is not available in the sandbox');
    case 'match_statement':
      return unsupportedStmt(cx, n, 'match statements', 'rewrite it as if/elif');
    case 'type_alias_statement':
      return unsupportedStmt(cx, n, 'type alias statements', 'assign the type to a name instead');
    default:
      syntaxError(cx, n, `invalid syntax (${n.type})`);
      return null;
  }
}

function elseBody(cx: LowerContext, n: Node, qual: string): Stmt[] {
  const alt = n.childForFieldName('alternative');
  return alt ? lowerBlock(cx, alt.childForFieldName('body'), qual) : [];
}

function checkTarget(cx: LowerContext, n: Node, t: Expr, verb: 'assign' | 'delete'): void {
  switch (t.kind) {
    case 'Name':
    case 'Attribute':
    case 'Subscript':
      return;
    case 'Tuple':
    case 'List':
      for (const e of t.elts) checkTarget(cx, n, e, verb);
      if (verb === 'assign' && t.elts.filter((e) => e.kind === 'Starred').length > 1) {
        syntaxError(cx, n, 'multiple starred expressions in assignment');
      }
      return;
    case 'Starred':
      if (verb === 'delete') break;
      checkTarget(cx, n, t.value, verb);
      return;
    default:
      break;
  }
  const what: Partial<Record<Expr['kind'], string>> = {
    Call: 'function call', Int: 'literal', Float: 'literal', Str: 'literal', Const: 'literal', BinOp: 'expression',
    Compare: 'comparison', Lambda: 'lambda', FString: 'f-string expression', Starred: 'starred',
  };
  syntaxError(cx, n, `cannot ${verb} ${verb === 'assign' ? 'to ' : ''}${what[t.kind] ?? 'expression'}`);
}

function lowerExpressionStatement(cx: LowerContext, n: Node, sp: Span): Stmt | null {
  const kids = namedKids(n);
  if (kids.length === 0) return null;
  if (kids.length > 1) return { kind: 'Expr', value: { kind: 'Tuple', elts: kids.map((k) => lowerExpr(cx, k)), ...sp }, ...sp };
  const c = kids[0];
  if (c.type === 'assignment') return lowerAssignment(cx, c, sp);
  if (c.type === 'augmented_assignment') {
    const target = field(cx, c, 'left');
    if (target.kind !== 'Name' && target.kind !== 'Attribute' && target.kind !== 'Subscript') {
      syntaxError(cx, c, `'${target.kind === 'Tuple' ? 'tuple' : target.kind.toLowerCase()}' is an illegal expression for augmented assignment`);
    }
    const op = (c.childForFieldName('operator')?.type ?? '+=').slice(0, -1) as BinOperator;
    return { kind: 'AugAssign', target, op, value: field(cx, c, 'right'), ...sp };
  }
  return { kind: 'Expr', value: lowerExpr(cx, c), ...sp };
}

function lowerAssignment(cx: LowerContext, n: Node, sp: Span): Stmt {
  const type = n.childForFieldName('type');
  if (type) {
    const target = field(cx, n, 'left');
    checkTarget(cx, n, target, 'assign');
    const right = n.childForFieldName('right');
    return {
      kind: 'AnnAssign', target, annotation: cx.src.slice(type.startIndex, type.endIndex),
      value: right ? lowerExpr(cx, right) : null, simple: target.kind === 'Name' && n.childForFieldName('left')?.type === 'identifier', ...sp,
    };
  }
  // `a = b = value` nests to the right in tree-sitter; CPython lists the targets left to right.
  const targets: Expr[] = [];
  let cur: Node = n;
  for (;;) {
    const t = field(cx, cur, 'left');
    checkTarget(cx, cur, t, 'assign');
    targets.push(t);
    const right = cur.childForFieldName('right');
    if (!right) return { kind: 'Assign', targets, value: nameExpr('None', sp), ...sp };
    if (right.type === 'assignment' && !right.childForFieldName('type')) {
      cur = right;
      continue;
    }
    if (right.type === 'augmented_assignment' || right.type === 'assignment') {
      syntaxError(cx, right, 'invalid syntax');
      return { kind: 'Assign', targets, value: nameExpr('None', sp), ...sp };
    }
    return { kind: 'Assign', targets, value: lowerExpr(cx, right), ...sp };
  }
}

function lowerIf(cx: LowerContext, n: Node, sp: Span, qual: string): Stmt {
  const alts = n.childrenForFieldName('alternative').filter((c): c is Node => c !== null);
  // elif chains become nested If statements in `orelse`, built from the last clause backwards.
  let orelse: Stmt[] = [];
  for (let i = alts.length - 1; i >= 0; i--) {
    const a = alts[i];
    if (a.type === 'else_clause') orelse = lowerBlock(cx, a.childForFieldName('body'), qual);
    else {
      orelse = [{
        kind: 'If', test: field(cx, a, 'condition'), body: lowerBlock(cx, a.childForFieldName('consequence'), qual), orelse,
        ...spanOf(a),
      }];
    }
  }
  return { kind: 'If', test: field(cx, n, 'condition'), body: lowerBlock(cx, n.childForFieldName('consequence'), qual), orelse, ...sp };
}

function lowerTry(cx: LowerContext, n: Node, sp: Span, qual: string): Stmt {
  const handlers: ExceptHandler[] = [];
  let orelse: Stmt[] = [];
  let finalbody: Stmt[] = [];
  for (const c of namedKids(n)) {
    if (c.type === 'except_clause' || c.type === 'except_group_clause') {
      if (c.type === 'except_group_clause' || c.children.some((k) => k?.type === '*')) {
        return unsupportedStmt(cx, c, 'except* clauses', 'catch the ExceptionGroup with a plain except');
      }
      const block = namedKids(c).find((k) => k.type === 'block') ?? null;
      const value = c.childForFieldName('value');
      let type: Expr | null = null;
      let name: NameRef | null = null;
      if (value && value.type === 'as_pattern') {
        const e = namedKids(value).find((k) => k.type !== 'as_pattern_target');
        const alias = value.childForFieldName('alias');
        type = e ? lowerExpr(cx, e) : null;
        const id = alias ? namedKids(alias)[0] ?? alias : null;
        if (id) name = nameRef(id.text, spanOf(id));
      } else if (value) type = lowerExpr(cx, value);
      handlers.push({ type, name, body: lowerBlock(cx, block, qual), ...spanOf(c) });
    } else if (c.type === 'else_clause') orelse = lowerBlock(cx, c.childForFieldName('body'), qual);
    else if (c.type === 'finally_clause') finalbody = lowerBlock(cx, namedKids(c).find((k) => k.type === 'block') ?? null, qual);
  }
  for (let i = 0; i < handlers.length - 1; i++) {
    if (handlers[i].type === null) syntaxError(cx, n, "default 'except:' must be last");
  }
  return { kind: 'Try', body: lowerBlock(cx, n.childForFieldName('body'), qual), handlers, orelse, finalbody, ...sp };
}

function lowerWith(cx: LowerContext, n: Node, sp: Span, qual: string): Stmt {
  if (n.children.some((c) => c?.type === 'async')) return unsupportedStmt(cx, n, 'async with', 'use a plain with statement');
  const items: WithItem[] = [];
  const clause = namedKids(n).find((c) => c.type === 'with_clause');
  for (const item of clause ? namedKids(clause) : []) {
    if (item.type !== 'with_item') continue;
    let value = item.childForFieldName('value');
    // `with (a as b, c as d):` arrives as a tuple of as_patterns.
    if (value && value.type === 'tuple' && namedKids(value).every((k) => k.type === 'as_pattern')) {
      for (const k of namedKids(value)) items.push(lowerWithItem(cx, k));
      continue;
    }
    if (value && value.type === 'parenthesized_expression' && namedKids(value)[0]?.type === 'as_pattern') value = namedKids(value)[0];
    if (value) items.push(lowerWithItem(cx, value));
  }
  return { kind: 'With', items, body: lowerBlock(cx, n.childForFieldName('body'), qual), ...sp };
}

function lowerWithItem(cx: LowerContext, value: Node): WithItem {
  if (value.type !== 'as_pattern') return { context: lowerExpr(cx, value), target: null, ...spanOf(value) };
  const e = namedKids(value).find((k) => k.type !== 'as_pattern_target');
  const alias = value.childForFieldName('alias');
  const targetNode = alias ? namedKids(alias)[0] ?? null : null;
  const target = targetNode ? lowerExpr(cx, targetNode) : null;
  if (target) checkTarget(cx, value, target, 'assign');
  return { context: e ? lowerExpr(cx, e) : nameExpr('None', spanOf(value)), target, ...spanOf(value) };
}

function lowerFunction(cx: LowerContext, n: Node, decorators: Expr[], sp: Span, qual: string): Stmt {
  const nameNode = n.childForFieldName('name');
  const name = nameNode?.text ?? '';
  const qualname = qual + name;
  const isAsync = n.children.some((c) => c?.type === 'async');
  if (isAsync) unsupported(cx, nameNode ?? n, 'async functions', 'nnlens runs synchronous code only; calling it raises NotImplementedError');
  const params = lowerParams(cx, n.childForFieldName('parameters'));
  const returns = n.childForFieldName('return_type');
  const nameSpan = nameNode ? spanOf(nameNode) : sp;
  const code: CodeInfo = {
    name, qualname, params, scope: emptyScope('function'), isGenerator: false, isAsync, span: sp, sig: undefined,
  };
  return {
    kind: 'FunctionDef', name: nameRef(name, nameSpan), decorators, returns: returns ? cx.src.slice(returns.startIndex, returns.endIndex) : null,
    body: lowerBlock(cx, n.childForFieldName('body'), `${qualname}.<locals>.`), code, nameSpan, ...sp,
  };
}

function lowerClass(cx: LowerContext, n: Node, decorators: Expr[], sp: Span, qual: string): Stmt {
  const nameNode = n.childForFieldName('name');
  const name = nameNode?.text ?? '';
  const qualname = qual + name;
  const { args, keywords } = lowerArguments(cx, n.childForFieldName('superclasses'));
  const nameSpan = nameNode ? spanOf(nameNode) : sp;
  return {
    kind: 'ClassDef', name: nameRef(name, nameSpan), qualname, bases: args, keywords, decorators,
    body: lowerBlock(cx, n.childForFieldName('body'), `${qualname}.`), scope: emptyScope('class'), nameSpan, ...sp,
  };
}

function dotted(n: Node): string {
  return namedKids(n).filter((c) => c.type === 'identifier').map((c) => c.text).join('.');
}

function lowerImport(cx: LowerContext, n: Node, sp: Span): Stmt {
  const names: ImportAlias[] = [];
  for (const c of n.childrenForFieldName('name')) {
    if (!c) continue;
    if (c.type === 'aliased_import') {
      const nm = c.childForFieldName('name');
      const alias = c.childForFieldName('alias');
      const full = nm ? dotted(nm) : '';
      names.push({ name: full, asname: alias?.text ?? null, target: nameRef(alias?.text ?? full, spanOf(alias ?? c)), ...spanOf(c) });
    } else if (c.type === 'dotted_name') {
      const full = dotted(c);
      names.push({ name: full, asname: null, target: nameRef(full.split('.')[0], spanOf(c)), ...spanOf(c) });
    }
  }
  return { kind: 'Import', names, ...sp };
}

function lowerImportFrom(cx: LowerContext, n: Node, sp: Span): Stmt {
  const mod = n.childForFieldName('module_name');
  let level = 0;
  let module = '';
  if (mod?.type === 'relative_import') {
    for (const c of namedKids(mod)) {
      if (c.type === 'import_prefix') level = c.text.replace(/\s/g, '').length;
      else if (c.type === 'dotted_name') module = dotted(c);
    }
  } else if (mod) module = dotted(mod);
  if (namedKids(n).some((c) => c.type === 'wildcard_import')) return { kind: 'ImportFrom', module, level, names: null, ...sp };
  const names: ImportAlias[] = [];
  for (const c of n.childrenForFieldName('name')) {
    if (!c) continue;
    if (c.type === 'aliased_import') {
      const nm = c.childForFieldName('name');
      const alias = c.childForFieldName('alias');
      const name = nm ? dotted(nm) : '';
      names.push({ name, asname: alias?.text ?? null, target: nameRef(alias?.text ?? name, spanOf(alias ?? c)), ...spanOf(c) });
    } else if (c.type === 'dotted_name') {
      const name = dotted(c);
      names.push({ name, asname: null, target: nameRef(name, spanOf(c)), ...spanOf(c) });
    }
  }
  return { kind: 'ImportFrom', module, level, names, ...sp };
}
