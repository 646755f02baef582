// Owns the engine worker thread: starts it on first use, matches replies to requests by id, enforces
// the time and memory budgets (watchdog timer, worker resourceLimits, RSS sampling) and restarts the
// worker after it is stopped. No `vscode` import: the budget and restart logic is tested in plain Node.
import { Worker } from 'node:worker_threads';
import type { InspectRequest, TrainRequest } from '../protocol/requests';
import type { InspectReport, TrainReport, TrainStep } from '../protocol/report';
import type { HostToWorker, ReportFormat, WorkerRequestKind, WorkerResultOf, WorkerToHost } from '../protocol/worker';
import { assertNever } from './util';

export type StopReason = 'time' | 'memory' | 'crash' | 'cancelled' | 'disposed';

/** A run that the host stopped (or that died): the message is meant for the user as it is. */
export class EngineStoppedError extends Error {
  override name = 'EngineStoppedError';
  constructor(readonly reason: StopReason, message: string) {
    super(message);
  }
}

/** An exception thrown inside the worker, re-thrown on the host with the worker's stack. */
export class EngineError extends Error {
  override name = 'EngineError';
  constructor(message: string, readonly workerName: string, readonly workerStack?: string) {
    super(message);
  }
}

export interface Budgets {
  timeMs: number;
  memoryMb: number;
}

export interface WorkerHostOptions {
  /** Path of the worker script (dist/worker.js in the extension). */
  script: string;
  /** Read on every request, so that settings changes apply to the next run. */
  budgets: () => Budgets;
  log?: (line: string) => void;
  /** The watchdog fires this long after the time budget: the inspector enforces the budget itself first. */
  graceMs?: number;
  /** How long a cancelled run may take to stop by itself before the worker is terminated. */
  cancelGraceMs?: number;
  /** Resident memory of the process, sampled while runs are pending (wasm memory is outside the V8 heap). */
  sampleRss?: () => number;
  sampleIntervalMs?: number;
  execArgv?: string[];
}

export interface RunHooks {
  signal?: AbortSignal;
  onStdout?: (text: string) => void;
}

interface Pending {
  kind: WorkerRequestKind;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onStep?: (s: TrainStep) => void;
  onStdout?: (text: string) => void;
  timer: NodeJS.Timeout;
  cleanup: () => void;
}

const KIND_LABEL: Record<WorkerRequestKind, string> = {
  inspect: 'the inspect run',
  train: 'the training run',
  listModels: 'listing the models',
  format: 'formatting the report',
};

export class WorkerHost {
  private worker: Worker | null = null;
  private workerLimits: Budgets | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private sampler: NodeJS.Timeout | null = null;
  private rssBaseline = 0;
  private disposed = false;
  /** How many times a worker was started; tests and the log use it. */
  starts = 0;

  constructor(private readonly opts: WorkerHostOptions) {}

  get running(): boolean {
    return this.worker !== null;
  }

  inspect(request: InspectRequest, hooks: RunHooks = {}): Promise<InspectReport> {
    return this.request('inspect', { type: 'inspect', request }, hooks);
  }

  train(request: TrainRequest, onStep: (s: TrainStep) => void, hooks: RunHooks = {}): Promise<TrainReport> {
    return this.request('train', { type: 'train', request }, hooks, onStep);
  }

  listModels(file: string, source: string): Promise<WorkerResultOf['listModels']> {
    return this.request('listModels', { type: 'listModels', file, source }, {});
  }

  format(report: InspectReport, format: ReportFormat): Promise<string> {
    return this.request('format', { type: 'format', report, format }, {});
  }

  /** Terminates the worker (if any) and rejects what is pending; the next request starts a new one. */
  restart(reason: StopReason, message: string): void {
    const w = this.worker;
    this.worker = null;
    this.workerLimits = null;
    this.stopSampler();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      p.cleanup();
      p.reject(new EngineStoppedError(reason, message));
    }
    if (w) {
      w.removeAllListeners();
      w.on('error', () => undefined);
      void w.terminate();
      this.opts.log?.(`[worker] stopped (${reason}): ${message}`);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.restart('disposed', 'nnlens is shutting down.');
  }

  private request<K extends WorkerRequestKind>(
    kind: K,
    msg: DistributiveOmit<Extract<HostToWorker, { type: K }>, 'id'>,
    hooks: RunHooks,
    onStep?: (s: TrainStep) => void,
  ): Promise<WorkerResultOf[K]> {
    if (this.disposed) return Promise.reject(new EngineStoppedError('disposed', 'nnlens is shutting down.'));
    if (hooks.signal?.aborted) return Promise.reject(new EngineStoppedError('cancelled', `Cancelled ${KIND_LABEL[kind]}.`));
    const budgets = this.opts.budgets();
    const worker = this.ensureWorker(budgets);
    const id = this.nextId++;
    return new Promise<WorkerResultOf[K]>((resolve, reject) => {
      const timer = setTimeout(() => this.onTimeout(kind, budgets), budgets.timeMs + (this.opts.graceMs ?? 2000));
      let cancelTimer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        this.post({ type: 'cancel', id });
        // A run that does not stop by itself (a long synchronous kernel) is stopped with its worker.
        cancelTimer = setTimeout(() => {
          if (this.pending.has(id)) this.restart('cancelled', `Cancelled ${KIND_LABEL[kind]}; the nnlens engine was restarted.`);
        }, this.opts.cancelGraceMs ?? 3000);
      };
      hooks.signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = (): void => {
        clearTimeout(timer);
        if (cancelTimer) clearTimeout(cancelTimer);
        hooks.signal?.removeEventListener('abort', onAbort);
      };
      this.pending.set(id, { kind, resolve: resolve as (v: unknown) => void, reject, onStep, onStdout: hooks.onStdout, timer, cleanup });
      if (this.pending.size === 1) this.startSampler();
      worker.postMessage({ ...msg, id });
    });
  }

  private post(m: HostToWorker): void {
    this.worker?.postMessage(m);
  }

  private ensureWorker(budgets: Budgets): Worker {
    // resourceLimits are fixed when a worker starts: a changed memory budget takes a fresh worker.
    if (this.worker && this.pending.size === 0 && this.workerLimits?.memoryMb !== budgets.memoryMb) {
      this.restart('cancelled', 'memory budget changed');
    }
    if (this.worker) return this.worker;
    const started = Date.now();
    const w = new Worker(this.opts.script, {
      // 8 MB of stack lets the interpreter reach Python's default recursion limit (1000 frames); Node's
      // default 1 MB stops it near 400.
      resourceLimits: { maxOldGenerationSizeMb: budgets.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, budgets.memoryMb / 8)), stackSizeMb: 8 },
      execArgv: this.opts.execArgv,
      stdout: true,
      stderr: true,
    });
    this.starts++;
    this.worker = w;
    this.workerLimits = budgets;
    let lastError: Error | null = null;
    w.on('message', (m: WorkerToHost) => this.onMessage(m, started));
    w.on('error', (e: Error) => {
      lastError = e;
    });
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      const oom = (lastError as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      if (oom) this.restart('memory', this.memoryMessage(budgets));
      else this.restart('crash', `The nnlens engine stopped unexpectedly (exit code ${code})${lastError ? `: ${lastError.message}` : ''}. It restarts on the next run.`);
    });
    const pipe = (prefix: string) => (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/)) if (line) this.opts.log?.(`${prefix}${line}`);
    };
    w.stdout.on('data', pipe('[worker] '));
    w.stderr.on('data', pipe('[worker:stderr] '));
    return w;
  }

  private onMessage(m: WorkerToHost, started: number): void {
    if (m.type === 'ready') {
      this.opts.log?.(`[worker] engine started in ${Date.now() - started} ms`);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return; // a reply to a request that was already stopped
    switch (m.type) {
      case 'trainStep':
        p.onStep?.(m.step);
        return;
      case 'stdout':
        p.onStdout?.(m.text);
        return;
      case 'error':
        this.settle(m.id, p);
        p.reject(new EngineError(m.error.message, m.error.name, m.error.stack));
        return;
      case 'inspectResult':
        return this.resolveAs(m.id, p, 'inspect', m.report);
      case 'trainResult':
        return this.resolveAs(m.id, p, 'train', m.report);
      case 'models':
        return this.resolveAs(m.id, p, 'listModels', { candidates: m.candidates, diagnostics: m.diagnostics });
      case 'formatted':
        return this.resolveAs(m.id, p, 'format', m.text);
      default:
        assertNever(m);
    }
  }

  private resolveAs<K extends WorkerRequestKind>(id: number, p: Pending, kind: K, value: WorkerResultOf[K]): void {
    this.settle(id, p);
    if (p.kind !== kind) p.reject(new EngineError(`nnlens worker answered ${KIND_LABEL[p.kind]} with a ${kind} result`, 'ProtocolError'));
    else p.resolve(value);
  }

  private settle(id: number, p: Pending): void {
    p.cleanup();
    this.pending.delete(id);
    if (this.pending.size === 0) this.stopSampler();
  }

  private onTimeout(kind: WorkerRequestKind, budgets: Budgets): void {
    const s = Math.round(budgets.timeMs / 100) / 10;
    this.restart('time', `nnlens stopped ${KIND_LABEL[kind]}: it ran longer than the time budget of ${s} s (setting nnlens.timeBudgetSeconds). The engine was restarted.`);
  }

  private memoryMessage(budgets: Budgets): string {
    return `nnlens stopped the run: it used more memory than the budget of ${budgets.memoryMb} MB (setting nnlens.memoryBudgetMb). The engine was restarted.`;
  }

  private startSampler(): void {
    const sample = this.opts.sampleRss;
    if (!sample || this.sampler) return;
    this.rssBaseline = sample();
    const limits = this.workerLimits;
    this.sampler = setInterval(() => {
      if (limits && sample() - this.rssBaseline > limits.memoryMb * 1024 * 1024) this.restart('memory', this.memoryMessage(limits));
    }, this.opts.sampleIntervalMs ?? 500);
    this.sampler.unref();
  }

  private stopSampler(): void {
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = null;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
