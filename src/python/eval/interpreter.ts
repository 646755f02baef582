// The Interpreter: one sandboxed Python world (sys.modules, builtins, budgets, output sinks). It
// reads source only through the caller's FileProvider, runs files (optionally skipping top-level
// statements, "definitions mode"), evaluates expressions and calls Python objects from the host.
import { basename, dirname, join } from 'node:path';
import { parse, type ParseResult } from '../parse/parser';
import { parseExpression, parseFile } from '../parse/cache';
import type { ModuleNode, Stmt } from '../parse/ast';
import { createBuiltins } from '../builtins';
import { call as callValue, fromJsError } from '../runtime/call';
import { ctx } from '../runtime/context';
import {
  BudgetExceededError, PyException, SyntaxError as PySyntaxError, newException, type PyBaseException,
} from '../runtime/exceptions';
import { None, PyDict, PyList, PyModule, type PyValue } from '../runtime/types';
import { Frame } from './frame';
import { addTraceback } from './functions';
import { evalExpr } from './expressions';
import {
  findModuleFile, hostFactory, moduleNotFound, packagePath, placeholderFor, registeredModules, type ModuleFactory,
} from './modules';
import { PyPlaceholder } from './placeholders';
import { exec } from './statements';

/** How the interpreter sees files: nothing else of the file system is reachable. */
export interface FileProvider {
  readFile(path: string): string | undefined;
  isFile(path: string): boolean;
  isDir(path: string): boolean;
}

export interface InterpreterOptions {
  files?: FileProvider;
  /** Folders searched by absolute imports, in order (typically the file's folder, then the workspace root). */
  sysPath?: string[];
  /** Where print() and sys.stdout go. */
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Statement budget per run (default 20 million). */
  maxSteps?: number;
  /** Wall-time budget per run in ms (default 30 s). */
  maxMs?: number;
  /** Python frames deep before RecursionError (default 1000, as CPython). */
  recursionLimit?: number;
  /**
   * Bind a placeholder for modules that do not exist instead of raising at the import; using the
   * placeholder raises the ModuleNotFoundError. A function decides per module name.
   */
  placeholderImports?: boolean | ((name: string) => boolean);
  /** Host modules for this interpreter only, in addition to registerModule()'s. */
  modules?: Record<string, ModuleFactory>;
  /** sys.argv (default: [the file being run]). */
  argv?: string[];
  /** The seed of the `random` module (default 0, so runs are reproducible). */
  seed?: number;
}

export interface SkippedStatement {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The statement's kind in the AST (For, While, Expr, ...). */
  kind: Stmt['kind'];
  /** Its first source line, trimmed. */
  text: string;
}

export interface RunOptions {
  /** `__name__` of the module (default "__main__"). */
  name?: string;
  /** The file's text (for unsaved editor buffers); otherwise read through the FileProvider. */
  source?: string;
  /** A parse of `source` the caller already has (e.g. the editor's incremental parse). */
  parsed?: ParseResult;
  /** Definitions mode: top-level statements this rejects are not run; they are listed in `skipped`. */
  skip?: (stmt: Stmt, source: string) => boolean;
}

export interface RunResult {
  module: PyModule;
  skipped: SkippedStatement[];
  parsed: ParseResult;
}

const CHECK_EVERY = 4096;

export class Interpreter {
  readonly builtins: PyDict;
  /** sys.modules. */
  readonly modules = new PyDict();
  readonly files: FileProvider | null;
  readonly sysPath: PyList;
  readonly recursionLimit: number;
  readonly options: InterpreterOptions;
  frame: Frame | null = null;
  depth = 0;
  /** The exception being handled by the innermost running `except` block (for bare `raise`). */
  handling: PyBaseException | null = null;
  private readonly local = new Map<string, ModuleFactory>();
  private active = 0;
  private startMs = 0;
  private readonly maxSteps: number;
  private readonly maxMs: number;

  constructor(options: InterpreterOptions = {}) {
    this.options = options;
    this.files = options.files ?? null;
    this.sysPath = new PyList([...(options.sysPath ?? [])]);
    this.recursionLimit = options.recursionLimit ?? 1000;
    this.maxSteps = options.maxSteps ?? 20_000_000;
    this.maxMs = options.maxMs ?? 30_000;
    for (const [k, f] of Object.entries(options.modules ?? {})) this.local.set(k, f);
    const b = createBuiltins(this);
    this.builtins = b.dict;
    this.modules.setStr('builtins', b);
  }

  // ---------------------------------------------------------------- output

  writeStdout(text: string): void {
    this.options.stdout?.(text);
  }

  writeStderr(text: string): void {
    (this.options.stderr ?? this.options.stdout)?.(text);
  }

  // ---------------------------------------------------------------- budgets

  /** Enters a run: the outermost entry resets the budgets; nested entries (natives calling back) share them. */
  run<T>(fn: () => T): T {
    const prev = ctx.interp;
    const saved = prev !== this ? { steps: ctx.steps, nextCheck: ctx.nextCheck } : null;
    if (this.active === 0) {
      this.startMs = performance.now();
      ctx.steps = 0;
      ctx.nextCheck = Math.min(CHECK_EVERY, this.maxSteps);
    }
    ctx.interp = this;
    this.active++;
    try {
      return fn();
    } finally {
      this.active--;
      ctx.interp = prev;
      if (saved) {
        ctx.steps = saved.steps;
        ctx.nextCheck = saved.nextCheck;
      }
    }
  }

  /** Called every few thousand steps: raises the budget error when a limit is passed. */
  checkBudget(): void {
    if (ctx.steps >= this.maxSteps) throw new BudgetExceededError('steps', this.maxSteps);
    if (performance.now() - this.startMs > this.maxMs) throw new BudgetExceededError('time', this.maxMs);
    ctx.nextCheck = ctx.steps + Math.min(CHECK_EVERY, this.maxSteps - ctx.steps);
  }

  // ---------------------------------------------------------------- running code

  /** Runs a file as a module (by default as `__main__`). Errors are thrown as PyException or BudgetExceededError. */
  runFile(path: string, opts: RunOptions = {}): RunResult {
    return this.run(() => {
      const source = opts.source ?? opts.parsed?.source ?? this.files?.readFile(path);
      if (source === undefined) throw moduleNotFound(path, []);
      const parsed = opts.parsed ?? parse(source);
      const name = opts.name ?? '__main__';
      const mod = this.newSourceModule(name, path, this.packageOf(path), false);
      if (this.options.argv === undefined) this.sysArgv.items.splice(0, this.sysArgv.items.length, path);
      this.modules.setStr(name, mod);
      const skipped = this.execModule(mod, parsed, path, opts.skip);
      return { module: mod, skipped, parsed };
    });
  }

  /** Runs source text as a module named `name` (no file needed). */
  runSource(source: string, opts: { name?: string; path?: string; skip?: RunOptions['skip'] } = {}): RunResult {
    return this.runFile(opts.path ?? '<string>', { source, name: opts.name, skip: opts.skip });
  }

  /** Evaluates one expression in a module's namespace (e.g. the inspector's "ResNet18()"). */
  evaluate(expression: string, module: PyModule): PyValue {
    return this.run(() => {
      const parsed = parseExpression(expression);
      const body = parsed.module.body;
      if (parsed.hasSyntaxErrors || body.length !== 1 || body[0].kind !== 'Expr') {
        throw new PyException(newException(PySyntaxError, [`invalid expression: ${expression}`]));
      }
      const frame = new Frame(this, null, module.dict, this.builtins, null, 0, [], '<expr>', '<expr>', body[0]);
      frame.back = this.frame;
      this.frame = frame;
      try {
        return evalExpr(frame, body[0].value);
      } catch (e) {
        throw addTraceback(e, frame);
      } finally {
        this.frame = frame.back;
      }
    });
  }

  /** Calls a Python callable from the host: `interp.call(model, [x])`. */
  call(fn: PyValue, args: PyValue[] = [], kwargs?: Record<string, PyValue> | Map<string, PyValue>): PyValue {
    return this.run(() => {
      const kw = kwargs === undefined ? null : kwargs instanceof Map ? kwargs : new Map(Object.entries(kwargs));
      try {
        return callValue(fn, args, kw && kw.size ? kw : null);
      } catch (e) {
        throw fromJsError(e);
      }
    });
  }

  private execModule(mod: PyModule, parsed: ParseResult, path: string, skip?: RunOptions['skip']): SkippedStatement[] {
    if (parsed.hasSyntaxErrors) throw this.syntaxError(parsed, path);
    return this.execModuleNode(mod, parsed.module, parsed.source, path, skip);
  }

  /** Runs an already parsed module body in `mod` (the stdlib's Python-source modules use this). */
  execSourceModule(mod: PyModule, node: ModuleNode, path: string): void {
    this.run(() => this.execModuleNode(mod, node, '', path));
  }

  private execModuleNode(mod: PyModule, node: ModuleNode, source: string, path: string, skip?: RunOptions['skip']): SkippedStatement[] {
    const frame = new Frame(this, null, mod.dict, this.builtins, null, 0, [], '<module>', path, node);
    const skipped: SkippedStatement[] = [];
    frame.back = this.frame;
    this.frame = frame;
    try {
      for (const s of node.body) {
        if (skip && skip(s, source)) {
          const text = source.split('\n')[s.line - 1]?.trim() ?? '';
          skipped.push({ line: s.line, column: s.col, endLine: s.endLine, endColumn: s.endCol, kind: s.kind, text });
          continue;
        }
        frame.node = s;
        if (++ctx.steps >= ctx.nextCheck) this.checkBudget();
        exec(frame, s);
      }
    } catch (e) {
      throw addTraceback(e, frame);
    } finally {
      this.frame = frame.back;
    }
    return skipped;
  }

  private syntaxError(parsed: ParseResult, path: string): PyException {
    const d = parsed.diagnostics.find((x) => x.code === 'syntax')!;
    const e = new PyException(newException(PySyntaxError, [`${d.message} (${basename(path)}, line ${d.line})`]));
    const dict = e.exc.dict!;
    dict.setStr('msg', d.message);
    dict.setStr('filename', path);
    dict.setStr('lineno', d.line);
    dict.setStr('offset', d.column);
    dict.setStr('text', parsed.source.split('\n')[d.line - 1] ?? None);
    e.traceback.push({ file: path, name: '<module>', line: d.line, col: d.column, endLine: d.endLine, endCol: d.endColumn });
    return e;
  }

  // ---------------------------------------------------------------- modules

  get sysArgv(): PyList {
    const sys = this.modules.getStr('sys');
    const argv = sys instanceof PyModule ? sys.dict.getStr('argv') : undefined;
    return argv instanceof PyList ? argv : new PyList([]);
  }

  /**
   * The package a file belongs to: the dotted name of the folders above it that have __init__.py,
   * stopping at a sys.path entry (other than the file's own folder), as `python -m pkg.module` sees it.
   */
  packageOf(path: string): string {
    if (!this.files) return '';
    const parts: string[] = [];
    let dir = dirname(path);
    const roots = new Set(this.sysPath.items.filter((x): x is string => typeof x === 'string' && x !== dir));
    while (this.files.isFile(join(dir, '__init__.py')) && !roots.has(dir)) {
      parts.unshift(basename(dir));
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    return parts.join('.');
  }

  private newSourceModule(name: string, path: string, pkg: string, isPackage: boolean): PyModule {
    const m = new PyModule(name, path);
    m.dict.setStr('__file__', path);
    m.dict.setStr('__package__', isPackage ? name : pkg);
    m.dict.setStr('__doc__', None);
    m.dict.setStr('__builtins__', this.modules.getStr('builtins')!);
    if (isPackage) m.dict.setStr('__path__', new PyList([dirname(path)]));
    return m;
  }

  moduleOrPlaceholder(name: string): PyValue | undefined {
    return this.modules.getStr(name) ?? this.placeholders.get(name);
  }

  private readonly placeholders = new Map<string, PyPlaceholder>();

  /** import `name` (dotted): loads each parent first, returns the leaf module. */
  importModule(name: string): PyValue {
    const hit = this.moduleOrPlaceholder(name);
    if (hit !== undefined) return hit;
    const parts = name.split('.');
    let parent: PyValue | null = null;
    for (let i = 1; i <= parts.length; i++) {
      const sub = parts.slice(0, i).join('.');
      let m = this.moduleOrPlaceholder(sub);
      if (m === undefined) m = this.loadModule(sub, parent);
      parent = m;
    }
    return parent!;
  }

  /** `from pkg import name` fallback: the submodule pkg.name if it exists, else undefined. */
  tryImportSubmodule(name: string): PyValue | undefined {
    try {
      return this.importModule(name);
    } catch (e) {
      if (e instanceof PyException && e.exc.cls.name === 'ModuleNotFoundError') return undefined;
      throw e;
    }
  }

  private provided(): string[] {
    return [...new Set([...this.local.keys(), ...registeredModules()])];
  }

  private loadModule(name: string, parent: PyValue | null): PyValue {
    const last = name.slice(name.lastIndexOf('.') + 1);
    if (parent instanceof PyPlaceholder) return parent.child(last);
    const factory = hostFactory(name, this.local);
    let mod: PyModule | null = null;
    if (factory) {
      try {
        mod = factory(this);
      } catch (e) {
        this.modules.deleteStr(name);
        throw e;
      }
      this.modules.setStr(name, mod);
    } else {
      const dirs = parent instanceof PyModule ? packagePath(parent) : this.sysPath.items.filter((x): x is string => typeof x === 'string');
      const found = parent === null || parent instanceof PyModule ? findModuleFile(this, last, dirs) : null;
      if (found && 'namespace' in found) {
        mod = new PyModule(name);
        mod.dict.setStr('__path__', new PyList([found.namespace]));
        mod.dict.setStr('__package__', name);
        this.modules.setStr(name, mod);
      } else if (found) {
        mod = this.loadSourceModule(name, found.path, found.isPackage);
      }
    }
    if (!mod) {
      const wanted = this.options.placeholderImports;
      const use = typeof wanted === 'function' ? wanted(name) : wanted === true;
      if (!use || this.importGuarded()) throw moduleNotFound(name, this.provided());
      const p = placeholderFor(name, this.provided());
      this.placeholders.set(name, p);
      return p;
    }
    if (parent instanceof PyModule) parent.dict.setStr(last, mod);
    return mod;
  }

  /** Inside `try: import x / except ImportError:` the real error is raised, so the fallback runs. */
  importGuard = 0;
  private importGuarded(): boolean {
    return this.importGuard > 0;
  }

  private loadSourceModule(name: string, path: string, isPackage: boolean): PyModule {
    const source = this.files!.readFile(path);
    if (source === undefined) throw moduleNotFound(name, this.provided());
    // Imported files rarely change between runs: their parse is cached by path and text (under a key of
    // their own, so an import never consumes the result the inspector holds for the same path).
    const parsed = parseFile(`import:${path}`, source);
    const pkg = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '';
    const mod = this.newSourceModule(name, path, pkg, isPackage);
    this.modules.setStr(name, mod);
    try {
      this.execModule(mod, parsed, path);
    } catch (e) {
      this.modules.deleteStr(name);
      throw e;
    }
    return mod;
  }
}

