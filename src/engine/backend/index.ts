// The one backend seam of the engine: named compute kernels on contiguous typed arrays in PyTorch
// layouts. Nothing outside this folder imports @tensorflow/*; the engine imports this index only.
export { initBackend, backendName, backendInfo, memory, findWasmDir } from './init';
export type { BackendName, BackendInfo, InitOptions } from './init';
export { matmul } from './matmul';
export { matmulF64 } from './matmul_js';
export {
  conv1d, conv2d, conv3d,
  conv1dBackwardInput, conv2dBackwardInput, conv3dBackwardInput,
  conv1dBackwardWeight, conv2dBackwardWeight, conv3dBackwardWeight,
  convOutputSize,
} from './conv';
export type { ConvParams, ConvResult } from './conv';
export { maxPool, maxPoolBackward, avgPool, avgPoolBackward, poolOutputSize } from './pool';
export type { PoolParams, PoolResult } from './pool';
export { adaptiveAvgPool, adaptiveAvgPoolBackward, adaptiveMaxPool } from './adaptive';
export { unsortedSegmentSum } from './segment';
export { unary, erf, UNARY_NAMES } from './unary';
export type { UnaryName } from './unary';
export { BackendError } from './util';
export type { FloatArray, IndexArray } from './util';
