// The command handlers: each resolves its document and model (arguments from a CodeLens or tree item,
// otherwise the active editor and a quick pick), then hands over to the service or a panel.
import * as vscode from 'vscode';
import type { CopyFormat } from '../protocol/webview';
import { COMMANDS } from './ids';
import { formatInputSpecs, parseInputSpecs } from './inputSpec';
import type { InspectorPanel } from './inspectorPanel';
import type { ModelService } from './service';
import { lensSummary } from './summary';
import type { TrainPanel } from './trainPanel';
import { errorMessage } from './util';

export interface CommandDeps {
  service: ModelService;
  inspector: InspectorPanel;
  trainer: TrainPanel;
  log: vscode.LogOutputChannel;
  refreshTree: () => Promise<void>;
}

interface Target {
  doc: vscode.TextDocument;
  model: string;
}

async function resolveDocument(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  const doc = vscode.window.activeTextEditor?.document;
  if (doc?.languageId === 'python') return doc;
  void vscode.window.showWarningMessage('nnlens: open a Python file that defines a PyTorch model first.');
  return undefined;
}

/** The model named by a CodeLens/tree argument, the only model of the file, or the user's pick. */
async function resolveTarget(service: ModelService, uri: unknown, model: unknown, verb: string): Promise<Target | undefined> {
  const doc = await resolveDocument(uri);
  if (!doc) return undefined;
  if (typeof model === 'string' && model) return { doc, model };
  const candidates = await service.candidates(doc);
  if (candidates.length === 0) {
    const err = service.listError(doc);
    const name = vscode.workspace.asRelativePath(doc.uri);
    if (err) void vscode.window.showErrorMessage(`nnlens could not list the models of ${name}: ${err}`);
    else void vscode.window.showInformationMessage(`nnlens: no nn.Module subclass or model factory found in ${name}.`);
    return undefined;
  }
  if (candidates.length === 1) return { doc, model: candidates[0].name };
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => {
      const report = service.lastReport(doc.uri.fsPath, c.name);
      return {
        label: c.name,
        description: c.kind === 'class' ? `class(${c.bases.join(', ')}) · line ${c.line}` : `factory · line ${c.line}`,
        detail: report ? lensSummary(report) : undefined,
      };
    }),
    { title: `nnlens: ${verb}`, placeHolder: 'Pick a model of this file' },
  );
  return picked ? { doc, model: picked.label } : undefined;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { service, inspector, trainer, log } = deps;
  const reg = (id: string, fn: (...args: unknown[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await fn(...args);
      } catch (e) {
        log.error(`${id}: ${e instanceof Error && e.stack ? e.stack : errorMessage(e)}`);
        void vscode.window.showErrorMessage(`nnlens: ${errorMessage(e)}`);
      }
    });

  return [
    reg(COMMANDS.inspectModel, async (uri, model) => {
      const t = await resolveTarget(service, uri, model, 'Inspect Model');
      if (t) await inspector.show(t.doc, t.model);
    }),
    reg(COMMANDS.trainModel, async (uri, model) => {
      const t = await resolveTarget(service, uri, model, 'Train Model');
      if (t) await trainer.show(t.doc, t.model);
    }),
    reg(COMMANDS.setModelInputs, async (uri, model) => {
      const t = await resolveTarget(service, uri, model, 'Set Model Inputs');
      if (!t) return;
      const current = service.modelSettings(t.doc.uri.fsPath, t.model);
      const text = await vscode.window.showInputBox({
        title: `nnlens: inputs of ${t.model}`,
        prompt: 'Shapes like 1,3,32,32; several inputs separated by ";"; optional :dtype and [low,high) for integer inputs. Empty: let nnlens infer them.',
        value: formatInputSpecs(current.inputs),
        validateInput: (v) => {
          const r = parseInputSpecs(v);
          return r.ok ? null : r.error;
        },
      });
      if (text === undefined) return;
      const parsed = parseInputSpecs(text);
      if (!parsed.ok) return;
      await service.updateModelSettings(t.doc.uri.fsPath, t.model, { inputs: parsed.inputs });
      const shown = inspector.target;
      if (shown && shown.file === t.doc.uri.fsPath && shown.model === t.model) await inspector.show(t.doc, t.model);
      else await service.inspect(t.doc, t.model).catch(() => undefined);
    }),
    reg(COMMANDS.copySummary, async (uri, model, format) => {
      // From the palette while the panel has focus there is no active editor: copy what the panel shows.
      const shown = inspector.target;
      const fromPanel = uri === undefined && !vscode.window.activeTextEditor && shown;
      const t = fromPanel
        ? await resolveTarget(service, vscode.Uri.file(shown.file), shown.model, 'Copy Summary')
        : await resolveTarget(service, uri, model ?? lastModelOfActive(service), 'Copy Summary');
      if (!t) return;
      const fmt = isCopyFormat(format) ? format : (await vscode.window.showQuickPick(
        [{ label: 'Text', format: 'text' as const }, { label: 'Markdown', format: 'markdown' as const }, { label: 'JSON', format: 'json' as const }],
        { title: `nnlens: copy the summary of ${t.model} as…` },
      ))?.format;
      if (fmt) await copySummary(service, t.doc, t.model, fmt);
    }),
    reg(COMMANDS.showOutput, () => log.show(true)),
    reg(COMMANDS.refreshModelTree, () => deps.refreshTree()),
    reg(COMMANDS.revealSource, async (file, line) => {
      if (typeof file !== 'string' || typeof line !== 'number') return;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const pos = new vscode.Position(Math.max(0, line - 1), 0);
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One });
    }),
  ];
}

const isCopyFormat = (v: unknown): v is CopyFormat => v === 'text' || v === 'markdown' || v === 'json';

function lastModelOfActive(service: ModelService): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc ? service.lastModel(doc.uri.fsPath) : undefined;
}

/** Copies the model's last report (inspecting it first if there is none) to the clipboard. */
export async function copySummary(service: ModelService, doc: vscode.TextDocument, model: string, format: CopyFormat): Promise<void> {
  const report = service.lastReport(doc.uri.fsPath, model) ?? (await service.inspect(doc, model));
  const text = format === 'json' ? JSON.stringify(report, null, 2) : await service.format(report, format);
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`nnlens: copied the summary of ${model} as ${format}`, 4000);
}
