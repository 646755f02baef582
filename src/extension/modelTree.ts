// The sidebar tree: the module hierarchy of the active Python file's last inspected model (type,
// output shape, parameter count; parameters and buffers as leaves), or the file's models to pick from.
import * as vscode from 'vscode';
import { COMMANDS } from './ids';
import type { ModelService } from './service';
import { buildModelTree, candidateNodes, type TreeNode, type TreeNodeKind } from './treeModel';

const ICONS: Record<TreeNodeKind, string> = {
  model: 'symbol-class',
  module: 'symbol-module',
  parameter: 'symbol-field',
  buffer: 'database',
  candidate: 'play-circle',
  message: 'info',
};

export class ModelTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private roots: TreeNode[] = [];
  private file: string | undefined;

  /** Set by the view's visibility: a hidden tree does not ask the worker for anything. */
  visible = false;

  constructor(private readonly service: ModelService) {
    this.subscriptions = [
      service.onDidChange((e) => {
        if (e.file === this.file) void this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
    ];
  }

  async refresh(): Promise<void> {
    if (!this.visible) return;
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && doc.languageId !== 'python') return; // keep showing the last Python file's model
    this.file = doc?.uri.fsPath;
    this.roots = doc ? await this.rootsFor(doc) : [];
    this.changed.fire(undefined);
  }

  private async rootsFor(doc: vscode.TextDocument): Promise<TreeNode[]> {
    const file = doc.uri.fsPath;
    const model = this.service.lastModel(file);
    const report = model ? this.service.lastReport(file, model) : undefined;
    if (report) return [buildModelTree(report)];
    const run = model ? this.service.lastRun(file, model) : undefined;
    if (run && 'running' in run) return [message(`Inspecting ${model}…`)];
    const candidates = await this.service.candidates(doc);
    if (candidates.length > 0) return candidateNodes(candidates);
    const err = this.service.listError(doc);
    return [message(err ? `nnlens could not read this file: ${err}` : 'No nn.Module subclass or model factory in this file')];
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? node.children : this.roots;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state = node.children.length === 0
      ? vscode.TreeItemCollapsibleState.None
      : node.kind === 'model' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = `${this.file}:${node.id}`;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(ICONS[node.kind]);
    item.contextValue = node.kind;
    if (node.kind === 'candidate' && node.model && this.file) {
      item.command = { title: 'Inspect', command: COMMANDS.inspectModel, arguments: [vscode.Uri.file(this.file), node.model] };
    } else if (node.source) {
      item.command = { title: 'Reveal Definition', command: COMMANDS.revealSource, arguments: [node.source.file, node.source.line] };
    }
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

function message(text: string): TreeNode {
  return { id: `msg:${text}`, kind: 'message', label: text, description: '', tooltip: text, children: [] };
}
