// Command-line parsing for `nnlens`: a command, one FILE, `--opt value` / `--opt=value` options
// (repeatable ones collected in order), boolean flags; unknown options are usage errors.
export class UsageError extends Error {
  override name = 'UsageError';
}

type Command = 'inspect' | 'train' | 'run' | 'help' | 'version';

const VALUE_OPTS: Record<'inspect' | 'train', string[]> = {
  inspect: ['model', 'input', 'inputs', 'kwargs', 'device', 'mode', 'depth', 'format'],
  train: ['model', 'input', 'inputs', 'kwargs', 'steps', 'batch', 'optimizer', 'lr', 'loss', 'data', 'seed'],
};
const FLAGS: Record<'inspect' | 'train', string[]> = { inspect: ['json'], train: ['json'] };
const REPEATABLE = new Set(['input']);

export interface Parsed {
  command: Command;
  file?: string;
  opts: Record<string, string>;
  multi: Record<string, string[]>;
  flags: Set<string>;
  /** Arguments after the file for `run`. */
  rest: string[];
  choice<T extends string>(name: string, allowed: readonly T[]): T | undefined;
  int(name: string): number | undefined;
  num(name: string): number | undefined;
}

export function parseArgs(argv: string[]): Parsed {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return make('help');
  if (first === '--version' || first === '-V') return make('version');
  if (first !== 'inspect' && first !== 'train' && first !== 'run') throw new UsageError(`unknown command '${first}' (expected inspect, train or run)`);
  const p = make(first);
  if (first === 'run') {
    if (argv.length < 2) throw new UsageError('run: missing FILE.py');
    p.file = argv[1];
    p.rest = argv.slice(2);
    return p;
  }
  if (argv.includes('--help') || argv.includes('-h')) return make('help');
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      if (p.file !== undefined) throw new UsageError(`${first}: unexpected argument '${arg}' (one FILE.py only)`);
      p.file = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (FLAGS[first].includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      p.flags.add(name);
      continue;
    }
    if (!VALUE_OPTS[first].includes(name)) throw new UsageError(`${first}: unknown option --${name}`);
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    if (REPEATABLE.has(name)) (p.multi[name] ??= []).push(value);
    else if (name in p.opts) throw new UsageError(`--${name} given twice`);
    else p.opts[name] = value;
  }
  if (p.file === undefined) throw new UsageError(`${first}: missing FILE.py`);
  if (p.flags.has('json') && p.opts.format) throw new UsageError('--json and --format cannot be used together');
  return p;
}

function make(command: Command): Parsed {
  const p: Parsed = {
    command, opts: {}, multi: {}, flags: new Set(), rest: [],
    choice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
      const v = p.opts[name];
      if (v === undefined) return undefined;
      if (!(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${v}')`);
      return v as T;
    },
    int(name: string): number | undefined {
      const v = p.opts[name];
      if (v === undefined) return undefined;
      if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a non-negative integer (got '${v}')`);
      return Number(v);
    },
    num(name: string): number | undefined {
      const v = p.opts[name];
      if (v === undefined) return undefined;
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number (got '${v}')`);
      return n;
    },
  };
  return p;
}
