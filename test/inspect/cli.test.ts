// The `nnlens` command end to end (as a child process): the text table, --json as exactly one JSON
// document, --format, exit codes, usage errors, `train`, and `run` with Python's stdout and traceback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './fixtures';

function nnlens(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

test('nnlens inspect examples/lenet.py: the torchinfo-style table (the README command)', () => {
  const r = nnlens('inspect', 'examples/lenet.py');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^LeNet\s+\[1, 1, 32, 32\]\s+\[1, 10\]\s+--\s+True\s+416,520$/m);
  assert.match(r.out, /^├─Linear: 1-3\s+\[1, 400\]\s+\[1, 120\]\s+48,120\s+True\s+48,000$/m);
  assert.match(r.out, /^Total params: 61,706$/m);
  assert.match(r.out, /inputs: the file's own code, line 27: net\(torch\.randn\(1, 1, 32, 32\)\)$/m);
});

test('--json prints one JSON document with the documented keys; the model\'s prints go to stderr and `stdout`', () => {
  const r = nnlens('inspect', 'test/models/prints.py', '--json', '--input', '2,6');
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as Record<string, unknown>;
  for (const k of ['file', 'model', 'class', 'mode', 'device', 'input_source', 'inputs', 'output', 'modules', 'parameters', 'buffers', 'totals', 'repr', 'diagnostics', 'timing_ms']) {
    assert.ok(k in j, k);
  }
  assert.equal(j.stdout, 'number of parameters: 0.00M\n');
  assert.equal(r.err, 'number of parameters: 0.00M\n');
  assert.deepEqual(j.output, { shape: [2, 3], dtype: 'float32' });
  assert.equal(j.repr, 'Printer(\n  (fc): Linear(in_features=6, out_features=3, bias=True)\n)');
});

test('--format markdown / csv, --depth, --mode train, --device cpu', () => {
  const md = nnlens('inspect', 'examples/resnet.py', '--format', 'markdown', '--depth', '1', '--mode', 'train', '--device', 'cpu');
  assert.equal(md.code, 0, md.err);
  assert.match(md.out, /^### ResNet \(`ResNet18\(\)`\)$/m);
  assert.match(md.out, /^\| &nbsp;&nbsp;layer1 \| Sequential \| \[1, 64, 32, 32\] \| \[1, 64, 32, 32\] \| 147,968 \(rec\.\) \| True \|/m);
  assert.match(md.out, /Mode: train · device: cpu/);
  const csv = nnlens('inspect', 'examples/lenet.py', '--format', 'csv');
  assert.equal(csv.out.split('\n')[1], ',LeNet,0,1,"[1, 1, 32, 32]","[1, 10]",61706,61706,416520,833040');
});

test('exit codes: 1 with a diagnostic at the line for a failing model, 2 for usage errors', () => {
  const missing = nnlens('inspect', 'examples/nope.py');
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^examples\/nope\.py:1:1: error: \[Errno 2\] No such file or directory/);
  const mismatch = nnlens('inspect', 'examples/lenet.py', '--input', '1,1,28,28');
  assert.equal(mismatch.code, 1);
  assert.match(mismatch.err, /^examples\/lenet\.py:20:20: error: RuntimeError: mat1 and mat2 shapes cannot be multiplied \(1x256 and 400x120\) \(in fc1: Linear\)$/m);
  const json = nnlens('inspect', 'examples/lenet.py', '--input', '1,1,28,28', '--json');
  assert.equal(json.code, 1);
  assert.equal((JSON.parse(json.out) as { diagnostics: { line: number }[] }).diagnostics[0].line, 20);
  for (const args of [['inspect'], ['inspect', 'a.py', '--nope'], ['inspect', 'a.py', '--device', 'gpu'], ['inspect', 'a.py', '--input', '1,x'], ['frobnicate'], ['train', 'a.py', '--steps', 'many']]) {
    const r = nnlens(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /^nnlens: /, args.join(' '));
  }
  const help = nnlens('--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /^Usage:$/m);
});

test('nnlens train prints steps and a summary; --json prints one object', () => {
  const t = nnlens('train', 'examples/lenet.py', '--steps', '2', '--batch', '4', '--optimizer', 'sgd');
  assert.equal(t.code, 0, t.err);
  assert.match(t.out, /^step +1 +loss +2\.\d+/m);
  assert.match(t.out, /LeNet · sgd · cross_entropy · 2 steps/);
  const j = nnlens('train', 'test/models/plain_list.py', '--steps', '1', '--json');
  const r = JSON.parse(j.out) as { steps: unknown[]; no_grad_params: string[]; nonfinite: unknown; timing_ms: { total: number } };
  assert.equal(r.steps.length, 1);
  assert.deepEqual(r.no_grad_params, ['unused.weight', 'unused.bias']);
  assert.equal(r.nonfinite, null);
  assert.ok(r.timing_ms.total > 0);
});

test('nnlens run: stdout exactly as Python prints it, then the traceback and exit 1', () => {
  const r = nnlens('run', 'test/models/prints.py');
  assert.equal(r.code, 1);
  assert.equal(r.out, 'number of parameters: 0.00M\n(2, 3)\n');
  assert.match(r.err, /^Traceback \(most recent call last\):\n {2}File ".*prints\.py", line 25, in <module>\n/);
  assert.match(r.err, /ValueError: bad value: 3\n$/);
});
