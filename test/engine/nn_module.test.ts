// nn.Module semantics: registration by assignment, traversal order and de-duplication, state_dict and
// load_state_dict (with PyTorch's error texts), modes, apply order, in-place dtype conversion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn, torch, Tensor } from '../../src/engine';
import { golden, throwsLikeTorch, Net, Tower, MyModuleList, WithBuffers, names, sub } from './nn_helpers';

type Module = InstanceType<typeof nn.Module>;

test('traversal names match PyTorch (named_modules / children / parameters / state_dict)', () => {
  const net = new Net(4, 8, 6, 2);
  const g = golden.names;
  assert.deepEqual(names(net.named_modules()), g.net_named_modules);
  assert.deepEqual(names(net.named_children()), g.net_named_children);
  assert.deepEqual(names(net.named_parameters()), g.net_named_parameters);
  assert.deepEqual([...net.state_dict().keys()], g.net_state_dict);
  const l = new nn.Linear(2, 2);
  const seq = new nn.Sequential(l, l);
  assert.deepEqual(names(seq.named_modules()), g.seq_ll_named_modules);
  assert.deepEqual(names(seq.named_modules(null, '', false)), g.seq_ll_named_modules_dup);
  assert.deepEqual(names(seq.named_parameters()), g.seq_ll_named_parameters);
  assert.deepEqual(names(seq.named_parameters('', true, false)), g.seq_ll_named_parameters_dup);
  assert.deepEqual([...seq.state_dict().keys()], g.seq_ll_state_dict);
  assert.equal([...seq.parameters()].length, 2, 'a shared Linear contributes its parameters once');
  assert.deepEqual(names(new MyModuleList().named_parameters()), g.plainlist_named_parameters);
  const wb = new WithBuffers();
  assert.deepEqual([...wb.state_dict().keys()], g.wb_state_dict, 'non-persistent buffers are left out');
  assert.deepEqual(names(wb.named_buffers()), g.wb_named_buffers);
  assert.deepEqual(names(wb.named_parameters()), g.wb_named_parameters);
  assert.deepEqual(names(wb.named_parameters('model', false)), g.wb_named_parameters_prefix_norecurse);
});

test('modules() walks depth-first including self; children() only the first generation', () => {
  const net = new Net(4, 8, 6, 2);
  assert.deepEqual([...net.modules()].map((m) => m._get_name()), ['Net', 'Sequential', 'Linear', 'Identity', 'Sequential', 'Linear', 'Identity', 'Linear']);
  assert.deepEqual([...net.children()].map((m) => m._get_name()), ['Sequential', 'Sequential', 'Linear']);
});

test('a plain list of modules registers nothing; ModuleList does', () => {
  const m = new MyModuleList();
  assert.ok(Array.isArray(m._getattr('list')));
  assert.equal([...m.parameters()].length, 2);
  assert.deepEqual([...m._modules.keys()], ['module_list']);
});

test('apply visits children first, then self (the seed\'s init_weights)', () => {
  const calls: string[] = [];
  new Net(4, 8, 6, 2).apply((m) => calls.push(m._get_name()));
  assert.deepEqual(calls, golden.names.apply_order);
  const net = new nn.Sequential(new nn.Linear(2, 2), new nn.Linear(2, 2));
  net.apply((m) => { if (m instanceof nn.Linear) torch.no_grad(() => m.weight.fill_(1.0)); });
  for (const p of net.named_parameters()) if (p[0].endsWith('weight')) assert.deepEqual(p[1].tolist(), [[1, 1], [1, 1]]);
});

test('__setattr__ registers Parameters, Modules and buffer tensors; plain values go to __dict__', () => {
  const m = new nn.Module();
  const p = new nn.Parameter(torch.zeros([2]));
  m.__setattr__('w', p);
  assert.equal(m._parameters.get('w'), p);
  assert.equal(m.__getattr__('w'), p);
  m.__setattr__('child', new nn.Identity());
  assert.ok(m._modules.has('child'));
  m.register_buffer('buf', torch.zeros([1]));
  const t = torch.ones([3]);
  m.__setattr__('buf', t);
  assert.equal(m._buffers.get('buf'), t, 'a tensor assigned to a buffer name replaces the buffer');
  m.__setattr__('w', null);
  assert.equal(m._parameters.get('w'), null);
  assert.deepEqual(names(m.named_parameters()), []);
  m.__setattr__('hidden', 42);
  assert.equal(m._getattr('hidden'), 42);
  assert.ok(!m._parameters.has('hidden'));
  // Re-assigning a name to another kind moves it between registries.
  m.__setattr__('child', new nn.Parameter(torch.zeros([1])));
  assert.ok(!m._modules.has('child') && m._parameters.has('child'));
  m.__setattr__('training', false);
  assert.equal(m.training, false);
  m.__delattr__('child');
  assert.ok(!m._parameters.has('child'));
  m.__setattr__('nb', nn.Buffer(torch.zeros([2]), false));
  assert.ok(m._buffers.has('nb') && m._non_persistent_buffers_set.has('nb'));
  assert.ok(m.__dir__().includes('nb') && m.__dir__().includes('state_dict'));
});

test('__setattr__/__getattr__/register_* errors use PyTorch\'s wording', () => {
  throwsLikeTorch('assign_tensor_to_param', () => { new nn.Linear(2, 2).weight = torch.zeros([2, 2]) as never; });
  throwsLikeTorch('assign_int_to_module', () => new nn.Sequential(new nn.Linear(1, 1)).__setattr__('0', 5));
  throwsLikeTorch('assign_list_to_buffer', () => new WithBuffers().__setattr__('running', [1, 2]));
  const fresh = () => { const m = new nn.Module(); m._initialized = false; return m; };
  throwsLikeTorch('module_before_init', () => fresh().__setattr__('fc', new nn.Linear(1, 1)));
  throwsLikeTorch('param_before_init', () => fresh().__setattr__('w', new nn.Parameter(torch.zeros([1]))));
  throwsLikeTorch('missing_attr', () => new Net(4, 8, 6, 2).call(torch.zeros([1, 4])));
  throwsLikeTorch('delattr_missing', () => new nn.Linear(1, 1).__delattr__('nope'));
  throwsLikeTorch('buffer_dot', () => new nn.Module().register_buffer('a.b', torch.zeros([1])));
  throwsLikeTorch('buffer_empty', () => new nn.Module().register_buffer('', torch.zeros([1])));
  throwsLikeTorch('buffer_exists', () => new nn.Module().register_buffer('training', torch.zeros([1])));
  throwsLikeTorch('buffer_not_tensor', () => new nn.Module().register_buffer('x', 3 as never));
  throwsLikeTorch('param_not_param', () => new nn.Module().register_parameter('x', torch.zeros([1]) as never));
  throwsLikeTorch('module_not_module', () => new nn.Module().add_module('x', 3 as never));
  throwsLikeTorch('module_dot', () => new nn.Module().add_module('a.b', new nn.Identity()));
  throwsLikeTorch('module_exists', () => new nn.Linear(1, 1).add_module('weight', new nn.Identity()));
  throwsLikeTorch('forward_missing', () => new nn.Module().call(1));
  throwsLikeTorch('get_submodule_missing', () => new Net(4, 8, 6, 2).get_submodule('layer.5'));
  throwsLikeTorch('get_submodule_not_module', () => new Net(4, 8, 6, 2).get_submodule('layer3.weight'));
  throwsLikeTorch('get_parameter_not_param', () => new Net(4, 8, 6, 2).get_parameter('layer'));
  throwsLikeTorch('get_buffer_not_buffer', () => new WithBuffers().get_buffer('fc.weight'));
  const net = new Net(4, 8, 6, 2);
  assert.equal(net.get_submodule('layer.0'), sub(sub(net, 'layer'), '0'));
  assert.equal(net.get_parameter('layer3.bias'), (sub(net, 'layer3') as InstanceType<typeof nn.Linear>).bias);
  assert.equal(new WithBuffers().get_buffer('running').shape[0], 2);
  const id = new nn.Identity();
  net.set_submodule('layer.1', id);
  assert.equal(net.get_submodule('layer.1'), id);
  assert.throws(() => net.set_submodule('layer3.weight', id), /`weight` is not an nn.Module/);
  assert.throws(() => net.set_submodule('layer.7', id, true), /Sequential has no attribute `7`/);
});

test('Module.__init__() (Python\'s super().__init__()) sets up the registries and keeps earlier plain attributes', () => {
  const m = new nn.Module();
  m._initialized = false;
  m.__setattr__('early', 1);
  assert.throws(() => m.register_buffer('b', torch.zeros([1])), /cannot assign buffer before Module.__init__\(\) call/);
  m.__init__();
  m.__setattr__('fc', new nn.Linear(1, 1));
  assert.equal(m._getattr('early'), 1);
  assert.deepEqual(names(m.named_parameters()), ['fc.weight', 'fc.bias']);
});

test('state_dict: ordered, detached unless keep_vars, with prefix and metadata', () => {
  const lin = new nn.Linear(2, 2);
  const sd = lin.state_dict();
  assert.deepEqual([...sd.keys()], ['weight', 'bias']);
  const w = sd.get('weight') as Tensor;
  assert.ok(!(w instanceof nn.Parameter) && !w.requires_grad);
  assert.equal(w._box, lin.weight._box, 'state_dict shares storage with the parameter');
  assert.equal(lin.state_dict({ keep_vars: true }).get('weight'), lin.weight);
  assert.deepEqual([...lin.state_dict({ prefix: 'enc.' }).keys()], ['enc.weight', 'enc.bias']);
  assert.deepEqual(new nn.Sequential(lin).state_dict()._metadata?.get('0'), { version: 1 });
});

test('load_state_dict copies values in place and reports PyTorch\'s errors', () => {
  const a = new nn.Linear(2, 2), b = new nn.Linear(2, 2);
  const before = b.weight;
  const r = b.load_state_dict(a.state_dict());
  assert.equal(String(r), golden.names.incompatible_ok);
  assert.equal(b.weight, before);
  assert.deepEqual(b.weight.tolist(), a.weight.tolist());
  throwsLikeTorch('size_mismatch', () => new nn.Linear(2, 2).load_state_dict({ weight: torch.zeros([3, 2]), bias: torch.zeros([2]) }));
  throwsLikeTorch('missing_unexpected', () => new nn.Sequential(new nn.Linear(2, 2)).load_state_dict(
    new Map([['0.weight', torch.zeros([2, 2])], ['extra', torch.zeros([1])], ['1.bias', torch.zeros([2])]])));
  throwsLikeTorch('missing_and_size', () => new nn.Sequential(new nn.Linear(2, 2)).load_state_dict({ '0.weight': torch.zeros([1, 2]) }));
  throwsLikeTorch('not_a_tensor', () => new nn.Linear(2, 2).load_state_dict({ weight: 3, bias: torch.zeros([2]) }));
  throwsLikeTorch('not_a_dict', () => new nn.Linear(2, 2).load_state_dict([1, 2] as never));
  const partial = new nn.Sequential(new nn.Linear(2, 2)).load_state_dict({ '0.weight': torch.zeros([2, 2]), extra: torch.zeros([1]) }, false);
  const want = golden.names.incompatible_partial;
  assert.deepEqual(partial.missing_keys, want.missing);
  assert.deepEqual(partial.unexpected_keys, want.unexpected);
  assert.equal(String(partial), want.str);
});

test('load_state_dict(assign=True) swaps in the given tensors as Parameters', () => {
  const m = new nn.Linear(2, 2, true, { device: 'meta' });
  const src = new nn.Linear(2, 2);
  m.load_state_dict(src.state_dict(), true, true);
  assert.ok(m.weight instanceof nn.Parameter && m.weight.device === 'cpu' && m.weight.requires_grad);
  assert.deepEqual(m.weight.tolist(), src.weight.tolist());
});

test('to(torch.double) converts only floating tensors, in place, keeping Parameter identity', () => {
  const m = new WithBuffers();
  m.register_buffer('steps', torch.tensor([3]));
  const fc = sub(m, 'fc') as InstanceType<typeof nn.Linear>;
  const w = fc.weight, vals = w.tolist();
  w.grad = torch.ones([2, 2]);
  assert.equal(m.to('float64'), m);
  assert.equal(fc.weight, w, 'the Parameter object is the same');
  assert.ok(w instanceof nn.Parameter && w.requires_grad);
  assert.equal(w.dtype, 'float64');
  assert.equal(w.grad!.dtype, 'float64');
  assert.deepEqual(w.tolist(), vals);
  assert.equal((m._buffers.get('running') as Tensor).dtype, 'float64');
  assert.equal((m._buffers.get('steps') as Tensor).dtype, 'int64', 'integer buffers keep their dtype');
  m.float();
  assert.equal(w.dtype, 'float32');
  m.half();
  assert.equal(w.dtype, 'float16');
  m.to(torch.zeros([1], { dtype: 'float64' }));
  assert.equal(w.dtype, 'float64');
  throwsLikeTorch('to_int', () => new nn.Linear(1, 1).to('int64'));
  const meta = new nn.Linear(2, 2, true, { device: 'meta' });
  assert.throws(() => meta.to('cpu'), /Please use torch.nn.Module.to_empty\(\) instead/);
  meta.to_empty({ device: 'cpu' });
  assert.equal(meta.weight.device, 'cpu');
});

test('train/eval propagate; requires_grad_ and zero_grad act on every parameter', () => {
  const t = new Tower();
  t.eval();
  assert.ok([...t.modules()].every((m) => !m.training));
  t.train();
  assert.ok([...t.modules()].every((m) => m.training));
  assert.throws(() => t.train(1 as never), /training mode is expected to be boolean/);
  t.requires_grad_(false);
  assert.ok([...t.parameters()].every((p) => !p.requires_grad));
  t.requires_grad_();
  const lin = new nn.Linear(3, 2);
  lin.call(torch.ones([4, 3])).sum().backward();
  assert.ok(lin.weight.grad);
  lin.zero_grad(false);
  assert.deepEqual(lin.weight.grad!.tolist(), [[0, 0, 0], [0, 0, 0]]);
  lin.zero_grad();
  assert.equal(lin.weight.grad, null);
});

test('Parameter: a leaf over the same storage, requires_grad by default, recognised by instanceof', () => {
  const t = torch.ones([2]);
  const p = new nn.Parameter(t);
  assert.ok(p instanceof nn.Parameter && p instanceof Tensor);
  assert.equal(p._box, t._box);
  assert.ok(p.requires_grad && p.is_leaf);
  assert.ok(!new nn.Parameter(t, false).requires_grad);
  assert.ok(!(t instanceof nn.Parameter));
  assert.ok(!(p.detach() instanceof nn.Parameter));
  assert.ok(!(p.data instanceof nn.Parameter));
  assert.deepEqual(new nn.Parameter().shape, [0]);
});

test('Linear forward is x Wᵀ + b and builds the autograd graph', () => {
  const lin = new nn.Linear(3, 2);
  torch.no_grad(() => { lin.weight.copy_(torch.tensor([[1, 2, 3], [4, 5, 6]])); lin.bias!.copy_(torch.tensor([0.5, -1])); });
  const y = lin.call(torch.tensor([[1, 0, -1], [2, 1, 0]], { dtype: 'float32' }));
  assert.deepEqual(y.tolist(), [[-1.5, -3], [4.5, 12]]);
  assert.equal(y.grad_fn?.name(), 'AddmmBackward0');
  const y3 = lin.call(torch.ones([2, 5, 3]));
  assert.deepEqual(y3.shape, [2, 5, 2]);
  assert.deepEqual(new nn.Linear(3, 2, false).call(torch.ones([3])).shape, [2]);
  const id = new nn.Identity(54, 'unused');
  const x = torch.ones([2]);
  assert.equal(id.call(x), x);
});

test('the seeded default initialisation of Linear matches PyTorch\'s stream', () => {
  torch.manual_seed(0);
  const m = new nn.Linear(3, 2);
  const want = golden.seeded.linear_3_2;
  const close = (a: number[] | number[][], b: number[] | number[][]) =>
    a.flat().forEach((v, i) => assert.ok(Math.abs(v - (b.flat() as number[])[i]) < 1e-6, `${v} vs ${(b.flat() as number[])[i]}`));
  close(m.weight.tolist() as number[][], want.weight);
  close(m.bias!.tolist() as number[], want.bias);
});

test('module without the plain-attribute / getattr helpers: unknown names raise AttributeError', () => {
  const m = new nn.Linear(2, 2) as Module;
  assert.throws(() => m._getattr('nope'), /'Linear' object has no attribute 'nope'/);
  assert.ok(m._hasattr('weight') && m._hasattr('forward') && !m._hasattr('nope'));
});
