// CodeLenses above every model class and factory: `Inspect` · `Train` · the last summary. Lenses come
// from the service's (debounced) model listing and refresh whenever a run of the file changes.
import * as vscode from 'vscode';
import { lensesFor } from './lensModel';
import type { ModelService } from './service';

export class ModelLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly service: ModelService) {
    this.subscription = service.onDidChange(() => this.changed.fire());
  }

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.service.settings().codeLensEnabled) return [];
    const candidates = await this.service.candidates(doc);
    if (token.isCancellationRequested) return [];
    return lensesFor(candidates, (model) => this.service.lastRun(doc.uri.fsPath, model)).map((l) => {
      const range = new vscode.Range(l.line, l.startColumn, l.line, l.endColumn);
      return new vscode.CodeLens(range, { title: l.title, tooltip: l.tooltip, command: l.command, arguments: [doc.uri, l.model] });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
