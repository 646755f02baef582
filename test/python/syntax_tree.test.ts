// The plain-JS tree copy the lowering reads (syntax-tree.ts) matches web-tree-sitter's own Node tree
// node for node: type, named-ness, range, field names and children — on every .py fixture, on
// f-strings and odd spacing (where token positions are inferred), and on files with syntax errors.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { initParser } from '../../src/python/index';
import { getParser } from '../../src/python/parse/wasm';
import { copySubtree, languageTable, type SyntaxNode } from '../../src/python/parse/syntax-tree';
import { openWalker } from '../../src/python/parse/walker';

before(() => initParser());

const TOKENS = new Set(['identifier', 'integer', 'float', 'comment', 'true', 'false', 'none', 'string_start', 'string_content', 'string_end', 'escape_sequence', 'type_conversion', 'line_continuation', 'escape_interpolation', 'keyword_identifier']);

function compare(a: SyntaxNode, b: Node, path: string): void {
  const where = `${path}/${b.type}@${b.startIndex}`;
  assert.equal(a.type, b.type, where);
  assert.equal(a.isNamed, b.isNamed, `${where} isNamed`);
  assert.equal(a.startIndex, b.startIndex, `${where} start`);
  assert.equal(a.endIndex, b.endIndex, `${where} end`);
  // Anonymous nodes and named tokens are not descended into (the lowering reads them by type/text).
  if (!b.isNamed || TOKENS.has(b.type)) return;
  assert.equal(a.childCount, b.childCount, `${where} childCount`);
  for (let i = 0; i < b.childCount; i++) {
    assert.equal(a.fieldNameForChild(i), b.fieldNameForChild(i), `${where} field ${i}`);
    compare(a.child(i)!, b.child(i)!, where);
  }
  for (const f of ['name', 'body', 'left', 'right', 'value', 'function', 'arguments', 'operator', 'condition']) {
    if (!a.hasFields) break;
    assert.equal(a.childForFieldName(f)?.startIndex ?? null, b.childForFieldName(f)?.startIndex ?? null, `${where} .${f}`);
  }
}

/** Both walkers: the direct wasm-export one parse() uses and the public TreeCursor fallback. */
function check(source: string, label: string): void {
  const tree = getParser().parse(source)!;
  try {
    const table = languageTable(tree.language);
    // Asked before the walk: any other web-tree-sitter call overwrites the fast walker's cursor.
    const hasError = tree.rootNode.hasError;
    for (const portable of [false, true]) {
      const walker = openWalker(tree, portable);
      const copy = copySubtree(walker, table, source, hasError);
      walker.done();
      compare(copy, tree.rootNode, `${label}${portable ? ' (portable)' : ''}`);
    }
  } finally {
    tree.delete();
  }
}

const roots = [join(__dirname, '..', 'models'), join(__dirname, 'cases')];
const files = roots.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.py')).map((f) => join(d, f)));

test('the copy matches the wasm tree on every .py fixture', () => {
  assert.ok(files.length > 20);
  for (const f of files) check(readFileSync(f, 'utf8'), f);
});

test('the copy matches on f-strings, odd spacing, unicode and line continuations', () => {
  check([
    'x = f"{a!r:>{w}} {b=} {c:{{}} {{lit}} {d :>10}"',
    "y = f'{x:}}' if a  not   in b else c is  not d",
    's = "é😀" + f"{ \'ü\' }"; t = (1 ,2 ,\t3 ,)',
    'z = a \\',
    '    + b  # comment',
    'def f(a, /, b=1, *, c: int = 2, **kw) -> "T": return lambda q=1: q',
    'class C(B, metaclass=M):',
    '    @property',
    '    def p(self): yield from (i  for i in range(3) if i)',
    'print(*a, **{"k": 1}, sep="")',
    'w = [*a, {**b}, {1, 2}, a[1:2:3, ...], not x, -y ** 2, a @ b, a // b, a if b else c]',
  ].join('\n') + '\n', 'inline');
});

test('parse() walks with the direct wasm exports (the fast path is not silently lost)', () => {
  const tree = getParser().parse('x = 1\n')!;
  const walker = openWalker(tree);
  assert.equal(walker.constructor.name, 'FastWalker');
  walker.done();
  tree.delete();
});

test('the copy matches on files with syntax errors (MISSING and ERROR nodes)', () => {
  check('def f(x)\n    return x\nclass A(:\n  pass\ny = (1, 2\nz = [3\n', 'errors');
  check('if x\n  a = 1\nfoo(1 2)\n', 'errors2');
});
