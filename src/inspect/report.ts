// Assembles the report from a built model and its recorded forward: modules in named_modules()
// order with their calls, parameters (tied ones named once, "shared with"), buffers, totals, MACs,
// FLOPs and a training-memory estimate. Works the same for TS-built and Python-built models.
import { Tensor, nn } from '../engine';
type Module = InstanceType<typeof nn.Module>;
import type { BufferRow, InspectReport, ModuleRow, ParameterRow, TensorTree, Totals } from '../protocol/report';
import type { Recording } from './record';
import { tensorsIn } from './tree';

/** Everything of the report that comes from the model itself; the caller adds file/timing/diagnostics. */
export type ModelPart = Pick<InspectReport, 'class' | 'modules' | 'parameters' | 'buffers' | 'totals' | 'repr'> & {
  memory: MemoryEstimate;
};

/** The training-memory estimate, in bytes (see src/inspect/README.md, "Conventions"). */
export interface MemoryEstimate {
  params: number;
  grads: number;
  /** Optimizer state: SGD with momentum keeps one buffer per trainable parameter, Adam/AdamW two. */
  sgd_momentum: number;
  adam: number;
  /** Outputs of the leaf module calls, which autograd keeps for backward, plus the inputs. */
  activations: number;
}

const bytesOf = (t: Tensor) => t.numel() * t.element_size();
const numelOf = (t: Tensor) => t.numel();

export function moduleParts(model: Module, rec: Recording, inputs: unknown[]): ModelPart {
  const parameters = parameterRows(model);
  const buffers = bufferRows(model);
  const modules = moduleRows(model, rec);
  const unique = new Set<Tensor>();
  for (const [, p] of model.named_parameters('', true, true)) unique.add(p);
  let params = 0, trainable = 0, paramBytes = 0, trainableBytes = 0;
  for (const p of unique) {
    params += numelOf(p);
    paramBytes += bytesOf(p);
    if (p.requires_grad) { trainable += numelOf(p); trainableBytes += bytesOf(p); }
  }
  let bufCount = 0, bufBytes = 0;
  for (const [, b] of model.named_buffers()) { bufCount += numelOf(b); bufBytes += bytesOf(b); }
  let activations = 0;
  for (const [m, calls] of rec.calls) {
    if (hasChildren(m)) continue;
    for (const c of calls) activations += c.outputBytes;
  }
  for (const t of tensorsIn(inputs)) activations += bytesOf(t);
  const memory: MemoryEstimate = {
    params: paramBytes + bufBytes, grads: trainableBytes, sgd_momentum: trainableBytes, adam: 2 * trainableBytes, activations,
  };
  const totals: Totals = {
    params, trainable_params: trainable, non_trainable_params: params - trainable, buffers: bufCount,
    param_bytes: paramBytes, buffer_bytes: bufBytes, mult_adds: rec.totalMacs, flops: 2 * rec.totalMacs,
    train_memory_bytes: memory.params + memory.grads + memory.adam + memory.activations,
    torchinfo_mult_adds: modules.reduce((s, m) => s + (m.torchinfo_mult_adds ?? 0), 0),
  };
  return { class: model._get_name(), modules, parameters, buffers, totals, repr: model.__repr__(), memory };
}

const hasChildren = (m: Module) => [...m._modules.values()].some((c) => c !== null);

function moduleRows(model: Module, rec: Recording): ModuleRow[] {
  const rows: ModuleRow[] = [];
  for (const [name, m] of model.named_modules()) {
    const seen = new Set<Tensor>();
    let params = 0, trainable = 0;
    for (const [, p] of m.named_parameters()) {
      if (seen.has(p)) continue;
      seen.add(p);
      params += p.numel();
      if (p.requires_grad) trainable += p.numel();
    }
    const calls = rec.calls.get(m) ?? [];
    const macs = calls.reduce((s, c) => s + c.macs, 0);
    rows.push({
      name, type: m._get_name(), depth: name === '' ? 0 : name.split('.').length, params, trainable_params: trainable,
      mult_adds: macs, flops: 2 * macs,
      calls: calls.map((c) => ({ inputs: c.inputs, output: c.output })),
      torchinfo_mult_adds: hasChildren(m) ? 0 : calls.reduce((s, c) => s + torchinfoMacs(m, c.output), 0),
    });
  }
  return rows;
}

/**
 * torchinfo's per-call formula (layer_info.py): for each own parameter whose name holds "weight" or
 * "bias", with n elements and the first output `out`: Conv* n·out[0]·∏out[2:], Linear n·∏out[:-1],
 * RNN/LSTM/GRU n·out[0]·out[1], anything else n·out[0].
 */
function torchinfoMacs(m: Module, output: TensorTree): number {
  const out = firstShape(output);
  if (!out) return 0;
  const type = m._get_name();
  const prod = (a: number[]) => a.reduce((p, v) => p * v, 1);
  let total = 0;
  for (const [k, p] of m._parameters) {
    if (!p || !(k.includes('weight') || k.includes('bias'))) continue;
    const n = p.numel();
    if (/^Conv/.test(type)) total += n * out[0] * prod(out.slice(2));
    else if (type === 'Linear') total += n * prod(out.slice(0, -1));
    else if (/^(RNN|LSTM|GRU)$/.test(type)) total += n * out[0] * (out[1] ?? 1);
    else total += n * (out[0] ?? 1);
  }
  return total;
}

function firstShape(t: TensorTree): number[] | null {
  if (t === null || typeof t === 'number') return null;
  if (Array.isArray(t)) {
    for (const x of t) { const s = firstShape(x); if (s) return s; }
    return null;
  }
  if (Array.isArray((t as { shape?: unknown }).shape)) return (t as { shape: number[] }).shape;
  for (const x of Object.values(t)) { const s = firstShape(x); if (s) return s; }
  return null;
}

function parameterRows(model: Module): ParameterRow[] {
  const first = new Map<Tensor, string>();
  const rows: ParameterRow[] = [];
  for (const [name, p] of model.named_parameters('', true, false)) {
    const prev = first.get(p);
    if (prev === undefined) first.set(p, name);
    rows.push({ name, shape: [...p.shape], dtype: p.dtype, requires_grad: p.requires_grad, shared_with: prev ?? null });
  }
  return rows;
}

function bufferRows(model: Module): BufferRow[] {
  const rows: BufferRow[] = [];
  const seen = new Set<Tensor>();
  for (const [prefix, m] of model.named_modules()) {
    for (const [k, b] of m._buffers) {
      if (!b || seen.has(b)) continue;
      seen.add(b);
      rows.push({ name: prefix ? `${prefix}.${k}` : k, shape: [...b.shape], dtype: b.dtype, persistent: !m._non_persistent_buffers_set.has(k) });
    }
  }
  return rows;
}
