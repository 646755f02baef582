// Both ends of the typed protocols without threads or VS Code: the worker's handler (one final reply
// per request, progress, errors, cancellation, malformed requests) and the host's validation of
// webview messages, plus the panel HTML's CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkerToHost } from '../../src/protocol/worker';
import { createWorkerHandler, type InspectorApi } from '../../src/worker/handler';
import { parseWebviewMessage } from '../../src/extension/webviewMessages';
import { contentSecurityPolicy, webviewHtml } from '../../src/extension/webviewHtml';
import { InputsStore, DEFAULT_TRAIN } from '../../src/extension/inputsStore';
import { lenet, lenetTrain } from './fixtures';

function harness(api: Partial<InspectorApi>) {
  const out: WorkerToHost[] = [];
  const full: InspectorApi = {
    inspect: async () => lenet(),
    train: async () => lenetTrain(),
    listModels: async () => ({ candidates: [], diagnostics: [] }),
    ...api,
  };
  const handle = createWorkerHandler(full, (m) => out.push(m));
  const settle = () => new Promise((r) => setTimeout(r, 10));
  return { out, handle, settle };
}

test('worker: each request gets one final reply with its id and the right type', async () => {
  const { out, handle, settle } = harness({});
  handle({ type: 'inspect', id: 1, request: { file: '/m.py' } });
  handle({ type: 'listModels', id: 2, file: '/m.py', source: '' });
  handle({ type: 'train', id: 3, request: { file: '/m.py' } });
  await settle();
  assert.deepEqual(out.map((m) => [m.type, 'id' in m ? m.id : null]).sort(), [['inspectResult', 1], ['models', 2], ['trainResult', 3]].sort());
});

test('worker: stdout and train steps stream before the result; thrown errors become error replies', async () => {
  const { out, handle, settle } = harness({
    inspect: async (_r, io) => {
      io?.stdout?.('built\n');
      throw new RangeError('bad dim');
    },
    train: async (_r, onStep) => {
      onStep({ step: 1, loss: 2.3, ms: 4 });
      onStep({ step: 2, loss: 2.1, ms: 4 });
      return lenetTrain();
    },
  });
  handle({ type: 'inspect', id: 7, request: { file: '/m.py' } });
  handle({ type: 'train', id: 8, request: { file: '/m.py' } });
  await settle();
  const seven = out.filter((m) => 'id' in m && m.id === 7);
  assert.deepEqual(seven.map((m) => m.type), ['stdout', 'error']);
  const err = seven[1] as Extract<WorkerToHost, { type: 'error' }>;
  assert.equal(err.error.name, 'RangeError');
  assert.equal(err.error.message, 'bad dim');
  assert.deepEqual(out.filter((m) => 'id' in m && m.id === 8).map((m) => m.type), ['trainStep', 'trainStep', 'trainResult']);
});

test('worker: cancel sets the flag the running train polls', async () => {
  let flag: { cancelled: boolean } | undefined;
  const { out, handle, settle } = harness({
    train: async (_r, _s, cancel) => {
      flag = cancel;
      while (!cancel?.cancelled) await new Promise((r) => setTimeout(r, 1));
      return lenetTrain();
    },
  });
  handle({ type: 'train', id: 4, request: { file: '/m.py' } });
  await settle();
  assert.equal(flag?.cancelled, false);
  handle({ type: 'cancel', id: 4 });
  await settle();
  assert.equal(flag?.cancelled, true);
  assert.equal(out.at(-1)?.type, 'trainResult');
});

test('worker: format without the inspector formatter, and malformed requests, answer with clear errors', async () => {
  const { out, handle, settle } = harness({});
  handle({ type: 'format', id: 5, report: lenet(), format: 'markdown' });
  handle({ type: 'inspect', id: 6 });
  handle('nonsense');
  await settle();
  const msgs = out.map((m) => (m.type === 'error' ? [m.id, m.error.message] : [m.type]));
  assert.deepEqual(msgs[0], [6, 'nnlens worker: malformed request {"type":"inspect","id":6}']);
  assert.deepEqual(msgs[1], [-1, 'nnlens worker: malformed request "nonsense"']);
  assert.deepEqual(msgs[2], [5, 'nnlens: the report formatter (formatReport) is not built yet']);
  const withFmt = harness({ formatReport: (r, f) => `${f} ${r.class}` });
  withFmt.handle({ type: 'format', id: 9, report: lenet(), format: 'text' });
  await withFmt.settle();
  assert.deepEqual(withFmt.out, [{ type: 'formatted', id: 9, text: 'text LeNet' }]);
});

test('host: well-formed webview messages pass, with only their known fields', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
  const inspect = { type: 'inspect', inputs: [{ shape: [1, 3, 32, 32], dtype: 'float32' }, { shape: [1, 5], dtype: 'int64', low: 0, high: 9 }], options: { mode: 'train', device: 'cpu', depth: 2, evil: 1 } };
  assert.deepEqual(parseWebviewMessage(inspect), { ...inspect, options: { mode: 'train', device: 'cpu', depth: 2 } });
  assert.deepEqual(parseWebviewMessage({ type: 'copy', format: 'markdown' }), { type: 'copy', format: 'markdown' });
  assert.deepEqual(parseWebviewMessage({ type: 'reveal', module: 'features.0' }), { type: 'reveal', module: 'features.0' });
  assert.deepEqual(parseWebviewMessage({ type: 'train', config: { ...DEFAULT_TRAIN, junk: true } }), { type: 'train', config: DEFAULT_TRAIN });
});

test('host: malformed or hostile webview messages are dropped', () => {
  const bad: unknown[] = [
    null, 'ready', { type: 'nope' }, { type: 'copy', format: 'html' },
    { type: 'inspect', inputs: [{ shape: [-1] }], options: { mode: 'eval', device: 'meta', depth: 0 } },
    { type: 'inspect', inputs: [{ shape: [1.5] }], options: { mode: 'eval', device: 'meta', depth: 0 } },
    { type: 'inspect', inputs: [{ shape: [1], dtype: 'complex' }], options: { mode: 'eval', device: 'meta', depth: 0 } },
    { type: 'inspect', inputs: [{ shape: [1], __proto__: { x: 1 }, extra: 'field' }], options: { mode: 'eval', device: 'meta', depth: 0 } },
    { type: 'inspect', inputs: [], options: { mode: 'eval', device: 'cuda', depth: 0 } },
    { type: 'inspect', inputs: Array.from({ length: 17 }, () => ({ shape: [1] })), options: { mode: 'eval', device: 'meta', depth: 0 } },
    { type: 'reveal', module: 42 },
    { type: 'train', config: { ...DEFAULT_TRAIN, steps: 0 } },
    { type: 'train', config: { ...DEFAULT_TRAIN, lr: -1 } },
    { type: 'train', config: { ...DEFAULT_TRAIN, optimizer: 'lbfgs' } },
  ];
  for (const m of bad) assert.equal(parseWebviewMessage(m), null, JSON.stringify(m));
});

test('panel HTML: strict CSP with a nonce, only the bundle script, the title escaped', () => {
  const html = webviewHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'N0nce', scriptUri: 'https://x.vscode-cdn.net/dist/webview.js', styleUri: 'https://x.vscode-cdn.net/media/webview.css', panel: 'inspector', title: 'nnlens: <img src=x onerror=alert(1)>' });
  const csp = contentSecurityPolicy('https://x.vscode-cdn.net', 'N0nce');
  assert.match(csp, /^default-src 'none'; script-src 'nonce-N0nce'; style-src https:\/\/x\.vscode-cdn\.net 'nonce-N0nce'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  assert.ok(html.includes(`content="${csp.replace(/'/g, '&#39;')}"`));
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, /<script nonce="N0nce" src="https:\/\/x\.vscode-cdn\.net\/dist\/webview\.js"><\/script>/);
  assert.match(html, /<title>nnlens: &lt;img src=x onerror=alert\(1\)&gt;<\/title>/);
  assert.match(html, /<body data-panel="inspector">/);
});

test('per-model settings: stored values are checked, defaults fill the rest', async () => {
  const map = new Map<string, unknown>();
  const store = new InputsStore({ get: <T>(k: string) => map.get(k) as T, update: async (k, v) => void map.set(k, v) });
  const defaults = { inputs: [{ shape: [1, 8] }], device: 'meta' as const };
  assert.deepEqual(store.get('/a.py', 'A', defaults), { inputs: [{ shape: [1, 8] }], options: { mode: 'eval', device: 'meta', depth: 0 }, train: DEFAULT_TRAIN });
  await store.update('/a.py', 'A', { inputs: [{ shape: [2, 3], dtype: 'int64', low: 0, high: 5 }], options: { mode: 'train', device: 'cpu', depth: 1 } }, defaults);
  assert.deepEqual(store.get('/a.py', 'A', defaults).inputs, [{ shape: [2, 3], dtype: 'int64', low: 0, high: 5 }]);
  assert.equal(store.get('/a.py', 'A', defaults).options.device, 'cpu');
  assert.deepEqual(store.get('/a.py', 'B', defaults).inputs, [{ shape: [1, 8] }], 'other models are separate');
  map.set('nnlens.model:/a.py#A', { inputs: [{ shape: 'garbage' }], options: null });
  assert.deepEqual(store.get('/a.py', 'A', defaults).inputs, [{ shape: [1, 8] }], 'corrupt state falls back');
});
