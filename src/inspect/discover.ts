// Static model discovery on the parsed file: the nn.Module subclasses it defines (also through other
// user classes and nn.Sequential subclasses), zero-argument factories returning one, the calls the
// file's own code makes to build and run a model, and `# nnlens: input=...` comments.
import type { ModuleNode, Stmt, Expr, ParseResult } from '../python';
import type { ModelCandidate } from '../protocol/report';

type ClassDef = Extract<Stmt, { kind: 'ClassDef' }>;
type FunctionDef = Extract<Stmt, { kind: 'FunctionDef' }>;
type Call = Extract<Expr, { kind: 'Call' }>;
type Node = Stmt | Expr;

const SKIP_KEYS = new Set(['scope', 'code', 'cache', 'sig']);

/**
 * Every AST node under `n` (statements and expressions), depth first, including nested scopes. An
 * array rather than a generator: this runs over the whole file on every (re-)inspection, and
 * nested generators with Object.entries cost more than the rest of discovery together.
 */
export function walk(n: unknown, skipKeys = SKIP_KEYS): Node[] {
  const out: Node[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const y of x) if (y !== null && typeof y === 'object') visit(y);
      return;
    }
    const o = x as Record<string, unknown>;
    if (typeof o.kind === 'string') out.push(o as unknown as Node);
    for (const k in o) {
      const v = o[k];
      if (v !== null && typeof v === 'object' && !skipKeys.has(k)) visit(v);
    }
  };
  if (n !== null && typeof n === 'object') visit(n);
  return out;
}

/** A dotted name (`nn.Module`, `torch.nn.Sequential`) or null. */
export function dotted(e: Expr): string | null {
  if (e.kind === 'Name') return e.id;
  if (e.kind === 'Attribute') {
    const v = dotted(e.value);
    return v === null ? null : `${v}.${e.attr}`;
  }
  if (e.kind === 'Subscript') return dotted(e.value); // Generic[...] bases
  return null;
}

// nn.Module and its containers by any spelling, and any other torch.nn class (nn.Linear, nn.TransformerEncoder…).
const TORCH_MODULE_BASES = /^(?:(?:(?:torch\.)?nn\.(?:modules\.)?)?(?:Module|Sequential|ModuleList|ModuleDict)|(?:torch\.)?nn\.(?!Parameter\b|functional\b|init\b|utils\b)[A-Z]\w*)$/;

export interface ModuleClass {
  def: ClassDef;
  name: string;
  bases: string[];
  /** Positional parameters of __init__ (self excluded) that have no default, following user bases. */
  required: string[];
  /** The first __init__ parameter and its annotation, for `GPT(config: GPTConfig)`. */
  firstParam: { name: string; annotation: string | null } | null;
}

export interface FileModels {
  classes: ModuleClass[];
  factories: FunctionDef[];
  /** @dataclass classes whose fields all have defaults (config objects constructible with no args). */
  configs: ClassDef[];
  candidates: ModelCandidate[];
}

function topLevel(body: Stmt[], out: Stmt[] = []): Stmt[] {
  for (const s of body) {
    out.push(s);
    if (s.kind === 'If') { topLevel(s.body, out); topLevel(s.orelse, out); }
    if (s.kind === 'Try') { topLevel(s.body, out); for (const h of s.handlers) topLevel(h.body, out); topLevel(s.orelse, out); }
  }
  return out;
}

function initOf(c: ClassDef): FunctionDef | null {
  for (const s of c.body) if (s.kind === 'FunctionDef' && s.name.id === '__init__') return s;
  return null;
}

export function findModels(module: ModuleNode): FileModels {
  const stmts = topLevel(module.body);
  const classDefs = stmts.filter((s): s is ClassDef => s.kind === 'ClassDef');
  const byName = new Map(classDefs.map((c) => [c.name.id, c]));
  const isModule = new Map<string, boolean>();
  const check = (c: ClassDef, seen: Set<string>): boolean => {
    const known = isModule.get(c.name.id);
    if (known !== undefined) return known;
    if (seen.has(c.name.id)) return false;
    seen.add(c.name.id);
    const r = c.bases.some((b) => {
      const d = dotted(b);
      if (d === null) return false;
      if (TORCH_MODULE_BASES.test(d)) return true;
      const user = byName.get(d);
      return user !== undefined && check(user, seen);
    });
    isModule.set(c.name.id, r);
    return r;
  };
  const required = (c: ClassDef, seen = new Set<string>()): { req: string[]; first: ModuleClass['firstParam'] } => {
    const init = initOf(c);
    if (init) {
      const ps = init.code.params.positional.slice(1);
      return { req: ps.filter((p) => p.default === null).map((p) => p.name), first: ps[0] ? { name: ps[0].name, annotation: ps[0].annotation } : null };
    }
    seen.add(c.name.id);
    for (const b of c.bases) {
      const user = byName.get(dotted(b) ?? '');
      if (user && !seen.has(user.name.id)) return required(user, seen);
    }
    return { req: [], first: null };
  };
  const classes: ModuleClass[] = classDefs.filter((c) => check(c, new Set())).map((c) => {
    const r = required(c);
    return { def: c, name: c.name.id, bases: c.bases.map((b) => dotted(b) ?? '?'), required: r.req, firstParam: r.first };
  });
  const moduleNames = new Set(classes.map((c) => c.name));
  const functions = stmts.filter((s): s is FunctionDef => s.kind === 'FunctionDef');
  const factories: FunctionDef[] = [];
  // Factories may call each other (resnet50() → _resnet(...)); iterate to a fixpoint.
  for (let changed = true; changed;) {
    changed = false;
    for (const f of functions) {
      if (factories.includes(f) || !returnsModule(f, moduleNames)) continue;
      factories.push(f);
      changed = true;
    }
  }
  const zeroArg = factories.filter((f) => f.code.params.positional.every((p) => p.default !== null) && !f.name.id.startsWith('_'));
  const configs = classDefs.filter((c) => c.decorators.some((d) => /(^|\.)dataclass$/.test(dotted(d.kind === 'Call' ? d.func : d) ?? ''))
    && c.body.every((s) => s.kind !== 'AnnAssign' || s.value !== null));
  const candidates: ModelCandidate[] = [
    ...classes.map((c) => ({
      name: c.name, kind: 'class' as const, line: c.def.line, column: c.def.nameSpan.col, end_line: c.def.nameSpan.endLine,
      end_column: c.def.nameSpan.endCol, bases: c.bases,
    })),
    ...zeroArg.map((f) => ({
      name: f.name.id, kind: 'factory' as const, line: f.line, column: f.nameSpan.col, end_line: f.nameSpan.endLine,
      end_column: f.nameSpan.endCol, bases: [],
    })),
  ].sort((a, b) => a.line - b.line);
  return { classes, factories: zeroArg, configs, candidates };
}

function returnsModule(f: FunctionDef, names: Set<string>): boolean {
  for (const n of walk(f.body)) {
    if (n.kind !== 'Return' || !n.value) continue;
    const v = n.value;
    if (v.kind === 'Call') {
      const d = dotted(v.func);
      if (d && (names.has(d) || TORCH_MODULE_BASES.test(d))) return true;
    }
  }
  return false;
}

/** Names of module classes that other module classes construct (so they are parts, not the model). */
export function usedAsParts(models: FileModels): Set<string> {
  const names = new Set(models.classes.map((c) => c.name));
  const used = new Set<string>();
  for (const c of models.classes) {
    for (const n of walk(c.def.body)) {
      if (n.kind !== 'Call') continue;
      const d = dotted(n.func);
      if (d && names.has(d) && d !== c.name) used.add(d);
      // ResNet(BasicBlock, [2, 2, 2, 2]): a class passed as an argument is a part too.
      for (const a of n.args) if (a.kind === 'Name' && names.has(a.id)) used.add(a.id);
    }
  }
  for (const f of models.factories) {
    for (const n of walk(f.body)) {
      if (n.kind === 'Call') for (const a of n.args) if (a.kind === 'Name' && names.has(a.id)) used.add(a.id);
    }
  }
  return used;
}

/** The `# nnlens: input=1,3,32,32` comment on a class line or the lines just above it. */
export function inputComment(source: string, line: number): { specs: string[]; line: number } | null {
  const lines = source.split('\n');
  for (let l = line; l >= Math.max(1, line - 3); l--) {
    const m = /#\s*nnlens:\s*inputs?\s*=\s*(.+)$/.exec(lines[l - 1] ?? '');
    if (m) return { specs: m[1].trim().split(/\s*;\s*|\s+/).filter(Boolean), line: l };
    if (l < line && !/^\s*(#|@)/.test(lines[l - 1] ?? '')) break;
  }
  return null;
}

export type { Call, ClassDef, FunctionDef, ParseResult };
