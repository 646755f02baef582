// Weight normalisation w = g · v / ‖v‖ (norm over every dim but `dim`): torch._weight_norm with its
// fused node WeightNormInterfaceBackward0 (dim 0 or last, as ATen picks it), the parametrization
// nn.utils.parametrizations.weight_norm (originals original0 = g, original1 = v), and the deprecated
// hook form nn.utils.weight_norm / remove_weight_norm (weight_g, weight_v and a forward pre-hook).
import type { Tensor } from '../../tensor';
import { runtimeError, valueError } from '../../errors';
import { record } from '../../autograd/node';
import { no_grad } from '../../autograd/grad_mode';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { register_parametrization } from './parametrize';

/** torch.norm_except_dim: the p-norm over every dim but `dim` (all dims for -1), shaped to broadcast. */
export function norm_except_dim(v: Tensor, pow = 2, dim = 0): Tensor {
  if (dim === -1) return v.norm(pow);
  const n = v.dim();
  if (dim === 0) return v.contiguous().view([v.shape[0], -1]).norm(pow, 1).view([v.shape[0], ...Array<number>(n - 1).fill(1)]);
  if (dim === n - 1) return v.contiguous().view([-1, v.shape[n - 1]]).norm(pow, 0).view([...Array<number>(n - 1).fill(1), v.shape[n - 1]]);
  return norm_except_dim(v.transpose(0, dim), pow, 0).transpose(0, dim);
}

/** torch._weight_norm(v, g, dim). */
export function _weight_norm(v: Tensor, g: Tensor, dim = 0): Tensor {
  const fused = dim === 0 || dim === v.dim() - 1;
  if (!fused) return v.mul(g.div(norm_except_dim(v, 2, dim)));
  const out = no_grad(() => v.mul(g.div(norm_except_dim(v, 2, dim))));
  record('WeightNormInterfaceBackward0', out, [v, g], [v, g], ([gr], [vv, gg]) => {
    const n = norm_except_dim(vv, 2, dim);
    const dims = [...Array(vv.dim()).keys()].filter((d) => d !== dim);
    const dot = gr!.mul(vv).sum(dims, true);
    const gv = gg.div(n).mul(gr!.sub(vv.mul(dot.div(n.mul(n)))));
    const gG = dot.div(n).view(gg.shape);
    return [gv, gG];
  });
  return out;
}

/** The parametrization module of nn.utils.parametrizations.weight_norm. */
export class _WeightNorm extends Module {
  static override pyName = '_WeightNorm';
  static override pyModule = 'torch.nn.utils.parametrizations';
  dim: number;
  constructor(dim: number | null = 0) {
    super();
    this.dim = dim ?? -1;
  }
  override forward(weight_g: Tensor, weight_v: Tensor): Tensor { return _weight_norm(weight_v, weight_g, this.dim); }
  right_inverse(weight: Tensor): Tensor[] { return [norm_except_dim(weight, 2, this.dim), weight]; }
}

/** nn.utils.parametrizations.weight_norm(module, name='weight', dim=0). */
export function weight_norm(module: Module, name = 'weight', dim: number | null = 0): Module {
  register_parametrization(module, name, new _WeightNorm(dim), { unsafe: true });
  // Checkpoints saved with the hook form (weight_g / weight_v) load into the parametrization.
  module._register_load_state_dict_pre_hook((sd, prefix) => {
    const g = `${prefix}${name}_g`, v = `${prefix}${name}_v`;
    if (sd.has(g) && sd.has(v)) {
      sd.set(`${prefix}parametrizations.${name}.original0`, sd.get(g));
      sd.set(`${prefix}parametrizations.${name}.original1`, sd.get(v));
      sd.delete(g);
      sd.delete(v);
    }
  });
  return module;
}

/** The forward pre-hook of the deprecated nn.utils.weight_norm (PyTorch's WeightNorm object). */
interface WeightNormHook { (m: Module): void; weightNorm: { name: string; dim: number } }

const computeWeight = (m: Module, name: string, dim: number) => _weight_norm(m._getattr(`${name}_v`) as Tensor, m._getattr(`${name}_g`) as Tensor, dim);

/** Deprecated nn.utils.weight_norm: weight_g and weight_v parameters, weight recomputed before each forward. */
export function legacy_weight_norm(module: Module, name = 'weight', dim: number | null = 0): Module {
  for (const h of module._forward_pre_hooks.values()) {
    const wn = (h as Partial<WeightNormHook>).weightNorm;
    if (wn && wn.name === name) throw runtimeError(`Cannot register two weight_norm hooks on the same parameter ${name}`);
  }
  const d = dim ?? -1;
  const weight = module._getattr(name) as Tensor;
  module._parameters.delete(name);
  module.register_parameter(`${name}_g`, new Parameter(norm_except_dim(weight, 2, d).detach()));
  module.register_parameter(`${name}_v`, new Parameter(weight.detach()));
  module.__setattr__(name, computeWeight(module, name, d));
  const hook = Object.assign((m: Module) => { m.__setattr__(name, computeWeight(m, name, d)); }, { weightNorm: { name, dim: d } });
  module.register_forward_pre_hook(hook);
  return module;
}

export function remove_weight_norm(module: Module, name = 'weight'): Module {
  for (const [k, h] of module._forward_pre_hooks) {
    const wn = (h as Partial<WeightNormHook>).weightNorm;
    if (wn && wn.name === name) {
      const weight = computeWeight(module, name, wn.dim);
      module.__delattr__(name);
      module._parameters.delete(`${name}_g`);
      module._parameters.delete(`${name}_v`);
      module.__setattr__(name, new Parameter(weight.detach()));
      module._forward_pre_hooks.delete(k);
      return module;
    }
  }
  throw valueError(`weight_norm of '${name}' not found in ${module.__repr__()}`);
}
