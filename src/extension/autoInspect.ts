// Re-inspects the models of a Python file after edits (debounced) and on save, so that lens summaries,
// the tree, the panel and the diagnostics follow the code. Only models inspected before are re-run:
// inspecting every class of a file unasked could be slow and would flag classes nobody meant to run.
import * as vscode from 'vscode';
import type { ModelService } from './service';
import { errorMessage } from './util';

export class AutoInspector implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly service: ModelService,
    private readonly log: vscode.LogOutputChannel,
    private readonly delayMs = 800,
  ) {}

  onEdit(doc: vscode.TextDocument): void {
    if (doc.languageId !== 'python' || !this.service.settings().autoInspectOnEdit) return;
    if (this.service.inspectedModels(doc.uri.fsPath).length === 0) return;
    this.schedule(doc, this.delayMs);
  }

  /** On save at the latest, whatever the edit setting says. */
  onSave(doc: vscode.TextDocument): void {
    if (doc.languageId !== 'python' || this.service.inspectedModels(doc.uri.fsPath).length === 0) return;
    this.schedule(doc, 0);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.run(doc);
    }, delay));
  }

  private async run(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    const present = new Set((await this.service.candidates(doc)).map((c) => c.name));
    for (const model of this.service.inspectedModels(doc.uri.fsPath)) {
      if (!present.has(model)) continue;
      try {
        await this.service.inspect(doc, model);
      } catch (e) {
        this.log.warn(`auto-inspect of ${model}: ${errorMessage(e)}`);
      }
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
