// One SGD training step (zero_grad, forward, cross-entropy, backward, step) of LeNet-5 on 1×28×28
// inputs at batch 32 and of an MLP 784-256-128-10 at batch 64, side by side with PyTorch (1 thread).
// Run: node --import tsx bench/train_step.ts   (set NNLENS_BACKEND to pick a tfjs backend).
import { nn, torch, type Tensor } from '../src/engine';
import * as optim from '../src/engine/optim';
import { initBackend, backendName } from '../src/engine/backend/index';
import { lenet5, mlp } from '../test/engine/train_models';
import { timeIt, pytorch, printTable, type Row } from './util';

interface Case { name: string; model: () => InstanceType<typeof nn.Module>; input: number[]; classes: number; py: string }

const PY_STEP = `
opt = torch.optim.SGD(m.parameters(), lr=0.01, momentum=0.9)
def f():
    opt.zero_grad()
    torch.nn.functional.cross_entropy(m(x), y).backward()
    opt.step()
`;
const PY_LENET = `nn = torch.nn
m = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
x = torch.randn(32, 1, 28, 28); y = torch.randint(0, 10, (32,))`;
const PY_MLP = `nn = torch.nn
m = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
x = torch.randn(64, 784); y = torch.randint(0, 10, (64,))`;

const cases: Case[] = [
  { name: 'LeNet-5 train step, batch 32', model: lenet5, input: [32, 1, 28, 28], classes: 10, py: PY_LENET + PY_STEP },
  { name: 'MLP 784-256-128-10 step, batch 64', model: () => mlp([784, 256, 128, 10]), input: [64, 784], classes: 10, py: PY_MLP + PY_STEP },
];

/** A closure running one SGD step of the case's model on fixed random data. */
function trainStep(c: Case): () => void {
  const m = c.model();
  const x = torch.randn(c.input), y = torch.randint(0, c.classes, [c.input[0]]);
  const opt = new optim.SGD([...m.parameters()], { lr: 0.01, momentum: 0.9 });
  return () => {
    opt.zero_grad();
    nn.functional.cross_entropy(m.call(x) as Tensor, y).backward();
    opt.step();
  };
}

export async function benchTrainStep(): Promise<Row[]> {
  await initBackend();
  const py = pytorch(cases.map((c) => ({ name: c.name, setup: c.py })));
  return cases.map((c) => ({ name: c.name, ours_ms: timeIt(trainStep(c), 2000), torch_ms: py?.[c.name] ?? null, note: `backend ${backendName()}` }));
}

if (process.argv[1]?.endsWith('train_step.ts')) {
  void benchTrainStep().then((rows) => printTable('one SGD training step (ms)', rows));
}
