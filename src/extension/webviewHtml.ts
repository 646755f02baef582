// The panels' HTML, from one function: a strict Content-Security-Policy with a per-load nonce, only
// the bundle's own script and stylesheet, nothing remote. Data arrives later as messages, never here.
import { randomBytes } from 'node:crypto';
import type { PanelKind } from '../protocol/webview';

export interface HtmlParts {
  /** `webview.cspSource`: the origin the webview serves localResourceRoots from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce: string;
  panel: PanelKind;
  title: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // The nonce covers the one <style> the bundle injects (uPlot's stylesheet); elements' styles are
    // constructable stylesheets, which CSP does not gate.
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function webviewHtml(p: HtmlParts): string {
  const e = escapeHtml;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${e(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${e(p.styleUri)}" nonce="${e(p.nonce)}">
<title>${e(p.title)}</title>
</head>
<body data-panel="${e(p.panel)}">
<main id="app" aria-busy="true"><p class="muted">Loading…</p></main>
<script nonce="${e(p.nonce)}" src="${e(p.scriptUri)}"></script>
</body>
</html>`;
}
