// Opens the built panel bundle (dist/webview.js) in headless Chromium the way VS Code does: the HTML
// from src/extension/webviewHtml.ts with its CSP and nonce, resources from a fake webview origin,
// a stub acquireVsCodeApi that records posted messages, and a theme's CSS variables.
import { readFileSync, readdirSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webviewHtml } from '../../src/extension/webviewHtml';
import type { HostToWebview, PanelKind, WebviewToHost } from '../../src/protocol/webview';
import { THEMES, type ThemeName } from './themes';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(ROOT, 'test', 'e2e', 'screenshots');
const ORIGIN = 'https://nnlens.webview.test';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** The tests load the built bundle: refuse to test a missing or stale one. */
function checkBundle(): void {
  const bundle = join(ROOT, 'dist', 'webview.js');
  if (!existsSync(bundle)) throw new Error('dist/webview.js is missing: run `npm run build` first');
  const built = statSync(bundle).mtimeMs;
  const sources = [join(ROOT, 'webview'), join(ROOT, 'src', 'protocol')].flatMap((d) => readdirSync(d).map((f) => join(d, f)));
  const newer = sources.filter((f) => statSync(f).mtimeMs > built);
  if (newer.length > 0) throw new Error(`dist/webview.js is older than ${newer.join(', ')}: run \`npm run build\` first`);
}

export async function launch(): Promise<Browser> {
  checkBundle();
  return chromium.launch({ executablePath: process.env.NNLENS_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Panel {
  page: Page;
  post(m: HostToWebview): Promise<void>;
  sent(): Promise<WebviewToHost[]>;
  cspViolations(): Promise<string[]>;
  errors: string[];
  screenshot(name: string): Promise<string>;
}

export async function openPanel(browser: Browser, panel: PanelKind, theme: ThemeName = 'dark', size = { width: 1100, height: 900 }): Promise<Panel> {
  const page = await browser.newPage({ viewport: size });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const t = THEMES[theme];
  // A string, not a function: tsx's transpiled functions reference helpers the page does not have.
  await page.addInitScript(`(() => {
    const sent = [], csp = [];
    let state;
    window.__sent = sent;
    window.__csp = csp;
    window.acquireVsCodeApi = () => ({ postMessage: (m) => sent.push(m), getState: () => state, setState: (s) => { state = s; } });
    document.addEventListener('securitypolicyviolation', (e) => csp.push(e.violatedDirective + ' ' + e.blockedURI));
    const vars = ${JSON.stringify(t.vars)};
    const apply = () => { for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v); };
    if (document.documentElement) apply();
    else new MutationObserver((_, o) => { if (document.documentElement) { o.disconnect(); apply(); } }).observe(document, { childList: true });
  })();`);
  const html = webviewHtml({
    cspSource: ORIGIN, nonce: 'dGVzdC1ub25jZQ', scriptUri: `${ORIGIN}/dist/webview.js`, styleUri: `${ORIGIN}/media/webview.css`, panel, title: 'nnlens test',
  }).replace('<body ', `<body class="${t.bodyClass}" `);
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/index.html') return route.fulfill({ body: html, contentType: 'text/html' });
    const file = join(ROOT, path);
    if (!(path.startsWith('/dist/') || path.startsWith('/media/')) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ body: readFileSync(file), contentType: path.endsWith('.js') ? 'text/javascript' : path.endsWith('.css') ? 'text/css' : 'application/octet-stream' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => ((window as unknown as { __sent: { type: string }[] }).__sent).some((m) => m.type === 'ready'), undefined, { timeout: 10_000 })
    .catch((e: Error) => {
      throw new Error(`the panel never sent 'ready' (${e.message}); page errors: ${errors.join(' | ') || 'none'}`);
    });
  return {
    page,
    errors,
    post: (m) => page.evaluate((msg) => window.postMessage(msg, '*'), m as unknown),
    sent: () => page.evaluate(() => (window as unknown as { __sent: WebviewToHost[] }).__sent),
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    async screenshot(name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
}
