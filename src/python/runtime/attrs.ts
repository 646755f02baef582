// Attribute access as CPython's object.__getattribute__/__setattr__/__delattr__ do it: data
// descriptors on the type, then the instance __dict__, then other class attributes (functions bind
// to the instance), then __getattr__. Classes and modules have their own rules.
import { AttributeError, PyException, attributeError, typeError } from './exceptions';
import { PyObject, PyType, bumpTypeVersion, type PyValue } from './object';
import {
  None, PyBoundMethod, PyBuiltin, PyClassMethod, PyFunction, PyModule, PyProperty, PyStaticMethod,
} from './types';
import { call, special } from './call';
import { noAttribute, typeOf } from './protocol';

/** Applies the descriptor protocol to a class attribute found for `obj` (an instance of `t`). */
export function bindDescriptor(attr: PyValue, obj: PyValue, t: PyType): PyValue {
  if (!(attr instanceof PyObject)) return attr;
  if (attr instanceof PyFunction) return new PyBoundMethod(attr, obj);
  if (attr instanceof PyBuiltin) return attr.owner ? new PyBoundMethod(attr, obj) : attr;
  if (attr instanceof PyStaticMethod) return attr.func;
  if (attr instanceof PyClassMethod) return new PyBoundMethod(attr.func, t);
  if (attr instanceof PyProperty) return getProperty(attr, obj);
  const get = attr.cls.lookup('__get__');
  if (get !== undefined) return call(get, [attr, obj, t]);
  return attr;
}

function getProperty(p: PyProperty, obj: PyValue): PyValue {
  if (p.fget === None) throw attributeError(`property of '${typeOf(obj).name}' object has no getter`);
  return call(p.fget, [obj]);
}

function isDataDescriptor(attr: PyValue): boolean {
  if (!(attr instanceof PyObject)) return false;
  if (attr instanceof PyProperty) return true;
  if (attr instanceof PyFunction || attr instanceof PyBuiltin) return false;
  const t = attr.cls;
  return t.lookup('__set__') !== undefined || t.lookup('__delete__') !== undefined;
}

/** object.__getattribute__: undefined when the attribute does not exist (no __getattr__ fallback). */
export function genericGetAttr(obj: PyValue, name: string): PyValue | undefined {
  if (obj instanceof PyType) return typeGetAttr(obj, name);
  const t = typeOf(obj);
  const attr = t.lookup(name);
  if (attr !== undefined && isDataDescriptor(attr)) return bindDescriptor(attr, obj, t);
  if (obj instanceof PyObject && obj.dict !== null) {
    const v = obj.dict.getStr(name);
    if (v !== undefined) return v;
  }
  if (attr !== undefined) return bindDescriptor(attr, obj, t);
  return undefined;
}

/** Class attribute access: the metaclass's data descriptors, then the MRO, then the metaclass. */
function typeGetAttr(cls: PyType, name: string): PyValue | undefined {
  const meta = cls.cls;
  const metaAttr = meta.lookup(name);
  if (metaAttr !== undefined && isDataDescriptor(metaAttr)) return bindDescriptor(metaAttr, cls, meta);
  const attr = cls.lookup(name);
  if (attr !== undefined) {
    if (!(attr instanceof PyObject)) return attr;
    if (attr instanceof PyStaticMethod) return attr.func;
    if (attr instanceof PyClassMethod) return new PyBoundMethod(attr.func, cls);
    if (attr instanceof PyFunction || attr instanceof PyBuiltin || attr instanceof PyProperty || attr instanceof PyType) return attr;
    const get = attr.cls.lookup('__get__');
    if (get !== undefined) return call(get, [attr, None, cls]);
    return attr;
  }
  if (metaAttr !== undefined) return bindDescriptor(metaAttr, cls, meta);
  return undefined;
}

function moduleGetAttr(m: PyModule, name: string, raiseFromGetattr = true): PyValue | undefined {
  const v = m.dict.getStr(name);
  if (v !== undefined) return v;
  const t = m.cls.lookup(name);
  if (t !== undefined) return bindDescriptor(t, m, m.cls);
  const ga = m.dict.getStr('__getattr__');
  if (ga === undefined) return undefined;
  // PEP 562: an AttributeError from a module __getattr__ means "missing" to hasattr/getattr(default).
  try {
    return call(ga, [name]);
  } catch (e) {
    if (!raiseFromGetattr && e instanceof PyException && e.exc.cls.isSubtypeOf(AttributeError)) return undefined;
    throw e;
  }
}

/** getattr(obj, name); raises AttributeError with CPython's wording when missing. */
export function getAttr(obj: PyValue, name: string): PyValue {
  const v = getAttrOr(obj, name, true);
  if (v === undefined) throw noAttribute(obj, name);
  return v;
}

/**
 * getattr(obj, name) or undefined when missing. `raiseFromGetattr` keeps an AttributeError raised by
 * a user __getattr__ (its message is better than the generic one).
 */
export function getAttrOr(obj: PyValue, name: string, raiseFromGetattr = false): PyValue | undefined {
  if (obj instanceof PyModule) return moduleGetAttr(obj, name, raiseFromGetattr);
  const t = typeOf(obj);
  const ga = t.lookup('__getattribute__');
  let v: PyValue | undefined;
  if (ga === special.objectGetattribute || ga === undefined || obj instanceof PyType) v = genericGetAttr(obj, name);
  else {
    try {
      v = call(ga, [obj, name]);
    } catch (e) {
      if (!(e instanceof PyException && e.exc.cls.isSubtypeOf(AttributeError))) throw e;
    }
  }
  if (v !== undefined) return v;
  const fallback = t.lookup('__getattr__');
  if (fallback === undefined) return undefined;
  try {
    return call(fallback, [obj, name]);
  } catch (e) {
    if (!raiseFromGetattr && e instanceof PyException && e.exc.cls.isSubtypeOf(AttributeError)) return undefined;
    throw e;
  }
}

export function hasAttr(obj: PyValue, name: string): boolean {
  return getAttrOr(obj, name) !== undefined;
}

/** setattr(obj, name, value), through a user or native __setattr__ when the class has one. */
export function setAttr(obj: PyValue, name: string, value: PyValue): void {
  if (obj instanceof PyType) {
    typeSetAttr(obj, name, value);
    return;
  }
  const t = typeOf(obj);
  const sa = t.lookup('__setattr__');
  if (sa !== special.objectSetattr && sa !== undefined) {
    call(sa, [obj, name, value]);
    return;
  }
  genericSetAttr(obj, name, value);
}

export function typeSetAttr(cls: PyType, name: string, value: PyValue): void {
  if (cls.native && !cls.dict.getStr('__nnlens_mutable__')) {
    throw typeError(`cannot set '${name}' attribute of immutable type '${cls.name}'`);
  }
  const metaAttr = cls.cls.lookup(name);
  if (metaAttr instanceof PyProperty) {
    if (metaAttr.fset === None) throw attributeError(`property '${name}' of '${cls.cls.name}' object has no setter`);
    call(metaAttr.fset, [cls, value]);
    return;
  }
  cls.setAttr(name, value);
}

/** object.__setattr__: a data descriptor's setter, else the instance __dict__. */
export function genericSetAttr(obj: PyValue, name: string, value: PyValue): void {
  if (obj instanceof PyType) {
    typeSetAttr(obj, name, value);
    return;
  }
  const t = typeOf(obj);
  const attr = t.lookup(name);
  if (attr instanceof PyProperty) {
    if (attr.fset === None) throw attributeError(`property '${propertyName(attr, name)}' of '${t.name}' object has no setter`);
    call(attr.fset, [obj, value]);
    return;
  }
  if (attr instanceof PyObject && !(attr instanceof PyFunction) && !(attr instanceof PyBuiltin)) {
    const set = attr.cls.lookup('__set__');
    if (set !== undefined) {
      call(set, [attr, obj, value]);
      return;
    }
  }
  if (obj instanceof PyObject && obj.dict !== null) {
    obj.dict.setStr(name, value);
    return;
  }
  throw attributeError(`'${t.name}' object has no attribute '${name}'`);
}

function propertyName(p: PyProperty, fallback: string): string {
  return p.fget instanceof PyFunction ? p.fget.name : fallback;
}

export function delAttr(obj: PyValue, name: string): void {
  const t = typeOf(obj);
  const da = t.lookup('__delattr__');
  if (da !== special.objectDelattr && da !== undefined && !(obj instanceof PyType)) {
    call(da, [obj, name]);
    return;
  }
  genericDelAttr(obj, name);
}

export function genericDelAttr(obj: PyValue, name: string): void {
  if (obj instanceof PyType) {
    if (obj.native) throw typeError(`cannot delete '${name}' attribute of immutable type '${obj.name}'`);
    if (!obj.dict.deleteStr(name)) throw noAttribute(obj, name);
    bumpTypeVersion();
    return;
  }
  const t = typeOf(obj);
  const attr = t.lookup(name);
  if (attr instanceof PyProperty) {
    if (attr.fdel === None) throw attributeError(`property '${propertyName(attr, name)}' of '${t.name}' object has no deleter`);
    call(attr.fdel, [obj]);
    return;
  }
  if (attr instanceof PyObject && !(attr instanceof PyFunction) && !(attr instanceof PyBuiltin)) {
    const del = attr.cls.lookup('__delete__');
    if (del !== undefined) {
      call(del, [attr, obj]);
      return;
    }
  }
  if (obj instanceof PyObject && obj.dict !== null && obj.dict.deleteStr(name)) return;
  throw noAttribute(obj, name);
}
