// torch.nn.utils.parametrize: register_parametrization / remove_parametrizations / is_parametrized.
// As in PyTorch, the module's class is swapped for a `Parametrized<Name>` subclass whose attribute
// reads of a parametrized name run `module.parametrizations[name]()` and whose writes go through
// right_inverse; the originals live at parametrizations.<name>.original (or original0, original1, ...).
import { Tensor } from '../../tensor';
import { notImplemented, valueError } from '../../errors';
import { no_grad } from '../../autograd/grad_mode';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { ModuleDict, ModuleList } from '../containers';

type Tensors = Tensor | Tensor[];
/** A parametrization may define right_inverse (value -> original(s)); JS or Python-bound method. */
type WithInverse = Module & { right_inverse?: (v: Tensor) => Tensors };

function rightInverse(m: Module, v: Tensors): Tensors {
  const f = (m as WithInverse).right_inverse;
  if (typeof f !== 'function' || Array.isArray(v)) return v;
  try {
    return f.call(m, v);
  } catch (e) {
    if ((e as { kind?: string }).kind === 'NotImplementedError') return v;
    throw e;
  }
}

function registerParameterOrBuffer(m: Module, name: string, x: Tensor): void {
  if (x instanceof Parameter) m.register_parameter(name, x);
  else m.register_buffer(name, x);
}

export class ParametrizationList extends ModuleList {
  static override pyName = 'ParametrizationList';
  static override pyModule = 'torch.nn.utils.parametrize';
  unsafe: boolean; is_tensor: boolean; ntensors: number;

  constructor(modules: Module[], original: Tensor, unsafe = false) {
    super(modules);
    this.unsafe = unsafe;
    let neu: Tensors = original;
    no_grad(() => { for (const m of [...modules].reverse()) neu = rightInverse(m, neu); });
    this.is_tensor = !Array.isArray(neu);
    this.ntensors = Array.isArray(neu) ? neu.length : 1;
    if (!Array.isArray(neu)) {
      if (original.dtype !== neu.dtype) throw valueError(`When \`right_inverse\` outputs one tensor, it may not change the dtype.\noriginal.dtype: ${original.dtype}\nright_inverse(original).dtype: ${neu.dtype}`);
      setOriginal(original, neu);
      registerParameterOrBuffer(this, 'original', original);
    } else {
      neu.forEach((t, i) => {
        const oi = original instanceof Parameter ? new Parameter(t.detach(), original.requires_grad) : t.detach().requires_grad_(original.requires_grad);
        registerParameterOrBuffer(this, `original${i}`, oi);
      });
    }
    if (!unsafe) {
      const z = this.forward();
      if (z.dtype !== original.dtype) throw valueError(`Registering a parametrization may not change the dtype of the tensor, unless \`unsafe\` flag is enabled.\nunparametrized dtype: ${original.dtype}\nparametrized dtype: ${z.dtype}`);
      if (z.shape.join() !== original.shape.join()) throw valueError(`Registering a parametrization may not change the shape of the tensor, unless \`unsafe\` flag is enabled.\nunparametrized shape: torch.Size([${original.shape.join(', ')}])\nparametrized shape: torch.Size([${z.shape.join(', ')}])`);
    }
  }

  /** Sets the originals so that the chain evaluates to `value` (module.<name> = value). */
  right_inverse(value: Tensor): void {
    no_grad(() => {
      let v: Tensors = value;
      for (const m of [...this._modules.values()].reverse()) v = rightInverse(m!, v);
      if (this.is_tensor) setOriginal(this._getattr('original') as Tensor, v as Tensor);
      else (v as Tensor[]).forEach((t, i) => setOriginal(this._getattr(`original${i}`) as Tensor, t));
    });
  }

  override forward(): Tensor {
    const mods = [...this._modules.values()] as Module[];
    const originals = this.is_tensor ? [this._getattr('original')] : Array.from({ length: this.ntensors }, (_, i) => this._getattr(`original${i}`));
    let x = mods[0].call(...originals) as Tensor;
    for (const m of mods.slice(1)) x = m.call(x) as Tensor;
    return x;
  }
}

/** original.set_(value): our tensors cannot re-point storage, so same-shape values are copied in. */
function setOriginal(original: Tensor, value: Tensor): void {
  if (original === value) return;
  if (original.shape.join() !== value.shape.join()) throw notImplemented('nnlens: a right_inverse that changes the shape of the original tensor is not supported');
  no_grad(() => original.copy_(value));
}

const parametrizationsOf = (m: Module): ModuleDict | null => {
  const p = m._modules.get('parametrizations');
  return p instanceof ModuleDict ? p : null;
};

export function is_parametrized(module: Module, tensor_name: string | null = null): boolean {
  const p = parametrizationsOf(module);
  if (!p) return false;
  return tensor_name === null ? p.size > 0 : p.has(tensor_name);
}

// parametrize.cached(): while active, each parametrized tensor is computed once and reused.
let cacheDepth = 0;
const cache = new Map<ParametrizationList, Tensor>();
function parametrized(list: ParametrizationList): Tensor {
  if (cacheDepth === 0) return list.forward();
  let t = cache.get(list);
  if (!t) { t = list.forward(); cache.set(list, t); }
  return t;
}

/**
 * parametrize.cached: with `fn`, runs it with caching on; without, returns the context manager
 * (`__enter__` / `__exit__`) the Python `with parametrize.cached():` statement drives.
 */
export function cached<T>(fn?: () => T): T | { __enter__(): void; __exit__(): void } {
  const ctx = {
    __enter__(): void { cacheDepth++; },
    __exit__(): void { if (--cacheDepth === 0) cache.clear(); },
  };
  if (!fn) return ctx;
  ctx.__enter__();
  try { return fn(); } finally { ctx.__exit__(); }
}

const ORIGINAL_CLASS = Symbol('nnlens.parametrize.original');
type Ctor = abstract new (...a: never[]) => Module;

/** Swaps the module's class for a Parametrized<Name> subclass (PyTorch's _inject_new_class). */
function injectNewClass(module: Module): void {
  const base = Object.getPrototypeOf(module).constructor as Ctor & { pyName?: string };
  const name = module._get_name();
  abstract class Parametrized extends base {
    static override pyName = `Parametrized${name}`;
    override _getattr(n: string): unknown {
      const p = parametrizationsOf(this);
      return p?.has(n) ? parametrized(p.get(n) as ParametrizationList) : super._getattr(n);
    }
    override __getattr__(n: string): unknown { return this._getattr(n); }
    override _hasattr(n: string): boolean { return parametrizationsOf(this)?.has(n) || super._hasattr(n); }
    override __setattr__(n: string, v: unknown): void {
      const p = parametrizationsOf(this);
      if (p?.has(n) && v instanceof Tensor) (p.get(n) as ParametrizationList).right_inverse(v);
      else super.__setattr__(n, v);
    }
  }
  Object.setPrototypeOf(module, Parametrized.prototype);
  (module as unknown as Record<symbol, unknown>)[ORIGINAL_CLASS] = { proto: base.prototype, className: module._className };
  if (module._className !== null) module._className = `Parametrized${module._className}`;
}

export function register_parametrization(module: Module, tensor_name: string, parametrization: Module, o: { unsafe?: boolean } = {}): Module {
  const unsafe = o.unsafe ?? false;
  parametrization.train(module.training);
  if (is_parametrized(module, tensor_name)) {
    const list = parametrizationsOf(module)!.get(tensor_name) as ParametrizationList;
    list.append(parametrization);
    list.unsafe ||= unsafe;
  } else if (module._buffers.has(tensor_name) || module._parameters.has(tensor_name)) {
    const original = module._getattr(tensor_name) as Tensor;
    const list = new ParametrizationList([parametrization], original, unsafe);
    module.__delattr__(tensor_name);
    if (!is_parametrized(module)) {
      injectNewClass(module);
      module.__setattr__('parametrizations', new ModuleDict());
    }
    parametrizationsOf(module)!.set(tensor_name, list);
  } else {
    throw valueError(`Module '${module.__repr__()}' does not have a parameter, a buffer, or a parametrized element with name '${tensor_name}'`);
  }
  return module;
}

export function remove_parametrizations(module: Module, tensor_name: string, leave_parametrized = true): Module {
  if (!is_parametrized(module, tensor_name)) throw valueError(`Module ${module.__repr__()} does not have a parametrization on ${tensor_name}`);
  const list = parametrizationsOf(module)!.get(tensor_name) as ParametrizationList;
  let original: Tensor;
  if (list.is_tensor) {
    original = list._getattr('original') as Tensor;
    if (leave_parametrized) {
      const t = no_grad(() => list.forward());
      setOriginal(original, t);
    }
  } else {
    if (!leave_parametrized) throw valueError('Cannot leave unparametrized (`leave_parametrized=False`) a tensor that is parametrized in terms of a sequence of tensors.');
    const t = no_grad(() => list.forward());
    const first = list._getattr('original0') as Tensor;
    original = first instanceof Parameter ? new Parameter(t.detach(), first.requires_grad) : t.detach();
  }
  parametrizationsOf(module)!.__delitem__(tensor_name);
  registerParameterOrBuffer(module, tensor_name, original);
  if (!is_parametrized(module)) {
    module.__delattr__('parametrizations');
    const orig = (module as unknown as Record<symbol, { proto: object; className: string | null }>)[ORIGINAL_CLASS];
    Object.setPrototypeOf(module, orig.proto);
    module._className = orig.className;
    delete (module as unknown as Record<symbol, unknown>)[ORIGINAL_CLASS];
  }
  return module;
}

/** parametrize.type_before_parametrizations, as the class name the module had before it was parametrized. */
export const type_before_parametrizations = (module: Module): string =>
  (is_parametrized(module) ? (Object.getPrototypeOf(Object.getPrototypeOf(module)).constructor as { pyName?: string }).pyName : module._get_name()) ?? module._get_name();
