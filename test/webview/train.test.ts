// The train panel in headless Chromium against the built bundle: live steps drawn by uPlot, Start
// and Stop, config validation, warnings (no-gradient parameters, NaN/Inf with step and module),
// gradient norms, and screenshots in dark, light and high-contrast themes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TrainReport } from '../../src/protocol/report';
import type { TrainState } from '../../src/protocol/webview';
import { lenetTrain } from '../extension/fixtures';
import { launch, openPanel, type Panel } from './harness';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const config = { steps: 40, batch: 8, optimizer: 'adam' as const, lr: 0.001, loss: 'auto' as const, data: 'overfit' as const };
const state = (patch: Partial<TrainState> = {}): TrainState => ({
  file: '/workspace/models/lenet.py', model: 'LeNet', config, status: 'running', steps: [], report: null, error: null, ...patch,
});

async function open(theme: 'dark' | 'light' | 'hc' = 'dark'): Promise<Panel> {
  const p = await openPanel(browser, 'train', theme);
  await p.post({ type: 'trainState', state: state() });
  await p.page.locator('h1').waitFor();
  return p;
}

const card = (p: Panel, label: string) => p.page.locator('.card', { has: p.page.locator('.card-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.card-value');

test('live steps update the stats and the uPlot chart; Stop asks the host to stop', async () => {
  const p = await open();
  const { page } = p;
  assert.equal(await page.locator('vscode-button', { hasText: 'Stop' }).getAttribute('disabled'), null);
  assert.notEqual(await page.locator('vscode-button', { hasText: 'Running' }).getAttribute('disabled'), null);
  const steps = lenetTrain().steps;
  await p.post({ type: 'trainSteps', steps: steps.slice(0, 10) });
  await p.post({ type: 'trainSteps', steps: steps.slice(10, 25) });
  await page.waitForFunction(() => document.querySelector('.card-value')?.textContent === '25 / 40');
  assert.equal(await card(p, 'Loss').textContent(), steps[24].loss.toPrecision(5));
  assert.equal(await card(p, 'First loss').textContent(), steps[0].loss.toPrecision(5));
  assert.equal(await page.locator('.chart .uplot canvas').count(), 1, 'uPlot drew the chart');
  // the chart holds exactly the steps received
  const plotted = await page.evaluate(() => document.querySelectorAll('.chart .u-legend .u-series').length);
  assert.equal(plotted, 2, 'x and loss series in the legend');
  await page.locator('vscode-button', { hasText: 'Stop' }).click();
  assert.deepEqual((await p.sent()).at(-1), { type: 'stop' });
  assert.deepEqual(await p.cspViolations(), []);
  assert.deepEqual(p.errors, []);
  await page.close();
});

test('a finished run shows warnings and per-parameter gradient norms', async () => {
  const p = await open();
  const { page } = p;
  const report: TrainReport = {
    ...lenetTrain(),
    no_grad_params: ['features.1.bn.weight', 'features.1.bn.bias'],
    nonfinite: { step: 31, module: 'classifier.4' },
  };
  await p.post({ type: 'trainState', state: state({ status: 'done', steps: report.steps, report }) });
  await page.locator('.grads table').waitFor();
  const banners = await page.locator('.problems .banner').allTextContents();
  assert.deepEqual(banners, [
    'The loss or a gradient became NaN/Inf at step 31, first in module classifier.4.',
    '2 trainable parameters got no gradient (not used in forward, or detached): features.1.bn.weight, features.1.bn.bias',
  ]);
  assert.equal(await page.locator('[data-table="grads"] tbody tr').count(), report.parameters.length);
  assert.equal(await card(p, 'Step').textContent(), '40 / 40');
  assert.equal(await card(p, 'Optimizer').textContent(), 'Adam(lr=0.001)');
  // sort by gradient norm, largest first
  await page.locator('[data-table="grads"] th[data-key="grad"] button').click();
  await page.locator('[data-table="grads"] th[data-key="grad"] button').click();
  const norms = await page.locator('[data-table="grads"] tbody tr td:nth-child(2)').allTextContents();
  const values = norms.map(Number);
  assert.deepEqual(values, [...values].sort((a, b) => b - a));
  assert.equal(await page.locator('vscode-button', { hasText: 'Start' }).getAttribute('disabled'), null, 'Start is enabled again');
  await page.close();
});

test('Start sends the edited config; invalid values are refused at the form', async () => {
  const p = await open();
  const { page } = p;
  await p.post({ type: 'trainState', state: state({ status: 'done', steps: lenetTrain().steps, report: lenetTrain() }) });
  await page.locator('#cfg-steps input').fill('0');
  await page.locator('vscode-button', { hasText: 'Start' }).click();
  assert.equal(await page.locator('.train-form .field-error').textContent(), 'Steps must be a whole number from 1 to 100000.');
  await page.locator('#cfg-steps input').fill('200');
  await page.locator('#cfg-lr input').fill('0.01');
  await page.locator('#cfg-optimizer').click();
  await page.locator('#cfg-optimizer').getByRole('option', { name: 'SGD' }).click();
  await page.locator('vscode-button', { hasText: 'Start' }).click();
  assert.deepEqual((await p.sent()).at(-1), { type: 'train', config: { ...config, steps: 200, lr: 0.01, optimizer: 'sgd' } });
  await page.close();
});

test('an engine error shows as a banner; a NaN loss is a gap in the chart, not a crash', async () => {
  const p = await open();
  const { page } = p;
  await p.post({ type: 'trainSteps', steps: [{ step: 1, loss: 2.3, ms: 5 }, { step: 2, loss: Number.NaN, ms: 5 }] });
  await p.post({ type: 'trainState', state: state({ status: 'error', steps: [{ step: 1, loss: 2.3, ms: 5 }], error: 'nnlens stopped the training run: it used more memory than the budget of 2048 MB (setting nnlens.memoryBudgetMb). The engine was restarted.' }) });
  await page.locator('.banner.error').waitFor();
  assert.match(await page.locator('.banner.error').textContent() ?? '', /memory budget|budget of 2048 MB/);
  assert.deepEqual(p.errors, []);
  await page.close();
});

test('screenshots in dark, light and high-contrast themes', async () => {
  const report: TrainReport = { ...lenetTrain(), no_grad_params: ['features.1.bn.bias'] };
  for (const theme of ['dark', 'light', 'hc'] as const) {
    const p = await open(theme);
    await p.post({ type: 'trainState', state: state({ status: 'done', steps: report.steps, report }) });
    await p.page.locator('.grads table').waitFor();
    await p.page.waitForTimeout(100);
    assert.deepEqual(await p.cspViolations(), []);
    await p.screenshot(`webview-train-${theme}`);
    await p.page.close();
  }
});
