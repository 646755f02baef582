// List, set and dict comprehensions (run eagerly) and generator expressions (lazy), each in its own
// scope as in Python 3: the first iterable is evaluated outside, in the enclosing frame.
import type { Comprehension, DictCompExpr, Expr, GeneratorExpr, ListCompExpr, SetCompExpr } from '../parse/ast';
import { tick } from '../runtime/context';
import { iter, truthy, type PyIter } from '../runtime/protocol';
import { None, PyDict, PyList, PySet, type PyValue } from '../runtime/types';
import { evalExpr } from './expressions';
import { Frame, makeCells } from './frame';
import { PyGenerator } from './generators';
import { assignTarget } from './targets';

type Comp = ListCompExpr | SetCompExpr | DictCompExpr | GeneratorExpr;

const frameNames: Record<Comp['kind'], string> = {
  ListComp: '<listcomp>', SetComp: '<setcomp>', DictComp: '<dictcomp>', GeneratorExp: '<genexpr>',
};

export function runComprehension(f: Frame, e: Comp): PyValue {
  const firstIter = evalExpr(f, e.generators[0].iter);
  f.node = e.generators[0].iter;
  const first = iter(firstIter);
  const scope = e.scope;
  const closure = scope.freeFrom.length ? scope.freeFrom.map((i) => f.cells[i]) : null;
  const cf = new Frame(
    f.interp, null, f.globals, f.builtins, null, scope.localNames.length, makeCells(scope.ncellvars, closure),
    frameNames[e.kind], f.filename, e,
  );
  if (e.kind === 'GeneratorExp') return new PyGenerator(cf, lazy(cf, e, first), '<genexpr>');
  try {
    switch (e.kind) {
      case 'ListComp': {
        const out: PyValue[] = [];
        loop(cf, e.generators, 0, first, () => out.push(evalExpr(cf, e.elt)));
        return new PyList(out);
      }
      case 'SetComp': {
        const s = new PySet();
        loop(cf, e.generators, 0, first, () => s.table.set(evalExpr(cf, e.elt), None));
        return s;
      }
      case 'DictComp': {
        const d = new PyDict();
        loop(cf, e.generators, 0, first, () => {
          const k = evalExpr(cf, e.key);
          d.set(k, evalExpr(cf, e.value));
        });
        return d;
      }
    }
  } catch (err) {
    // The comprehension has no frame of its own in tracebacks: point the enclosing one at the failure.
    f.node = cf.node;
    throw err;
  }
}

function passes(cf: Frame, ifs: Expr[]): boolean {
  for (const c of ifs) if (!truthy(evalExpr(cf, c))) return false;
  return true;
}

function loop(cf: Frame, gens: Comprehension[], i: number, it: PyIter, body: () => void): void {
  const g = gens[i];
  const last = i === gens.length - 1;
  for (let v = it.next(); v !== undefined; v = it.next()) {
    tick();
    assignTarget(cf, g.target, v);
    if (!passes(cf, g.ifs)) continue;
    if (last) body();
    else {
      const next = gens[i + 1];
      const inner = evalExpr(cf, next.iter);
      cf.node = next.iter;
      loop(cf, gens, i + 1, iter(inner), body);
    }
  }
}

function* lazy(cf: Frame, e: GeneratorExpr, first: PyIter): Generator<PyValue, PyValue, PyValue> {
  yield* lazyLevel(cf, e, 0, first);
  return None;
}

function* lazyLevel(cf: Frame, e: GeneratorExpr, i: number, it: PyIter): Generator<PyValue, void, PyValue> {
  const g = e.generators[i];
  const last = i === e.generators.length - 1;
  for (let v = it.next(); v !== undefined; v = it.next()) {
    tick();
    assignTarget(cf, g.target, v);
    if (!passes(cf, g.ifs)) continue;
    if (last) yield evalExpr(cf, e.elt);
    else {
      const next = e.generators[i + 1];
      yield* lazyLevel(cf, e, i + 1, iter(evalExpr(cf, next.iter)));
    }
  }
}
