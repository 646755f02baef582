// Shared pieces of the nn tests: the golden fixture (test/golden/nn_core.json from gen_nn_core.py),
// TypeScript twins of the Python modules it builds, and an assertion for PyTorch-worded errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nn, torch, TorchError, type Tensor } from '../../src/engine';

type Grads = (number[][] | number[] | null)[];
export interface HookRun {
  grad_input?: Grads; grad_output?: Grads; pre_grad_output?: Grads; y_grad_fn: string;
  x_grad: number[][] | null; weight_grad: number[][]; bias_grad: number[];
}
export const golden = JSON.parse(readFileSync(join(__dirname, '..', 'golden', 'nn_core.json'), 'utf8')) as {
  repr: Record<string, string>;
  names: Record<string, any>;
  errors: Record<string, { type: string; message: string }>;
  hooks: { inputs: { W: number[][]; B: number[]; X: number[][]; C: number[][] } } & Record<string, HookRun>;
  seeded: Record<string, any>;
  gains: Record<string, number>;
  fans: Record<string, [number, number]>;
};

/** Asserts fn throws the error PyTorch raised for the same mistake (fixture key `name`). */
export function throwsLikeTorch(name: string, fn: () => unknown): void {
  const want = golden.errors[name];
  assert.ok(want, `no fixture error ${name}`);
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof TorchError, `expected a TorchError, got ${String(e)}`);
    assert.equal(e.kind, want.type);
    assert.equal(e.message, want.message);
    return true;
  });
}

const Module = nn.Module;
type Module = InstanceType<typeof Module>;
export const sub = (m: Module, name: string) => m.__getattr__(name) as Module;

/** The seed's Net (its forward calls the misspelt `self.layer1`). */
export class Net extends Module {
  static override pyName = 'Net';
  static override pyModule = '__main__';
  constructor(inDim: number, h1: number, h2: number, outDim: number) {
    super();
    this.__setattr__('layer', new nn.Sequential(new nn.Linear(inDim, h1), new nn.Identity()));
    this.__setattr__('layer2', new nn.Sequential(new nn.Linear(h1, h2), new nn.Identity()));
    this.__setattr__('layer3', new nn.Linear(h2, outDim));
  }
  override forward(x: Tensor): Tensor {
    return sub(this, 'layer3').call(sub(this, 'layer2').call(sub(this, 'layer1').call(x)));
  }
}

export class Block extends Module {
  static override pyName = 'Block';
  constructor() {
    super();
    this.__setattr__('fc', new nn.Linear(4, 4));
    this.__setattr__('proj', new nn.Linear(4, 4, false));
  }
}

export class Tower extends Module {
  static override pyName = 'Tower';
  constructor() {
    super();
    this.__setattr__('blocks', new nn.ModuleList(Array.from({ length: 12 }, () => new Block())));
    this.__setattr__('head', new nn.Linear(4, 2));
  }
}

/** Modules kept in a plain list are invisible to the Module machinery; a ModuleList registers them. */
export class MyModuleList extends Module {
  static override pyName = 'MyModuleList';
  constructor() {
    super();
    this.__setattr__('list', [new nn.Linear(3, 4), new nn.Identity()]);
    this.__setattr__('module_list', new nn.ModuleList([new nn.Linear(3, 3), new nn.Identity()]));
  }
}

export class Extra extends Module {
  static override pyName = 'Extra';
  constructor(private readonly text: string, child: boolean) {
    super();
    if (child) this.__setattr__('child', new nn.Linear(1, 1));
  }
  override extra_repr(): string { return this.text; }
}

export class WithBuffers extends Module {
  static override pyName = 'WithBuffers';
  constructor() {
    super();
    this.__setattr__('fc', new nn.Linear(2, 2));
    this.register_buffer('running', torch.zeros([2]));
    this.register_buffer('scratch', torch.zeros([2]), false);
    this.__setattr__('scale', new nn.Parameter(torch.ones([1])));
  }
}

export const names = (it: Iterable<[string, unknown]>): string[] => [...it].map(([n]) => n);
