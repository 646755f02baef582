# Generates test/golden/optim_more.json from real PyTorch: trajectories of Adadelta, Adamax, NAdam, RAdam
# under fixed gradients, LBFGS runs with a closure (quadratic and Rosenbrock, with and without strong-Wolfe
# line search), learning-rate (and momentum) sequences of the remaining schedulers and their compositions,
# and PyTorch's error messages for bad hyper-parameters.
import json, torch
from pathlib import Path

torch.manual_seed(1)
p0 = torch.randn(3, 2)
grads = [torch.randn(3, 2) for _ in range(10)]


def plain(kw):
    return {k: list(v) if isinstance(v, tuple) else v for k, v in kw.items()}


OPTS = [
    ('Adadelta', dict()),
    ('Adadelta', dict(lr=0.5, rho=0.8, eps=1e-5, weight_decay=0.1, maximize=True)),
    ('Adamax', dict(lr=0.01)),
    ('Adamax', dict(lr=0.01, betas=(0.8, 0.9), weight_decay=0.1)),
    ('NAdam', dict(lr=0.01)),
    ('NAdam', dict(lr=0.01, momentum_decay=0.01, weight_decay=0.1)),
    ('NAdam', dict(lr=0.01, betas=(0.8, 0.95), weight_decay=0.1, decoupled_weight_decay=True, maximize=True)),
    ('RAdam', dict(lr=0.01)),
    # beta2 = 0.9 makes rho_t cross 5 within ten steps, so both branches of the rectification run.
    ('RAdam', dict(lr=0.01, betas=(0.9, 0.9), weight_decay=0.1)),
    ('RAdam', dict(lr=0.01, betas=(0.8, 0.9), weight_decay=0.1, decoupled_weight_decay=True, maximize=True)),
]
opt_cases = []
for name, kw in OPTS:
    p = torch.nn.Parameter(p0.clone())
    opt = getattr(torch.optim, name)([p], **kw)
    traj = []
    for g in grads:
        p.grad = g.clone()
        opt.step()
        traj.append(p.detach().flatten().tolist())
    opt_cases.append({'optimizer': name, 'kwargs': plain(kw), 'trajectory': traj})

# LBFGS: the objective is described by data so the test can rebuild it with engine ops. It runs in
# float64: near a minimum, float32 rounding of the gradients (summation order differs from PyTorch's
# kernels) changes the line search's decisions, so float32 runs agree only to ~1e-4 after many iterations.
A_half = torch.randn(7, 7, dtype=torch.float64)
quad_A = (A_half @ A_half.T / 7 + torch.eye(7, dtype=torch.float64))
quad_b = torch.randn(7, dtype=torch.float64)
quad_W0, quad_v0 = torch.randn(2, 2, dtype=torch.float64), torch.randn(3, dtype=torch.float64)


def quad_problem():
    W, v = torch.nn.Parameter(quad_W0.clone()), torch.nn.Parameter(quad_v0.clone())
    def loss_fn():
        x = torch.cat([W.reshape(-1), v])
        return 0.5 * x.dot(quad_A.mv(x)) - quad_b.dot(x)
    return [W, v], loss_fn


def rosen_problem(start):
    xy = torch.nn.Parameter(torch.tensor(start, dtype=torch.float64))
    def loss_fn():
        return (1 - xy[0]) ** 2 + 100 * (xy[1] - xy[0] ** 2) ** 2
    return [xy], loss_fn


LBFGS_CASES = [
    ('quadratic', None, dict(), 3),
    ('quadratic', None, dict(lr=0.5, max_iter=4, history_size=3), 4),
    ('quadratic', None, dict(max_iter=6, line_search_fn='strong_wolfe', history_size=2), 3),
    ('quadratic', None, dict(max_iter=50, tolerance_grad=1e-3, max_eval=9), 2),
    ('rosenbrock', [-1.5, 2.0], dict(lr=0.1, max_iter=8), 4),
    ('rosenbrock', [-1.5, 2.0], dict(max_iter=8, line_search_fn='strong_wolfe'), 4),
    ('rosenbrock', [0.5, -0.5], dict(max_iter=5, history_size=4, line_search_fn='strong_wolfe'), 5),
]
lbfgs_cases = []
for problem, start, kw, steps in LBFGS_CASES:
    params, loss_fn = quad_problem() if problem == 'quadratic' else rosen_problem(start)
    opt = torch.optim.LBFGS(params, **kw)
    def closure():
        opt.zero_grad()
        loss = loss_fn()
        loss.backward()
        return loss
    losses, traj, evals = [], [], []
    for _ in range(steps):
        losses.append(float(opt.step(closure).detach()))
        traj.append(torch.cat([p.detach().flatten() for p in params]).tolist())
        st = opt.state[params[0]]
        evals.append([st['func_evals'], st['n_iter']])
    lbfgs_cases.append({'problem': problem, 'start': start, 'kwargs': kw, 'losses': losses, 'trajectory': traj, 'evals': evals})

S = torch.optim.lr_scheduler


def build(opt, spec):
    kind = spec['kind']
    if kind == 'SequentialLR':
        return S.SequentialLR(opt, [build(opt, s) for s in spec['schedulers']], milestones=spec['milestones'])
    if kind == 'ChainedScheduler':
        return S.ChainedScheduler([build(opt, s) for s in spec['schedulers']])
    return getattr(S, kind)(opt, **spec.get('args', {}))


def k(kind, **args):
    return {'kind': kind, 'args': args}


SCHEDS = [
    (k('ConstantLR', factor=0.5, total_iters=4), 'SGD', None),
    (k('ConstantLR'), 'SGD', None),
    (k('LinearLR', start_factor=0.25, end_factor=1.0, total_iters=6), 'SGD', None),
    (k('LinearLR', start_factor=1.0, end_factor=0.1, total_iters=5), 'SGD', None),
    (k('PolynomialLR', total_iters=8, power=2.0), 'SGD', None),
    (k('PolynomialLR'), 'SGD', None),
    (k('CosineAnnealingWarmRestarts', T_0=3, T_mult=2, eta_min=0.001), 'SGD', None),
    (k('CosineAnnealingWarmRestarts', T_0=4), 'SGD', None),
    # fractional epochs, as in the per-batch pattern `scheduler.step(epoch + i / iters)`
    (k('CosineAnnealingWarmRestarts', T_0=2, T_mult=2, eta_min=0.01), 'SGD', [e + i / 4 for e in range(6) for i in range(4)]),
    (k('CosineAnnealingWarmRestarts', T_0=3, eta_min=0.01), 'SGD', [e + i / 3 for e in range(5) for i in range(3)]),
    (k('CyclicLR', base_lr=0.01, max_lr=0.1, step_size_up=4), 'SGD', None),
    (k('CyclicLR', base_lr=0.01, max_lr=0.1, step_size_up=3, step_size_down=2, mode='triangular2', base_momentum=0.7, max_momentum=0.95), 'SGD', None),
    (k('CyclicLR', base_lr=0.01, max_lr=0.1, step_size_up=3, mode='exp_range', gamma=0.9), 'SGD', None),
    (k('CyclicLR', base_lr=0.001, max_lr=0.01, step_size_up=5, cycle_momentum=False), 'SGD', None),
    (k('CyclicLR', base_lr=0.001, max_lr=0.01, step_size_up=2, mode='triangular2'), 'Adam', None),
    ({'kind': 'SequentialLR', 'schedulers': [k('LinearLR', start_factor=0.1, total_iters=4), k('ExponentialLR', gamma=0.9)], 'milestones': [4]}, 'SGD', None),
    ({'kind': 'SequentialLR', 'schedulers': [k('ConstantLR', factor=0.5, total_iters=3), k('CosineAnnealingLR', T_max=6, eta_min=0.01), k('StepLR', step_size=2, gamma=0.5)], 'milestones': [3, 9]}, 'SGD', None),
    ({'kind': 'SequentialLR', 'schedulers': [k('ExponentialLR', gamma=0.8), k('MultiStepLR', milestones=[2, 4], gamma=0.5), k('PolynomialLR', total_iters=4)], 'milestones': [5, 12]}, 'SGD', None),
    ({'kind': 'ChainedScheduler', 'schedulers': [k('ConstantLR', factor=0.5, total_iters=3), k('ExponentialLR', gamma=0.9)]}, 'SGD', None),
    ({'kind': 'ChainedScheduler', 'schedulers': [k('LinearLR', start_factor=0.5, total_iters=4), k('PolynomialLR', total_iters=10), k('StepLR', step_size=5, gamma=0.5)]}, 'SGD', None),
]
sched_cases = []
for spec, opt_name, epochs in SCHEDS:
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.1, momentum=0.9) if opt_name == 'SGD' else torch.optim.Adam([p], lr=0.1)
    s = build(opt, spec)
    lrs, moms, last = [], [], []
    for i in range(len(epochs) if epochs else 20):
        g = opt.param_groups[0]
        lrs.append(g['lr'])
        moms.append(g['momentum'] if opt_name == 'SGD' else g['betas'][0])
        last.append(s.get_last_lr()[0])
        opt.step()
        if epochs:
            s.step(epochs[i])
        else:
            s.step()
    sched_cases.append({'spec': spec, 'optimizer': opt_name, 'epochs': epochs, 'lrs': lrs, 'momentum': moms, 'last_lr': last})

# Two param groups with their own lr: per-group lists for CyclicLR, and compositions over both groups.
MULTI = [
    k('CyclicLR', base_lr=[0.01, 0.002], max_lr=[0.1, 0.02], step_size_up=3, base_momentum=[0.8, 0.7], max_momentum=[0.9, 0.95]),
    {'kind': 'SequentialLR', 'schedulers': [k('LinearLR', start_factor=0.5, total_iters=3), k('PolynomialLR', total_iters=5, power=1.5)], 'milestones': [3]},
    {'kind': 'ChainedScheduler', 'schedulers': [k('CosineAnnealingWarmRestarts', T_0=3), k('ConstantLR', factor=0.25, total_iters=2)]},
]
multi_cases = []
for spec in MULTI:
    ps = [torch.nn.Parameter(torch.zeros(1)), torch.nn.Parameter(torch.zeros(1))]
    opt = torch.optim.SGD([{'params': [ps[0]]}, {'params': [ps[1]], 'lr': 0.05}], lr=0.1, momentum=0.9)
    s = build(opt, spec)
    lrs, moms = [], []
    for _ in range(12):
        lrs.append([g['lr'] for g in opt.param_groups])
        moms.append([g['momentum'] for g in opt.param_groups])
        opt.step()
        s.step()
    multi_cases.append({'spec': spec, 'lrs': lrs, 'momentum': moms})


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - recording PyTorch's message is the point
        return [type(e).__name__, str(e)]
    raise AssertionError('expected an error')


def P():
    return [torch.nn.Parameter(torch.zeros(2))]


def sgd():
    return torch.optim.SGD(P(), lr=0.1)


ERRORS = [
    ('Adadelta', {'rho': 1.5}, lambda: torch.optim.Adadelta(P(), rho=1.5)),
    ('Adadelta', {'lr': -0.5}, lambda: torch.optim.Adadelta(P(), lr=-0.5)),
    ('Adamax', {'betas': [0.9, 1.5]}, lambda: torch.optim.Adamax(P(), betas=(0.9, 1.5))),
    ('NAdam', {'momentum_decay': -0.5}, lambda: torch.optim.NAdam(P(), momentum_decay=-0.5)),
    ('RAdam', {'eps': -0.5}, lambda: torch.optim.RAdam(P(), eps=-0.5)),
    ('SparseAdam', {'lr': 0}, lambda: torch.optim.SparseAdam(P(), lr=0)),
    ('LBFGS', {'lr': -0.5}, lambda: torch.optim.LBFGS(P(), lr=-0.5)),
    ('ConstantLR', {'factor': 1.5}, lambda: S.ConstantLR(sgd(), factor=1.5)),
    ('LinearLR', {'start_factor': 0}, lambda: S.LinearLR(sgd(), start_factor=0)),
    ('LinearLR', {'end_factor': 1.5}, lambda: S.LinearLR(sgd(), end_factor=1.5)),
    ('CosineAnnealingWarmRestarts', {'T_0': 0}, lambda: S.CosineAnnealingWarmRestarts(sgd(), T_0=0)),
    ('CosineAnnealingWarmRestarts', {'T_0': 2, 'T_mult': 0}, lambda: S.CosineAnnealingWarmRestarts(sgd(), T_0=2, T_mult=0)),
    ('CyclicLR', {'mode': 'nope'}, lambda: S.CyclicLR(sgd(), 0.01, 0.1, mode='nope')),
    ('CyclicLR_no_momentum', {}, lambda: S.CyclicLR(torch.optim.Adagrad(P()), 0.01, 0.1)),
]
errors = [{'call': name, 'kwargs': kw, 'error': error_of(fn)} for name, kw, fn in ERRORS]
p = P()
p[0].grad = torch.ones(2)
errors.append({'call': 'SparseAdam.step', 'kwargs': {}, 'error': error_of(lambda: torch.optim.SparseAdam(p).step())})
errors.append({'call': 'LBFGS_groups', 'kwargs': {}, 'error': error_of(lambda: torch.optim.LBFGS([{'params': P()}, {'params': P()}]))})
o = sgd()
errors.append({'call': 'SequentialLR_milestones', 'kwargs': {}, 'error': error_of(lambda: S.SequentialLR(o, [S.ConstantLR(o), S.ConstantLR(o)], milestones=[1, 2]))})

out = {'p0': p0.flatten().tolist(), 'shape': list(p0.shape), 'grads': [g.flatten().tolist() for g in grads],
       'optimizers': opt_cases,
       'quadratic': {'A': quad_A.flatten().tolist(), 'b': quad_b.tolist(), 'W0': quad_W0.flatten().tolist(), 'v0': quad_v0.tolist()},
       'lbfgs': lbfgs_cases, 'schedulers': sched_cases, 'multi_group': multi_cases, 'errors': errors}
Path(__file__).with_name('optim_more.json').write_text(json.dumps(out, indent=0))
print('wrote', len(opt_cases), 'optimizer cases,', len(lbfgs_cases), 'LBFGS runs,', len(sched_cases), 'schedulers,', len(errors), 'errors')
