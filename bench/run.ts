// `npm run bench`: every benchmark, each side by side with PyTorch (1 thread) when it is installed,
// printed as ratios measured in this one run. Sections: per-op engine overhead, backend kernels vs raw
// tfjs-wasm, and (when present) train steps and inspect end to end.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '../src/engine/backend';
import { benchOps } from './ops';
import { benchBackend } from './backend';
import { printTable, PYTHON } from './util';

async function main(): Promise<void> {
  const backend = await initBackend();
  console.log(`nnlens benchmarks — backend ${backend}; PyTorch: ${existsSync(PYTHON) ? PYTHON : 'not installed (ours only)'}`);
  printTable('engine ops (µs per call, small tensors = per-op overhead)', benchOps());
  await benchBackend();
  // Later sections live in their own files; each exports a run function.
  for (const [file, fn] of [['train_step.ts', 'benchTrainStep'], ['inspect.ts', 'benchInspect'], ['train_seq.ts', 'benchSeqModels'], ['parse.ts', 'benchParse']] as const) {
    if (!existsSync(join(__dirname, file))) continue;
    const mod = await import(`./${file}`);
    if (typeof mod[fn] !== 'function') continue;
    const rows = await mod[fn]();
    // Sections that return rows without printing them get the common table.
    if (fn === 'benchTrainStep') printTable('one SGD training step (ms)', rows);
  }
}

void main();
