// `class` statements and type(name, bases, ns): run the body in its own namespace, pick the
// metaclass, build the type (C3 MRO, instance layout of builtin bases), then __set_name__,
// __init_subclass__ and the `__class__` cell that zero-argument super() reads.
import type { ClassDefStmt } from '../parse/ast';
import { bindDescriptor } from '../runtime/attrs';
import { call, special, type Kwargs } from '../runtime/call';
import { ctx } from '../runtime/context';
import { TypeError, pyError, typeError } from '../runtime/exceptions';
import { MroError } from '../runtime/object';
import { typeName, typeOf } from '../runtime/protocol';
import {
  None, PyBoundMethod, PyClassMethod, PyDict, PyFunction, PyStaticMethod, PyTuple, PyType, boolType, objectType, tuple, typeType,
  type PyValue,
} from '../runtime/types';
import { evalElements, evalExpr } from './expressions';
import { Frame, makeCells } from './frame';
import { addTraceback } from './functions';
import { execBlock } from './statements';
import { placeholderError } from './placeholders';

export function execClassDef(f: Frame, s: ClassDefStmt): PyValue {
  const decorators = s.decorators.map((d) => evalExpr(f, d));
  const origBases = evalElements(f, s.bases);
  const bases = resolveMroEntries(origBases);
  let meta: PyValue | null = null;
  let kwargs: Map<string, PyValue> | null = null;
  for (const k of s.keywords) {
    const v = evalExpr(f, k.value);
    if (k.name === 'metaclass') meta = v;
    else if (k.name !== null) (kwargs ??= new Map()).set(k.name, v);
    else throw pyError(TypeError, 'class keyword arguments after ** are not supported by nnlens');
  }
  f.node = s;
  for (const b of bases) {
    const err = placeholderError(b);
    if (err) throw err;
  }
  const metaclass = meta ?? deriveMetaclass(bases.filter((b): b is PyType => b instanceof PyType));
  const ns = new PyDict();
  const mod = f.globals.getStr('__name__');
  ns.setStr('__module__', mod ?? '__main__');
  ns.setStr('__qualname__', s.qualname);
  const first = s.body[0];
  if (first && first.kind === 'Expr' && first.value.kind === 'Str') ns.setStr('__doc__', first.value.value);
  if (bases !== origBases) ns.setStr('__orig_bases__', tuple(origBases));
  const scope = s.scope;
  const closure = scope.freeFrom.length ? scope.freeFrom.map((i) => f.cells[i]) : null;
  const cf = new Frame(f.interp, null, f.globals, f.builtins, ns, 0, makeCells(scope.ncellvars, closure), s.name.id, f.filename, s);
  cf.back = f.interp.frame;
  f.interp.frame = cf;
  try {
    execBlock(cf, s.body);
  } catch (e) {
    throw addTraceback(e, cf);
  } finally {
    f.interp.frame = cf.back;
  }
  f.node = s;
  const cls = metaclass === typeType
    ? newClass(typeType, s.name.id, bases, ns, kwargs)
    : call(metaclass, [s.name.id, tuple(bases), ns], kwargs);
  if (scope.classCell >= 0) cf.cells[scope.classCell].value = cls;
  let v: PyValue = cls;
  for (let i = decorators.length - 1; i >= 0; i--) {
    f.node = s.decorators[i];
    v = call(decorators[i], [v]);
  }
  return v;
}

/** PEP 560: a base that is not a class (typing.Generic[T], List[int]) names the classes to use instead. */
function resolveMroEntries(bases: PyValue[]): PyValue[] {
  if (bases.every((b) => b instanceof PyType)) return bases;
  const out: PyValue[] = [];
  for (const b of bases) {
    const me = b instanceof PyType ? undefined : typeOf(b).lookup('__mro_entries__');
    if (me === undefined) out.push(b);
    else out.push(...(call(me, [b, tuple(bases)]) as PyTuple).items);
  }
  return out;
}

function deriveMetaclass(bases: PyType[]): PyType {
  let winner: PyType = typeType;
  for (const b of bases) {
    const m = b.cls;
    if (winner.isSubtypeOf(m)) continue;
    if (m.isSubtypeOf(winner)) winner = m;
    else {
      throw typeError('metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases');
    }
  }
  return winner;
}

/** The most derived builtin layout among the bases; two unrelated builtin layouts conflict. */
function solidLayout(bases: PyType[]): PyType {
  let layout = objectType;
  for (const b of bases) {
    const l = b.layout ?? objectType;
    if (l === objectType || layout.isSubtypeOf(l)) continue;
    if (l.isSubtypeOf(layout)) layout = l;
    else throw typeError('multiple bases have instance lay-out conflict');
  }
  return layout;
}

/** type.__new__(meta, name, bases, ns): a new class. */
export function newClass(meta: PyType, name: string, basesIn: PyValue[], ns: PyDict, kwargs: Kwargs): PyType {
  const bases: PyType[] = [];
  for (const b of basesIn) {
    if (!(b instanceof PyType)) {
      const err = placeholderError(b);
      if (err) throw err;
      throw typeError(`bases must be types, not ${typeName(b)}`);
    }
    if (b === boolType || b.dict.getStr('__nnlens_final__') === true) throw typeError(`type '${b.name}' is not an acceptable base type`);
    if (bases.includes(b)) throw typeError(`duplicate base class ${b.name}`);
    bases.push(b);
  }
  if (bases.length === 0) bases.push(objectType);
  const modName = ns.getStr('__module__');
  let cls: PyType;
  try {
    cls = new PyType(name, bases, false, typeof modName === 'string' ? modName : '__main__', meta);
  } catch (e) {
    if (e instanceof MroError) throw typeError(e.message);
    throw e;
  }
  cls.layout = solidLayout(bases);
  const qual = ns.getStr('__qualname__');
  cls.qualname = typeof qual === 'string' ? qual : name;
  for (const e of ns.entries()) {
    if (e.key === '__qualname__' || typeof e.key !== 'string') continue;
    let v = e.value;
    // __new__ is implicitly a staticmethod; __init_subclass__ and __class_getitem__ classmethods.
    if (v instanceof PyFunction) {
      if (e.key === '__new__') v = new PyStaticMethod(v);
      else if (e.key === '__init_subclass__' || e.key === '__class_getitem__') v = new PyClassMethod(v);
    }
    cls.dict.setStr(e.key, v);
  }
  if (cls.dict.getStr('__doc__') === undefined) cls.dict.setStr('__doc__', None);
  if (cls.dict.getStr('__eq__') !== undefined && cls.dict.getStr('__hash__') === undefined) cls.dict.setStr('__hash__', None);
  for (const e of cls.dict.entries()) {
    const v = e.value;
    if (v instanceof PyType || typeof v !== 'object') continue;
    const setName = typeOf(v).lookup('__set_name__');
    if (setName !== undefined) call(bindDescriptor(setName, v, typeOf(v)), [cls, e.key]);
  }
  const initSub = cls.lookupFrom('__init_subclass__', cls);
  if (initSub !== undefined) {
    const bound = initSub instanceof PyClassMethod ? new PyBoundMethod(initSub.func, cls) : initSub;
    call(bound, [], kwargs);
  } else if (kwargs && kwargs.size) {
    throw typeError(`${name}.__init_subclass__() takes no keyword arguments`);
  }
  return cls;
}

special.typeNew = (meta: PyType, args: PyValue[], kwargs: Kwargs): PyValue => {
  const [name, bases, ns] = args;
  if (typeof name !== 'string') throw typeError(`type.__new__() argument 1 must be str, not ${typeName(name)}`);
  if (!(bases instanceof PyTuple)) throw typeError(`type.__new__() argument 2 must be tuple, not ${typeName(bases)}`);
  if (!(ns instanceof PyDict)) throw typeError(`type.__new__() argument 3 must be dict, not ${typeName(ns)}`);
  const copy = new PyDict();
  for (const e of ns.entries()) copy.set(e.key, e.value);
  if (copy.getStr('__module__') === undefined) {
    copy.setStr('__module__', ctx.interp?.frame?.globals.getStr('__name__') ?? '__main__');
  }
  return newClass(meta, name, [...bases.items], copy, kwargs);
};
