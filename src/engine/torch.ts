// The `torch` namespace: every public engine function under PyTorch's own name. Each op family
// contributes its exports here (one line per family), so bindings and tests see one flat surface.
import * as elementwise from './ops/elementwise';
import * as compare from './ops/compare';
import * as reduceCore from './ops/reduce_core';
import * as movement from './ops/movement';
import * as convert from './ops/convert';
import * as creation from './ops/creation';
import * as shapeOps from './ops/shape_ops';
import * as matmulOps from './ops/matmul';
import * as einsumOps from './ops/einsum';
import './ops/methods_shape';
import * as random from './ops/random';
import * as reduce from './ops/reduce';
import * as scan from './ops/scan';
import * as scatter from './ops/scatter';
import * as sortOps from './ops/sort';
import * as tailOps from './ops/tail';
import * as tailData from './ops/tail_data';
import { finfo, iinfo } from './ops/tail_info';
import { index_put, index_put_ } from './ops/indexing';
import { torchNnOps } from './nn/functional/torch_ops';
import { cdist, pdist, cosine_similarity, pairwise_distance } from './nn/functional/distance_extra';
import { rms_norm } from './nn/functional/norm_extra';
import { channel_shuffle } from './nn/functional/vision_extra';
import { rrelu } from './nn/functional/activation_extra';
import { set_printoptions, get_printoptions } from './print';
import * as gradMode from './autograd/grad_mode';
import * as autogradEngine from './autograd/engine';
import { get_default_dtype, set_default_dtype, promoteTypes, resultType } from './dtype';
import { Tensor, set_default_device, get_default_device } from './tensor';
import type { TensorLike } from './ops/util';
import { resultTypeOf } from './ops/util';
import './ops/methods_core';
import { view_as_real, view_as_complex, polar, complex } from './ops/complex';

const { sum, mean } = reduceCore;
const { view, reshape, expand, permute, transpose, swapaxes, swapdims, t, unsqueeze, squeeze, flatten, unflatten, narrow, select, clone, detach } = movement;

export const torch = {
  ...elementwise,
  ...compare,
  sum, mean,
  view, reshape, expand, permute, transpose, swapaxes, swapdims, t, unsqueeze, squeeze, flatten, unflatten, narrow, select, clone, detach,
  ...creation,
  ...shapeOps, ...matmulOps, ...einsumOps,
  ...random,
  ...reduce, ...scan, ...scatter, ...sortOps, index_put, index_put_,
  ...tailOps, ...tailData, finfo, iinfo,
  ...torchNnOps,
  cdist, pdist, cosine_similarity, pairwise_distance, rms_norm, channel_shuffle, rrelu,
  set_printoptions, get_printoptions,
  is_tensor: (x: unknown): x is Tensor => x instanceof Tensor,
  numel: (x: Tensor) => x.numel(),
  get_default_dtype, set_default_dtype,
  promote_types: promoteTypes,
  result_type: (a: TensorLike, b: TensorLike) => resultTypeOf(a, b),
  can_cast: (from: string, to: string) => from === to || resultType({ dtype: from as never, dim: 1 }, { dtype: to as never, dim: 1 }) === to,
  is_grad_enabled: gradMode.is_grad_enabled,
  set_grad_enabled: gradMode.set_grad_enabled,
  no_grad: gradMode.no_grad,
  enable_grad: gradMode.enable_grad,
  inference_mode: gradMode.inference_mode,
  is_inference_mode_enabled: gradMode.is_inference_mode_enabled,
  autograd: { backward: autogradEngine.backward, grad: autogradEngine.grad },
  to: convert.to,
  set_default_device, get_default_device,
  view_as_real, view_as_complex, polar, complex,
};
