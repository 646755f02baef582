// What both webview panels share: creating the panel with scripts on and resources limited to dist/
// and media/, its HTML from the one CSP'd template, and validated, typed messages in both directions.
import * as vscode from 'vscode';
import type { HostToWebview, PanelKind, WebviewToHost } from '../protocol/webview';
import { PANELS } from './ids';
import { makeNonce, webviewHtml } from './webviewHtml';
import { parseWebviewMessage } from './webviewMessages';

export function createPanel(kind: PanelKind, title: string, extensionUri: vscode.Uri, column: vscode.ViewColumn): vscode.WebviewPanel {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  const panel = vscode.window.createWebviewPanel(PANELS[kind], title, { viewColumn: column, preserveFocus: true }, {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [dist, media],
    // The panels keep sort/filter state and a live chart; rebuilding them on every tab switch would lose it.
    retainContextWhenHidden: true,
  });
  panel.iconPath = vscode.Uri.joinPath(media, 'icon.png');
  const webview = panel.webview;
  webview.html = webviewHtml({
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.css')).toString(),
    panel: kind,
    title,
  });
  return panel;
}

export function post(panel: vscode.WebviewPanel, message: HostToWebview): void {
  void panel.webview.postMessage(message);
}

/** Subscribes to the panel's messages; malformed ones are logged and dropped, never acted on. */
export function onMessage(panel: vscode.WebviewPanel, log: vscode.LogOutputChannel, handler: (m: WebviewToHost) => void): vscode.Disposable {
  return panel.webview.onDidReceiveMessage((raw: unknown) => {
    const m = parseWebviewMessage(raw);
    if (!m) {
      log.warn(`dropped a malformed webview message: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    handler(m);
  });
}
