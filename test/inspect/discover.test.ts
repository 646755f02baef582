// Model discovery without running anything: listModels (CodeLens / quick pick), including subclasses
// of user classes and nn.Sequential, zero-argument factories, files with syntax errors; input specs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listModels, parseInputSpec, InputSpecError } from '../../src/inspect';
import { ROOT } from './fixtures';

const list = async (source: string) => (await listModels('/x/model.py', source)).candidates.map((c) => [c.name, c.kind, c.line, c.column]);

test('classes deriving from nn.Module directly, through user classes, nn.Sequential and torch layers', async () => {
  const source = [
    'import torch', 'from torch import nn', 'import torch.nn as tnn', '',
    'class Base(nn.Module):', '    pass', '',
    'class Child(Base):', '    pass', '',
    'class Stack(torch.nn.Sequential):', '    pass', '',
    'class Wide(nn.Linear):', '    pass', '',
    'class NotAModel(object):', '    pass', '',
    'class Config:', '    n = 1', '',
    'def build():', '    return Child()', '',
    'def build_with(n):', '    return Child()', '',
    'def _private():', '    return Child()', '',
    'def helper():', '    return 3', '',
  ].join('\n');
  assert.deepEqual(await list(source), [
    ['Base', 'class', 5, 7], ['Child', 'class', 8, 7], ['Stack', 'class', 11, 7], ['Wide', 'class', 14, 7], ['build', 'factory', 23, 5],
  ]);
});

test('the examples list their models, factories included', async () => {
  const names = async (f: string) => (await list(readFileSync(join(ROOT, f), 'utf8'))).map(([n, k]) => `${n}:${k}`);
  assert.deepEqual(await names('examples/resnet.py'), ['BasicBlock:class', 'ResNet:class', 'ResNet18:factory']);
  assert.deepEqual(await names('examples/gpt.py'), ['CausalSelfAttention:class', 'MLP:class', 'Block:class', 'GPT:class']);
  assert.deepEqual(await names('test/models/multi_call.py'), ['Trunk:class', 'TwoHeads:class', 'make_model:factory']);
});

test('a file with a syntax error still lists its models, with the error as a diagnostic', async () => {
  const r = await listModels('/x/model.py', 'import torch.nn as nn\n\nclass Net(nn.Module):\n    def forward(self, x:\n        return x\n');
  assert.deepEqual(r.candidates.map((c) => c.name), ['Net']);
  assert.equal(r.diagnostics[0].severity, 'error');
  assert.match(r.diagnostics[0].message, /^SyntaxError/);
});

test('input specs: DIMS[:DTYPE[:LOW..HIGH]]', () => {
  assert.deepEqual(parseInputSpec('1,3,32,32'), { shape: [1, 3, 32, 32] });
  assert.deepEqual(parseInputSpec('1,16:int64:0..100'), { shape: [1, 16], dtype: 'int64', low: 0, high: 100 });
  assert.deepEqual(parseInputSpec('(2, 5)'), { shape: [2, 5] });
  assert.deepEqual(parseInputSpec('8,:torch.long'), { shape: [8], dtype: 'int64' });
  assert.deepEqual(parseInputSpec('4:float64:-1..1'), { shape: [4], dtype: 'float64', low: -1, high: 1 });
  assert.deepEqual(parseInputSpec('():bool'), { shape: [], dtype: 'bool' });
  const bad: [string, RegExp][] = [
    ['', /the shape is empty/], ['1,x', /'x' is not a non-negative integer dimension/], ['1,,3', /'' is not a non-negative/],
    ['1,3:int99', /unknown dtype 'int99'/], ['1:int64:5', /the range '5' must read LOW\.\.HIGH/], ['1:int64:5..5', /the range is empty/],
    ['1:a:b:c', /expected DIMS\[:DTYPE\[:LOW\.\.HIGH\]\]/], ['-1,3', /'-1' is not a non-negative integer/],
  ];
  for (const [text, message] of bad) {
    assert.throws(() => parseInputSpec(text), (e: unknown) => e instanceof InputSpecError && message.test(e.message), text);
  }
});
