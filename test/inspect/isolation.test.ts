// Warm re-inspection in one process (the worker's case): cached parses and bindings must not let one
// run see another's globals or torch settings, and an edited file must be re-parsed correctly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { inspect } from '../../src/inspect';
import { torch } from '../../src/engine';
import type { InspectReport } from '../../src/protocol/report';

const DIR = join(__dirname, '..', 'models');
const errors = (r: InspectReport) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);

const SETTER = `import torch
import torch.nn as nn
import math
torch.marker = 'set by a'
math.pi = 3
SHARED = 'a'

class A(nn.Module):
    def __init__(self):
        super().__init__()
        # Top-level calls are skipped in definitions mode; the constructor runs.
        torch.set_default_dtype(torch.float64)
        torch.set_grad_enabled(False)
        self.fc = nn.Linear(4, 2)
    def forward(self, x):
        return self.fc(x.double())
`;

const CHECKER = `import torch
import torch.nn as nn
import math

class B(nn.Module):
    def __init__(self):
        super().__init__()
        assert torch.get_default_dtype() == torch.float32, f"dtype leaked: {torch.get_default_dtype()}"
        assert torch.is_grad_enabled(), "grad mode leaked"
        assert not hasattr(torch, 'marker'), "torch.marker leaked"
        assert math.pi > 3.1, "math.pi leaked"
        assert 'SHARED' not in globals(), "a global leaked"
        self.fc = nn.Linear(4, 2)
    def forward(self, x):
        return self.fc(x)
`;

const inputs = [{ shape: [1, 4] }];

test('two inspections in one process do not see each other\'s globals, module attributes or torch settings', async () => {
  const a = await inspect({ file: join(DIR, 'iso_a.py'), source: SETTER, inputs });
  assert.deepEqual(errors(a), []);
  assert.equal(a.parameters[0].dtype, 'float64', 'the setting applies inside its own run');
  const b = await inspect({ file: join(DIR, 'iso_b.py'), source: CHECKER, inputs });
  assert.deepEqual(errors(b), []);
  assert.equal(b.parameters[0].dtype, 'float32');
  assert.equal(torch.get_default_dtype(), 'float32', 'the host process keeps its defaults');
  assert.equal(torch.is_grad_enabled(), true);
  // The same file again (its parse now cached) still sees a fresh namespace.
  const again = await inspect({ file: join(DIR, 'iso_b.py'), source: CHECKER, inputs });
  assert.deepEqual(errors(again), []);
});

test('re-inspecting an edited file uses the new text, with line numbers that follow the edit', async () => {
  const file = join(DIR, 'iso_edit.py');
  const first = await inspect({ file, source: CHECKER, inputs });
  assert.deepEqual(first.output, { shape: [1, 2], dtype: 'float32' });
  const wider = CHECKER.replace('nn.Linear(4, 2)', 'nn.Linear(4, 3)');
  assert.deepEqual((await inspect({ file, source: wider, inputs })).output, { shape: [1, 3], dtype: 'float32' });
  // Three lines inserted above the class: a forward error must point at the moved line.
  const broken = `# one\n# two\n# three\n${wider.replace('return self.fc(x)', 'return self.fc(x) @ torch.ones(5, 5)')}`;
  const r = await inspect({ file, source: broken, inputs });
  const err = r.diagnostics.find((d) => d.severity === 'error');
  assert.ok(err, 'a shape error');
  assert.match(err.message, /cannot be multiplied \(1x3 and 5x5\)/);
  assert.equal(err.line, broken.split('\n').findIndex((l) => l.includes('torch.ones(5, 5)')) + 1);
  // And back to the original text: the same report as the first time.
  const back = await inspect({ file, source: CHECKER, inputs });
  assert.deepEqual({ ...back, timing_ms: null }, { ...first, timing_ms: null });
});

test('inspections started together run one after the other and each sees its own text', async () => {
  const file = join(DIR, 'iso_together.py');
  const texts = [2, 3, 5, 7].map((n) => CHECKER.replace('nn.Linear(4, 2)', `nn.Linear(4, ${n})`));
  const reports = await Promise.all(texts.map((source) => inspect({ file, source, inputs })));
  assert.deepEqual(reports.map((r) => r.output), [2, 3, 5, 7].map((n) => ({ shape: [1, n], dtype: 'float32' })));
});
