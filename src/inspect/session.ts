// Loading a model file in the sandbox: read and parse it, run it in definitions mode (imports, defs,
// classes and assignments; top-level loops, calls and the __main__ block are skipped, and a top-level
// statement that raises is skipped and reported), then evaluate expressions in its namespace.
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createInterpreter, describeError, parse, parseFile, initParser, call, registerTorchBindings, PyInstance, PyType,
  type FileProvider, type Interpreter, type ParseResult, type PyValue, type Stmt, type PyModule,
} from '../python';
import type { Diagnostic } from '../protocol/report';

export class InspectFailure extends Error {
  override name = 'InspectFailure';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
  }
}

export const fsFiles: FileProvider = {
  readFile: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } },
  isFile: (p) => { try { return statSync(p).isFile(); } catch { return false; } },
  isDir: (p) => { try { return statSync(p).isDirectory(); } catch { return false; } },
};

export function diag(file: string, message: string, line = 1, column = 1, endLine = line, endColumn = column + 1,
  severity: Diagnostic['severity'] = 'error'): Diagnostic {
  return { severity, message, file, line, column, end_line: endLine, end_column: endColumn };
}

/** An interpreter error as a diagnostic at the innermost line of `file` in its traceback (else line 1). */
export function errorDiagnostic(file: string, e: unknown, prefix = ''): Diagnostic {
  if (e instanceof InspectFailure) return e.diagnostics[0];
  const r = describeError(e);
  const inFile = [...r.traceback].reverse().find((t) => t.file === file) ?? null;
  const d = diag(file, `${prefix}${r.type}: ${r.message}`, inFile?.line ?? 1, inFile?.col ?? 1, inFile?.endLine ?? inFile?.line ?? 1,
    inFile?.endCol ?? (inFile ? inFile.col + 1 : 2));
  if (r.traceback.length) d.traceback = r.traceback.map((t) => ({ file: t.file, line: t.line, column: t.col, name: t.name }));
  return d;
}

/**
 * Reads the file (or takes the editor's text) and parses it; syntax errors become diagnostics.
 * `cache: false` for a caller that holds the AST across other runs (training), so that no later
 * incremental re-parse of the same path can move its statements.
 */
export async function readAndParse(file: string, source?: string, o: { cache?: boolean } = {}): Promise<{ source: string; parsed: ParseResult }> {
  let text = source;
  if (text === undefined) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const msg = code === 'EISDIR' ? `[Errno 21] Is a directory: '${file}'` : `[Errno 2] No such file or directory: '${file}'`;
      throw new InspectFailure([diag(file, msg)]);
    }
  }
  await initParser();
  // The worker re-inspects the same file after each edit: unchanged text reuses its parse, an edit re-parses incrementally.
  const parsed = o.cache === false ? parse(text) : parseFile(file, text);
  const syntax = parsed.diagnostics.filter((d) => d.code === 'syntax');
  if (syntax.length) {
    throw new InspectFailure(syntax.map((d) => diag(file, `SyntaxError: ${d.message}`, d.line, d.column, d.endLine, d.endColumn)));
  }
  return { source: text, parsed };
}

const isMainGuard = (s: Stmt) => s.kind === 'If' && s.test.kind === 'Compare' && s.test.left.kind === 'Name' && s.test.left.id === '__name__';

/** Definitions mode: what a model file's top level may run without training, downloading or printing. */
export function definitionsSkip(extra: Set<number>): (s: Stmt) => boolean {
  return (s) => {
    if (extra.has(s.line)) return true;
    switch (s.kind) {
      case 'Import': case 'ImportFrom': case 'FunctionDef': case 'ClassDef': case 'Assign': case 'AnnAssign': case 'AugAssign':
      case 'Try': case 'Pass': case 'Global': case 'Nonlocal': case 'Delete':
        return false;
      case 'If': return isMainGuard(s);
      case 'Expr': return s.value.kind !== 'Str';
      default: return true;
    }
  };
}

export interface Loaded {
  interp: Interpreter;
  module: PyModule;
  /** A namespace with the file's globals and `torch`, where inspector expressions are evaluated. */
  scratch: PyModule;
  warnings: Diagnostic[];
}

export interface LoadOptions {
  file: string;
  source: string;
  parsed: ParseResult;
  workspaceRoot?: string;
  stdout: (s: string) => void;
  maxMs?: number;
}

/** Runs the file in definitions mode; a top-level statement that raises is skipped (and reported) and the run retried. */
export async function loadFile(o: LoadOptions): Promise<Loaded> {
  const skipLines = new Set<number>();
  const warnings: Diagnostic[] = [];
  const topLines = o.parsed.module.body.map((s) => [s.line, s.endLine] as const);
  registerTorchBindings();
  for (let attempt = 0; ; attempt++) {
    const interp = await createInterpreter({
      files: fsFiles, sysPath: [dirname(o.file), ...(o.workspaceRoot ? [o.workspaceRoot] : [])],
      stdout: o.stdout, stderr: o.stdout, placeholderImports: true, maxMs: o.maxMs, argv: [o.file],
    });
    try {
      const run = interp.runFile(o.file, { source: o.source, parsed: o.parsed, skip: definitionsSkip(skipLines) });
      const scratch = interp.runSource('import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n', { name: '__nnlens__', path: '<nnlens>' }).module;
      for (const e of run.module.dict!.map.values()) if (typeof e.key === 'string' && !e.key.startsWith('__')) scratch.dict!.setStr(e.key, e.value);
      return { interp, module: run.module, scratch, warnings };
    } catch (e) {
      const d = errorDiagnostic(o.file, e);
      const top = topLines.find(([a, b]) => d.line >= a && d.line <= b);
      const outer = describeError(e).traceback[0];
      if (attempt < 8 && top && outer?.file === o.file && outer.name === '<module>' && !skipLines.has(top[0])) {
        skipLines.add(top[0]);
        warnings.push({ ...d, severity: 'warning', message: `skipped while loading the model file: ${d.message}` });
        continue;
      }
      throw new InspectFailure([d]);
    }
  }
}

/** Evaluates an inspector expression in the scratch namespace; a class name alone is called with no arguments. */
export function evaluate(l: Loaded, expr: string, bind: Record<string, PyValue> = {}): PyValue {
  for (const [k, v] of Object.entries(bind)) l.scratch.dict!.setStr(k, v);
  const v = l.interp.evaluate(expr, l.scratch);
  return v;
}

export function construct(l: Loaded, expr: string): PyValue {
  const v = evaluate(l, expr);
  return v instanceof PyType && !(v instanceof PyInstance) ? l.interp.run(() => call(v, [])) : v;
}
