// Running a model file the way `python file.py` would, with torch available: what `nnlens run` and
// the inspector call. Errors come back as a report and CPython-style traceback text, not as throws.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterpreter } from '../eval/create';
import type { FileProvider, Interpreter, InterpreterOptions } from '../eval/interpreter';
import { describeError, formatTraceback, type ErrorReport } from '../eval/traceback';
import type { PyModule } from '../runtime/types';
import { registerTorchBindings } from './index';
import { bindingHooks } from './values';
import { get_default_dtype, get_printoptions, gradMode, set_default_dtype, set_printoptions, torch } from '../../engine/index';

/** The real file system, read-only, as the interpreter's FileProvider. */
export function nodeFiles(): FileProvider {
  const stat = (p: string) => {
    try {
      return statSync(p);
    } catch {
      return null;
    }
  };
  return {
    readFile: (p) => {
      try {
        return readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
    isFile: (p) => stat(p)?.isFile() ?? false,
    isDir: (p) => stat(p)?.isDirectory() ?? false,
  };
}

export interface RunFileOptions extends Omit<InterpreterOptions, 'argv'> {
  /** sys.argv[1:] (sys.argv[0] is the file). */
  argv?: string[];
  /** `__name__` (default "__main__", so `if __name__ == "__main__":` blocks run). */
  name?: string;
  /** Receives notes such as "device 'cuda' is treated as 'cpu'" (each distinct note once). */
  onInfo?: (message: string) => void;
}

export interface RunFileResult {
  interpreter: Interpreter;
  module: PyModule | null;
  /** Null when the program finished; otherwise the uncaught exception. */
  error: ErrorReport | null;
  /** CPython's traceback text for `error`, with source lines. */
  traceback: string | null;
}

/** Runs `path` as `__main__` with the file's folder on sys.path. */
export async function runFile(path: string, options: RunFileOptions = {}): Promise<RunFileResult> {
  const abs = resolve(path);
  return run(abs, undefined, options);
}

/** Runs source text as if it were the file `path` (default `<string>`). */
export async function runSource(source: string, options: RunFileOptions & { path?: string } = {}): Promise<RunFileResult> {
  return run(options.path ?? '<string>', source, options);
}

/**
 * The engine's process-wide switches a program can change (grad mode, default dtype/device, print
 * options). A run that stops early (an exception, the budget) must not leave them changed for the
 * next run in the same process (the extension's worker runs many files).
 */
export function saveTorchState(): () => void {
  const grad = gradMode.is_grad_enabled();
  const dtype = get_default_dtype();
  const device = torch.get_default_device();
  const print = get_printoptions();
  return () => {
    gradMode.set_grad_enabled(grad);
    set_default_dtype(dtype);
    torch.set_default_device(device);
    set_printoptions({ precision: print.precision, threshold: print.threshold, edgeitems: print.edgeitems, linewidth: print.linewidth, sci_mode: print.sci_mode });
  };
}

async function run(path: string, source: string | undefined, options: RunFileOptions): Promise<RunFileResult> {
  registerTorchBindings();
  const restore = saveTorchState();
  const files = options.files ?? nodeFiles();
  const seen = new Set<string>();
  const prevInfo = bindingHooks.info;
  bindingHooks.info = (m) => {
    if (seen.has(m)) return;
    seen.add(m);
    options.onInfo?.(m);
  };
  const interpreter = await createInterpreter({
    ...options,
    files,
    sysPath: options.sysPath ?? (path.startsWith('<') ? [] : [dirname(path)]),
    argv: [path, ...(options.argv ?? [])],
  });
  try {
    const r = interpreter.runFile(path, { source, name: options.name });
    return { interpreter, module: r.module, error: null, traceback: null };
  } catch (e) {
    const sources = (f: string) => (f === path && source !== undefined ? source : files.readFile(f));
    return { interpreter, module: null, error: describeError(e), traceback: formatTraceback(e, sources) };
  } finally {
    bindingHooks.info = prevInfo;
    restore();
  }
}
