// Where a cold `nnlens inspect` spends its time, from one CPU profile of the bundled CLI: Node's own
// start, compiling and evaluating the bundle, tree-sitter init, the interpreter with `import torch`,
// parsing, building the model, the forward, the report. Inclusive times of named functions (the
// bundle is not minified); the profiler adds some overhead, so read the shares, not the sums.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** Phase → the functions whose inclusive time it is (first match on the stack wins, outermost first). */
const PHASES: [phase: string, fns: string[]][] = [
  ['compile the bundle', ['wrapSafe']],
  ['tree-sitter init', ['initParser']],
  ['interpreter + import torch', ['loadFile']],
  ['parse the file', ['readAndParse']],
  ['build the model', ['buildModel']],
  ['forward (meta)', ['runPlans']],
  ['report', ['moduleParts']],
];

/** Milliseconds per phase of one cold `node cli.js inspect FILE --json`, plus the whole profiled run. */
export function coldPhases(cli: string, file: string): { phase: string; ms: number }[] {
  const dir = mkdtempSync(join(tmpdir(), 'nnlens-cold-'));
  try {
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '250', '--cpu-prof-dir', dir, cli, 'inspect', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`profiled inspect failed: ${r.stderr.slice(-800)}`);
    const prof = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8')) as Profile;
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const self = new Map<number, number>();
    prof.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + (prof.timeDeltas[i] ?? 0)));
    const totals = new Map<string, number>(PHASES.map(([p]) => [p, 0]));
    let moduleEval = 0;
    for (const [id, us] of self) {
      const stack: string[] = [];
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) stack.push(byId.get(n)!.callFrame.functionName);
      stack.reverse();
      const phase = PHASES.find(([, fns]) => fns.some((f) => stack.includes(f)));
      if (phase) totals.set(phase[0], totals.get(phase[0])! + us);
      else if (stack.includes('Module._compile')) moduleEval += us;
    }
    const rows = [...totals].map(([phase, us]) => ({ phase, ms: us / 1000 }));
    rows.splice(1, 0, { phase: 'evaluate the bundle (top level)', ms: moduleEval / 1000 });
    const whole = (prof.endTime - prof.startTime) / 1000;
    rows.push({ phase: 'other (GC, idle, async wasm loading, JSON out)', ms: whole - rows.reduce((a, r) => a + r.ms, 0) });
    rows.push({ phase: 'whole run, profiled (after Node\'s own start)', ms: whole });
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
