// Python exceptions: the builtin exception classes, the exception object, the JS error that carries
// it up the JS stack (PyException) with a traceback of source ranges, and the budget error that
// Python code cannot catch.
import { None, PyTuple, builtinType, tuple, type PyType, type PyValue } from './types';
import { PyDict, PyObject } from './object';

export interface TraceEntry {
  file: string;
  /** The function's name, `<module>` for module code. */
  name: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export class PyBaseException extends PyObject {
  args: PyTuple;
  cause: PyValue = None;
  context: PyValue = None;
  suppressContext = false;
  /** Innermost frame first, filled while the exception unwinds. */
  traceback: TraceEntry[] = [];
  /** The frame the last traceback entry came from, so a frame is recorded once (see eval/functions.ts). */
  tbFrame: unknown = null;
  constructor(cls: PyType, args: PyValue[]) {
    super(cls, new PyDict());
    this.args = tuple(args);
  }
}

/** The JS error that carries a Python exception; `exc` is the exception object Python code sees. */
export class PyException extends Error {
  constructor(readonly exc: PyBaseException) {
    const a = exc.args.items;
    super(a.length === 1 && typeof a[0] === 'string' ? a[0] : a.length === 0 ? '' : '(see exception arguments)');
    this.name = exc.cls.name;
  }
  get traceback(): TraceEntry[] {
    return this.exc.traceback;
  }
}

/**
 * The step or wall-time budget ran out. Deliberately not a Python exception, so `except Exception`
 * (or a bare `except:`) in user code cannot swallow it; `finally` blocks do not run either.
 */
export class BudgetExceededError extends Error {
  traceback: TraceEntry[] = [];
  tbFrame: unknown = null;
  constructor(readonly budget: 'steps' | 'time', limit: number) {
    super(budget === 'steps'
      ? `nnlens stopped the program after ${limit.toLocaleString('en-US')} steps (the step budget); is there an endless loop?`
      : `nnlens stopped the program after ${limit} ms (the time budget); is there an endless loop?`);
    this.name = 'BudgetExceededError';
  }
}

const exc = (name: string, base: PyType): PyType => {
  const t = builtinType(name, base, false);
  return t;
};

export const BaseException = builtinType('BaseException');
export const SystemExit = exc('SystemExit', BaseException);
export const KeyboardInterrupt = exc('KeyboardInterrupt', BaseException);
export const GeneratorExit = exc('GeneratorExit', BaseException);
export const Exception = exc('Exception', BaseException);
export const StopIteration = exc('StopIteration', Exception);
export const ArithmeticError = exc('ArithmeticError', Exception);
export const ZeroDivisionError = exc('ZeroDivisionError', ArithmeticError);
export const OverflowError = exc('OverflowError', ArithmeticError);
export const FloatingPointError = exc('FloatingPointError', ArithmeticError);
export const AssertionError = exc('AssertionError', Exception);
export const AttributeError = exc('AttributeError', Exception);
export const BufferError = exc('BufferError', Exception);
export const EOFError = exc('EOFError', Exception);
export const ImportError = exc('ImportError', Exception);
export const ModuleNotFoundError = exc('ModuleNotFoundError', ImportError);
export const LookupError = exc('LookupError', Exception);
export const IndexError = exc('IndexError', LookupError);
export const KeyError = exc('KeyError', LookupError);
export const MemoryError = exc('MemoryError', Exception);
export const NameError = exc('NameError', Exception);
export const UnboundLocalError = exc('UnboundLocalError', NameError);
export const OSError = exc('OSError', Exception);
export const FileNotFoundError = exc('FileNotFoundError', OSError);
export const FileExistsError = exc('FileExistsError', OSError);
export const PermissionError = exc('PermissionError', OSError);
export const IsADirectoryError = exc('IsADirectoryError', OSError);
export const NotADirectoryError = exc('NotADirectoryError', OSError);
export const TimeoutError = exc('TimeoutError', OSError);
export const ConnectionError = exc('ConnectionError', OSError);
export const ReferenceError = exc('ReferenceError', Exception);
export const RuntimeError = exc('RuntimeError', Exception);
export const NotImplementedError = exc('NotImplementedError', RuntimeError);
export const RecursionError = exc('RecursionError', RuntimeError);
export const SyntaxError = exc('SyntaxError', Exception);
export const IndentationError = exc('IndentationError', SyntaxError);
export const SystemError = exc('SystemError', Exception);
export const TypeError = exc('TypeError', Exception);
export const ValueError = exc('ValueError', Exception);
export const UnicodeError = exc('UnicodeError', ValueError);
export const Warning = exc('Warning', Exception);
export const UserWarning = exc('UserWarning', Warning);
export const DeprecationWarning = exc('DeprecationWarning', Warning);
export const PendingDeprecationWarning = exc('PendingDeprecationWarning', Warning);
export const RuntimeWarning = exc('RuntimeWarning', Warning);
export const FutureWarning = exc('FutureWarning', Warning);
export const SyntaxWarning = exc('SyntaxWarning', Warning);
export const ImportWarning = exc('ImportWarning', Warning);
export const UnicodeWarning = exc('UnicodeWarning', Warning);
export const ResourceWarning = exc('ResourceWarning', Warning);

/** Every builtin exception class by name, for the builtins module. */
export const exceptionTypes: PyType[] = [
  BaseException, SystemExit, KeyboardInterrupt, GeneratorExit, Exception, StopIteration, ArithmeticError,
  ZeroDivisionError, OverflowError, FloatingPointError, AssertionError, AttributeError, BufferError, EOFError,
  ImportError, ModuleNotFoundError, LookupError, IndexError, KeyError, MemoryError, NameError, UnboundLocalError,
  OSError, FileNotFoundError, FileExistsError, PermissionError, IsADirectoryError, NotADirectoryError, TimeoutError,
  ConnectionError, ReferenceError, RuntimeError, NotImplementedError, RecursionError, SyntaxError, IndentationError,
  SystemError, TypeError, ValueError, UnicodeError, Warning, UserWarning, DeprecationWarning,
  PendingDeprecationWarning, RuntimeWarning, FutureWarning, SyntaxWarning, ImportWarning, UnicodeWarning,
  ResourceWarning,
];

/** A new exception object of `type` (a builtin or user exception class) with the given args. */
export function newException(type: PyType, args: PyValue[] = []): PyBaseException {
  return new PyBaseException(type, args);
}

/** The JS error to `throw` for a Python exception: `throw pyError(TypeError, "...")`. */
export function pyError(type: PyType, message?: string): PyException {
  return new PyException(newException(type, message === undefined ? [] : [message]));
}

export const typeError = (m: string): PyException => pyError(TypeError, m);
export const valueError = (m: string): PyException => pyError(ValueError, m);
export const attributeError = (m: string): PyException => pyError(AttributeError, m);
export const indexError = (m: string): PyException => pyError(IndexError, m);
export const runtimeError = (m: string): PyException => pyError(RuntimeError, m);
export const zeroDivision = (m: string): PyException => pyError(ZeroDivisionError, m);
export const overflowError = (m: string): PyException => pyError(OverflowError, m);
export const notImplemented = (m: string): PyException => pyError(NotImplementedError, m);
export const keyError = (key: PyValue): PyException => new PyException(newException(KeyError, [key]));

export function isExceptionType(v: PyValue): v is PyType {
  return v instanceof PyObject && 'mro' in v && (v as PyType).mro.includes(BaseException);
}
