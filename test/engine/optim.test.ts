// torch.optim against real PyTorch: parameter trajectories under fixed gradients for every optimizer
// configuration, scheduler learning-rate sequences, ReduceLROnPlateau, and clip_grad_norm_.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { torch, type Tensor } from '../../src/engine';
import * as optim from '../../src/engine/optim';
import { clip_grad_norm_ } from '../../src/engine/nn/utils/clip_grad';

const fx = JSON.parse(readFileSync(join(__dirname, '../golden/optim.json'), 'utf8'));

function assertClose(actual: number[], expected: number[], rtol = 1e-5, atol = 1e-6, what = '') {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((a, i) => {
    const e = expected[i];
    assert.ok(Math.abs(a - e) <= atol + rtol * Math.abs(e), `${what}[${i}]: ${a} vs ${e}`);
  });
}

const leaf = (flat: number[], shape: number[]): Tensor => torch.tensor(flat, { dtype: 'float32' }).reshape(shape).detach().requires_grad_(true);

for (const c of fx.optimizers) {
  test(`${c.optimizer}(${JSON.stringify(c.kwargs)}) follows PyTorch for 6 steps`, () => {
    const p = leaf(fx.p0, fx.shape);
    const Ctor = (optim as any)[c.optimizer];
    const opt = new Ctor([p], c.kwargs);
    c.trajectory.forEach((expected: number[], i: number) => {
      p.grad = torch.tensor(fx.grads[i]).reshape(fx.shape);
      opt.step();
      assertClose(p.reshape(-1).tolist() as number[], expected, 1e-5, 1e-6, `step ${i + 1}`);
    });
  });
}

for (const c of fx.schedulers) {
  test(`lr_scheduler.${c.scheduler} gives PyTorch's learning rates`, () => {
    const p = leaf([0], [1]);
    const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.9 });
    const S = optim.lr_scheduler as any;
    const k = c.kwargs;
    const sched =
      c.scheduler === 'StepLR' ? new S.StepLR(opt, k.step_size, k.gamma)
      : c.scheduler === 'MultiStepLR' ? new S.MultiStepLR(opt, k.milestones, k.gamma)
      : c.scheduler === 'ExponentialLR' ? new S.ExponentialLR(opt, k.gamma)
      : c.scheduler === 'CosineAnnealingLR' ? new S.CosineAnnealingLR(opt, k.T_max, k.eta_min)
      : c.scheduler === 'LambdaLR' ? new S.LambdaLR(opt, (e: number) => Math.pow(0.95, e))
      : new S.OneCycleLR(opt, k.max_lr, { total_steps: k.total_steps, anneal_strategy: k.anneal_strategy, three_phase: k.three_phase });
    const lrs: number[] = [], moms: number[] = [];
    for (let i = 0; i < c.lrs.length; i++) {
      lrs.push(opt.param_groups[0].lr as number);
      moms.push(opt.param_groups[0].momentum as number);
      p.grad = torch.zeros([1]);
      opt.step();
      sched.step();
    }
    assertClose(lrs, c.lrs, 1e-9, 1e-12, 'lr');
    assertClose(moms, c.momentum, 1e-9, 1e-12, 'momentum');
  });
}

test('ReduceLROnPlateau lowers the learning rate after `patience` bad epochs, with cooldown', () => {
  const opt = new optim.SGD([leaf([0], [1])], { lr: 1.0 });
  const s = new optim.lr_scheduler.ReduceLROnPlateau(opt, { patience: 2, factor: 0.5, cooldown: 1 });
  const lrs = fx.plateau.metrics.map((m: number) => { s.step(m); return opt.param_groups[0].lr; });
  assertClose(lrs, fx.plateau.lrs, 1e-12, 0);
});

test('clip_grad_norm_ returns the total norm and scales gradients as PyTorch', () => {
  const c = fx.clip_grad_norm;
  const ps = c.shapes.map((s: number[], i: number) => {
    const p = leaf(c.grads[i].map(() => 0), s);
    p.grad = torch.tensor(c.grads[i]).reshape(s);
    return p;
  });
  const total = clip_grad_norm_(ps, 1.0);
  assertClose([Number(total.item())], [c.total_norm], 1e-5);
  ps.forEach((p: Tensor, i: number) => assertClose(p.grad!.reshape(-1).tolist() as number[], c.clipped[i], 1e-5, 1e-7));
});

test('optimizer repr, zero_grad, param groups and state_dict round trip', () => {
  const p = leaf([1, 2], [2]);
  const opt = new optim.SGD([p], { lr: 0.1, momentum: 0.9 });
  assert.equal(opt.toString(), fx.sgd_repr);
  p.grad = torch.tensor([1, 1], { dtype: 'float32' });
  opt.step();
  const sd = opt.state_dict();
  assert.deepEqual([...sd.state.keys()], [0]);
  const opt2 = new optim.SGD([p], { lr: 0.5, momentum: 0.9 });
  opt2.load_state_dict(sd);
  assert.equal(opt2.param_groups[0].lr, 0.1);
  opt.zero_grad();
  assert.equal(p.grad, null);
  assert.throws(() => new optim.SGD([], { lr: 0.1 }), /optimizer got an empty parameter list/);
  assert.throws(() => new optim.Adam([p], { lr: -1 }), /Invalid learning rate: -1/);
  assert.throws(() => new optim.SGD([p.mul(2)], { lr: 0.1 }), /can't optimize a non-leaf Tensor/);
});
