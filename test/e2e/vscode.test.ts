// End to end in a real VS Code (code-server 4.100 = VS Code 1.100, driven by Chromium): the packaged
// .vsix is installed into a fresh extensions dir, a workspace with model files is opened, and the
// user's path is followed: CodeLens → Inspect panel → Train panel → a broken model's diagnostic,
// cleared once the code is fixed. Screenshots go to test/e2e/screenshots/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, SCREENSHOTS } from '../webview/harness';
import { openFile, outputText, packageVsix, paletteEntries, panelFrame, runCommand, setupCodeServer, startSession, type Session } from './codeServer';

let s: Session;
let workspace: string;

before(async () => {
  const bin = setupCodeServer();
  // NNLENS_E2E_VSIX reuses a .vsix packaged before (CI can package once and test it here).
  const vsix = process.env.NNLENS_E2E_VSIX ?? packageVsix(mkdtempSync(join(tmpdir(), 'nnlens-vsix-')));
  // A copy, so that the test can edit the files (fixing the broken model).
  workspace = join(mkdtempSync(join(tmpdir(), 'nnlens-ws-')), 'models');
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  s = await startSession(bin, vsix, workspace);
}, { timeout: 1_200_000 });

after(async () => {
  await s?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const lens = (page: Page, text: string | RegExp) => page.locator('.codelens-decoration a', { hasText: text });

test('activates on a Python file: commands, the nnlens view and the engine worker', { timeout: 120_000 }, async () => {
  const { page } = s;
  await openFile(page, 'lenet.py');
  const titles = await paletteEntries(page, 'nnlens:');
  for (const t of ['Inspect Model…', 'Train Model…', 'Set Model Inputs…', 'Copy Summary', 'Show Output']) {
    assert.ok(titles.includes(`nnlens: ${t}`), `palette lists nnlens: ${t} (got ${titles.join(', ')})`);
  }
  assert.ok(!titles.includes('nnlens: Reveal Module Definition'), 'internal commands stay out of the palette');
  await page.locator('.activitybar .action-label[aria-label^="nnlens"]').waitFor();
  // The CodeLens provider asks the worker for the file's models: the worker starts on that first use.
  await page.waitForTimeout(2000);
  const log = await outputText(page);
  assert.match(log, /nnlens \d+\.\d+\.\d+ activated/);
  assert.match(log, /\[worker\] engine started in \d+ ms/);
  await shot(page, 'e2e-activated');
});

test('CodeLens above the model; Inspect opens the inspector panel with the report', { timeout: 180_000 }, async () => {
  const { page } = s;
  await openFile(page, 'lenet.py');
  await lens(page, /^Inspect$/).first().waitFor({ timeout: 60_000 });
  assert.equal(await lens(page, /^Train$/).count(), 1);
  await lens(page, /^Inspect$/).first().click();
  const frame = await panelFrame(page, 'inspector');
  await frame.locator('h1', { hasText: 'LeNet' }).waitFor({ timeout: 60_000 });
  await frame.locator('.totals').waitFor({ timeout: 60_000 });
  const total = frame.locator('.card', { hasText: 'Total params' }).locator('.card-value');
  assert.equal(await total.textContent(), '44,426');
  assert.equal(await frame.locator('.card', { hasText: 'Output' }).locator('.card-value').textContent(), '(1, 10)');
  const modules = await frame.locator('[data-table="modules"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-module')));
  for (const m of ['', 'conv1', 'conv2', 'fc1', 'fc2', 'fc3']) assert.ok(modules.includes(m), `module ${m || '(root)'} listed`);
  assert.equal(await frame.locator('[data-module="conv1"] td').nth(3).textContent(), '(1, 6, 24, 24)');
  // the lens summary appears once the report is known
  await lens(page, '44,426 params → (1, 10)').waitFor({ timeout: 30_000 });
  await shot(page, 'e2e-inspector');
});

test('the sidebar tree shows the inspected model with its modules and parameters', { timeout: 60_000 }, async () => {
  const { page } = s;
  await page.locator('.activitybar .action-label[aria-label^="nnlens"]').click();
  const tree = page.locator('.pane-body .monaco-list-row');
  await tree.filter({ hasText: 'LeNet' }).first().waitFor({ timeout: 30_000 });
  const rows = await tree.allInnerTexts();
  assert.ok(rows.some((r) => /conv1/.test(r) && /Conv2d/.test(r) && /\(1, 6, 24, 24\)/.test(r) && /156 params/.test(r)), rows.join(' | '));
  await shot(page, 'e2e-tree');
});

test('Train runs in the worker and streams the loss into the train panel', { timeout: 240_000 }, async () => {
  const { page } = s;
  await openFile(page, 'lenet.py');
  await lens(page, /^Train$/).first().click();
  const frame = await panelFrame(page, 'train');
  await frame.locator('h1', { hasText: 'LeNet' }).waitFor({ timeout: 60_000 });
  const card = (label: string) => frame.locator('.card', { has: frame.locator('.card-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.card-value');
  const step = card('Step');
  await frame.waitForFunction(() => {
    const t = document.querySelector('.card-value')?.textContent ?? '';
    const m = /^(\d+) \/ (\d+)$/.exec(t);
    return m !== null && m[1] === m[2] && document.querySelector('.grads table') !== null;
  }, undefined, { timeout: 180_000 });
  assert.match(await step.textContent() ?? '', /^50 \/ 50$/);
  assert.equal(await frame.locator('.chart canvas').count(), 1);
  const first = Number(await card('First loss').textContent());
  const last = Number(await card('Loss').textContent());
  assert.ok(last < first, `overfitting one batch lowers the loss (${first} → ${last})`);
  await shot(page, 'e2e-train');
});

test('a broken model gets a squiggle at the failing line with the traceback; fixing it clears it', { timeout: 240_000 }, async () => {
  const { page } = s;
  await openFile(page, 'broken.py');
  await lens(page, /^Inspect$/).first().waitFor({ timeout: 60_000 });
  await lens(page, /^Inspect$/).first().click();
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
  await runCommand(page, 'View: Focus Problems');
  const problems = page.locator('.markers-panel .monaco-list-row');
  await problems.filter({ hasText: 'mat1 and mat2 shapes cannot be multiplied (1x64 and 128x10)' }).first().waitFor({ timeout: 30_000 });
  const text = (await problems.allInnerTexts()).join('\n');
  assert.match(text, /\[Ln 14, Col \d+\]/, text);
  await shot(page, 'e2e-diagnostic');

  // Fix line 10 (fc2 takes 64 features) and save: the re-inspection on save clears the squiggle.
  await openFile(page, 'broken.py');
  await page.keyboard.press('Control+G');
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('self.fc2 = nn.Linear(64, 10)');
  await page.keyboard.press('Control+S');
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ state: 'detached', timeout: 60_000 });
  await shot(page, 'e2e-diagnostic-fixed');
});
