// The parse cache the worker relies on for warm re-runs: unchanged text reuses its parse, an edited
// text is re-parsed (incrementally) to the same AST a fresh parse gives, and imported files follow
// their current text while each interpreter still runs them in a fresh module.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  clearParseCache, createInterpreter, initParser, memoryFiles, parse, parseExpression, parseFile, type FileProvider,
} from '../../src/python/index';

before(async () => {
  await initParser();
  clearParseCache();
});

const SRC = 'import math\n\nclass A:\n    x = 1\n\ndef f(a, b=2):\n    return a + b\n\nY = f(1)\n';

/** The top-level statements' kinds and line ranges (a readable first check before the whole AST). */
const shape = (src: string, r = parse(src)) => r.module.body.map((s) => [s.kind, s.line, s.endLine]);

test('the same text of the same path gives the same result; another text of it gives the fresh parse of that text', () => {
  const a = parseFile('/ws/m.py', SRC);
  assert.equal(parseFile('/ws/m.py', SRC), a);
  const edits = [
    SRC.replace('x = 1', 'x = 12345'),
    `# added\n# lines\n${SRC}`,
    SRC.replace('Y = f(1)\n', ''),
    SRC.replace('def f(a, b=2):', 'def f(a, b=2, c=3):\n    """doc"""'),
    'def broken(:\n',
  ];
  for (const text of edits) {
    const r = parseFile('/ws/m.py', text);
    assert.equal(r.source, text);
    assert.deepEqual(shape(text, r), shape(text), text);
    assert.deepEqual(r.module, parse(text).module, `the whole AST after editing to ${JSON.stringify(text)}`);
    assert.equal(r.hasSyntaxErrors, parse(text).hasSyntaxErrors);
  }
  // Another path with the same text is its own entry.
  assert.notEqual(parseFile('/ws/other.py', SRC), parseFile('/ws/m.py', SRC));
});

test('expressions are parsed once per text', () => {
  assert.equal(parseExpression('Net(3)'), parseExpression('Net(3)'));
  assert.notEqual(parseExpression('Net(3)'), parseExpression('Net(4)'));
});

test('an imported file edited between runs is run from its new text, in a fresh module each time', async () => {
  const texts: Record<string, string> = { '/ws/main.py': '', '/ws/helper.py': 'WIDTH = 1\nSEEN = []\n' };
  const mem = memoryFiles(texts);
  const files: FileProvider = { ...mem, readFile: (p) => texts[p] };
  const run = async () => {
    let out = '';
    const interp = await createInterpreter({ files, sysPath: ['/ws'], stdout: (t) => (out += t) });
    interp.runSource('import helper\nhelper.SEEN.append(1)\nprint(helper.WIDTH, len(helper.SEEN))\n', { path: '/ws/main.py' });
    return out;
  };
  assert.equal(await run(), '1 1\n');
  assert.equal(await run(), '1 1\n', 'the second run does not see the first run\'s list');
  texts['/ws/helper.py'] = '# moved down\nWIDTH = 2\nSEEN = []\n';
  assert.equal(await run(), '2 1\n');
});
