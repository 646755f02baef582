// The suite @vscode/test-electron runs inside desktop VS Code's extension host (bundled by run.ts):
// activation on a Python file, the contributed commands, Inspect through the command with a model
// name, and a broken model's diagnostic at its line, cleared when the file is fixed and saved.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/extension/ids';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = probe();
    if (v) return v;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const file = (name: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);

async function activates(): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(file('lenet.py'));
  await vscode.window.showTextDocument(doc);
  const ext = await until('the extension', () => vscode.extensions.getExtension('nnlens.nnlens'));
  await until('activation', () => ext.isActive);
  const commands = await vscode.commands.getCommands(true);
  for (const id of Object.values(COMMANDS)) assert.ok(commands.includes(id), `${id} is registered`);
}

async function codeLenses(): Promise<void> {
  const uri = file('lenet.py');
  const found = await (async () => {
    for (let i = 0; i < 150; i++) {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const titles = (l ?? []).map((x) => x.command?.title);
      if (titles.includes('Inspect') && titles.includes('Train')) return l;
      await sleep(200);
    }
    return undefined;
  })();
  assert.ok(found, 'Inspect and Train lenses above LeNet');
  assert.equal(found![0].range.start.line, 6, 'on the class line');
}

async function brokenDiagnostic(): Promise<void> {
  const uri = file('broken.py');
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand(COMMANDS.inspectModel, uri, 'Broken');
  const diags = await until('the diagnostic', () => {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'nnlens');
    return d.length > 0 && d;
  });
  assert.match(diags[0].message, /mat1 and mat2 shapes cannot be multiplied \(1x64 and 128x10\)/);
  assert.equal(diags[0].range.start.line, 13);
  assert.ok((diags[0].relatedInformation ?? []).length > 0, 'the traceback is attached');
  await editor.edit((e) => e.replace(doc.lineAt(9).range, '        self.fc2 = nn.Linear(64, 10)'));
  await doc.save();
  await until('the diagnostic to clear', () => vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'nnlens').length === 0);
}

export async function run(): Promise<void> {
  for (const [name, t] of [['activates', activates], ['CodeLens', codeLenses], ['broken model diagnostic', brokenDiagnostic]] as const) {
    await t();
    console.log(`ok - ${name}`);
  }
}
