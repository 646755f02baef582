// `def` and `lambda`: building function objects (defaults, closures) and calling them: bind the
// arguments into fast slots, set up cells, run the body in a new frame, and record the frame in the
// traceback of any exception that leaves it.
import type { CodeInfo, Expr, FunctionDefStmt, LambdaExpr, Params, Stmt } from '../parse/ast';
import { evalHooks, fromJsError, type Kwargs } from '../runtime/call';
import { ctx } from '../runtime/context';
import { BudgetExceededError, NotImplementedError, PyException, RecursionError, pyError } from '../runtime/exceptions';
import { makeSignature, bindArgs, type Signature } from '../runtime/signature';
import { None, PyFunction, type PyDict, type PyValue } from '../runtime/types';
import { evalExpr } from './expressions';
import { Frame, makeCells } from './frame';
import { PyGenerator, runBodyAsGenerator } from './generators';
import { execBlock, RETURN } from './statements';

function evalDefaults(f: Frame, p: Params): { defaults: PyValue[]; kwdefaults: Map<string, PyValue> | null } {
  const defaults: PyValue[] = [];
  for (const a of p.positional) if (a.default) defaults.push(evalExpr(f, a.default));
  let kwdefaults: Map<string, PyValue> | null = null;
  for (const a of p.kwonly) if (a.default) (kwdefaults ??= new Map()).set(a.name, evalExpr(f, a.default));
  return { defaults, kwdefaults };
}

function moduleName(globals: PyDict): string {
  const n = globals.getStr('__name__');
  return typeof n === 'string' ? n : '__main__';
}

function newFunction(f: Frame, code: CodeInfo, body: Stmt[] | Expr): PyFunction {
  const { defaults, kwdefaults } = evalDefaults(f, code.params);
  const closure = code.scope.freeFrom.length ? code.scope.freeFrom.map((i) => f.cells[i]) : null;
  const fn = new PyFunction(code, body, f.globals, defaults, kwdefaults, closure, moduleName(f.globals), f.filename);
  fn.interp = f.interp;
  return fn;
}

/** The function object of a `def` (decorators are applied by the caller). */
export function makeFunction(f: Frame, s: FunctionDefStmt): PyFunction {
  const fn = newFunction(f, s.code, s.body);
  const first = s.body[0];
  if (first && first.kind === 'Expr' && first.value.kind === 'Str') fn.doc = first.value.value;
  return fn;
}

export function makeLambda(f: Frame, e: LambdaExpr): PyFunction {
  return newFunction(f, e.code, e.body);
}

function signatureOf(code: CodeInfo): Signature {
  if (code.sig) return code.sig as Signature;
  const p = code.params;
  const sig = makeSignature(
    code.qualname, p.positional.map((x) => x.name), p.posonly, p.vararg?.name ?? null, p.kwonly.map((x) => x.name),
    p.kwarg?.name ?? null,
  );
  code.sig = sig;
  return sig;
}

export function callFunction(fn: PyFunction, args: PyValue[], kwargs: Kwargs): PyValue {
  const interp = ctx.interp;
  // Host code called a Python function directly, outside interp.call(): enter its interpreter.
  if (interp === null) return fn.interp!.run(() => callFunction(fn, args, kwargs));
  const code = fn.code;
  const scope = code.scope;
  if (code.isAsync) throw pyError(NotImplementedError, `${code.qualname}() is an async function, which nnlens does not run`);
  const frame = new Frame(
    interp, code, fn.globals, interp.builtins, null, scope.localNames.length, makeCells(scope.ncellvars, fn.closure),
    code.name, fn.filename, code.span,
  );
  const sig = signatureOf(code);
  bindArgs(sig, args, kwargs, frame.locals, fn.defaults, fn.kwdefaults);
  for (const [slot, cell] of scope.cellParams) frame.cells[cell].value = frame.locals[slot];
  if (code.isGenerator) return new PyGenerator(frame, runBodyAsGenerator(frame, fn.body as Stmt[]), code.name);
  return runFrame(frame, fn.body);
}

/** Runs a function body in `frame`, which becomes the current frame for its duration. */
export function runFrame(frame: Frame, body: Stmt[] | Expr): PyValue {
  const interp = frame.interp;
  if (interp.depth >= interp.recursionLimit) throw pyError(RecursionError, 'maximum recursion depth exceeded');
  interp.depth++;
  frame.back = interp.frame;
  interp.frame = frame;
  try {
    if (Array.isArray(body)) return execBlock(frame, body) === RETURN ? frame.retval! : None;
    return evalExpr(frame, body);
  } catch (e) {
    throw addTraceback(e, frame);
  } finally {
    interp.frame = frame.back;
    interp.depth--;
  }
}

/** Records `frame` (at the node it was running) in the traceback of an error leaving it. */
export function addTraceback(e: unknown, frame: Frame): Error {
  const err = fromJsError(e);
  if (err instanceof PyException || err instanceof BudgetExceededError) noteFrame(err, frame);
  return err;
}

/**
 * Adds `frame` to the traceback once: when an `except` in the frame first catches the exception (so
 * a bare `raise` later keeps the original line, as in CPython) or when it leaves the frame.
 */
export function noteFrame(err: PyException | BudgetExceededError, frame: Frame): void {
  const holder = err instanceof PyException ? err.exc : err;
  if (holder.tbFrame === frame) return;
  holder.tbFrame = frame;
  const n = frame.node;
  holder.traceback.push({ file: frame.filename, name: frame.name, line: n.line, col: n.col, endLine: n.endLine, endCol: n.endCol });
}

evalHooks.callFunction = callFunction;
