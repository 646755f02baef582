// The builtin types that are not containers or numbers: property, staticmethod, classmethod,
// functions and methods, modules, None/NotImplemented/Ellipsis, generators and iterators.
import { bindDescriptor } from '../runtime/attrs';
import { call } from '../runtime/call';
import { PyBaseException, StopIteration, attributeError, newException, PyException, typeError } from '../runtime/exceptions';
import { defineMethod, defineProperty, defineRawMethod, defineStaticMethod } from '../runtime/native';
import { objectId, repr, typeName, typeOf } from '../runtime/protocol';
import {
  None, NotImplemented, PyBoundMethod, PyBuiltin, PyClassMethod, PyDict, PyFunction, PyIterator, PyModule,
  PyList, PyProperty, PyStaticMethod, PyType, builtinFunctionType, classmethodType, ellipsisType, functionType, generatorType,
  iteratorType, methodType, moduleType, noneType, notImplementedType, propertyType, staticmethodType, tuple,
  type PyValue,
} from '../runtime/types';
import { PyGenerator } from '../eval/generators';

const hex = (v: PyValue): string => `0x${objectId(v).toString(16).padStart(12, '0')}`;

// ---------------------------------------------------------------- property

defineStaticMethod(propertyType, '__new__(cls, fget=None, fset=None, fdel=None, doc=None)', ([cls, fget, fset, fdel, doc]) => {
  const d = doc === None && fget instanceof PyFunction ? fget.doc : doc;
  return new PyProperty(fget, fset, fdel, d, cls as PyType);
});
defineRawMethod(propertyType, '__init__', () => None);
const copyProperty = (p: PyProperty, changes: Partial<Pick<PyProperty, 'fget' | 'fset' | 'fdel'>>): PyProperty =>
  new PyProperty(changes.fget ?? p.fget, changes.fset ?? p.fset, changes.fdel ?? p.fdel, p.doc, p.cls);
defineMethod(propertyType, 'getter(self, fget, /)', ([self, f]) => copyProperty(self as PyProperty, { fget: f }));
defineMethod(propertyType, 'setter(self, fset, /)', ([self, f]) => copyProperty(self as PyProperty, { fset: f }));
defineMethod(propertyType, 'deleter(self, fdel, /)', ([self, f]) => copyProperty(self as PyProperty, { fdel: f }));
defineMethod(propertyType, '__get__(self, instance, owner=None, /)', ([self, inst, owner]) => {
  if (inst === None) return self;
  return bindDescriptor(self, inst, owner instanceof PyType ? owner : typeOf(inst));
});
defineMethod(propertyType, '__set__(self, instance, value, /)', ([self, inst, value]) => {
  const p = self as PyProperty;
  if (p.fset === None) throw attributeError("can't set attribute");
  call(p.fset, [inst, value]);
});
defineMethod(propertyType, '__delete__(self, instance, /)', ([self, inst]) => {
  const p = self as PyProperty;
  if (p.fdel === None) throw attributeError("can't delete attribute");
  call(p.fdel, [inst]);
});
defineProperty(propertyType, 'fget', { get: (self) => (self as PyProperty).fget });
defineProperty(propertyType, 'fset', { get: (self) => (self as PyProperty).fset });
defineProperty(propertyType, 'fdel', { get: (self) => (self as PyProperty).fdel });
defineProperty(propertyType, '__doc__', { get: (self) => (self as PyProperty).doc });
defineProperty(propertyType, '__isabstractmethod__', {
  get: (self) => {
    const f = (self as PyProperty).fget;
    return f instanceof PyFunction && f.dict!.getStr('__isabstractmethod__') === true;
  },
});

// ---------------------------------------------------------------- staticmethod / classmethod

defineStaticMethod(staticmethodType, '__new__(cls, function, /)', ([, f]) => new PyStaticMethod(f));
defineRawMethod(staticmethodType, '__init__', () => None);
defineStaticMethod(classmethodType, '__new__(cls, function, /)', ([, f]) => new PyClassMethod(f));
defineRawMethod(classmethodType, '__init__', () => None);
defineProperty(staticmethodType, '__func__', { get: (self) => (self as PyStaticMethod).func });
defineProperty(classmethodType, '__func__', { get: (self) => (self as PyClassMethod).func });
defineProperty(staticmethodType, '__wrapped__', { get: (self) => (self as PyStaticMethod).func });
defineProperty(classmethodType, '__wrapped__', { get: (self) => (self as PyClassMethod).func });
defineMethod(staticmethodType, '__get__(self, instance, owner=None, /)', ([self]) => (self as PyStaticMethod).func);
defineMethod(classmethodType, '__get__(self, instance, owner=None, /)', ([self, inst, owner]) =>
  new PyBoundMethod((self as PyClassMethod).func, owner instanceof PyType ? owner : typeOf(inst)));
defineRawMethod(staticmethodType, '__call__', (args, kwargs) => call((args[0] as PyStaticMethod).func, args.slice(1), kwargs));
for (const t of [staticmethodType, classmethodType]) {
  defineProperty(t, '__isabstractmethod__', {
    get: (self) => {
      const f = (self as PyStaticMethod).func;
      return f instanceof PyFunction && f.dict!.getStr('__isabstractmethod__') === true;
    },
  });
}

// ---------------------------------------------------------------- functions and methods

const fn = (v: PyValue): PyFunction => v as PyFunction;
defineProperty(functionType, '__name__', {
  get: (self) => fn(self).name,
  set: (self, v) => {
    if (typeof v !== 'string') throw typeError('__name__ must be set to a string object');
    fn(self).name = v;
  },
});
defineProperty(functionType, '__qualname__', {
  get: (self) => fn(self).qualname,
  set: (self, v) => {
    if (typeof v !== 'string') throw typeError('__qualname__ must be set to a string object');
    fn(self).qualname = v;
  },
});
defineProperty(functionType, '__doc__', { get: (self) => fn(self).doc, set: (self, v) => void (fn(self).doc = v) });
defineProperty(functionType, '__module__', {
  get: (self) => fn(self).module,
  set: (self, v) => void (fn(self).module = typeof v === 'string' ? v : fn(self).module),
});
defineProperty(functionType, '__defaults__', {
  get: (self) => (fn(self).defaults.length ? tuple([...fn(self).defaults]) : None),
});
defineProperty(functionType, '__kwdefaults__', {
  get: (self) => {
    const k = fn(self).kwdefaults;
    if (!k) return None;
    const d = new PyDict();
    for (const [n, v] of k) d.setStr(n, v);
    return d;
  },
});
defineProperty(functionType, '__globals__', { get: (self) => fn(self).globals });
defineProperty(functionType, '__annotations__', { get: () => new PyDict() });
defineMethod(functionType, '__repr__(self, /)', ([self]) => `<function ${fn(self).qualname} at ${hex(self)}>`);
defineMethod(functionType, '__get__(self, instance, owner=None, /)', ([self, inst]) => (inst === None ? self : new PyBoundMethod(self, inst)));

const bf = (v: PyValue): PyBuiltin => v as PyBuiltin;
defineProperty(builtinFunctionType, '__name__', { get: (self) => bf(self).name });
defineProperty(builtinFunctionType, '__qualname__', { get: (self) => bf(self).qualname });
defineProperty(builtinFunctionType, '__doc__', { get: (self) => bf(self).doc ?? None });
defineProperty(builtinFunctionType, '__module__', { get: () => 'builtins' });
defineMethod(builtinFunctionType, '__repr__(self, /)', ([self]) => {
  const b = bf(self);
  return b.owner ? `<method '${b.name}' of '${b.owner.name}' objects>` : `<built-in function ${b.name}>`;
});
defineMethod(builtinFunctionType, '__get__(self, instance, owner=None, /)', ([self, inst]) =>
  inst === None || !bf(self).owner ? self : new PyBoundMethod(self, inst));

const bm = (v: PyValue): PyBoundMethod => v as PyBoundMethod;
defineProperty(methodType, '__func__', { get: (self) => bm(self).func });
defineProperty(methodType, '__self__', { get: (self) => bm(self).self });
defineRawMethod(methodType, '__getattr__', ([self, name]) => {
  const f = bm(self).func;
  if (typeof name === 'string' && f instanceof PyFunction) {
    if (name === '__name__') return f.name;
    if (name === '__qualname__') return f.qualname;
    if (name === '__doc__') return f.doc;
    if (name === '__module__') return f.module;
    const v = f.dict!.getStr(name);
    if (v !== undefined) return v;
  }
  if (typeof name === 'string' && f instanceof PyBuiltin && name === '__name__') return f.name;
  throw attributeError(`'method' object has no attribute '${String(name)}'`);
});
defineMethod(methodType, '__repr__(self, /)', ([self]) => {
  const m = bm(self);
  const q = m.func instanceof PyFunction ? m.func.qualname : m.func instanceof PyBuiltin ? m.func.qualname : '?';
  return m.func instanceof PyBuiltin
    ? `<built-in method ${m.func.name} of ${typeName(m.self)} object at ${hex(m.self)}>`
    : `<bound method ${q} of ${repr(m.self)}>`;
});
defineMethod(methodType, '__eq__(self, other, /)', ([self, other]) =>
  other instanceof PyBoundMethod ? bm(self).func === other.func && bm(self).self === other.self : NotImplemented);
defineMethod(methodType, '__hash__(self, /)', ([self]) => objectId(bm(self).func) ^ objectId(bm(self).self));

// ---------------------------------------------------------------- modules and singletons

defineMethod(moduleType, '__repr__(self, /)', ([self]) => {
  const m = self as PyModule;
  return m.filename ? `<module '${m.name}' from '${m.filename}'>` : `<module '${m.name}' (built-in)>`;
});
defineProperty(moduleType, '__dict__', { get: (self) => (self as PyModule).dict });
defineMethod(moduleType, '__dir__(self, /)', ([self]) => {
  return new PyList((self as PyModule).dict.keys().filter((k): k is string => typeof k === 'string').sort());
});

defineMethod(noneType, '__repr__(self, /)', () => 'None');
defineMethod(noneType, '__bool__(self, /)', () => false);
defineMethod(noneType, '__hash__(self, /)', () => 0xfcfe7ff);
defineMethod(notImplementedType, '__repr__(self, /)', () => 'NotImplemented');
defineMethod(ellipsisType, '__repr__(self, /)', () => 'Ellipsis');
for (const t of [noneType, notImplementedType, ellipsisType]) t.dict.setStr('__nnlens_final__', true);

// ---------------------------------------------------------------- generators and iterators

const gen = (v: PyValue): PyGenerator => v as PyGenerator;
defineMethod(generatorType, '__iter__(self, /)', ([self]) => self);
defineMethod(generatorType, '__next__(self, /)', ([self]) => {
  const v = gen(self).next();
  if (v === undefined) throw stopIteration(gen(self).returnValue);
  return v;
});
defineMethod(generatorType, 'send(self, value, /)', ([self, value]) => {
  const v = gen(self).send(value);
  if (v === undefined) throw stopIteration(gen(self).returnValue);
  return v;
});
defineMethod(generatorType, 'throw(self, typ, val=None, tb=None, /)', ([self, typ, val]) => {
  let exc: PyValue = typ;
  if (typ instanceof PyType) exc = call(typ, val === None ? [] : [val]);
  if (!(exc instanceof PyBaseException)) throw typeError('exceptions must derive from BaseException');
  const v = gen(self).throw(new PyException(exc));
  if (v === undefined) throw stopIteration(gen(self).returnValue);
  return v;
});
defineMethod(generatorType, 'close(self, /)', ([self]) => gen(self).close());
defineMethod(generatorType, '__repr__(self, /)', ([self]) => `<generator object ${gen(self).name} at ${hex(self)}>`);
defineProperty(generatorType, '__name__', { get: (self) => gen(self).name });

function stopIteration(value: PyValue): PyException {
  return new PyException(newException(StopIteration, value === None ? [] : [value]));
}

defineMethod(iteratorType, '__iter__(self, /)', ([self]) => self);
defineMethod(iteratorType, '__next__(self, /)', ([self]) => {
  const v = (self as PyIterator).next();
  if (v === undefined) throw stopIteration(None);
  return v;
});
defineMethod(iteratorType, '__repr__(self, /)', ([self]) => `<${typeName(self)} object at ${hex(self)}>`);
