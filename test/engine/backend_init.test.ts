// Backend start-up and memory: which backend starts (NNLENS_BACKEND, tfjs-node absent → wasm, lazy cpu
// before init), where the wasm binaries are found (node_modules from sources, next to an esbuild
// bundle), that emscripten's process handlers are removed, and that no tfjs tensor or wasm heap leaks.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import * as B from '../../src/engine/backend/index';
import { run } from '../../src/engine/backend/init';
import { setConvStrategy } from '../../src/engine/backend/conv';
import { rand } from './backend_reference';

const root = resolve(__dirname, '../..');
const backendIndex = join(root, 'src/engine/backend/index.ts');

/** Runs a TypeScript snippet in a fresh Node process (fresh tfjs state); returns its stdout lines. */
function runFresh(body: string, env: Record<string, string> = {}): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'nnlens-backend-'));
  try {
    const file = join(dir, 'main.ts');
    writeFileSync(file, `import * as B from ${JSON.stringify(backendIndex)};\n(async () => {\n${body}\n})().catch((e) => { console.log('ERROR ' + e.message); });\n`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', env: { ...process.env, NNLENS_BACKEND: '', ...env }, timeout: 60000 });
    assert.equal(r.status, 0, `child failed: ${r.stderr}`);
    return r.stdout.trim().split('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('backend start-up', () => {
  it('runs kernels on cpu before init, and during a pending init, then switches to wasm', () => {
    const out = runFresh(`
      const a = new Float32Array(40 * 40).fill(0.5);
      const before = B.matmul(a, a, 1, 40, 40, 40);
      console.log(B.backendName(), B.backendInfo().lazyCpu);
      const pending = B.initBackend();
      const during = B.matmul(a, a, 1, 40, 40, 40);
      console.log(B.backendName(), during[0] === before[0]);
      console.log(await pending, B.backendName(), B.matmul(a, a, 1, 40, 40, 40)[0] === before[0]);
    `);
    assert.deepEqual(out, ['cpu true', 'cpu true', 'wasm wasm true']);
  });
  it('starts wasm (SIMD) from node_modules when tfjs-node is absent, silently', () => {
    const out = runFresh(`
      const listeners = process.listeners('uncaughtException').length + process.listeners('unhandledRejection').length;
      console.log(await B.initBackend());
      const info = B.backendInfo();
      console.log(info.wasmFile.endsWith('node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'), info.fallbackReasons.length);
      console.log(process.listeners('uncaughtException').length + process.listeners('unhandledRejection').length === listeners);
    `);
    assert.deepEqual(out, ['wasm', 'true 0', 'true']);
  });
  it('honours NNLENS_BACKEND, falls back from an absent tfjs-node, and rejects unknown names', async () => {
    const saved = process.env.NNLENS_BACKEND;
    try {
      process.env.NNLENS_BACKEND = 'cpu';
      assert.equal(await B.initBackend(), 'cpu');
      assert.equal(B.backendName(), 'cpu');
      process.env.NNLENS_BACKEND = 'tensorflow';
      assert.equal(await B.initBackend(), 'wasm');
      assert.match(B.backendInfo().fallbackReasons.join(' | '), /^tensorflow: @tensorflow\/tfjs-node did not load/);
      process.env.NNLENS_BACKEND = 'gpu';
      await assert.rejects(B.initBackend(), (e: unknown) =>
        e instanceof B.BackendError && e.message === "initBackend: NNLENS_BACKEND must be one of wasm, cpu, tensorflow, got 'gpu'");
      process.env.NNLENS_BACKEND = 'wasm';
      assert.equal(await B.initBackend({ backend: 'cpu' }), 'cpu', 'an explicit option wins over the environment');
    } finally {
      if (saved === undefined) delete process.env.NNLENS_BACKEND;
      else process.env.NNLENS_BACKEND = saved;
      await B.initBackend({ backend: 'wasm' });
    }
  });
  it('prefers a wasmDir that holds the binaries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnlens-wasm-'));
    try {
      for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
        copyFileSync(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist', f), join(dir, f));
      }
      assert.equal(B.findWasmDir(dir), dir);
      assert.match(B.findWasmDir(join(dir, 'missing')), /node_modules\/@tensorflow\/tfjs-backend-wasm\/dist$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a CJS esbuild bundle finds the wasm files next to itself, and falls back to cpu without them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnlens-bundle-'));
    try {
      const entry = join(dir, 'entry.ts');
      writeFileSync(entry, `import * as B from ${JSON.stringify(backendIndex)};
        B.initBackend().then((name) => {
          const a = new Float32Array(64 * 64).fill(1);
          console.log(name, B.backendInfo().wasmFile ?? B.backendInfo().fallbackReasons.join(' | '), B.matmul(a, a, 1, 64, 64, 64)[0]);
        });`);
      // The same options as scripts/build.mjs uses for the worker and CLI bundles.
      await esbuild.build({
        entryPoints: [entry], outfile: join(dir, 'out/bundle.js'), bundle: true, platform: 'node', format: 'cjs',
        target: 'node20', logLevel: 'silent', external: ['vscode', '@tensorflow/tfjs-node'],
      });
      const runBundle = () => spawnSync(process.execPath, [join(dir, 'out/bundle.js')], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      const without = runBundle();
      assert.equal(without.status, 0, without.stderr);
      assert.match(without.stdout.trim(), /^cpu tensorflow: .*wasm: tfjs-backend-wasm\*\.wasm not found in .*out 64$/);
      for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
        copyFileSync(join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist', f), join(dir, 'out', f));
      }
      const withFiles = runBundle();
      assert.equal(withFiles.status, 0, withFiles.stderr);
      assert.equal(withFiles.stdout.trim(), `wasm ${join(dir, 'out/tfjs-backend-wasm-simd.wasm')} 64`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('backend memory', () => {
  before(async () => {
    await B.initBackend({ backend: 'wasm' });
  });
  const p2 = (s: number, pad: number, d: number, groups = 1) => ({ stride: [s, s], padding: [pad, pad, pad, pad], dilation: [d, d], groups });
  /** One call of every tfjs-using path. */
  function everyPath(): void {
    const a = rand(48 * 48 * 4, 1);
    B.matmul(a, a, 1, 96, 96, 96, true, true);
    B.matmul(a, a.subarray(0, 48 * 48), 4, 48, 48, 48);
    B.matmul(a.subarray(0, 48 * 48), a, 4, 48, 48, 48);
    B.matmul(a, a, 4, 48, 48, 48);
    B.matmul(a.subarray(0, 8 * 8 * 8), a.subarray(0, 8 * 8 * 8), 8, 8, 8, 8);
    const x = rand(2 * 4 * 9 * 9, 2);
    const xs = [2, 4, 9, 9];
    for (const [w, ws, p] of [
      [rand(6 * 4 * 9, 3), [6, 4, 3, 3], p2(1, 1, 1)],
      [rand(8 * 9, 3), [8, 1, 3, 3], p2(1, 1, 1, 4)],
      [rand(6 * 2 * 9, 3), [6, 2, 3, 3], p2(1, 1, 1, 2)],
      [rand(6 * 4 * 9, 3), [6, 4, 3, 3], p2(2, 1, 2)],
    ] as const) {
      const y = B.conv2d(x, xs, w, [...ws], p);
      B.conv2dBackwardInput(y.data, y.shape, w, [...ws], xs, p);
      B.conv2dBackwardWeight(x, xs, y.data, y.shape, [...ws], p);
    }
    const x3 = rand(2 * 2 * 5 * 5 * 5, 4);
    B.conv3d(x3, [2, 2, 5, 5, 5], rand(3 * 2 * 27, 5), [3, 2, 3, 3, 3], { stride: [1, 1, 1], padding: [1, 1, 1, 1, 1, 1], dilation: [1, 1, 1], groups: 1 });
    B.unary('gelu', rand(10000, 6));
  }
  it('leaves no live tfjs tensor behind and does not grow the wasm heap', () => {
    const prev = setConvStrategy('tfjs');
    everyPath();
    setConvStrategy('im2col');
    everyPath();
    const start = B.memory();
    assert.equal(start.numTensors, 0);
    assert.equal(start.numBytes, 0);
    for (let i = 0; i < 30; i++) {
      setConvStrategy(i % 2 ? 'tfjs' : 'im2col');
      everyPath();
    }
    setConvStrategy(prev);
    const end = B.memory();
    assert.equal(end.numTensors, 0);
    assert.equal(end.numBytes, 0);
    assert.ok(start.wasmHeapBytes > 0);
    assert.equal(end.wasmHeapBytes, start.wasmHeapBytes, 'wasm heap grew');
  });
  it('disposes tensors of a kernel body that throws, and wraps the error', () => {
    const before = B.memory();
    assert.throws(() => run('fakeKernel', () => 'x [2, 2]', (tf) => {
      tf.add(tf.tensor1d([1, 2]), 1);
      throw new TypeError('boom');
    }), (e: unknown) => {
      assert.ok(e instanceof B.BackendError);
      assert.equal(e.message, 'fakeKernel: failed inside tfjs (a bug in nnlens) on the wasm backend for x [2, 2]');
      assert.ok((e as { cause?: unknown }).cause instanceof TypeError);
      return true;
    });
    assert.deepEqual(B.memory(), before);
  });
});
