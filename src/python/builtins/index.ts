// The `builtins` module: the builtin types (whose methods the sibling files install), the
// exception classes, the constants and the builtin functions. Each interpreter gets its own
// module dict; the objects in it are shared (they hold no per-interpreter state).
import type { Interpreter } from '../eval/interpreter';
import { exceptionTypes } from '../runtime/exceptions';
import {
  Ellipsis, NotImplemented, None, PyModule, boolType, classmethodType, dictType, floatType, frozensetType, intType,
  listType, objectType, propertyType, rangeType, setType, sliceType, staticmethodType, strType, superType, tupleType,
  typeType, type PyValue,
} from '../runtime/types';
import './object';
import './descriptors';
import './numbers';
import './str';
import './slices';
import './list';
import './dict';
import './exceptions';
import { enumerateType, filterType, mapType, reversedType, zipType } from './iterators';
import { builtinFunctions } from './functions';

let template: [string, PyValue][] | null = null;

function entries(): [string, PyValue][] {
  if (template) return template;
  const types = [
    objectType, typeType, intType, boolType, floatType, strType, listType, tupleType, dictType, setType, frozensetType,
    rangeType, sliceType, propertyType, staticmethodType, classmethodType, superType, enumerateType, zipType, mapType,
    filterType, reversedType, ...exceptionTypes,
  ];
  template = [
    ...types.map((t): [string, PyValue] => [t.name, t]),
    ['None', None], ['True', true], ['False', false], ['Ellipsis', Ellipsis], ['NotImplemented', NotImplemented],
    ['__debug__', true], ['EnvironmentError', exceptionTypes.find((t) => t.name === 'OSError')!],
    ['IOError', exceptionTypes.find((t) => t.name === 'OSError')!],
    ...Object.entries(builtinFunctions()),
  ];
  return template;
}

export function createBuiltins(_interp: Interpreter): PyModule {
  const m = new PyModule('builtins');
  for (const [k, v] of entries()) m.dict.setStr(k, v);
  m.dict.setStr('__doc__', 'Built-in functions, exceptions, and other objects.');
  return m;
}
