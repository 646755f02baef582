// torch.optim: optimizers and learning-rate schedulers.
export { Optimizer, type ParamGroup, type ParamsArg } from './optimizer';
export { SGD, type SGDOptions } from './sgd';
export { Adam, AdamW, type AdamOptions } from './adam';
export { RMSprop, Adagrad, type RMSpropOptions, type AdagradOptions } from './rmsprop_adagrad';
export { Adadelta, Adamax, type AdadeltaOptions, type AdamaxOptions } from './adadelta_adamax';
export { NAdam, RAdam, type NAdamOptions, type RAdamOptions } from './nadam_radam';
export { SparseAdam, type SparseAdamOptions } from './sparse_adam';
export { LBFGS, type LBFGSOptions } from './lbfgs';
export * as lr_scheduler from './schedulers';
