// Table-driven interpreter tests: every snippet in test/python/cases/*.py runs in nnlens and must
// print what CPython 3.11 printed and end with the same exception (type, message, line), as recorded
// in expectations.json by gen_expectations.py. Directives (`# nnlens: ...` lines in a case) relax a
// comparison where nnlens documents a difference:
//   message-prefix  the exception message must start with CPython's (nnlens adds a hint)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { createInterpreter, describeError, initParser, memoryFiles } from '../../src/python/index';

interface Case {
  group: string;
  name: string;
  files: Record<string, string>;
  directives: string[];
  stdout: string;
  error: { type: string; message: string; line: number | null; file: string | null } | null;
}

const expectations = JSON.parse(readFileSync(join(__dirname, 'expectations.json'), 'utf8')) as { cases: Case[] };
const ROOT = '/ws';

async function run(c: Case): Promise<{ stdout: string; error: Case['error'] }> {
  const files: Record<string, string> = {};
  for (const [rel, text] of Object.entries(c.files)) files[join(ROOT, rel)] = text;
  let stdout = '';
  const interp = await createInterpreter({
    files: memoryFiles(files), sysPath: [ROOT], stdout: (t) => (stdout += t), stderr: () => {}, maxMs: 20_000,
  });
  try {
    interp.runFile(join(ROOT, 'main.py'));
    return { stdout, error: null };
  } catch (e) {
    const r = describeError(e);
    const loc = r.location;
    return {
      stdout,
      error: { type: r.type, message: r.message, line: loc ? loc.line : null, file: loc ? loc.file.slice(ROOT.length + 1) : null },
    };
  }
}

before(() => initParser());

const groups = [...new Set(expectations.cases.map((c) => c.group))];
for (const group of groups) {
  describe(`python: ${group}`, () => {
    for (const c of expectations.cases.filter((x) => x.group === group)) {
      test(c.name, async () => {
        const got = await run(c);
        assert.equal(got.stdout, c.stdout, 'stdout differs from CPython');
        if (c.error === null) {
          assert.equal(got.error, null, `CPython ran cleanly, nnlens raised ${got.error?.type}: ${got.error?.message}`);
          return;
        }
        assert.ok(got.error, `CPython raised ${c.error.type}: ${c.error.message}; nnlens raised nothing`);
        assert.equal(got.error.type, c.error.type, `exception type (message: ${got.error.message})`);
        if (c.directives.includes('message-prefix')) assert.ok(got.error.message.startsWith(c.error.message), got.error.message);
        else assert.equal(got.error.message, c.error.message);
        assert.equal(got.error.line, c.error.line, 'line of the innermost frame in the user files');
        assert.equal(got.error.file, c.error.file, 'file of the innermost frame');
      });
    }
  });
}
