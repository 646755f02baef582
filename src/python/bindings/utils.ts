// torch.nn.utils: gradient clipping and parameter/vector conversion, with PyTorch's signatures.
import { Tensor, nn } from '../../engine/index';
import type { PyValue } from '../runtime/object';
import { toArray } from '../runtime/protocol';
import { bind } from './spec';
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

let built: Record<string, PyValue> | null = null;

export function utilsAttrs(): Record<string, PyValue> {
  if (built) return built;
  built = {};
  for (const [sig, f] of ROWS) {
    const name = sig.slice(0, sig.indexOf('('));
    if (U[name]) built[name] = bind(sig, f, { ret: name.startsWith('clip_grad_value') || name.startsWith('vector_to') ? 'none' : 'auto' });
  }
  return built;
}
