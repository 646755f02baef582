// Model files (test/models/*.py) run as `python file.py` would: their stdout must match real
// PyTorch's (test/golden/bindings_models.json, from test/golden/gen_bindings.py), numbers within 1e-4.
// Also checks where errors surface: at the Python line that made the mistake.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { initParser, runFile, runSource } from '../../src/python/index';
import { outputMismatch } from './compare_output';

const MODELS = join(__dirname, '..', 'models');
const golden = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'bindings_models.json'), 'utf8')) as Record<string, string>;

describe('torch bindings: model files vs PyTorch', () => {
  before(async () => {
    await initParser();
  });
  for (const [file, expected] of Object.entries(golden)) {
    test(file, async () => {
      let out = '';
      const r = await runFile(join(MODELS, file), { stdout: (t) => (out += t), maxMs: 120_000 });
      assert.equal(r.traceback, null, `${file} raised:\n${r.traceback}\nstdout so far:\n${out}`);
      const diff = outputMismatch(out, expected);
      assert.equal(diff, null, `${file}: ${diff}`);
    });
  }
});

describe('torch bindings: errors surface at the Python line', () => {
  test("the seed's self.layer1 typo is an AttributeError in forward", async () => {
    const src = readFileSync(join(MODELS, 'seeds_children.py'), 'utf8').replace(/try:\n {4}net\(torch.ones\(1, 4\)\)\nexcept[^\n]*\n[^\n]*\n/, 'net(torch.ones(1, 4))\n');
    const r = await runSource(src, { path: '/m/seeds_children.py', stdout: () => {} });
    assert.ok(r.error, 'expected an error');
    assert.equal(r.error.type, 'AttributeError');
    assert.equal(r.error.message, "'Net' object has no attribute 'layer1'");
    const lines = src.split('\n');
    assert.equal(lines[r.error.location!.line - 1].trim(), 'x = self.layer1(x)');
    assert.equal(r.error.location!.name, 'forward');
    assert.match(r.traceback!, /File "\/m\/seeds_children.py", line \d+, in forward\n {4}x = self.layer1\(x\)\nAttributeError: 'Net' object has no attribute 'layer1'$/);
  });

  test('an engine shape error is a RuntimeError at the line of the op, with PyTorch wording', async () => {
    const src = 'import torch\nimport torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(400, 120)\n    def forward(self, x):\n        return self.fc(x)\nM()(torch.ones(1, 256))\n';
    const r = await runSource(src, { path: '/m/shape.py', stdout: () => {} });
    assert.equal(r.error?.type, 'RuntimeError');
    assert.equal(r.error?.message, 'mat1 and mat2 shapes cannot be multiplied (1x256 and 400x120)');
    assert.equal(r.error?.location?.line, 8);
  });

  test('argument errors name the function and parameter', async () => {
    const r = await runSource('import torch\ntorch.zeros(2).view("a")\n', { stdout: () => {} });
    assert.equal(r.error?.type, 'TypeError');
    assert.match(r.error!.message, /view\(\): argument 'shape' must be int, not str/);
    const r2 = await runSource('import torch\ntorch.ones(2).sum(dim=0, keep=True)\n', { stdout: () => {} });
    assert.equal(r2.error?.type, 'TypeError');
    assert.equal(r2.error?.message, "Tensor.sum() got an unexpected keyword argument 'keep'");
  });

  test('.cuda() and .to("cuda") run on the cpu and report it once', async () => {
    const notes: string[] = [];
    let out = '';
    const r = await runSource('import torch\nx = torch.ones(2).cuda()\ny = x.to("cuda")\nz = torch.zeros(1, device="cuda:0")\nprint(x.device, y.device, z.device)\n', {
      stdout: (t) => (out += t), onInfo: (m) => notes.push(m),
    });
    assert.equal(r.traceback, null, r.traceback ?? '');
    assert.equal(out, 'cpu cpu cpu\n');
    assert.ok(notes.length >= 1 && notes.every((n) => /cpu/.test(n)), notes.join('\n'));
    assert.equal(new Set(notes).size, notes.length);
  });

  test("a run that fails does not leave torch's global switches changed for the next run", async () => {
    const r1 = await runSource('import torch\ntorch.set_grad_enabled(False)\ntorch.set_default_dtype(torch.float64)\ntorch.set_printoptions(precision=2)\nraise ValueError("stop")\n', { stdout: () => {} });
    assert.equal(r1.error?.type, 'ValueError');
    let out = '';
    await runSource('import torch\nprint(torch.is_grad_enabled(), torch.get_default_dtype(), torch.tensor([1/3]))\n', { stdout: (t) => (out += t) });
    assert.equal(out, 'True torch.float32 tensor([0.3333])\n');
  });
});
