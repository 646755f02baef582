// The builtin types and the JS classes of their instances: float, list, tuple, set, functions,
// methods, modules, descriptors, iterators. Methods are attached later by src/python/builtins/*.
import type { CodeInfo, Expr, Stmt } from '../parse/ast';
import type { Interpreter } from '../eval/interpreter';
import type { Signature } from './signature';
import { PyDict, PyObject, PyType, objectType, type PyValue } from './object';

export { PyDict, PyInstance, PyObject, PyType, dictType, objectType, typeType, type PyValue } from './object';

/** A builtin type; `layout` is true when its instances need their own JS class (not their base's). */
export function builtinType(name: string, base: PyType = objectType, newLayout = true, module = 'builtins'): PyType {
  const t = new PyType(name, [base], true, module);
  t.layout = newLayout ? t : base.layout;
  return t;
}

export const intType = builtinType('int');
export const boolType = builtinType('bool', intType, false);
export const floatType = builtinType('float');
export const strType = builtinType('str');
export const listType = builtinType('list');
export const tupleType = builtinType('tuple');
export const setType = builtinType('set');
export const frozensetType = builtinType('frozenset');
export const noneType = builtinType('NoneType');
export const notImplementedType = builtinType('NotImplementedType');
export const ellipsisType = builtinType('ellipsis');
export const functionType = builtinType('function');
export const builtinFunctionType = builtinType('builtin_function_or_method');
export const methodType = builtinType('method');
export const moduleType = builtinType('module');
export const propertyType = builtinType('property');
export const staticmethodType = builtinType('staticmethod');
export const classmethodType = builtinType('classmethod');
export const superType = builtinType('super');
export const rangeType = builtinType('range');
export const sliceType = builtinType('slice');
export const generatorType = builtinType('generator');
export const iteratorType = builtinType('iterator');
export const dictKeysType = builtinType('dict_keys');
export const dictValuesType = builtinType('dict_values');
export const dictItemsType = builtinType('dict_items');
export const cellType = builtinType('cell');
export const mappingProxyType = builtinType('mappingproxy');

/** The `None`, `NotImplemented` and `Ellipsis` singletons. */
export const None = new PyObject(noneType);
export const NotImplemented = new PyObject(notImplementedType);
export const Ellipsis = new PyObject(ellipsisType);

export class PyFloat extends PyObject {
  declare value: number;
  constructor(value: number, cls: PyType = floatType) {
    super(cls);
    this.value = value;
  }
}

/** Instances of a subclass of int or str: the value plus the subclass and its `__dict__`. */
export class PyBoxed extends PyObject {
  declare value: number | bigint | boolean | string;
  constructor(cls: PyType, value: number | bigint | boolean | string) {
    super(cls, new PyDict());
    this.value = value;
  }
}

export class PyList extends PyObject {
  declare items: PyValue[];
  constructor(items: PyValue[], cls: PyType = listType) {
    super(cls);
    this.items = items;
  }
}

export class PyTuple extends PyObject {
  declare readonly items: PyValue[];
  constructor(items: PyValue[], cls: PyType = tupleType) {
    super(cls);
    (this as { items: PyValue[] }).items = items;
  }
}

export const emptyTuple = new PyTuple([]);

export function tuple(items: PyValue[]): PyTuple {
  return items.length === 0 ? emptyTuple : new PyTuple(items);
}

/** set and frozenset: the keys of a PyDict whose values are unused. */
export class PySet extends PyObject {
  declare table: PyDict;
  constructor(cls: PyType = setType) {
    super(cls);
    this.table = new PyDict();
  }
}

export class PySlice extends PyObject {
  declare start: PyValue;
  declare stop: PyValue;
  declare step: PyValue;
  constructor(start: PyValue, stop: PyValue, step: PyValue) {
    super(sliceType);
    this.start = start;
    this.stop = stop;
    this.step = step;
  }
}

export class PyRange extends PyObject {
  declare start: number;
  declare stop: number;
  declare step: number;
  constructor(start: number, stop: number, step: number) {
    super(rangeType);
    this.start = start;
    this.stop = stop;
    this.step = step;
  }
  get length(): number {
    const { start, stop, step } = this;
    if (step > 0) return stop > start ? Math.floor((stop - start - 1) / step) + 1 : 0;
    return stop < start ? Math.floor((start - stop - 1) / -step) + 1 : 0;
  }
}

export class PyCell {
  declare value: PyValue | undefined;
  constructor(value: PyValue | undefined = undefined) {
    this.value = value;
  }
}

/** A function defined by `def` or `lambda`. */
export class PyFunction extends PyObject {
  name: string;
  qualname: string;
  doc: PyValue = None;
  /** The interpreter it was defined in (a call from host code outside a run enters that interpreter). */
  interp: Interpreter | null = null;
  constructor(
    public code: CodeInfo,
    /** The `def` body, or the lambda's expression. */
    public body: Stmt[] | Expr,
    public globals: PyDict,
    public defaults: PyValue[],
    public kwdefaults: Map<string, PyValue> | null,
    public closure: PyCell[] | null,
    public module: string,
    public filename: string,
  ) {
    super(functionType, new PyDict());
    this.name = code.name;
    this.qualname = code.qualname;
  }
}

/** A native's result; returning nothing (undefined) means None. */
export type NativeResult = PyValue | void;
export type NativeFn = (args: PyValue[], interp: Interpreter) => NativeResult;
export type RawNativeFn = (args: PyValue[], kwargs: Map<string, PyValue> | null, interp: Interpreter) => NativeResult;

/**
 * A function implemented in JS. With a signature, `fn` receives the arguments bound the way Python
 * binds them (declaration order; *args as a tuple, **kwargs as a dict); without one, `raw` gets them as passed.
 */
export class PyBuiltin extends PyObject {
  /** The class it is a method of: attribute access on an instance binds it. */
  owner: PyType | null = null;
  doc: string | null = null;
  constructor(
    public name: string,
    public sig: Signature | null,
    public fn: NativeFn | null,
    public raw: RawNativeFn | null = null,
  ) {
    super(builtinFunctionType);
  }
  get qualname(): string {
    return this.owner ? `${this.owner.name}.${this.name}` : this.name;
  }
}

export class PyBoundMethod extends PyObject {
  declare func: PyValue;
  declare self: PyValue;
  constructor(func: PyValue, self: PyValue) {
    super(methodType);
    this.func = func;
    this.self = self;
  }
}

export class PyModule extends PyObject {
  declare dict: PyDict;
  constructor(public name: string, public filename: string | null = null) {
    super(moduleType, new PyDict());
    this.dict.setStr('__name__', name);
  }
}

export class PyProperty extends PyObject {
  constructor(public fget: PyValue, public fset: PyValue, public fdel: PyValue, public doc: PyValue, cls: PyType = propertyType) {
    super(cls);
  }
}

export class PyStaticMethod extends PyObject {
  constructor(public func: PyValue) {
    super(staticmethodType, new PyDict());
  }
}

export class PyClassMethod extends PyObject {
  constructor(public func: PyValue) {
    super(classmethodType, new PyDict());
  }
}

export class PySuper extends PyObject {
  constructor(public thisType: PyType, public obj: PyValue, public objType: PyType) {
    super(superType);
  }
}

/** An iterator driven by a JS function: `next()` returns undefined when exhausted. */
export class PyIterator extends PyObject {
  declare next: () => PyValue | undefined;
  constructor(next: () => PyValue | undefined, cls: PyType = iteratorType) {
    super(cls);
    this.next = next;
  }
}

/** dict.keys()/values()/items(): live views of a dict. */
export class PyDictView extends PyObject {
  constructor(public d: PyDict, cls: PyType) {
    super(cls);
  }
}

/** A read-only view of a class namespace (`Cls.__dict__`). */
export class PyMappingProxy extends PyObject {
  constructor(public d: PyDict) {
    super(mappingProxyType);
  }
}
