// `inspect` on the model files of examples/ and test/models, end to end through the interpreter:
// each report must show what real PyTorch showed (fixtures from test/golden/gen_inspect.py), and the
// model and inputs must be found without options where the file says how.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { inspect, parseInputSpec, formatReport } from '../../src/inspect';
import { assertMatchesTorch, golden, ROOT } from './fixtures';

for (const c of golden.cases) {
  test(`${c.file}: ${c.model} equals PyTorch (parameters, buffers, calls, output, repr, MACs)`, async () => {
    const r = await inspect({
      file: join(ROOT, c.file), model: c.model, inputs: c.inputs?.map(parseInputSpec), inputsExpr: c.inputs_expr,
    });
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.equal(r.device, 'meta');
    // torch.utils.flop_counter misses the LSTM's own products and, on cpu, MultiheadAttention and
    // scaled_dot_product_attention (fused kernels without a formula); nnlens counts them (tests below).
    assertMatchesTorch(r, c, { macs: !/lstm|mha/.test(c.file) });
  });
}

test('LSTM MACs: the recurrent products are counted (4·hidden·(input+hidden) per step and layer) plus the decoder', async () => {
  const r = await inspect({ file: join(ROOT, 'examples/lstm_lm.py') });
  const steps = 35 * 20;
  assert.equal(r.modules.find((m) => m.name === 'rnn')!.mult_adds, steps * (4 * 128 * (64 + 128) + 4 * 128 * (128 + 128)));
  assert.equal(r.modules.find((m) => m.name === 'decoder')!.mult_adds, steps * 128 * 1000);
});

test('attention MACs: nn.MultiheadAttention and F.scaled_dot_product_attention count every product', async () => {
  const r = await inspect({ file: join(ROOT, 'test/models/mha.py'), inputs: [parseInputSpec('2,10,32')] });
  const tokens = 2 * 10, scores = 2 * 4 * 10 * 10 * 8; // B·H·T·T·head_dim, once for q·kᵀ and once for ·v
  const mha = tokens * 32 * 96 + 2 * scores + tokens * 32 * 32; // in_proj, attention, out_proj
  assert.equal(r.modules.find((m) => m.name === 'mha')!.mult_adds, mha);
  assert.equal(r.modules.find((m) => m.name === 'qkv')!.mult_adds, tokens * 32 * 96);
  assert.equal(r.totals.mult_adds, mha + tokens * 32 * 96 + 2 * scores);
});

test('without options, the model and inputs come from the file itself, and the report says where', async () => {
  const expect: Record<string, [string, RegExp]> = {
    'examples/lenet.py': ['LeNet()', /^the file's own code, line 27: net\(torch\.randn\(1, 1, 32, 32\)\)$/],
    'examples/resnet.py': ['ResNet18()', /^the file's own code, line 67: net\(torch\.randn\(1, 3, 32, 32\)\)$/],
    'examples/lstm_lm.py': ['LSTMLanguageModel()', /^the file's own code, line 43: model\(tokens, hidden\)$/],
    'examples/gpt.py': ['GPT(GPTConfig())', /^the file's own code, line 109: model\(idx\)$/],
    'test/models/multi_call.py': ['make_model()', /^the file's own code, line 34: m\(torch\.randn\(4, 12\), torch\.randn\(4, 12\)\)$/],
    'test/models/attention.py': ['ConvAttn()', /^comment on line 29: # nnlens: input=2,8,16$/],
    'test/models/plain_list.py': ['ListMLP()', /^guessed from the first layer out: Linear\(20, …\)$/],
  };
  for (const [file, [model, source]] of Object.entries(expect)) {
    const r = await inspect({ file: join(ROOT, file) });
    assert.equal(r.model, model, file);
    assert.match(r.input_source, source, file);
    assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), [], file);
    assert.notEqual(r.output, null, file);
  }
});

test('the LSTM returns (output, (h, c)) and all of it is shown', async () => {
  const r = await inspect({ file: join(ROOT, 'examples/lstm_lm.py') });
  const f = (s: number[]) => ({ shape: s, dtype: 'float32' });
  assert.deepEqual(r.output, [f([700, 1000]), [f([2, 20, 128]), f([2, 20, 128])]]);
  assert.deepEqual(r.modules.find((m) => m.name === 'rnn')!.calls[0].output, [f([35, 20, 128]), [f([2, 20, 128]), f([2, 20, 128])]]);
});

test('a guessed image size is tried at the common resolutions: a conv net that needs 32×32 gets it', async () => {
  const source = [
    'import torch.nn as nn', 'import torch.nn.functional as F', '',
    'class Net(nn.Module):', '    def __init__(self):', '        super().__init__()',
    '        self.conv = nn.Conv2d(3, 6, 5)', '        self.fc = nn.Linear(6 * 14 * 14, 10)', '',
    '    def forward(self, x):', '        x = F.max_pool2d(F.relu(self.conv(x)), 2)', '        return self.fc(x.flatten(1))', '',
  ].join('\n');
  const r = await inspect({ file: join(ROOT, 'test/models/__virtual_guess.py'), source });
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.input_source, 'guessed from the first layer conv: Conv2d(3, …), 32×32');
  assert.deepEqual(r.inputs, [{ shape: [1, 3, 32, 32], dtype: 'float32' }]);
});

test('the plain-list mistake is reported; tied weights are named once', async () => {
  const r = await inspect({ file: join(ROOT, 'test/models/plain_list.py') });
  const w = r.diagnostics.find((d) => d.severity === 'warning')!;
  assert.match(w.message, /forward calls 2 module\(s\) \(Linear\) that are not registered submodules/);
  assert.match(w.message, /840 parameters are not in model\.parameters\(\)/);
  const t = await inspect({ file: join(ROOT, 'test/models/tied_buffers.py') });
  assert.match(formatReport(t, 'text'), /Tied parameters \(counted once\): head\.weight = embed\.weight/);
  assert.equal(t.totals.non_trainable_params, 16 * 16 + 16);
});

test('--inputs and --kwargs expressions see the file namespace and `model`', async () => {
  const r = await inspect({
    file: join(ROOT, 'examples/lstm_lm.py'), model: 'LSTMLanguageModel(ntoken=50, nhid=32)',
    inputsExpr: '(torch.randint(0, 50, (7, 3)),)', kwargsExpr: '{"hidden": model.init_hidden(3)}',
  });
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.input_source, '--inputs (torch.randint(0, 50, (7, 3)),) --kwargs {"hidden": model.init_hidden(3)}');
  assert.deepEqual((r.output as { shape: number[] }[])[0].shape, [21, 50]);
});

test('a forward that needs values falls back to cpu and says so', async () => {
  const source = [
    'import torch', 'import torch.nn as nn', '',
    'class Gate(nn.Module):', '    def __init__(self):', '        super().__init__()', '        self.fc = nn.Linear(4, 4)', '',
    '    def forward(self, x):', '        if x.sum().item() > 1e9:', '            return x', '        return self.fc(x)', '',
  ].join('\n');
  const r = await inspect({ file: join(ROOT, 'test/models/__virtual_gate.py'), source, input: undefined } as never);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.device, 'cpu');
  assert.match(r.notes![0], /Tensor\.item\(\) cannot be called on meta tensors.*so it ran on cpu/);
  assert.deepEqual(r.output, { shape: [1, 4], dtype: 'float32' });
});

test('what the model code prints while it builds goes to the report and the caller; top-level calls are skipped', async () => {
  const seen: string[] = [];
  const source = 'import torch.nn as nn\nprint("hello at import")\nclass M(nn.Linear):\n    def __init__(self):\n        super().__init__(3, 2)\n        print("params:", sum(p.numel() for p in self.parameters()))\n';
  const r = await inspect({ file: join(ROOT, 'test/models/__virtual_print.py'), source }, { stdout: (s) => seen.push(s) });
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.stdout, 'params: 8\n');
  assert.equal(seen.join(''), r.stdout);
});

test('a use that cannot be rebuilt outside its function falls back to the class defaults, keeping the file\'s inputs', async () => {
  const source = [
    'import argparse', 'import torch', 'import torch.nn as nn', '',
    'class Net(nn.Module):', '    def __init__(self, width=8):', '        super().__init__()', '        self.fc = nn.Linear(4, width)', '',
    '    def forward(self, x):', '        return self.fc(x)', '',
    'def main():', '    args = argparse.ArgumentParser().parse_args()', '    net = Net(args.width)', '    print(net(torch.randn(2, 4)))', '',
    'if __name__ == "__main__":', '    main()', '',
  ].join('\n');
  const r = await inspect({ file: join(ROOT, 'test/models/__virtual_main.py'), source });
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.model, 'Net()');
  assert.equal(r.input_source, "the file's own code, line 16: net(torch.randn(2, 4))");
  assert.match(r.notes![0], /^Net\(args\.width\) \(the file's own code \(line 15\)\) did not build: NameError: name 'args' is not defined$/);
  assert.deepEqual(r.output, { shape: [2, 8], dtype: 'float32' });
});

test('a model class taking a @dataclass config is built with the config\'s defaults', async () => {
  const source = [
    'from dataclasses import dataclass', 'import torch.nn as nn', '',
    '@dataclass', 'class Config:', '    vocab: int = 100', '    dim: int = 16', '',
    'class LM(nn.Module):', '    def __init__(self, config: Config):', '        super().__init__()',
    '        self.emb = nn.Embedding(config.vocab, config.dim)', '        self.out = nn.Linear(config.dim, config.vocab)', '',
    '    def forward(self, idx):', '        return self.out(self.emb(idx))', '',
  ].join('\n');
  const r = await inspect({ file: join(ROOT, 'test/models/__virtual_cfg.py'), source });
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.model, 'LM(Config())');
  assert.equal(r.input_source, 'guessed from the first layer emb: Embedding(100, …): token ids in [0, 100)');
  assert.deepEqual(r.output, { shape: [1, 16, 100], dtype: 'float32' });
});
