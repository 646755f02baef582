// `object`, `type` and `super`: the root of every class, the metaclass of every class, and
// cooperative method lookup along the MRO (both super() forms).
import { genericDelAttr, genericGetAttr, genericSetAttr, bindDescriptor } from '../runtime/attrs';
import { special, typeCall } from '../runtime/call';
import { ctx } from '../runtime/context';
import { RuntimeError, attributeError, pyError, typeError } from '../runtime/exceptions';
import { defineMethod, defineProperty, defineRawMethod, defineStaticMethod, nativeRaw } from '../runtime/native';
import { call } from '../runtime/call';
import { defaultRepr, noAttribute, objectId, repr, str, truthy, typeName, typeOf } from '../runtime/protocol';
import {
  None, NotImplemented, PyBoundMethod, PyClassMethod, PyDict, PyFunction, PyInstance, PyList, PyMappingProxy, PyObject,
  PyStaticMethod, PySuper, PyTuple, PyType, objectType, superType, tuple, typeType, type PyValue,
} from '../runtime/types';

// ---------------------------------------------------------------- object

const objectNew = new PyStaticMethod(nativeRaw('__new__', (args) => {
  const cls = args[0];
  if (!(cls instanceof PyType)) throw typeError(`object.__new__(X): X is not a type object (${typeName(cls)})`);
  if (cls.layout !== objectType && cls.layout !== null) {
    throw typeError(`object.__new__(${cls.name}) is not safe, use ${cls.layout.name}.__new__()`);
  }
  return new PyInstance(cls);
}));
objectType.dict.setStr('__new__', objectNew);
special.objectNew = objectNew;

special.objectInit = defineRawMethod(objectType, '__init__', (args, kwargs) => {
  if (args.length > 1 || (kwargs && kwargs.size)) {
    const self = args[0];
    const t = typeOf(self);
    // CPython only complains when neither __init__ nor __new__ is overridden... or __init__ is called explicitly with args.
    if (t.lookup('__new__') === objectNew || t.lookup('__init__') !== special.objectInit) {
      throw typeError('object.__init__() takes exactly one argument (the instance to initialize)');
    }
  }
});
special.objectSetattr = defineMethod(objectType, '__setattr__(self, name, value, /)', ([self, name, value]) => {
  if (typeof name !== 'string') throw typeError(`attribute name must be string, not '${typeName(name)}'`);
  genericSetAttr(self, name, value);
});
special.objectDelattr = defineMethod(objectType, '__delattr__(self, name, /)', ([self, name]) => {
  if (typeof name !== 'string') throw typeError(`attribute name must be string, not '${typeName(name)}'`);
  genericDelAttr(self, name);
});
special.objectGetattribute = defineMethod(objectType, '__getattribute__(self, name, /)', ([self, name]) => {
  if (typeof name !== 'string') throw typeError(`attribute name must be string, not '${typeName(name)}'`);
  const v = genericGetAttr(self, name);
  if (v === undefined) throw noAttribute(self, name);
  return v;
});
special.objectEq = defineMethod(objectType, '__eq__(self, other, /)', ([self, other]) => (self === other ? true : NotImplemented));
defineMethod(objectType, '__ne__(self, other, /)', ([self, other]) => {
  const eq = typeOf(self).lookup('__eq__');
  const r = eq === undefined ? NotImplemented : call(eq, [self, other]);
  return r === NotImplemented ? r : !truthy(r);
});
special.objectHash = defineMethod(objectType, '__hash__(self, /)', ([self]) => objectId(self) >> 4);
defineMethod(objectType, '__repr__(self, /)', ([self]) => defaultRepr(self as PyObject));
special.objectStr = defineMethod(objectType, '__str__(self, /)', ([self]) => repr(self));
special.objectFormat = defineMethod(objectType, '__format__(self, format_spec, /)', ([self, spec]) => {
  if (spec !== '') throw typeError(`unsupported format string passed to ${typeName(self)}.__format__`);
  return str(self);
});
objectType.dict.setStr('__init_subclass__', new PyClassMethod(nativeRaw('__init_subclass__', (args, kwargs) => {
  if (kwargs && kwargs.size) throw typeError(`${(args[0] as PyType).name}.__init_subclass__() takes no keyword arguments`);
})));
objectType.dict.setStr('__doc__', 'The base class of the class hierarchy.');
defineProperty(objectType, '__class__', { get: (self) => typeOf(self) });
defineProperty(objectType, '__dict__', {
  get: (self) => {
    if (self instanceof PyObject && self.dict) return self.dict;
    throw attributeError(`'${typeName(self)}' object has no attribute '__dict__'`);
  },
});
defineMethod(objectType, '__dir__(self, /)', ([self]) => new PyList(dirNames(self).sort()));
defineMethod(objectType, '__reduce_ex__(self, protocol, /)', ([self]) => {
  throw typeError(`cannot pickle '${typeName(self)}' object`);
});

export function dirNames(v: PyValue): string[] {
  const names = new Set<string>();
  if (v instanceof PyObject && v.dict) for (const k of v.dict.keys()) if (typeof k === 'string') names.add(k);
  const t = v instanceof PyType ? v : typeOf(v);
  for (const c of t.mro) for (const k of c.dict.keys()) if (typeof k === 'string') names.add(k);
  return [...names];
}

// ---------------------------------------------------------------- type

special.typeCall = defineRawMethod(typeType, '__call__', (args, kwargs) => {
  const cls = args[0];
  if (!(cls instanceof PyType)) throw typeError("descriptor '__call__' requires a 'type' object");
  return typeCall(cls, args.slice(1), kwargs);
});
typeType.dict.setStr('__new__', new PyStaticMethod(nativeRaw('__new__', (args, kwargs) => {
  const [meta, ...rest] = args;
  if (!(meta instanceof PyType)) throw typeError('type.__new__(X): X is not a type object');
  if (rest.length === 1 && meta === typeType) return typeOf(rest[0]);
  if (rest.length !== 3) throw typeError('type.__new__() takes exactly 3 arguments');
  return special.typeNew!(meta, rest, kwargs);
})));
defineRawMethod(typeType, '__init__', () => None);
defineMethod(typeType, '__repr__(self, /)', ([self]) => {
  const t = self as PyType;
  const mod = t.dict.getStr('__module__');
  const m = typeof mod === 'string' ? mod : t.module;
  return `<class '${m && m !== 'builtins' ? `${m}.` : ''}${t.qualname}'>`;
});
defineMethod(typeType, 'mro(self, /)', ([self]) => new PyList([...(self as PyType).mro]));
defineMethod(typeType, '__subclasses__(self, /)', () => new PyList([]));
defineMethod(typeType, '__instancecheck__(self, instance, /)', ([self, inst]) => typeOf(inst).isSubtypeOf(self as PyType));
defineMethod(typeType, '__subclasscheck__(self, subclass, /)', ([self, sub]) => sub instanceof PyType && sub.isSubtypeOf(self as PyType));
defineProperty(typeType, '__name__', {
  get: (self) => (self as PyType).name,
  set: (self, v) => {
    if (typeof v !== 'string') throw typeError(`can only assign string to ${(self as PyType).name}.__name__, not '${typeName(v)}'`);
    (self as PyType).name = v;
  },
});
defineProperty(typeType, '__qualname__', {
  get: (self) => (self as PyType).qualname,
  set: (self, v) => {
    if (typeof v === 'string') (self as PyType).qualname = v;
  },
});
defineProperty(typeType, '__module__', {
  get: (self) => {
    const m = (self as PyType).dict.getStr('__module__');
    return m ?? (self as PyType).module;
  },
  set: (self, v) => (self as PyType).dict.setStr('__module__', v),
});
defineProperty(typeType, '__bases__', { get: (self) => tuple([...(self as PyType).bases]) });
defineProperty(typeType, '__base__', { get: (self) => (self as PyType).bases[0] ?? None });
defineProperty(typeType, '__mro__', { get: (self) => tuple([...(self as PyType).mro]) });
defineProperty(typeType, '__dict__', { get: (self) => new PyMappingProxy((self as PyType).dict) });
defineProperty(typeType, '__doc__', {
  get: (self) => (self as PyType).dict.getStr('__doc__') ?? None,
  set: (self, v) => (self as PyType).dict.setStr('__doc__', v),
});
defineProperty(typeType, '__annotations__', {
  set: (self, v) => (self as PyType).setAttr('__annotations__', v),
  get: (self) => {
    const t = self as PyType;
    let a = t.dict.getStr('__annotations__');
    if (!(a instanceof PyDict)) {
      a = new PyDict();
      t.dict.setStr('__annotations__', a);
    }
    return a;
  },
});

// ---------------------------------------------------------------- super

defineStaticMethod(superType, '__new__(cls, type=None, obj=None)', ([, t, obj]) => makeSuper(t, obj));
defineRawMethod(superType, '__init__', () => None);

function makeSuper(t: PyValue, obj: PyValue): PySuper {
  if (t === None) {
    const f = ctx.interp?.frame;
    const code = f?.code;
    if (!f || !code) throw pyError(RuntimeError, 'super(): no arguments');
    const ci = code.scope.classCell;
    if (ci < 0) throw pyError(RuntimeError, 'super(): __class__ cell not found');
    const cls = f.cells[ci].value;
    if (!(cls instanceof PyType)) throw pyError(RuntimeError, 'super(): empty __class__ cell');
    const nparams = code.params.positional.length + (code.params.vararg ? 1 : 0);
    if (nparams === 0) throw pyError(RuntimeError, 'super(): no arguments');
    let first = f.locals[0];
    if (first === undefined) {
      const cp = code.scope.cellParams.find(([slot]) => slot === 0);
      first = cp ? f.cells[cp[1]].value : undefined;
    }
    if (first === undefined) throw pyError(RuntimeError, 'super(): arg[0] deleted');
    // `def f(*args): super()` uses the first of *args, as CPython does.
    if (code.params.positional.length === 0 && first instanceof PyTuple) first = first.items[0];
    if (first === undefined) throw pyError(RuntimeError, 'super(): no arguments');
    return superOf(cls, first);
  }
  if (!(t instanceof PyType)) throw typeError(`super() argument 1 must be a type, not ${typeName(t)}`);
  if (obj === None) return new PySuper(t, None, t);
  return superOf(t, obj);
}

function superOf(t: PyType, obj: PyValue): PySuper {
  if (obj instanceof PyType && obj.isSubtypeOf(t)) return new PySuper(t, obj, obj);
  const ot = typeOf(obj);
  if (!ot.isSubtypeOf(t)) throw typeError('super(type, obj): obj must be an instance or subtype of type');
  return new PySuper(t, obj, ot);
}

defineMethod(superType, '__getattribute__(self, name, /)', ([self, name]) => {
  const s = self as PySuper;
  const n = name as string;
  if (n !== '__class__') {
    const attr = s.objType.lookupFrom(n, s.thisType);
    if (attr !== undefined) {
      if (s.obj === None) return attr;
      if (s.obj === s.objType && s.obj instanceof PyType) {
        // super() inside a classmethod or __new__: bind as the class would.
        if (attr instanceof PyStaticMethod) return attr.func;
        if (attr instanceof PyClassMethod) return new PyBoundMethod(attr.func, s.obj);
        if (attr instanceof PyFunction) return attr;
        return bindDescriptor(attr, s.obj, typeOf(s.obj));
      }
      return bindDescriptor(attr, s.obj, s.objType);
    }
  }
  const v = genericGetAttr(s, n);
  if (v === undefined) throw attributeError(`'super' object has no attribute '${n}'`);
  return v;
});
defineMethod(superType, '__repr__(self, /)', ([self]) => {
  const s = self as PySuper;
  return `<super: <class '${s.thisType.name}'>, ${s.obj === None ? 'NULL' : `<${s.objType.name} object>`}>`;
});
defineProperty(superType, '__thisclass__', { get: (self) => (self as PySuper).thisType });
defineProperty(superType, '__self__', { get: (self) => (self as PySuper).obj });
defineProperty(superType, '__self_class__', { get: (self) => (self as PySuper).objType });

