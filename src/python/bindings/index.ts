// Registers the torch family of host modules with the interpreter: torch, torch.nn (+ functional,
// init, utils), torch.optim (+ lr_scheduler), torch.cuda/backends/autograd, and einops.
import { registerModule, makeModule } from '../eval/modules';
import { ModuleType } from './nn_module';
import './module_copy';
import { layerClasses } from './nn_layers';
import { functionalAttrs } from './functional';
import { initAttrs } from './init';
import { utilsAttrs, utilsSubmoduleAttrs } from './utils';
import { rnnUtilsAttrs } from './rnn_utils';
import { optimAttrs } from './optim';
import {
  ParameterType, createAutogradModule, createBackendsModule, createCudaModule, createTorchModule,
} from './torch_module';
import { einopsAttrs, einopsLayerAttrs } from './einops';
import { dataModule } from './data';
import { checkpointModule } from './checkpoint';
import { ampModule, cudaAmpModule, jitModule } from './shims';
import { native } from '../runtime/native';
import { AttributeError, pyError } from '../runtime/exceptions';
import { PyModule as PyModuleClass, type PyModule } from '../runtime/types';
import type { Interpreter } from '../eval/interpreter';

let registered = false;

/** A submodule created by its parent's factory (the parent is not in sys.modules yet, so no import). */
function submodule(interp: Interpreter, name: string, make: () => PyModule): PyModule {
  const have = interp.modules.getStr(name);
  if (have instanceof PyModuleClass) return have;
  const m = make();
  interp.modules.setStr(name, m);
  return m;
}

/** torch.nn.utils with its `rnn` submodule as an attribute (`nn.utils.rnn.pad_sequence`). */
function utilsModule(interp: Interpreter): PyModule {
  const m = makeModule('torch.nn.utils', utilsAttrs());
  m.dict.setStr('rnn', submodule(interp, 'torch.nn.utils.rnn', () => makeModule('torch.nn.utils.rnn', rnnUtilsAttrs())));
  for (const [name, attrs] of Object.entries(utilsSubmoduleAttrs())) {
    m.dict.setStr(name, submodule(interp, `torch.nn.utils.${name}`, () => makeModule(`torch.nn.utils.${name}`, attrs)));
  }
  return m;
}

/** Makes `import torch` (and friends) available to every Interpreter. Idempotent. */
export function registerTorchBindings(): void {
  if (registered) return;
  registered = true;
  registerModule('torch', createTorchModule);
  registerModule('torch.nn', (interp): PyModule => {
    const m = makeModule('torch.nn', { ...layerClasses(), Parameter: ParameterType, Module: ModuleType });
    // `import torch.nn as nn` then `nn.functional.relu`: the submodules exist as attributes at once.
    m.dict.setStr('functional', submodule(interp, 'torch.nn.functional', () => makeModule('torch.nn.functional', functionalAttrs())));
    m.dict.setStr('init', submodule(interp, 'torch.nn.init', () => makeModule('torch.nn.init', initAttrs())));
    m.dict.setStr('utils', submodule(interp, 'torch.nn.utils', () => utilsModule(interp)));
    return m;
  });
  registerModule('torch.nn.functional', () => makeModule('torch.nn.functional', functionalAttrs()));
  registerModule('torch.nn.init', () => makeModule('torch.nn.init', initAttrs()));
  registerModule('torch.nn.utils', utilsModule);
  registerModule('torch.nn.utils.rnn', () => makeModule('torch.nn.utils.rnn', rnnUtilsAttrs()));
  for (const name of ['parametrize', 'parametrizations', 'prune']) {
    registerModule(`torch.nn.utils.${name}`, () => makeModule(`torch.nn.utils.${name}`, utilsSubmoduleAttrs()[name]));
  }
  registerModule('torch.nn.parameter', () => makeModule('torch.nn.parameter', { Parameter: ParameterType }));
  registerModule('torch.nn.modules', () => makeModule('torch.nn.modules', { ...layerClasses() }));
  registerModule('torch.optim', (interp) => {
    const m = makeModule('torch.optim', optimAttrs().optim);
    m.dict.setStr('lr_scheduler', submodule(interp, 'torch.optim.lr_scheduler', () => makeModule('torch.optim.lr_scheduler', optimAttrs().sched)));
    return m;
  });
  registerModule('torch.optim.lr_scheduler', () => makeModule('torch.optim.lr_scheduler', optimAttrs().sched));
  registerModule('torch.cuda', createCudaModule);
  registerModule('torch.backends', createBackendsModule);
  registerModule('torch.autograd', createAutogradModule);
  registerModule('torch.utils', (interp) => {
    const m = makeModule('torch.utils', {});
    m.dict.setStr('__getattr__', native('__getattr__(name)', ([name]) => {
      if (name === 'data') return interp.importModule('torch.utils.data');
      if (name === 'checkpoint') return interp.importModule('torch.utils.checkpoint');
      throw pyError(AttributeError, `module 'torch.utils' has no attribute '${String(name)}'`);
    }));
    return m;
  });
  registerModule('torch.utils.data', dataModule);
  registerModule('torch.utils.checkpoint', checkpointModule);
  registerModule('torch.amp', ampModule);
  registerModule('torch.cuda.amp', cudaAmpModule);
  registerModule('torch.jit', jitModule);
  registerModule('einops', () => makeModule('einops', einopsAttrs()));
  registerModule('einops.layers', () => makeModule('einops.layers', {}));
  registerModule('einops.layers.torch', () => makeModule('einops.layers.torch', einopsLayerAttrs()));
}

export { bindingHooks } from './values';
