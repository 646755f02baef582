// Module reprs against real PyTorch, character for character (fixture: test/golden/gen_nn_core.py):
// nesting, OrderedDict names, ModuleList folding of repeated blocks, parameter containers, slicing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn, torch } from '../../src/engine';
import { golden, Net, Tower, MyModuleList, Extra, WithBuffers } from './nn_helpers';

const seqOf = () => new nn.Sequential(new nn.Linear(1, 2), new nn.Linear(2, 3), new nn.Linear(3, 4), new nn.Linear(4, 5));

const cases: Record<string, () => { __repr__(): string }> = {
  seq_ll: () => { const l = new nn.Linear(2, 2); return new nn.Sequential(l, l); },
  linear: () => new nn.Linear(2, 2),
  linear_nobias: () => new nn.Linear(3, 5, false),
  identity: () => new nn.Identity(),
  module: () => new nn.Module(),
  net: () => new Net(4, 8, 6, 2),
  seq_ordered: () => new nn.Sequential(new Map<string, InstanceType<typeof nn.Module>>([['conv', new nn.Linear(3, 3)], ['act', new nn.Identity()]])),
  seq_add_module: () => {
    const s = new nn.Sequential();
    s.add_module('fc', new nn.Linear(3, 3));
    s.add_module('activation_layer', new nn.Identity());
    return s;
  },
  tower: () => new Tower(),
  modulelist_mixed: () => new nn.ModuleList([new nn.Linear(2, 2), new nn.Linear(2, 2), new nn.Identity(), new nn.Linear(2, 2), new nn.Linear(2, 3)]),
  modulelist_empty: () => new nn.ModuleList(),
  modulelist_same: () => { const l = new nn.Linear(2, 2); return new nn.Sequential(new nn.ModuleList([l, l, l]), new nn.Identity()); },
  moduledict: () => new nn.ModuleDict({ a: new nn.Linear(1, 2), b: new nn.Identity() }),
  paramlist: () => new nn.ParameterList([new nn.Parameter(torch.zeros([3])), torch.zeros([2, 4], { dtype: 'float64' })]),
  paramdict: () => new nn.ParameterDict({ w: new nn.Parameter(torch.zeros([2, 3])), b: torch.zeros([3]) }),
  plainlist: () => new MyModuleList(),
  extra_multiline: () => new Extra('a=1\nb=2', false),
  extra_with_child: () => new Extra('x=1', true),
  with_buffers: () => new WithBuffers(),
  seq_slice: () => seqOf().__getitem__({ start: 1, stop: 3 }),
  seq_slice_neg: () => seqOf().__getitem__({ step: -2 }),
  seq_insert_append: () => new nn.Sequential(new nn.Linear(1, 2), new nn.Linear(2, 3)).insert(0, new nn.Linear(3, 4)).append(new nn.Identity()),
  seq_del: () => { const s = new nn.Sequential(new nn.Linear(1, 2), new nn.Linear(2, 3), new nn.Linear(3, 4)); s.__delitem__(0); return s; },
  seq_add: () => new nn.Sequential(new nn.Linear(1, 2)).__add__(new nn.Sequential(new nn.Identity())),
  seq_mul: () => new nn.Sequential(new nn.Linear(1, 2), new nn.Identity()).__mul__(2),
};

test('every repr in the fixture has a TypeScript case', () => {
  assert.deepEqual(Object.keys(cases).sort(), Object.keys(golden.repr).sort());
});

for (const [name, build] of Object.entries(cases)) {
  test(`repr ${name} matches PyTorch`, () => {
    assert.equal(build().__repr__(), golden.repr[name]);
  });
}

test('String(module) is its repr, and the seed\'s modules() listing prints each module once', () => {
  const l = new nn.Linear(2, 2);
  const net = new nn.Sequential(l, l);
  assert.equal(String(net), golden.repr.seq_ll);
  const listing = [...net.modules()].map((m, i) => `${i} -> ${String(m)}`);
  assert.deepEqual(listing, [`0 -> ${golden.repr.seq_ll}`, '1 -> Linear(in_features=2, out_features=2, bias=True)']);
});

test('a Parameter prints with PyTorch\'s "Parameter containing:" header', () => {
  const l = new nn.Linear(2, 2);
  torch.no_grad(() => l.weight.fill_(1.0));
  assert.equal(String(l.weight), 'Parameter containing:\ntensor([[1., 1.],\n        [1., 1.]], requires_grad=True)');
});
