// torch.nn.init: PyTorch's initialisers with their signatures, bound to the engine's nn.init (which
// runs them under no_grad and draws from the same RNG stream as PyTorch).
import { nn } from '../../engine/index';
import type { PyValue } from '../runtime/object';
import { bind } from './spec';

type Fn = (...a: unknown[]) => unknown;
const I = nn.init as unknown as Record<string, Fn | undefined>;

const ROWS: string[] = [
  'calculate_gain(nonlinearity: str, param: opt=None)',
  'uniform_(tensor: Tensor, a: num=0.0, b: num=1.0, generator: skip=None)',
  'normal_(tensor: Tensor, mean: num=0.0, std: num=1.0, generator: skip=None)',
  'constant_(tensor: Tensor, val: num)',
  'ones_(tensor: Tensor)', 'zeros_(tensor: Tensor)', 'eye_(tensor: Tensor)',
  'dirac_(tensor: Tensor, groups: int=1)',
  'xavier_uniform_(tensor: Tensor, gain: num=1.0, generator: skip=None)',
  'xavier_normal_(tensor: Tensor, gain: num=1.0, generator: skip=None)',
  'kaiming_uniform_(tensor: Tensor, a: num=0, mode: str="fan_in", nonlinearity: str="leaky_relu", generator: skip=None)',
  'kaiming_normal_(tensor: Tensor, a: num=0, mode: str="fan_in", nonlinearity: str="leaky_relu", generator: skip=None)',
  'trunc_normal_(tensor: Tensor, mean: num=0.0, std: num=1.0, a: num=-2.0, b: num=2.0, generator: skip=None)',
  'orthogonal_(tensor: Tensor, gain: num=1, generator: skip=None)',
  '_calculate_fan_in_and_fan_out(tensor: Tensor)',
];

let built: Record<string, PyValue> | null = null;

export function initAttrs(): Record<string, PyValue> {
  if (built) return built;
  built = {};
  for (const sig of ROWS) {
    const name = sig.slice(0, sig.indexOf('('));
    const f = I[name];
    if (f) built[name] = bind(sig, (a) => f(...a), { ret: name === 'calculate_gain' ? 'float' : 'auto' });
  }
  return built;
}
