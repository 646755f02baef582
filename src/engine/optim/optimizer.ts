// torch.optim.Optimizer: param_groups with per-group hyper-parameters, per-parameter state,
// zero_grad, state_dict / load_state_dict in PyTorch's layout (state keyed by parameter index).
import { runtimeError, valueError, typeError } from '../errors';
import { Tensor } from '../tensor';
import { no_grad } from '../autograd/grad_mode';

export type Hyper = Record<string, unknown>;
export interface ParamGroup extends Hyper { params: Tensor[] }
export type ParamsArg = Iterable<Tensor> | Iterable<{ params: Iterable<Tensor> | Tensor } & Hyper>;
export type ParamState = Map<string, Tensor | number | null>;

export abstract class Optimizer {
  param_groups: ParamGroup[] = [];
  state = new Map<Tensor, ParamState>();

  constructor(params: ParamsArg, readonly defaults: Hyper) {
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0) throw valueError('optimizer got an empty parameter list');
    const groups = list[0] instanceof Tensor ? [{ params: list as Tensor[] }] : (list as ({ params: Iterable<Tensor> | Tensor } & Hyper)[]);
    for (const g of groups) this.add_param_group(g);
  }

  add_param_group(group: { params: Iterable<Tensor> | Tensor } & Hyper): void {
    const params = group.params instanceof Tensor ? [group.params] : [...group.params];
    for (const p of params) {
      if (!(p instanceof Tensor)) throw typeError(`optimizer can only optimize Tensors, but one of the params is ${typeof p}`);
      if (!p.is_leaf) throw valueError("can't optimize a non-leaf Tensor");
    }
    const seen = new Set(this.param_groups.flatMap((g) => g.params));
    if (params.some((p) => seen.has(p))) throw valueError('some parameters appear in more than one parameter group');
    const full: ParamGroup = { ...this.defaults, ...group, params };
    for (const [k, v] of Object.entries(full)) {
      if (v === REQUIRED) throw valueError(`parameter group didn't specify a value of required optimization parameter ${k}`);
    }
    this.param_groups.push(full);
  }

  zero_grad(set_to_none = true): void {
    for (const g of this.param_groups) {
      for (const p of g.params) {
        if (!p.grad) continue;
        if (set_to_none) p.grad = null;
        else no_grad(() => p.grad!.zero_());
      }
    }
  }

  /** Runs the update for every parameter that has a gradient; `closure` re-evaluates the loss. */
  step(closure?: () => Tensor | number): Tensor | number | undefined {
    const loss = closure ? closure() : undefined;
    no_grad(() => {
      for (const g of this.param_groups) {
        for (const p of g.params) {
          if (!p.grad) continue;
          let st = this.state.get(p);
          if (!st) this.state.set(p, (st = new Map()));
          this.update(p, p.grad, st, g);
        }
      }
    });
    return loss;
  }

  protected abstract update(p: Tensor, grad: Tensor, state: ParamState, group: ParamGroup): void;

  state_dict(): { state: Map<number, ParamState>; param_groups: Hyper[] } {
    const index = new Map<Tensor, number>();
    let i = 0;
    const groups = this.param_groups.map((g) => {
      const { params, ...rest } = g;
      return { ...rest, params: params.map((p) => { if (!index.has(p)) index.set(p, i++); return index.get(p)!; }) };
    });
    const state = new Map<number, ParamState>();
    for (const [p, s] of this.state) if (index.has(p)) state.set(index.get(p)!, new Map(s));
    return { state, param_groups: groups };
  }

  load_state_dict(sd: { state: Map<number, ParamState>; param_groups: Hyper[] }): void {
    if (sd.param_groups.length !== this.param_groups.length) throw valueError('loaded state dict has a different number of parameter groups');
    const params = this.param_groups.flatMap((g) => g.params);
    sd.param_groups.forEach((g, i) => {
      const ids = g.params as number[];
      if (ids.length !== this.param_groups[i].params.length) {
        throw valueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
      }
      const { params: _p, ...rest } = g;
      Object.assign(this.param_groups[i], rest);
    });
    this.state = new Map();
    for (const [idx, s] of sd.state) {
      const p = params[idx];
      if (!p) throw runtimeError(`optimizer state refers to parameter ${idx}, which does not exist`);
      this.state.set(p, new Map([...s].map(([k, v]) => [k, v instanceof Tensor ? v.clone() : v])));
    }
  }

  toString(): string {
    const lines = [`${this.constructor.name} (`];
    this.param_groups.forEach((g, i) => {
      lines.push(`Parameter Group ${i}`);
      for (const k of Object.keys(g).filter((k) => k !== 'params').sort()) lines.push(`    ${k}: ${fmtHyper(g[k])}`);
    });
    lines.push(')');
    return lines.join('\n');
  }
}

function fmtHyper(v: unknown): string {
  if (Array.isArray(v)) return `(${v.join(', ')})`;
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

/** Marker for a hyper-parameter with no default (PyTorch's `required`). */
export const REQUIRED = Symbol('required');

export const stateTensor = (s: ParamState, key: string): Tensor => s.get(key) as Tensor;
export const stateNumber = (s: ParamState, key: string): number => (s.get(key) as number) ?? 0;
