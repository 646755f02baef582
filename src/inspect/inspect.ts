// `inspect`: load the file, pick the model expression and its inputs, run one recorded forward (on
// meta unless values are needed) and assemble the report. Every failure ends as a diagnostic in a
// report, never as a thrown error, so the CLI and the extension always have something to show.
import { nn, torch, initBackend, type Device } from '../engine';
import { PyInstance, PyTuple, PyDict, call, saveTorchState, engineTensorOf, pyTensor, type PyValue, type ParseResult } from '../python';
import type { InspectRequest, InputSpec } from '../protocol/requests';
import type { Diagnostic, InspectReport } from '../protocol/report';
import { findModels, inputComment, usedAsParts, type FileModels } from './discover';
import { findModelUses, type ModelUse } from './usage';
import { guessInputs } from './guess';
import { parseInputSpec, specText } from './input_spec';
import { recordForward, type Recording } from './record';
import { moduleParts } from './report';
import { toTree, tensorsIn as tensorsInArgs } from './tree';
import { InspectFailure, construct, diag, errorDiagnostic, evaluate, loadFile, readAndParse, type Loaded } from './session';

type Module = InstanceType<typeof nn.Module>;
type Kwargs = Map<string, PyValue> | null;

export interface ModelChoice { expr: string; why: string; use: ModelUse | null }

/**
 * Candidate model expressions when none is given, best first: a use in the file's own code, a root
 * class without arguments, a root class with a @dataclass config's defaults, a zero-argument factory.
 * The caller builds them in order and keeps the first that constructs.
 */
export function chooseModels(file: string, models: FileModels, uses: ModelUse[]): ModelChoice[] {
  const out: ModelChoice[] = [];
  const callee = (expr: string) => expr.slice(0, expr.indexOf('('));
  // A candidate built differently from the file's own use (`Net()` for `Net(args.width)`) still takes that use's inputs.
  const add = (c: ModelChoice) => {
    if (!/^[A-Za-z_][\w.]*\s*\(/.test(c.expr) || out.some((o) => o.expr === c.expr)) return;
    out.push(c.use ? c : { ...c, use: uses.find((u) => u.call && callee(u.construct) === callee(c.expr)) ?? null });
  };
  for (const u of uses.filter((x) => x.call)) add({ expr: u.construct, why: `the file's own code (line ${u.line})`, use: u });
  const parts = usedAsParts(models);
  const roots = models.classes.filter((c) => !parts.has(c.name));
  for (const c of [...roots].reverse()) if (c.required.length === 0) add({ expr: `${c.name}()`, why: `${c.name} takes no arguments`, use: null });
  for (const c of [...roots].reverse()) {
    if (c.required.length !== 1) continue;
    const ann = c.firstParam?.annotation?.replace(/['"]/g, '');
    const cfg = models.configs.find((k) => k.name.id === ann) ?? (models.configs.length === 1 ? models.configs[0] : undefined);
    if (cfg) add({ expr: `${c.name}(${cfg.name.id}())`, why: `${c.name} with the defaults of @dataclass ${cfg.name.id}`, use: null });
  }
  for (const f of [...models.factories].reverse()) add({ expr: `${f.name.id}()`, why: `factory ${f.name.id}()`, use: null });
  for (const u of uses) add({ expr: u.construct, why: `the file's own code (line ${u.line})`, use: u });
  for (const c of [...models.classes].reverse()) if (c.required.length === 0) add({ expr: `${c.name}()`, why: `${c.name} takes no arguments`, use: null });
  if (out.length) return out;
  if (models.classes.length) {
    const c = roots[roots.length - 1] ?? models.classes[models.classes.length - 1];
    throw new InspectFailure([diag(file, `${c.name}.__init__() needs arguments (${c.required.join(', ')}): pass --model "${c.name}(...)"`,
      c.def.nameSpan.line, c.def.nameSpan.col, c.def.nameSpan.endLine, c.def.nameSpan.endCol)]);
  }
  throw new InspectFailure([diag(file, 'no model found: the file defines no nn.Module subclass and no function returning one (pass --model "EXPR")')]);
}

/** The request's model, or the candidates found in the file. */
export function modelChoices(req: { file: string; model?: string }, models: FileModels, uses: ModelUse[]): ModelChoice[] {
  if (req.model) return [{ expr: req.model, why: '--model', use: uses.find((u) => u.construct === req.model) ?? null }];
  return chooseModels(req.file, models, uses);
}

/** Builds the first candidate that constructs an nn.Module; the first candidate's error when none does. */
export function buildModel(file: string, l: Loaded, choices: ModelChoice[]): { choice: ModelChoice; pyModel: PyValue; model: Module; skipped: string[] } {
  let first: InspectFailure | null = null;
  const skipped: string[] = [];
  for (const choice of choices) {
    try {
      let pyModel: PyValue;
      try {
        pyModel = construct(l, choice.expr);
      } catch (e) {
        throw new InspectFailure([errorDiagnostic(file, e, `building the model (${choice.expr}): `)]);
      }
      const model = pyModel instanceof PyInstance && pyModel.payload instanceof nn.Module ? pyModel.payload : null;
      if (!model) throw new InspectFailure([diag(file, `the model expression ${choice.expr} gave ${describe(pyModel)}, not an nn.Module`)]);
      return { choice, pyModel, model, skipped };
    } catch (e) {
      if (!(e instanceof InspectFailure)) throw e;
      first ??= e;
      skipped.push(`${choice.expr} (${choice.why}) did not build: ${e.diagnostics[0].message.replace(/^building the model \(.*?\): /, '')}`);
    }
  }
  throw first!;
}

/** One way to get the forward's inputs; guesses come as several, tried in order. */
export interface InputPlan { source: string; make: (l: Loaded, model: PyValue) => { args: PyValue[]; kwargs: Kwargs } }

const shapeTuple = (s: number[]) => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;

/** The Python expression that makes a synthetic input for a spec. */
export function specExpr(s: InputSpec): string {
  const d = s.dtype ?? 'float32';
  if (d === 'bool') return `torch.randint(0, 2, ${shapeTuple(s.shape)}).bool()`;
  if (/^u?int/.test(d)) return `torch.randint(${Math.ceil(s.low ?? 0)}, ${Math.ceil(s.high ?? 10)}, ${shapeTuple(s.shape)}, dtype=torch.${d})`;
  if (s.low !== undefined && s.high !== undefined) return `torch.rand(${shapeTuple(s.shape)}, dtype=torch.${d}) * ${s.high - s.low} + ${s.low}`;
  return `torch.randn(${shapeTuple(s.shape)}, dtype=torch.${d})`;
}

const specPlan = (specs: InputSpec[], source: string, batch?: number): InputPlan => {
  const sized = batch ? specs.map((s) => (s.shape.length > 1 ? { ...s, shape: [batch, ...s.shape.slice(1)] } : s)) : specs;
  return { source, make: (l) => ({ args: sized.map((s) => evaluate(l, specExpr(s))), kwargs: null }) };
};

function toKwargs(v: PyValue): Kwargs {
  if (!(v instanceof PyDict)) throw new TypeError('--kwargs must evaluate to a dict');
  const m = new Map<string, PyValue>();
  for (const e of v.map.values()) m.set(String(e.key), e.value);
  return m;
}

/**
 * A tensor input from the file's own code with its leading (batch) dim set to `batch`, so `train
 * --batch N` trains on N distinct samples: floats are drawn fresh (standard normal, as model files
 * usually make them), integers uniformly within the original's range (token ids stay valid).
 */
function withBatch(v: PyValue, batch: number | undefined): PyValue {
  const t = batch ? engineTensorOf(v) : null;
  if (!t || !batch || t.dim() === 0 || t.shape[0] === batch || t.numel() === 0) return v;
  const shape = [batch, ...t.shape.slice(1)];
  if (t.is_floating_point()) return pyTensor(torch.randn(shape, { dtype: t.dtype, device: t.device }));
  if (t.device === 'meta') return pyTensor(torch.zeros(shape, { dtype: t.dtype, device: 'meta' }));
  const lo = Number(t.min().item()), hi = Number(t.max().item());
  return pyTensor(torch.randint(lo, hi + 1, shape, { dtype: t.dtype }));
}

export function inputPlans(req: InspectRequest, choice: ModelChoice, models: FileModels, source: string, model: Module, batch?: number): InputPlan[] {
  if (req.inputs?.length) return [specPlan(req.inputs, `--input ${req.inputs.map(specText).join(' ')}`, batch)];
  if (req.inputsExpr || req.kwargsExpr) {
    return [{
      source: [req.inputsExpr && `--inputs ${req.inputsExpr}`, req.kwargsExpr && `--kwargs ${req.kwargsExpr}`].filter(Boolean).join(' '),
      make: (l, m) => {
        const a = req.inputsExpr ? evaluate(l, req.inputsExpr, { model: m }) : new PyTuple([]);
        return { args: a instanceof PyTuple ? [...a.items] : [a], kwargs: req.kwargsExpr ? toKwargs(evaluate(l, req.kwargsExpr, { model: m })) : null };
      },
    }];
  }
  const plans: InputPlan[] = [];
  const use = choice.use?.call ? choice.use : null;
  if (use?.call) {
    const c = use.call;
    plans.push({
      source: `the file's own code, line ${c.line}: ${use.variable ?? 'model'}(${c.args.join(', ')})${batch ? `, batch resized to ${batch}` : ''}`,
      make: (l, m) => {
        if (use.variable) l.scratch.dict!.setStr(use.variable, m);
        for (const [name, text] of c.prelude) {
          try { l.scratch.dict!.setStr(name, evaluate(l, text)); } catch { /* a prelude line the inputs may not need */ }
        }
        const bind = use.variable ? { [use.variable]: m } : {};
        const args = c.args.map((t) => withBatch(evaluate(l, t, bind), batch));
        const kw = c.kwargs.length ? new Map(c.kwargs.map(([k, t]) => [k, withBatch(evaluate(l, t, bind), batch)])) : null;
        return { args, kwargs: kw };
      },
    });
  }
  const cls = models.classes.find((c) => c.name === model._get_name());
  const comment = cls ? inputComment(source, cls.def.line) : null;
  if (comment) {
    plans.push(specPlan(comment.specs.map(parseInputSpec), `comment on line ${comment.line}: # nnlens: input=${comment.specs.join(' ')}`, batch));
  }
  for (const g of guessInputs(model)) plans.push(specPlan(g.specs, `guessed from the ${g.why}`, batch));
  return plans;
}

export function emptyReport(req: InspectRequest, diagnostics: Diagnostic[]): InspectReport {
  return {
    file: req.file, model: req.model ?? '', class: '', mode: req.mode ?? 'eval', device: req.device ?? 'meta', input_source: '',
    inputs: [], output: null, modules: [], parameters: [], buffers: [],
    totals: { params: 0, trainable_params: 0, non_trainable_params: 0, buffers: 0, param_bytes: 0, buffer_bytes: 0, mult_adds: 0, flops: 0, train_memory_bytes: 0 },
    repr: '', diagnostics, timing_ms: { parse: 0, build: 0, forward: 0, total: 0 },
  };
}

/** The inspection under way: inspections run one at a time (see `inspect`). */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Inspects a model file. Runs are serialised because they share process-wide state — torch's
 * defaults and the parse cache, whose incremental re-parse of an edited file consumes the previous
 * result — and each run's changes to torch's defaults are undone when it ends.
 */
export function inspect(req: InspectRequest, io: { stdout?: (s: string) => void } = {}): Promise<InspectReport> {
  const run = queue.then(async () => {
    const restore = saveTorchState();
    try {
      return await inspectNow(req, io);
    } finally {
      restore();
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

async function inspectNow(req: InspectRequest, io: { stdout?: (s: string) => void }): Promise<InspectReport> {
  const t0 = performance.now();
  const out: string[] = [];
  const stdout = (s: string) => { out.push(s); io.stdout?.(s); };
  let parsed: { source: string; parsed: ParseResult };
  try {
    parsed = await readAndParse(req.file, req.source);
  } catch (e) {
    return finish(emptyReport(req, [errorDiagnostic(req.file, e)]), t0, out);
  }
  const tParse = performance.now() - t0;
  const device: Device = req.device ?? 'meta';
  let r = await attempt(req, parsed, device, stdout, tParse, t0);
  const err = r.diagnostics.find((d) => d.severity === 'error');
  if (device === 'meta' && r.ranForward === false && err && /meta/i.test(err.message)) {
    const cpu = await attempt(req, parsed, 'cpu', stdout, tParse, t0);
    cpu.notes = [...(cpu.notes ?? []), `the forward needs values (${err.message}), so it ran on cpu`];
    r = cpu;
  }
  delete r.ranForward;
  return finish(r, t0, out);
}

function finish(r: InspectReport, t0: number, out: string[]): InspectReport {
  r.timing_ms.total = performance.now() - t0;
  if (out.length) r.stdout = out.join('');
  return r;
}

async function attempt(req: InspectRequest, p: { source: string; parsed: ParseResult }, device: Device, stdout: (s: string) => void,
  tParse: number, t0: number): Promise<InspectReport & { ranForward?: boolean }> {
  const report: InspectReport & { ranForward?: boolean } = emptyReport(req, []);
  report.device = device;
  report.timing_ms.parse = tParse;
  if (device === 'cpu') await initBackend();
  const prevDevice = torch.get_default_device();
  torch.set_default_device(device);
  torch.manual_seed(0);
  try {
    const models = findModels(p.parsed.module);
    const uses = findModelUses(p.parsed.module, p.source, models);
    const choices = modelChoices(req, models, uses);
    report.model = choices[0].expr;
    const l = await loadFile({ file: req.file, source: p.source, parsed: p.parsed, workspaceRoot: req.workspaceRoot, stdout, maxMs: req.timeBudgetMs });
    report.diagnostics.push(...l.warnings);
    const { choice, pyModel, model, skipped } = buildModel(req.file, l, choices);
    report.model = choice.expr;
    if (skipped.length) report.notes = [...skipped, `so the model is ${choice.expr} (${choice.why})`];
    model.train((req.mode ?? 'eval') === 'train');
    report.mode = req.mode ?? 'eval';
    report.timing_ms.build = performance.now() - t0 - tParse;
    const plans = inputPlans(req, choice, models, p.source, model);
    const tf = performance.now();
    const run = runPlans(req.file, l, pyModel, plans);
    report.timing_ms.forward = performance.now() - tf;
    const parts = moduleParts(model, run.rec, run.inputs);
    Object.assign(report, { class: parts.class, modules: parts.modules, parameters: parts.parameters, buffers: parts.buffers, totals: parts.totals, repr: parts.repr, memory: parts.memory });
    for (const [i, row] of report.modules.entries()) {
      const cls = models.classes.find((c) => c.name === row.type);
      if (cls) report.modules[i].source = { file: req.file, line: cls.def.line };
    }
    report.input_source = run.source;
    const stray = unregistered(model, run.rec);
    if (stray) report.diagnostics.push(diag(req.file, stray, models.classes.find((c) => c.name === model._get_name())?.def.line ?? 1, 1, undefined, undefined, 'warning'));
    report.inputs = run.inputs.map((x) => toTree(x));
    if (run.error) {
      report.ranForward = false;
      const where = run.rec.failedIn?.length ? ` (in ${moduleName(model, run.rec.failedIn[run.rec.failedIn.length - 1])})` : '';
      const d = errorDiagnostic(req.file, run.error);
      d.message += where;
      report.diagnostics.push(d);
    } else {
      report.output = toTree(run.output);
    }
  } catch (e) {
    report.diagnostics.push(...(e instanceof InspectFailure ? e.diagnostics : [errorDiagnostic(req.file, e)]));
    report.ranForward = false;
  } finally {
    torch.set_default_device(prevDevice);
  }
  return report;
}

/** Modules that ran inside the forward but are not registered submodules (the plain-list mistake). */
export function unregistered(model: Module, rec: Recording): string | null {
  const known = new Set<Module>([...model.modules()]);
  const stray = [...rec.calls.keys()].filter((m) => !known.has(m));
  if (!stray.length) return null;
  const params = stray.reduce((s, m) => s + [...m.parameters()].reduce((a, p) => a + p.numel(), 0), 0);
  const types = [...new Set(stray.map((m) => m._get_name()))].join(', ');
  return `the forward calls ${stray.length} module(s) (${types}) that are not registered submodules — kept in a plain list, dict or tuple? `
    + `Their ${params.toLocaleString('en-US')} parameters are not in model.parameters(), so an optimizer never updates them and state_dict() misses them: use nn.ModuleList / nn.ModuleDict`;
}

function moduleName(model: Module, m: Module): string {
  for (const [n, x] of model.named_modules()) if (x === m) return `${n || '(root)'}: ${m._get_name()}`;
  return m._get_name();
}

export function describe(v: PyValue): string {
  if (v instanceof PyInstance) return `a ${v.cls.name} object`;
  return typeof v === 'object' ? `a ${v.cls.name}` : `${typeof v} ${String(v)}`;
}

export interface RunResult { rec: Recording; inputs: PyValue[]; output: unknown; error: unknown; source: string }

/** Tries each input plan in order (guessed resolutions especially); keeps the first whose forward runs. */
export function runPlans(file: string, l: Loaded, pyModel: PyValue, plans: InputPlan[]): RunResult {
  if (plans.length === 0) {
    throw new InspectFailure([diag(file,
      'cannot tell what inputs the model takes: pass --input 1,3,32,32 (or add "# nnlens: input=1,3,32,32" above the class)')]);
  }
  let first: RunResult | null = null;
  for (const plan of plans) {
    let made: { args: PyValue[]; kwargs: Kwargs };
    try {
      made = l.interp.run(() => plan.make(l, pyModel));
    } catch (e) {
      first ??= { rec: { calls: new Map(), totalMacs: 0, failedIn: null }, inputs: [], output: null, error: e, source: plan.source };
      continue;
    }
    const { result, rec, error } = recordForward(() => l.interp.run(() => call(pyModel, made.args, made.kwargs)));
    const r: RunResult = { rec, inputs: made.args, output: result, error, source: plan.source };
    if (!error) return r;
    first ??= r;
  }
  return first!;
}


/**
 * The report of an engine model built in TypeScript (no file, no interpreter): the same recording
 * and assembly as `inspect`, for tests and hosts that build models themselves.
 */
export function reportForModule(model: Module, inputs: unknown[], o: { name?: string; mode?: 'eval' | 'train' } = {}): InspectReport {
  const t0 = performance.now();
  const report = emptyReport({ file: '', model: o.name ?? model._get_name(), mode: o.mode ?? 'eval' }, []);
  model.train((o.mode ?? 'eval') === 'train');
  const { result, rec, error } = recordForward(() => model.call(...inputs));
  const parts = moduleParts(model, rec, inputs);
  Object.assign(report, { class: parts.class, modules: parts.modules, parameters: parts.parameters, buffers: parts.buffers, totals: parts.totals, repr: parts.repr, memory: parts.memory });
  report.device = (tensorsInArgs(inputs)[0]?.device ?? 'cpu') as 'meta' | 'cpu';
  report.input_source = 'given';
  report.inputs = inputs.map((x) => toTree(x));
  if (error) report.diagnostics.push(diag('', error instanceof Error ? error.message : String(error)));
  else report.output = toTree(result);
  report.timing_ms.forward = report.timing_ms.total = performance.now() - t0;
  return report;
}
