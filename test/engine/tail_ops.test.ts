// The tensor-op tail (trace ... searchsorted) against test/golden/tail_ops.json (real PyTorch): values,
// gradients, grad_fn names, PyTorch-worded errors, meta shapes, and torch.finfo/iinfo field by field.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { torch, TorchError, type DType } from '../../src/engine';
import { TAIL_OPS } from '../golden/tail_ops';
import { checkOp, checkError, checkOpMeta, checkErrorMeta, loadGolden, type GoldenCase } from './check_op';

type Case = GoldenCase & { meta?: boolean };
type Info = Record<string, number | string>;
const golden = loadGolden('tail_ops.json') as ReturnType<typeof loadGolden> & {
  info: { finfo: Record<string, Info>; iinfo: Record<string, Info>; default_finfo_dtype: string; errors: Record<string, { type: string; message: string }> };
};

describe('golden tail ops', () => {
  for (const c of golden.cases) test(c.name, () => checkOp(c, TAIL_OPS));
});
describe('golden tail op errors', () => {
  for (const e of golden.errors) test(e.name, () => checkError(e, TAIL_OPS));
});
describe('golden tail ops on the meta device', () => {
  for (const c of golden.cases as Case[]) if (c.meta !== false) test(c.name, () => checkOpMeta(c, TAIL_OPS));
  for (const e of golden.errors) if (!e.data_dependent) test(`error: ${e.name}`, () => checkErrorMeta(e, TAIL_OPS));
});

test('the TS op table and the fixture name the same ops', () => {
  const used = new Set([...golden.cases, ...golden.errors].map((c) => c.op));
  assert.deepEqual([...used].filter((op) => !(op in TAIL_OPS)), []);
  assert.deepEqual(Object.keys(TAIL_OPS).filter((op) => !used.has(op)), []);
});

describe('torch.finfo / torch.iinfo', () => {
  test('every float dtype: fields and repr as PyTorch', () => {
    for (const [dt, want] of Object.entries(golden.info.finfo)) {
      const f = torch.finfo(dt as DType);
      for (const [k, v] of Object.entries(want)) {
        assert.equal(k === 'repr' ? String(f) : (f as unknown as Info)[k], v, `${dt}.${k}`);
      }
    }
    assert.equal(torch.finfo().dtype, golden.info.default_finfo_dtype);
  });
  test('every integer dtype: fields and repr as PyTorch', () => {
    for (const [dt, want] of Object.entries(golden.info.iinfo)) {
      const f = torch.iinfo(dt as DType);
      for (const [k, v] of Object.entries(want)) assert.equal(k === 'repr' ? String(f) : (f as unknown as Info)[k], v, `${dt}.${k}`);
    }
  });
  test('wrong kinds raise PyTorch\'s TypeError', () => {
    const calls: Record<string, () => unknown> = {
      'finfo int32': () => torch.finfo('int32'), 'iinfo float32': () => torch.iinfo('float32'), 'iinfo bool': () => torch.iinfo('bool'),
    };
    for (const [name, want] of Object.entries(golden.info.errors)) {
      assert.throws(calls[name], (e: unknown) => e instanceof TorchError && e.kind === want.type && e.message === want.message, name);
    }
  });
});

describe('tail op behaviour beyond the fixture', () => {
  test('in-place forms write through and bump the version', () => {
    const x = torch.tensor([1, NaN, Infinity]);
    x.nan_to_num_(0, 5);
    assert.deepEqual(x.tolist(), [1, 0, 5]);
    const y = torch.zeros([4]);
    y.masked_scatter_(torch.tensor([true, false, true, false]), torch.tensor([7.5, 8.5]));
    assert.deepEqual(y.tolist(), [7.5, 0, 8.5, 0]);
  });
  test('meshgrid returns views sharing the inputs\' storage; unique on meta is refused clearly', () => {
    const a = torch.arange(3), [g] = torch.meshgrid(a, torch.arange(2));
    assert.equal(g._box, a._box);
    assert.throws(() => torch.unique(torch.zeros([3], { device: 'meta' })), /output size depends on the input's values/);
  });
});
