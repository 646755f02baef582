// The torch bindings against real PyTorch: each snippet in test/golden/bindings_snippets.json (written
// by test/golden/gen_bindings.py with PyTorch 2.13) runs in nnlens and must print the same text,
// numbers within 1e-4.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { runSource, initParser } from '../../src/python/index';
import { outputMismatch } from './compare_output';

interface Snippets {
  prelude: string;
  cases: Record<string, { source: string; stdout: string }>;
}
const golden = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'bindings_snippets.json'), 'utf8')) as Snippets;

describe('torch bindings: snippets vs PyTorch', () => {
  before(async () => {
    await initParser();
  });
  for (const [name, c] of Object.entries(golden.cases)) {
    test(name, async () => {
      let out = '';
      const r = await runSource(golden.prelude + c.source, { path: `/snippets/${name}.py`, stdout: (t) => (out += t), maxMs: 30_000 });
      assert.equal(r.traceback, null, `${name} raised:\n${r.traceback}\nstdout so far:\n${out}`);
      const diff = outputMismatch(out, c.stdout);
      assert.equal(diff, null, `${name}: ${diff}\n--- got ---\n${out}\n--- expected ---\n${c.stdout}`);
    });
  }
});
