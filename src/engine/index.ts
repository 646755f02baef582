// Public surface of the engine: the Tensor class, the `torch` namespace, dtypes and errors.
export { Tensor, makeTensor, emptyTensor, type Device } from './tensor';
export { torch } from './torch';
export { type DType, DTYPES, isFloating, itemsize, get_default_dtype, set_default_dtype, parseDtype } from './dtype';
export { TorchError, type TorchErrorKind } from './errors';
export { Node, AccumulateGrad } from './autograd/node';
export * as gradMode from './autograd/grad_mode';
