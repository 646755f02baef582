// The inspector panel: one webview showing the last inspected model (totals, module tree, parameters,
// buffers, repr, editable inputs and options). It re-runs the inspection when the user edits inputs
// and follows auto-inspect results for the model it shows.
import * as vscode from 'vscode';
import type { InspectorState, WebviewToHost } from '../protocol/webview';
import { COMMANDS } from './ids';
import { createPanel, onMessage, post } from './panelBase';
import type { ModelService } from './service';
import { assertNever, errorMessage } from './util';

export class InspectorPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | null = null;
  private uri: vscode.Uri | null = null;
  private state: InspectorState | null = null;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: ModelService,
    private readonly log: vscode.LogOutputChannel,
    private readonly copy: (file: string, model: string, format: 'text' | 'markdown' | 'json') => Promise<void>,
  ) {
    this.subscriptions.push(service.onDidChange((e) => {
      if (this.state && e.file === this.state.file && e.model === this.state.model) this.syncFromService();
    }));
  }

  /** Shows the panel for a model and inspects it. */
  async show(doc: vscode.TextDocument, model: string): Promise<void> {
    this.uri = doc.uri;
    const ms = this.service.modelSettings(doc.uri.fsPath, model);
    this.state = { file: doc.uri.fsPath, model, inputs: ms.inputs, options: ms.options, status: 'running', report: null, error: null };
    this.ensurePanel(model);
    this.publish();
    await this.run(doc, model);
  }

  /** The model the panel shows, if it is open. */
  get target(): { file: string; model: string } | undefined {
    return this.panel && this.state ? { file: this.state.file, model: this.state.model } : undefined;
  }

  private ensurePanel(model: string): void {
    const title = `nnlens: ${model}`;
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(undefined, true);
      return;
    }
    const panel = createPanel('inspector', title, this.extensionUri, vscode.ViewColumn.Beside);
    this.panel = panel;
    const subs = [onMessage(panel, this.log, (m) => void this.onMessage(m))];
    panel.onDidDispose(() => {
      for (const s of subs) s.dispose();
      this.panel = null;
    });
  }

  private async run(doc: vscode.TextDocument, model: string): Promise<void> {
    try {
      await this.service.inspect(doc, model);
    } catch (e) {
      const msg = errorMessage(e);
      void vscode.window.showErrorMessage(msg, 'Show Output').then((a) => a && vscode.commands.executeCommand(COMMANDS.showOutput));
    }
    this.syncFromService();
  }

  private syncFromService(): void {
    if (!this.state) return;
    const run = this.service.lastRun(this.state.file, this.state.model);
    const ms = this.service.modelSettings(this.state.file, this.state.model);
    this.state = { ...this.state, inputs: ms.inputs, options: ms.options };
    if (!run) return;
    if ('running' in run) this.state = { ...this.state, status: 'running' };
    else if ('report' in run) this.state = { ...this.state, status: 'done', report: run.report, error: null };
    else this.state = { ...this.state, status: 'error', error: run.error };
    this.publish();
  }

  private publish(): void {
    if (this.panel && this.state) post(this.panel, { type: 'inspectorState', state: this.state });
  }

  private async onMessage(m: WebviewToHost): Promise<void> {
    const st = this.state;
    if (!st || !this.uri) return;
    switch (m.type) {
      case 'ready':
        this.publish();
        return;
      case 'inspect': {
        await this.service.updateModelSettings(st.file, st.model, { inputs: m.inputs, options: m.options });
        const doc = await vscode.workspace.openTextDocument(this.uri);
        await this.run(doc, st.model);
        return;
      }
      case 'reveal': {
        const row = st.report?.modules.find((r) => r.name === m.module);
        if (row?.source) await vscode.commands.executeCommand(COMMANDS.revealSource, row.source.file, row.source.line);
        else void vscode.window.showInformationMessage(`nnlens: ${m.module || st.model} is not defined in your files`);
        return;
      }
      case 'copy':
        await this.copy(st.file, st.model, m.format);
        return;
      case 'openTrain':
        await vscode.commands.executeCommand(COMMANDS.trainModel, this.uri, st.model);
        return;
      case 'train':
      case 'stop':
        this.log.warn(`inspector panel: ignored '${m.type}' (a train panel message)`);
        return;
      default:
        assertNever(m);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.panel?.dispose();
  }
}
