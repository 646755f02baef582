// The train panel: runs a short training of a model in the worker with the panel's config, streams
// the steps to the live loss chart (batched), shows VS Code's progress UI for long runs, and stops
// the run from the panel's Stop button or the progress notification's Cancel.
import * as vscode from 'vscode';
import type { TrainStep } from '../protocol/report';
import type { TrainConfig, TrainState, WebviewToHost } from '../protocol/webview';
import { COMMANDS } from './ids';
import { createPanel, onMessage, post } from './panelBase';
import type { ModelService } from './service';
import { assertNever, errorMessage } from './util';
import { EngineStoppedError } from './workerHost';

/** Runs shorter than this finish without a progress notification. */
const PROGRESS_AFTER_MS = 1500;
const FLUSH_MS = 50;

export class TrainPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | null = null;
  private uri: vscode.Uri | null = null;
  private state: TrainState | null = null;
  private abort: AbortController | null = null;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: ModelService,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async show(doc: vscode.TextDocument, model: string): Promise<void> {
    this.abort?.abort();
    this.uri = doc.uri;
    const config = this.service.modelSettings(doc.uri.fsPath, model).train;
    this.state = { file: doc.uri.fsPath, model, config, status: 'idle', steps: [], report: null, error: null };
    this.ensurePanel(model);
    this.publish();
    await this.start(config);
  }

  private ensurePanel(model: string): void {
    const title = `nnlens: train ${model}`;
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(undefined, true);
      return;
    }
    const panel = createPanel('train', title, this.extensionUri, vscode.ViewColumn.Beside);
    this.panel = panel;
    const sub = onMessage(panel, this.log, (m) => void this.onMessage(m));
    panel.onDidDispose(() => {
      sub.dispose();
      this.abort?.abort();
      this.panel = null;
    });
  }

  private async start(config: TrainConfig): Promise<void> {
    if (!this.state || !this.uri) return;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const { file, model } = this.state;
    await this.service.updateModelSettings(file, model, { train: config });
    this.state = { ...this.state, config, status: 'running', steps: [], report: null, error: null };
    this.publish();

    let buffered: TrainStep[] = [];
    let flushTimer: NodeJS.Timeout | null = null;
    const flush = (): void => {
      flushTimer = null;
      if (buffered.length === 0 || this.abort !== abort || !this.panel) return;
      post(this.panel, { type: 'trainSteps', steps: buffered });
      buffered = [];
    };
    let report: ((s: TrainStep) => void) | null = null;
    const onStep = (s: TrainStep): void => {
      if (this.state && this.abort === abort) this.state.steps.push(s);
      buffered.push(s);
      flushTimer ??= setTimeout(flush, FLUSH_MS);
      report?.(s);
    };

    const doc = await vscode.workspace.openTextDocument(this.uri);
    const run = this.service.train(doc, model, config, onStep, abort.signal);
    const progressTimer = setTimeout(() => {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `nnlens: training ${model}`, cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          let last = 0;
          report = (s) => {
            const pct = (100 * s.step) / config.steps;
            progress.report({ message: `step ${s.step}/${config.steps} · loss ${s.loss.toPrecision(4)}`, increment: pct - last });
            last = pct;
          };
          return run.then(() => undefined, () => undefined);
        },
      );
    }, PROGRESS_AFTER_MS);

    try {
      const result = await run;
      if (this.abort !== abort || !this.state) return;
      flush();
      this.state = { ...this.state, status: 'done', steps: result.steps, report: result };
    } catch (e) {
      if (this.abort !== abort || !this.state) return;
      flush();
      const stopped = e instanceof EngineStoppedError && e.reason === 'cancelled';
      this.state = { ...this.state, status: stopped ? 'idle' : 'error', error: errorMessage(e) };
      if (!stopped) {
        this.log.error(`training ${model}: ${e instanceof Error && e.stack ? e.stack : errorMessage(e)}`);
        void vscode.window.showErrorMessage(errorMessage(e), 'Show Output').then((a) => a && vscode.commands.executeCommand(COMMANDS.showOutput));
      }
    } finally {
      clearTimeout(progressTimer);
      if (flushTimer) clearTimeout(flushTimer);
      if (this.abort === abort) this.abort = null;
    }
    this.publish();
  }

  private publish(): void {
    if (this.panel && this.state) post(this.panel, { type: 'trainState', state: this.state });
  }

  private async onMessage(m: WebviewToHost): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.publish();
        return;
      case 'train':
        await this.start(m.config);
        return;
      case 'stop':
        this.abort?.abort();
        return;
      case 'inspect':
      case 'reveal':
      case 'copy':
      case 'openTrain':
        this.log.warn(`train panel: ignored '${m.type}' (an inspector panel message)`);
        return;
      default:
        assertNever(m);
    }
  }

  dispose(): void {
    this.abort?.abort();
    this.panel?.dispose();
  }
}
