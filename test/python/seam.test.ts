// The seam host bindings plug into: host modules (dotted), native classes with JS payloads that
// Python subclasses (as `class Net(nn.Module)` will), every dunder dispatched through the normal
// protocols, signature strings bound the way Python binds, conversions, and JS errors surfacing as
// Python exceptions at the Python line that called the native.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  PyException, PyFloat, PyInstance, PyList, PyTuple, None, asIntList, call, createInterpreter, defineMethod,
  defineProperty, defineRawMethod, describeError, fromJs, genericSetAttr, getAttr, initParser, makeModule, native,
  nativeClass, newInstance, parseSignature, bindArgs, payloadOf, pyFloat, registerModule, repr, toJs, typeName,
  type Interpreter, type PyValue, type PyDict,
} from '../../src/python/index';

// ---------------------------------------------------------------- a tiny fake torch, written against the seam

class Vec {
  constructor(readonly data: number[]) {}
}

const Tensor = nativeClass({ name: 'Tensor', module: 'faketorch', doc: 'A 1-d vector of floats.' });
const vec = (v: PyValue): Vec => payloadOf<Vec>(v, Tensor, 'tensor');
const wrap = (data: number[]): PyInstance => newInstance(Tensor, new Vec(data));
const other = (v: PyValue): number[] | number => (v instanceof PyInstance && v.payload instanceof Vec ? v.payload.data : Number(toJs(v)));
function elementwise(a: PyValue, b: PyValue, f: (x: number, y: number) => number): PyInstance {
  const x = vec(a).data;
  const y = other(b);
  return wrap(x.map((v, i) => f(v, Array.isArray(y) ? y[i] : y)));
}

defineMethod(Tensor, '__add__(self, other)', ([a, b]) => elementwise(a, b, (x, y) => x + y));
defineMethod(Tensor, '__radd__(self, other)', ([a, b]) => elementwise(a, b, (x, y) => y + x));
defineMethod(Tensor, '__mul__(self, other)', ([a, b]) => elementwise(a, b, (x, y) => x * y));
defineMethod(Tensor, '__rmul__(self, other)', ([a, b]) => elementwise(a, b, (x, y) => y * x));
defineMethod(Tensor, '__rsub__(self, other)', ([a, b]) => elementwise(a, b, (x, y) => y - x));
defineMethod(Tensor, '__matmul__(self, other)', ([a, b]) => {
  const x = vec(a).data;
  const y = vec(b).data;
  if (x.length !== y.length) throw new Error(`inconsistent tensor size, expected tensor [${x.length}] and src [${y.length}] to have the same number of elements, but got ${x.length} and ${y.length} elements respectively`);
  return pyFloat(x.reduce((s, v, i) => s + v * y[i], 0));
});
defineMethod(Tensor, '__iadd__(self, other)', ([a, b]) => {
  const x = vec(a).data;
  const y = other(b);
  x.forEach((v, i) => (x[i] = v + (Array.isArray(y) ? y[i] : y)));
  return a;
});
defineMethod(Tensor, '__neg__(self)', ([a]) => wrap(vec(a).data.map((v) => -v)));
defineMethod(Tensor, '__getitem__(self, index)', ([a, i]) => pyFloat(vec(a).data.at(Number(toJs(i)))!));
defineMethod(Tensor, '__len__(self)', ([a]) => vec(a).data.length);
defineMethod(Tensor, '__iter__(self)', ([a]) => call(getAttr(new PyList(vec(a).data.map(pyFloat)), '__iter__'), []));
defineMethod(Tensor, '__bool__(self)', ([a]) => {
  if (vec(a).data.length !== 1) throw Object.assign(new Error('Boolean value of Tensor with more than one value is ambiguous'), { pythonType: 'RuntimeError' });
  return vec(a).data[0] !== 0;
});
defineMethod(Tensor, '__index__(self)', ([a]) => Math.trunc(vec(a).data[0]));
defineMethod(Tensor, '__eq__(self, other)', ([a, b]) => elementwise(a, b, (x, y) => Number(x === y)));
defineMethod(Tensor, '__hash__(self)', ([a]) => vec(a).data.length);
defineMethod(Tensor, '__contains__(self, v)', ([a, v]) => vec(a).data.includes(Number(toJs(v))));
defineMethod(Tensor, '__repr__(self)', ([a]) => `tensor([${vec(a).data.map((v) => repr(pyFloat(v))).join(', ')}])`);
defineMethod(Tensor, '__enter__(self)', ([a]) => a);
defineMethod(Tensor, '__exit__(self, *exc)', () => false);
defineMethod(Tensor, 'view(self, *shape)', ([a, shape]) => {
  const dims = asIntList((shape as PyTuple).items.length === 1 ? (shape as PyTuple).items[0] : shape, 'view', 'shape');
  return new PyTuple([wrap(vec(a).data), fromJs(dims)]);
});
defineMethod(Tensor, 'sum(self, dim=None, keepdim=False, *, dtype=None)', ([a, dim, keepdim, dtype]) =>
  new PyTuple([pyFloat(vec(a).data.reduce((s, v) => s + v, 0)), dim, keepdim, dtype]));
defineMethod(Tensor, '__deepcopy__(self, memo)', ([a]) => wrap([...vec(a).data]));
defineProperty(Tensor, 'shape', { get: (a) => new PyTuple([vec(a).data.length]) });

// nn.Module: a native base class with __setattr__/__getattr__ registration and __call__ → forward.
interface ModuleState {
  modules: Map<string, PyValue>;
  calls: number;
}
const Module = nativeClass({ name: 'Module', module: 'faketorch.nn' });
const state = (v: PyValue): ModuleState => payloadOf<ModuleState>(v, Module, 'module');
defineRawMethod(Module, '__init__', ([self]) => {
  (self as PyInstance).payload = { modules: new Map(), calls: 0 } satisfies ModuleState;
});
defineRawMethod(Module, '__call__', ([self, ...args], kwargs) => {
  state(self).calls++;
  return call(getAttr(self, 'forward'), args, kwargs);
});
defineMethod(Module, '__setattr__(self, name, value)', ([self, name, value]) => {
  if (value instanceof PyInstance && value.cls.isSubtypeOf(Module)) {
    state(self).modules.set(name as string, value);
    return;
  }
  genericSetAttr(self, name as string, value);
});
defineMethod(Module, '__getattr__(self, name)', ([self, name]) => {
  const m = (self as PyInstance).payload && state(self).modules.get(name as string);
  if (m) return m as PyValue;
  const e = new Error(`'${typeName(self)}' object has no attribute '${String(name)}'`);
  throw Object.assign(e, { pythonType: 'AttributeError' });
});
defineMethod(Module, 'named_children(self)', ([self]) =>
  new PyList([...state(self).modules].map(([k, v]) => new PyTuple([k, v]))));
defineMethod(Module, 'forward(self, *args)', () => {
  throw Object.assign(new Error('Module [Module] is missing the required "forward" function'), { pythonType: 'NotImplementedError' });
});
const Linear = nativeClass({ name: 'Linear', module: 'faketorch.nn', bases: [Module] });
defineMethod(Linear, '__init__(self, scale)', ([self, scale]) => {
  (self as PyInstance).payload = { modules: new Map(), calls: 0 } satisfies ModuleState;
  genericSetAttr(self, 'scale', scale);
});
defineMethod(Linear, 'forward(self, x)', ([self, x]) => elementwise(x, getAttr(self, 'scale'), (a, b) => a * b));

registerModule('faketorch', () => makeModule('faketorch', {
  Tensor,
  tensor: native('tensor(data, *, dtype=None)', ([data]) => wrap((toJs(data) as number[]).map(Number))),
  relu: native('relu(input, inplace=False)', ([x]) => wrap(vec(x).data.map((v) => Math.max(0, v)))),
  cat: native('cat(tensors, dim=0)', ([ts]) => wrap((ts as PyList).items.flatMap((t) => vec(t).data))),
  fail: native('fail(message)', ([m]) => {
    throw new Error(String(m));
  }),
  fail_value: native('fail_value(message)', ([m]) => {
    throw Object.assign(new Error(String(m)), { pythonType: 'ValueError' });
  }),
}));
registerModule('faketorch.nn', () => makeModule('faketorch.nn', { Module, Linear }));

// ---------------------------------------------------------------- helpers

async function runPy(source: string): Promise<{ out: string; interp: Interpreter; ns: PyDict }> {
  let out = '';
  const interp = await createInterpreter({ stdout: (t) => (out += t) });
  const { module } = interp.runSource(source, { path: '/ws/model.py' });
  return { out, interp, ns: module.dict };
}

async function failPy(source: string): Promise<ReturnType<typeof describeError>> {
  const interp = await createInterpreter({ stdout: () => {} });
  try {
    interp.runSource(source, { path: '/ws/model.py' });
  } catch (e) {
    return describeError(e);
  }
  throw new Error('expected an exception');
}

before(() => initParser());

describe('host modules', () => {
  test('import forms resolve through the registry, dotted submodules included', async () => {
    const { out } = await runPy([
      'import faketorch', 'import faketorch.nn as nn', 'from faketorch import tensor, Tensor', 'from faketorch.nn import Module',
      'import faketorch.nn', 'print(nn.Module is Module, faketorch.nn is nn, isinstance(tensor([1]), Tensor), Tensor.__module__)',
    ].join('\n'));
    assert.equal(out, 'True True True faketorch\n');
  });

  test('an unknown submodule of a host module is ModuleNotFoundError', async () => {
    const r = await failPy('import faketorch.vision');
    assert.equal(r.type, 'ModuleNotFoundError');
    assert.match(r.message, /^No module named 'faketorch\.vision'/);
  });
});

describe('native classes', () => {
  test('operators dispatch to natives, reflected and in place', async () => {
    const { out } = await runPy([
      'from faketorch import tensor', 't = tensor([1, 2, 3])', 'u = tensor([1, 1, 1])',
      'print(t + u, t + 1, 1 + t, 2 * t, t * 2, 10 - t, t @ u, -t)',
      'alias = t', 't += 1', 'print(t, alias is t, t[0], t[-1], len(t), list(t), 2.0 in t, t.shape)',
      'with tensor([5]) as w:', '    print("inside", w)',
      'print(bool(tensor([0])), [10, 20, 30][tensor([2])], {tensor([1, 2]): "hashable"}[tensor([3, 4])] if False else "ok")',
    ].join('\n'));
    assert.equal(out, [
      'tensor([2.0, 3.0, 4.0]) tensor([2.0, 3.0, 4.0]) tensor([2.0, 3.0, 4.0]) tensor([2.0, 4.0, 6.0]) tensor([2.0, 4.0, 6.0]) tensor([9.0, 8.0, 7.0]) 6.0 tensor([-1.0, -2.0, -3.0])',
      'tensor([2.0, 3.0, 4.0]) True 2.0 4.0 3 [2.0, 3.0, 4.0] True (3,)',
      'inside tensor([5.0])', 'False 30 ok', '',
    ].join('\n'));
  });

  test('signature strings bind positional, keyword, *args and keyword-only arguments', async () => {
    const { out } = await runPy([
      'from faketorch import tensor', 't = tensor([1, 2])',
      'print(t.sum(), t.sum(0), t.sum(dim=1, keepdim=True), t.sum(dtype="f32"), t.view(2, 1)[1], t.view((4,))[1])',
    ].join('\n'));
    assert.equal(out, "(3.0, None, False, None) (3.0, 0, False, None) (3.0, 1, True, None) (3.0, None, False, 'f32') [2, 1] [4]\n");
    for (const [src, msg] of [
      ['t.sum(0, False, None)', 'Tensor.sum() takes from 1 to 3 positional arguments but 4 were given'],
      ['t.sum(dims=0)', "Tensor.sum() got an unexpected keyword argument 'dims'"],
      ['relu()', "relu() missing 1 required positional argument: 'input'"],
      ['relu(t, inplace=True, inplace2=1)', "relu() got an unexpected keyword argument 'inplace2'"],
      ['t.view(2, "x")', "view(): argument 'shape' must be tuple of ints, but found element of type str at pos 1"],
    ]) {
      const r = await failPy(`from faketorch import tensor, relu\nt = tensor([1, 2])\n${src}`);
      assert.equal(r.type, 'TypeError', src);
      assert.equal(r.message, msg, src);
      assert.equal(r.location?.line, 3, src);
    }
  });

  test('a parsed signature binds like Python', () => {
    const sig = parseSignature('cat(tensors, dim=0, *, out=None)');
    const out = new Array<PyValue>(sig.nslots);
    bindArgs(sig, [new PyList([])], new Map([['out', 5]]), out);
    assert.deepEqual(out.map((v) => (v instanceof PyList ? 'list' : toJs(v))), ['list', 0, 5]);
    const star = parseSignature('f(a, /, *rest, key: str = "k", **extra)');
    assert.deepEqual([star.positional, star.posonly, star.vararg, star.kwonly, star.kwarg], [['a'], 1, 'rest', ['key'], 'extra']);
    assert.throws(() => bindArgs(star, [], null, new Array(star.nslots)), /f\(\) missing 1 required positional argument: 'a'/);
  });

  test('a JS error inside a native surfaces as a Python exception at the calling line', async () => {
    const r = await failPy('import faketorch\n\ndef step(x):\n    return faketorch.fail("boom from JS")\n\nstep(1)\n');
    assert.equal(r.type, 'RuntimeError');
    assert.equal(r.message, 'boom from JS');
    assert.deepEqual(r.traceback.map((t) => [t.name, t.line]), [['<module>', 6], ['step', 4]]);
    const v = await failPy('import faketorch\ntry:\n    faketorch.fail_value("bad value")\nexcept ValueError as e:\n    print("caught", e)\n    raise\n');
    assert.equal(v.type, 'ValueError');
    assert.equal(v.location?.line, 3);
    const m = await failPy('from faketorch import tensor\nx = tensor([1, 2])\ny = tensor([1, 2, 3])\nz = x @ y\n');
    assert.equal(m.type, 'RuntimeError');
    assert.match(m.message, /inconsistent tensor size/);
    assert.equal(m.location?.line, 4);
  });
});

describe('Python subclasses of native classes', () => {
  const model = [
    'import faketorch', 'import faketorch.nn as nn', '',
    'class Scaled(nn.Linear):', '    def __init__(self, scale, bias):', '        super().__init__(scale)', '        self.bias = bias',
    '    def forward(self, x):', '        return super().forward(x) + self.bias', '',
    'class Net(nn.Module):', '    def __init__(self):', '        super().__init__()', '        self.layer = Scaled(2, 1)',
    '        self.act = nn.Linear(10)', '        self.name = "net"', '',
    '    def forward(self, x):', '        x = self.layer(x)', '        return self.act(faketorch.relu(x))', '',
    'net = Net()', 'print(net(faketorch.tensor([1, -3])), net.name, [n for n, _ in net.named_children()], type(net).__mro__[1].__name__)',
  ];
  test('super().__init__ sets the payload, __setattr__ registers children, __call__ runs forward', async () => {
    const { out, ns } = await runPy(model.join('\n'));
    assert.equal(out, "tensor([30.0, 0.0]) net ['layer', 'act'] Module\n");
    const net = ns.getStr('net') as PyInstance;
    assert.equal(state(net).calls, 1);
    assert.ok(net.cls.isSubtypeOf(Module) && !net.cls.native);
  });

  test("the seed's mistake: forward uses self.layer1 while __init__ set self.layer", async () => {
    const src = [...model.slice(0, 18), '    def forward(self, x):', '        x = self.layer1(x)', '        return x', '',
      'Net()(faketorch.tensor([1.0]))'].join('\n');
    const r = await failPy(src);
    assert.equal(r.type, 'AttributeError');
    assert.equal(r.message, "'Net' object has no attribute 'layer1'");
    assert.deepEqual(r.location && [r.location.name, r.location.line], ['forward', 20]);
  });

  test('a subclass that forgets super().__init__() gets a clear error, not a crash', async () => {
    const r = await failPy('import faketorch.nn as nn\nclass Bad(nn.Module):\n    def __init__(self):\n        self.x = nn.Linear(1)\nBad()\n');
    assert.equal(r.type, 'TypeError');
    assert.match(r.message, /the Module was not initialised \(did __init__ call super\(\)\.__init__\(\)\?\)/);
    assert.equal(r.location?.line, 4);
  });

  test('deepcopy reaches a native __deepcopy__', async () => {
    const { out } = await runPy('import copy\nfrom faketorch import tensor\na = [tensor([1, 2])]\nb = copy.deepcopy(a)\nb[0] += 1\nprint(a, b)\n');
    assert.equal(out, '[tensor([1.0, 2.0])] [tensor([2.0, 3.0])]\n');
  });
});

describe('calls from the host', () => {
  test('interp.call runs a Python callable with JS-built arguments', async () => {
    const { interp, ns } = await runPy('def f(a, b=2, *, c=3):\n    return [a, b, c]\nclass C:\n    def m(self, x):\n        return x * 2\n');
    assert.deepEqual(toJs(interp.call(ns.getStr('f')!, [1], { c: 5 })), [1, 2, 5]);
    const obj = interp.call(ns.getStr('C')!, []);
    assert.equal(toJs(interp.call(getAttr(obj, 'm'), [fromJs(21)])), 42);
    assert.throws(() => interp.call(ns.getStr('f')!, []), (e: unknown) => e instanceof PyException && e.exc.cls.name === 'TypeError');
  });

  test('evaluate() evaluates an expression in a module namespace', async () => {
    const { interp, ns } = await runPy('class Net:\n    def __init__(self, width=4):\n        self.width = width\n');
    const mod = interp.modules.getStr('__main__') as unknown as Parameters<Interpreter['evaluate']>[1];
    void ns;
    const net = interp.evaluate('Net(width=8)', mod);
    assert.equal(toJs(getAttr(net, 'width')), 8);
  });
});

describe('conversions', () => {
  test('JS values and Python values map as documented', () => {
    assert.equal(fromJs(3), 3);
    assert.ok(fromJs(2.5) instanceof PyFloat);
    assert.equal(fromJs(null), None);
    assert.ok(fromJs([1, 2]) instanceof PyList);
    assert.deepEqual(toJs(fromJs({ a: [1, 2.5, 'x', true, null] })), new Map([['a', [1, 2.5, 'x', true, null]]]));
    assert.deepEqual(asIntList(new PyTuple([1, 2, 3]), 'f', 'shape'), [1, 2, 3]);
    assert.deepEqual(asIntList(4, 'f', 'kernel_size'), [4]);
    assert.throws(() => asIntList(pyFloat(1.5), 'f', 'shape'), /f\(\): argument 'shape' must be tuple of ints, not float/);
  });
});
