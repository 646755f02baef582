// Builds every bundle with esbuild: the extension host bundle, the engine worker, the CLI and the
// webview, and copies the wasm files (tfjs kernels, tree-sitter) next to them so they load at run time.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, chmodSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const out = join(root, 'dist');
const watch = process.argv.includes('--watch');
mkdirSync(out, { recursive: true });

const wasmFiles = [
  ['@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm', 'tfjs-backend-wasm.wasm'],
  ['@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-simd.wasm'],
  ['@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'],
  ['web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-python.wasm'],
];
for (const [from, to] of wasmFiles) copyFileSync(require.resolve(from), join(out, to));

const importMetaShim = 'var __nnlensImportMetaUrl = require("url").pathToFileURL(__filename).href;';
const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // tfjs-node is an optional native accelerator: loaded with require() at run time when present.
  external: ['vscode', '@tensorflow/tfjs-node'],
  // web-tree-sitter's emscripten loader reads import.meta.url, which a CommonJS bundle leaves empty.
  define: { 'process.env.NNLENS_BUNDLED': '"1"', 'import.meta.url': '__nnlensImportMetaUrl' },
  banner: { js: importMetaShim },
};
const builds = [
  { ...node, entryPoints: [join(root, 'src/extension/extension.ts')], outfile: join(out, 'extension.js') },
  { ...node, entryPoints: [join(root, 'src/worker/main.ts')], outfile: join(out, 'worker.js') },
  { ...node, entryPoints: [join(root, 'src/cli/main.ts')], outfile: join(out, 'cli.js'), banner: { js: `#!/usr/bin/env node\n${importMetaShim}` } },
  {
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: true, logLevel: 'warning',
    entryPoints: [join(root, 'webview/main.ts')], outfile: join(out, 'webview.js'),
    loader: { '.css': 'text' },
  },
].filter((b) => existsSync(b.entryPoints[0]));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (existsSync(join(out, 'cli.js'))) chmodSync(join(out, 'cli.js'), 0o755);
}
