// `train`: a few quick training steps on cpu in train mode with synthetic data: per-step loss and
// time, per-parameter gradient norm and update/weight ratio, parameters that never get a gradient,
// and the first step and module where a NaN/Inf appeared.
import { nn, torch, optim, initBackend, type Tensor } from '../engine';
import { call, saveTorchState, type PyValue, type ParseResult } from '../python';
import type { TrainRequest } from '../protocol/requests';
import type { TrainReport, TrainStep, TrainParameterStat } from '../protocol/report';
import { findModels } from './discover';
import { findModelUses } from './usage';
import { buildModel, inputPlans, modelChoices, unregistered, type InputPlan } from './inspect';
import { recordForward } from './record';
import { InspectFailure, diag, errorDiagnostic, loadFile, readAndParse, type Loaded } from './session';
import { asTensor, tensorsIn } from './tree';

type Module = InstanceType<typeof nn.Module>;
type Kwargs = Map<string, PyValue> | null;
type LossName = NonNullable<TrainRequest['loss']>;

const sq = (t: Tensor): number => (t.mul(t).sum().item() as number);

function emptyTrain(req: TrainRequest): TrainReport {
  return {
    file: req.file, model: req.model ?? '', class: '', optimizer: req.optimizer ?? 'adam', loss_fn: req.loss ?? 'auto',
    steps: [], parameters: [], no_grad_params: [], nonfinite: null, diagnostics: [],
    timing_ms: { parse: 0, build: 0, train: 0, total: 0 },
  };
}

function makeOptimizer(name: NonNullable<TrainRequest['optimizer']>, params: Tensor[], lr: number | undefined) {
  switch (name) {
    case 'sgd': return new optim.SGD(params, { lr: lr ?? 0.01, momentum: 0.9 });
    case 'adam': return new optim.Adam(params, { lr: lr ?? 1e-3 });
    case 'adamw': return new optim.AdamW(params, { lr: lr ?? 1e-3 });
    default: {
      const never: never = name;
      throw new Error(`unknown optimizer ${String(never)}`);
    }
  }
}

/** The loss `auto` picks, and a target that fits it, for one output tensor. */
export function lossFor(kind: LossName, out: Tensor): { name: Exclude<LossName, 'auto'>; target: Tensor } {
  const resolved: Exclude<LossName, 'auto'> = kind === 'auto' ? (out.dim() === 2 && out.shape[1] > 1 ? 'cross_entropy' : 'mse') : kind;
  switch (resolved) {
    case 'cross_entropy': case 'nll': {
      if (out.dim() < 2) throw new InspectFailure([diag('', `--loss ${resolved} needs an (N, C) output, got shape [${out.shape.join(', ')}]`)]);
      const shape = [out.shape[0], ...out.shape.slice(2)];
      return { name: resolved, target: torch.randint(0, out.shape[1], shape, { dtype: 'int64', device: 'cpu' }) };
    }
    case 'bce_with_logits': return { name: resolved, target: torch.randint(0, 2, [...out.shape], { device: 'cpu' }).to(out.dtype) };
    case 'mse': return { name: resolved, target: torch.randn([...out.shape], { dtype: out.dtype, device: 'cpu' }) };
    default: {
      const never: never = resolved;
      throw new Error(`unknown loss ${String(never)}`);
    }
  }
}

function lossValue(name: Exclude<LossName, 'auto'>, out: Tensor, target: Tensor): Tensor {
  const F = nn.functional;
  switch (name) {
    case 'cross_entropy': return F.cross_entropy(out, target);
    case 'nll': return F.nll_loss(out, target);
    case 'bce_with_logits': return F.binary_cross_entropy_with_logits(out, target);
    case 'mse': return F.mse_loss(out, target);
    default: {
      const never: never = name;
      throw new Error(`unknown loss ${String(never)}`);
    }
  }
}

/** Re-runs a forward with a hook that finds the first module whose output holds a NaN or Inf. */
function firstNonfinite(model: Module, forward: () => unknown): string {
  let found: string | null = null;
  const names = new Map<Module, string>();
  for (const [n, m] of model.named_modules()) names.set(m, n || '(root)');
  const h = nn.modules.module.register_module_forward_hook((m, _a, out) => {
    if (found !== null) return undefined;
    for (const t of tensorsIn(out)) {
      if (!t.dtype.startsWith('float') && t.dtype !== 'bfloat16') continue;
      if (!(torch.isfinite(t.detach()).all().item() as boolean)) { found = names.get(m) ?? m._get_name(); break; }
    }
    return undefined;
  });
  try { forward(); } catch { /* the loss step already reported it */ } finally { h.remove(); }
  return found ?? '(loss)';
}

export async function train(req: TrainRequest, onStep: (s: TrainStep) => void = () => {}, cancel?: { cancelled: boolean }): Promise<TrainReport> {
  const t0 = performance.now();
  const report = emptyTrain(req);
  const out: string[] = [];
  // loadFile runs the user's file with interp.runFile, not the bindings' runFile: undo what a stopped run
  // leaves behind (grad mode, default dtype/device, print options), as inspect() does.
  const restore = saveTorchState();
  try {
    const p: { source: string; parsed: ParseResult } = await readAndParse(req.file, req.source, { cache: false });
    report.timing_ms.parse = performance.now() - t0;
    await initBackend();
    torch.set_default_device('cpu');
    torch.manual_seed(req.seed ?? 0);
    const models = findModels(p.parsed.module);
    const uses = findModelUses(p.parsed.module, p.source, models);
    const choices = modelChoices(req, models, uses);
    report.model = choices[0].expr;
    const l = await loadFile({ file: req.file, source: p.source, parsed: p.parsed, workspaceRoot: req.workspaceRoot, stdout: (s) => out.push(s), maxMs: req.timeBudgetMs });
    report.diagnostics.push(...l.warnings);
    const { choice, pyModel, model } = buildModel(req.file, l, choices);
    report.model = choice.expr;
    report.class = model._get_name();
    model.train(true);
    report.timing_ms.build = performance.now() - t0 - report.timing_ms.parse;
    const plans = inputPlans({ ...req }, choice, models, p.source, model, req.batch);
    const tTrain = performance.now();
    runSteps(req, report, l, model, pyModel, plans, onStep, cancel);
    report.timing_ms.train = performance.now() - tTrain;
  } catch (e) {
    report.diagnostics.push(...(e instanceof InspectFailure ? e.diagnostics.map((d) => ({ ...d, file: d.file || req.file })) : [errorDiagnostic(req.file, e)]));
  } finally {
    restore();
  }
  report.timing_ms.total = performance.now() - t0;
  if (out.length) report.stdout = out.join('');
  return report;
}

function runSteps(req: TrainRequest, report: TrainReport, l: Loaded, model: Module, pyModel: PyValue, plans: InputPlan[],
  onStep: (s: TrainStep) => void, cancel?: { cancelled: boolean }): void {
  const forward = (inp: { args: PyValue[]; kwargs: Kwargs }) => l.interp.run(() => call(pyModel, inp.args, inp.kwargs));
  // The first plan whose forward runs decides the inputs (guessed resolutions are tried in order).
  let plan: InputPlan | null = null, batch: { args: PyValue[]; kwargs: Kwargs } | null = null, firstOut: unknown = null, firstErr: unknown = null;
  for (const pl of plans) {
    try {
      const b = l.interp.run(() => pl.make(l, pyModel));
      const { result, rec, error } = recordForward(() => forward(b));
      if (error) throw error;
      firstOut = result;
      plan = pl; batch = b;
      const stray = unregistered(model, rec);
      if (stray) report.diagnostics.push(diag(req.file, stray, 1, 1, undefined, undefined, 'warning'));
      break;
    } catch (e) { firstErr ??= e; }
  }
  if (!plan || !batch) {
    throw firstErr ?? new InspectFailure([diag(req.file, 'cannot tell what inputs the model takes: pass --input 1,3,32,32')]);
  }
  const out0 = asTensor(tensorsIn(firstOut)[0]);
  if (!out0) throw new InspectFailure([diag(req.file, `the model's output holds no tensor to compute a loss on`)]);
  const { name: lossName, target: target0 } = lossFor(req.loss ?? 'auto', out0);
  report.loss_fn = lossName;
  const params = [...model.parameters()].filter((q) => q.requires_grad);
  const named = [...model.named_parameters()];
  const opt = makeOptimizer(req.optimizer ?? 'adam', params, req.lr);
  report.optimizer = req.optimizer ?? 'adam';
  const steps = req.steps ?? 10;
  let target = target0;
  const stats = new Map<string, TrainParameterStat>(named.map(([n]) => [n, { name: n, grad_norm: null, update_ratio: null }]));
  for (let step = 1; step <= steps; step++) {
    if (cancel?.cancelled) break;
    const ts = performance.now();
    if (step > 1 && (req.data ?? 'random') === 'random') {
      batch = l.interp.run(() => plan!.make(l, pyModel));
      target = lossFor(lossName, out0).target;
    }
    opt.zero_grad();
    const out = asTensor(tensorsIn(forward(batch))[0])!;
    const loss = lossValue(lossName, out, target);
    const lv = loss.item() as number;
    if (!Number.isFinite(lv) && report.nonfinite === null) {
      const b = batch;
      report.nonfinite = { step, module: firstNonfinite(model, () => forward(b)) };
    }
    loss.backward();
    if (step === 1) report.no_grad_params = named.filter(([, q]) => q.requires_grad && q.grad === null).map(([n]) => n);
    const last = step === steps || cancel?.cancelled;
    const before = last ? named.map(([, q]) => q.detach().clone()) : null;
    opt.step();
    if (before) {
      named.forEach(([n, q], i) => {
        const s = stats.get(n)!;
        s.grad_norm = q.grad ? Math.sqrt(sq(q.grad)) : null;
        const w = Math.sqrt(sq(before[i]));
        s.update_ratio = q.grad ? Math.sqrt(sq(q.detach().sub(before[i]))) / (w || 1) : null;
      });
    }
    const rec: TrainStep = { step, loss: lv, ms: performance.now() - ts };
    report.steps.push(rec);
    onStep(rec);
  }
  report.parameters = [...stats.values()];
}
