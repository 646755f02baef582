// The recipes of test/golden/gen_random.py, by name, written against the engine: each returns the
// tensor PyTorch's recipe of the same name returned, drawn from the same seeded stream.
import { torch, type Tensor } from '../../src/engine';

const T = (seed: number | bigint) => { torch.manual_seed(seed); };
const seq = (...fs: (() => Tensor)[]) => torch.tensor(fs.flatMap((f) => f().reshape(-1).tolist() as number[]), { dtype: 'float64' });
const empty = (shape: number[], dtype: 'float32' | 'float64' | 'int32' | 'int64' | 'bool' = 'float32') => torch.empty(shape, { dtype });

export const RECIPES: Record<string, () => Tensor> = {
  rand_5: () => (T(0), torch.rand([5])),
  rand_3x4_seed42: () => (T(42), torch.rand([3, 4])),
  rand_f64: () => (T(0), torch.rand([7], { dtype: 'float64' })),
  randn_3: () => (T(0), torch.randn([3])),
  randn_15: () => (T(1), torch.randn([15])),
  randn_16: () => (T(0), torch.randn([16])),
  randn_37: () => (T(3), torch.randn([37])),
  randn_200: () => (T(7), torch.randn([200])),
  randn_1000: () => (T(8), torch.randn([1000])),
  randn_f64_5: () => (T(0), torch.randn([5], { dtype: 'float64' })),
  randn_f64_21: () => (T(0), torch.randn([21], { dtype: 'float64' })),
  randn_cache_carry: () => (T(5), seq(() => torch.randn([3]), () => torch.randn([3]), () => torch.rand([2]))),
  randint_10: () => (T(0), torch.randint(0, 10, [10])),
  randint_neg: () => (T(1), torch.randint(-5, 5, [8])),
  randint_high_only: () => (T(2), torch.randint(100, [2, 3])),
  randint_wide: () => (T(0), torch.randint(0, 2 ** 40, [4])),
  randint_float: () => (T(0), torch.randint(0, 7, [5], { dtype: 'float32' })),
  randperm_10: () => (T(0), torch.randperm(10)),
  randperm_1: () => (T(0), torch.randperm(1)),
  bernoulli_tensor: () => (T(0), torch.bernoulli(torch.tensor([0.1, 0.5, 0.9, 0.3, 0.7, 0.5, 0.5, 0.5]))),
  bernoulli_tensor_f64: () => (T(0), torch.bernoulli(torch.tensor([0.1, 0.5, 0.9, 0.3], { dtype: 'float64' }))),
  bernoulli_scalar: () => (T(0), empty([10]).bernoulli_(0.3)),
  uniform_range: () => (T(0), empty([12]).uniform_(-2, 3)),
  uniform_kaiming: () => (T(0), empty([4, 3]).uniform_(-0.5773502691896258, 0.5773502691896258)),
  uniform_f64: () => (T(0), empty([6], 'float64').uniform_(-1, 1)),
  normal_blocked: () => (T(0), empty([20]).normal_(1.0, 2.0)),
  normal_small: () => (T(0), empty([5]).normal_(-1.0, 0.5)),
  normal_transposed: () => (T(0), empty([4, 5]).t().normal_()),
  uniform_transposed: () => (T(0), empty([3, 4]).t().uniform_()),
  exponential: () => (T(0), empty([10]).exponential_()),
  exponential_f64_lambda: () => (T(0), empty([10], 'float64').exponential_(2.5)),
  multinomial_repl: () => (T(0), torch.multinomial(torch.tensor([0.1, 0.2, 0.3, 0.4]), 12, true)),
  multinomial_repl_2d: () => (T(3), torch.multinomial(torch.tensor([[1.0, 0, 3], [0, 2.0, 2]], { dtype: 'float32' }), 6, true)),
  multinomial_norepl: () => (T(0), torch.multinomial(torch.tensor([0.1, 0.2, 0.3, 0.4, 1.0]), 4)),
  multinomial_one: () => (T(0), torch.multinomial(torch.tensor([[0.5, 0.5, 1.0], [1.0, 2.0, 0.1]]), 1)),
  random_int32: () => (T(0), empty([6], 'int32').random_()),
  random_bool: () => (T(0), empty([8], 'bool').random_()),
  random_float: () => (T(0), empty([4]).random_()),
  random_to: () => (T(0), empty([6]).random_(100)),
  random_from_to: () => (T(0), empty([6], 'int64').random_(-3, 3)),
  generator_obj: () => torch.rand([3], { generator: new torch.Generator().manual_seed(42) }),
  generator_default_seed: () => torch.rand([3], { generator: new torch.Generator() }),
  seed_negative: () => (T(-1), torch.rand([3])),
  seed_large: () => (T(2 ** 40 + 5), torch.rand([3])),
  normal_tensor_float: () => (T(0), torch.normal(torch.tensor([0.0, 10.0, 100.0], { dtype: 'float32' }), 2.0)),
  normal_float_tensor: () => (T(0), torch.normal(1.0, torch.tensor([1.0, 2.0, 3.0], { dtype: 'float32' }))),
  normal_tensor_tensor: () => (T(0), torch.normal(torch.zeros([2, 9]), torch.ones([9]))),
  normal_float_float: () => (T(0), torch.normal(2.0, 3.0, [4])),
  rand_like: () => (T(0), torch.rand_like(torch.zeros([2, 2], { dtype: 'float64' }))),
  randn_like: () => (T(0), torch.randn_like(torch.zeros([17]))),
  randint_like: () => (T(0), torch.randint_like(torch.zeros([4]), 3, 9)),
};

/** The recipes of gen_random.py's STATES: what was drawn before the generator state was saved. */
export const STATE_RECIPES: Record<string, () => void> = {
  fresh_seed_7: () => { torch.manual_seed(7); },
  after_randn_3: () => { T(0); torch.randn([3]); },
  after_twist_and_cache: () => { T(1234); torch.rand([700]); torch.randn([1]); },
};
