// Runs the end-to-end suite in desktop VS Code through @vscode/test-electron (`npm run test:electron`).
// It downloads VS Code 1.100 into .vscode-test/ on first use, so it needs access to
// update.code.visualstudio.com; where that is blocked, test/e2e/vscode.test.ts (code-server) covers
// the same ground. Set NNLENS_VSCODE_EXECUTABLE to use an installed VS Code instead of downloading.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { ROOT } from '../webview/harness';

async function main(): Promise<void> {
  const out = join(ROOT, '.vscode-test', 'suite.js');
  await esbuild.build({ entryPoints: [join(ROOT, 'test', 'electron', 'suite.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] });
  const workspace = join(mkdtempSync(join(tmpdir(), 'nnlens-electron-')), 'models');
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  await runTests({
    version: '1.100.3',
    vscodeExecutablePath: process.env.NNLENS_VSCODE_EXECUTABLE,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: out,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
