// Public surface of the engine: the Tensor class, the `torch` namespace, dtypes and errors.
export { Tensor, makeTensor, emptyTensor, type Device } from './tensor';
export { torch } from './torch';
export { type DType, DTYPES, isFloating, itemsize, get_default_dtype, set_default_dtype, parseDtype } from './dtype';
export { TorchError, type TorchErrorKind } from './errors';
export { Node, AccumulateGrad } from './autograd/node';
export * as gradMode from './autograd/grad_mode';
export { nn } from './nn';
export { formatTensor, formatSize, set_printoptions, get_printoptions, type PrintOptions } from './print';
export { Generator, default_generator } from './random';
export { index, index_put, index_put_, Ellipsis, pySlice, type IndexItem, type IndexSlice, type IndexEllipsis } from './ops/indexing';
export type { ValuesIndices } from './ops/reduce';
export { wrappedScalar } from './ops/util';
export { onOpCount, countOp, opCounting, type OpCountListener } from './op_count';
export * as optim from './optim';
export { initBackend, backendInfo } from './backend';
export { set_typename_resolver } from './nn';
