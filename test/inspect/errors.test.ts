// Bad input never crashes the inspector: each case ends in a report whose error diagnostic points
// at the right line, with CPython's/PyTorch's wording where there is one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { inspect, parseInputSpec } from '../../src/inspect';
import { ROOT } from './fixtures';

const file = join(ROOT, 'test/models/__virtual_bad.py');
const net = (init: string[], forward: string[], header: string[] = []) => [
  'import torch', 'import torch.nn as nn', ...header, '',
  'class Net(nn.Module):', '    def __init__(self):', '        super().__init__()', ...init.map((l) => `        ${l}`), '',
  '    def forward(self, x):', ...forward.map((l) => `        ${l}`), '',
].join('\n');

async function errorOf(source: string | undefined, extra: Record<string, unknown> = {}, path = file) {
  const r = await inspect({ file: path, source, ...extra });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 1, JSON.stringify(r.diagnostics));
  return { d: errors[0], r };
}

const cases: [string, string | undefined, Record<string, unknown>, RegExp, number][] = [
  ['a missing file', undefined, { file: join(ROOT, 'test/models/does_not_exist.py') }, /^\[Errno 2\] No such file or directory: '.*does_not_exist\.py'$/, 1],
  ['a syntax error', 'import torch.nn as nn\n\nclass Net(nn.Module)\n    pass\n', {}, /^SyntaxError: /, 3],
  ['no model class', 'import torch\n\ndef helper():\n    return 1\n', {}, /^no model found: the file defines no nn\.Module subclass and no function returning one/, 1],
  ['a model that needs arguments', 'import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self, width, depth):\n        super().__init__()\n', {},
    /^Net\.__init__\(\) needs arguments \(width, depth\): pass --model "Net\(\.\.\.\)"$/, 3],
  ['a wrong model expression', net(['self.fc = nn.Linear(4, 2)'], ['return self.fc(x)']), { model: 'Nett()' }, /^building the model \(Nett\(\)\): NameError: name 'Nett' is not defined$/, 1],
  ['a model expression that is no module', net(['self.fc = nn.Linear(4, 2)'], ['return self.fc(x)']), { model: '[1, 2]' }, /^the model expression \[1, 2\] gave a list, not an nn\.Module$/, 1],
  ['an error in __init__', net(['self.fc = nn.Linear(4, 2)', 'self.bad = nn.Conv2d(3)'], ['return self.fc(x)']), {},
    /^building the model \(Net\(\)\): TypeError: .*Conv2d.*out_channels/, 8],
  ['a shape mismatch in forward', net(['self.fc1 = nn.Linear(10, 20)', 'self.fc2 = nn.Linear(30, 5)'], ['x = self.fc1(x)', 'return self.fc2(x)']), {},
    /^RuntimeError: mat1 and mat2 shapes cannot be multiplied \(1x20 and 30x5\) \(in fc2: Linear\)$/, 12],
  ['inputs of the wrong shape', net(['self.fc = nn.Linear(10, 2)'], ['return self.fc(x)']), { inputs: [parseInputSpec('3,7')] },
    /^RuntimeError: mat1 and mat2 shapes cannot be multiplied \(3x7 and 10x2\) \(in fc: Linear\)$/, 10],
  ['an error in an --inputs expression', net(['self.fc = nn.Linear(10, 2)'], ['return self.fc(x)']), { inputsExpr: 'torch.randn(2, 10) +' }, /^SyntaxError: /, 1],
];

for (const [name, source, extra, message, line] of cases) {
  test(`${name}: an error diagnostic at line ${line}`, async () => {
    const { d, r } = await errorOf(source, extra, (extra.file as string | undefined) ?? file);
    assert.match(d.message, message);
    assert.equal(d.line, line);
    assert.ok(d.column >= 1 && d.end_line >= d.line);
    assert.equal(r.output, null);
  });
}

test('a top-level statement that raises while loading is skipped with a warning, and the model still builds', async () => {
  const source = net(['self.fc = nn.Linear(4, 2)'], ['return self.fc(x)'], ['import torchvision', 'data = torchvision.datasets.CIFAR10("./data", download=True)']);
  const r = await inspect({ file, source, inputs: [parseInputSpec('1,4')] });
  assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.line]), [['warning', 4]]);
  assert.match(r.diagnostics[0].message, /^skipped while loading the model file: ModuleNotFoundError: No module named 'torchvision'/);
  assert.deepEqual(r.output, { shape: [1, 2], dtype: 'float32' });
});

test('an endless loop in forward ends at the time budget', async () => {
  const source = net(['self.fc = nn.Linear(4, 2)'], ['while True:', '    x = x + 1', 'return x']);
  const { d } = await errorOf(source, { inputs: [parseInputSpec('1,4')], timeBudgetMs: 300 });
  assert.match(d.message, /^BudgetExceededError: /);
  assert.ok(d.line === 10 || d.line === 11, String(d.line)); // the `while` or its body
});
