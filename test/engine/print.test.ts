// Tensor printing against real PyTorch: every case of test/golden/print.json (made by gen_print.py)
// is rebuilt here from its values and must print character for character as torch's repr().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { torch, TorchError, type DType, type Tensor } from '../../src/engine';
import { formatTensor, formatSize, set_printoptions, get_printoptions, type SetPrintOptions } from '../../src/engine/print';
import { formatExp, formatFixed } from '../../src/engine/print_format';

interface Case {
  name: string; shape: number[]; dtype: DType; expected: string;
  values?: (number | boolean | string)[]; gen?: [number, number, number, number, number];
  op?: string; requires_grad?: boolean; meta?: boolean; param?: boolean; opts?: SetPrintOptions;
}
const golden = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'print.json'), 'utf8')) as {
  cases: Case[]; sizes: { shape: number[]; expected: string }[];
};

const decode = (v: number | boolean | string): number | boolean =>
  v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number | boolean);

function build(c: Case): Tensor {
  let t: Tensor;
  if (c.meta) t = torch.zeros(c.shape, { dtype: c.dtype, device: 'meta' });
  else {
    const n = c.shape.reduce((a, b) => a * b, 1);
    const vals = c.gen
      ? Array.from({ length: n }, (_, i) => { const [a, b, m, off, d] = c.gen!; return (((i * a + b) % m) - off) / d; })
      : c.values!.map(decode);
    t = torch.tensor(vals as number[], { dtype: c.dtype }).reshape(c.shape);
  }
  if (c.param) {
    t._isParam = true;
    if (c.requires_grad) t.requires_grad_(true);
    return t;
  }
  if (c.requires_grad || c.op) t.requires_grad_(true);
  switch (c.op) {
    case undefined: return t;
    case 'add1': return t.add(1);
    case 'mul2': return t.mul(2);
    case 'sum': return t.sum();
    case 'relu': return t.relu();
    case 'neg': return t.neg();
    case 'view': return t.view(-1);
    default: throw new Error(`unknown op ${c.op}`);
  }
}

for (const c of golden.cases) {
  test(`repr ${c.name}`, () => {
    const t = build(c);
    if (c.opts) set_printoptions(c.opts);
    try {
      assert.equal(formatTensor(t), c.expected);
    } finally {
      set_printoptions({ profile: 'default' });
    }
  });
}

test('toString and __repr__ give the repr', () => {
  const t = torch.tensor([1.5, 2]);
  assert.equal(String(t), 'tensor([1.5000, 2.0000])');
  assert.equal(t.__repr__(), 'tensor([1.5000, 2.0000])');
  assert.equal(`${torch.tensor([true])}`, 'tensor([True])');
});

test('torch.Size repr', () => {
  for (const s of golden.sizes) assert.equal(formatSize(s.shape), s.expected);
});

test('set_printoptions resets sci_mode on each call, as PyTorch does', () => {
  set_printoptions({ sci_mode: true });
  assert.equal(get_printoptions().sci_mode, true);
  set_printoptions({ precision: 3 });
  assert.equal(get_printoptions().sci_mode, null);
  assert.equal(formatTensor(torch.tensor([1.23456])), 'tensor([1.235])');
  set_printoptions({ profile: 'default' });
  assert.deepEqual(get_printoptions(), { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sci_mode: null });
});

test('Python float formatting rounds ties to even on the exact binary value', () => {
  assert.equal(formatFixed(0.03125, 4), '0.0312');
  assert.equal(formatFixed(0.09375, 4), '0.0938');
  assert.equal(formatFixed(2.5, 0), '2');
  assert.equal(formatFixed(-0, 4), '-0.0000');
  assert.equal(formatExp(1e10, 4), '1.0000e+10');
  assert.equal(formatExp(9.99995e-5, 4), '9.9999e-05'); // 9.99995e-5 is just below the tie in binary
  assert.equal(formatExp(5e-324, 4), '4.9407e-324');
  assert.equal(formatExp(NaN, 4), 'nan');
});

test('a strided view prints its own elements', () => {
  const t = torch.tensor([[1, 2, 3], [4, 5, 6]]).t();
  assert.equal(formatTensor(t), 'tensor([[1, 4],\n        [2, 5],\n        [3, 6]])');
  assert.equal(formatTensor(t.select(0, 1)), 'tensor([2, 5])');
});

test('torch.tensor edge cases infer shape and dtype as PyTorch (checked through repr)', () => {
  assert.equal(formatTensor(torch.tensor([])), 'tensor([])');
  assert.equal(formatTensor(torch.tensor([[]])), 'tensor([], size=(1, 0))');
  assert.equal(formatTensor(torch.tensor([[], [1]])), 'tensor([], size=(2, 0))');
  assert.equal(formatTensor(torch.tensor([true, 1])), 'tensor([1, 1])');
  assert.equal(formatTensor(torch.tensor([true, 1.5])), 'tensor([1.0000, 1.5000])');
  assert.equal(formatTensor(torch.tensor(3.5)), 'tensor(3.5000)');
  assert.equal(formatTensor(torch.tensor(true)), 'tensor(True)');
  assert.equal(formatTensor(torch.tensor([-0])), 'tensor([-0.])');
  const err = (data: unknown, kind: string, message: string) =>
    assert.throws(() => torch.tensor(data as number[]), (e: unknown) => e instanceof TorchError && e.kind === kind && e.message === message);
  err([[1, 2], [3]], 'ValueError', 'expected sequence of length 2 at dim 1 (got 1)');
  err([[1, 2], 3], 'TypeError', 'not a sequence');
  err([1, [2, 3]], 'TypeError', "'list' object cannot be interpreted as an integer");
  err([1.5, [2, 3]], 'TypeError', 'must be real number, not list');
  err([2 ** 63], 'ValueError', 'Overflow when unpacking long long');
  err([null], 'RuntimeError', 'Could not infer dtype of NoneType');
});
