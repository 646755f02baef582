// Generators. A generator function's body runs in a JS generator: statements without `yield` run
// through the ordinary evaluator, and only those containing one (and the loops/blocks around them)
// are interpreted here, so generator bodies cost little more than plain ones.
import type { Expr, Stmt, TryStmt, WithStmt } from '../parse/ast';
import { containsYield } from '../parse/visit';
import { call, fromJsError } from '../runtime/call';
import { ctx } from '../runtime/context';
import {
  BudgetExceededError, GeneratorExit, NotImplementedError, PyException, RecursionError, RuntimeError, StopIteration, ValueError,
  pyError,
} from '../runtime/exceptions';
import { iter, truthy } from '../runtime/protocol';
import { None, PyObject, generatorType, type PyValue } from '../runtime/types';
import { evalExpr } from './expressions';
import type { Frame } from './frame';
import { addTraceback, noteFrame } from './functions';
import {
  BREAK, CONTINUE, NORMAL, RETURN, asPyException, chainContext, enterContext, exec, makeRaise, matchHandler,
} from './statements';
import { assignTarget } from './targets';
import { storeName, deleteName } from './frame';

type Gen = Generator<PyValue, number, PyValue>;

export class PyGenerator extends PyObject {
  finished = false;
  running = false;
  /** The value of the body's `return` (StopIteration.value). */
  returnValue: PyValue = None;
  constructor(readonly frame: Frame, private readonly body: Generator<PyValue, PyValue, PyValue>, readonly name: string) {
    super(generatorType);
  }

  /** Resumes with `send(None)`; undefined when the generator is exhausted. */
  next(): PyValue | undefined {
    return this.resume((g) => g.next(None));
  }

  send(v: PyValue): PyValue | undefined {
    return this.resume((g) => g.next(v));
  }

  throw(e: PyException): PyValue | undefined {
    return this.resume((g) => g.throw(e));
  }

  close(): void {
    if (this.finished) return;
    try {
      this.resume((g) => g.throw(pyError(GeneratorExit)));
    } catch (e) {
      if (e instanceof PyException && e.exc.cls.isSubtypeOf(GeneratorExit)) return;
      throw e;
    }
    if (!this.finished) throw pyError(RuntimeError, 'generator ignored GeneratorExit');
  }

  private resume(step: (g: Generator<PyValue, PyValue, PyValue>) => IteratorResult<PyValue, PyValue>): PyValue | undefined {
    if (this.finished) return undefined;
    if (this.running) throw pyError(ValueError, 'generator already executing');
    const frame = this.frame;
    const interp = frame.interp;
    if (interp.depth >= interp.recursionLimit) throw pyError(RecursionError, 'maximum recursion depth exceeded');
    this.running = true;
    interp.depth++;
    frame.back = interp.frame;
    interp.frame = frame;
    let r: IteratorResult<PyValue, PyValue>;
    try {
      r = step(this.body);
    } catch (e) {
      this.finished = true;
      if (e instanceof PyException && e.exc.cls.isSubtypeOf(StopIteration)) {
        throw addTraceback(pyError(RuntimeError, 'generator raised StopIteration'), frame);
      }
      throw addTraceback(e, frame);
    } finally {
      this.running = false;
      interp.frame = frame.back;
      interp.depth--;
    }
    if (r.done) {
      this.finished = true;
      this.returnValue = r.value;
      return undefined;
    }
    return r.value;
  }
}

export function* runBodyAsGenerator(f: Frame, body: Stmt[]): Generator<PyValue, PyValue, PyValue> {
  const sig = yield* execBlockG(f, body);
  return sig === RETURN ? f.retval! : None;
}

function* execBlockG(f: Frame, body: Stmt[]): Gen {
  for (const s of body) {
    f.node = s;
    if (++ctx.steps >= ctx.nextCheck) f.interp.checkBudget();
    const sig = containsYield(s) ? yield* execG(f, s) : exec(f, s);
    if (sig !== NORMAL) return sig;
  }
  return NORMAL;
}

function* evalG(f: Frame, e: Expr): Generator<PyValue, PyValue, PyValue> {
  if (e.kind === 'Yield') {
    const v = e.value ? yield* evalG(f, e.value) : None;
    return yield v;
  }
  if (e.kind === 'YieldFrom') {
    const src = yield* evalG(f, e.value);
    f.node = e;
    if (src instanceof PyGenerator) {
      let sent: PyValue = None;
      for (;;) {
        const v: PyValue | undefined = sent === None ? src.next() : src.send(sent);
        if (v === undefined) return src.returnValue;
        sent = yield v;
      }
    }
    const it = iter(src);
    for (let v = it.next(); v !== undefined; v = it.next()) yield v;
    return None;
  }
  if (containsYield(e)) {
    f.node = e;
    throw pyError(NotImplementedError, 'yield inside a larger expression is not supported by nnlens; assign it to a variable first');
  }
  return evalExpr(f, e);
}

function* execG(f: Frame, s: Stmt): Gen {
  switch (s.kind) {
    case 'Expr':
      yield* evalG(f, s.value);
      return NORMAL;
    case 'Assign': {
      const v = yield* evalG(f, s.value);
      for (const t of s.targets) assignTarget(f, t, v);
      return NORMAL;
    }
    case 'AnnAssign':
      if (s.value) assignTarget(f, s.target, yield* evalG(f, s.value));
      return NORMAL;
    case 'Return':
      f.retval = s.value ? yield* evalG(f, s.value) : None;
      return RETURN;
    case 'If':
      return truthy(yield* evalG(f, s.test)) ? yield* execBlockG(f, s.body) : yield* execBlockG(f, s.orelse);
    case 'While':
      while (truthy(yield* evalG(f, s.test))) {
        const sig = yield* execBlockG(f, s.body);
        if (sig === BREAK) return NORMAL;
        if (sig === RETURN) return sig;
      }
      return yield* execBlockG(f, s.orelse);
    case 'For': {
      const it = iter(yield* evalG(f, s.iter));
      for (let v = it.next(); v !== undefined; v = it.next()) {
        assignTarget(f, s.target, v);
        const sig = yield* execBlockG(f, s.body);
        if (sig === BREAK) return NORMAL;
        if (sig === RETURN) return sig;
        if (sig === CONTINUE) continue;
      }
      return yield* execBlockG(f, s.orelse);
    }
    case 'Try':
      return yield* tryG(f, s);
    case 'With':
      return yield* withG(f, s, 0);
    case 'Raise': {
      const exc = s.exc ? yield* evalG(f, s.exc) : undefined;
      const cause = s.cause ? yield* evalG(f, s.cause) : undefined;
      throw makeRaise(f, exc, cause);
    }
    default:
      f.node = s;
      throw pyError(NotImplementedError, `yield inside this ${s.kind} statement is not supported by nnlens`);
  }
}

function* tryG(f: Frame, s: TryStmt): Gen {
  let sig = NORMAL;
  let pending: unknown = null;
  let raised = false;
  try {
    sig = yield* execBlockG(f, s.body);
  } catch (err) {
    raised = true;
    const e = asPyException(err);
    if (e instanceof BudgetExceededError) throw e;
    noteFrame(e, f);
    try {
      const h = s.handlers.length ? matchHandler(f, s.handlers, e) : null;
      if (h === null) pending = e;
      else {
        const saved = f.interp.handling;
        f.interp.handling = e.exc;
        if (h.name) storeName(f, h.name, e.exc);
        try {
          sig = yield* execBlockG(f, h.body);
        } catch (err2) {
          throw chainContext(err2, e.exc);
        } finally {
          f.interp.handling = saved;
          if (h.name) deleteName(f, h.name, true);
        }
      }
    } catch (err2) {
      if (err2 instanceof BudgetExceededError) throw err2;
      pending = err2;
    }
  }
  if (!raised && sig === NORMAL && s.orelse.length) {
    try {
      sig = yield* execBlockG(f, s.orelse);
    } catch (err) {
      if (err instanceof BudgetExceededError) throw err;
      pending = err;
    }
  }
  if (s.finalbody.length) {
    const fsig = yield* execBlockG(f, s.finalbody);
    if (fsig !== NORMAL) return fsig;
  }
  if (pending !== null) throw pending;
  return sig;
}

function* withG(f: Frame, s: WithStmt, i: number): Gen {
  const item = s.items[i];
  const mgr = yield* evalG(f, item.context);
  const { exit, value } = enterContext(mgr);
  if (item.target) assignTarget(f, item.target, value);
  let sig: number;
  try {
    sig = i + 1 < s.items.length ? yield* withG(f, s, i + 1) : yield* execBlockG(f, s.body);
  } catch (err) {
    const e = fromJsError(err);
    if (!(e instanceof PyException)) throw e;
    if (truthy(call(exit, [e.exc.cls, e.exc, None]))) return NORMAL;
    throw e;
  }
  call(exit, [None, None, None]);
  return sig;
}
