// The inspector panel in headless Chromium against the built bundle: renders a report, sorts and
// filters the tables, edits inputs, folds the module tree by keyboard, escapes hostile names, stays
// within its CSP, and looks right in dark, light and high-contrast themes (screenshots).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { InspectReport } from '../../src/protocol/report';
import type { InspectorState } from '../../src/protocol/webview';
import { broken, hostile, lenet } from '../extension/fixtures';
import { launch, openPanel, type Panel } from './harness';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const state = (report: InspectReport | null, patch: Partial<InspectorState> = {}): InspectorState => ({
  file: report?.file ?? '/workspace/models/lenet.py', model: report?.class ?? 'LeNet',
  inputs: [{ shape: [1, 1, 28, 28], dtype: 'float32' }], options: { mode: 'eval', device: 'meta', depth: 0 },
  status: 'done', report, error: null, ...patch,
});

async function withReport(report: InspectReport | null, patch: Partial<InspectorState> = {}, theme: 'dark' | 'light' | 'hc' = 'dark'): Promise<Panel> {
  const p = await openPanel(browser, 'inspector', theme);
  await p.post({ type: 'inspectorState', state: state(report, patch) });
  await p.page.locator('h1').first().waitFor();
  return p;
}

const cellTexts = (p: Panel, table: string, col: number) =>
  p.page.locator(`[data-table="${table}"] tbody tr`).evaluateAll((rows, c) => rows.map((r) => r.children[c]?.textContent ?? ''), col);

test('renders a report: header, totals, module tree, parameters, buffers, repr; no CSP violations', async () => {
  const report = lenet();
  const p = await withReport(report);
  const { page } = p;
  assert.equal(await page.locator('h1').textContent(), 'LeNet');
  const cards = await page.locator('.totals .card').allTextContents();
  assert.ok(cards.includes('Total params44,470'), cards.join(' | '));
  assert.ok(cards.includes('Mult-adds286.38 k'));
  assert.ok(cards.includes('Output(1, 10)'));
  assert.ok(cards.includes('Buffers46 · 192 B'));
  assert.ok(cards.some((c) => c.startsWith('Training memory')));
  assert.equal(await page.locator('[data-table="modules"] tbody tr').count(), report.modules.length);
  const conv = page.locator('[data-module="features.0.conv"]');
  assert.deepEqual((await conv.locator('td').allTextContents()).map((s) => s.trim()), ['conv', 'Conv2d', '(1, 1, 28, 28)', '(1, 6, 24, 24)', '156', '89.86 k']);
  await page.locator('vscode-tab-header', { hasText: 'Parameters' }).click();
  assert.deepEqual(await cellTexts(p, 'parameters', 0), report.parameters.map((r) => r.name));
  assert.equal(await page.locator('[data-table-block="parameters"] .count').textContent(), '14 rows');
  await page.locator('vscode-tab-header', { hasText: 'Buffers' }).click();
  assert.deepEqual(await cellTexts(p, 'buffers', 0), report.buffers.map((b) => b.name));
  assert.deepEqual((await cellTexts(p, 'buffers', 1)).slice(0, 3), ['[6]', '[6]', '[]']);
  await page.locator('vscode-tab-header', { hasText: 'Repr' }).click();
  assert.equal(await page.locator('pre.repr').textContent(), report.repr);
  assert.deepEqual(await p.cspViolations(), []);
  assert.deepEqual(p.errors, []);
  await page.close();
});

test('sorts a table by a column both ways and says so with aria-sort', async () => {
  const p = await withReport(lenet());
  const { page } = p;
  await page.locator('vscode-tab-header', { hasText: 'Parameters' }).click();
  const header = page.locator('[data-table="parameters"] th[data-key="numel"]');
  await header.locator('button').click();
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  const asc = (await cellTexts(p, 'parameters', 2)).map((s) => Number(s.replace(/,/g, '')));
  assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
  await header.locator('button').press('Enter'); // keyboard works too
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  const names = await cellTexts(p, 'parameters', 0);
  assert.equal(names[0], 'classifier.0.weight', '30,720 elements, the largest');
  await page.locator('[data-table="parameters"] th[data-key="name"] button').click();
  assert.deepEqual(await cellTexts(p, 'parameters', 0), [...names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  await page.close();
});

test('filters a table by substring and keeps the filter across a new report', async () => {
  const p = await withReport(lenet());
  const { page } = p;
  await page.locator('vscode-tab-header', { hasText: 'Parameters' }).click();
  await page.locator('[data-table-block="parameters"] vscode-textfield input').fill('bn');
  assert.deepEqual(await cellTexts(p, 'parameters', 0), ['features.0.bn.weight', 'features.0.bn.bias', 'features.1.bn.weight', 'features.1.bn.bias']);
  assert.equal(await page.locator('[data-table-block="parameters"] .count').textContent(), '4 of 14 rows');
  await page.locator('[data-table-block="parameters"] vscode-textfield input').fill('no such parameter');
  assert.deepEqual(await cellTexts(p, 'parameters', 0), ['No rows match the filter.']);
  await page.locator('[data-table-block="parameters"] vscode-textfield input').fill('classifier.4');
  const again = lenet();
  again.timing_ms.total = 1; // a new report for the same model (an auto-inspect after an edit)
  await p.post({ type: 'inspectorState', state: state(again) });
  await page.locator('.totals .card', { hasText: 'Time' }).filter({ hasText: '1.00 ms' }).waitFor();
  assert.deepEqual(await cellTexts(p, 'parameters', 0), ['classifier.4.weight', 'classifier.4.bias']);
  await page.close();
});

test('edits the inputs (shapes, dtype, integer range, several inputs) and runs with them', async () => {
  const p = await withReport(lenet());
  const { page } = p;
  const box = page.locator('vscode-collapsible.settings-box');
  assert.equal(await box.getAttribute('open'), null, 'closed until asked for');
  assert.equal(await box.evaluate((e) => (e as unknown as { description: string }).description), '(1, 1, 28, 28) · eval · meta');
  await box.click({ position: { x: 60, y: 10 } });
  await page.locator('.input-row').first().waitFor();
  await page.locator('.input-row').first().locator('vscode-textfield.shape input').fill('2, 1, 28, 28');
  await page.locator('vscode-button', { hasText: 'Add input' }).click();
  const second = page.locator('.input-row').nth(1);
  await second.locator('vscode-textfield.shape input').fill('[1, 16]');
  await second.locator('vscode-single-select').click();
  await second.locator('vscode-single-select').getByRole('option', { name: 'int64' }).click();
  await second.locator('vscode-textfield[aria-label="Input 2 high (exclusive)"] input').fill('1000');
  await page.locator('#opt-depth input').fill('2');
  await page.locator('vscode-button', { hasText: 'Run with these inputs' }).click();
  const last = (await p.sent()).at(-1);
  assert.deepEqual(last, {
    type: 'inspect',
    inputs: [{ shape: [2, 1, 28, 28], dtype: 'float32' }, { shape: [1, 16], dtype: 'int64', low: 0, high: 1000 }],
    options: { mode: 'eval', device: 'meta', depth: 2 },
  });
  // a bad shape is flagged at its field and nothing is sent
  await second.locator('vscode-textfield.shape input').fill('1, x');
  await page.locator('vscode-button', { hasText: 'Run with these inputs' }).click();
  assert.equal(await second.locator('.field-error').textContent(), "'x' is not a non-negative integer dimension");
  assert.equal((await p.sent()).filter((m) => m.type === 'inspect').length, 1);
  // removing every input means "infer them"
  await page.locator('vscode-button', { hasText: 'Remove' }).nth(1).click();
  await page.locator('vscode-button', { hasText: 'Remove' }).first().click();
  assert.match(await page.locator('.inputs-empty').textContent() ?? '', /infers them/);
  await page.locator('vscode-button', { hasText: 'Run with these inputs' }).click();
  assert.deepEqual((await p.sent()).at(-1), { type: 'inspect', inputs: [], options: { mode: 'eval', device: 'meta', depth: 2 } });
  await page.close();
});

test('the module tree folds by keyboard, and module links ask the host to reveal the definition', async () => {
  const p = await withReport(lenet());
  const { page } = p;
  const rows = page.locator('[data-table="modules"] tbody tr');
  const toggle = page.locator('[data-module="features"] button.toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await rows.count(), 19 - 10);
  assert.equal(await page.locator('[data-module="features"] button.toggle').getAttribute('aria-expanded'), 'false');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Expand features', undefined, { timeout: 2000 });
  await page.keyboard.press('Space');
  assert.equal(await rows.count(), 19);
  await page.locator('[data-module="features.0"] button.link').click();
  assert.deepEqual((await p.sent()).at(-1), { type: 'reveal', module: 'features.0' });
  await page.locator('vscode-button', { hasText: 'Copy Markdown' }).click();
  assert.deepEqual((await p.sent()).at(-1), { type: 'copy', format: 'markdown' });
  await page.close();
});

test('hostile names from user files render as text, never as HTML', async () => {
  const p = await withReport(hostile());
  const { page } = p;
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  assert.equal(await page.locator('h1').textContent(), '<img src=x onerror=alert(1)>');
  assert.equal(await page.locator('[data-table="modules"] tbody tr').nth(1).locator('td').first().textContent(), '<img src=x onerror=alert(1)>');
  await page.locator('vscode-tab-header', { hasText: 'Buffers' }).click();
  assert.deepEqual(await cellTexts(p, 'buffers', 0), ['<script>window.__pwned=1</script>']);
  await page.locator('vscode-tab-header', { hasText: 'Repr' }).click();
  assert.match(await page.locator('pre.repr').textContent() ?? '', /<script>window\.__pwned=1<\/script>$/);
  assert.match(await page.locator('.diagnostics').textContent() ?? '', /warning from <script>/);
  assert.equal(await page.locator('img').count(), 0);
  assert.equal(await page.locator('script').count(), 1, 'only the bundle');
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.equal(dialogs, 0);
  assert.deepEqual(await p.cspViolations(), []);
  await page.close();
});

test('notes and the training-memory breakdown of the report are shown', async () => {
  const report = { ...lenet(), notes: ['Ran on cpu: the model reads tensor values (x.item() at line 12), which meta tensors do not have.'], memory: { params: 177880, grads: 177880, sgd_momentum: 177880, adam: 355760, activations: 73392 } };
  const p = await withReport(report);
  assert.deepEqual(await p.page.locator('.banner.info').allTextContents(), report.notes);
  assert.match(await p.page.locator('.card', { hasText: 'Training memory' }).getAttribute('title') ?? '', /parameters 177\.9 kB \+ gradients 177\.9 kB \+ Adam state 355\.8 kB \+ saved activations 73\.4 kB/);
  await p.page.close();
});

test('a failed model shows its Python error with the traceback; an engine failure shows a banner; bad messages are ignored', async () => {
  const p = await withReport(broken());
  const { page } = p;
  const diag = page.locator('.diagnostic.error');
  assert.match(await diag.locator('.msg').textContent() ?? '', /mat1 and mat2 shapes cannot be multiplied \(1x64 and 128x10\)/);
  assert.equal(await diag.locator('.loc').textContent(), 'broken.py:14:16');
  assert.deepEqual(await diag.locator('.traceback li').allTextContents(), ['broken.py:20 in <module>', 'broken.py:14 in forward']);
  assert.equal(await page.locator('[data-module="fc2"] td').nth(3).textContent(), 'not called');
  await p.post({ type: 'inspectorState', state: state(broken(), { status: 'error', error: 'nnlens stopped the inspect run: it ran longer than the time budget of 60 s (setting nnlens.timeBudgetSeconds). The engine was restarted.' }) });
  await page.locator('.banner.error').waitFor();
  assert.match(await page.locator('.banner.error').textContent() ?? '', /time budget of 60 s/);
  await p.post({ type: 'inspectorState', state: { ...state(lenet()), report: { ...lenet(), modules: 'nope' } } as unknown as InspectorState });
  await p.post({ type: 'somethingElse' } as never);
  await page.waitForTimeout(100);
  assert.equal(await page.locator('h1').textContent(), 'Broken', 'malformed states do not replace the view');
  await page.close();
});

test('screenshots in dark, light and high-contrast themes', async () => {
  for (const theme of ['dark', 'light', 'hc'] as const) {
    const p = await withReport(lenet(), {}, theme);
    assert.deepEqual(await p.cspViolations(), []);
    await p.screenshot(`webview-inspector-${theme}`);
    await p.page.locator('vscode-tab-header', { hasText: 'Parameters' }).click();
    await p.screenshot(`webview-inspector-params-${theme}`);
    await p.page.close();
  }
  const p = await withReport(broken(), {}, 'dark');
  await p.screenshot('webview-inspector-error-dark');
  await p.page.close();
});
