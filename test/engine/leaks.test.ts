// No op family leaks backend memory: tfjs tensors, their bytes and the wasm heap are the same before
// and after many forward+backward rounds through every family that reaches the kernels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch, nn } from '../../src/engine';
import { initBackend, memory } from '../../src/engine/backend';

test('forward+backward rounds leave no live backend tensors or bytes', async () => {
  await initBackend();
  const conv = new nn.Linear(64, 32);
  const round = () => {
    const x = torch.randn([8, 64], { requires_grad: true });
    const y = conv.call(x).tanh().sigmoid().exp().log();
    const z = torch.matmul(y, y.t()).softmax(-1).sum();
    const big = torch.randn([64, 64]).exp().tanh().sum();
    z.add(big).backward();
  };
  round();
  const before = memory();
  for (let i = 0; i < 30; i++) round();
  const after = memory();
  assert.equal(after.numTensors, before.numTensors);
  assert.equal(after.numBytes, before.numBytes);
  assert.equal(after.wasmHeapBytes, before.wasmHeapBytes);
});
