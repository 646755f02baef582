// The losses of nn.functional and their modules against test/golden/loss.json (real PyTorch): values,
// input gradients, grad_fn names, PyTorch-worded errors, the same cases on the meta device, and the
// module classes' attributes, buffers and reprs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nn, torch } from '../../src/engine';
import { LOSS_FUNCTIONAL_ARGS, LOSS_MODULE_ARGS } from '../../src/engine/nn';
import { LOSS_OPS } from '../golden/loss';
import { checkOp, checkError, checkOpMeta, checkErrorMeta, loadGolden, type GoldenCase } from './check_op';

type LossCase = GoldenCase & { meta?: boolean; engine_grad_fn?: string };
const golden = loadGolden('loss.json');

/**
 * A few composites end in a division PyTorch's C++ does with its Scalar overload (DivBackward1); the
 * engine divides with the Python-level op (DivBackward0). The generator marks those cases.
 */
const withEngineName = (c: LossCase): GoldenCase => (c.engine_grad_fn ? { ...c, grad_fn: c.engine_grad_fn } : c);

describe('golden losses', () => {
  for (const c of golden.cases as LossCase[]) test(c.name, () => checkOp(withEngineName(c), LOSS_OPS));
});
describe('golden loss errors', () => {
  for (const e of golden.errors) test(e.name, () => checkError(e, LOSS_OPS));
});
describe('golden losses on the meta device', () => {
  for (const c of golden.cases as LossCase[]) if (c.meta !== false) test(c.name, () => checkOpMeta(withEngineName(c), LOSS_OPS));
  for (const e of golden.errors) if (!e.data_dependent) test(`error: ${e.name}`, () => checkErrorMeta(e, LOSS_OPS));
});

test('the TS op table and the fixture name the same ops', () => {
  const used = new Set([...golden.cases, ...golden.errors].map((c) => c.op));
  assert.deepEqual([...used].filter((op) => !(op in LOSS_OPS)), []);
  assert.deepEqual(Object.keys(LOSS_OPS).filter((op) => !used.has(op)), []);
});

test('the positional-argument tables match PyTorch signatures', () => {
  const sig = (golden as unknown as { signatures: { functional: Record<string, string[]>; modules: Record<string, string[]> } }).signatures;
  assert.deepEqual(LOSS_FUNCTIONAL_ARGS, sig.functional);
  assert.deepEqual(LOSS_MODULE_ARGS, sig.modules);
  for (const name of Object.keys(sig.functional)) assert.equal(typeof (nn.functional as Record<string, unknown>)[name], 'function', name);
  for (const name of Object.keys(sig.modules)) assert.equal(typeof (nn as Record<string, unknown>)[name], 'function', name);
});

describe('loss modules', () => {
  test('print as PyTorch: no extra_repr', () => {
    assert.equal(String(new nn.CrossEntropyLoss({ weight: torch.ones([3]), label_smoothing: 0.1 })), 'CrossEntropyLoss()');
    assert.equal(String(new nn.HuberLoss({ delta: 2 })), 'HuberLoss()');
    assert.equal(String(new nn.Sequential(new nn.Linear(2, 2), new nn.MSELoss())), 'Sequential(\n  (0): Linear(in_features=2, out_features=2, bias=True)\n  (1): MSELoss()\n)');
  });

  test('class weights are buffers: in the state_dict only when given', () => {
    assert.deepEqual([...new nn.CrossEntropyLoss({ weight: torch.ones([3]) }).state_dict().keys()], ['weight']);
    assert.deepEqual([...new nn.CrossEntropyLoss().state_dict().keys()], []);
    assert.deepEqual([...new nn.BCEWithLogitsLoss({ pos_weight: torch.ones([2]) }).state_dict().keys()], ['pos_weight']);
    assert.equal([...new nn.NLLLoss().parameters()].length, 0);
  });

  test('attributes keep PyTorch names and defaults; legacy size_average/reduce resolve to reduction', () => {
    const ce = new nn.CrossEntropyLoss();
    assert.equal(ce.reduction, 'mean');
    assert.equal(ce.ignore_index, -100);
    assert.equal(ce.label_smoothing, 0);
    assert.equal(new nn.SmoothL1Loss().beta, 1);
    assert.equal(new nn.KLDivLoss().log_target, false);
    assert.equal(new nn.MSELoss({ size_average: false }).reduction, 'sum');
    assert.equal(new nn.L1Loss({ reduce: false }).reduction, 'none');
  });

  test('the functional and module forms agree', () => {
    const x = torch.tensor([[0.2, -1.0, 0.5], [1.5, 0.1, -0.3]]);
    const t = torch.tensor([2, 0], { dtype: 'int64' });
    const a = nn.functional.cross_entropy(x, t, { reduction: 'sum' }).item();
    const b = (new nn.CrossEntropyLoss({ reduction: 'sum' }).call(x, t) as typeof x).item();
    assert.equal(a, b);
  });

  test('cross_entropy keeps double backward (gradient of the gradient norm)', () => {
    const x = torch.tensor([[0.2, -1.0, 0.5], [1.5, 0.1, -0.3]], { requires_grad: true });
    const t = torch.tensor([2, 0], { dtype: 'int64' });
    const [g] = torch.autograd.grad(nn.functional.cross_entropy(x, t), [x], undefined, true, true);
    assert.ok(g?.requires_grad);
    g!.square().sum().backward();
    assert.ok(x.grad && x.grad.abs().sum().item() as number > 0);
  });
});
