// Benchmark helpers: a steady-state timer, a PyTorch runner (1 thread) for side-by-side figures, and
// a table printer that reports ratios measured in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Median milliseconds per call after warm-up, running for at least `minMs`. */
export function timeIt(fn: () => unknown, minMs = 300): number {
  for (let i = 0; i < 5; i++) fn();
  const samples: number[] = [];
  const start = performance.now();
  while (performance.now() - start < minMs || samples.length < 5) {
    let n = 1;
    let t0 = performance.now();
    fn();
    let dt = performance.now() - t0;
    if (dt < 1) {
      n = Math.ceil(2 / Math.max(dt, 1e-4));
      t0 = performance.now();
      for (let i = 0; i < n; i++) fn();
      dt = performance.now() - t0;
    }
    samples.push(dt / n);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

export const PYTHON = process.env.NNLENS_TORCH_PYTHON ?? join(homedir(), '.cache/nnlens-ref/bin/python');

/** Times each `setup` (which defines f) in PyTorch with one thread; ms per call by name, or null without PyTorch. */
export function pytorch(cases: { name: string; setup: string }[]): Record<string, number> | null {
  if (!existsSync(PYTHON)) return null;
  const script = `
import json, time, torch
torch.set_num_threads(1)
out = {}
def timeit(f, min_s=0.3):
    for _ in range(5): f()
    samples = []
    start = time.perf_counter()
    while time.perf_counter() - start < min_s or len(samples) < 5:
        n = 1
        t0 = time.perf_counter(); f(); dt = time.perf_counter() - t0
        if dt < 1e-3:
            n = max(1, int(2e-3 / max(dt, 1e-7)))
            t0 = time.perf_counter()
            for _ in range(n): f()
            dt = time.perf_counter() - t0
        samples.append(dt / n)
    samples.sort()
    return samples[len(samples) // 2] * 1e3
cases = json.loads(${JSON.stringify(JSON.stringify(cases))})
for c in cases:
    g = {'torch': torch}
    exec(c['setup'], g)
    out[c['name']] = timeit(g['f'])
print(json.dumps(out))
`;
  const r = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }, maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    console.error('PyTorch side failed:', r.stderr.slice(-2000));
    return null;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

export interface Row { name: string; ours_us?: number; torch_us?: number | null; ours_ms?: number; torch_ms?: number | null; note?: string }

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n## ${title}`);
  for (const r of rows) {
    const ours = r.ours_us ?? r.ours_ms ?? NaN;
    const ref = r.torch_us ?? r.torch_ms ?? null;
    const unit = r.ours_us !== undefined ? 'µs' : 'ms';
    const ratio = ref ? `${(ours / ref).toFixed(2)}× PyTorch` : ref === null && !existsSync(PYTHON) ? 'PyTorch not installed' : '';
    console.log(`${r.name.padEnd(32)} ${ours.toFixed(3).padStart(10)} ${unit}   ${ref === null ? ''.padStart(10) : ref.toFixed(3).padStart(10)} ${unit}   ${ratio}${r.note ? '   ' + r.note : ''}`);
  }
}
