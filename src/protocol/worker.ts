// Messages between the extension host and the engine worker thread: discriminated unions on `type`,
// plain data only (reports, requests, numbers, strings). Every request carries an id; replies echo it.
import type { InspectRequest, TrainRequest } from './requests';
import type { Diagnostic, InspectReport, ModelCandidate, TrainReport, TrainStep } from './report';

export type ReportFormat = 'text' | 'markdown' | 'csv';

/** What the host asks the worker to do. `cancel` asks a running request to stop at its next step. */
export type HostToWorker =
  | { type: 'inspect'; id: number; request: InspectRequest }
  | { type: 'train'; id: number; request: TrainRequest }
  | { type: 'listModels'; id: number; file: string; source: string }
  | { type: 'format'; id: number; report: InspectReport; format: ReportFormat }
  | { type: 'cancel'; id: number };

export type WorkerRequestKind = Exclude<HostToWorker['type'], 'cancel'>;

/** An exception that escaped the inspector (its own Python errors arrive as report diagnostics). */
export interface WorkerError {
  name: string;
  message: string;
  stack?: string;
}

/** The worker's replies: one final message per request (a result or `error`), progress before it. */
export type WorkerToHost =
  | { type: 'ready' }
  | { type: 'inspectResult'; id: number; report: InspectReport }
  | { type: 'trainResult'; id: number; report: TrainReport }
  | { type: 'models'; id: number; candidates: ModelCandidate[]; diagnostics: Diagnostic[] }
  | { type: 'formatted'; id: number; text: string }
  | { type: 'trainStep'; id: number; step: TrainStep }
  | { type: 'stdout'; id: number; text: string }
  | { type: 'error'; id: number; error: WorkerError };

/** Which final message answers which request. */
export interface WorkerResultOf {
  inspect: InspectReport;
  train: TrainReport;
  listModels: { candidates: ModelCandidate[]; diagnostics: Diagnostic[] };
  format: string;
}
