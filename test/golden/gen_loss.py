# Writes test/golden/loss.json: real PyTorch results (outputs, input gradients under a random upstream
# gradient, grad_fn names, error messages) for the losses of torch.nn.functional. Run with the
# reference PyTorch:  ~/.cache/nnlens-ref/bin/python test/golden/gen_loss.py
# The op keys here must match test/golden/loss.ts. Input specs, layouts and encoding are shared with
# gen_core_ops.py (same harness on the TS side: test/engine/check_op.ts).
import inspect
import os
import random
import sys
import warnings

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_core_ops import T, build  # noqa: E402
from gen_core_ops import enc_tensor, second_order  # noqa: E402
from gen_reduce_index import run_error, enc_inputs  # noqa: E402

torch.manual_seed(0)
random.seed(7)
torch.set_num_threads(1)
warnings.simplefilter('ignore')  # kl_div's 'mean' and mse's size warnings are not what is tested


def opt(x, a):
    """Keyword arguments of a case: tensors by input index ('weight': 2), the rest as given."""
    kw = {}
    for k, v in a.items():
        if k in ('weight', 'pos_weight'):
            kw[k] = x[v]
        else:
            kw[k] = v
    return kw


OPS = {
    'l1_loss': lambda x, a: F.l1_loss(x[0], x[1], **opt(x, a)),
    'mse_loss': lambda x, a: F.mse_loss(x[0], x[1], **opt(x, a)),
    'smooth_l1_loss': lambda x, a: F.smooth_l1_loss(x[0], x[1], **opt(x, a)),
    'huber_loss': lambda x, a: F.huber_loss(x[0], x[1], **opt(x, a)),
    'binary_cross_entropy': lambda x, a: F.binary_cross_entropy(x[0], x[1], **opt(x, a)),
    'binary_cross_entropy_with_logits': lambda x, a: F.binary_cross_entropy_with_logits(x[0], x[1], **opt(x, a)),
    'kl_div': lambda x, a: F.kl_div(x[0], x[1], **opt(x, a)),
    'nll_loss': lambda x, a: F.nll_loss(x[0], x[1], **opt(x, a)),
    'cross_entropy': lambda x, a: F.cross_entropy(x[0], x[1], **opt(x, a)),
    'nll_loss_log_softmax': lambda x, a: F.nll_loss(F.log_softmax(x[0], 1), x[1], **opt(x, a)),
    # the module forms, to pin their defaults to the functional ones
    'CrossEntropyLoss': lambda x, a: torch.nn.CrossEntropyLoss(**opt(x, a))(x[0], x[1]),
    'BCEWithLogitsLoss': lambda x, a: torch.nn.BCEWithLogitsLoss(**opt(x, a))(x[0], x[1]),
    'KLDivLoss': lambda x, a: torch.nn.KLDivLoss(**opt(x, a))(x[0], x[1]),
}

CASES = []
ERRORS = []


def case(name, op, inputs, args=None, tol=None, meta=True, engine_grad_fn=None, second=False):
    """engine_grad_fn: the engine's root node where it legitimately differs from PyTorch's (see note).
    second: also differentiate the first-order gradients once more (create_graph=True)."""
    c = {'name': name, 'op': op, 'inputs': inputs, 'args': args or {}, 'tol': tol, 'second_order': second or None}
    if not meta:
        c['meta'] = False
    if engine_grad_fn:
        c['engine_grad_fn'] = engine_grad_fn
    CASES.append(c)


def err(name, op, inputs, args=None, data_dependent=False):
    e = {'name': name, 'op': op, 'inputs': inputs, 'args': args or {}}
    if data_dependent:
        e['data_dependent'] = True
    ERRORS.append(e)


def idx(shape, C, data=None, ignore=None):
    """Class-index targets in [0, C); `ignore` positions get -100 or the given value."""
    n = 1
    for d in shape:
        n *= d
    vals = data if data is not None else [random.randrange(C) for _ in range(n)]
    for i, v in (ignore or {}).items():
        vals[i] = v
    return T(shape, 'int64', rg=False, data=vals)


def probs(shape, dim=1, rg=False):
    """Rows of class probabilities along `dim` (rounded values, renormalised in the spec)."""
    t = torch.tensor([random.random() + 0.05 for _ in range(max(1, torch.Size(shape).numel()))]).reshape(shape)
    t = (t / t.sum(dim if len(shape) > 1 else 0, keepdim=True))
    return T(shape, rg=rg, data=[round(v, 4) for v in t.reshape(-1).tolist()])


def unit(shape, rg=True, lo=0.05, hi=0.95):
    n = torch.Size(shape).numel()
    return T(shape, rg=rg, data=[round(random.uniform(lo, hi), 3) for _ in range(n)])


def W(n):  # a class-weight / elementwise weight input, positive
    return T([n], rg=False, data=[round(random.uniform(0.2, 2.0), 3) for _ in range(n)])


REDS = ['mean', 'sum', 'none']

# ---- regression losses ----
for r in REDS:
    case(f'l1 {r}', 'l1_loss', [T([3, 4]), T([3, 4])], {'reduction': r})
    case(f'mse {r}', 'mse_loss', [T([3, 4]), T([3, 4])], {'reduction': r})
    case(f'smooth_l1 {r}', 'smooth_l1_loss', [T([3, 4]), T([3, 4])], {'reduction': r})
    case(f'huber {r}', 'huber_loss', [T([3, 4]), T([3, 4])], {'reduction': r})
case('mse target requires grad', 'mse_loss', [T([2, 3], rg=False), T([2, 3])])
case('mse broadcast target', 'mse_loss', [T([3, 1]), T([3])])
case('mse transposed input', 'mse_loss', [T([3, 4], layout='transposed'), T([3, 4])], {'reduction': 'sum'})
case('mse float64 target promotes', 'mse_loss', [T([4]), T([4], 'float64', rg=False)])
case('mse empty mean is nan', 'mse_loss', [T([0, 3]), T([0, 3])])
case('mse legacy size_average=False', 'mse_loss', [T([2, 3]), T([2, 3])], {'size_average': False})
case('mse legacy reduce=False', 'mse_loss', [T([2, 3]), T([2, 3])], {'reduce': False})
case('l1 sliced target requires grad', 'l1_loss', [T([2, 3]), T([2, 3], layout='sliced')])
case('smooth_l1 beta 0.5', 'smooth_l1_loss', [T([3, 4]), T([3, 4])], {'beta': 0.5})
case('smooth_l1 beta 2 sum', 'smooth_l1_loss', [T([3, 4]), T([3, 4])], {'beta': 2.0, 'reduction': 'sum'})
case('smooth_l1 beta 0 is l1', 'smooth_l1_loss', [T([3, 4]), T([3, 4])], {'beta': 0.0})
case('smooth_l1 target grad', 'smooth_l1_loss', [T([5]), T([5])], {'beta': 0.3, 'reduction': 'none'})
case('huber delta 0.5', 'huber_loss', [T([3, 4]), T([3, 4])], {'delta': 0.5})
case('l1 weight mean', 'l1_loss', [T([2, 3]), T([2, 3]), T([2, 3], rg=False, kind='pos')], {'weight': 2})
case('mse weight mean', 'mse_loss', [T([2, 3]), T([2, 3]), T([2, 3], rg=False, kind='pos')], {'weight': 2})
case('mse weight none', 'mse_loss', [T([2, 3]), T([2, 3]), T([2, 3], rg=False, kind='pos')], {'weight': 2, 'reduction': 'none'})
case('huber weight mean', 'huber_loss', [T([2, 3]), T([2, 3]), T([2, 3], rg=False, kind='pos')], {'weight': 2})
case('huber delta 2 none', 'huber_loss', [T([3, 4]), T([3, 4])], {'delta': 2.0, 'reduction': 'none'})

# ---- binary cross-entropy ----
for r in REDS:
    case(f'bce {r}', 'binary_cross_entropy', [unit([3, 4]), unit([3, 4], rg=False)], {'reduction': r})
    case(f'bce_logits {r}', 'binary_cross_entropy_with_logits', [T([3, 4]), unit([3, 4], rg=False)], {'reduction': r})
case('bce weight broadcast', 'binary_cross_entropy', [unit([3, 4]), unit([3, 4], rg=False), W(4)], {'weight': 2})
case('bce target requires grad', 'binary_cross_entropy', [unit([2, 3]), unit([2, 3])], {'reduction': 'sum'})
case('bce clamps log at -100', 'binary_cross_entropy', [T([4], data=[0.0, 1.0, 0.5, 1.0]), T([4], rg=False, data=[1.0, 0.0, 0.5, 1.0])], {'reduction': 'none'})
case('bce_logits pos_weight', 'binary_cross_entropy_with_logits', [T([3, 4]), unit([3, 4], rg=False), W(4)], {'pos_weight': 2})
case('bce_logits weight and pos_weight', 'binary_cross_entropy_with_logits', [T([3, 4]), unit([3, 4], rg=False), W(4), W(4)], {'weight': 2, 'pos_weight': 3, 'reduction': 'sum'})
case('bce_logits target grad pos_weight', 'binary_cross_entropy_with_logits', [T([2, 3]), unit([2, 3]), W(3)], {'pos_weight': 2})
case('bce_logits large logits stay finite', 'binary_cross_entropy_with_logits', [T([4], data=[80.0, -80.0, 30.0, -30.0]), T([4], rg=False, data=[0.0, 1.0, 1.0, 0.0])], {'reduction': 'none'})
case('BCEWithLogitsLoss module', 'BCEWithLogitsLoss', [T([3, 2]), unit([3, 2], rg=False), W(2)], {'pos_weight': 2})

# ---- kl_div ----
for r in REDS + ['batchmean']:
    case(f'kl_div {r}', 'kl_div', [T([3, 4]), probs([3, 4])], {'reduction': r})
    case(f'kl_div log_target {r}', 'kl_div', [T([3, 4]), T([3, 4], rg=False)], {'reduction': r, 'log_target': True})
case('kl_div zero target', 'kl_div', [T([2, 3]), T([2, 3], rg=False, data=[0.0, 0.5, 0.5, 0.2, 0.0, 0.8])], {'reduction': 'sum'})
case('kl_div target requires grad', 'kl_div', [T([2, 3]), probs([2, 3], rg=True)], {'reduction': 'batchmean'})
case('KLDivLoss module batchmean', 'KLDivLoss', [T([2, 3]), probs([2, 3])], {'reduction': 'batchmean'})

# ---- nll_loss ----
for r in REDS:
    case(f'nll {r}', 'nll_loss', [T([4, 5]), idx([4], 5)], {'reduction': r})
    case(f'nll weight {r}', 'nll_loss', [T([4, 5]), idx([4], 5), W(5)], {'reduction': r, 'weight': 2})
    case(f'nll ignore_index {r}', 'nll_loss', [T([4, 5]), idx([4], 5, ignore={1: -100})], {'reduction': r})
    case(f'nll 2d spatial {r}', 'nll_loss', [T([2, 3, 2, 2]), idx([2, 2, 2], 3)], {'reduction': r})
    case(f'nll 1d spatial {r}', 'nll_loss', [T([2, 3, 4]), idx([2, 4], 3)], {'reduction': r})
    case(f'nll 3d spatial {r}', 'nll_loss', [T([2, 3, 2, 1, 2]), idx([2, 2, 1, 2], 3)], {'reduction': r})
case('nll custom ignore_index with weight', 'nll_loss', [T([4, 3]), idx([4], 3, data=[0, 2, 1, 2]), W(3)], {'weight': 2, 'ignore_index': 2})
case('nll all ignored mean is nan', 'nll_loss', [T([2, 3]), idx([2], 3, data=[-100, -100])])
case('nll unbatched', 'nll_loss', [T([5]), idx([], 5)])
case('nll uint8 target', 'nll_loss', [T([3, 4]), T([3], 'uint8', rg=False, data=[3, 0, 1])])
case('nll spatial weight ignore', 'nll_loss', [T([2, 3, 2, 2]), idx([2, 2, 2], 3, ignore={3: 1}), W(3)], {'weight': 2, 'ignore_index': 1})
case('nll transposed input', 'nll_loss', [T([4, 3], layout='transposed'), idx([4], 3)])
case('nll after log_softmax', 'nll_loss_log_softmax', [T([4, 5]), idx([4], 5)])

# ---- cross_entropy ----
for r in REDS:
    case(f'ce {r}', 'cross_entropy', [T([4, 5]), idx([4], 5)], {'reduction': r})
    case(f'ce weight ignore {r}', 'cross_entropy', [T([4, 5]), idx([4], 5, ignore={2: -100}), W(5)], {'reduction': r, 'weight': 2})
    case(f'ce label_smoothing {r}', 'cross_entropy', [T([4, 5]), idx([4], 5, ignore={0: -100})], {'reduction': r, 'label_smoothing': 0.1})
    case(f'ce label_smoothing weight {r}', 'cross_entropy', [T([4, 5]), idx([4], 5, ignore={3: -100}), W(5)], {'reduction': r, 'label_smoothing': 0.2, 'weight': 2})
    # PyTorch divides with the C++ Scalar overload (DivBackward1); a Python-level division is DivBackward0.
    case(f'ce probabilities {r}', 'cross_entropy', [T([3, 4]), probs([3, 4])], {'reduction': r},
         engine_grad_fn='DivBackward0' if r == 'mean' else None)
    case(f'ce spatial {r}', 'cross_entropy', [T([2, 3, 2, 2]), idx([2, 2, 2], 3)], {'reduction': r})
    case(f'ce 1d spatial {r}', 'cross_entropy', [T([2, 3, 4]), idx([2, 4], 3)], {'reduction': r})
case('ce probabilities weight label_smoothing', 'cross_entropy', [T([3, 4]), probs([3, 4]), W(4)], {'weight': 2, 'label_smoothing': 0.1},
     engine_grad_fn='DivBackward0')
case('ce spatial probabilities', 'cross_entropy', [T([2, 3, 2]), probs([2, 3, 2])], {'reduction': 'sum'})
case('ce spatial label_smoothing', 'cross_entropy', [T([2, 3, 2, 2]), idx([2, 2, 2], 3)], {'label_smoothing': 0.15})
case('ce unbatched', 'cross_entropy', [T([5]), idx([], 5)])
case('ce unbatched probabilities', 'cross_entropy', [T([5]), probs([5])], engine_grad_fn='DivBackward0')
case('ce unbatched label_smoothing', 'cross_entropy', [T([5]), idx([], 5)], {'label_smoothing': 0.3})
case('ce all ignored sum is 0', 'cross_entropy', [T([2, 3]), idx([2], 3, data=[-100, -100])], {'reduction': 'sum'})
case('ce large logits stay finite', 'cross_entropy', [T([2, 3], data=[1000.0, 0.0, -1000.0, 50.0, 51.0, 49.0]), idx([2], 3, data=[2, 1])])
case('ce float64', 'cross_entropy', [T([3, 4], 'float64'), idx([3], 4)])
case('CrossEntropyLoss module weight label_smoothing', 'CrossEntropyLoss', [T([4, 3]), idx([4], 3), W(3)], {'weight': 2, 'label_smoothing': 0.05})

# ---- second order: every backward above is built from differentiable ops ----
case('second order mse', 'mse_loss', [T([2, 3]), T([2, 3])], second=True)
case('second order smooth_l1 none', 'smooth_l1_loss', [T([2, 3]), T([2, 3])], {'reduction': 'none', 'beta': 0.7}, second=True)
case('second order huber', 'huber_loss', [T([2, 3]), T([2, 3])], {'delta': 0.6}, second=True)
case('second order bce', 'binary_cross_entropy', [unit([2, 3]), unit([2, 3], rg=False)], second=True)
case('second order bce_logits pos_weight', 'binary_cross_entropy_with_logits', [T([2, 3]), unit([2, 3], rg=False), W(3)], {'pos_weight': 2}, second=True)
case('second order cross_entropy weight', 'cross_entropy', [T([3, 4]), idx([3], 4), W(4)], {'weight': 2}, second=True)
case('second order cross_entropy label_smoothing none', 'cross_entropy', [T([3, 4]), idx([3], 4)], {'label_smoothing': 0.2, 'reduction': 'none'}, second=True)
case('second order cross_entropy probabilities', 'cross_entropy', [T([3, 4]), probs([3, 4])], {'reduction': 'sum'}, second=True)

# ---- errors ----
err('ce batch size mismatch', 'cross_entropy', [T([3, 5]), idx([2], 5)])
err('ce target out of bounds', 'cross_entropy', [T([3, 5]), idx([3], 5, data=[0, 1, 5])], data_dependent=True)
err('nll negative target out of bounds', 'nll_loss', [T([3, 5]), idx([3], 5, data=[0, 1, -1])], data_dependent=True)
err('ce multi-target', 'cross_entropy', [T([3, 5]), idx([3, 1], 5)])
err('nll float target', 'nll_loss', [T([3, 5]), T([3], rg=False)])
err('nll int32 target', 'nll_loss', [T([3, 4]), T([3], 'int32', rg=False, data=[0, 1, 2])])
err('ce long target with input shape', 'cross_entropy', [T([3, 4]), idx([3, 4], 4)])
err('ce weight size', 'cross_entropy', [T([3, 5]), idx([3], 5), W(4)], {'weight': 2})
err('ce probabilities weight size', 'cross_entropy', [T([2, 3]), probs([2, 3]), W(2)], {'weight': 2})
err('ce probabilities ignore_index', 'cross_entropy', [T([2, 3]), probs([2, 3])], {'ignore_index': 1})
err('ce bad reduction', 'cross_entropy', [T([3, 5]), idx([3], 5)], {'reduction': 'avg'})
err('ce label_smoothing above 1', 'cross_entropy', [T([3, 5]), idx([3], 5)], {'label_smoothing': 1.5})
err('ce spatial target size', 'cross_entropy', [T([2, 3, 4]), idx([2, 5], 3)])
err('nll 2d spatial size mismatch', 'nll_loss', [T([2, 3, 4, 4]), idx([2, 5, 4], 3)])
err('nll 2d spatial target rank', 'nll_loss', [T([2, 3, 4, 4]), idx([2, 4], 3)])
err('nll 3d spatial target size', 'nll_loss', [T([2, 3, 4, 4, 2]), idx([2, 5, 4, 2], 3)])
err('nll 0-d input', 'nll_loss', [T([]), idx([], 1)])
err('nll 1d input 2-element target', 'nll_loss', [T([3]), idx([2], 3)])
err('nll weight dtype', 'nll_loss', [T([3, 4]), idx([3], 4), T([4], 'float64', rg=False)], {'weight': 2})
err('mse bad reduction', 'mse_loss', [T([3]), T([3])], {'reduction': 'bad'})
err('mse shapes do not broadcast', 'mse_loss', [T([3, 2]), T([4])])
err('kl_div bad reduction', 'kl_div', [T([3]), T([3])], {'reduction': 'bad'})
err('mse weight size', 'mse_loss', [T([2, 3]), T([2, 3]), W(3)], {'weight': 2})
err('smooth_l1 negative beta', 'smooth_l1_loss', [T([3]), T([3])], {'beta': -1.0})
err('huber zero delta', 'huber_loss', [T([3]), T([3])], {'delta': 0.0})
err('bce size mismatch', 'binary_cross_entropy', [unit([3, 2]), unit([3], rg=False)])
err('bce input out of range', 'binary_cross_entropy', [T([3], data=[0.5, 1.5, 0.2]), unit([3], rg=False)], data_dependent=True)
err('bce dtype mismatch', 'binary_cross_entropy', [unit([3]), T([3], 'float64', rg=False, data=[0.1, 0.2, 0.3])])
err('bce_logits size mismatch', 'binary_cross_entropy_with_logits', [T([3, 2]), unit([3], rg=False)])


FUNCTIONAL = ['l1_loss', 'mse_loss', 'smooth_l1_loss', 'huber_loss', 'kl_div', 'binary_cross_entropy',
              'binary_cross_entropy_with_logits', 'nll_loss', 'cross_entropy']
MODULES = ['L1Loss', 'MSELoss', 'SmoothL1Loss', 'HuberLoss', 'KLDivLoss', 'BCELoss', 'BCEWithLogitsLoss', 'NLLLoss', 'CrossEntropyLoss']


def run_case(i, c):
    """As gen_core_ops.run_case, over this file's op table."""
    xs = [build(s) for s in c['inputs']]
    out = OPS[c['op']](xs, c['args'])
    res = {k: v for k, v in c.items() if v is not None}
    res['inputs'] = enc_inputs(c['inputs'])
    res['out'] = enc_tensor(out)
    res['grad_fn'] = type(out.grad_fn).__name__ if out.grad_fn is not None else None
    if not out.requires_grad:
        res['grads'] = [None for _ in xs]
        return res
    rnd = random.Random(9000 + i)
    vals = [round(rnd.gauss(0, 1), 2) for _ in range(out.numel())]
    up = torch.tensor(vals, dtype=out.dtype).reshape(out.shape)
    res['upstream'] = {'shape': list(out.shape), 'dtype': str(out.dtype).replace('torch.', ''), 'data': vals}
    if c.get('second_order'):
        res['grads'], res['second_order'] = second_order(xs, out, up, rnd)
    else:
        out.backward(up)
        res['grads'] = [enc_tensor(x.grad) if x.requires_grad and x.grad is not None else None for x in xs]
    return res


def main():
    import json
    import gen_reduce_index as gri
    gri.OPS.clear()
    gri.OPS.update(OPS)  # run_error looks ops up there
    names = [c['name'] for c in CASES] + [e['name'] for e in ERRORS]
    assert len(names) == len(set(names)), 'case names must be unique'
    doc = {
        'generator': 'test/golden/gen_loss.py',
        'torch': torch.__version__,
        'cases': [run_case(i, c) for i, c in enumerate(CASES)],
        'errors': [run_error(e) for e in ERRORS],
        # positional parameter names, for the engine's tables of them (LOSS_FUNCTIONAL_ARGS / LOSS_MODULE_ARGS)
        'signatures': {
            'functional': {n: list(inspect.signature(getattr(F, n)).parameters)[2:] for n in FUNCTIONAL},
            'modules': {n: list(inspect.signature(getattr(torch.nn, n)).parameters) for n in MODULES},
        },
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'loss.json')
    with open(path, 'w') as f:
        json.dump(doc, f, separators=(',', ':'), allow_nan=False)
        f.write('\n')
    print(f'wrote {path}: {len(doc["cases"])} cases, {len(doc["errors"])} errors, {os.path.getsize(path)} bytes')


if __name__ == '__main__':
    main()
