// The parser front end: tree-sitter-python loads under web-tree-sitter 0.27, broken files give
// diagnostics with 1-based ranges and still lower, classes are listed while the user types, and an
// incremental re-parse gives the same result as a fresh parse.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  createInterpreter, describeError, initParser, listClasses, listFunctions, parse, type ModuleNode, type PyDiagnostic,
} from '../../src/python/index';

before(() => initParser());

const brief = (ds: PyDiagnostic[]): string[] => ds.map((d) => `${d.code} ${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`);

/** The AST as comparable data: run-time caches dropped. */
function plain(m: ModuleNode): unknown {
  return JSON.parse(JSON.stringify(m, (k, v) => (k === 'cache' || k === 'sig' ? undefined : typeof v === 'bigint' ? `${v}n` : v)));
}

const model = `import torch
import torch.nn as nn


class Block(nn.Module):
    """A block."""

    def __init__(self, dim: int, hidden: int = 4 * 64) -> None:
        super().__init__()
        self.fc = nn.Linear(dim, hidden)

    def forward(self, x):
        return self.fc(x)


@some.decorator(1)
class Net(torch.nn.Module, metaclass=Meta):
    class Inner:
        def helper(self):
            pass

    def forward(self, x, *args, scale=1.0, **kwargs):
        return x


def make_model(cfg):
    return Net()


if __name__ == "__main__":
    def main():
        pass
`;

describe('parse', () => {
  test('a valid file lowers without diagnostics', () => {
    const r = parse(model);
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.hasSyntaxErrors, false);
    assert.deepEqual(r.module.body.map((s) => s.kind), ['Import', 'Import', 'ClassDef', 'ClassDef', 'FunctionDef', 'If']);
    assert.equal(r.module.body[2].line, 5);
  });

  test('syntax errors become diagnostics with 1-based ranges', () => {
    const src = 'import torch\n\nx = foo(1,\ny = = 2\n';
    assert.deepEqual(brief(parse(src).diagnostics), ["syntax 3:8-3:9 '(' was never closed"]);
    assert.deepEqual(brief(parse('x = = 2\n').diagnostics), ["syntax 1:5-1:6 invalid syntax: unexpected '='"]);
    assert.deepEqual(brief(parse('def f(x)\n    return x\n').diagnostics), ["syntax 1:9-1:10 invalid syntax: expected ':'"]);
    assert.deepEqual(brief(parse('s = "é"; t = (1,\n').diagnostics), ["syntax 1:14-1:15 '(' was never closed"]);
  });

  test('errors Python reports at compile time are diagnostics too', () => {
    const cases: [string, string][] = [
      ['return 1\n', "syntax 1:1-1:9 'return' outside function"],
      ['break\n', "syntax 1:1-1:6 'break' outside loop"],
      ['def f(a, a):\n    pass\n', "syntax 1:10-1:11 duplicate argument 'a' in function definition"],
      ['def f(a=1, b):\n    pass\n', 'syntax 1:12-1:13 non-default argument follows default argument'],
      ['f(a=1, 2)\n', 'syntax 1:8-1:9 positional argument follows keyword argument'],
      ['nonlocal x\n', 'syntax 1:1-1:11 nonlocal declaration not allowed at module level'],
      ['x = 0777\n', 'syntax 1:5-1:9 leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers'],
    ];
    for (const [src, expected] of cases) assert.deepEqual(brief(parse(src).diagnostics), [expected], src);
  });

  test('unsupported constructs are warnings with position and a hint, and raise only when run', async () => {
    const src = 'async def fetch():\n    await thing()\nmatch x:\n    case 1:\n        pass\nb = b"raw"\nprint "old"\nz = 1j\n';
    const ds = parse(src).diagnostics;
    assert.ok(ds.every((d) => d.severity === 'warning' && d.code === 'unsupported'));
    assert.deepEqual(ds.map((d) => [d.line, d.column]), [[1, 11], [2, 5], [3, 1], [6, 5], [7, 1], [8, 5]]);
    assert.match(ds[0].message, /^async functions are not supported by nnlens \(line 1, column 11\); nnlens runs synchronous code only/);
    assert.match(ds[2].message, /^match statements are not supported by nnlens \(line 3, column 1\); rewrite it as if\/elif$/);
    const interp = await createInterpreter({ stdout: () => {} });
    interp.runSource('async def fetch():\n    pass\nprint("defined fine")\n');
    try {
      interp.runSource('async def fetch():\n    pass\nfetch()\n');
      assert.fail('expected NotImplementedError');
    } catch (e) {
      const r = describeError(e);
      assert.equal(r.type, 'NotImplementedError');
      assert.equal(r.message, 'fetch() is an async function, which nnlens does not run');
      assert.equal(r.location?.line, 3);
    }
  });

  test('running a file with a syntax error raises SyntaxError at its line', async () => {
    const interp = await createInterpreter({});
    assert.throws(() => interp.runSource('x = 1\ny = (2,\n', { path: '/ws/bad.py' }), (e: unknown) => {
      const r = describeError(e);
      return r.type === 'SyntaxError' && r.message === "'(' was never closed (bad.py, line 2)" && r.location?.line === 2;
    });
  });
});

describe('listing', () => {
  test('classes with dotted bases, nested classes and methods with ranges', () => {
    const classes = listClasses(parse(model));
    assert.deepEqual(classes.map((c) => [c.qualname, c.bases, c.methods.map((m) => m.name), c.recovered]), [
      ['Block', ['nn.Module'], ['__init__', 'forward'], false],
      ['Net', ['torch.nn.Module'], ['forward'], false],
      ['Net.Inner', [], ['helper'], false],
    ]);
    const block = classes[0];
    assert.deepEqual(block.nameRange, { line: 5, column: 7, endLine: 5, endColumn: 12 });
    assert.deepEqual([block.range.line, block.range.endLine], [5, 13]);
    assert.deepEqual(block.methods[0].params, ['self', 'dim', 'hidden']);
    assert.deepEqual(block.methods[0].nameRange, { line: 8, column: 9, endLine: 8, endColumn: 17 });
    assert.deepEqual(classes[1].decorators, ['some.decorator(1)']);
    assert.equal(classes[1].range.line, 16, 'a decorated class starts at its first decorator');
    assert.deepEqual(classes[1].methods[0].params, ['self', 'x', '*args', 'scale', '**kwargs']);
  });

  test('module-level functions, including under if __name__ == "__main__"', () => {
    assert.deepEqual(listFunctions(parse(model)).map((f) => [f.name, f.nameRange.line]), [['make_model', 26], ['main', 31]]);
  });

  test('classes are listed from a file with a syntax error', () => {
    const src = [
      'import torch.nn as nn', '', 'class Net(nn.Module):', '    def __init__(self):', '        super().__init__()',
      '        self.fc = nn.Linear(3,', '', '    def forward(self, x):', '        return self.fc(x)', '',
      'class Other(Net, nn.Module):', '    def f(self):', '        x = = 2', '        return x', '',
      'class Last:', '    def g(self):', '        pass', '',
    ].join('\n');
    const r = parse(src);
    assert.ok(r.hasSyntaxErrors);
    const classes = listClasses(r);
    assert.deepEqual(classes.map((c) => [c.name, c.bases, c.methods.map((m) => m.name)]), [
      ['Net', ['nn.Module'], ['__init__', 'forward']],
      ['Other', ['Net', 'nn.Module'], ['f']],
      ['Last', [], ['g']],
    ]);
    assert.deepEqual(classes.map((c) => c.nameRange.line), [3, 11, 16]);
    assert.ok(classes[0].range.endLine < 11, 'Net ends before Other starts');
  });
});

describe('incremental parsing', () => {
  test('an edit re-parses to the same AST, diagnostics and listing as a fresh parse', () => {
    const edits: [number, string, number][] = [];
    const at = model.indexOf('    def forward(self, x):\n        return self.fc(x)');
    edits.push([at, '    def extra(self):\n        return 1\n\n', 0]);
    const net = model.indexOf('def make_model');
    edits.push([net, 'x = (\n', 0]);
    const cfg = model.indexOf('cfg):');
    edits.push([cfg, 'config', 3]);
    for (const [index, insert, remove] of edits) {
      const before = parse(model);
      const text = model.slice(0, index) + insert + model.slice(index + remove);
      const incremental = parse(text, before, { startIndex: index, oldEndIndex: index + remove, newEndIndex: index + insert.length });
      const fresh = parse(text);
      assert.deepEqual(plain(incremental.module), plain(fresh.module), `AST after inserting ${JSON.stringify(insert)}`);
      assert.deepEqual(incremental.diagnostics, fresh.diagnostics);
      assert.deepEqual(listClasses(incremental), listClasses(fresh));
    }
  });

  test('the edit is worked out from the two texts when not given', () => {
    const a = parse(model);
    const text = model.replace('hidden: int = 4 * 64', 'hidden: int = 8');
    const b = parse(text, a);
    assert.deepEqual(plain(b.module), plain(parse(text).module));
  });

  test('statements outside the edit keep their lowered AST', () => {
    const a = parse(model);
    const first = a.module.body[2];
    const b = parse(model.replace('def make_model(cfg):', 'def make_model(cfg, n=1):'), a);
    assert.equal(b.module.body[2], first, 'Block before the edit is reused as is');
  });

  test('a 2,000-line file parses, and re-parses after a one-line edit, in interactive time', () => {
    let big = '';
    for (let i = 0; big.split('\n').length < 2000; i++) big += model.replace(/class (\w+)/g, `class $1${i}`).replace('def make_model', `def make_model${i}`);
    for (let i = 0; i < 3; i++) parse(big).dispose();
    const t0 = performance.now();
    const full = parse(big);
    const fullMs = performance.now() - t0;
    const at = big.lastIndexOf('return x');
    const edited = `${big.slice(0, at)}return x * 2${big.slice(at + 'return x'.length)}`;
    const t1 = performance.now();
    const re = parse(edited, full);
    const reMs = performance.now() - t1;
    assert.equal(re.diagnostics.length, 0);
    console.log(`# 2,000-line parse ${fullMs.toFixed(1)} ms (tree-sitter ${full.timing.parseMs.toFixed(1)}), incremental re-parse ${reMs.toFixed(1)} ms`);
    assert.ok(fullMs < 1000 && reMs < fullMs, `full ${fullMs} ms, incremental ${reMs} ms`);
  });
});
