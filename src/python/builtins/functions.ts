// The builtin functions (print, len, isinstance, min, sorted, ...) and the sandbox's refusals
// (open, eval, exec, input, ...), which raise a PermissionError naming what is unavailable.
import { delAttr, getAttrOr, setAttr } from '../runtime/attrs';
import { call, callMethod } from '../runtime/call';
import { ctx, tick } from '../runtime/context';
import {
  PermissionError, StopIteration, ValueError, pyError, typeError, valueError,
} from '../runtime/exceptions';
import { formatValue } from '../runtime/format';
import { native, nativeRaw } from '../runtime/native';
import { floatDivmod, intFloorDiv, intMod } from '../runtime/numbers';
import { binaryOp, lessThan } from '../runtime/ops';
import {
  hashValue, indexValue, isInstance, iter, len, noAttribute, objectId, repr, str, toArray, truthy, typeName, typeOf,
} from '../runtime/protocol';
import {
  None, PyBoundMethod, PyBuiltin, PyDict, PyFloat, PyFunction, PyIterator, PyList, PyModule, PyObject, PyTuple, PyType,
  tuple, typeType, type PyValue,
} from '../runtime/types';
import { asciiRepr } from '../eval/expressions';
import { PyGenerator } from '../eval/generators';
import { PyPlaceholder } from '../eval/placeholders';
import { dirNames } from './object';
import { sortValues } from './list';
import { floatOf, intOf, roundFloat } from './numbers';

function denied(what: string, why: string): PyBuiltin {
  return nativeRaw(what, () => {
    throw pyError(PermissionError, `${what}() is not available in nnlens: ${why}`);
  });
}

/** isinstance's class check, through a metaclass __instancecheck__ when there is one. */
function instanceCheck(v: PyValue, cls: PyValue, fname: string): boolean {
  if (cls instanceof PyTuple) return cls.items.some((c) => instanceCheck(v, c, fname));
  if (cls instanceof PyPlaceholder) return false;
  if (cls instanceof PyType) {
    const check = cls.cls.lookup(fname === 'isinstance' ? '__instancecheck__' : '__subclasscheck__');
    const own = cls.cls === typeType;
    if (!own && check !== undefined && check !== typeType.dict.getStr(fname === 'isinstance' ? '__instancecheck__' : '__subclasscheck__')) {
      return truthy(call(check, [cls, v]));
    }
    if (fname === 'isinstance') return isInstance(v, cls);
    if (!(v instanceof PyType)) throw typeError('issubclass() arg 1 must be a class');
    return v.isSubtypeOf(cls);
  }
  if (cls instanceof PyObject) {
    const check = cls.cls.lookup(fname === 'isinstance' ? '__instancecheck__' : '__subclasscheck__');
    if (check !== undefined) return truthy(call(check, [cls, v]));
  }
  throw typeError(`${fname}() arg 2 must be a type, a tuple of types, or a union`);
}

function minmax(name: 'min' | 'max', args: PyValue[], kwargs: Map<string, PyValue> | null): PyValue {
  const key = kwargs?.get('key') ?? None;
  const dflt = kwargs?.get('default');
  for (const k of kwargs?.keys() ?? []) if (k !== 'key' && k !== 'default') throw typeError(`${name}() got an unexpected keyword argument '${k}'`);
  if (args.length === 0) throw typeError(`${name} expected at least 1 argument, got 0`);
  let items: PyValue[];
  if (args.length === 1) items = toArray(args[0]);
  else {
    if (dflt !== undefined) throw typeError(`Cannot specify a default for ${name}() with multiple positional arguments`);
    items = args;
  }
  if (items.length === 0) {
    if (dflt !== undefined) return dflt;
    throw valueError(`${name}() arg is an empty sequence`);
  }
  let best = items[0];
  let bestKey = key === None ? best : call(key, [best]);
  for (let i = 1; i < items.length; i++) {
    const k = key === None ? items[i] : call(key, [items[i]]);
    if (name === 'min' ? lessThan(k, bestKey) : lessThan(bestKey, k)) {
      best = items[i];
      bestKey = k;
    }
  }
  return best;
}

function sum(items: PyValue, start: PyValue): PyValue {
  if (typeof start === 'string') throw typeError("sum() can't sum strings [use ''.join(seq) instead]");
  let acc: PyValue = start;
  const it = iter(items);
  for (let v = it.next(); v !== undefined; v = it.next()) {
    if (typeof acc === 'number' && typeof v === 'number') {
      const r: number = acc + v;
      if (Number.isSafeInteger(r)) {
        acc = r;
        continue;
      }
    }
    acc = binaryOp('+', acc, v);
  }
  return acc;
}

function nextOf(it: PyValue, dflt: PyValue | undefined): PyValue {
  let v: PyValue | undefined;
  if (it instanceof PyIterator || it instanceof PyGenerator) v = it.next();
  else {
    const nx = typeOf(it).lookup('__next__');
    if (nx === undefined) throw typeError(`'${typeName(it)}' object is not an iterator`);
    try {
      return call(nx, [it]);
    } catch (e) {
      if (dflt !== undefined && e instanceof Error && 'exc' in e && (e as { exc: PyObject }).exc.cls.isSubtypeOf(StopIteration)) return dflt;
      throw e;
    }
  }
  if (v !== undefined) return v;
  if (dflt !== undefined) return dflt;
  if (it instanceof PyGenerator && it.returnValue !== None) throw stopWith(it.returnValue);
  throw pyError(StopIteration);
}

function stopWith(v: PyValue): Error {
  const e = pyError(StopIteration);
  e.exc.args = tuple([v]);
  return e;
}

function divmod(a: PyValue, b: PyValue): PyValue {
  const x = intOf(a);
  const y = intOf(b);
  if (x !== undefined && y !== undefined) return tuple([intFloorDiv(x, y), intMod(x, y)]);
  const fx = floatOf(a);
  const fy = floatOf(b);
  if (fx !== undefined && fy !== undefined) {
    const [q, r] = floatDivmod(fx, fy);
    return tuple([new PyFloat(q), new PyFloat(r)]);
  }
  const f = typeOf(a).lookup('__divmod__');
  if (f !== undefined) return call(f, [a, b]);
  const rf = typeOf(b).lookup('__rdivmod__');
  if (rf !== undefined) return call(rf, [b, a]);
  throw typeError(`unsupported operand type(s) for divmod(): '${typeName(a)}' and '${typeName(b)}'`);
}

function frameLocals(): PyDict {
  const f = ctx.interp?.frame;
  if (!f) return new PyDict();
  if (!f.code) return f.ns ?? f.globals;
  const d = new PyDict();
  f.code.scope.localNames.forEach((n, i) => {
    const v = f.locals[i];
    if (v !== undefined) d.setStr(n, v);
  });
  f.code.scope.cellNames.forEach((n, i) => {
    const v = f.cells[i]?.value;
    if (v !== undefined && n !== '__class__') d.setStr(n, v);
  });
  return d;
}

function callableValue(v: PyValue): boolean {
  if (v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyBoundMethod || v instanceof PyType) return true;
  return typeOf(v).lookup('__call__') !== undefined;
}

/** The builtin functions, by name. */
export function builtinFunctions(): Record<string, PyValue> {
  return {
    print: nativeRaw('print', (args, kwargs, interp) => {
      let sep = ' ';
      let end = '\n';
      let file: PyValue = None;
      for (const [k, v] of kwargs ?? []) {
        if (k === 'sep') sep = v === None ? ' ' : strArg(v, 'sep');
        else if (k === 'end') end = v === None ? '\n' : strArg(v, 'end');
        else if (k === 'file') file = v;
        else if (k !== 'flush') throw typeError(`'${k}' is an invalid keyword argument for print()`);
      }
      const text = args.map(str).join(sep) + end;
      if (file === None) interp.writeStdout(text);
      else callMethod(file, 'write', [text]);
    }),
    len: native('len(obj, /)', ([o]) => len(o)),
    repr: native('repr(obj, /)', ([o]) => repr(o)),
    ascii: native('ascii(obj, /)', ([o]) => asciiRepr(o)),
    abs: native('abs(x, /)', ([x]) => {
      const f = typeOf(x).lookup('__abs__');
      if (f === undefined) throw typeError(`bad operand type for abs(): '${typeName(x)}'`);
      return call(f, [x]);
    }),
    min: nativeRaw('min', (a, k) => minmax('min', a, k)),
    max: nativeRaw('max', (a, k) => minmax('max', a, k)),
    sum: native('sum(iterable, /, start=0)', ([it, start]) => sum(it, start)),
    sorted: native('sorted(iterable, /, *, key=None, reverse=False)', ([it, key, rev]) => {
      const items = [...toArray(it)];
      sortValues(items, key, truthy(rev));
      return new PyList(items);
    }),
    any: native('any(iterable, /)', ([it]) => {
      const i = iter(it);
      for (let v = i.next(); v !== undefined; v = i.next()) if (truthy(v)) return true;
      return false;
    }),
    all: native('all(iterable, /)', ([it]) => {
      const i = iter(it);
      for (let v = i.next(); v !== undefined; v = i.next()) if (!truthy(v)) return false;
      return true;
    }),
    isinstance: native('isinstance(obj, class_or_tuple, /)', ([o, c]) => instanceCheck(o, c, 'isinstance')),
    issubclass: native('issubclass(cls, class_or_tuple, /)', ([o, c]) => {
      if (!(o instanceof PyType)) throw typeError('issubclass() arg 1 must be a class');
      return instanceCheck(o, c, 'issubclass');
    }),
    hasattr: native('hasattr(obj, name, /)', ([o, n]) => getAttrOr(o, nameArg(n, 'hasattr')) !== undefined),
    getattr: nativeRaw('getattr', (args) => {
      if (args.length < 2 || args.length > 3) throw typeError(`getattr expected 2 or 3 arguments, got ${args.length}`);
      const name = nameArg(args[1], 'getattr');
      const v = getAttrOr(args[0], name, args.length === 2);
      if (v !== undefined) return v;
      if (args.length === 3) return args[2];
      throw noAttribute(args[0], name);
    }),
    setattr: native('setattr(obj, name, value, /)', ([o, n, v]) => setAttr(o, nameArg(n, 'setattr'), v)),
    delattr: native('delattr(obj, name, /)', ([o, n]) => delAttr(o, nameArg(n, 'delattr'))),
    callable: native('callable(obj, /)', ([o]) => callableValue(o)),
    iter: nativeRaw('iter', (args) => {
      if (args.length === 2) {
        const [fn, sentinel] = args;
        let done = false;
        return new PyIterator(() => {
          if (done) return undefined;
          tick();
          const v = call(fn, []);
          if (v === sentinel || (typeof v === typeof sentinel && v === sentinel)) {
            done = true;
            return undefined;
          }
          return v;
        });
      }
      if (args.length !== 1) throw typeError(`iter expected 1 argument, got ${args.length}`);
      const it = iter(args[0]);
      return it instanceof PyObject ? it : new PyIterator(() => it.next());
    }),
    next: nativeRaw('next', (args) => {
      if (args.length < 1 || args.length > 2) throw typeError(`next expected at least 1 argument, got ${args.length}`);
      return nextOf(args[0], args[1]);
    }),
    divmod: native('divmod(x, y, /)', ([a, b]) => divmod(a, b)),
    pow: native('pow(base, exp, mod=None)', ([b, e, m]) => {
      if (m === None) return binaryOp('**', b, e);
      const f = typeOf(b).lookup('__pow__');
      if (f === undefined) throw typeError(`unsupported operand type(s) for pow(): '${typeName(b)}', '${typeName(e)}', '${typeName(m)}'`);
      return call(f, [b, e, m]);
    }),
    round: native('round(number, ndigits=None)', ([x, nd]) => {
      if (x instanceof PyFloat) return roundFloat(x.value, nd);
      const f = typeOf(x).lookup('__round__');
      if (f === undefined) throw typeError(`type ${typeName(x)} doesn't define __round__ method`);
      return call(f, nd === None ? [x] : [x, nd]);
    }),
    hash: native('hash(obj, /)', ([o]) => hashValue(o)),
    id: native('id(obj, /)', ([o]) => objectId(o)),
    vars: nativeRaw('vars', (args) => {
      if (args.length === 0) return frameLocals();
      const o = args[0];
      if (o instanceof PyType) return getAttrOr(o, '__dict__')!;
      if (o instanceof PyObject && o.dict) return o.dict;
      throw typeError('vars() argument must have __dict__ attribute');
    }),
    dir: nativeRaw('dir', (args) => {
      if (args.length === 0) return new PyList(frameLocals().keys().filter((k): k is string => typeof k === 'string').sort());
      const o = args[0];
      if (o instanceof PyModule) return new PyList(o.dict.keys().filter((k): k is string => typeof k === 'string').sort());
      return new PyList(dirNames(o).sort());
    }),
    globals: nativeRaw('globals', () => ctx.interp?.frame?.globals ?? new PyDict()),
    locals: nativeRaw('locals', () => frameLocals()),
    format: native('format(value, format_spec="", /)', ([v, spec]) => formatValue(v, strArg(spec, 'format_spec'))),
    chr: native('chr(i, /)', ([i]) => {
      const n = indexValue(i);
      if (n < 0 || n > 0x10ffff) throw pyError(ValueError, 'chr() arg not in range(0x110000)');
      return String.fromCodePoint(n);
    }),
    ord: native('ord(c, /)', ([c]) => {
      if (typeof c !== 'string') throw typeError(`ord() expected string of length 1, but ${typeName(c)} found`);
      const cps = [...c];
      if (cps.length !== 1) throw typeError(`ord() expected a character, but string of length ${cps.length} found`);
      return cps[0].codePointAt(0)!;
    }),
    hex: native('hex(number, /)', ([n]) => radix(n, 16, '0x')),
    oct: native('oct(number, /)', ([n]) => radix(n, 8, '0o')),
    bin: native('bin(number, /)', ([n]) => radix(n, 2, '0b')),
    __import__: native('__import__(name, globals=None, locals=None, fromlist=(), level=0)', ([name, , , fromlist], interp) => {
      const n = strArg(name, 'name');
      const leaf = interp.importModule(n);
      return toArray(fromlist).length ? leaf : interp.moduleOrPlaceholder(n.split('.')[0]) ?? leaf;
    }),
    open: denied('open', 'model files run without access to the file system; load data in your own script instead'),
    input: denied('input', 'there is no console to read from'),
    eval: denied('eval', 'the sandbox does not run code built from strings'),
    exec: denied('exec', 'the sandbox does not run code built from strings'),
    compile: denied('compile', 'the sandbox does not run code built from strings'),
    breakpoint: denied('breakpoint', 'there is no debugger in the sandbox'),
    exit: denied('exit', 'a model file cannot end the process'),
    quit: denied('quit', 'a model file cannot end the process'),
    help: denied('help', 'there is no interactive help in the sandbox'),
  };
}

function radix(n: PyValue, base: number, prefix: string): string {
  const v = intOf(n) ?? indexValue(n);
  const neg = v < 0;
  return (neg ? '-' : '') + prefix + (neg ? -BigInt(v) : BigInt(v)).toString(base);
}

function strArg(v: PyValue, what: string): string {
  if (typeof v !== 'string') throw typeError(`${what} must be str, not ${typeName(v)}`);
  return v;
}

function nameArg(v: PyValue, fname: string): string {
  if (typeof v !== 'string') throw typeError(`${fname}(): attribute name must be string`);
  return v;
}
