// `train`: quick training runs on cpu — the loss goes down on an overfit batch, unused parameters and
// the plain-list mistake are reported, the first NaN is located, steps stream and can be cancelled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { train, parseInputSpec } from '../../src/inspect';
import type { TrainStep } from '../../src/protocol/report';
import { ROOT } from './fixtures';

test('LeNet overfits one batch: the loss falls toward zero; every parameter has a gradient and an update', async () => {
  const steps: TrainStep[] = [];
  const r = await train({ file: join(ROOT, 'examples/lenet.py'), steps: 30, batch: 8, data: 'overfit', optimizer: 'adam', lr: 3e-3 }, (s) => steps.push(s));
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.loss_fn, 'cross_entropy');
  assert.equal(r.class, 'LeNet');
  assert.deepEqual(steps, r.steps);
  assert.deepEqual(r.steps.map((s) => s.step), Array.from({ length: 30 }, (_, i) => i + 1));
  assert.ok(Math.abs(r.steps[0].loss - Math.log(10)) < 0.3, `first loss ${r.steps[0].loss} ≈ ln 10`);
  assert.ok(r.steps[29].loss < 0.2 * r.steps[0].loss, `loss ${r.steps[0].loss} → ${r.steps[29].loss}`);
  assert.deepEqual(r.parameters.map((p) => p.name), ['conv1.weight', 'conv1.bias', 'conv2.weight', 'conv2.bias', 'fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias', 'fc3.weight', 'fc3.bias']);
  for (const p of r.parameters) assert.ok(p.grad_norm! > 0 && p.update_ratio! > 0 && p.update_ratio! < 1, JSON.stringify(p));
  assert.deepEqual(r.no_grad_params, []);
  assert.equal(r.nonfinite, null);
});

test('a layer defined but never used gets no gradient; layers in a plain list are reported', async () => {
  const r = await train({ file: join(ROOT, 'test/models/plain_list.py'), steps: 2, optimizer: 'sgd', loss: 'mse' });
  assert.deepEqual(r.no_grad_params, ['unused.weight', 'unused.bias']);
  assert.equal(r.loss_fn, 'mse');
  assert.equal(r.optimizer, 'sgd');
  assert.equal(r.parameters.find((p) => p.name === 'unused.weight')!.grad_norm, null);
  assert.match(r.diagnostics[0].message, /not registered submodules/);
});

test('the first NaN is located at its step and module', async () => {
  const source = [
    'import torch', 'import torch.nn as nn', '',
    'class Log(nn.Module):', '    def forward(self, x):', '        return torch.log(x)', '',
    'class Net(nn.Module):', '    def __init__(self):', '        super().__init__()',
    '        self.fc = nn.Linear(4, 3)', '        self.log = Log()', '        self.head = nn.Linear(3, 2)', '',
    '    def forward(self, x):', '        return self.head(self.log(self.fc(x)))', '',
  ].join('\n');
  const r = await train({ file: join(ROOT, 'test/models/__virtual_nan.py'), source, inputs: [parseInputSpec('4,4')], steps: 2 });
  assert.deepEqual(r.nonfinite, { step: 1, module: 'log' });
  assert.ok(Number.isNaN(r.steps[0].loss));
});

test('cancelling stops between steps; --inputs and the loss choices work', async () => {
  const cancel = { cancelled: false };
  const r = await train({ file: join(ROOT, 'examples/lstm_lm.py'), model: 'LSTMLanguageModel(ntoken=40, ninp=8, nhid=8, nlayers=1)',
    inputsExpr: '(torch.randint(0, 40, (5, 2)), model.init_hidden(2))', steps: 10, loss: 'nll' }, (s) => { if (s.step === 3) cancel.cancelled = true; }, cancel);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.steps.length, 3);
  assert.equal(r.loss_fn, 'nll');
  const b = await train({ file: join(ROOT, 'test/models/multi_call.py'), inputs: [parseInputSpec('4,12'), parseInputSpec('4,12')], steps: 1, loss: 'bce_with_logits' });
  assert.deepEqual(b.diagnostics, []);
  assert.equal(b.loss_fn, 'bce_with_logits');
  const bad = await train({ file: join(ROOT, 'test/models/plain_list.py'), steps: 1, loss: 'cross_entropy', inputs: [parseInputSpec('20')] });
  assert.match(bad.diagnostics.at(-1)!.message, /--loss cross_entropy needs an \(N, C\) output, got shape \[5\]/);
});
