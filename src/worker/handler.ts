// The worker's message handling, separate from worker_threads so that tests can drive it with a fake
// inspector: validates each request, runs it, and posts exactly one final reply (result or error).
import type { HostToWorker, ReportFormat, WorkerError, WorkerToHost } from '../protocol/worker';
import type { InspectRequest, TrainRequest } from '../protocol/requests';
import type { Diagnostic, InspectReport, ModelCandidate, TrainReport, TrainStep } from '../protocol/report';

/** The inspector's API as the worker uses it (src/inspect/index.ts). */
export interface InspectorApi {
  inspect(req: InspectRequest, io?: { stdout?: (s: string) => void }): Promise<InspectReport>;
  train(req: TrainRequest, onStep: (s: TrainStep) => void, cancel?: { cancelled: boolean }): Promise<TrainReport>;
  listModels(file: string, source: string): Promise<{ candidates: ModelCandidate[]; diagnostics: Diagnostic[] }>;
  /** Lands later than the rest of the inspector; absent until then. */
  formatReport?: (report: InspectReport, format: ReportFormat) => string;
}

export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}

export function toWorkerError(e: unknown): WorkerError {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'Error', message: String(e) };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the envelope of a host message; the payloads come from our own host, typed by the protocol. */
export function parseHostMessage(m: unknown): HostToWorker | null {
  if (!isObj(m) || typeof m.type !== 'string' || typeof m.id !== 'number') return null;
  switch (m.type) {
    case 'inspect':
    case 'train':
      return isObj(m.request) && typeof m.request.file === 'string' ? (m as unknown as HostToWorker) : null;
    case 'listModels':
      return typeof m.file === 'string' && typeof m.source === 'string' ? (m as unknown as HostToWorker) : null;
    case 'format':
      return isObj(m.report) && ['text', 'markdown', 'csv'].includes(m.format as string) ? (m as unknown as HostToWorker) : null;
    case 'cancel':
      return m as unknown as HostToWorker;
    default:
      return null;
  }
}

export function createWorkerHandler(api: InspectorApi, post: (m: WorkerToHost) => void): (raw: unknown) => void {
  const cancels = new Map<number, { cancelled: boolean }>();

  const run = (id: number, work: () => Promise<WorkerToHost>): void => {
    work().then(post, (e: unknown) => post({ type: 'error', id, error: toWorkerError(e) })).finally(() => cancels.delete(id));
  };

  return (raw: unknown) => {
    const msg = parseHostMessage(raw);
    if (!msg) {
      const id = isObj(raw) && typeof raw.id === 'number' ? raw.id : -1;
      post({ type: 'error', id, error: { name: 'ProtocolError', message: `nnlens worker: malformed request ${JSON.stringify(raw)?.slice(0, 200)}` } });
      return;
    }
    const { id } = msg;
    switch (msg.type) {
      case 'inspect':
        run(id, async () => ({
          type: 'inspectResult', id,
          report: await api.inspect(msg.request, { stdout: (text) => post({ type: 'stdout', id, text }) }),
        }));
        return;
      case 'train': {
        const cancel = { cancelled: false };
        cancels.set(id, cancel);
        run(id, async () => ({
          type: 'trainResult', id,
          report: await api.train(msg.request, (step) => post({ type: 'trainStep', id, step }), cancel),
        }));
        return;
      }
      case 'listModels':
        run(id, async () => ({ type: 'models', id, ...(await api.listModels(msg.file, msg.source)) }));
        return;
      case 'format':
        run(id, async () => {
          if (typeof api.formatReport !== 'function') throw new Error('nnlens: the report formatter (formatReport) is not built yet');
          return { type: 'formatted', id, text: api.formatReport(msg.report, msg.format) };
        });
        return;
      case 'cancel': {
        const c = cancels.get(id);
        if (c) c.cancelled = true;
        return;
      }
      default:
        assertNever(msg);
    }
  };
}
