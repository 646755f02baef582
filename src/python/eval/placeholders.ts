// Placeholders for modules nnlens does not provide (numpy, torchvision, ...), when the interpreter is
// asked to bind them instead of failing at the import: the file still loads, and only *using* the
// module (calling, indexing, subclassing, operators) raises the ModuleNotFoundError it stands for.
import { ModuleNotFoundError, PyException, newException } from '../runtime/exceptions';
import { PyObject, builtinType, type PyValue } from '../runtime/types';
import { defineRawMethod } from '../runtime/native';

export const placeholderType = builtinType('unavailable');

export class PyPlaceholder extends PyObject {
  private readonly children = new Map<string, PyPlaceholder>();
  constructor(readonly fullName: string, readonly message: string) {
    super(placeholderType);
  }
  child(name: string): PyPlaceholder {
    let c = this.children.get(name);
    if (!c) {
      c = new PyPlaceholder(`${this.fullName}.${name}`, this.message);
      this.children.set(name, c);
    }
    return c;
  }
}

export function placeholderError(v: PyValue): PyException | null {
  if (!(v instanceof PyPlaceholder)) return null;
  const e = new PyException(newException(ModuleNotFoundError, [`${v.message} (needed for ${v.fullName})`]));
  return e;
}

const use = (args: PyValue[]): never => {
  throw placeholderError(args[0])!;
};

defineRawMethod(placeholderType, '__getattr__', ([self, name]) => {
  if (typeof name === 'string' && self instanceof PyPlaceholder) return self.child(name);
  return use([self]);
});
defineRawMethod(placeholderType, '__repr__', ([self]) => {
  const p = self as PyPlaceholder;
  return `<unavailable ${p.fullName}: ${p.message}>`;
});
for (const name of [
  '__call__', '__getitem__', '__setitem__', '__iter__', '__len__', '__bool__', '__contains__', '__enter__', '__exit__',
  '__add__', '__radd__', '__sub__', '__rsub__', '__mul__', '__rmul__', '__truediv__', '__rtruediv__', '__matmul__',
  '__rmatmul__', '__neg__', '__lt__', '__gt__', '__le__', '__ge__', '__index__', '__int__', '__float__',
]) {
  defineRawMethod(placeholderType, name, use);
}
