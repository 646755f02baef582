// Expression evaluation: one exhaustive switch over the AST's expression kinds. Hot paths (names,
// attributes, calls, arithmetic on ints) avoid allocations; `f.node` is set just before an operation
// that may fail, so a traceback points at the expression, not only the line.
import { assertNever, type CallExpr, type Expr, type FStringPart } from '../parse/ast';
import { getAttr } from '../runtime/attrs';
import { call, callMethod, type Kwargs } from '../runtime/call';
import { NotImplementedError, SyntaxError, TypeError, pyError, typeError } from '../runtime/exceptions';
import { formatValue } from '../runtime/format';
import { binaryOp, compareOp, unaryOp } from '../runtime/ops';
import { getItem, repr, str, toArray, truthy, typeName } from '../runtime/protocol';
import {
  Ellipsis, None, PyDict, PyFloat, PyList, PySet, PySlice, tuple, type PyValue,
} from '../runtime/types';
import { runComprehension } from './comprehensions';
import { loadName, storeName, type Frame } from './frame';
import { makeLambda } from './functions';

export function evalExpr(f: Frame, e: Expr): PyValue {
  switch (e.kind) {
    case 'Name':
      return loadName(f, e);
    case 'Attribute': {
      const obj = evalExpr(f, e.value);
      f.node = e;
      return getAttr(obj, e.attr);
    }
    case 'Call':
      return evalCall(f, e);
    case 'Int':
      return e.value;
    case 'Str':
      return e.value;
    case 'Float':
      return (e.cache ??= new PyFloat(e.value)) as PyFloat;
    case 'Const':
      return e.value === 'None' ? None : e.value === 'True' ? true : e.value === 'False' ? false : Ellipsis;
    case 'BinOp': {
      const a = evalExpr(f, e.left);
      const b = evalExpr(f, e.right);
      if (typeof a === 'number' && typeof b === 'number') {
        if (e.op === '+') {
          const r = a + b;
          if (Number.isSafeInteger(r)) return r;
        } else if (e.op === '-') {
          const r = a - b;
          if (Number.isSafeInteger(r)) return r;
        }
      }
      f.node = e;
      return binaryOp(e.op, a, b);
    }
    case 'Subscript': {
      const obj = evalExpr(f, e.value);
      const key = evalExpr(f, e.index);
      f.node = e;
      return getItem(obj, key);
    }
    case 'Compare': {
      let left = evalExpr(f, e.left);
      const n = e.ops.length;
      for (let i = 0; i < n; i++) {
        const right = evalExpr(f, e.comparators[i]);
        f.node = e;
        const r = compareOp(e.ops[i], left, right);
        if (i === n - 1 || !truthy(r)) return r;
        left = right;
      }
      return true;
    }
    case 'BoolOp': {
      let v: PyValue = None;
      const isAnd = e.op === 'and';
      for (const x of e.values) {
        v = evalExpr(f, x);
        if (truthy(v) !== isAnd) return v;
      }
      return v;
    }
    case 'UnaryOp': {
      const v = evalExpr(f, e.operand);
      if (e.op === 'not') return !truthy(v);
      f.node = e;
      return unaryOp(e.op, v);
    }
    case 'IfExp':
      return truthy(evalExpr(f, e.test)) ? evalExpr(f, e.body) : evalExpr(f, e.orelse);
    case 'Tuple':
      return tuple(evalElements(f, e.elts));
    case 'List':
      return new PyList(evalElements(f, e.elts));
    case 'Set': {
      const s = new PySet();
      for (const v of evalElements(f, e.elts)) s.table.set(v, None);
      return s;
    }
    case 'Dict':
      return evalDict(f, e.keys, e.values);
    case 'Slice':
      return new PySlice(
        e.lower ? evalExpr(f, e.lower) : None, e.upper ? evalExpr(f, e.upper) : None, e.step ? evalExpr(f, e.step) : None,
      );
    case 'FString':
      return evalFString(f, e.parts);
    case 'ListComp':
    case 'SetComp':
    case 'DictComp':
    case 'GeneratorExp':
      return runComprehension(f, e);
    case 'Lambda':
      return makeLambda(f, e);
    case 'NamedExpr': {
      const v = evalExpr(f, e.value);
      storeName(f, e.target, v);
      return v;
    }
    case 'Starred':
      f.node = e;
      throw pyError(SyntaxError, "can't use starred expression here");
    case 'Yield':
    case 'YieldFrom':
      f.node = e;
      throw pyError(NotImplementedError, 'yield inside a larger expression is not supported by nnlens; assign it to a variable first');
    case 'UnsupportedExpr':
      f.node = e;
      throw pyError(NotImplementedError, e.message);
    default:
      return assertNever(e, 'expression');
  }
}

/** Elements of a tuple/list/set display, with `*iterable` spliced in. */
export function evalElements(f: Frame, elts: Expr[]): PyValue[] {
  const out: PyValue[] = [];
  for (const x of elts) {
    if (x.kind === 'Starred') {
      const v = evalExpr(f, x.value);
      f.node = x;
      for (const item of toArray(v)) out.push(item);
    } else out.push(evalExpr(f, x));
  }
  return out;
}

function evalDict(f: Frame, keys: (Expr | null)[], values: Expr[]): PyDict {
  const d = new PyDict();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === null) {
      const m = evalExpr(f, values[i]);
      f.node = values[i];
      mergeMapping(d, m, false);
    } else {
      const key = evalExpr(f, k);
      d.set(key, evalExpr(f, values[i]));
    }
  }
  return d;
}

/** Copies a mapping (a dict or anything with keys() and __getitem__) into `d`. */
export function mergeMapping(d: PyDict, m: PyValue, forKwargs: boolean, fname = ''): void {
  if (m instanceof PyDict) {
    for (const e of m.entries()) d.set(e.key, e.value);
    return;
  }
  let keys: PyValue;
  try {
    keys = callMethod(m, 'keys', []);
  } catch {
    throw typeError(forKwargs
      ? `${fname}() argument after ** must be a mapping, not ${typeName(m)}`
      : `'${typeName(m)}' object is not a mapping`);
  }
  for (const k of toArray(keys)) d.set(k, getItem(m, k));
}

function evalFString(f: Frame, parts: FStringPart[]): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    let v = evalExpr(f, p.value);
    f.node = p;
    if (p.conversion === 'r') v = repr(v);
    else if (p.conversion === 's') v = str(v);
    else if (p.conversion === 'a') v = asciiRepr(v);
    const spec = p.spec ? evalFString(f, p.spec) : '';
    out += spec === '' && typeof v === 'string' ? v : formatValue(v, spec);
  }
  return out;
}

export function asciiRepr(v: PyValue): string {
  // eslint-disable-next-line no-control-regex -- non-ASCII is everything outside \x00-\x7f
  return repr(v).replace(/[^\x00-\x7f]/gu, (ch) => {
    const c = ch.codePointAt(0)!;
    return c < 0x100 ? `\\x${c.toString(16).padStart(2, '0')}` : c < 0x10000 ? `\\u${c.toString(16).padStart(4, '0')}` : `\\U${c.toString(16).padStart(8, '0')}`;
  });
}

// ---------------------------------------------------------------- calls

export function evalCall(f: Frame, e: CallExpr): PyValue {
  const fn = e.func;
  if (e.simple) {
    let kwargs: Kwargs = null;
    if (fn.kind === 'Attribute') {
      const obj = evalExpr(f, fn.value);
      const args = evalArgs(f, e.args);
      if (e.keywords.length) kwargs = evalKeywords(f, e);
      f.node = e;
      return callMethod(obj, fn.attr, args, kwargs);
    }
    const callee = evalExpr(f, fn);
    const args = evalArgs(f, e.args);
    if (e.keywords.length) kwargs = evalKeywords(f, e);
    f.node = e;
    return call(callee, args, kwargs);
  }
  const callee = evalExpr(f, fn);
  const args = evalElements(f, e.args);
  let kwargs: Map<string, PyValue> | null = null;
  for (const k of e.keywords) {
    kwargs ??= new Map();
    const v = evalExpr(f, k.value);
    if (k.name !== null) {
      if (kwargs.has(k.name)) throw duplicateKeyword(callee, k.name);
      kwargs.set(k.name, v);
      continue;
    }
    f.node = k;
    const d = new PyDict();
    mergeMapping(d, v, true, calleeName(callee));
    for (const entry of d.entries()) {
      if (typeof entry.key !== 'string') throw pyError(TypeError, 'keywords must be strings');
      if (kwargs.has(entry.key)) throw duplicateKeyword(callee, entry.key);
      kwargs.set(entry.key, entry.value);
    }
  }
  f.node = e;
  return call(callee, args, kwargs);
}

function calleeName(callee: PyValue): string {
  const n = (callee as { qualname?: unknown; name?: unknown });
  return typeof n.qualname === 'string' ? n.qualname : typeof n.name === 'string' ? n.name : typeName(callee);
}

function duplicateKeyword(callee: PyValue, name: string): Error {
  return typeError(`${calleeName(callee)}() got multiple values for keyword argument '${name}'`);
}

function evalArgs(f: Frame, exprs: Expr[]): PyValue[] {
  const n = exprs.length;
  const args = new Array<PyValue>(n);
  for (let i = 0; i < n; i++) args[i] = evalExpr(f, exprs[i]);
  return args;
}

function evalKeywords(f: Frame, e: CallExpr): Map<string, PyValue> {
  const kwargs = new Map<string, PyValue>();
  for (const k of e.keywords) {
    if (kwargs.has(k.name!)) {
      f.node = k;
      throw pyError(SyntaxError, `keyword argument repeated: ${k.name}`);
    }
    kwargs.set(k.name!, evalExpr(f, k.value));
  }
  return kwargs;
}

