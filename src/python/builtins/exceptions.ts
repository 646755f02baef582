// Methods of the builtin exception classes: construction (args), str/repr as CPython prints them,
// chaining attributes (__cause__, __context__), and the per-class extras (KeyError's str,
// StopIteration.value, SystemExit.code).
import { typeError } from '../runtime/exceptions';
import {
  BaseException, KeyError, PyBaseException, StopIteration, SystemExit,
} from '../runtime/exceptions';
import { defineMethod, defineProperty, defineRawMethod, defineStaticMethod } from '../runtime/native';
import { repr, str, toArray } from '../runtime/protocol';
import { None, PyList, PyType, tuple, type PyValue } from '../runtime/types';

const E = (v: PyValue): PyBaseException => v as PyBaseException;

defineStaticMethod(BaseException, '__new__(cls, *args, **kwargs)', ([cls, args]) => {
  if (!(cls instanceof PyType) || !cls.isSubtypeOf(BaseException)) {
    throw typeError('BaseException.__new__(X): X is not a subtype of BaseException');
  }
  return new PyBaseException(cls, [...toArray(args)]);
});
defineRawMethod(BaseException, '__init__', (args, kwargs) => {
  if (kwargs && kwargs.size && E(args[0]).cls.lookup('__init__') === BaseException.dict.getStr('__init__')) {
    throw typeError(`${E(args[0]).cls.name}() takes no keyword arguments`);
  }
  E(args[0]).args = tuple(args.slice(1));
});
defineMethod(BaseException, '__str__(self, /)', ([self]) => {
  const a = E(self).args.items;
  return a.length === 0 ? '' : a.length === 1 ? str(a[0]) : repr(E(self).args);
});
defineMethod(BaseException, '__repr__(self, /)', ([self]) => {
  const a = E(self).args.items;
  return `${E(self).cls.name}(${a.map(repr).join(', ')})`;
});
defineProperty(BaseException, 'args', {
  get: (self) => E(self).args,
  set: (self, v) => void (E(self).args = tuple([...toArray(v)])),
});
defineProperty(BaseException, '__cause__', {
  get: (self) => E(self).cause,
  set: (self, v) => {
    E(self).cause = v;
    E(self).suppressContext = true;
  },
});
defineProperty(BaseException, '__context__', { get: (self) => E(self).context, set: (self, v) => void (E(self).context = v) });
defineProperty(BaseException, '__suppress_context__', {
  get: (self) => E(self).suppressContext,
  set: (self, v) => void (E(self).suppressContext = v === true),
});
defineProperty(BaseException, '__traceback__', { get: () => None });
defineMethod(BaseException, 'with_traceback(self, tb, /)', ([self]) => self);
defineMethod(BaseException, 'add_note(self, note, /)', ([self, note]) => {
  if (typeof note !== 'string') throw typeError(`note must be a str, not ${typeof note}`);
  const d = E(self).dict!;
  let notes = d.getStr('__notes__');
  if (!(notes instanceof PyList)) {
    notes = new PyList([]);
    d.setStr('__notes__', notes);
  }
  (notes as PyList).items.push(note);
});

defineMethod(KeyError, '__str__(self, /)', ([self]) => {
  const a = E(self).args.items;
  return a.length === 1 ? repr(a[0]) : a.length === 0 ? '' : repr(E(self).args);
});
defineProperty(StopIteration, 'value', { get: (self) => E(self).args.items[0] ?? None });
defineProperty(SystemExit, 'code', {
  get: (self) => {
    const a = E(self).args.items;
    return a.length === 0 ? None : a.length === 1 ? a[0] : E(self).args;
  },
});
