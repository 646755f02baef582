// The `nnlens` command: `inspect` (a model report), `train` (a few quick training steps) and `run`
// (a Python file in the sandbox, stdout as Python prints it). Exit codes: 0 ok, 1 model/run failed, 2 usage.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { inspect, train, formatReport, parseInputSpec, InputSpecError, fsFiles } from '../inspect';
import { runFile } from '../python';
import type { InspectRequest, TrainRequest } from '../protocol/requests';
import type { Diagnostic } from '../protocol/report';
import { parseArgs, UsageError, type Parsed } from './args';
import { formatTrainText } from './train_text';

const HELP = `nnlens — inspect PyTorch model files without Python

Usage:
  nnlens inspect FILE.py [--model EXPR] [--input SPEC]... [--inputs EXPR] [--kwargs EXPR]
                         [--device meta|cpu] [--mode eval|train] [--depth N] [--json | --format text|markdown|csv]
  nnlens train FILE.py [--model EXPR] [--input SPEC]... [--inputs EXPR] [--kwargs EXPR] [--steps N] [--batch N]
                       [--optimizer sgd|adam|adamw] [--lr X] [--loss auto|cross_entropy|mse|bce_with_logits|nll]
                       [--data random|overfit] [--seed N] [--json]
  nnlens run FILE.py [ARGS...]
  nnlens --help | --version

SPEC := DIMS[:DTYPE[:LOW..HIGH]]      e.g. 1,3,32,32   1,16:int64:0..100
EXPR is Python evaluated in the file's namespace (\`model\` is bound for --inputs/--kwargs):
  --model "GPT(GPTConfig(n_layer=2))"  --inputs "(torch.randint(0, 1000, (35, 20)), model.init_hidden(20))"
`;

function printDiagnostics(ds: Diagnostic[], cwd: string): void {
  for (const d of ds) {
    const f = d.file.startsWith(cwd + '/') ? d.file.slice(cwd.length + 1) : d.file;
    process.stderr.write(`${f}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
  }
}

function requestOf(a: Parsed): InspectRequest {
  const file = resolve(a.file!);
  const req: InspectRequest = { file, workspaceRoot: process.cwd() };
  if (a.opts.model) req.model = a.opts.model as string;
  const inputs = (a.multi.input ?? []).map(parseInputSpec);
  if (inputs.length) req.inputs = inputs;
  if (a.opts.inputs) req.inputsExpr = a.opts.inputs as string;
  if (a.opts.kwargs) req.kwargsExpr = a.opts.kwargs as string;
  return req;
}

async function cmdInspect(a: Parsed): Promise<number> {
  const req = requestOf(a);
  req.device = a.choice('device', ['meta', 'cpu']) ?? 'meta';
  req.mode = a.choice('mode', ['eval', 'train']) ?? 'eval';
  const depth = a.int('depth');
  if (depth !== undefined) req.depth = depth;
  const json = a.flags.has('json');
  const format = a.choice('format', ['text', 'markdown', 'csv']) ?? 'text';
  // With --json, stdout is exactly one JSON document: the model's own prints go to stderr.
  const report = await inspect(req, { stdout: (s) => (json ? process.stderr : process.stdout).write(s) });
  const ok = !report.diagnostics.some((d) => d.severity === 'error');
  if (json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    if (report.modules.length) process.stdout.write(formatReport(report, format, { depth }));
    printDiagnostics(report.diagnostics, process.cwd());
  }
  return ok ? 0 : 1;
}

async function cmdTrain(a: Parsed): Promise<number> {
  const req: TrainRequest = requestOf(a);
  const steps = a.int('steps'), batch = a.int('batch'), seed = a.int('seed'), lr = a.num('lr');
  if (steps !== undefined) req.steps = steps;
  if (batch !== undefined) req.batch = batch;
  if (seed !== undefined) req.seed = seed;
  if (lr !== undefined) req.lr = lr;
  req.optimizer = a.choice('optimizer', ['sgd', 'adam', 'adamw']) ?? 'adam';
  req.loss = a.choice('loss', ['auto', 'cross_entropy', 'mse', 'bce_with_logits', 'nll']) ?? 'auto';
  req.data = a.choice('data', ['random', 'overfit']) ?? 'random';
  const json = a.flags.has('json');
  const report = await train(req, (s) => {
    if (!json) process.stdout.write(`step ${String(s.step).padStart(4)}  loss ${s.loss.toPrecision(6).padStart(12)}  ${s.ms.toFixed(1).padStart(8)} ms\n`);
  });
  if (report.stdout) process.stderr.write(report.stdout);
  if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else {
    process.stdout.write(formatTrainText(report));
    printDiagnostics(report.diagnostics, process.cwd());
  }
  return report.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

async function cmdRun(a: Parsed): Promise<number> {
  const file = resolve(a.file!);
  if (!fsFiles.isFile(file)) {
    process.stderr.write(`nnlens run: can't open file '${a.file}': [Errno 2] No such file or directory\n`);
    return 2;
  }
  const r = await runFile(file, {
    argv: a.rest, sysPath: [dirname(file), process.cwd()], stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s),
    maxMs: 24 * 3600 * 1000, maxSteps: Number.MAX_SAFE_INTEGER, onInfo: (m) => process.stderr.write(`nnlens: ${m}\n`),
  });
  if (!r.error) return 0;
  if (r.error.type === 'SystemExit') {
    // sys.exit(n) → n; sys.exit("message") prints it and exits 1, as CPython does.
    const m = r.error.message;
    if (m === '' || m === 'None') return 0;
    if (/^-?\d+$/.test(m)) return Number(m) & 0xff;
    process.stderr.write(m + '\n');
    return 1;
  }
  process.stderr.write(r.traceback + '\n');
  return 1;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const a = parseArgs(argv);
    switch (a.command) {
      case 'help': process.stdout.write(HELP); return 0;
      case 'version': process.stdout.write(`nnlens ${version()}\n`); return 0;
      case 'inspect': return await cmdInspect(a);
      case 'train': return await cmdTrain(a);
      case 'run': return await cmdRun(a);
      default: {
        const never: never = a.command;
        throw new Error(`unknown command ${String(never)}`);
      }
    }
  } catch (e) {
    // Option values are checked as the commands read them, so usage errors can come from there too.
    if (e instanceof UsageError || e instanceof InputSpecError) {
      process.stderr.write(`nnlens: ${e.message}\n(nnlens --help shows the usage)\n`);
      return 2;
    }
    throw e;
  }
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.1.0';
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (e: unknown) => {
    process.stderr.write(`nnlens: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
