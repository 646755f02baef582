// Inspector diagnostics → editor squiggles: 1-based positions to 0-based ranges, the traceback as
// related information, several runs merged per file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupByFile, toEditorDiagnostic, toRange0 } from '../../src/extension/diagnosticsModel';
import { broken, hostile } from './fixtures';

test('the error lands on its exact line and columns, with the traceback as related information', () => {
  const d = toEditorDiagnostic(broken().diagnostics[0]);
  assert.deepEqual(d.range, { startLine: 13, startColumn: 15, endLine: 13, endColumn: 32 });
  assert.equal(d.severity, 'error');
  assert.match(d.message, /mat1 and mat2 shapes cannot be multiplied \(1x64 and 128x10\)/);
  assert.deepEqual(d.related.map((r) => [r.file, r.range.startLine, r.message]), [
    ['/workspace/models/broken.py', 19, 'in <module>'],
    ['/workspace/models/broken.py', 13, 'in forward'],
  ]);
});

test('an empty range widens to the rest of the line so the squiggle shows', () => {
  const r = toRange0(5, 3, 5, 3);
  assert.equal(r.startLine, 4);
  assert.equal(r.startColumn, 2);
  assert.equal(r.endLine, 4);
  assert.ok(r.endColumn > 1000);
});

test('diagnostics of several runs group by file without duplicates', () => {
  const a = broken().diagnostics;
  const b = hostile().diagnostics;
  const byFile = groupByFile([a, b, a]);
  assert.deepEqual([...byFile.keys()], ['/workspace/models/broken.py', '/workspace/models/evil.py']);
  assert.equal(byFile.get('/workspace/models/broken.py')!.length, 1);
  assert.equal(byFile.get('/workspace/models/evil.py')![0].severity, 'warning');
  assert.equal(groupByFile([]).size, 0);
});
