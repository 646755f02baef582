// How the file's own code builds and runs its model: `net = ResNet18()` then `net(torch.randn(...))`
// in a test() function or the __main__ block. Gives the model expression and the input expressions
// (with the assignments before the call they may refer to), as source text to evaluate later.
import type { ModuleNode, Stmt, Expr } from '../python';
import { dotted, walk, type FileModels } from './discover';

export interface ModelUse {
  /** The construction call as written (`ResNet18()`), and where. */
  construct: string;
  line: number;
  /** The variable the model was bound to, when it was (`net`). */
  variable: string | null;
  /** The forward call that followed, when one did. */
  call: { args: string[]; kwargs: [string, string][]; prelude: [string, string][]; line: number } | null;
}

type Assign = { name: string; text: string; line: number };

export function textOf(source: string[], e: { line: number; col: number; endLine: number; endCol: number }): string {
  if (e.line === e.endLine) return source[e.line - 1].slice(e.col - 1, e.endCol - 1);
  const parts = [source[e.line - 1].slice(e.col - 1)];
  for (let l = e.line + 1; l < e.endLine; l++) parts.push(source[l - 1]);
  parts.push(source[e.endLine - 1].slice(0, e.endCol - 1));
  return parts.join('\n');
}

/** The statements of a block in order, looking into if/for/while/with/try bodies but not nested defs. */
function flatten(body: Stmt[], out: Stmt[] = []): Stmt[] {
  for (const s of body) {
    out.push(s);
    switch (s.kind) {
      case 'If': case 'For': case 'While': flatten(s.body, out); flatten(s.orelse, out); break;
      case 'With': flatten(s.body, out); break;
      case 'Try': flatten(s.body, out); for (const h of s.handlers) flatten(h.body, out); flatten(s.orelse, out); flatten(s.finalbody, out); break;
      default: break;
    }
  }
  return out;
}

/** Expressions of a statement itself (not of the statements nested in it). */
function ownExprs(s: Stmt): Expr[] {
  switch (s.kind) {
    case 'Expr': return [s.value];
    case 'Assign': return [s.value];
    case 'AugAssign': return [s.value];
    case 'AnnAssign': return s.value ? [s.value] : [];
    case 'Return': return s.value ? [s.value] : [];
    case 'If': case 'While': return [s.test];
    case 'For': return [s.iter];
    case 'With': return s.items.map((i) => i.context);
    case 'Assert': return [s.test];
    default: return [];
  }
}

/** Calls inside expressions, without entering lambdas/comprehension scopes' own code objects. */
function* callsIn(e: Expr): Generator<Extract<Expr, { kind: 'Call' }>> {
  for (const n of walk(e)) if (n.kind === 'Call') yield n;
}

/** The model-building call the file makes, preferring one whose result is then called on inputs. */
export function findModelUses(module: ModuleNode, sourceText: string, models: FileModels): ModelUse[] {
  const source = sourceText.split('\n');
  const names = new Set([...models.classes.map((c) => c.name), ...models.factories.map((f) => f.name.id)]);
  const uses: ModelUse[] = [];
  const blocks: Stmt[][] = [module.body];
  for (const n of walk(module.body)) if (n.kind === 'FunctionDef') blocks.push(n.body);
  const isConstruct = (e: Expr): Extract<Expr, { kind: 'Call' }> | null => {
    // `Net()`, `Net().to(device)`, `Net().eval()`
    if (e.kind !== 'Call') return null;
    const d = dotted(e.func);
    if (d && names.has(d)) return e;
    if (e.func.kind === 'Attribute' && ['to', 'eval', 'train', 'cpu', 'cuda', 'float', 'double'].includes(e.func.attr)) return isConstruct(e.func.value);
    return null;
  };
  for (const block of blocks) {
    const stmts = flatten(block);
    const assigns: Assign[] = [];
    const models = new Map<string, ModelUse>();
    for (const s of stmts) {
      for (const e of ownExprs(s)) {
        for (const c of callsIn(e)) {
          // `net(x)`, `net.forward(x)`, `Net()(x)`
          let target: ModelUse | undefined;
          if (c.func.kind === 'Name') target = models.get(c.func.id);
          else if (c.func.kind === 'Attribute' && c.func.attr === 'forward' && c.func.value.kind === 'Name') target = models.get(c.func.value.id);
          else {
            const direct = isConstruct(c.func);
            if (direct) {
              target = { construct: textOf(source, direct), line: direct.line, variable: null, call: null };
              uses.push(target);
            }
          }
          if (!target || target.call) continue;
          if (c.args.some((a) => a.kind === 'Starred') || c.keywords.some((k) => k.name === null)) continue;
          target.call = {
            args: c.args.map((a) => textOf(source, a)), kwargs: c.keywords.map((k) => [k.name!, textOf(source, k.value)]),
            prelude: assigns.map((a) => [a.name, a.text]), line: c.line,
          };
        }
      }
      if (s.kind === 'Assign' && s.targets.length === 1 && s.targets[0].kind === 'Name') {
        const built = isConstruct(s.value);
        if (built) {
          const use: ModelUse = { construct: textOf(source, built), line: built.line, variable: s.targets[0].id, call: null };
          models.set(s.targets[0].id, use);
          uses.push(use);
        } else {
          assigns.push({ name: s.targets[0].id, text: textOf(source, s.value), line: s.line });
        }
      }
    }
  }
  // Uses with a forward call first, then in source order.
  return uses.sort((a, b) => Number(b.call !== null) - Number(a.call !== null) || a.line - b.line);
}
