// The worker host against a real worker thread (the real message handler, a fake inspector): replies
// matched by id, progress, errors, and runs over their time or memory budget or cancelled being
// stopped with a clear message, after which the next request gets a fresh worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { EngineError, EngineStoppedError, WorkerHost, type Budgets } from '../../src/extension/workerHost';

const script = fileURLToPath(new URL('./fixtures/fakeWorker.mjs', import.meta.url));

function host(budgets: Budgets = { timeMs: 20_000, memoryMb: 256 }, extra: Partial<ConstructorParameters<typeof WorkerHost>[0]> = {}) {
  const log: string[] = [];
  const h = new WorkerHost({ script, budgets: () => budgets, log: (l) => log.push(l), graceMs: 0, ...extra });
  return { h, log };
}

test('starts the worker on first use and answers requests by id', async () => {
  const { h } = host();
  assert.equal(h.running, false, 'no worker before the first request');
  const [a, b, models, text] = await Promise.all([
    h.inspect({ file: '/a.py', model: 'A' }),
    h.inspect({ file: '/b.py', model: 'B' }),
    h.listModels('/a.py', 'class LeNet(nn.Module): ...'),
    h.format(JSON.parse('{"class":"LeNet"}'), 'markdown'),
  ]);
  assert.equal(a.model, 'A');
  assert.equal(b.model, 'B');
  assert.equal(models.candidates[0].name, 'LeNet');
  assert.equal(text, 'markdown:LeNet');
  assert.equal(h.starts, 1);
  h.dispose();
});

test('streams train steps and stdout before the result', async () => {
  const { h } = host();
  const steps: number[] = [];
  const report = await h.train({ file: 'fast', steps: 5 }, (s) => steps.push(s.step));
  assert.deepEqual(steps, [1, 2, 3, 4, 5]);
  assert.equal(report.steps.length, 5);
  const printed: string[] = [];
  await h.inspect({ file: 'print' }, { onStdout: (t) => printed.push(t) });
  assert.deepEqual(printed, ['hello from the model\n']);
  h.dispose();
});

test('an exception in the inspector rejects with its name and message; the worker lives on', async () => {
  const { h } = host();
  await assert.rejects(h.inspect({ file: 'throw' }), (e: unknown) => {
    assert.ok(e instanceof EngineError);
    assert.equal(e.workerName, 'TypeError');
    assert.match(e.message, /missing 1 required positional argument/);
    return true;
  });
  assert.equal((await h.inspect({ file: 'ok' })).file, 'ok');
  assert.equal(h.starts, 1);
  h.dispose();
});

test('a run over the time budget is terminated, the message names the setting, the next run restarts the worker', async () => {
  const { h, log } = host({ timeMs: 1500, memoryMb: 256 });
  const t0 = Date.now();
  await assert.rejects(h.inspect({ file: 'hang' }), (e: unknown) => {
    assert.ok(e instanceof EngineStoppedError);
    assert.equal(e.reason, 'time');
    assert.match(e.message, /time budget of 1\.5 s \(setting nnlens\.timeBudgetSeconds\)/);
    return true;
  });
  assert.ok(Date.now() - t0 < 5000, 'stopped promptly');
  assert.equal(h.running, false);
  assert.ok(log.some((l) => l.includes('stopped (time)')));
  assert.equal((await h.inspect({ file: 'ok' })).file, 'ok', 'a fresh worker answers');
  assert.equal(h.starts, 2);
  h.dispose();
});

test('a run over the memory budget is stopped by the worker resource limits and reported as such', async () => {
  const { h } = host({ timeMs: 30_000, memoryMb: 128 });
  await assert.rejects(h.inspect({ file: 'oom' }), (e: unknown) => {
    assert.ok(e instanceof EngineStoppedError, String(e));
    assert.equal(e.reason, 'memory');
    assert.match(e.message, /more memory than the budget of 128 MB \(setting nnlens\.memoryBudgetMb\)/);
    return true;
  });
  assert.equal((await h.inspect({ file: 'ok' })).file, 'ok');
  assert.equal(h.starts, 2);
  h.dispose();
});

test('the RSS watchdog stops a run whose process memory grows past the budget', async () => {
  let rss = 100e6;
  const { h } = host({ timeMs: 30_000, memoryMb: 200 }, { sampleRss: () => rss, sampleIntervalMs: 20 });
  const run = h.train({ file: 'slow', steps: 500 }, () => {
    rss += 20e6; // as if every step kept 20 MB of wasm memory
  });
  await assert.rejects(run, (e: unknown) => e instanceof EngineStoppedError && e.reason === 'memory');
  h.dispose();
});

test('a crashing worker rejects what is pending and restarts on the next request', async () => {
  const { h } = host();
  await assert.rejects(h.inspect({ file: 'crash' }), (e: unknown) => e instanceof EngineStoppedError && e.reason === 'crash' && /exit code 3/.test(e.message));
  assert.equal((await h.inspect({ file: 'ok' })).file, 'ok');
  h.dispose();
});

test('cancelling a training run stops it at the next step with a partial report', async () => {
  const { h } = host();
  const abort = new AbortController();
  const seen: number[] = [];
  const run = h.train({ file: 'slow', steps: 1000 }, (s) => {
    seen.push(s.step);
    if (s.step === 3) abort.abort();
  }, { signal: abort.signal });
  const report = await run;
  assert.ok(report.steps.length >= 3 && report.steps.length < 10, `stopped early: ${report.steps.length} steps`);
  assert.equal(h.starts, 1, 'no restart needed');
  h.dispose();
});

test('a run that ignores cancellation is terminated after the grace period', async () => {
  const { h } = host(undefined, { cancelGraceMs: 200 });
  const abort = new AbortController();
  setTimeout(() => abort.abort(), 100);
  await assert.rejects(h.train({ file: 'ignore-cancel', steps: 1000 }, () => undefined, { signal: abort.signal }),
    (e: unknown) => e instanceof EngineStoppedError && e.reason === 'cancelled');
  assert.equal(h.running, false);
  h.dispose();
});

test('after dispose every request is refused with a clear message', async () => {
  const { h } = host();
  await h.inspect({ file: 'ok' });
  h.dispose();
  await assert.rejects(h.inspect({ file: 'ok' }), /shutting down/);
});
