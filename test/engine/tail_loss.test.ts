// The margin, embedding, likelihood and CTC losses of nn.functional and their modules against
// test/golden/tail_loss.json (real PyTorch): values, gradients, grad_fn names, PyTorch-worded errors,
// the same cases on the meta device, and the positional-argument tables.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nn, torch } from '../../src/engine';
import { LOSS_EXTRA_FUNCTIONAL_ARGS, LOSS_EXTRA_MODULE_ARGS } from '../../src/engine/nn';
import { TAIL_LOSS_OPS } from '../golden/tail_loss';
import { checkOp, checkError, checkOpMeta, checkErrorMeta, loadGolden, type GoldenCase } from './check_op';

const golden = loadGolden('tail_loss.json');
type Case = GoldenCase & { meta?: boolean };

describe('golden tail losses', () => {
  for (const c of golden.cases) test(c.name, () => checkOp(c, TAIL_LOSS_OPS));
});
describe('golden tail loss errors', () => {
  for (const e of golden.errors) test(e.name, () => checkError(e, TAIL_LOSS_OPS));
});
describe('golden tail losses on the meta device', () => {
  for (const c of golden.cases as Case[]) if (c.meta !== false) test(c.name, () => checkOpMeta(c, TAIL_LOSS_OPS));
  for (const e of golden.errors) if (!e.data_dependent) test(`error: ${e.name}`, () => checkErrorMeta(e, TAIL_LOSS_OPS));
});

test('the TS op table and the fixture name the same ops', () => {
  const used = new Set([...golden.cases, ...golden.errors].map((c) => c.op));
  assert.deepEqual([...used].filter((op) => !(op in TAIL_LOSS_OPS)), []);
  assert.deepEqual(Object.keys(TAIL_LOSS_OPS).filter((op) => !used.has(op)), []);
});

test('the positional-argument tables match PyTorch signatures', () => {
  const sig = (golden as unknown as { signatures: { functional: Record<string, string[]>; modules: Record<string, string[]> } }).signatures;
  assert.deepEqual(LOSS_EXTRA_FUNCTIONAL_ARGS, sig.functional);
  assert.deepEqual(LOSS_EXTRA_MODULE_ARGS, sig.modules);
  for (const name of Object.keys(sig.functional)) assert.equal(typeof (nn.functional as Record<string, unknown>)[name], 'function', name);
  for (const name of Object.keys(sig.modules)) assert.equal(typeof (nn as Record<string, unknown>)[name], 'function', name);
});

describe('tail loss modules', () => {
  test('print as PyTorch and keep its attributes', () => {
    assert.equal(String(new nn.CTCLoss({ blank: 3 })), 'CTCLoss()');
    const t = new nn.TripletMarginLoss();
    assert.deepEqual([t.margin, t.p, t.eps, t.swap, t.reduction], [1.0, 2.0, 1e-6, false, 'mean']);
    const m = new nn.MultiMarginLoss({ weight: torch.ones([3]) });
    assert.deepEqual([m.p, m.margin, [...m.state_dict().keys()]], [1, 1.0, ['weight']]);
    assert.equal(new nn.PoissonNLLLoss({ reduce: false }).reduction, 'none');
  });

  test('constructor checks use PyTorch wording', () => {
    assert.throws(() => new nn.MultiMarginLoss({ p: 3 }), /only p == 1 and p == 2 supported/);
    assert.throws(() => new nn.TripletMarginLoss({ margin: 0 }), /TripletMarginLoss: expected margin to be greater than 0, got 0.0 instead/);
    assert.throws(() => new nn.TripletMarginWithDistanceLoss({ margin: -1 }), /expected margin to be greater than 0, got -1.0 instead/);
  });

  test('CTC gradient of a 1-step, 1-label alignment is softmax minus the one-hot (PyTorch formula)', () => {
    const lp = torch.tensor([[[Math.log(0.2), Math.log(0.5), Math.log(0.3)]]]).requires_grad_(true);
    const loss = nn.functional.ctc_loss(lp, torch.tensor([[1]]), [1], [1], { reduction: 'sum' });
    assert.ok(Math.abs(Number(loss.item()) + Math.log(0.5)) < 1e-6);
    loss.backward();
    const g = (lp.grad!.tolist() as number[][][])[0][0];
    [0.2, -0.5, 0.3].forEach((e, i) => assert.ok(Math.abs(g[i] - e) < 1e-6, `grad[${i}] = ${g[i]}`));
  });
});
