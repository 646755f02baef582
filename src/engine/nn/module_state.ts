// state_dict and load_state_dict of nn.Module, with PyTorch's key order, metadata, hooks, strict
// checking and error text ("Error(s) in loading state_dict for Linear:\n\tsize mismatch for ...").
import { Tensor } from '../tensor';
import { runtimeError, typeError } from '../errors';
import { no_grad } from '../autograd/grad_mode';
import { Parameter } from './parameter';
import type { Module } from './module';

export interface Metadata { version?: number; assign_to_params_buffers?: boolean }

/** An ordered name → tensor map (PyTorch's OrderedDict) carrying per-module `_metadata`. */
export class StateDict extends Map<string, unknown> {
  _metadata: Map<string, Metadata> | null = new Map();
}
export type StateDictLike = Map<string, unknown> | Record<string, unknown>;

export type StateDictPreHook = (m: Module, prefix: string, keep_vars: boolean) => void;
export type StateDictHook = (m: Module, sd: StateDict, prefix: string, local_metadata: Metadata) => StateDict | null | undefined | void;
export type LoadPreHook = (sd: Map<string, unknown>, prefix: string, local_metadata: Metadata, strict: boolean,
  missing_keys: string[], unexpected_keys: string[], error_msgs: string[]) => void;
export type LoadPostHook = (m: Module, incompatible: IncompatibleKeys) => void;

/** PyTorch's _IncompatibleKeys named tuple. */
export class IncompatibleKeys {
  constructor(public readonly missing_keys: string[], public readonly unexpected_keys: string[]) {}
  toString(): string {
    if (!this.missing_keys.length && !this.unexpected_keys.length) return '<All keys matched successfully>';
    const list = (ks: string[]) => `[${ks.map((k) => `'${k}'`).join(', ')}]`;
    return `_IncompatibleKeys(missing_keys=${list(this.missing_keys)}, unexpected_keys=${list(this.unexpected_keys)})`;
  }
}

export const fmtSize = (s: readonly number[]) => `torch.Size([${s.join(', ')}])`;

export function saveToStateDict(m: Module, dest: StateDict, prefix: string, keepVars: boolean): void {
  for (const [name, p] of m._parameters) if (p) dest.set(prefix + name, keepVars ? p : p.detach());
  for (const [name, b] of m._buffers) {
    if (b && !m._non_persistent_buffers_set.has(name)) dest.set(prefix + name, keepVars ? b : b.detach());
  }
}

export function stateDict(m: Module, destination: StateDict | undefined, prefix: string, keepVars: boolean): StateDict {
  let dest = destination ?? new StateDict();
  const local: Metadata = { version: (m.constructor as typeof Module)._version };
  dest._metadata?.set(prefix.slice(0, -1), local);
  for (const h of m._state_dict_pre_hooks.values()) h(m, prefix, keepVars);
  m._save_to_state_dict(dest, prefix, keepVars);
  for (const [name, child] of m._modules) {
    if (child) child.state_dict({ destination: dest, prefix: prefix + name + '.', keep_vars: keepVars });
  }
  for (const h of m._state_dict_hooks.values()) {
    const r = h(m, dest, prefix, local);
    if (r) dest = r;
  }
  return dest;
}

const pyType = (v: unknown): string => {
  const n = v === null || v === undefined ? 'NoneType' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float')
    : typeof v === 'string' ? 'str' : typeof v === 'boolean' ? 'bool' : Array.isArray(v) ? 'list' : (v as object).constructor?.name ?? 'object';
  return `<class '${n}'>`;
};

export function loadFromStateDict(m: Module, sd: Map<string, unknown>, prefix: string, meta: Metadata, strict: boolean,
  missing: string[], unexpected: string[], errors: string[]): void {
  for (const h of m._load_state_dict_pre_hooks.values()) h(sd, prefix, meta, strict, missing, unexpected, errors);
  const local = new Map<string, Tensor>();
  for (const [k, p] of m._parameters) if (p) local.set(k, p);
  for (const [k, b] of m._buffers) if (b && !m._non_persistent_buffers_set.has(k)) local.set(k, b);
  const assign = meta.assign_to_params_buffers ?? false;
  for (const [name, param] of local) {
    const key = prefix + name;
    if (!sd.has(key)) {
      if (strict) missing.push(key);
      continue;
    }
    let input = sd.get(key);
    if (!(input instanceof Tensor)) {
      errors.push(`While copying the parameter named "${key}", expected torch.Tensor or Tensor-like object from checkpoint but received ${pyType(input)}`);
      continue;
    }
    // Backward compatibility: a 0-dim parameter loads from a 1-element 1-dim tensor.
    if (param.dim() === 0 && input.dim() === 1 && input.shape[0] === 1) input = input.select(0, 0);
    const src = input as Tensor;
    if (src.shape.length !== param.shape.length || src.shape.some((d, i) => d !== param.shape[i])) {
      errors.push(`size mismatch for ${key}: copying a param with shape ${fmtSize(src.shape)} from checkpoint, the shape in current model is ${fmtSize(param.shape)}.`);
      continue;
    }
    try {
      no_grad(() => {
        if (assign) {
          let v: Tensor = src;
          if (param instanceof Parameter) {
            if (!(v instanceof Parameter)) v = new Parameter(v, param.requires_grad);
            else v.requires_grad_(param.requires_grad);
          }
          m.__setattr__(name, v);
        } else {
          param.copy_(src);
        }
      });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      errors.push(`While copying the parameter named "${key}", whose dimensions in the model are ${fmtSize(param.shape)} and whose dimensions in the checkpoint are ${fmtSize(src.shape)}, an exception occurred : ('${msg}',).`);
    }
  }
  if (strict) {
    for (const key of sd.keys()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const dot = rest.indexOf('.');
      if (dot >= 0) { if (!m._modules.has(rest.slice(0, dot))) unexpected.push(key); }
      else if (!local.has(rest)) unexpected.push(key);
    }
  }
}

export function loadStateDict(m: Module, stateDictIn: StateDictLike, strict: boolean, assign: boolean): IncompatibleKeys {
  if (!(stateDictIn instanceof Map) && (typeof stateDictIn !== 'object' || stateDictIn === null || Array.isArray(stateDictIn))) {
    throw typeError(`Expected state_dict to be dict-like, got ${pyType(stateDictIn)}.`);
  }
  const metadata = stateDictIn instanceof StateDict ? stateDictIn._metadata : null;
  const sd = new Map<string, unknown>(stateDictIn instanceof Map ? stateDictIn : Object.entries(stateDictIn));
  const missing: string[] = [], unexpected: string[] = [], errors: string[] = [];
  const load = (mod: Module, local: Map<string, unknown>, prefix: string) => {
    const meta: Metadata = { ...(metadata?.get(prefix.slice(0, -1)) ?? {}) };
    if (assign) meta.assign_to_params_buffers = true;
    mod._load_from_state_dict(local, prefix, meta, true, missing, unexpected, errors);
    for (const [name, child] of mod._modules) {
      if (!child) continue;
      const cp = prefix + name + '.';
      load(child, new Map([...local].filter(([k]) => k.startsWith(cp))), cp);
    }
    const inc = new IncompatibleKeys(missing, unexpected);
    for (const h of mod._load_state_dict_post_hooks.values()) {
      if (h(mod, inc) != null) throw runtimeError('Hooks registered with ``register_load_state_dict_post_hook`` are not expected to return new values, if incompatible_keys need to be modified, it should be done inplace.');
    }
  };
  load(m, sd, '');
  if (strict) {
    if (unexpected.length) errors.unshift(`Unexpected key(s) in state_dict: ${unexpected.map((k) => `"${k}"`).join(', ')}. `);
    if (missing.length) errors.unshift(`Missing key(s) in state_dict: ${missing.map((k) => `"${k}"`).join(', ')}. `);
  }
  if (errors.length) throw runtimeError(`Error(s) in loading state_dict for ${m._get_name()}:\n\t${errors.join('\n\t')}`);
  return new IncompatibleKeys(missing, unexpected);
}
