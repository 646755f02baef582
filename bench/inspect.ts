// `nnlens inspect` end to end, side by side with PyTorch: a ResNet-50 file from process start to the
// JSON (PyTorch: `import torch`, build on meta, meta forward), a warm re-inspect of an edited file
// in one process (the editor's case), and `nnlens train` step time for LeNet-5 at batch 32.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect, train } from '../src/inspect';
import { coldPhases } from './cold_phases';
import { printTable, PYTHON, type Row } from './util';

const ROOT = join(__dirname, '..');
const RESNET50 = join(__dirname, 'models', 'resnet50.py');
const LENET = join(ROOT, 'examples', 'lenet.py');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function wall(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', ...env }, maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.slice(-1500)}`);
  return ms;
}

const TORCH_INSPECT = `
import runpy, sys, json, torch
torch.set_num_threads(1)
ns = runpy.run_path(sys.argv[1], run_name="bench")
with torch.device("meta"):
    model = ns["resnet50"]().eval()
    out = model(torch.randn(1, 3, 224, 224))
print(json.dumps({"params": sum(p.numel() for p in model.parameters()), "output": list(out.shape)}))
`;

const TORCH_TRAIN = `
import runpy, sys, json, time, torch
import torch.nn.functional as F
torch.set_num_threads(1)
torch.manual_seed(0)
ns = runpy.run_path(sys.argv[1], run_name="bench")
model = ns["LeNet"]().train()
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
x, y = torch.randn(32, 1, 32, 32), torch.randint(0, 10, (32,))
ts = []
for i in range(25):
    t0 = time.perf_counter()
    opt.zero_grad(); loss = F.cross_entropy(model(x), y); loss.backward(); opt.step()
    ts.append((time.perf_counter() - t0) * 1e3)
print(json.dumps(sorted(ts[5:])[len(ts[5:]) // 2]))
`;

export async function benchInspect(): Promise<void> {
  const cli = join(ROOT, 'dist', 'cli.js');
  // Always rebuild: a stale dist/ would time yesterday's code.
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (!existsSync(cli)) throw new Error(`${cli} was not built`);
  const haveTorch = existsSync(PYTHON);
  const cold = median([0, 1, 2, 3, 4].map(() => wall(process.execPath, [cli, 'inspect', RESNET50, '--json'])));
  const nodeStart = median([0, 1, 2, 3, 4].map(() => wall(process.execPath, ['-e', '0'])));
  const bundleOnly = median([0, 1, 2, 3, 4].map(() => wall(process.execPath, [cli, '--version'])));
  const torchCold = haveTorch ? median([0, 1, 2].map(() => wall(PYTHON, ['-c', TORCH_INSPECT, RESNET50]))) : null;

  // Warm: the worker keeps the parser, bindings and JIT warm; the user edits the file and saves.
  const source = readFileSync(RESNET50, 'utf8');
  for (let i = 0; i < 3; i++) await inspect({ file: RESNET50, source });
  const warm: number[] = [];
  for (let i = 0; i < 15; i++) {
    const edited = source.replace('num_classes=1000', `num_classes=${1000 + i + 1}`);
    const t0 = performance.now();
    const r = await inspect({ file: RESNET50, source: edited });
    warm.push(performance.now() - t0);
    if (r.diagnostics.some((d) => d.severity === 'error')) throw new Error(JSON.stringify(r.diagnostics));
  }
  const rows: Row[] = [
    { name: 'inspect ResNet-50, cold process', ours_ms: cold, torch_ms: torchCold, note: torchCold ? `(${(torchCold / cold).toFixed(1)}× faster)` : '' },
    { name: '  of which: node -e 0', ours_ms: nodeStart, torch_ms: null, note: 'Node\'s own start' },
    { name: '  of which: load the bundle (--version)', ours_ms: bundleOnly - nodeStart, torch_ms: null, note: 'compile + evaluate dist/cli.js' },
    { name: 'inspect ResNet-50, warm re-inspect', ours_ms: median(warm), torch_ms: null, note: `after an edit, in a running worker (goal < 50 ms; min ${Math.min(...warm).toFixed(1)})` },
  ];

  // Explicit inputs: batch 32 like the PyTorch side (--batch does not resize inputs taken from the file's own code).
  const t = await train({ file: LENET, steps: 25, inputs: [{ shape: [32, 1, 32, 32] }], optimizer: 'sgd', data: 'overfit', lr: 0.01 });
  const steps = t.steps.slice(5).map((s) => s.ms);
  let torchStep: number | null = null;
  if (haveTorch) {
    const r = spawnSync(PYTHON, ['-c', TORCH_TRAIN, LENET], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
    if (r.status === 0) torchStep = Number(r.stdout.trim().split('\n').pop());
  }
  printTable('cold inspect ResNet-50 by phase, one CPU-profiled run (ms)',
    coldPhases(cli, RESNET50).map((p) => ({ name: p.phase, ours_ms: p.ms, torch_ms: null, note: '' })));
  rows.push({ name: 'train step LeNet-5, batch 32', ours_ms: median(steps), torch_ms: torchStep, note: '(SGD momentum; forward+loss+backward+step)' });
  printTable('nnlens inspect / train end to end (ms)', rows);
}

if (require.main === module) void benchInspect();
