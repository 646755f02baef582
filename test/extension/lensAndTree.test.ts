// CodeLens placement and texts, and the sidebar tree built from a report: what the user sees above
// each model and in the activity bar, computed without VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelCandidate } from '../../src/protocol/report';
import { lensesFor } from '../../src/extension/lensModel';
import { lensSummary, shapeText } from '../../src/extension/summary';
import { buildModelTree, candidateNodes, type TreeNode } from '../../src/extension/treeModel';
import { broken, hostile, lenet } from './fixtures';

const candidates: ModelCandidate[] = [
  { name: 'LeNet', kind: 'class', line: 6, column: 7, end_line: 6, end_column: 12, bases: ['nn.Module'] },
  { name: 'make_mlp', kind: 'factory', line: 30, column: 5, end_line: 30, end_column: 13, bases: [] },
];

test('Inspect and Train lenses sit on the class/def line (0-based) over the name', () => {
  const lenses = lensesFor(candidates, () => undefined);
  assert.deepEqual(lenses.map((l) => [l.line, l.startColumn, l.endColumn, l.title, l.model]), [
    [5, 6, 11, 'Inspect', 'LeNet'],
    [5, 6, 11, 'Train', 'LeNet'],
    [29, 4, 12, 'Inspect', 'make_mlp'],
    [29, 4, 12, 'Train', 'make_mlp'],
  ]);
  assert.deepEqual(lenses.map((l) => l.command), ['nnlens.inspectModel', 'nnlens.trainModel', 'nnlens.inspectModel', 'nnlens.trainModel']);
});

test('a third lens shows the summary once known, a spinner while running, and the failure', () => {
  const report = lenet();
  const lenses = lensesFor(candidates, (m) => (m === 'LeNet' ? { report } : { running: true }));
  assert.equal(lenses[2].title, '44,470 params → (1, 10)');
  assert.equal(lenses[2].line, 5);
  assert.equal(lenses[5].title, '$(loading~spin) inspecting…');
  const failed = lensesFor(candidates.slice(0, 1), () => ({ error: 'engine stopped' }));
  assert.equal(failed[2].title, '$(error) inspection failed');
  assert.equal(failed[2].tooltip, 'engine stopped');
  assert.equal(lensSummary(broken()), '$(error) RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x64 and 128x10)');
});

test('shapes print like tuples: tensors, tuples, dicts, None, numbers', () => {
  assert.equal(shapeText({ shape: [1, 10], dtype: 'float32' }), '(1, 10)');
  assert.equal(shapeText({ shape: [5], dtype: 'float32' }), '(5,)');
  assert.equal(shapeText({ shape: [], dtype: 'float32' }), '()');
  assert.equal(shapeText([{ shape: [1, 10], dtype: 'float32' }, [{ shape: [1, 4], dtype: 'float32' }, null]]), '((1, 10), ((1, 4), None))');
  assert.equal(shapeText({ logits: { shape: [2, 3], dtype: 'float32' }, n: 3 }), '{logits: (2, 3), n: 3}');
});

const find = (n: TreeNode, id: string): TreeNode | undefined => (n.id === id ? n : n.children.map((c) => find(c, id)).find(Boolean));

test('the tree nests modules by name with type, output shape and params; parameters and buffers are leaves', () => {
  const root = buildModelTree(lenet());
  assert.equal(root.label, 'LeNet(): LeNet');
  assert.equal(root.description, '(1, 10) · 44,470 params');
  assert.deepEqual(root.children.map((c) => c.label), ['features', 'flatten', 'classifier']);
  const block = find(root, 'm:features.0')!;
  assert.equal(block.description, 'ConvBlock · (1, 6, 12, 12) · 168 params');
  assert.deepEqual(block.source, { file: '/workspace/models/lenet.py', line: 22 });
  const conv = find(root, 'm:features.0.conv')!;
  assert.equal(conv.label, 'conv');
  assert.equal(conv.description, 'Conv2d · (1, 6, 24, 24) · 156 params');
  assert.deepEqual(conv.children.map((c) => [c.kind, c.label, c.description]), [
    ['parameter', 'weight', '[6, 1, 5, 5] float32 · trainable'],
    ['parameter', 'bias', '[6] float32 · trainable'],
  ]);
  const bn = find(root, 'm:features.0.bn')!;
  assert.deepEqual(bn.children.filter((c) => c.kind === 'buffer').map((c) => [c.label, c.description]), [
    ['running_mean', '[6] float32 · buffer'],
    ['running_var', '[6] float32 · buffer'],
    ['num_batches_tracked', '[] int64 · buffer'],
  ]);
  assert.equal(find(root, 'm:flatten')!.description, 'Flatten · (1, 256) · no params');
  // a leaf's click target is its owner's definition, when the owner is a user class
  assert.deepEqual(find(root, 'p:features.0.conv.weight')!.source, undefined);
});

test('modules that were not called, frozen and tied parameters say so', () => {
  const report = broken();
  report.parameters[2].requires_grad = false;
  report.parameters[3].shared_with = 'fc1.bias';
  report.modules[2].trainable_params = 10;
  const root = buildModelTree(report);
  assert.equal(find(root, 'm:fc2')!.description, 'Linear · not called · 1,290 params (1,280 frozen)');
  assert.equal(find(root, 'p:fc2.weight')!.description, '[10, 128] float32 · frozen');
  assert.equal(find(root, 'p:fc2.bias')!.description, '[10] float32 · trainable · tied to fc1.bias');
});

test('hostile names are carried as plain text (the tree API renders them as text)', () => {
  const root = buildModelTree(hostile());
  assert.equal(root.children[0].label, '<img src=x onerror=alert(1)>');
  assert.equal(root.children[0].children[0].label, 'weight');
  assert.equal(root.children.at(-1)!.label, '<script>window.__pwned=1</script>');
});

test('before a report the tree lists the file\'s models to inspect', () => {
  const nodes = candidateNodes(candidates);
  assert.deepEqual(nodes.map((n) => [n.label, n.description, n.model]), [
    ['LeNet', 'class(nn.Module) · click to inspect', 'LeNet'],
    ['make_mlp', 'factory · click to inspect', 'make_mlp'],
  ]);
});
