// Accelerator and compiler APIs that only change speed on real hardware, so a CPU run can accept
// them: torch.compile / torch.jit return what they are given, autocast is a no-op context manager,
// GradScaler passes losses through. Each use is reported once through the info hook.
import { sourceModule } from '../stdlib/source';
import { native } from '../runtime/native';
import type { ModuleFactory } from '../eval/modules';
import { bindingHooks } from './values';

const note = native('_note(message)', ([m]) => {
  bindingHooks.info(String(m));
});

const AMP = String.raw`
class autocast:
    def __init__(self, device_type="cpu", dtype=None, enabled=True, cache_enabled=None):
        self.device_type = device_type
        self.enabled = enabled
        if enabled:
            _note("autocast has no effect: nnlens computes in the tensors' own dtypes")
    def __enter__(self):
        return self
    def __exit__(self, *args):
        return False
    def __call__(self, fn):
        return fn

class GradScaler:
    def __init__(self, device="cuda", init_scale=65536.0, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000, enabled=True):
        self._enabled = enabled
        self._scale = init_scale
        if enabled:
            _note("GradScaler has no effect: nnlens does not scale losses (no float16 overflow to guard against)")
    def scale(self, outputs):
        return outputs
    def unscale_(self, optimizer):
        pass
    def step(self, optimizer, *args, **kwargs):
        return optimizer.step(*args, **kwargs)
    def update(self, new_scale=None):
        pass
    def get_scale(self):
        return 1.0
    def is_enabled(self):
        return self._enabled
    def state_dict(self):
        return {}
    def load_state_dict(self, state_dict):
        pass
`;

const JIT = String.raw`
def script(obj=None, *args, **kwargs):
    _note("torch.jit.script returns its argument unchanged in nnlens")
    return obj

def trace(func, example_inputs=None, *args, **kwargs):
    _note("torch.jit.trace returns its argument unchanged in nnlens")
    return func

def ignore(drop=False, **kwargs):
    if callable(drop):
        return drop
    return lambda fn: fn

def unused(fn):
    return fn

def export(fn):
    return fn

def is_scripting():
    return False

def is_tracing():
    return False
`;

const withNote = (name: string, src: string): ModuleFactory => sourceModule(name, src, (_i, m) => m.dict.setStr('_note', note));

export const ampModule = withNote('torch.amp', AMP);
export const cudaAmpModule = withNote('torch.cuda.amp', AMP);
export const jitModule = withNote('torch.jit', JIT);

/** torch.compile(model, ...): the model itself (compilation only changes speed). */
export const compileFn = native('compile(model=None, *, fullgraph=False, dynamic=None, backend="inductor", mode=None, options=None, disable=False)', ([model]) => {
  bindingHooks.info('torch.compile returns the model unchanged in nnlens');
  return model;
});

export const setMatmulPrecision = native('set_float32_matmul_precision(precision)', () => undefined);
