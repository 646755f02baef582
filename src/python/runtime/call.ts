// Calling: functions, natives, bound methods, classes (type.__call__: __new__ then __init__) and
// objects with __call__. A JS error thrown inside a native becomes a Python exception here, so it
// surfaces at the Python line that made the call.
import {
  BudgetExceededError, PyException, RecursionError, RuntimeError, newException, pyError, typeError,
  type PyBaseException,
} from './exceptions';
import { ctx } from './context';
import { PyInstance, PyObject, PyType, typeType, type PyValue } from './object';
import { bindArgs } from './signature';
import { None, PyBoundMethod, PyBuiltin, PyClassMethod, PyFunction, PyModule, PyStaticMethod } from './types';
import { getAttr } from './attrs';
import { typeName, typeOf } from './protocol';

export type Kwargs = Map<string, PyValue> | null;

/** Builtins the protocol code recognises by identity; filled in by src/python/builtins/object.ts. */
export const special = {
  objectNew: undefined as PyValue | undefined,
  objectInit: undefined as PyValue | undefined,
  objectSetattr: undefined as PyValue | undefined,
  objectDelattr: undefined as PyValue | undefined,
  objectGetattribute: undefined as PyValue | undefined,
  objectHash: undefined as PyValue | undefined,
  objectEq: undefined as PyValue | undefined,
  objectStr: undefined as PyValue | undefined,
  objectFormat: undefined as PyValue | undefined,
  typeCall: undefined as PyValue | undefined,
  /** type(name, bases, ns): class creation, installed by src/python/eval/classes.ts. */
  typeNew: undefined as ((meta: PyType, args: PyValue[], kwargs: Kwargs) => PyValue) | undefined,
};

/** The evaluator installs how a `def` function is called (src/python/eval/functions.ts). */
export const evalHooks = {
  callFunction: (_f: PyFunction, _args: PyValue[], _kwargs: Kwargs): PyValue => {
    throw new Error('nnlens: the evaluator is not loaded');
  },
};

export function call(f: PyValue, args: PyValue[], kwargs: Kwargs = null): PyValue {
  if (f instanceof PyFunction) return evalHooks.callFunction(f, args, kwargs);
  if (f instanceof PyBuiltin) return callBuiltin(f, args, kwargs);
  if (f instanceof PyBoundMethod) return call(f.func, prepend(f.self, args), kwargs);
  if (f instanceof PyType) return callType(f, args, kwargs);
  const c = typeOf(f).lookup('__call__');
  if (c === undefined) throw typeError(`'${typeName(f)}' object is not callable`);
  return call(bindForCall(c, f), args, kwargs);
}

export function prepend(x: PyValue, args: PyValue[]): PyValue[] {
  const out = new Array<PyValue>(args.length + 1);
  out[0] = x;
  for (let i = 0; i < args.length; i++) out[i + 1] = args[i];
  return out;
}

function bindForCall(attr: PyValue, self: PyValue): PyValue {
  if (attr instanceof PyFunction || (attr instanceof PyBuiltin && attr.owner)) return new PyBoundMethod(attr, self);
  if (attr instanceof PyStaticMethod) return attr.func;
  if (attr instanceof PyClassMethod) return new PyBoundMethod(attr.func, typeOf(self));
  return attr;
}

export function callBuiltin(f: PyBuiltin, args: PyValue[], kwargs: Kwargs): PyValue {
  try {
    let r;
    if (f.fn !== null) {
      const sig = f.sig!;
      const bound = new Array<PyValue>(sig.nslots);
      bindArgs(sig, args, kwargs, bound);
      r = f.fn(bound, ctx.interp!);
    } else r = f.raw!(args, kwargs, ctx.interp!);
    return r === undefined ? None : r;
  } catch (e) {
    throw fromJsError(e);
  }
}

/**
 * `obj.name(*args)` without creating a bound method when `name` is a plain method of obj's class
 * (the common case for method calls), else getattr + call.
 */
export function callMethod(obj: PyValue, name: string, args: PyValue[], kwargs: Kwargs = null): PyValue {
  if (!(obj instanceof PyType) && !(obj instanceof PyModule)) {
    const t = typeOf(obj);
    const attr = t.lookup(name);
    if (attr instanceof PyFunction || (attr instanceof PyBuiltin && attr.owner !== null)) {
      const shadowed = obj instanceof PyObject && obj.dict !== null && obj.dict.getStr(name) !== undefined;
      if (!shadowed && t.lookup('__getattribute__') === special.objectGetattribute) return call(attr, prepend(obj, args), kwargs);
    }
  }
  return call(getAttr(obj, name), args, kwargs);
}

/** Calling a class: its metaclass's __call__, by default __new__ then __init__. */
export function callType(cls: PyType, args: PyValue[], kwargs: Kwargs): PyValue {
  const meta = cls.cls;
  if (meta !== typeType) {
    const mc = meta.lookup('__call__');
    if (mc !== undefined && mc !== special.typeCall) return call(bindForCall(mc, cls), args, kwargs);
  }
  return typeCall(cls, args, kwargs);
}

export function typeCall(cls: PyType, args: PyValue[], kwargs: Kwargs): PyValue {
  if (cls === typeType) {
    if (args.length === 1 && (!kwargs || kwargs.size === 0)) return typeOf(args[0]);
    if (args.length !== 3) throw typeError('type() takes 1 or 3 arguments');
    return special.typeNew!(typeType, args, kwargs);
  }
  const newFn = cls.lookup('__new__');
  let obj: PyValue;
  const plainNew = newFn === undefined || newFn === special.objectNew;
  if (plainNew) obj = new PyInstance(cls);
  else obj = call(newFn instanceof PyStaticMethod ? newFn.func : newFn, prepend(cls, args), kwargs);
  if (!typeOf(obj).isSubtypeOf(cls)) return obj;
  const init = cls.lookup('__init__');
  if (init === undefined || init === special.objectInit) {
    if (plainNew && (args.length > 0 || (kwargs !== null && kwargs.size > 0))) throw typeError(`${cls.name}() takes no arguments`);
    return obj;
  }
  const r = call(bindForCall(init, obj), args, kwargs);
  if (r !== None) throw typeError(`__init__() should return None, not '${typeName(r)}'`);
  return obj;
}

/**
 * Any error thrown by JS code, as the Python exception user code sees: Python exceptions and the
 * budget error pass through; a JS stack overflow is a RecursionError; any other error keeps its
 * message and becomes the Python class named by its `pythonType` property (default RuntimeError).
 */
export function fromJsError(e: unknown): Error {
  if (e instanceof PyException || e instanceof BudgetExceededError) return e;
  // The JS stack ran out (this check itself may run with little stack left: no regex here, since the
  // regex engine can overflow too and report it as a SyntaxError with the same text).
  if (e instanceof Error && e.message.includes('Maximum call stack size exceeded')) {
    return pyError(RecursionError, 'maximum recursion depth exceeded');
  }
  if (e instanceof Error) {
    // Engine errors (TorchError) name their Python class in `kind`.
    const named = (e as Error & { pythonType?: string }).pythonType ?? (e as Error & { kind?: string }).kind;
    const t = named ? ctx.interp?.builtins.getStr(named) : undefined;
    const cls = t instanceof PyType ? t : RuntimeError;
    const exc: PyBaseException = newException(cls, [e.message]);
    const pe = new PyException(exc);
    pe.cause = e;
    return pe;
  }
  return pyError(RuntimeError, String(e));
}
