// Training parity with PyTorch (test/golden/train_parity.json from gen_train_parity.py): LeNet-5, a
// small CNN with BatchNorm (train mode, then eval with the running stats it accumulated) and an MLP,
// loaded through load_state_dict from PyTorch's initial weights and trained 20 steps on fixed data with
// SGD+momentum and with Adam. Every step's loss must match PyTorch within 1e-4 relative.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { nn, torch, type Tensor } from '../../src/engine';
import * as optim from '../../src/engine/optim';
import { lenet5, cnnBn, mlp, decode, type EncodedTensor } from './train_models';

interface Run { losses: number[]; eval_loss: number }
interface ModelEntry { state_dict: Record<string, EncodedTensor>; x: EncodedTensor; y: EncodedTensor; runs: Record<string, Run> }
const golden = JSON.parse(readFileSync(new URL('../golden/train_parity.json', import.meta.url), 'utf8')) as {
  steps: number; models: Record<string, ModelEntry>;
};

const BUILDERS: Record<string, () => InstanceType<typeof nn.Module>> = { lenet5, cnn_bn: cnnBn, mlp: () => mlp() };
const OPTIMIZERS: Record<string, (ps: Tensor[]) => optim.Optimizer> = {
  sgd_momentum: (ps) => new optim.SGD(ps, { lr: 0.05, momentum: 0.9 }),
  adam: (ps) => new optim.Adam(ps, { lr: 1e-3 }),
};
const RTOL = 1e-4;

function close(got: number, want: number, what: string): void {
  assert.ok(Math.abs(got - want) <= RTOL * Math.abs(want), `${what}: got ${got}, PyTorch ${want} (rel ${(Math.abs(got - want) / Math.abs(want)).toExponential(2)})`);
}

describe('training parity with PyTorch', () => {
  for (const [name, entry] of Object.entries(golden.models)) {
    for (const [oname, run] of Object.entries(entry.runs)) {
      test(`${name} with ${oname}: ${golden.steps} steps`, () => {
        const model = BUILDERS[name]();
        const state = new Map(Object.entries(entry.state_dict).map(([k, v]) => [k, decode(v)]));
        const inc = model.load_state_dict(state);
        assert.deepEqual([inc.missing_keys, inc.unexpected_keys], [[], []]);
        const x = decode(entry.x), y = decode(entry.y);
        model.train();
        const opt = OPTIMIZERS[oname]([...model.parameters()]);
        run.losses.forEach((want, step) => {
          opt.zero_grad();
          const loss = nn.functional.cross_entropy(model.call(x) as Tensor, y);
          loss.backward();
          opt.step();
          close(loss.item() as number, want, `step ${step}`);
        });
        model.eval();
        const evalLoss = torch.no_grad(() => nn.functional.cross_entropy(model.call(x) as Tensor, y).item() as number);
        close(evalLoss, run.eval_loss, 'eval loss after training');
      });
    }
  }
});
