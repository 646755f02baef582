// Random factories (rand, randn, randint, randperm, normal, bernoulli, multinomial, *_like) and the
// in-place samplers nn.init uses (uniform_, normal_, bernoulli_, random_, exponential_), drawing from
// a torch.Generator in PyTorch's order. Meta tensors get shapes only: no draw, the stream is untouched.
import { type DType, type Storage, isFloating, get_default_dtype, allocStorage } from '../dtype';
import { TorchError, runtimeError } from '../errors';
import { checkSize } from '../shape';
import { Tensor, emptyTensor, makeTensor, get_default_device, type Device } from '../tensor';
import { record } from '../autograd/node';
import { commitInplace } from './convert';
import { Generator, default_generator } from '../random';
import * as K from './random_kernels';

export interface RandomOptions { dtype?: DType | null; device?: Device | null; requires_grad?: boolean; generator?: Generator | null }
export interface GeneratorOption { generator?: Generator | null }

const genOf = (o?: GeneratorOption | null): Generator => o?.generator ?? default_generator;

/** PyTorch's short scalar-type names, as its kernel errors print them. */
const SCALAR_NAME: Record<DType, string> = {
  float32: 'Float', float64: 'Double', float16: 'Half', bfloat16: 'BFloat16', int64: 'Long', int32: 'Int',
  int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool', complex64: 'ComplexFloat',
};
const notImplemented = (kernel: string, d: DType) => new TorchError('NotImplementedError', `"${kernel}" not implemented for '${SCALAR_NAME[d]}'`);
/** Python's str() of a float argument in an error (1.0 -> '1', as PyTorch's c10 formatting prints it). */
const num = (v: number): string => String(v);

function finish(t: Tensor, o?: RandomOptions): Tensor {
  if (o?.requires_grad) t.requires_grad_(true);
  return t;
}

/** A fresh tensor filled by `fill` (skipped on meta). */
function factory(size: readonly number[], dtype: DType, o: RandomOptions | undefined, fill: (d: Storage) => void): Tensor {
  const t = emptyTensor(checkSize(size), dtype, o?.device ?? get_default_device());
  if (t.device === 'cpu') fill(t._data());
  return finish(t, o);
}

const floatDtype = (o?: RandomOptions) => o?.dtype ?? get_default_dtype();

export function rand(size: readonly number[], o?: RandomOptions): Tensor {
  const dtype = floatDtype(o);
  if (!isFloating(dtype)) throw notImplemented('check_uniform_bounds', dtype);
  return factory(size, dtype, o, (d) => K.fillUniform(d, dtype, genOf(o), 0, 1));
}

export function randn(size: readonly number[], o?: RandomOptions): Tensor {
  const dtype = floatDtype(o);
  if (!isFloating(dtype)) throw notImplemented('normal_kernel_cpu', dtype);
  return factory(size, dtype, o, (d) => K.fillNormal(d, dtype, genOf(o), 0, 1, true));
}

const likeOpts = (x: Tensor, o?: RandomOptions): RandomOptions => ({ ...o, dtype: o?.dtype ?? x.dtype, device: o?.device ?? x.device });
export const rand_like = (x: Tensor, o?: RandomOptions): Tensor => rand(x.shape, likeOpts(x, o));
export const randn_like = (x: Tensor, o?: RandomOptions): Tensor => randn(x.shape, likeOpts(x, o));

function checkRange(from: number, to: number): void {
  if (!(from < to)) throw runtimeError(`random_ expects 'from' to be less than 'to', but got from=${from} >= to=${to}`);
}

/** torch.randint(high, size) or randint(low, high, size); int64 unless a dtype is given. */
export function randint(low: number, high: number | readonly number[], size?: readonly number[] | RandomOptions, o?: RandomOptions): Tensor {
  let lo = low, hi: number, shape: readonly number[];
  if (Array.isArray(high)) {
    [lo, hi, shape] = [0, low, high];
    o = size as RandomOptions | undefined;
  } else {
    hi = high as number;
    shape = size as readonly number[];
  }
  checkRange(lo, hi);
  const dtype = o?.dtype ?? 'int64';
  return factory(shape, dtype, o, (d) => K.fillRandomRange(d, dtype, genOf(o), lo, hi));
}

/** torch.randint_like(x, high) or randint_like(x, low, high). */
export function randint_like(x: Tensor, low: number, high?: number | null, o?: RandomOptions): Tensor {
  const [lo, hi] = high === undefined || high === null ? [0, low] : [low, high];
  return randint(lo, hi, x.shape, likeOpts(x, o));
}

/** torch.randperm(n): PyTorch's Fisher-Yates variant (swap i with i + draw % (n - i)). */
export function randperm(n: number, o?: RandomOptions): Tensor {
  if (n < 0) throw runtimeError(`Trying to create tensor with negative dimension ${n}: [${n}]`);
  const dtype = o?.dtype ?? 'int64';
  return factory([n], dtype, o, (d) => {
    const g = genOf(o);
    for (let i = 0; i < n; i++) d[i] = i;
    for (let i = 0; i < n - 1; i++) {
      const z = g.random() % (n - i);
      const s = d[i];
      d[i] = d[i + z];
      d[i + z] = s;
    }
  });
}

// ---- in-place samplers ----

/** Dims ordered by decreasing stride: the order PyTorch's TensorIterator walks memory in. */
function memoryOrder(t: Tensor): number[] {
  return t.shape.map((_, i) => i).sort((a, b) => t._strides[b] - t._strides[a] || a - b);
}

/**
 * Fills self in place with fresh samples, drawn in self's memory order. `node` is the grad_fn PyTorch
 * gives a non-leaf after the op (its gradient is zero: the samples do not depend on self).
 */
function sampleInto(self: Tensor, opName: string, node: string, fill: (d: Storage, contiguous: boolean) => void): Tensor {
  if (self.device === 'meta') return commitInplace(self, emptyTensor(self.shape, self.dtype, 'meta'), opName);
  const perm = memoryOrder(self);
  const tmp = emptyTensor(perm.map((i) => self.shape[i]), self.dtype, 'cpu');
  fill(tmp._data(), self.is_contiguous());
  const inv = perm.map((_, i) => perm.indexOf(i));
  const result = perm.every((p, i) => p === i) ? tmp : tmp.permute(inv);
  record(node, result, [self], [], ([g]) => [g!.mul(0)]);
  return commitInplace(self, result, opName);
}

export function uniform_(self: Tensor, from = 0, to = 1, o?: GeneratorOption): Tensor {
  if (!isFloating(self.dtype)) throw notImplemented('check_uniform_bounds', self.dtype);
  if (from > to) throw runtimeError(`uniform_ expects to return a [from, to) range, but found from=${num(from)} > to=${num(to)}`);
  return sampleInto(self, 'uniform_', 'UniformBackward0', (d) => K.fillUniform(d, self.dtype, genOf(o), from, to));
}

function checkStd(std: number): void {
  if (!(std >= 0)) throw runtimeError(`normal expects std >= 0.0, but found std ${num(std)}`);
}

export function normal_(self: Tensor, mean = 0, std = 1, o?: GeneratorOption): Tensor {
  checkStd(std);
  if (!isFloating(self.dtype)) throw notImplemented('normal_kernel_cpu', self.dtype);
  return sampleInto(self, 'normal_', 'NormalBackward0', (d, contiguous) => K.fillNormal(d, self.dtype, genOf(o), mean, std, contiguous));
}

export function bernoulli_(self: Tensor, p: number | Tensor = 0.5, o?: GeneratorOption): Tensor {
  if (p instanceof Tensor) {
    if (p.device === 'meta' || self.device === 'meta') return sampleInto(self, 'bernoulli_', 'BernoulliBackward1', () => undefined);
    const probs = p.detach().expand(self.shape).permute(memoryOrder(self))._contiguousData();
    return sampleInto(self, 'bernoulli_', 'BernoulliBackward1', (d) => K.fillBernoulliTensor(d, genOf(o), probs, p.dtype === 'float64'));
  }
  if (!(p >= 0 && p <= 1)) throw runtimeError(`bernoulli_ expects p to be in [0, 1], but got p=${num(p)}`);
  return sampleInto(self, 'bernoulli_', 'BernoulliBackward2', (d) => K.fillBernoulliScalar(d, genOf(o), p));
}

/** random_(), random_(to), random_(from, to). */
export function random_(self: Tensor, from?: number | null, to?: number | null, o?: GeneratorOption): Tensor {
  if (from === undefined || from === null) {
    return sampleInto(self, 'random_', 'RandomBackward2', (d) => K.fillRandomFull(d, self.dtype, genOf(o)));
  }
  const [lo, hi] = to === undefined || to === null ? [0, from] : [from, to];
  checkRange(lo, hi);
  return sampleInto(self, 'random_', 'RandomBackward2', (d) => K.fillRandomRange(d, self.dtype, genOf(o), lo, hi));
}

export function exponential_(self: Tensor, lambd = 1, o?: GeneratorOption): Tensor {
  if (!isFloating(self.dtype)) {
    throw runtimeError(`Exponential distribution is a continuous probability distribution. dtype must be a floating point but you specified ${SCALAR_NAME[self.dtype]}`);
  }
  if (!(lambd > 0)) throw runtimeError(`exponential_ expects lambda > 0.0, but found lambda=${num(lambd)}`);
  return sampleInto(self, 'exponential_', 'ExponentialBackward0', (d) => K.fillExponential(d, genOf(o), lambd));
}

// ---- distributions with tensor parameters ----

/**
 * torch.normal in its four forms: (Tensor mean, Tensor std), (Tensor mean, float std),
 * (float mean, Tensor std), (float mean, float std, size). Samples are drawn as PyTorch does
 * (normal_(0, std) then + mean, or normal_(0, 1) then * std + mean); gradients to mean/std are zero.
 */
export function normal(mean: Tensor | number, std: Tensor | number = 1, size?: readonly number[] | RandomOptions | null, o?: RandomOptions): Tensor {
  if (!(mean instanceof Tensor) && !(std instanceof Tensor)) {
    checkStd(std);
    const shape = Array.isArray(size) ? size : [];
    const dtype = floatDtype(o);
    return factory(shape, dtype, o, (d) => K.fillNormal(d, dtype, genOf(o), mean, std, true));
  }
  const opts = (Array.isArray(size) ? o : (size as RandomOptions | null | undefined)) ?? undefined;
  if (typeof std === 'number') checkStd(std);
  else if (std.device === 'cpu' && std.lt(0).sum().item() !== 0) throw runtimeError('normal expects all elements of std >= 0.0');
  const shapeOf = (x: Tensor | number) => (x instanceof Tensor ? x.shape : []);
  const ref = mean instanceof Tensor ? mean : (std as Tensor);
  const shape = mean instanceof Tensor && std instanceof Tensor ? broadcastPair(mean.shape, std.shape) : shapeOf(ref);
  const dtype = ref.dtype;
  const out = emptyTensor(shape, dtype, ref.device);
  if (out.device === 'cpu') {
    const unitStd = mean instanceof Tensor && typeof std === 'number' ? std : 1;
    K.fillNormal(out._data(), dtype, genOf(opts), 0, unitStd, true);
  }
  const m = mean instanceof Tensor ? mean.detach() : mean, s = std instanceof Tensor ? std.detach() : std;
  const result = typeof s === 'number' ? out.add(m) : out.mul(s).add(m);
  // PyTorch does not reparameterise: mean and std get zero gradients.
  const name = mean instanceof Tensor ? (std instanceof Tensor ? 'NormalBackward3' : 'NormalBackward1') : 'NormalBackward2';
  const inputs = [mean, std].filter((x): x is Tensor => x instanceof Tensor);
  record(name, result, inputs, [], ([g]) => inputs.map((x) => g!.new_zeros(x.shape)));
  return result;
}

function broadcastPair(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => {
    const x = a[a.length - n + i] ?? 1, y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw runtimeError(`The size of tensor a (${x}) must match the size of tensor b (${y}) at non-singleton dimension ${i}`);
    return x === 1 ? y : x;
  });
}

/** torch.bernoulli(input) draws with input as probabilities; bernoulli(input, p) uses a scalar p. */
export function bernoulli(input: Tensor, p?: number | null, o?: GeneratorOption): Tensor {
  const out = emptyTensor(input.shape, input.dtype, input.device);
  if (p === undefined || p === null) {
    if (input.device === 'cpu') {
      const probs = input._contiguousData();
      for (let i = 0; i < probs.length; i++) {
        if (!(probs[i] >= 0 && probs[i] <= 1)) {
          throw runtimeError('Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)');
        }
      }
    }
    return bernoulli_(out, input, o);
  }
  return bernoulli_(out, p, o);
}

import { multinomial } from './multinomial';
export { multinomial };

/** torch.get_rng_state(): the default generator's state as an opaque uint8 tensor. */
export function get_rng_state(): Tensor {
  const s = default_generator.get_state();
  const d = allocStorage('uint8', s.length);
  d.set(s);
  return makeTensor(d, [s.length], 'uint8');
}

export function set_rng_state(state: Tensor): void {
  if (state.dtype !== 'uint8') throw runtimeError(`expected a torch.ByteTensor, but got ${state.dtype}`);
  default_generator.set_state(state._contiguousData());
}

export { Generator, default_generator, manual_seed, initial_seed, seed } from '../random';

declare module '../tensor' {
  interface Tensor {
    uniform_(from?: number, to?: number, o?: GeneratorOption): Tensor;
    normal_(mean?: number, std?: number, o?: GeneratorOption): Tensor;
    bernoulli_(p?: number | Tensor, o?: GeneratorOption): Tensor;
    random_(from?: number | null, to?: number | null, o?: GeneratorOption): Tensor;
    exponential_(lambd?: number, o?: GeneratorOption): Tensor;
    bernoulli(p?: number | null, o?: GeneratorOption): Tensor;
    multinomial(num_samples: number, replacement?: boolean, o?: GeneratorOption): Tensor;
  }
}

const P = Tensor.prototype;
P.uniform_ = function (from, to, o) { return uniform_(this, from, to, o); };
P.normal_ = function (mean, std, o) { return normal_(this, mean, std, o); };
P.bernoulli_ = function (p, o) { return bernoulli_(this, p, o); };
P.random_ = function (from, to, o) { return random_(this, from, to, o); };
P.exponential_ = function (lambd, o) { return exponential_(this, lambd, o); };
P.bernoulli = function (p, o) { return bernoulli(this, p, o); };
P.multinomial = function (n, replacement, o) { return multinomial(this, n, replacement, o); };
