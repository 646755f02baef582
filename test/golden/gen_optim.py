# Generates test/golden/optim.json: parameter trajectories of every optimizer configuration under
# fixed gradients, and learning-rate sequences of every scheduler, from real PyTorch.
import json, math, torch
from pathlib import Path

torch.manual_seed(0)
p0 = torch.randn(3, 2)
grads = [torch.randn(3, 2) for _ in range(6)]

OPTS = [
    ('SGD', dict(lr=0.1)),
    ('SGD', dict(lr=0.1, momentum=0.9)),
    ('SGD', dict(lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01)),
    ('SGD', dict(lr=0.1, momentum=0.9, nesterov=True)),
    ('SGD', dict(lr=0.05, maximize=True, weight_decay=0.1)),
    ('Adam', dict(lr=0.01)),
    ('Adam', dict(lr=0.01, betas=(0.8, 0.9), weight_decay=0.1)),
    ('Adam', dict(lr=0.01, amsgrad=True)),
    ('AdamW', dict(lr=0.01)),
    ('AdamW', dict(lr=0.01, weight_decay=0.1, amsgrad=True)),
    ('RMSprop', dict(lr=0.01)),
    ('RMSprop', dict(lr=0.01, momentum=0.9, centered=True, weight_decay=0.01)),
    ('Adagrad', dict(lr=0.1)),
    ('Adagrad', dict(lr=0.1, lr_decay=0.01, weight_decay=0.1, initial_accumulator_value=0.5)),
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
    opt_cases.append({'optimizer': name, 'kwargs': {k: list(v) if isinstance(v, tuple) else v for k, v in kw.items()}, 'trajectory': traj})

S = torch.optim.lr_scheduler
SCHEDS = [
    ('StepLR', lambda o: S.StepLR(o, step_size=3, gamma=0.5), {'step_size': 3, 'gamma': 0.5}),
    ('MultiStepLR', lambda o: S.MultiStepLR(o, milestones=[2, 5, 5, 9], gamma=0.5), {'milestones': [2, 5, 5, 9], 'gamma': 0.5}),
    ('ExponentialLR', lambda o: S.ExponentialLR(o, gamma=0.9), {'gamma': 0.9}),
    ('CosineAnnealingLR', lambda o: S.CosineAnnealingLR(o, T_max=5, eta_min=0.01), {'T_max': 5, 'eta_min': 0.01}),
    ('LambdaLR', lambda o: S.LambdaLR(o, lr_lambda=lambda e: 0.95 ** e), {}),
    ('OneCycleLR', lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=20), {'max_lr': 1.0, 'total_steps': 20}),
    ('OneCycleLR_linear3', lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=20, anneal_strategy='linear', three_phase=True), {'max_lr': 1.0, 'total_steps': 20, 'anneal_strategy': 'linear', 'three_phase': True}),
]
sched_cases = []
for name, make, kw in SCHEDS:
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.1, momentum=0.9)
    s = make(opt)
    lrs, moms = [], []
    for _ in range(19):
        lrs.append(opt.param_groups[0]['lr'])
        moms.append(opt.param_groups[0]['momentum'])
        opt.step()
        s.step()
    sched_cases.append({'scheduler': name, 'kwargs': kw, 'lrs': lrs, 'momentum': moms})

p = torch.nn.Parameter(torch.zeros(1))
opt = torch.optim.SGD([p], lr=1.0)
plateau = S.ReduceLROnPlateau(opt, patience=2, factor=0.5, cooldown=1)
metrics = [5, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 2]
plat = []
for m in metrics:
    plateau.step(m)
    plat.append(opt.param_groups[0]['lr'])

clip_params = [torch.randn(4, 3), torch.randn(5)]
clip_grads = [torch.randn(4, 3) * 3, torch.randn(5) * 3]
ps = [torch.nn.Parameter(x.clone()) for x in clip_params]
for p, g in zip(ps, clip_grads): p.grad = g.clone()
total = torch.nn.utils.clip_grad_norm_(ps, max_norm=1.0)
clip = {'grads': [g.flatten().tolist() for g in clip_grads], 'shapes': [list(g.shape) for g in clip_grads],
        'total_norm': total.item(), 'clipped': [p.grad.flatten().tolist() for p in ps]}

out = {'p0': p0.flatten().tolist(), 'shape': list(p0.shape), 'grads': [g.flatten().tolist() for g in grads],
       'optimizers': opt_cases, 'schedulers': sched_cases, 'plateau': {'metrics': metrics, 'lrs': plat}, 'clip_grad_norm': clip,
       'sgd_repr': repr(torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1, momentum=0.9))}
Path(__file__).with_name('optim.json').write_text(json.dumps(out, indent=0))
print('wrote', len(opt_cases), 'optimizer cases,', len(sched_cases), 'schedulers')
