// Runs the packaged extension in a real VS Code for the end-to-end tests: installs code-server with
// the shared setup script (../shared/vscode/setup-code-server.sh beside the repo), packages the .vsix,
// installs it into a fresh extensions dir, starts code-server on a free port and drives it with
// playwright-core and Debian's Chromium.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ROOT } from '../webview/harness';

const SETUP = join(ROOT, '..', 'shared', 'vscode', 'setup-code-server.sh');
const CODE_SERVER_DIR = process.env.NNLENS_CODE_SERVER_DIR ?? join(homedir(), '.cache', 'code-server-e2e');

function run(cmd: string, args: string[], cwd = ROOT, timeout = 900_000): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_yes: 'true' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Installs code-server (idempotent; minutes on a fresh machine, instant afterwards). */
export function setupCodeServer(): string {
  if (!existsSync(SETUP)) throw new Error(`the shared setup script is missing: ${SETUP} (CI checks out shared/ beside the repo)`);
  run('bash', [SETUP, CODE_SERVER_DIR]);
  return join(CODE_SERVER_DIR, 'bin', 'code-server');
}

/**
 * Builds and packages the extension into a .vsix. vsce refuses a package.json `files` list next to a
 * .vscodeignore, so the package is made from a staging copy holding what the .vsix may contain
 * (package.json without `files`, README, .vscodeignore, dist/, media/): the same content either way.
 */
export function packageVsix(outDir: string, build = true): string {
  if (build) run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
  const stage = mkdtempSync(join(tmpdir(), 'nnlens-stage-'));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  delete pkg.files;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(pkg, null, 2));
  for (const f of ['README.md', 'LICENSE', '.vscodeignore', 'dist', 'media']) {
    if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(stage, f), { recursive: true });
  }
  const out = join(outDir, 'nnlens.vsix');
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const repo = 'https://example.invalid/nnlens';
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--baseContentUrl', repo, '--baseImagesUrl', repo, '--out', out], stage);
  rmSync(stage, { recursive: true, force: true });
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface Session {
  page: Page;
  browser: Browser;
  server: ChildProcess;
  serverLog: string[];
  dir: string;
  close(): Promise<void>;
}

/** A fresh code-server with only the .vsix installed, opened on `workspace` in Chromium. */
export async function startSession(bin: string, vsix: string, workspace: string): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), 'nnlens-e2e-'));
  const ext = join(dir, 'extensions');
  const userData = join(dir, 'user-data');
  run(bin, ['--extensions-dir', ext, '--user-data-dir', userData, '--install-extension', vsix]);
  // Settings of the test profile: no welcome page, no telemetry prompts, CodeLens on.
  mkdirSync(join(userData, 'User'), { recursive: true });
  cpSync(join(ROOT, 'test', 'e2e', 'settings.json'), join(userData, 'User', 'settings.json'));
  const port = await freePort();
  const serverLog: string[] = [];
  const server = spawn(bin, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-workspace-trust',
    '--disable-update-check', '--user-data-dir', userData, '--extensions-dir', ext, workspace], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start:\n${serverLog.join('')}`)), 60_000);
    const onData = (b: Buffer) => {
      serverLog.push(b.toString());
      if (serverLog.join('').includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.on('exit', (code) => reject(new Error(`code-server exited (${code}):\n${serverLog.join('')}`)));
  });
  const browser = await chromium.launch({ executablePath: process.env.NNLENS_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return {
    page, browser, server, serverLog, dir,
    async close() {
      await browser.close().catch(() => undefined);
      server.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a command through the command palette by its title, as a user would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** The titles the command palette lists for a query. */
export async function paletteEntries(page: Page, query: string): Promise<string[]> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill(`>${query}`);
  await page.waitForTimeout(500);
  const rows = await page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
  await page.keyboard.press('Escape');
  return rows;
}

export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor();
}

/** The frame of an nnlens webview panel (webviews are nested iframes), once its bundle has rendered. */
export async function panelFrame(page: Page, panel: 'inspector' | 'train', timeout = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      const found = await f.locator(`body[data-panel="${panel}"]`).count().catch(() => 0);
      if (found > 0) return f;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no ${panel} webview appeared`);
}

/** The text of the nnlens output channel (Show Output), as far as the editor renders it. */
export async function outputText(page: Page): Promise<string> {
  await runCommand(page, 'nnlens: Show Output');
  const view = page.locator('.output-view .view-lines, [id="workbench.panel.output"] .view-lines').first();
  await view.waitFor();
  await page.waitForTimeout(300);
  return (await view.innerText()).replace(/\u00a0/g, ' ');
}
