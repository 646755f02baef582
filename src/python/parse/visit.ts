// A generic walk over the AST's direct children, exhaustive over every node kind, for the passes
// that only need to find things (yields, classes, definitions) rather than transform them.
import { assertNever, type Expr, type FStringPart, type Params, type Stmt } from './ast';

export type AstNode = Stmt | Expr;

export interface ChildVisitor {
  stmt?(s: Stmt): void;
  expr?(e: Expr): void;
  /** Bodies of nested `def`, `lambda`, `class` and comprehension scopes are only visited with this set. */
  nestedScopes?: boolean;
}

function params(v: ChildVisitor, p: Params): void {
  for (const a of p.positional) if (a.default) v.expr?.(a.default);
  for (const a of p.kwonly) if (a.default) v.expr?.(a.default);
}

function fparts(v: ChildVisitor, parts: FStringPart[]): void {
  for (const p of parts) {
    if (typeof p === 'string') continue;
    v.expr?.(p.value);
    if (p.spec) fparts(v, p.spec);
  }
}

export function visitStmtChildren(s: Stmt, v: ChildVisitor): void {
  const e = (x: Expr | null): void => {
    if (x) v.expr?.(x);
  };
  const b = (body: Stmt[]): void => {
    for (const x of body) v.stmt?.(x);
  };
  switch (s.kind) {
    case 'Expr':
      return e(s.value);
    case 'Assign':
      s.targets.forEach(e);
      return e(s.value);
    case 'AugAssign':
      e(s.target);
      return e(s.value);
    case 'AnnAssign':
      e(s.target);
      return e(s.value);
    case 'Return':
      return e(s.value);
    case 'Pass':
    case 'Break':
    case 'Continue':
    case 'Global':
    case 'Nonlocal':
    case 'Import':
    case 'ImportFrom':
    case 'Unsupported':
      return;
    case 'Delete':
      return s.targets.forEach(e);
    case 'If':
    case 'While':
      e(s.test);
      b(s.body);
      return b(s.orelse);
    case 'For':
      e(s.target);
      e(s.iter);
      b(s.body);
      return b(s.orelse);
    case 'Try':
      b(s.body);
      for (const h of s.handlers) {
        e(h.type);
        b(h.body);
      }
      b(s.orelse);
      return b(s.finalbody);
    case 'Raise':
      e(s.exc);
      return e(s.cause);
    case 'With':
      for (const it of s.items) {
        e(it.context);
        e(it.target);
      }
      return b(s.body);
    case 'Assert':
      e(s.test);
      return e(s.msg);
    case 'FunctionDef':
      s.decorators.forEach(e);
      params(v, s.code.params);
      if (v.nestedScopes) b(s.body);
      return;
    case 'ClassDef':
      s.decorators.forEach(e);
      s.bases.forEach(e);
      s.keywords.forEach((k) => e(k.value));
      if (v.nestedScopes) b(s.body);
      return;
    default:
      return assertNever(s, 'statement');
  }
}

export function visitExprChildren(x: Expr, v: ChildVisitor): void {
  const e = (y: Expr | null): void => {
    if (y) v.expr?.(y);
  };
  switch (x.kind) {
    case 'Name':
    case 'Int':
    case 'Float':
    case 'Str':
    case 'Const':
    case 'UnsupportedExpr':
      return;
    case 'FString':
      return fparts(v, x.parts);
    case 'BinOp':
      e(x.left);
      return e(x.right);
    case 'UnaryOp':
      return e(x.operand);
    case 'BoolOp':
      return x.values.forEach(e);
    case 'Compare':
      e(x.left);
      return x.comparators.forEach(e);
    case 'Call':
      e(x.func);
      x.args.forEach(e);
      return x.keywords.forEach((k) => e(k.value));
    case 'Attribute':
      return e(x.value);
    case 'Subscript':
      e(x.value);
      return e(x.index);
    case 'Slice':
      e(x.lower);
      e(x.upper);
      return e(x.step);
    case 'Starred':
      return e(x.value);
    case 'Tuple':
    case 'List':
    case 'Set':
      return x.elts.forEach(e);
    case 'Dict':
      x.keys.forEach(e);
      return x.values.forEach(e);
    case 'ListComp':
    case 'SetComp':
    case 'GeneratorExp':
    case 'DictComp':
      // The first iterable belongs to the enclosing scope; the rest only when nested scopes are asked for.
      e(x.generators[0]?.iter ?? null);
      if (!v.nestedScopes) return;
      x.generators.forEach((g, i) => {
        if (i > 0) e(g.iter);
        e(g.target);
        g.ifs.forEach(e);
      });
      if (x.kind === 'DictComp') {
        e(x.key);
        return e(x.value);
      }
      return e(x.elt);
    case 'Lambda':
      params(v, x.params);
      if (v.nestedScopes) e(x.body);
      return;
    case 'IfExp':
      e(x.test);
      e(x.body);
      return e(x.orelse);
    case 'NamedExpr':
      e(x.target);
      return e(x.value);
    case 'Yield':
      return e(x.value);
    case 'YieldFrom':
      return e(x.value);
    default:
      return assertNever(x, 'expression');
  }
}

const yieldCache = new WeakMap<object, boolean>();

/** Whether a statement or expression contains `yield` in its own scope (nested scopes excluded). */
export function containsYield(n: AstNode): boolean {
  const hit = yieldCache.get(n);
  if (hit !== undefined) return hit;
  let found = n.kind === 'Yield' || n.kind === 'YieldFrom';
  if (!found) {
    const visitor: ChildVisitor = {
      stmt: (s) => {
        if (!found && containsYield(s)) found = true;
      },
      expr: (e) => {
        if (!found && containsYield(e)) found = true;
      },
    };
    if (isStmt(n)) visitStmtChildren(n, visitor);
    else visitExprChildren(n, visitor);
  }
  yieldCache.set(n, found);
  return found;
}

const stmtKinds = new Set<string>([
  'Expr', 'Assign', 'AugAssign', 'AnnAssign', 'Return', 'Pass', 'Break', 'Continue', 'Delete', 'Global', 'Nonlocal',
  'If', 'While', 'For', 'Try', 'Raise', 'With', 'Assert', 'FunctionDef', 'ClassDef', 'Import', 'ImportFrom', 'Unsupported',
]);

export function isStmt(n: AstNode): n is Stmt {
  return stmtKinds.has(n.kind);
}
