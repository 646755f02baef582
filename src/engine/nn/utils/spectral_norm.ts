// Spectral normalisation w / σ(w), σ estimated by power iteration on persistent u, v vectors drawn
// from the default generator exactly as PyTorch draws them: the parametrization
// nn.utils.parametrizations.spectral_norm (_SpectralNorm with buffers _u, _v) and the deprecated hook
// form nn.utils.spectral_norm / remove_spectral_norm (weight_orig, weight_u, weight_v).
import type { Tensor } from '../../tensor';
import { indexError, runtimeError, valueError } from '../../errors';
import { no_grad } from '../../autograd/grad_mode';
import { empty } from '../../ops/creation';
import { normal_ } from '../../ops/random';
import { mv, dot } from '../../ops/matmul';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { normalize } from '../functional/linear';
import { register_parametrization } from './parametrize';

function toMatrix(weight: Tensor, dim: number): Tensor {
  const w = dim !== 0 ? weight.permute([dim, ...[...Array(weight.dim()).keys()].filter((d) => d !== dim)]) : weight;
  return w.flatten(1);
}

/** normalize(randn(n)) from the default generator (weight.new_empty(n).normal_(0, 1)). */
function randomUnit(n: number, like: Tensor, eps: number): Tensor {
  return normalize(normal_(empty([n], { dtype: like.dtype, device: like.device }), 0, 1), 2, 0, eps);
}

/** The parametrization module of nn.utils.parametrizations.spectral_norm. */
export class _SpectralNorm extends Module {
  static override pyName = '_SpectralNorm';
  static override pyModule = 'torch.nn.utils.parametrizations';
  dim: number; eps: number; n_power_iterations = 1;

  constructor(weight: Tensor, n_power_iterations = 1, dim = 0, eps = 1e-12) {
    super();
    const ndim = weight.dim();
    if (dim >= ndim || dim < -ndim) throw indexError(`Dimension out of range (expected to be in range of [-${ndim}, ${ndim - 1}] but got ${dim})`);
    if (n_power_iterations <= 0) throw valueError(`Expected n_power_iterations to be positive, but got n_power_iterations=${n_power_iterations}`);
    this.dim = dim >= 0 ? dim : dim + ndim;
    this.eps = eps;
    if (ndim > 1) {
      this.n_power_iterations = n_power_iterations;
      const wm = toMatrix(weight, this.dim);
      const [h, w] = wm.shape;
      no_grad(() => {
        const u = randomUnit(h, wm, eps);
        const v = randomUnit(w, wm, eps);
        this.register_buffer('_u', u);
        this.register_buffer('_v', v);
      });
      this._power_method(wm, 15);
    }
  }

  _power_method(wm: Tensor, iterations: number): void {
    no_grad(() => {
      const u = this._getattr('_u') as Tensor, v = this._getattr('_v') as Tensor;
      for (let i = 0; i < iterations; i++) {
        u.copy_(normalize(mv(wm, v), 2, 0, this.eps));
        v.copy_(normalize(mv(wm.t(), u), 2, 0, this.eps));
      }
    });
  }

  override forward(weight: Tensor): Tensor {
    if (weight.dim() === 1) return normalize(weight, 2, 0, this.eps);
    const wm = toMatrix(weight, this.dim);
    if (this.training) this._power_method(wm, this.n_power_iterations);
    const u = (this._getattr('_u') as Tensor).clone(), v = (this._getattr('_v') as Tensor).clone();
    const sigma = dot(u, mv(wm, v));
    return weight.div(sigma);
  }

  right_inverse(value: Tensor): Tensor { return value; }
}

const isConvTranspose = (m: Module) => /^ConvTranspose[123]d$/.test((m.constructor as { pyName?: string }).pyName ?? '');

/** nn.utils.parametrizations.spectral_norm(module, name='weight', n_power_iterations=1, eps=1e-12, dim=None). */
export function spectral_norm(module: Module, name = 'weight', n_power_iterations = 1, eps = 1e-12, dim: number | null = null): Module {
  const weight = module._hasattr(name) ? module._getattr(name) : null;
  if (!weight || typeof (weight as Tensor).dim !== 'function') throw valueError(`Module '${module.__repr__()}' has no parameter or buffer with name '${name}'`);
  const d = dim ?? (isConvTranspose(module) ? 1 : 0);
  return register_parametrization(module, name, new _SpectralNorm(weight as Tensor, n_power_iterations, d, eps));
}

/** The forward pre-hook of the deprecated nn.utils.spectral_norm (PyTorch's SpectralNorm object). */
interface SpectralHook { (m: Module): void; spectralNorm: { name: string; dim: number; eps: number; n: number } }

function legacyWeight(m: Module, s: SpectralHook['spectralNorm'], power: boolean): Tensor {
  const weight = m._getattr(`${s.name}_orig`) as Tensor;
  let u = m._getattr(`${s.name}_u`) as Tensor, v = m._getattr(`${s.name}_v`) as Tensor;
  const wm = toMatrix(weight, s.dim);
  if (power) {
    no_grad(() => {
      for (let i = 0; i < s.n; i++) {
        v.copy_(normalize(mv(wm.t(), u), 2, 0, s.eps));
        u.copy_(normalize(mv(wm, v), 2, 0, s.eps));
      }
      if (s.n > 0) { u = u.clone(); v = v.clone(); }
    });
  }
  return weight.div(dot(u, mv(wm, v)));
}

/** Deprecated nn.utils.spectral_norm: weight_orig parameter, weight_u / weight_v buffers, a forward pre-hook. */
export function legacy_spectral_norm(module: Module, name = 'weight', n_power_iterations = 1, eps = 1e-12, dim: number | null = null): Module {
  for (const h of module._forward_pre_hooks.values()) {
    const sn = (h as Partial<SpectralHook>).spectralNorm;
    if (sn && sn.name === name) throw runtimeError(`Cannot register two spectral_norm hooks on the same parameter ${name}`);
  }
  const d = dim ?? (isConvTranspose(module) ? 1 : 0);
  const weight = module._parameters.get(name) as Parameter;
  const s = { name, dim: d, eps, n: n_power_iterations };
  const wm = toMatrix(weight, d);
  const [u, v] = no_grad(() => [randomUnit(wm.shape[0], wm, eps), randomUnit(wm.shape[1], wm, eps)]);
  module.__delattr__(name);
  module.register_parameter(`${name}_orig`, weight);
  module.__setattr__(name, weight.detach());
  module.register_buffer(`${name}_u`, u);
  module.register_buffer(`${name}_v`, v);
  const hook = Object.assign((m: Module) => { m.__setattr__(name, legacyWeight(m, s, m.training)); }, { spectralNorm: s });
  module.register_forward_pre_hook(hook);
  return module;
}

export function remove_spectral_norm(module: Module, name = 'weight'): Module {
  for (const [k, h] of module._forward_pre_hooks) {
    const sn = (h as Partial<SpectralHook>).spectralNorm;
    if (sn && sn.name === name) {
      const weight = no_grad(() => legacyWeight(module, sn, false));
      module.__delattr__(name);
      module._parameters.delete(`${name}_orig`);
      module._buffers.delete(`${name}_u`);
      module._buffers.delete(`${name}_v`);
      module.register_parameter(name, new Parameter(weight.detach()));
      module._forward_pre_hooks.delete(k);
      return module;
    }
  }
  throw valueError(`spectral_norm of '${name}' not found in ${module.__repr__()}`);
}
