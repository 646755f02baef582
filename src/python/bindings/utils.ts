// torch.nn.utils: gradient clipping, parameter/vector conversion, weight/spectral norm, and the
// parametrize / parametrizations / prune submodules' functions, with PyTorch's signatures.
import { Tensor, nn } from '../../engine/index';
import type { PyInstance, PyObject, PyValue } from '../runtime/object';
import { nativeClass, newInstance } from '../runtime/native';
import { toArray } from '../runtime/protocol';
import { bind, toNumber } from './spec';
import { tensorOf } from './values';

type Fn = (...a: unknown[]) => unknown;
const U = nn.utils as unknown as Record<string, Fn | undefined>;

/** `parameters`: a tensor or any iterable of tensors (model.parameters() is a one-shot iterator). */
const tensorsOf = (v: unknown): Tensor | Tensor[] => (v instanceof Tensor ? v : toArray(v as PyValue).map((x) => tensorOf(x)!).filter(Boolean));

const ROWS: [string, (a: unknown[]) => unknown][] = [
  ['clip_grad_norm_(parameters: py, max_norm: num, norm_type: num=2.0, error_if_nonfinite: bool=False, foreach: skip=None)',
    (a) => U.clip_grad_norm_!(tensorsOf(a[0]), ...a.slice(1))],
  ['clip_grad_value_(parameters: py, clip_value: num, foreach: skip=None)', (a) => U.clip_grad_value_!(tensorsOf(a[0]), a[1])],
  ['parameters_to_vector(parameters: py)', (a) => U.parameters_to_vector!(tensorsOf(a[0]))],
  ['vector_to_parameters(vec: Tensor, parameters: py)', (a) => U.vector_to_parameters!(a[0], tensorsOf(a[1]))],
];

type Rows = [string, (a: unknown[]) => unknown][];
const PZ = nn.utils.parametrize as unknown as Record<string, Fn>;
const PN = nn.utils.prune as unknown as Record<string, Fn>;
const PS = nn.utils.parametrizations as unknown as Record<string, Fn>;

/** Legacy hook-based weight/spectral norm (torch.nn.utils.weight_norm, ...). */
const NORM_ROWS: Rows = [
  ['weight_norm(module: Module, name: str="weight", dim: opt=0)', (a) => U.weight_norm!(...a)],
  ['remove_weight_norm(module: Module, name: str="weight")', (a) => U.remove_weight_norm!(...a)],
  ['spectral_norm(module: Module, name: str="weight", n_power_iterations: int=1, eps: num=1e-12, dim: opt=None)', (a) => U.spectral_norm!(...a)],
  ['remove_spectral_norm(module: Module, name: str="weight")', (a) => U.remove_spectral_norm!(...a)],
];

/** torch.nn.utils.parametrizations: the parametrization-based forms. */
const PARAMETRIZATIONS_ROWS: Rows = [
  ['weight_norm(module: Module, name: str="weight", dim: opt=0)', (a) => PS.weight_norm(...a)],
  ['spectral_norm(module: Module, name: str="weight", n_power_iterations: int=1, eps: num=1e-12, dim: opt=None)', (a) => PS.spectral_norm(...a)],
];

const PARAMETRIZE_ROWS: Rows = [
  ['register_parametrization(module: Module, tensor_name: str, parametrization: Module, *, unsafe: bool=False)', (a) => PZ.register_parametrization(...a)],
  ['remove_parametrizations(module: Module, tensor_name: str, leave_parametrized: bool=True)', (a) => PZ.remove_parametrizations(...a)],
  ['is_parametrized(module: Module, tensor_name: str=None)', (a) => PZ.is_parametrized(...a)],
  // The Python class never changes (nnlens does not swap in a Parametrized* class), so it is the type before.
  ['type_before_parametrizations(module: py)', (a) => (a[0] as PyObject).cls],
];

/** prune's `amount`: a Python int is a count of entries, a float a fraction (so 1 and 1.0 differ). */
const amount = (v: unknown): [number, { int: boolean }] => [typeof v === 'number' || typeof v === 'bigint' ? Number(v) : toNumber(v as PyValue, 'amount'), { int: typeof v === 'number' || typeof v === 'bigint' }];
const PRUNE_ROWS: Rows = [
  ['l1_unstructured(module: Module, name: str, amount: py, importance_scores: skip=None)', (a) => PN.l1_unstructured(a[0], a[1], ...amount(a[2]))],
  ['random_unstructured(module: Module, name: str, amount: py)', (a) => PN.random_unstructured(a[0], a[1], ...amount(a[2]))],
  ['identity(module: Module, name: str)', (a) => PN.identity(...a)],
  ['remove(module: Module, name: str)', (a) => PN.remove(...a)],
  ['is_pruned(module: Module)', (a) => PN.is_pruned(...a)],
];

type Ctx = { __enter__(): void; __exit__(): void };
/** `with parametrize.cached():` — the engine's context object behind a Python context manager. */
const CachedType = nativeClass({
  name: 'cached', module: 'torch.nn.utils.parametrize',
  methods: {
    '__enter__(self)': ([s]) => { ((s as PyInstance).payload as Ctx).__enter__(); return s; },
    '__exit__(self, *args)': ([s]) => { ((s as PyInstance).payload as Ctx).__exit__(); return false; },
  },
});
PARAMETRIZE_ROWS.push(['cached()', () => newInstance(CachedType, PZ.cached())]);

const table = (rows: Rows): Record<string, PyValue> => Object.fromEntries(rows.map(([sig, f]) => [sig.slice(0, sig.indexOf('(')), bind(sig, f)]));

let subs: Record<string, Record<string, PyValue>> | null = null;

/** The attributes of torch.nn.utils.{parametrize, parametrizations, prune}. */
export function utilsSubmoduleAttrs(): Record<string, Record<string, PyValue>> {
  subs ??= { parametrize: table(PARAMETRIZE_ROWS), parametrizations: table(PARAMETRIZATIONS_ROWS), prune: table(PRUNE_ROWS) };
  return subs;
}

let built: Record<string, PyValue> | null = null;

export function utilsAttrs(): Record<string, PyValue> {
  if (built) return built;
  built = {};
  for (const [sig, f] of ROWS) {
    const name = sig.slice(0, sig.indexOf('('));
    if (U[name]) built[name] = bind(sig, f, { ret: name.startsWith('clip_grad_value') || name.startsWith('vector_to') ? 'none' : 'auto' });
  }
  Object.assign(built, table(NORM_ROWS));
  return built;
}
