// The sandbox and the budgets: no file system, processes, network or environment; unknown packages
// fail at import (or bind a placeholder when asked); endless loops end with the budget error that
// `except` cannot swallow; deep recursion is a RecursionError; definitions mode skips statements;
// print goes to the caller's sinks.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  BudgetExceededError, PyException, createInterpreter, describeError, initParser, memoryFiles, type InterpreterOptions,
  type Stmt,
} from '../../src/python/index';

async function outcome(source: string, options: InterpreterOptions = {}): Promise<{ out: string; err: string; error: ReturnType<typeof describeError> | null; thrown: unknown }> {
  let out = '';
  let err = '';
  const interp = await createInterpreter({ stdout: (t) => (out += t), stderr: (t) => (err += t), ...options });
  try {
    interp.runSource(source, { path: '/ws/model.py' });
    return { out, err, error: null, thrown: null };
  } catch (e) {
    return { out, err, error: describeError(e), thrown: e };
  }
}

before(() => initParser());

describe('sandbox', () => {
  const refusals: [string, RegExp][] = [
    ['open("data.txt")', /^open\(\) is not available in nnlens: model files run without access to the file system/],
    ['import os\nos.listdir(".")', /^os\.listdir\(\) is not available in nnlens/],
    ['import os\nos.system("ls")', /^os\.system\(\) is not available in nnlens/],
    ['import os\nos.getcwd()', /^os\.getcwd\(\) is not available in nnlens/],
    ['import sys\nsys.exit(0)', /^sys\.exit\(\) is not available in nnlens: a model file cannot end the process/],
    ['import subprocess\nsubprocess.run(["ls"])', /^subprocess\.run\(\) is not available in nnlens: the sandbox cannot start processes/],
    ['import socket\nsocket.socket()', /^socket\.socket\(\) is not available in nnlens: the sandbox has no network/],
    ['eval("1 + 1")', /^eval\(\) is not available in nnlens: the sandbox does not run code built from strings/],
    ['exec("x = 1")', /^exec\(\) is not available in nnlens/],
    ['input()', /^input\(\) is not available in nnlens/],
  ];
  for (const [src, message] of refusals) {
    test(`refuses: ${src.split('\n').pop()}`, async () => {
      const r = await outcome(src);
      assert.equal(r.error?.type, 'PermissionError');
      assert.match(r.error!.message, message);
      assert.equal(r.error!.location?.line, src.split('\n').length);
    });
  }

  test('importing refused modules succeeds, so files that only import them still load', async () => {
    const r = await outcome('import os, sys, subprocess, socket, shutil\nprint(os.path.join("a", "b"), os.environ.get("HOME", "no env"), os.getenv("PATH"), sys.platform)');
    assert.equal(r.error, null);
    assert.equal(r.out, 'a/b no env None linux\n');
  });

  test('os.path sees files only through the FileProvider', async () => {
    const files = memoryFiles({ '/ws/model.py': '', '/ws/data/x.txt': 'hi' });
    const r = await outcome('import os\nprint(os.path.exists("/ws/data/x.txt"), os.path.isdir("/ws/data"), os.path.exists("/etc/passwd"))', { files });
    assert.equal(r.out, 'True True False\n');
  });

  test('an unknown package is ModuleNotFoundError with a hint; __import__ of it too', async () => {
    const r = await outcome('import numpy as np');
    assert.equal(r.error?.type, 'ModuleNotFoundError');
    assert.match(r.error!.message, /^No module named 'numpy' \(nnlens runs model files without a Python environment: it provides .*the common standard-library modules, not NumPy\)$/);
    const u = await outcome('__import__("_ctypes_private")');
    assert.equal(u.error?.type, 'ModuleNotFoundError');
    assert.equal(u.error?.message, "No module named '_ctypes_private'");
  });

  test('placeholder imports: the file loads, using the package raises its ModuleNotFoundError', async () => {
    const src = [
      'import numpy as np', 'import torchvision.models as models', 'from timm.layers import DropPath',
      'def uses_numpy(x):', '    if isinstance(x, np.ndarray):', '        return "array"', '    return "not an array"',
      'print(uses_numpy(3), np.float32 is np.float32)', 'models.resnet18()',
    ].join('\n');
    const r = await outcome(src, { placeholderImports: true });
    assert.equal(r.out, 'not an array True\n');
    assert.equal(r.error?.type, 'ModuleNotFoundError');
    assert.match(r.error!.message, /^No module named 'torchvision' .*\(needed for torchvision\.models\.resnet18\)$/);
    assert.equal(r.error!.location?.line, 9);
  });

  test('placeholder imports still raise inside try/except ImportError, so fallbacks run', async () => {
    const src = 'try:\n    import numpy as np\nexcept ImportError:\n    np = None\nprint(np)\nclass A(__import__("timm").Base):\n    pass\n';
    const r = await outcome(src, { placeholderImports: (name) => name !== 'sklearn' });
    assert.equal(r.out, 'None\n');
    assert.equal(r.error?.type, 'ModuleNotFoundError');
    assert.equal(r.error?.location?.line, 6);
  });
});

describe('budgets', () => {
  test('while True: pass ends with the step budget error', async () => {
    const r = await outcome('x = 1\nwhile True:\n    pass\n', { maxSteps: 50_000 });
    assert.ok(r.thrown instanceof BudgetExceededError);
    assert.equal((r.thrown as BudgetExceededError).budget, 'steps');
    assert.match(r.error!.message, /stopped the program after 50,000 steps/);
    assert.equal(r.error!.location?.line, 3);
  });

  test('the budget error cannot be caught by except Exception, a bare except, or silenced by finally', async () => {
    const src = [
      'def spin():', '    while True:', '        pass', 'try:', '    spin()', 'except Exception:', '    print("caught Exception")',
      'except:', '    print("caught by bare except")', 'finally:', '    print("finally ran")',
    ].join('\n');
    const r = await outcome(src, { maxSteps: 20_000 });
    assert.ok(r.thrown instanceof BudgetExceededError);
    assert.equal(r.out, '');
    assert.deepEqual(r.error!.traceback.map((t) => [t.name, t.line]), [['<module>', 5], ['spin', 3]]);
  });

  test('the wall-time budget stops a loop that would run within the step budget', async () => {
    const t0 = performance.now();
    const r = await outcome('n = 0\nwhile True:\n    n += 1\n', { maxSteps: 1e12, maxMs: 150 });
    assert.ok(r.thrown instanceof BudgetExceededError);
    assert.equal((r.thrown as BudgetExceededError).budget, 'time');
    assert.ok(performance.now() - t0 < 2000);
  });

  test('an endless generator consumed by a builtin still hits the budget', async () => {
    const r = await outcome('import itertools\nlist(itertools.count())\n', { maxSteps: 100_000 });
    assert.ok(r.thrown instanceof BudgetExceededError);
  });

  test('each run gets a fresh budget', async () => {
    const interp = await createInterpreter({ maxSteps: 30_000, stdout: () => {} });
    for (let i = 0; i < 3; i++) interp.runSource('for i in range(5000):\n    x = i\n');
  });

  test('deep recursion is a RecursionError that Python code can catch', async () => {
    const src = 'def down(n):\n    return down(n + 1)\ntry:\n    down(0)\nexcept RecursionError as e:\n    print("caught:", e)\n';
    const r = await outcome(src);
    assert.equal(r.error, null);
    assert.equal(r.out, 'caught: maximum recursion depth exceeded\n');
    const limited = await outcome('def f(n):\n    return f(n + 1) if n < 100 else n\nprint(f(0))\n', { recursionLimit: 50 });
    assert.equal(limited.error?.type, 'RecursionError');
  });
});

describe('definitions mode', () => {
  test('top-level statements the predicate rejects are skipped and recorded', async () => {
    const src = [
      'import argparse_is_missing_anyway as argparse' , 'class Net:', '    pass', 'def train():', '    pass',
      'for epoch in range(10):', '    train()', 'model = Net()', 'print("built", type(model).__name__)',
    ].join('\n');
    let out = '';
    const interp = await createInterpreter({ stdout: (t) => (out += t) });
    const skip = (s: Stmt): boolean => s.kind === 'For' || s.kind === 'While' || (s.kind === 'Import' && s.names.some((n) => n.name.startsWith('argparse')));
    const { skipped, module } = interp.runSource(src, { path: '/ws/train.py', skip });
    assert.equal(out, 'built Net\n');
    assert.deepEqual(skipped.map((s) => [s.kind, s.line, s.text]), [
      ['Import', 1, 'import argparse_is_missing_anyway as argparse'], ['For', 6, 'for epoch in range(10):'],
    ]);
    assert.ok(module.dict.getStr('Net'));
  });
});

describe('files', () => {
  test('a file inside a package runs with its package set, so its relative imports work', async () => {
    const files = memoryFiles({
      '/ws/mingpt/__init__.py': '',
      '/ws/mingpt/utils.py': 'class CfgNode:\n    pass\n',
      '/ws/mingpt/model.py': 'from .utils import CfgNode\nfrom mingpt.utils import CfgNode as Same\nprint(__package__, CfgNode is Same)\n',
    });
    let out = '';
    const interp = await createInterpreter({ files, sysPath: ['/ws/mingpt', '/ws'], stdout: (t) => (out += t) });
    interp.runFile('/ws/mingpt/model.py');
    assert.equal(out, 'mingpt True\n');
  });

  test('source is read only through the FileProvider', async () => {
    const read: string[] = [];
    const base = memoryFiles({ '/ws/main.py': 'import helper\nprint(helper.X)\n', '/ws/helper.py': 'X = 7\n' });
    const files = { ...base, readFile: (p: string) => (read.push(p), base.readFile(p)) };
    let out = '';
    const interp = await createInterpreter({ files, sysPath: ['/ws'], stdout: (t) => (out += t) });
    interp.runFile('/ws/main.py');
    assert.equal(out, '7\n');
    assert.deepEqual(read, ['/ws/main.py', '/ws/helper.py']);
  });
});

describe('output sinks', () => {
  test('print goes to stdout, file=sys.stderr and warnings to stderr', async () => {
    const r = await outcome('import sys, warnings\nprint("a", 1, sep="-", end="!\\n")\nprint("err", file=sys.stderr)\nsys.stdout.write("w\\n")\nwarnings.warn("careful")\n');
    assert.equal(r.out, 'a-1!\nw\n');
    assert.equal(r.err, 'err\n/ws/model.py:5: UserWarning: careful\n');
  });

  test('an error is a PyException carrying the Python exception object', async () => {
    const r = await outcome('raise ValueError("x")');
    assert.ok(r.thrown instanceof PyException);
    assert.equal((r.thrown as PyException).exc.cls.name, 'ValueError');
  });
});
