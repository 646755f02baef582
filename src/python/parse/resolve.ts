// Scope analysis, as CPython's symtable does it: decides for every name whether it lives in a fast
// slot, a closure cell, the class namespace or the module dict, and lays out each frame, so the
// evaluator never looks a local up by name. Also reports the syntax errors only scopes reveal.
import {
  assertNever,
  type CodeInfo, type Comprehension, type Expr, type ModuleNode, type NameRef, type Params, type ScopeInfo, type Span,
  type Stmt,
} from './ast';
import { diagnostic, type PyDiagnostic } from './diagnostics';

interface Scope {
  kind: ScopeInfo['kind'];
  info: ScopeInfo;
  parent: Scope | null;
  bound: Set<string>;
  params: string[];
  globals: Set<string>;
  nonlocals: Set<string>;
  /** Names assigned by `:=` inside a comprehension, which belong to the enclosing function. */
  walrus: Set<string>;
  refs: NameRef[];
  cells: Set<string>;
  free: Set<string>;
  code: CodeInfo | null;
  loopDepth: number;
}

function newScope(kind: ScopeInfo['kind'], info: ScopeInfo, parent: Scope | null, code: CodeInfo | null): Scope {
  return {
    kind, info, parent, bound: new Set(), params: [], globals: new Set(), nonlocals: new Set(), walrus: new Set(), refs: [],
    cells: new Set(), free: new Set(), code, loopDepth: 0,
  };
}

/** Resolves every name in `mod`; with `only`, just those top-level statements (the rest were resolved before). */
export function resolveModule(mod: ModuleNode, diagnostics: PyDiagnostic[], only?: Set<Stmt>): void {
  const r = new Resolver(diagnostics);
  const top = newScope('module', mod.scope, null, null);
  r.all.push(top);
  r.stmts(top, only ? mod.body.filter((s) => only.has(s)) : mod.body);
  for (const s of r.all) r.findFree(s);
  for (const s of r.all) r.layout(s);
}

class Resolver {
  all: Scope[] = [];
  constructor(private readonly diagnostics: PyDiagnostic[]) {}

  private error(span: Span, message: string): void {
    this.diagnostics.push(diagnostic(span, 'error', 'syntax', message));
  }

  private bind(s: Scope, ref: NameRef): void {
    s.bound.add(ref.id);
    s.refs.push(ref);
  }

  private child(parent: Scope, kind: ScopeInfo['kind'], info: ScopeInfo, code: CodeInfo | null): Scope {
    const s = newScope(kind, info, parent, code);
    this.all.push(s);
    return s;
  }

  stmts(s: Scope, body: Stmt[]): void {
    for (const st of body) this.stmt(s, st);
  }

  private stmt(s: Scope, st: Stmt): void {
    switch (st.kind) {
      case 'Expr':
        this.expr(s, st.value);
        return;
      case 'Assign':
        this.expr(s, st.value);
        for (const t of st.targets) this.target(s, t);
        return;
      case 'AugAssign':
        this.expr(s, st.value);
        this.target(s, st.target);
        if (st.target.kind === 'Name') s.refs.push(st.target);
        return;
      case 'AnnAssign':
        if (st.value) this.expr(s, st.value);
        if (st.value || st.target.kind !== 'Name') this.target(s, st.target);
        else s.bound.add(st.target.id);
        return;
      case 'Return':
        if (s.kind !== 'function') this.error(st, "'return' outside function");
        if (st.value) this.expr(s, st.value);
        return;
      case 'Pass':
        return;
      case 'Break':
      case 'Continue':
        if (s.loopDepth === 0) this.error(st, `'${st.kind.toLowerCase()}' ${st.kind === 'Break' ? 'outside loop' : 'not properly in loop'}`);
        return;
      case 'Delete':
        for (const t of st.targets) this.target(s, t);
        return;
      case 'Global':
        for (const n of st.names) {
          if (s.bound.has(n) && s.kind !== 'module') this.error(st, `name '${n}' is assigned to before global declaration`);
          s.globals.add(n);
        }
        return;
      case 'Nonlocal':
        for (const n of st.names) {
          if (s.kind === 'module') this.error(st, 'nonlocal declaration not allowed at module level');
          else if (s.bound.has(n)) this.error(st, `name '${n}' is assigned to before nonlocal declaration`);
          s.nonlocals.add(n);
        }
        return;
      case 'If':
        this.expr(s, st.test);
        this.stmts(s, st.body);
        this.stmts(s, st.orelse);
        return;
      case 'While':
        this.expr(s, st.test);
        this.loop(s, st.body);
        this.stmts(s, st.orelse);
        return;
      case 'For':
        this.expr(s, st.iter);
        this.target(s, st.target);
        this.loop(s, st.body);
        this.stmts(s, st.orelse);
        return;
      case 'Try':
        this.stmts(s, st.body);
        for (const h of st.handlers) {
          if (h.type) this.expr(s, h.type);
          if (h.name) this.bind(s, h.name);
          this.stmts(s, h.body);
        }
        this.stmts(s, st.orelse);
        this.stmts(s, st.finalbody);
        return;
      case 'Raise':
        if (st.exc) this.expr(s, st.exc);
        if (st.cause) this.expr(s, st.cause);
        return;
      case 'With':
        for (const it of st.items) {
          this.expr(s, it.context);
          if (it.target) this.target(s, it.target);
        }
        this.stmts(s, st.body);
        return;
      case 'Assert':
        this.expr(s, st.test);
        if (st.msg) this.expr(s, st.msg);
        return;
      case 'FunctionDef': {
        for (const d of st.decorators) this.expr(s, d);
        this.defaults(s, st.code.params);
        this.bind(s, st.name);
        const fs = this.function(s, st.code);
        this.stmts(fs, st.body);
        return;
      }
      case 'ClassDef': {
        for (const d of st.decorators) this.expr(s, d);
        for (const b of st.bases) this.expr(s, b);
        for (const k of st.keywords) this.expr(s, k.value);
        this.bind(s, st.name);
        const cs = this.child(s, 'class', st.scope, null);
        this.stmts(cs, st.body);
        return;
      }
      case 'Import':
      case 'ImportFrom':
        if (st.kind === 'ImportFrom' && st.names === null && s.kind !== 'module') this.error(st, 'import * only allowed at module level');
        for (const a of st.names ?? []) this.bind(s, a.target);
        return;
      case 'Unsupported':
        return;
      default:
        assertNever(st, 'statement');
    }
  }

  private loop(s: Scope, body: Stmt[]): void {
    s.loopDepth++;
    this.stmts(s, body);
    s.loopDepth--;
  }

  private defaults(s: Scope, p: Params): void {
    for (const a of p.positional) if (a.default) this.expr(s, a.default);
    for (const a of p.kwonly) if (a.default) this.expr(s, a.default);
  }

  private function(parent: Scope, code: CodeInfo): Scope {
    const fs = this.child(parent, 'function', code.scope, code);
    const p = code.params;
    const names = [...p.positional, ...(p.vararg ? [p.vararg] : []), ...p.kwonly, ...(p.kwarg ? [p.kwarg] : [])].map((x) => x.name);
    fs.params = names;
    for (const n of names) fs.bound.add(n);
    return fs;
  }

  private target(s: Scope, t: Expr): void {
    switch (t.kind) {
      case 'Name':
        this.bind(s, t);
        return;
      case 'Tuple':
      case 'List':
        for (const e of t.elts) this.target(s, e);
        return;
      case 'Starred':
        this.target(s, t.value);
        return;
      default:
        this.expr(s, t);
    }
  }

  private comprehension(s: Scope, info: ScopeInfo, generators: Comprehension[], elts: Expr[]): void {
    // The first iterable is evaluated in the enclosing scope; everything else runs in the new one.
    if (generators.length) this.expr(s, generators[0].iter);
    const cs = this.child(s, 'comprehension', info, null);
    generators.forEach((g, i) => {
      if (i > 0) this.expr(cs, g.iter);
      this.target(cs, g.target);
      for (const c of g.ifs) this.expr(cs, c);
    });
    for (const e of elts) this.expr(cs, e);
  }

  private expr(s: Scope, e: Expr): void {
    switch (e.kind) {
      case 'Name':
        s.refs.push(e);
        if (e.id === 'super' && s.kind === 'function') s.refs.push({ id: '__class__', scope: 'global', slot: -1, ...spanZero });
        return;
      case 'Int':
      case 'Float':
      case 'Str':
      case 'Const':
      case 'UnsupportedExpr':
        return;
      case 'FString':
        for (const p of e.parts) {
          if (typeof p === 'string') continue;
          this.expr(s, p.value);
          for (const q of p.spec ?? []) if (typeof q !== 'string') this.expr(s, q.value);
        }
        return;
      case 'BinOp':
        this.expr(s, e.left);
        this.expr(s, e.right);
        return;
      case 'UnaryOp':
        this.expr(s, e.operand);
        return;
      case 'BoolOp':
        for (const v of e.values) this.expr(s, v);
        return;
      case 'Compare':
        this.expr(s, e.left);
        for (const c of e.comparators) this.expr(s, c);
        return;
      case 'Call':
        this.expr(s, e.func);
        for (const a of e.args) this.expr(s, a);
        for (const k of e.keywords) this.expr(s, k.value);
        return;
      case 'Attribute':
        this.expr(s, e.value);
        return;
      case 'Subscript':
        this.expr(s, e.value);
        this.expr(s, e.index);
        return;
      case 'Slice':
        if (e.lower) this.expr(s, e.lower);
        if (e.upper) this.expr(s, e.upper);
        if (e.step) this.expr(s, e.step);
        return;
      case 'Starred':
        this.expr(s, e.value);
        return;
      case 'Tuple':
      case 'List':
      case 'Set':
        for (const x of e.elts) this.expr(s, x);
        return;
      case 'Dict':
        for (const k of e.keys) if (k) this.expr(s, k);
        for (const v of e.values) this.expr(s, v);
        return;
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
        this.comprehension(s, e.scope, e.generators, [e.elt]);
        return;
      case 'DictComp':
        this.comprehension(s, e.scope, e.generators, [e.key, e.value]);
        return;
      case 'Lambda': {
        this.defaults(s, e.params);
        const fs = this.function(s, e.code);
        this.expr(fs, e.body);
        return;
      }
      case 'IfExp':
        this.expr(s, e.test);
        this.expr(s, e.body);
        this.expr(s, e.orelse);
        return;
      case 'NamedExpr': {
        this.expr(s, e.value);
        if (s.kind !== 'comprehension') {
          this.bind(s, e.target);
          return;
        }
        let owner: Scope = s;
        while (owner.kind === 'comprehension' && owner.parent) {
          owner.walrus.add(e.target.id);
          owner = owner.parent;
        }
        if (owner.kind === 'class') this.error(e, 'assignment expression within a comprehension cannot be used in a class body');
        owner.bound.add(e.target.id);
        s.refs.push(e.target);
        return;
      }
      case 'Yield':
      case 'YieldFrom':
        if (s.kind !== 'function' || !s.code) {
          this.error(e, s.kind === 'comprehension' ? "'yield' inside list comprehension" : "'yield' outside function");
        } else if (s.code.name === '<lambda>') {
          const where = `(line ${e.line}, column ${e.col})`;
          this.diagnostics.push(diagnostic(e, 'warning', 'unsupported', `yield inside a lambda is not supported by nnlens ${where}; write a generator function with def`));
        } else s.code.isGenerator = true;
        if (e.value) this.expr(s, e.value);
        return;
      default:
        assertNever(e, 'expression');
    }
  }

  /** Finds where each name a scope does not bind comes from; marks cells and free variables on the way. */
  findFree(s: Scope): void {
    if (s.kind === 'module') return;
    const wanted = new Set<string>();
    for (const r of s.refs) {
      const local = s.bound.has(r.id) && !s.walrus.has(r.id);
      if (!s.globals.has(r.id) && (!local || s.nonlocals.has(r.id))) wanted.add(r.id);
    }
    for (const n of s.nonlocals) wanted.add(n);
    for (const name of wanted) {
      const owner = this.owner(s, name);
      if (s.nonlocals.has(name) && (!owner || owner.kind === 'module')) {
        this.error(s.code?.span ?? spanZero, `no binding for nonlocal '${name}' found`);
        continue;
      }
      if (!owner || owner.kind === 'module') continue;
      owner.cells.add(name);
      for (let p: Scope | null = s; p && p !== owner; p = p.parent) p.free.add(name);
    }
  }

  /** The enclosing function scope that binds `name` (class scopes are skipped, except for `__class__`). */
  private owner(s: Scope, name: string): Scope | null {
    for (let p = s.parent; p; p = p.parent) {
      if (p.kind === 'class') {
        if (name === '__class__') return p;
        continue;
      }
      if (p.kind === 'module') return null;
      if (p.globals.has(name)) return null;
      if (p.nonlocals.has(name) || p.walrus.has(name)) continue;
      if (p.bound.has(name)) return p;
    }
    return null;
  }

  layout(s: Scope): void {
    const info = s.info;
    const own = [...s.cells];
    const free = [...s.free].filter((n) => !s.cells.has(n));
    info.cellNames = [...own, ...free];
    info.ncellvars = own.length;
    info.classCell = info.cellNames.indexOf('__class__');
    const cellIndex = new Map(info.cellNames.map((n, i) => [n, i]));
    if (s.kind === 'function' || s.kind === 'comprehension') {
      const locals = [...s.params];
      for (const n of s.bound) if (!locals.includes(n) && !s.cells.has(n) && !s.free.has(n) && !s.walrus.has(n)) locals.push(n);
      info.localNames = locals;
      info.cellParams = s.params.flatMap((p, i) => (s.cells.has(p) ? [[i, cellIndex.get(p)!] as [number, number]] : []));
    }
    if (s.parent) {
      const parentCells = s.parent.info.cellNames;
      info.freeFrom = free.map((n) => parentCells.indexOf(n));
    }
    const localIndex = new Map(info.localNames.map((n, i) => [n, i]));
    for (const r of s.refs) this.annotate(s, r, cellIndex, localIndex);
  }

  private annotate(s: Scope, r: NameRef, cellIndex: Map<string, number>, localIndex: Map<string, number>): void {
    const id = r.id;
    if (s.kind === 'module' || s.globals.has(id)) {
      r.scope = 'global';
      return;
    }
    const cell = cellIndex.get(id);
    if (s.kind === 'class') {
      if (s.nonlocals.has(id) && cell !== undefined) {
        r.scope = 'cell';
        r.slot = cell;
      } else if (!s.bound.has(id) && cell !== undefined && id !== '__class__') {
        r.scope = 'classcell';
        r.slot = cell;
      } else r.scope = 'name';
      return;
    }
    if (cell !== undefined) {
      r.scope = 'cell';
      r.slot = cell;
      return;
    }
    const slot = localIndex.get(id);
    if (slot !== undefined) {
      r.scope = 'fast';
      r.slot = slot;
      return;
    }
    r.scope = 'global';
  }
}

const spanZero: Span = { line: 0, col: 0, endLine: 0, endCol: 0 };
