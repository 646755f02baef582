// The hub between VS Code and the engine worker: lists a document's models (debounced per version),
// runs inspections and training with the model's stored inputs and the settings' budgets, remembers
// the last result per model, and keeps the diagnostics collection in step with those results.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InspectRequest, TrainRequest } from '../protocol/requests';
import type { Diagnostic, InspectReport, ModelCandidate, TrainReport, TrainStep } from '../protocol/report';
import type { TrainConfig } from '../protocol/webview';
import { readSettings, SECTION, type Settings, type SettingKey } from './config';
import { groupByFile } from './diagnosticsModel';
import { InputsStore, type ModelSettings } from './inputsStore';
import type { LastRun } from './lensModel';
import { errorMessage } from './util';
import { WorkerHost } from './workerHost';

export interface RunEvent {
  file: string;
  model: string;
}

const runKey = (file: string, model: string): string => `${file}#${model}`;

/** A class is called by name; a factory function is called with no arguments. */
export function modelExpression(c: ModelCandidate | undefined, name: string): string {
  return c?.kind === 'factory' ? `${name}()` : name;
}

export class ModelService implements vscode.Disposable {
  private host: WorkerHost | null = null;
  private readonly listed = new Map<string, { version: number; promise: Promise<ModelCandidate[]> }>();
  private readonly listErrors = new Map<string, string>();
  private readonly runs = new Map<string, LastRun>();
  private readonly generation = new Map<string, number>();
  private readonly lastModelOfFile = new Map<string, string>();
  private readonly diagnosticsByRun = new Map<string, readonly Diagnostic[]>();
  private diagnosedFiles = new Set<string>();
  private readonly reportedProblems = new Set<string>();
  private readonly changed = new vscode.EventEmitter<RunEvent>();
  /** Fires when a model's last run (or a file's model list) changed: lenses, tree and panels refresh. */
  readonly onDidChange = this.changed.event;
  readonly store: InputsStore;

  constructor(
    private readonly extensionPath: string,
    workspaceState: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly debounceMs = 400,
  ) {
    this.store = new InputsStore(workspaceState);
  }

  settings(): Settings {
    const cfg = vscode.workspace.getConfiguration(SECTION);
    const s = readSettings((k: SettingKey) => cfg.get(k));
    for (const p of s.problems) {
      if (this.reportedProblems.has(p)) continue; // settings are read often; say each problem once
      this.reportedProblems.add(p);
      this.log.warn(p);
    }
    return s;
  }

  /** The worker starts here, on the first request that needs it — never in activate(). */
  private engine(): WorkerHost {
    this.host ??= new WorkerHost({
      script: path.join(this.extensionPath, 'dist', 'worker.js'),
      budgets: () => {
        const s = this.settings();
        return { timeMs: s.timeBudgetMs, memoryMb: s.memoryBudgetMb };
      },
      log: (line) => this.log.info(line),
      sampleRss: () => process.memoryUsage.rss(),
    });
    return this.host;
  }

  modelSettings(file: string, model: string): ModelSettings {
    const s = this.settings();
    return this.store.get(file, model, { inputs: s.defaultInputs, device: s.defaultDevice });
  }

  async updateModelSettings(file: string, model: string, patch: Partial<ModelSettings>): Promise<ModelSettings> {
    const s = this.settings();
    return this.store.update(file, model, patch, { inputs: s.defaultInputs, device: s.defaultDevice });
  }

  /** The models of a document at its current version; edits in quick succession share one listing. */
  candidates(doc: vscode.TextDocument): Promise<ModelCandidate[]> {
    const key = doc.uri.toString();
    const cached = this.listed.get(key);
    if (cached && cached.version === doc.version) return cached.promise;
    const version = doc.version;
    const promise = (async () => {
      if (cached) await new Promise((r) => setTimeout(r, this.debounceMs));
      if (doc.version !== version && !doc.isClosed) return this.candidates(doc);
      try {
        const { candidates, diagnostics } = await this.engine().listModels(doc.uri.fsPath, doc.getText());
        this.setDiagnostics(`list:${doc.uri.fsPath}`, diagnostics);
        this.listErrors.delete(key);
        return candidates;
      } catch (e) {
        this.log.error(`listing the models of ${doc.uri.fsPath}: ${errorMessage(e)}`);
        this.listErrors.set(key, errorMessage(e));
        if (this.listed.get(key)?.version === version) this.listed.delete(key);
        return [];
      }
    })();
    this.listed.set(key, { version, promise });
    return promise;
  }

  /** Why the last listing of a document failed (the engine's own error), if it did. */
  listError(doc: vscode.TextDocument): string | undefined {
    return this.listErrors.get(doc.uri.toString());
  }

  /** Candidates known for a file without asking the worker (for lenses already computed). */
  async candidate(doc: vscode.TextDocument, model: string): Promise<ModelCandidate | undefined> {
    return (await this.candidates(doc)).find((c) => c.name === model);
  }

  lastRun(file: string, model: string): LastRun | undefined {
    return this.runs.get(runKey(file, model));
  }

  lastReport(file: string, model: string): InspectReport | undefined {
    const r = this.runs.get(runKey(file, model));
    return r && 'report' in r ? r.report : undefined;
  }

  /** The model inspected last in a file (the tree view and Copy Summary show that one). */
  lastModel(file: string): string | undefined {
    return this.lastModelOfFile.get(file);
  }

  /** Models of the file that were inspected in this session: auto-inspect re-runs those. */
  inspectedModels(file: string): string[] {
    return [...this.runs.keys()].filter((k) => k.startsWith(`${file}#`)).map((k) => k.slice(file.length + 1));
  }

  private baseRequest(doc: vscode.TextDocument, model: string, c: ModelCandidate | undefined, ms: ModelSettings, s: Settings) {
    return {
      file: doc.uri.fsPath,
      source: doc.getText(),
      workspaceRoot: vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath,
      model: modelExpression(c, model),
      inputs: ms.inputs.length > 0 ? ms.inputs : undefined,
      timeBudgetMs: s.timeBudgetMs,
      memoryBudgetMb: s.memoryBudgetMb,
    };
  }

  /**
   * Inspects a model with its stored settings. Resolves with the report (which may carry Python
   * errors as diagnostics); rejects with a user-facing message when the engine itself failed.
   */
  async inspect(doc: vscode.TextDocument, model: string): Promise<InspectReport> {
    const file = doc.uri.fsPath;
    const key = runKey(file, model);
    const gen = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, gen);
    const s = this.settings();
    const ms = this.modelSettings(file, model);
    const request: InspectRequest = {
      ...this.baseRequest(doc, model, await this.candidate(doc, model), ms, s),
      device: ms.options.device,
      mode: ms.options.mode,
      depth: ms.options.depth > 0 ? ms.options.depth : undefined,
    };
    const current = () => this.generation.get(key) === gen;
    this.lastModelOfFile.set(file, model);
    this.runs.set(key, { running: true });
    this.changed.fire({ file, model });
    const started = Date.now();
    try {
      const report = await this.engine().inspect(request, { onStdout: (t) => this.log.info(`[${model}] ${t.trimEnd()}`) });
      this.log.info(`inspected ${model} in ${Date.now() - started} ms (${report.diagnostics.length} diagnostics)`);
      if (current()) {
        this.runs.set(key, { report });
        this.setDiagnostics(`inspect:${key}`, report.diagnostics, file);
      }
      return report;
    } catch (e) {
      this.log.error(`inspecting ${model}: ${e instanceof Error && e.stack ? e.stack : errorMessage(e)}`);
      if (current()) {
        this.runs.set(key, { error: errorMessage(e) });
        this.setDiagnostics(`inspect:${key}`, [], file);
      }
      throw e;
    } finally {
      if (current()) this.changed.fire({ file, model });
    }
  }

  async train(doc: vscode.TextDocument, model: string, config: TrainConfig, onStep: (s: TrainStep) => void, signal: AbortSignal): Promise<TrainReport> {
    const file = doc.uri.fsPath;
    const s = this.settings();
    const ms = this.modelSettings(file, model);
    const request: TrainRequest = { ...this.baseRequest(doc, model, await this.candidate(doc, model), ms, s), ...config };
    const started = Date.now();
    const report = await this.engine().train(request, onStep, { signal, onStdout: (t) => this.log.info(`[${model}] ${t.trimEnd()}`) });
    this.log.info(`trained ${model}: ${report.steps.length} steps in ${Date.now() - started} ms`);
    this.setDiagnostics(`train:${runKey(file, model)}`, report.diagnostics, file);
    return report;
  }

  format(report: InspectReport, format: 'text' | 'markdown' | 'csv'): Promise<string> {
    return this.engine().format(report, format);
  }

  /** Replaces one run's diagnostics and rewrites the collection for every file involved. */
  private setDiagnostics(run: string, list: readonly Diagnostic[], fallbackFile?: string): void {
    const fixed = list.map((d) => (path.isAbsolute(d.file) || !fallbackFile ? d : { ...d, file: fallbackFile }));
    if (fixed.length === 0) this.diagnosticsByRun.delete(run);
    else this.diagnosticsByRun.set(run, fixed);
    const byFile = groupByFile(this.diagnosticsByRun.values());
    for (const f of this.diagnosedFiles) if (!byFile.has(f)) this.diagnostics.delete(vscode.Uri.file(f));
    for (const [f, items] of byFile) {
      this.diagnostics.set(vscode.Uri.file(f), items.map((d) => {
        const range = (r: typeof d.range) => new vscode.Range(r.startLine, r.startColumn, r.endLine, r.endColumn);
        const diag = new vscode.Diagnostic(range(d.range), d.message, SEVERITY[d.severity]);
        diag.source = 'nnlens';
        diag.relatedInformation = d.related.map((rel) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(rel.file), range(rel.range)), rel.message));
        return diag;
      }));
    }
    this.diagnosedFiles = new Set(byFile.keys());
  }

  /** Forgets a closed document's listing; its runs stay so that the lens summary survives a reopen. */
  forget(doc: vscode.TextDocument): void {
    this.listed.delete(doc.uri.toString());
  }

  dispose(): void {
    this.host?.dispose();
    this.host = null;
    this.changed.dispose();
  }
}

const SEVERITY: Record<Diagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};
