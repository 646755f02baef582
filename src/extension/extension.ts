// The extension's entry: activate() only wires providers, commands and events together; each piece
// is owned by the context's subscriptions. The engine worker starts on the first request, not here.
import * as vscode from 'vscode';
import { AutoInspector } from './autoInspect';
import { ModelLensProvider } from './codeLens';
import { copySummary, registerCommands } from './commands';
import { SECTION } from './config';
import { VIEWS } from './ids';
import { InspectorPanel } from './inspectorPanel';
import { ModelTreeProvider } from './modelTree';
import { ModelService } from './service';
import { TrainPanel } from './trainPanel';

export function activate(context: vscode.ExtensionContext): void {
  const own = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  const log = own(vscode.window.createOutputChannel('nnlens', { log: true }));
  const diagnostics = own(vscode.languages.createDiagnosticCollection('nnlens'));
  const service = own(new ModelService(context.extensionPath, context.workspaceState, log, diagnostics));

  const lenses = own(new ModelLensProvider(service));
  own(vscode.languages.registerCodeLensProvider({ language: 'python' }, lenses));

  const tree = own(new ModelTreeProvider(service));
  const view = own(vscode.window.createTreeView(VIEWS.modelTree, { treeDataProvider: tree, showCollapseAll: true }));
  tree.visible = view.visible;
  own(view.onDidChangeVisibility((e) => {
    tree.visible = e.visible;
    if (e.visible) void tree.refresh();
  }));

  const inspector = own(new InspectorPanel(context.extensionUri, service, log, async (file, model, format) => {
    await copySummary(service, await vscode.workspace.openTextDocument(vscode.Uri.file(file)), model, format);
  }));
  const trainer = own(new TrainPanel(context.extensionUri, service, log));
  for (const d of registerCommands({ service, inspector, trainer, log, refreshTree: () => tree.refresh() })) own(d);

  const auto = own(new AutoInspector(service, log));
  own(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && auto.onEdit(e.document)));
  own(vscode.workspace.onDidSaveTextDocument((doc) => auto.onSave(doc)));
  own(vscode.workspace.onDidCloseTextDocument((doc) => service.forget(doc)));
  own(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SECTION) && lenses.refresh()));
  log.info(`nnlens ${context.extension.packageJSON.version as string} activated`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions, the worker included.
}
