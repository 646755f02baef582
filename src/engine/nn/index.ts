// Public surface of torch.nn: the `nn` namespace (Module, Parameter, containers, the layers, init,
// functional as `F`, global hooks) plus the types the Python bindings and other layers use.
import { Module, addIndent } from './module';
import { typename, set_typename_resolver } from './module_attrs';
import { Parameter, Buffer, isBuffer } from './parameter';
import { Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict } from './containers';
import { Identity, Linear, Bilinear } from './layers/linear';
import * as layers from './layers';
import { F } from './functional';
import * as init from './init';
import * as hooks from './module_hooks';
import { RemovableHandle } from './hooks';
import { StateDict, IncompatibleKeys } from './module_state';
import * as rnnUtils from './utils/rnn';
import * as clipGrad from './utils/clip_grad';
import * as parametrize from './utils/parametrize';
import * as prune from './utils/prune';
import { weight_norm, legacy_weight_norm, remove_weight_norm } from './utils/weight_norm';
import { spectral_norm, legacy_spectral_norm, remove_spectral_norm } from './utils/spectral_norm';

export const nn = {
  Module, Parameter, Buffer, Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict, Identity, Linear, Bilinear, init,
  ...layers, functional: F,
  utils: {
    rnn: rnnUtils, ...clipGrad, parametrize, prune, parametrizations: { weight_norm, spectral_norm },
    weight_norm: legacy_weight_norm, remove_weight_norm, spectral_norm: legacy_spectral_norm, remove_spectral_norm,
  },
  modules: {
    module: {
      register_module_forward_pre_hook: hooks.register_module_forward_pre_hook,
      register_module_forward_hook: hooks.register_module_forward_hook,
      register_module_full_backward_hook: hooks.register_module_full_backward_hook,
      register_module_full_backward_pre_hook: hooks.register_module_full_backward_pre_hook,
      register_module_buffer_registration_hook: hooks.register_module_buffer_registration_hook,
      register_module_module_registration_hook: hooks.register_module_module_registration_hook,
      register_module_parameter_registration_hook: hooks.register_module_parameter_registration_hook,
    },
  },
};

export { Module, Parameter, Buffer, isBuffer, Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict, Identity, Linear, Bilinear, init, F };
export * from './layers';
export { RemovableHandle, StateDict, IncompatibleKeys, typename, addIndent, set_typename_resolver };
export type { Args, Kwargs, ToArg } from './module';
export type { Slice } from './containers';
export { sliceRange } from './containers';
export { PackedSequence } from './utils/rnn';
export { rnn_tanh_cell, rnn_relu_cell, lstm_cell, gru_cell, rnnLayers, type RnnMode, type RnnOptions } from './functional/rnn';
export type { ForwardHook, ForwardPreHook, BackwardHook, BackwardPreHook } from './module_hooks';
export type { FactoryKwargs } from './layers/linear';
export { LOSS_FUNCTIONAL_ARGS } from './functional/loss_reduction';
export { LOSS_MODULE_ARGS } from './layers/loss';
export { LOSS_EXTRA_FUNCTIONAL_ARGS } from './functional/loss_extra';
export { LOSS_EXTRA_MODULE_ARGS } from './layers/loss_extra';
