// torch.utils.checkpoint: activation checkpointing trades memory for recomputation on a GPU; nnlens
// only needs the results, so checkpoint runs the function once and returns what it returns, with
// PyTorch's signature (extra keyword arguments are accepted and ignored). The reentrant mode's node
// name (CheckpointFunctionBackward) is not reproduced: outputs carry the function's own grad_fn.
import { sourceModule } from '../stdlib/source';
import type { ModuleFactory } from '../eval/modules';

const SOURCE = `
def checkpoint(function, *args, use_reentrant=None, context_fn=None, determinism_check="default", debug=False, preserve_rng_state=True, **kwargs):
    return function(*args, **kwargs)

def checkpoint_sequential(functions, segments, input, use_reentrant=None, **kwargs):
    if hasattr(functions, "children"):
        functions = list(functions.children())
    for f in functions:
        input = f(input)
    return input
`;

export const checkpointModule: ModuleFactory = sourceModule('torch.utils.checkpoint', SOURCE);
