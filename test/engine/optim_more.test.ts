// The remaining torch.optim pieces against real PyTorch (test/golden/optim_more.json): Adadelta, Adamax,
// NAdam, RAdam trajectories; LBFGS runs with a closure, with and without strong-Wolfe line search; the
// remaining schedulers and their compositions (lr and momentum per step); PyTorch's error messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { torch, type Tensor } from '../../src/engine';
import * as optim from '../../src/engine/optim';
import type { LRScheduler } from '../../src/engine/optim/lr_scheduler';
import { TorchError } from '../../src/engine/errors';

const fx = JSON.parse(readFileSync(join(__dirname, '../golden/optim_more.json'), 'utf8'));
const S = optim.lr_scheduler;

function assertClose(actual: number[], expected: number[], rtol = 1e-5, atol = 1e-6, what = '') {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((a, i) => {
    const e = expected[i];
    assert.ok(Math.abs(a - e) <= atol + rtol * Math.abs(e), `${what}[${i}]: ${a} vs ${e}`);
  });
}

const leaf = (flat: number[], shape: number[], dtype: 'float32' | 'float64' = 'float32'): Tensor =>
  torch.tensor(flat, { dtype }).reshape(shape).detach().requires_grad_(true);
const flat = (ps: Tensor[]): number[] => ps.flatMap((p) => p.detach().reshape(-1).tolist() as number[]);

for (const c of fx.optimizers) {
  test(`${c.optimizer}(${JSON.stringify(c.kwargs)}) follows PyTorch for ${c.trajectory.length} steps`, () => {
    const p = leaf(fx.p0, fx.shape);
    const opt = new (optim as any)[c.optimizer]([p], c.kwargs);
    c.trajectory.forEach((expected: number[], i: number) => {
      p.grad = torch.tensor(fx.grads[i]).reshape(fx.shape);
      opt.step();
      assertClose(flat([p]), expected, 1e-5, 1e-6, `step ${i + 1}`);
    });
  });
}

/** The generator's objectives, rebuilt with engine ops: 0.5 xᵀAx − bᵀx over [W, v], and Rosenbrock.
 *  In float64, as generated (see gen_optim_more.py for why). */
function problem(c: { problem: string; start: number[] | null }): { params: Tensor[]; loss: () => Tensor } {
  if (c.problem === 'quadratic') {
    const q = fx.quadratic;
    const A = torch.tensor(q.A, { dtype: 'float64' }).reshape([7, 7]);
    const b = torch.tensor(q.b, { dtype: 'float64' });
    const W = leaf(q.W0, [2, 2], 'float64'), v = leaf(q.v0, [3], 'float64');
    return {
      params: [W, v],
      loss: () => {
        const x = torch.cat([W.reshape(-1), v]);
        return x.dot(A.mv(x)).mul(0.5).sub(b.dot(x));
      },
    };
  }
  const xy = leaf(c.start!, [2], 'float64');
  return {
    params: [xy],
    loss: () => {
      const x = xy.select(0, 0), y = xy.select(0, 1);
      return x.neg().add(1).pow(2).add(y.sub(x.pow(2)).pow(2).mul(100));
    },
  };
}

for (const c of fx.lbfgs) {
  test(`LBFGS(${JSON.stringify(c.kwargs)}) on ${c.problem} follows PyTorch step by step`, () => {
    const { params, loss } = problem(c);
    const opt = new optim.LBFGS(params, c.kwargs);
    const closure = (): Tensor => {
      opt.zero_grad();
      const l = loss();
      l.backward();
      return l;
    };
    c.losses.forEach((expectedLoss: number, i: number) => {
      const l = opt.step(closure) as Tensor;
      assertClose([Number(l.item())], [expectedLoss], 1e-5, 1e-9, `loss of step ${i + 1}`);
      assertClose(flat(params), c.trajectory[i], 1e-5, 1e-9, `params after step ${i + 1}`);
      const st = opt.state.get(params[0])!;
      assert.deepEqual([st.get('func_evals'), st.get('n_iter')], c.evals[i], `func_evals, n_iter after step ${i + 1}`);
    });
  });
}

interface Spec { kind: string; args?: Record<string, any>; schedulers?: Spec[]; milestones?: number[] }

/** Builds a scheduler from the generator's spec (PyTorch keyword arguments → our positional order). */
function build(opt: optim.Optimizer, s: Spec): LRScheduler {
  const a = s.args ?? {};
  switch (s.kind) {
    case 'SequentialLR': return new S.SequentialLR(opt, s.schedulers!.map((x) => build(opt, x)), s.milestones!);
    case 'ChainedScheduler': return new S.ChainedScheduler(s.schedulers!.map((x) => build(opt, x)));
    case 'ConstantLR': return new S.ConstantLR(opt, a.factor, a.total_iters);
    case 'LinearLR': return new S.LinearLR(opt, a.start_factor, a.end_factor, a.total_iters);
    case 'PolynomialLR': return new S.PolynomialLR(opt, a.total_iters, a.power);
    case 'CosineAnnealingWarmRestarts': return new S.CosineAnnealingWarmRestarts(opt, a.T_0, a.T_mult, a.eta_min);
    case 'CyclicLR': {
      const { base_lr, max_lr, ...rest } = a;
      return new S.CyclicLR(opt, base_lr, max_lr, rest);
    }
    case 'ExponentialLR': return new S.ExponentialLR(opt, a.gamma);
    case 'StepLR': return new S.StepLR(opt, a.step_size, a.gamma);
    case 'MultiStepLR': return new S.MultiStepLR(opt, a.milestones, a.gamma);
    case 'CosineAnnealingLR': return new S.CosineAnnealingLR(opt, a.T_max, a.eta_min);
    default: throw new Error(`test does not know scheduler ${s.kind}`);
  }
}

const describe = (s: Spec): string => (s.schedulers ? `${s.kind}[${s.schedulers.map(describe).join(', ')}]` : `${s.kind}(${JSON.stringify(s.args)})`);

for (const c of fx.schedulers) {
  const how = c.epochs ? ' with fractional step(epoch)' : '';
  test(`lr_scheduler.${describe(c.spec)} on ${c.optimizer}${how} gives PyTorch's learning rates and momentum`, () => {
    const p = leaf([0], [1]);
    const opt = c.optimizer === 'SGD' ? new optim.SGD([p], { lr: 0.1, momentum: 0.9 }) : new optim.Adam([p], { lr: 0.1 });
    const sched = build(opt, c.spec);
    const lrs: number[] = [], moms: number[] = [], last: number[] = [];
    for (let i = 0; i < c.lrs.length; i++) {
      const g = opt.param_groups[0];
      lrs.push(g.lr as number);
      moms.push(c.optimizer === 'SGD' ? (g.momentum as number) : (g.betas as number[])[0]);
      last.push(sched.get_last_lr()[0]);
      p.grad = torch.zeros([1]);
      opt.step();
      if (c.epochs) sched.step(c.epochs[i]);
      else sched.step();
    }
    assertClose(lrs, c.lrs, 1e-9, 1e-12, 'lr');
    assertClose(moms, c.momentum, 1e-9, 1e-12, 'momentum');
    assertClose(last, c.last_lr, 1e-9, 1e-12, 'get_last_lr');
  });
}

const P = (): Tensor[] => [leaf([0, 0], [2])];
const sgd = (): optim.SGD => new optim.SGD(P(), { lr: 0.1 });
const ERROR_CALLS: Record<string, (kw: any) => unknown> = {
  Adadelta: (kw) => new optim.Adadelta(P(), kw),
  Adamax: (kw) => new optim.Adamax(P(), kw),
  NAdam: (kw) => new optim.NAdam(P(), kw),
  RAdam: (kw) => new optim.RAdam(P(), kw),
  SparseAdam: (kw) => new optim.SparseAdam(P(), kw),
  LBFGS: (kw) => new optim.LBFGS(P(), kw),
  ConstantLR: (kw) => new S.ConstantLR(sgd(), kw.factor),
  LinearLR: (kw) => new S.LinearLR(sgd(), kw.start_factor, kw.end_factor),
  CosineAnnealingWarmRestarts: (kw) => new S.CosineAnnealingWarmRestarts(sgd(), kw.T_0, kw.T_mult),
  CyclicLR: (kw) => new S.CyclicLR(sgd(), 0.01, 0.1, kw),
  CyclicLR_no_momentum: () => new S.CyclicLR(new optim.Adagrad(P()), 0.01, 0.1),
  'SparseAdam.step': () => {
    const ps = P();
    ps[0].grad = torch.ones([2]);
    new optim.SparseAdam(ps).step();
  },
  LBFGS_groups: () => new optim.LBFGS([{ params: P() }, { params: P() }]),
  SequentialLR_milestones: () => {
    const o = sgd();
    return new S.SequentialLR(o, [new S.ConstantLR(o), new S.ConstantLR(o)], [1, 2]);
  },
};

for (const e of fx.errors) {
  test(`${e.call}(${JSON.stringify(e.kwargs)}) raises PyTorch's ${e.error[0]}`, () => {
    const [kind, message] = e.error as [string, string];
    assert.throws(() => ERROR_CALLS[e.call](e.kwargs), (err: unknown) => {
      assert.ok(err instanceof TorchError, String(err));
      assert.equal(err.kind, kind);
      // Our SparseAdam adds why every gradient is dense here; the PyTorch sentence comes first, verbatim.
      assert.ok(err.message.startsWith(message), `${err.message} vs ${message}`);
      return true;
    });
  });
}

test('LBFGS needs a closure, and keeps its history in the first parameter\'s state', () => {
  const p = leaf([3, -2], [2]);
  const opt = new optim.LBFGS([p], { max_iter: 3 });
  assert.throws(() => opt.step(), /LBFGS.step\(\) missing 1 required positional argument: 'closure'/);
  const closure = (): Tensor => {
    opt.zero_grad();
    const l = p.pow(2).sum();
    l.backward();
    return l;
  };
  const bad = new optim.LBFGS([leaf([1], [1])], { line_search_fn: 'backtracking' as never });
  const q = bad.param_groups[0].params[0];
  assert.throws(() => bad.step(() => { bad.zero_grad(); const l = q.pow(2).sum(); l.backward(); return l; }), /only 'strong_wolfe' is supported/);
  assert.equal(Number((opt.step(closure) as Tensor).item()), 13);
  const st = opt.state.get(p)!;
  assert.ok((st.get('n_iter') as number) >= 1);
  assert.ok(st.get('d') instanceof Object);
  // A minimum already reached: the gradient test stops before any iteration.
  const z = leaf([0, 0], [2]);
  const o2 = new optim.LBFGS([z]);
  o2.step(() => { o2.zero_grad(); const l = z.pow(2).sum(); l.backward(); return l; });
  assert.deepEqual(flat([z]), [0, 0]);
  assert.equal(o2.state.get(z)!.get('n_iter'), 0);
});

test('SequentialLR and ChainedScheduler reject schedulers of another optimizer', () => {
  const a = sgd(), b = sgd();
  assert.throws(() => new S.SequentialLR(a, [new S.ConstantLR(a), new S.ConstantLR(b)], [2]), /expects all schedulers to belong to the same optimizer/);
  assert.throws(() => new S.ChainedScheduler([new S.ConstantLR(a), new S.ConstantLR(b)]), /expects all schedulers to belong to the same optimizer/);
  assert.throws(() => new S.ChainedScheduler([]), /expects at least one scheduler to be chained/);
  assert.throws(() => new S.SequentialLR(a, [new S.ReduceLROnPlateau(a) as never], []), /does not support `ReduceLROnPlateau`/);
});

test('CosineAnnealingWarmRestarts rejects a negative epoch; step(epoch) on a closed-form scheduler jumps there', () => {
  const s = new S.CosineAnnealingWarmRestarts(sgd(), 2);
  assert.throws(() => s.step(-1), /Expected non-negative epoch, but got -1/);
  const opt = sgd();
  const lin = new S.LinearLR(opt, 0.5, 1, 4);
  lin.step(2);
  assertClose([opt.param_groups[0].lr as number], [0.1 * 0.75], 1e-12, 0);
  const exp = new S.ExponentialLR(sgd(), 0.5);
  exp.step(3);
  assertClose(exp.get_last_lr(), [0.1 * 0.125], 1e-12, 0);
});

test('LBFGS state_dict carries the curvature history: a reloaded optimizer continues identically', () => {
  const run = (xy: Tensor, opt: optim.LBFGS) => () => {
    opt.zero_grad();
    const x = xy.select(0, 0), y = xy.select(0, 1);
    const l = x.neg().add(1).pow(2).add(y.sub(x.pow(2)).pow(2).mul(100));
    l.backward();
    return l;
  };
  const a = leaf([-1.2, 1], [2], 'float64');
  const optA = new optim.LBFGS([a], { max_iter: 3, history_size: 5 });
  optA.step(run(a, optA));
  optA.step(run(a, optA));
  const b = leaf(flat([a]), [2], 'float64');
  const optB = new optim.LBFGS([b], { max_iter: 3, history_size: 5 });
  optB.load_state_dict(optA.state_dict());
  assert.equal((optB.state.get(b)!.get('old_dirs') as Tensor).shape[1], 2);
  optA.step(run(a, optA));
  optB.step(run(b, optB));
  assert.deepEqual(flat([b]), flat([a]));
  assert.deepEqual([optB.state.get(b)!.get('func_evals'), optB.state.get(b)!.get('n_iter')], [optA.state.get(a)!.get('func_evals'), optA.state.get(a)!.get('n_iter')]);
});

for (const c of fx.multi_group) {
  test(`lr_scheduler.${describe(c.spec)} with two param groups gives PyTorch's per-group lr and momentum`, () => {
    const ps = [leaf([0], [1]), leaf([0], [1])];
    const opt = new optim.SGD([{ params: [ps[0]] }, { params: [ps[1]], lr: 0.05 }], { lr: 0.1, momentum: 0.9 });
    const sched = build(opt, c.spec);
    c.lrs.forEach((expected: number[], i: number) => {
      assertClose(opt.param_groups.map((g) => g.lr as number), expected, 1e-9, 1e-12, `lr at step ${i}`);
      assertClose(opt.param_groups.map((g) => g.momentum as number), c.momentum[i], 1e-9, 1e-12, `momentum at step ${i}`);
      for (const p of ps) p.grad = torch.zeros([1]);
      opt.step();
      sched.step();
    });
  });
}
