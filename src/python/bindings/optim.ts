// torch.optim and torch.optim.lr_scheduler: optimizer and scheduler classes with PyTorch's constructor
// signatures (one row each), live `param_groups` (g['lr'] = ... reaches the engine), step/zero_grad.
import { Tensor, optim, torch } from '../../engine/index';
import { nativeClass, newInstance } from '../runtime/native';
import { PyDict, PyInstance, type PyType, type PyValue } from '../runtime/object';
import { toArray, typeName } from '../runtime/protocol';
import { None, PyFloat, PyList, PyTuple } from '../runtime/types';
import { keyError } from '../runtime/exceptions';
import { bind, toJs, toPy } from './spec';
import { bindTypeError, tensorOf, wrapTensor } from './values';

type Opt = InstanceType<typeof optim.SGD>;
type Group = Record<string, unknown> & { params: Tensor[] };

/** `params`: an iterable of tensors or of dicts (parameter groups). */
function paramsArg(v: PyValue): unknown[] {
  return toArray(v).map((x) => {
    const t = tensorOf(x);
    if (t) return t;
    if (x instanceof PyDict) {
      const g: Record<string, unknown> = {};
      for (const e of x.entries()) g[String(e.key)] = String(e.key) === 'params' ? (tensorOf(e.value) ?? toArray(e.value).map((p) => tensorOf(p) ?? p)) : toJs(e.value);
      return g;
    }
    throw bindTypeError(`optimizer can only optimize Tensors, but one of the params is ${typeName(x)}`);
  });
}

const hyperPy = (v: unknown): PyValue => {
  if (typeof v === 'number') return new PyFloat(v);
  if (Array.isArray(v)) return new PyTuple(v.map(hyperPy));
  return toPy(v);
};

/** One entry of optimizer.param_groups: a live mapping over the engine's group object. */
const GroupType: PyType = nativeClass({
  name: 'dict', module: 'builtins',
  methods: {
    '__getitem__(self, key)': ([s, k]) => {
      const g = (s as PyInstance).payload as Group;
      if (typeof k !== 'string' || !(k in g)) throw keyError(k);
      return k === 'params' ? new PyList(g.params.map(wrapTensor)) : hyperPy(g[k]);
    },
    '__setitem__(self, key, value)': ([s, k, v]) => {
      ((s as PyInstance).payload as Group)[String(k)] = toJs(v);
    },
    '__contains__(self, key)': ([s, k]) => typeof k === 'string' && k in ((s as PyInstance).payload as Group),
    'keys(self)': ([s]) => new PyList(Object.keys((s as PyInstance).payload as Group)),
    'get(self, key, default=None)': ([s, k, d]) => {
      const g = (s as PyInstance).payload as Group;
      return typeof k === 'string' && k in g ? (k === 'params' ? new PyList(g.params.map(wrapTensor)) : hyperPy(g[k])) : d;
    },
    '__repr__(self)': ([s]) => {
      const g = (s as PyInstance).payload as Group;
      return `{${Object.entries(g).map(([k, v]) => `'${k}': ${k === 'params' ? `[${g.params.length} tensors]` : String(v)}`).join(', ')}}`;
    },
  },
});

type OptState = ReturnType<Opt['state_dict']>;

/** optimizer.state_dict() as PyTorch shapes it: {'state': {index: {...}}, 'param_groups': [{..., 'params': [indices]}]}. */
function stateDictToPy(sd: OptState): PyDict {
  const state = new PyDict();
  for (const [i, st] of sd.state) {
    const d = new PyDict();
    // PyTorch keeps `step` as a float32 tensor in the state of Adam-family optimizers.
    for (const [k, v] of st) d.setStr(k, v instanceof Tensor ? wrapTensor(v) : k === 'step' && typeof v === 'number' ? wrapTensor(torch.tensor(v, { dtype: 'float32' })) : hyperPy(v));
    state.set(i, d);
  }
  const groups = new PyList(sd.param_groups.map((g) => {
    const d = new PyDict();
    for (const [k, v] of Object.entries(g)) d.setStr(k, k === 'params' ? new PyList([...(v as number[])]) : hyperPy(v));
    return d;
  }));
  const out = new PyDict();
  out.setStr('state', state);
  out.setStr('param_groups', groups);
  return out;
}

function stateDictFromPy(v: PyValue): OptState {
  if (!(v instanceof PyDict)) throw bindTypeError(`state_dict must be a dict, not ${typeName(v)}`);
  const st = v.getStr('state');
  const pg = v.getStr('param_groups');
  if (!(st instanceof PyDict) || pg === undefined) throw bindTypeError("state_dict must have 'state' and 'param_groups'");
  const state = new Map<number, Map<string, Tensor | number | null>>();
  for (const e of st.entries()) {
    const m = new Map<string, Tensor | number | null>();
    for (const x of (e.value as PyDict).entries()) {
      const t = tensorOf(x.value);
      m.set(String(x.key), x.key === 'step' && t ? Number(t.item()) : (t ?? toJs(x.value)) as Tensor | number | null);
    }
    state.set(Number(e.key), m);
  }
  const param_groups = toArray(pg).map((g) => {
    const o: Record<string, unknown> = {};
    for (const x of (g as PyDict).entries()) o[String(x.key)] = toJs(x.value);
    return o;
  });
  return { state, param_groups };
}

const O = (v: PyValue): Opt => (v as PyInstance).payload as Opt;

export const OptimizerType: PyType = nativeClass({
  name: 'Optimizer', module: 'torch.optim.optimizer',
  methods: {
    'zero_grad(self, set_to_none=True)': ([s, n]) => { O(s).zero_grad(n !== false); },
    'step(self, closure=None)': ([s, c]) => toPy(O(s).step(c === None ? undefined : (toJs(c) as () => Tensor))),
    'add_param_group(self, param_group)': ([s, g]) => { O(s).add_param_group(paramsArg(new PyList([g]))[0] as Group); },
    '__repr__(self)': ([s]) => O(s).toString(),
    'state_dict(self)': ([s]) => stateDictToPy(O(s).state_dict()),
    'load_state_dict(self, state_dict)': ([s, sd]) => { O(s).load_state_dict(stateDictFromPy(sd)); },
  },
  properties: {
    param_groups: { get: (s) => new PyList(O(s).param_groups.map((g) => newInstance(GroupType, g))) },
    defaults: {
      get: (s) => {
        const d = new PyDict();
        for (const [k, v] of Object.entries(O(s).defaults)) d.setStr(k, hyperPy(v));
        return d;
      },
    },
  },
});

const COMMON = 'foreach: skip=None, maximize: bool=False, capturable: skip=False, differentiable: skip=False, fused: skip=None';
const OPTIMIZERS: [string, string, string][] = [
  ['SGD', `(self, params: py, lr: num=0.001, momentum: num=0, dampening: num=0, weight_decay: num=0, nesterov: bool=False, *, maximize: bool=False, foreach: skip=None, differentiable: skip=False, fused: skip=None)`,
    'lr momentum dampening weight_decay nesterov maximize'],
  ['Adam', `(self, params: py, lr: num=0.001, betas: any=(0.9, 0.999), eps: num=1e-08, weight_decay: num=0, amsgrad: bool=False, *, ${COMMON})`,
    'lr betas eps weight_decay amsgrad maximize'],
  ['AdamW', `(self, params: py, lr: num=0.001, betas: any=(0.9, 0.999), eps: num=1e-08, weight_decay: num=0.01, amsgrad: bool=False, *, ${COMMON})`,
    'lr betas eps weight_decay amsgrad maximize'],
  ['RMSprop', '(self, params: py, lr: num=0.01, alpha: num=0.99, eps: num=1e-08, weight_decay: num=0, momentum: num=0, centered: bool=False, capturable: skip=False, foreach: skip=None, maximize: bool=False, differentiable: skip=False)',
    'lr alpha eps weight_decay momentum centered maximize'],
  ['Adagrad', '(self, params: py, lr: num=0.01, lr_decay: num=0, weight_decay: num=0, initial_accumulator_value: num=0, eps: num=1e-10, foreach: skip=None, *, maximize: bool=False, differentiable: skip=False, fused: skip=None)',
    'lr lr_decay weight_decay initial_accumulator_value eps maximize'],
  ['Adadelta', `(self, params: py, lr: num=1.0, rho: num=0.9, eps: num=1e-06, weight_decay: num=0, foreach: skip=None, *, capturable: skip=False, maximize: bool=False, differentiable: skip=False)`,
    'lr rho eps weight_decay maximize'],
  ['Adamax', `(self, params: py, lr: num=0.002, betas: any=(0.9, 0.999), eps: num=1e-08, weight_decay: num=0, foreach: skip=None, *, maximize: bool=False, differentiable: skip=False, capturable: skip=False)`,
    'lr betas eps weight_decay maximize'],
  ['NAdam', `(self, params: py, lr: num=0.002, betas: any=(0.9, 0.999), eps: num=1e-08, weight_decay: num=0, momentum_decay: num=0.004, decoupled_weight_decay: bool=False, *, ${COMMON})`,
    'lr betas eps weight_decay momentum_decay decoupled_weight_decay maximize'],
  ['RAdam', `(self, params: py, lr: num=0.001, betas: any=(0.9, 0.999), eps: num=1e-08, weight_decay: num=0, decoupled_weight_decay: bool=False, *, ${COMMON})`,
    'lr betas eps weight_decay decoupled_weight_decay maximize'],
  ['SparseAdam', '(self, params: py, lr: num=0.001, betas: any=(0.9, 0.999), eps: num=1e-08, maximize: bool=False)', 'lr betas eps maximize'],
  ['LBFGS', '(self, params: py, lr: num=1, max_iter: int=20, max_eval: opt=None, tolerance_grad: num=1e-07, tolerance_change: num=1e-09, history_size: int=100, line_search_fn: opt=None)',
    'lr max_iter max_eval tolerance_grad tolerance_change history_size line_search_fn'],
];

function optimizerClass(name: string, sig: string, opts: string): PyType | null {
  const Engine = (optim as unknown as Record<string, new (p: unknown, o: unknown) => Opt>)[name];
  if (!Engine) return null;
  const cls = nativeClass({ name, module: `torch.optim.${name.toLowerCase()}`, bases: [OptimizerType] });
  const init = bind(`__init__${sig}`, (a) => {
    const [self, params, o] = a as [PyInstance, PyValue, Record<string, unknown>];
    self.payload = new Engine(paramsArg(params), o);
  }, { call: `self params {${opts}}`, ret: 'none' });
  init.owner = cls;
  cls.setAttr('__init__', init);
  return cls;
}

// ---------------------------------------------------------------- lr_scheduler

type Sched = { step(m?: number): void; get_last_lr(): number[]; last_epoch?: number; optimizer: Opt };
const S = (v: PyValue): Sched => (v as PyInstance).payload as Sched;

export const LRSchedulerType: PyType = nativeClass({
  name: 'LRScheduler', module: 'torch.optim.lr_scheduler',
  methods: {
    'step(self, metrics=None, epoch=None)': ([s, m]) => { S(s).step(m === None ? undefined : (toJs(m) as number)); },
    'get_last_lr(self)': ([s]) => new PyList(S(s).get_last_lr().map((x) => new PyFloat(x))),
  },
  properties: {
    last_epoch: { get: (s) => S(s).last_epoch ?? None },
  },
});

const SCHEDULERS: [string, string, string][] = [
  ['StepLR', '(self, optimizer: any, step_size: int, gamma: num=0.1, last_epoch: int=-1)', 'optimizer step_size gamma last_epoch'],
  ['MultiStepLR', '(self, optimizer: any, milestones: ints, gamma: num=0.1, last_epoch: int=-1)', 'optimizer milestones gamma last_epoch'],
  ['ExponentialLR', '(self, optimizer: any, gamma: num, last_epoch: int=-1)', 'optimizer gamma last_epoch'],
  ['CosineAnnealingLR', '(self, optimizer: any, T_max: int, eta_min: num=0.0, last_epoch: int=-1)', 'optimizer T_max eta_min last_epoch'],
  ['LambdaLR', '(self, optimizer: any, lr_lambda: any, last_epoch: int=-1)', 'optimizer lr_lambda last_epoch'],
  ['OneCycleLR', '(self, optimizer: any, max_lr: any, total_steps: opt=None, epochs: opt=None, steps_per_epoch: opt=None, pct_start: num=0.3, anneal_strategy: str="cos", cycle_momentum: bool=True, base_momentum: num=0.85, max_momentum: num=0.95, div_factor: num=25.0, final_div_factor: num=10000.0, three_phase: bool=False, last_epoch: int=-1)',
    'optimizer max_lr {total_steps epochs steps_per_epoch pct_start anneal_strategy cycle_momentum base_momentum max_momentum div_factor final_div_factor three_phase last_epoch}'],
  ['ReduceLROnPlateau', '(self, optimizer: any, mode: str="min", factor: num=0.1, patience: int=10, threshold: num=0.0001, threshold_mode: str="rel", cooldown: int=0, min_lr: any=0, eps: num=1e-08)',
    'optimizer {mode factor patience threshold threshold_mode cooldown min_lr eps}'],
  ['ConstantLR', '(self, optimizer: any, factor: num=0.3333333333333333, total_iters: int=5, last_epoch: int=-1)', 'optimizer factor total_iters last_epoch'],
  ['LinearLR', '(self, optimizer: any, start_factor: num=0.3333333333333333, end_factor: num=1.0, total_iters: int=5, last_epoch: int=-1)',
    'optimizer start_factor end_factor total_iters last_epoch'],
  ['PolynomialLR', '(self, optimizer: any, total_iters: int=5, power: num=1.0, last_epoch: int=-1)', 'optimizer total_iters power last_epoch'],
  ['CosineAnnealingWarmRestarts', '(self, optimizer: any, T_0: int, T_mult: int=1, eta_min: num=0.0, last_epoch: int=-1)', 'optimizer T_0 T_mult eta_min last_epoch'],
  ['CyclicLR', '(self, optimizer: any, base_lr: any, max_lr: any, step_size_up: int=2000, step_size_down: opt=None, mode: str="triangular", gamma: num=1.0, scale_fn: any=None, scale_mode: str="cycle", cycle_momentum: bool=True, base_momentum: any=0.8, max_momentum: any=0.9, last_epoch: int=-1)',
    'optimizer base_lr max_lr {step_size_up step_size_down mode gamma scale_fn scale_mode cycle_momentum base_momentum max_momentum last_epoch}'],
  ['SequentialLR', '(self, optimizer: any, schedulers: any, milestones: ints, last_epoch: int=-1)', 'optimizer schedulers milestones last_epoch'],
  ['ChainedScheduler', '(self, schedulers: any, optimizer: any=None)', 'schedulers optimizer'],
];

function schedulerClass(name: string, sig: string, callT: string): PyType | null {
  const Engine = (optim.lr_scheduler as unknown as Record<string, new (...a: unknown[]) => Sched>)[name];
  if (!Engine) return null;
  const cls = nativeClass({ name, module: 'torch.optim.lr_scheduler', bases: [LRSchedulerType] });
  const init = bind(`__init__${sig.replace('(self', '(self: py')}`, (a) => {
    (a[0] as PyInstance).payload = new Engine(...a.slice(1));
  }, { call: `self ${callT}`, ret: 'none' });
  init.owner = cls;
  cls.setAttr('__init__', init);
  return cls;
}

let built: { optim: Record<string, PyValue>; sched: Record<string, PyValue> } | null = null;

export function optimAttrs(): { optim: Record<string, PyValue>; sched: Record<string, PyValue> } {
  if (built) return built;
  const o: Record<string, PyValue> = { Optimizer: OptimizerType };
  for (const [n, sig, opts] of OPTIMIZERS) {
    const c = optimizerClass(n, sig, opts);
    if (c) o[n] = c;
  }
  const s: Record<string, PyValue> = { LRScheduler: LRSchedulerType, _LRScheduler: LRSchedulerType };
  for (const [n, sig, callT] of SCHEDULERS) {
    const c = schedulerClass(n, sig, callT);
    if (c) s[n] = c;
  }
  built = { optim: o, sched: s };
  return built;
}


