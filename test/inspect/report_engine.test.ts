// The report builder on models built in TypeScript (no interpreter): parameters, buffers, calls,
// MACs counted inside the engine, the torchinfo-style text, markdown and CSV, checked against PyTorch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nn, torch, type Tensor } from '../../src/engine';
import { reportForModule, formatReport } from '../../src/inspect';
import { assertMatchesTorch, caseFor } from './fixtures';

const F = nn.functional;

/** examples/lenet.py, written against the engine directly. */
class LeNet extends nn.Module {
  constructor() {
    super();
    this.add_module('conv1', new nn.Conv2d(1, 6, 5));
    this.add_module('conv2', new nn.Conv2d(6, 16, 5));
    this.add_module('fc1', new nn.Linear(16 * 5 * 5, 120));
    this.add_module('fc2', new nn.Linear(120, 84));
    this.add_module('fc3', new nn.Linear(84, 10));
  }
  private m(name: string): (x: Tensor) => Tensor {
    const mod = this._modules.get(name)!;
    return (x) => mod.call(x) as Tensor;
  }
  override forward(x: Tensor): Tensor {
    x = F.max_pool2d(F.relu(this.m('conv1')(x)), 2);
    x = F.max_pool2d(F.relu(this.m('conv2')(x)), 2);
    x = torch.flatten(x, 1);
    x = F.relu(this.m('fc1')(x));
    x = F.relu(this.m('fc2')(x));
    return this.m('fc3')(x);
  }
}

test('LeNet built in TypeScript: the report equals PyTorch (params, calls, output, repr, MACs)', () => {
  for (const device of ['meta', 'cpu'] as const) {
    torch.set_default_device(device);
    try {
      const r = reportForModule(new LeNet(), [torch.randn([1, 1, 32, 32])]);
      assert.deepEqual(r.diagnostics, []);
      assert.equal(r.device, device);
      assertMatchesTorch(r, caseFor('examples/lenet.py'));
      // conv1: 6·28·28·(1·5·5); the root row holds the whole forward.
      assert.equal(r.modules.find((m) => m.name === 'conv1')!.mult_adds, 6 * 28 * 28 * 25);
      assert.equal(r.modules[0].mult_adds, r.totals.mult_adds);
      assert.equal(r.totals.flops, 2 * r.totals.mult_adds);
      assert.equal(r.totals.param_bytes, 61706 * 4);
    } finally {
      torch.set_default_device('cpu');
    }
  }
});

test('the torchinfo-style text table: tree, shapes, Param #, totals', () => {
  torch.set_default_device('meta');
  try {
    const text = formatReport(reportForModule(new LeNet(), [torch.randn([1, 1, 32, 32])]), 'text');
    const lines = text.split('\n');
    assert.match(lines[1], /^Layer \(type:depth-idx\)\s+Input Shape\s+Output Shape\s+Param #\s+Trainable\s+Mult-Adds$/);
    assert.match(text, /^LeNet\s+\[1, 1, 32, 32\]\s+\[1, 10\]\s+--\s+True\s+416,520$/m);
    assert.match(text, /^├─Conv2d: 1-1\s+\[1, 1, 32, 32\]\s+\[1, 6, 28, 28\]\s+156\s+True\s+117,600$/m);
    assert.match(text, /^├─Linear: 1-5\s+\[1, 84\]\s+\[1, 10\]\s+850\s+True\s+840$/m);
    assert.match(text, /^Total params: 61,706$/m);
    assert.match(text, /^Trainable params: 61,706$/m);
    assert.match(text, /^Non-trainable params: 0$/m);
    assert.match(text, /^Total mult-adds \(M\): 0\.42$/m);
    assert.match(text, /^Params size \(MB\): 0\.25$/m);
  } finally {
    torch.set_default_device('cpu');
  }
});

class Block extends nn.Module {
  constructor() {
    super();
    this.add_module('lin', new nn.Linear(4, 4));
    this.register_buffer('steps', torch.zeros([1]));
  }
  override forward(x: Tensor): Tensor { return (this._modules.get('lin') as InstanceType<typeof nn.Linear>).call(x); }
}

class Tied extends nn.Module {
  constructor() {
    super();
    this.add_module('a', new Block());
    this.add_module('b', new nn.Sequential(new Block(), new nn.ReLU()));
    const a = this._modules.get('a')!._modules.get('lin') as InstanceType<typeof nn.Linear>;
    const b = (this._modules.get('b')!._modules.get('0'))!._modules.get('lin') as InstanceType<typeof nn.Linear>;
    b.weight = a.weight;
    this.register_parameter('scale', new nn.Parameter(torch.ones([4])));
  }
  override forward(x: Tensor): [Tensor, { twice: Tensor }] {
    const a = this._modules.get('a')!;
    const y = a.call(a.call(x)).mul(this._parameters.get('scale')!);
    return [y, { twice: (this._modules.get('b')!).call(y) }];
  }
}

test('tied weights once, direct parameters, buffers, repeated calls and tuple/dict outputs', () => {
  const r = reportForModule(new Tied(), [torch.randn([2, 4])]);
  assert.deepEqual(r.parameters.map((p) => [p.name, p.shared_with]), [
    ['scale', null], ['a.lin.weight', null], ['a.lin.bias', null], ['b.0.lin.weight', 'a.lin.weight'], ['b.0.lin.bias', null],
  ]);
  assert.equal(r.totals.params, 4 + 16 + 4 + 4);
  assert.deepEqual(r.buffers.map((b) => b.name), ['a.steps', 'b.0.steps']);
  assert.equal(r.totals.buffer_bytes, 8);
  const a = r.modules.find((m) => m.name === 'a')!;
  assert.equal(a.calls.length, 2);
  assert.deepEqual(r.output, [{ shape: [2, 4], dtype: 'float32' }, { twice: { shape: [2, 4], dtype: 'float32' } }]);
  // 3 Linear(4, 4) calls on 2 rows: 3·2·4·4 MACs; module `a` ran twice.
  assert.equal(r.totals.mult_adds, 96);
  assert.equal(a.mult_adds, 64);
  const text = formatReport(r, 'text');
  assert.match(text, /Block: 1-1 \(call 1\)/);
  assert.match(text, /Block: 1-2 \(call 2\)/);
  assert.match(text, /Tied parameters \(counted once\): b\.0\.lin\.weight = a\.lin\.weight/);
  assert.match(text, /Buffers: 2 \(2 elements, 0\.00 MB\)/);
  // Adam: params+buffers, grads, two moments, saved activations.
  const m = r.memory!;
  assert.equal(m.grads, 28 * 4);
  assert.equal(m.adam, 2 * 28 * 4);
  assert.equal(r.totals.train_memory_bytes, m.params + m.grads + m.adam + m.activations);
});

test('markdown and CSV list every module call', () => {
  const r = reportForModule(new Tied(), [torch.randn([2, 4])]);
  const md = formatReport(r, 'markdown');
  assert.match(md, /^\| Layer \| Type \| Input shape \| Output shape \| Param # \| Trainable \| Mult-Adds \|$/m);
  assert.match(md, /^\| &nbsp;&nbsp;a \(call 2\) \| Block \| \[2, 4\] \| \[2, 4\] \| \(same\) \| True \| 32 \|$/m);
  const csv = formatReport(r, 'csv').trim().split('\n');
  assert.equal(csv[0], 'name,type,depth,call,input_shapes,output_shape,params,trainable_params,mult_adds,flops');
  assert.ok(csv.includes('a,Block,1,2,"[2, 4]","[2, 4]",20,20,64,128'), csv.join('\n'));
  assert.equal(csv.length, 1 + 1 + 2 + 2 + 1 + 1 + 1 + 1); // header, root, a ×2, a.lin ×2, b, b.0, b.0.lin, b.1
});

test('--depth folds deeper modules into their parent', () => {
  const r = reportForModule(new Tied(), [torch.randn([2, 4])]);
  const text = formatReport(r, 'text', { depth: 1 });
  assert.doesNotMatch(text, /Linear/);
  assert.match(text, /├─Sequential: 1-3\s+\[2, 4\]\s+\[2, 4\]\s+20 \(rec\.\)/);
});
