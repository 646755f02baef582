// Containers behave like Python lists/dicts of registered modules/parameters: Sequential (OrderedDict
// construction, indexing, slicing, +, *, append/extend/insert/pop, forward chaining), ModuleList,
// ModuleDict, ParameterList and ParameterDict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn, torch, pySlice, type Tensor } from '../../src/engine';
import { throwsLikeTorch, names } from './nn_helpers';

type Module = InstanceType<typeof nn.Module>;
const lins = (n: number) => Array.from({ length: n }, (_, i) => new nn.Linear(i + 1, i + 2));

test('Sequential: indexing, negative indexing, len, iteration, pop, forward chain', () => {
  const [a, b, c] = lins(3);
  const s = new nn.Sequential(a, b, c);
  assert.equal(s.length, 3);
  assert.equal(s.__getitem__(0), a);
  assert.equal(s.__getitem__(-1), c);
  assert.deepEqual([...s], [a, b, c]);
  throwsLikeTorch('seq_index', () => new nn.Sequential(new nn.Identity()).__getitem__(3));
  const y = s.call(torch.ones([5, 1])) as Tensor;
  assert.deepEqual(y.shape, [5, 4]);
  assert.equal(s.pop(1), b);
  assert.deepEqual([...s._modules.keys()], ['0', '1']);
  assert.equal(s.__getitem__(1), c);
  const named = new nn.Sequential(new Map<string, Module>([['first', a], ['second', new nn.Identity()]]));
  assert.equal(named.get_submodule('first'), a);
  assert.equal(named.__getitem__(0), a);
  const pairs = new nn.Sequential([['x', a]] as [string, Module][]);
  assert.deepEqual([...pairs._modules.keys()], ['x']);
  s.__setitem__(0, b);
  assert.equal(s.__getitem__(0), b);
  s.__iadd__(new nn.Sequential(a));
  assert.equal(s.length, 3);
  throwsLikeTorch('seq_add_bad', () => new nn.Sequential().__add__(new nn.ModuleList()));
  s.extend([new nn.Identity()]);
  assert.equal(s.length, 4);
  assert.throws(() => s.insert(9, a), /Index out of range: 9/);
  assert.throws(() => new nn.Sequential([a] as never), /list is not a Module subclass/);
});

test('ModuleList: append, extend, +=, insert, slicing, iteration, registered parameters', () => {
  const ml = new nn.ModuleList([new nn.Linear(5, 4)]);
  ml.extend(lins(2));
  ml.append(new nn.Linear(4, 2));
  assert.equal(ml.length, 4);
  assert.deepEqual(names(ml.named_parameters()).slice(0, 3), ['0.weight', '0.bias', '1.weight']);
  const sliced = ml.__getitem__(pySlice(1, 3)) as InstanceType<typeof nn.ModuleList>;
  assert.ok(sliced instanceof nn.ModuleList);
  assert.deepEqual([...sliced._modules.keys()], ['0', '1']);
  assert.equal(sliced.__getitem__(0), ml.__getitem__(1));
  const id = new nn.Identity();
  ml.insert(1, id);
  assert.equal(ml.__getitem__(1), id);
  assert.equal(ml.length, 5);
  ml.__iadd__([new nn.Identity()]);
  assert.equal(ml.length, 6);
  ml.__delitem__(-1);
  assert.equal(ml.length, 5);
  const both = ml.__add__(new nn.ModuleList([id]));
  assert.equal(both.length, 6);
  throwsLikeTorch('modulelist_index', () => new nn.ModuleList([new nn.Identity()]).__getitem__(-2));
  assert.throws(() => new nn.ModuleList().call(1), /Module \[ModuleList\] is missing the required "forward" function/);
  let x = torch.ones([2, 3]);
  for (const m of new nn.ModuleList([new nn.Linear(3, 4), new nn.Identity(), new nn.Linear(4, 2)])) x = m.call(x) as Tensor;
  assert.deepEqual(x.shape, [2, 2]);
});

test('ModuleDict: mapping protocol and registration', () => {
  const d = new nn.ModuleDict({ a: new nn.Linear(1, 2) });
  d.__setitem__('b', new nn.Identity());
  assert.deepEqual(d.keys(), ['a', 'b']);
  assert.ok(d.__contains__('a') && !d.__contains__('c'));
  assert.equal(d.__len__(), 2);
  assert.deepEqual(names(d.named_parameters()), ['a.weight', 'a.bias']);
  assert.throws(() => d.__getitem__('zz'), (e: Error & { kind?: string }) => e.kind === 'KeyError');
  const popped = d.pop('a');
  assert.ok(popped instanceof nn.Linear);
  d.update([['c', new nn.Identity()]]);
  assert.deepEqual([...d], ['b', 'c']);
  d.clear();
  assert.equal(d.__len__(), 0);
});

test('ParameterList / ParameterDict wrap tensors as Parameters and register them', () => {
  const pl = new nn.ParameterList([torch.zeros([2]), new nn.Parameter(torch.ones([3]))]);
  assert.equal(pl.length, 2);
  assert.ok(pl.get(0) instanceof nn.Parameter);
  assert.deepEqual(names(pl.named_parameters()), ['0', '1']);
  pl.append(7);
  assert.equal(pl.get(2), 7);
  assert.equal([...pl.parameters()].length, 2);
  throwsLikeTorch('paramlist_call', () => new nn.ParameterList().call());
  const pd = new nn.ParameterDict({ w: torch.zeros([2, 3]), b: torch.zeros([3]) });
  assert.deepEqual(pd.keys(), ['b', 'w'], 'a plain mapping is inserted in sorted key order');
  assert.ok(pd.__getitem__('w') instanceof nn.Parameter);
  assert.deepEqual(names(pd.named_parameters()), ['b', 'w']);
  pd.__delitem__('b');
  assert.deepEqual(names(pd.named_parameters()), ['w']);
  assert.equal(pd.get('missing', 3), 3);
  const holder = new nn.Module();
  holder.__setattr__('params', pd);
  assert.deepEqual(names(holder.named_parameters()), ['params.w']);
});
