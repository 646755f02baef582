// Statement execution: one exhaustive switch over the AST's statement kinds. Control flow is a
// returned signal (NORMAL/BREAK/CONTINUE/RETURN), not JS exceptions; each statement counts one step
// toward the budget.
import { assertNever, type ExceptHandler, type Expr, type Stmt, type TryStmt, type WithStmt } from '../parse/ast';
import { getAttr } from '../runtime/attrs';
import { call, fromJsError } from '../runtime/call';
import { ctx } from '../runtime/context';
import {
  AssertionError, BaseException, BudgetExceededError, NotImplementedError, PyException, RuntimeError, TypeError,
  newException, pyError, typeError, type PyBaseException,
} from '../runtime/exceptions';
import { inplaceOp } from '../runtime/ops';
import { getItem, iter, setItem, truthy, typeOf } from '../runtime/protocol';
import {
  None, PyDict, PyList, PyObject, PyRange, PyTuple, PyType, listType, tupleType, type PyValue,
} from '../runtime/types';
import { setAttr } from '../runtime/attrs';
import { execClassDef } from './classes';
import { PyGenerator } from './generators';
import { evalExpr } from './expressions';
import { deleteName, loadName, storeName, type Frame } from './frame';
import { makeFunction, noteFrame } from './functions';
import { execImport, execImportFrom } from './imports';
import { assignTarget, deleteTarget } from './targets';

export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;

export function execBlock(f: Frame, body: Stmt[]): number {
  for (let i = 0; i < body.length; i++) {
    const s = body[i];
    f.node = s;
    if (++ctx.steps >= ctx.nextCheck) f.interp.checkBudget();
    const sig = exec(f, s);
    if (sig !== NORMAL) return sig;
  }
  return NORMAL;
}

export function exec(f: Frame, s: Stmt): number {
  switch (s.kind) {
    case 'Expr':
      evalExpr(f, s.value);
      return NORMAL;
    case 'Assign': {
      const v = evalExpr(f, s.value);
      const targets = s.targets;
      if (targets.length === 1 && targets[0].kind === 'Name') storeName(f, targets[0], v);
      else for (const t of targets) assignTarget(f, t, v);
      return NORMAL;
    }
    case 'AugAssign':
      execAugAssign(f, s);
      return NORMAL;
    case 'AnnAssign':
      if (s.value) assignTarget(f, s.target, evalExpr(f, s.value));
      if (s.simple && s.target.kind === 'Name' && (f.ns !== null || f.code === null)) recordAnnotation(f, s.target.id, s.annotation);
      return NORMAL;
    case 'Return':
      f.retval = s.value ? evalExpr(f, s.value) : None;
      return RETURN;
    case 'Pass':
    case 'Global':
    case 'Nonlocal':
      return NORMAL;
    case 'Break':
      return BREAK;
    case 'Continue':
      return CONTINUE;
    case 'Delete':
      for (const t of s.targets) deleteTarget(f, t);
      return NORMAL;
    case 'If':
      return truthy(evalExpr(f, s.test)) ? execBlock(f, s.body) : s.orelse.length ? execBlock(f, s.orelse) : NORMAL;
    case 'While': {
      while (truthy(evalExpr(f, s.test))) {
        const sig = execBlock(f, s.body);
        if (sig === BREAK) return NORMAL;
        if (sig === RETURN) return sig;
        f.node = s;
      }
      return s.orelse.length ? execBlock(f, s.orelse) : NORMAL;
    }
    case 'For':
      return execFor(f, s);
    case 'Try':
      return execTry(f, s);
    case 'Raise':
      throw makeRaise(f, s.exc ? evalExpr(f, s.exc) : undefined, s.cause ? evalExpr(f, s.cause) : undefined);
    case 'With':
      return execWith(f, s, 0);
    case 'Assert':
      if (!truthy(evalExpr(f, s.test))) {
        const args = s.msg ? [evalExpr(f, s.msg)] : [];
        f.node = s;
        throw new PyException(newException(AssertionError, args));
      }
      return NORMAL;
    case 'FunctionDef': {
      const decorators = s.decorators.map((d) => evalExpr(f, d));
      let v: PyValue = makeFunction(f, s);
      for (let i = decorators.length - 1; i >= 0; i--) {
        f.node = s.decorators[i];
        v = call(decorators[i], [v]);
      }
      storeName(f, s.name, v);
      return NORMAL;
    }
    case 'ClassDef':
      storeName(f, s.name, execClassDef(f, s));
      return NORMAL;
    case 'Import':
      execImport(f, s);
      return NORMAL;
    case 'ImportFrom':
      execImportFrom(f, s);
      return NORMAL;
    case 'Unsupported':
      throw pyError(NotImplementedError, s.message);
    default:
      return assertNever(s, 'statement');
  }
}

function recordAnnotation(f: Frame, name: string, annotation: string): void {
  const ns = f.ns ?? f.globals;
  let ann = ns.getStr('__annotations__');
  if (!(ann instanceof PyDict)) {
    ann = new PyDict();
    ns.setStr('__annotations__', ann);
  }
  (ann as PyDict).setStr(name, annotation);
}

function execAugAssign(f: Frame, s: Extract<Stmt, { kind: 'AugAssign' }>): void {
  const t = s.target;
  if (t.kind === 'Name') {
    const cur = loadName(f, t);
    const v = evalExpr(f, s.value);
    f.node = s;
    storeName(f, t, inplaceOp(s.op, cur, v));
  } else if (t.kind === 'Attribute') {
    const obj = evalExpr(f, t.value);
    f.node = t;
    const cur = getAttr(obj, t.attr);
    const v = evalExpr(f, s.value);
    f.node = s;
    const r = inplaceOp(s.op, cur, v);
    f.node = t;
    setAttr(obj, t.attr, r);
  } else if (t.kind === 'Subscript') {
    const obj = evalExpr(f, t.value);
    const key = evalExpr(f, t.index);
    f.node = t;
    const cur = getItem(obj, key);
    const v = evalExpr(f, s.value);
    f.node = s;
    const r = inplaceOp(s.op, cur, v);
    f.node = t;
    setItem(obj, key, r);
  } else throw typeError("illegal expression for augmented assignment");
}

function execFor(f: Frame, s: Extract<Stmt, { kind: 'For' }>): number {
  const seq = evalExpr(f, s.iter);
  f.node = s.iter;
  const target = s.target;
  const simple = target.kind === 'Name' ? target : null;
  const step = (v: PyValue): number => {
    if (simple) storeName(f, simple, v);
    else assignTarget(f, target, v);
    const sig = execBlock(f, s.body);
    f.node = s;
    return sig;
  };
  // Lists and ranges are walked by index (a list may grow while it is iterated, as in CPython).
  if (seq instanceof PyRange) {
    const n = seq.length;
    for (let i = 0; i < n; i++) {
      const sig = step(seq.start + seq.step * i);
      if (sig === BREAK) return NORMAL;
      if (sig === RETURN) return sig;
    }
  } else if (seq instanceof PyObject && (seq.cls === listType || seq.cls === tupleType)) {
    const items = (seq as PyList | PyTuple).items;
    for (let i = 0; i < items.length; i++) {
      const sig = step(items[i]);
      if (sig === BREAK) return NORMAL;
      if (sig === RETURN) return sig;
    }
  } else {
    const it = iter(seq);
    // `for x in gen():` leaving early: CPython frees the temporary generator at once, which runs its
    // `finally` blocks; close it the same way (a generator held in a variable stays open).
    const temporary = it instanceof PyGenerator && s.iter.kind === 'Call';
    let done = false;
    try {
      for (let v = it.next(); v !== undefined; v = it.next()) {
        const sig = step(v);
        if (sig === BREAK) return NORMAL;
        if (sig === RETURN) return sig;
      }
      done = true;
    } finally {
      if (temporary && !done) (it as PyGenerator).close();
    }
  }
  return s.orelse.length ? execBlock(f, s.orelse) : NORMAL;
}

// ---------------------------------------------------------------- exceptions

/** A Python exception from any error; the budget error is returned as is (it is never handled). */
export function asPyException(e: unknown): PyException | BudgetExceededError {
  if (e instanceof PyException || e instanceof BudgetExceededError) return e;
  return fromJsError(e) as PyException;
}

/** The handler matching `e`, or null. Evaluating a handler's class may itself raise. */
export function matchHandler(f: Frame, handlers: ExceptHandler[], e: PyException): ExceptHandler | null {
  for (const h of handlers) {
    if (h.type === null) return h;
    const t = evalExpr(f, h.type);
    const classes = t instanceof PyTuple ? t.items : [t];
    for (const c of classes) {
      if (!(c instanceof PyType) || !c.isSubtypeOf(BaseException)) {
        f.node = h.type;
        throw pyError(TypeError, 'catching classes that do not inherit from BaseException is not allowed');
      }
      if (e.exc.cls.isSubtypeOf(c)) return h;
    }
  }
  return null;
}

/** Sets `__context__` on an exception raised while another was being handled. */
export function chainContext(err: unknown, handled: PyBaseException): unknown {
  if (err instanceof PyException && err.exc !== handled && err.exc.context === None) err.exc.context = handled;
  return err;
}

function runHandler(f: Frame, h: ExceptHandler, e: PyException): number {
  const interp = f.interp;
  const saved = interp.handling;
  interp.handling = e.exc;
  if (h.name) storeName(f, h.name, e.exc);
  try {
    return execBlock(f, h.body);
  } catch (err) {
    throw chainContext(err, e.exc);
  } finally {
    interp.handling = saved;
    if (h.name) deleteName(f, h.name, true);
  }
}

const importGuards = new WeakMap<TryStmt, boolean>();

/** Whether a try's handlers would catch ImportError (then imports inside it raise instead of binding placeholders). */
export function guardsImport(s: TryStmt): boolean {
  let g = importGuards.get(s);
  if (g === undefined) {
    const catching = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);
    const names = (e: Expr | null): boolean => e === null
      || (e.kind === 'Name' && catching.has(e.id))
      || (e.kind === 'Attribute' && catching.has(e.attr))
      || (e.kind === 'Tuple' && e.elts.some(names));
    g = s.handlers.some((h) => names(h.type));
    importGuards.set(s, g);
  }
  return g;
}

function execTry(f: Frame, s: TryStmt): number {
  let sig = NORMAL;
  let pending: unknown = null;
  let raised = false;
  const guard = guardsImport(s);
  try {
    if (guard) f.interp.importGuard++;
    try {
      sig = execBlock(f, s.body);
    } finally {
      if (guard) f.interp.importGuard--;
    }
  } catch (err) {
    raised = true;
    const e = asPyException(err);
    if (e instanceof BudgetExceededError) throw e;
    noteFrame(e, f);
    try {
      const h = s.handlers.length ? matchHandler(f, s.handlers, e) : null;
      if (h === null) pending = e;
      else sig = runHandler(f, h, e);
    } catch (err2) {
      if (err2 instanceof BudgetExceededError) throw err2;
      pending = err2;
    }
  }
  if (!raised && sig === NORMAL && s.orelse.length) {
    try {
      sig = execBlock(f, s.orelse);
    } catch (err) {
      if (err instanceof BudgetExceededError) throw err;
      pending = err;
    }
  }
  if (s.finalbody.length) {
    let fsig: number;
    try {
      fsig = execBlock(f, s.finalbody);
    } catch (err) {
      throw pending instanceof PyException ? chainContext(err, pending.exc) : err;
    }
    // return/break/continue inside finally discards a pending exception, as in CPython.
    if (fsig !== NORMAL) return fsig;
  }
  if (pending !== null) throw pending;
  return sig;
}

/** The exception a `raise` statement throws (`raise` alone re-raises the one being handled). */
export function makeRaise(f: Frame, v: PyValue | undefined, cause: PyValue | undefined): PyException {
  const interp = f.interp;
  if (v === undefined) {
    if (!interp.handling) return pyError(RuntimeError, 'No active exception to reraise');
    return new PyException(interp.handling);
  }
  const exc = toException(v, 'exceptions must derive from BaseException');
  if (cause !== undefined) {
    exc.cause = cause === None ? None : toException(cause, 'exception causes must derive from BaseException');
    exc.suppressContext = true;
  }
  if (interp.handling && interp.handling !== exc && exc.context === None) exc.context = interp.handling;
  return new PyException(exc);
}

function toException(v: PyValue, message: string): PyBaseException {
  if (v instanceof PyType && v.isSubtypeOf(BaseException)) v = call(v, []);
  if (v instanceof PyObject && typeOf(v).isSubtypeOf(BaseException) && 'args' in v) return v as PyBaseException;
  throw pyError(TypeError, message);
}

// ---------------------------------------------------------------- with

export function enterContext(mgr: PyValue): { exit: PyValue; value: PyValue } {
  const t = typeOf(mgr);
  const enter = t.lookup('__enter__');
  const exit = t.lookup('__exit__');
  if (enter === undefined || exit === undefined) {
    throw typeError(`'${t.name}' object does not support the context manager protocol`);
  }
  return { exit: getAttr(mgr, '__exit__'), value: call(getAttr(mgr, '__enter__'), []) };
}

function execWith(f: Frame, s: WithStmt, i: number): number {
  const item = s.items[i];
  const mgr = evalExpr(f, item.context);
  f.node = item;
  const { exit, value } = enterContext(mgr);
  if (item.target) assignTarget(f, item.target, value);
  let sig: number;
  try {
    sig = i + 1 < s.items.length ? execWith(f, s, i + 1) : execBlock(f, s.body);
  } catch (err) {
    const e = asPyException(err);
    if (e instanceof BudgetExceededError) throw e;
    noteFrame(e, f);
    if (truthy(call(exit, [e.exc.cls, e.exc, None]))) return NORMAL;
    throw e;
  }
  call(exit, [None, None, None]);
  return sig;
}

