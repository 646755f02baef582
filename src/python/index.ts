// The public surface of src/python: parsing and listing for the editor, the sandboxed interpreter,
// the host-module registry and native-class seam for bindings, conversions, and the error types.
// Everything outside src/python imports from here.

// parsing and listing
export { initParser, isParserReady, type ParserInitOptions } from './parse/wasm';
export { parse, type ParseResult, type TextEdit } from './parse/parser';
export { parseFile, parseExpression, clearParseCache } from './parse/cache';
export type { PyDiagnostic } from './parse/diagnostics';
export { listClasses, listFunctions, type ClassInfo, type FunctionInfo, type RangeInfo } from './parse/listing';
export type * as ast from './parse/ast';
export type { ModuleNode, Stmt, Expr, Span } from './parse/ast';

// running code
export {
  Interpreter, type FileProvider, type InterpreterOptions, type RunOptions, type RunResult, type SkippedStatement,
} from './eval/interpreter';
export { createInterpreter, memoryFiles } from './eval/create';
export { registerModule, makeModule, type ModuleFactory } from './eval/modules';
export { formatTraceback, describeError, type ErrorReport } from './eval/traceback';
export { PyGenerator } from './eval/generators';
export { PyPlaceholder } from './eval/placeholders';

// the object model and the seam for bindings
export {
  PyObject, PyInstance, PyType, PyDict, PyFloat, PyList, PyTuple, PySet, PyModule, PyFunction, PyBuiltin, PyBoundMethod,
  PySlice, PyRange, PyIterator, PyBoxed, PyProperty, PyStaticMethod, PyClassMethod, PyDictView, None, NotImplemented,
  Ellipsis, tuple, objectType, typeType, intType, floatType,
  strType, boolType, listType, tupleType, dictType, type PyValue, type NativeFn, type RawNativeFn, type NativeResult,
} from './runtime/types';
export {
  native, nativeRaw, nativeClass, defineMethod, defineRawMethod, defineStaticMethod, defineClassMethod, defineProperty,
  newInstance, payloadOf, type NativeClassSpec, type NativeProperty,
} from './runtime/native';
export { parseSignature, bindArgs, type Signature } from './runtime/signature';
export { call, callMethod, fromJsError, type Kwargs } from './runtime/call';
export { getAttr, getAttrOr, setAttr, delAttr, hasAttr, genericSetAttr, genericGetAttr } from './runtime/attrs';
export {
  typeOf, typeName, isInstance, truthy, len, iter, toArray, getItem, setItem, contains, repr, str, hashValue, indexValue,
  type PyIter,
} from './runtime/protocol';
export { binaryOp, unaryOp, compareOp, richEq } from './runtime/ops';
export { currentInterpreter, tick } from './runtime/context';
export * from './runtime/convert';

// errors
export {
  PyException, PyBaseException, BudgetExceededError, pyError, newException, type TraceEntry,
  BaseException, Exception, TypeError, ValueError, AttributeError, IndexError, KeyError, RuntimeError, NameError,
  ImportError, ModuleNotFoundError, NotImplementedError, StopIteration, ZeroDivisionError, AssertionError,
  RecursionError, PermissionError, OverflowError, SyntaxError, UserWarning,
} from './runtime/exceptions';
/** Every builtin exception class, for code that would rather not shadow the JS globals TypeError & co. */
export * as exceptions from './runtime/exceptions';

import './stdlib';

// torch bindings (torch, torch.nn, F, optim, einops) for every interpreter, and running files with them
export { registerTorchBindings, bindingHooks } from './bindings';
export {
  tensorOf as engineTensorOf, moduleOf as engineModuleOf, wrapTensor as pyTensor, wrapModule as pyModule,
} from './bindings/values';
export { runFile, runSource, nodeFiles, saveTorchState, type RunFileOptions, type RunFileResult } from './bindings/run';
import { registerTorchBindings } from './bindings';
registerTorchBindings();
