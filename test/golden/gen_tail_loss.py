# Writes test/golden/tail_loss.json: real PyTorch results (outputs, input gradients under a random
# upstream gradient, grad_fn names, error messages) for the margin, embedding, likelihood and CTC losses.
# Run with the reference PyTorch:  ~/.cache/nnlens-ref/bin/python test/golden/gen_tail_loss.py
# The op keys must match test/golden/tail_loss.ts; the harness is gen_core_ops.py's / check_op.ts's.
import inspect
import os
import random
import sys
import warnings

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_core_ops import T, build, enc_tensor, second_order  # noqa: E402
import gen_reduce_index as gri  # noqa: E402

torch.manual_seed(0)
random.seed(11)
torch.set_num_threads(1)
warnings.simplefilter('ignore')


def opt(x, a):
    """Keyword arguments of a case: tensor-valued ones ('weight': 2) name an input index."""
    return {k: (x[v] if k in ('weight', 'var_t') else v) for k, v in a.items()}


def lengths(x, a, k, i):
    """CTC lengths: an int list from the args when given, else input i (a tensor)."""
    return a[k] if k in a else x[i]


def ctc(x, a):
    kw = {k: v for k, v in a.items() if k not in ('il', 'tl')}
    return F.ctc_loss(x[0], x[1], lengths(x, a, 'il', 2), lengths(x, a, 'tl', 3), **kw)


def ctc_logsoftmax(x, a):
    kw = {k: v for k, v in a.items() if k not in ('il', 'tl')}
    return F.ctc_loss(F.log_softmax(x[0], -1), x[1], lengths(x, a, 'il', 2), lengths(x, a, 'tl', 3), **kw)


def gauss(x, a):
    kw = {k: v for k, v in a.items() if k != 'var'}
    return F.gaussian_nll_loss(x[0], x[1], a['var'] if 'var' in a else x[2], **kw)


OPS = {
    'margin_ranking_loss': lambda x, a: F.margin_ranking_loss(x[0], x[1], x[2], **a),
    'hinge_embedding_loss': lambda x, a: F.hinge_embedding_loss(x[0], x[1], **a),
    'cosine_embedding_loss': lambda x, a: F.cosine_embedding_loss(x[0], x[1], x[2], **a),
    'soft_margin_loss': lambda x, a: F.soft_margin_loss(x[0], x[1], **a),
    'multilabel_soft_margin_loss': lambda x, a: F.multilabel_soft_margin_loss(x[0], x[1], **opt(x, a)),
    'multilabel_margin_loss': lambda x, a: F.multilabel_margin_loss(x[0], x[1], **a),
    'multi_margin_loss': lambda x, a: F.multi_margin_loss(x[0], x[1], **opt(x, a)),
    'triplet_margin_loss': lambda x, a: F.triplet_margin_loss(x[0], x[1], x[2], **a),
    'triplet_margin_with_distance_loss': lambda x, a: F.triplet_margin_with_distance_loss(x[0], x[1], x[2], **a),
    'triplet_cosine_distance': lambda x, a: F.triplet_margin_with_distance_loss(
        x[0], x[1], x[2], distance_function=lambda u, v: 1.0 - F.cosine_similarity(u, v), **a),
    'poisson_nll_loss': lambda x, a: F.poisson_nll_loss(x[0], x[1], **a),
    'gaussian_nll_loss': gauss,
    'ctc_loss': ctc,
    'ctc_loss_log_softmax': ctc_logsoftmax,
    # module forms pin their defaults to the functional ones
    'MultiMarginLoss': lambda x, a: torch.nn.MultiMarginLoss(**opt(x, a))(x[0], x[1]),
    'TripletMarginLoss': lambda x, a: torch.nn.TripletMarginLoss(**a)(x[0], x[1], x[2]),
    'CTCLoss': lambda x, a: torch.nn.CTCLoss(**a)(x[0], x[1], x[2], x[3]),
    'GaussianNLLLoss': lambda x, a: torch.nn.GaussianNLLLoss(**a)(x[0], x[1], x[2]),
}

CASES, ERRORS = [], []


def case(name, op, inputs, args=None, tol=None, meta=True, second=False):
    c = {'name': name, 'op': op, 'inputs': inputs, 'args': args or {}, 'tol': tol, 'second_order': second or None}
    if not meta:
        c['meta'] = False
    CASES.append(c)


def err(name, op, inputs, args=None, data_dependent=False):
    e = {'name': name, 'op': op, 'inputs': inputs, 'args': args or {}}
    if data_dependent:
        e['data_dependent'] = True
    ERRORS.append(e)


def I(shape, data, dtype='int64'):  # noqa: E743 — an integer (index / length) input
    return T(shape, dtype, rg=False, data=data)


def sign(n):
    return I([n], [random.choice([-1, 1]) for _ in range(n)])


def signf(shape):
    n = 1
    for d in shape:
        n *= d
    return T(shape, rg=False, data=[float(random.choice([-1, 1])) for _ in range(n)])


def logp(Tn, N, C):
    """Rows of log-probabilities (rounded log_softmax of random logits)."""
    shape = [Tn, N, C] if N is not None else [Tn, C]
    t = torch.randn(shape).log_softmax(-1)
    return T(shape, data=[round(v, 4) for v in t.reshape(-1).tolist()])


REDS = ['mean', 'sum', 'none']
for r in REDS:
    case(f'margin_ranking {r}', 'margin_ranking_loss', [T([6]), T([6]), signf([6])], {'reduction': r, 'margin': 0.3})
    case(f'hinge_embedding {r}', 'hinge_embedding_loss', [T([3, 4]), signf([3, 4])], {'reduction': r})
    case(f'cosine_embedding {r}', 'cosine_embedding_loss', [T([4, 5]), T([4, 5]), sign(4)], {'reduction': r, 'margin': 0.2})
    case(f'soft_margin {r}', 'soft_margin_loss', [T([3, 4]), signf([3, 4])], {'reduction': r})
    case(f'multilabel_soft_margin {r}', 'multilabel_soft_margin_loss', [T([3, 4]), T([3, 4], rg=False, data=[float(random.random() < 0.5) for _ in range(12)])], {'reduction': r})
    case(f'multilabel_margin {r}', 'multilabel_margin_loss', [T([3, 5]), I([3, 5], [3, 0, -1, 1, 1, 4, 2, -1, 0, 0, 1, 2, 3, 4, 0])], {'reduction': r})
    case(f'multi_margin {r}', 'multi_margin_loss', [T([4, 5]), I([4], [0, 3, 4, 1])], {'reduction': r})
    case(f'triplet_margin {r}', 'triplet_margin_loss', [T([4, 6]), T([4, 6]), T([4, 6])], {'reduction': r, 'margin': 2.0})
    case(f'triplet_with_distance {r}', 'triplet_margin_with_distance_loss', [T([4, 6]), T([4, 6]), T([4, 6])], {'reduction': r, 'margin': 2.0})
    case(f'poisson_nll {r}', 'poisson_nll_loss', [T([3, 4]), T([3, 4], rg=False, kind='pos')], {'reduction': r})
    case(f'gaussian_nll {r}', 'gaussian_nll_loss', [T([3, 4]), T([3, 4]), T([3, 4], kind='pos')], {'reduction': r})
    case(f'ctc {r}', 'ctc_loss', [logp(8, 3, 5), I([3, 4], [1, 2, 2, 3, 4, 1, 0, 0, 3, 3, 3, 0]), I([3], [8, 7, 8]), I([3], [4, 2, 3])], {'reduction': r})

case('margin_ranking 0-dim', 'margin_ranking_loss', [T([]), T([]), T([], rg=False, data=[1.0])])
case('margin_ranking legacy size_average=False', 'margin_ranking_loss', [T([5]), T([5]), signf([5])], {'size_average': False})
case('hinge_embedding margin 0.5 zero targets', 'hinge_embedding_loss', [T([6]), T([6], rg=False, data=[1.0, -1.0, 0.0, 1.0, -1.0, 2.0])], {'margin': 0.5, 'reduction': 'none'})
case('cosine_embedding unbatched', 'cosine_embedding_loss', [T([5]), T([5]), I([], [-1])], {'margin': -0.5})
case('cosine_embedding input2 grad only', 'cosine_embedding_loss', [T([3, 4], rg=False), T([3, 4]), sign(3)], {'reduction': 'sum'})
case('soft_margin second order', 'soft_margin_loss', [T([2, 3]), signf([2, 3])], second=True)
case('multilabel_soft_margin weight', 'multilabel_soft_margin_loss', [T([3, 4]), T([3, 4], rg=False, data=[float(random.random() < 0.5) for _ in range(12)]), T([4], rg=False, kind='pos')], {'weight': 2})
case('multilabel_soft_margin 1-d', 'multilabel_soft_margin_loss', [T([4]), T([4], rg=False, data=[1.0, 0.0, 0.0, 1.0])])
case('multilabel_margin 1-d', 'multilabel_margin_loss', [T([4]), I([4], [2, 0, -1, 3])], {'reduction': 'none'})
case('multilabel_margin no targets', 'multilabel_margin_loss', [T([2, 3]), I([2, 3], [-1, 0, 1, 2, -1, 1])], {'reduction': 'none'})
case('multi_margin p2 margin weight', 'multi_margin_loss', [T([4, 5]), I([4], [2, 2, 0, 4]), T([5], rg=False, kind='pos')], {'p': 2, 'margin': 0.7, 'weight': 2})
case('multi_margin 1-d none', 'multi_margin_loss', [T([5]), I([], [3])], {'reduction': 'none'})
case('multi_margin 1-d target', 'multi_margin_loss', [T([5]), I([1], [1])], {'reduction': 'none'})
case('triplet_margin p1 swap', 'triplet_margin_loss', [T([4, 6]), T([4, 6]), T([4, 6])], {'p': 1.0, 'swap': True, 'margin': 1.5})
case('triplet_margin unbatched eps', 'triplet_margin_loss', [T([6]), T([6]), T([6])], {'eps': 0.01, 'margin': 3.0})
case('triplet_with_distance cosine swap', 'triplet_cosine_distance', [T([3, 4]), T([3, 4]), T([3, 4])], {'swap': True, 'reduction': 'none'})
case('poisson_nll full not log_input', 'poisson_nll_loss', [T([3, 4], kind='pos'), T([3, 4], rg=False, data=[float(random.randint(0, 6)) for _ in range(12)])], {'log_input': False, 'full': True, 'reduction': 'none'})
case('poisson_nll full log_input target grad', 'poisson_nll_loss', [T([2, 3]), T([2, 3], kind='pos')], {'full': True})
case('gaussian_nll full homoscedastic', 'gaussian_nll_loss', [T([3, 4]), T([3, 4]), T([3], kind='pos')], {'full': True, 'reduction': 'none'})
case('gaussian_nll broadcast var', 'gaussian_nll_loss', [T([3, 4]), T([3, 4], rg=False), T([3, 1], kind='pos')])
case('gaussian_nll float var', 'gaussian_nll_loss', [T([3, 4]), T([3, 4])], {'var': 0.5, 'reduction': 'sum'})
case('gaussian_nll clamps var at eps', 'gaussian_nll_loss', [T([4]), T([4], rg=False), T([4], data=[0.0, 1e-9, 0.5, 2.0])], {'eps': 1e-3, 'reduction': 'none'})
case('ctc concatenated targets', 'ctc_loss', [logp(6, 2, 4), I([5], [1, 2, 3, 3, 1]), I([2], [6, 5]), I([2], [3, 2])], {'reduction': 'none'})
case('ctc int-list lengths blank 2', 'ctc_loss', [logp(7, 2, 4), I([2, 3], [0, 1, 3, 3, 1, 0])], {'il': [7, 6], 'tl': [3, 3], 'blank': 2, 'reduction': 'sum'})
case('ctc empty target', 'ctc_loss', [logp(5, 2, 3), I([2, 2], [1, 2, 0, 0])], {'il': [5, 4], 'tl': [2, 0], 'reduction': 'none'})
case('ctc impossible is inf', 'ctc_loss', [logp(3, 2, 4), I([2, 3], [1, 1, 1, 2, 3, 1])], {'il': [3, 3], 'tl': [3, 3], 'reduction': 'none'})
case('ctc zero_infinity', 'ctc_loss', [logp(3, 2, 4), I([2, 3], [1, 1, 1, 2, 3, 1])], {'il': [3, 3], 'tl': [3, 3], 'zero_infinity': True})
case('ctc zero_infinity none', 'ctc_loss', [logp(3, 2, 4), I([2, 3], [1, 1, 1, 2, 3, 1])], {'il': [3, 3], 'tl': [3, 3], 'zero_infinity': True, 'reduction': 'none'})
case('ctc unbatched', 'ctc_loss', [logp(6, None, 4), I([3], [1, 2, 1])], {'il': [6], 'tl': [3], 'reduction': 'none'})
case('ctc unbatched mean', 'ctc_loss', [logp(6, None, 4), I([3], [3, 2, 1])], {'il': [6], 'tl': [3]})
case('ctc float64', 'ctc_loss', [T([5, 1, 3], 'float64', data=[round(v, 6) for v in torch.randn(5, 1, 3, dtype=torch.float64).log_softmax(-1).reshape(-1).tolist()]), I([1, 2], [1, 2])], {'il': [5], 'tl': [2]})
case('ctc after log_softmax', 'ctc_loss_log_softmax', [T([6, 2, 5]), I([2, 3], [1, 4, 4, 2, 3, 0])], {'il': [6, 5], 'tl': [3, 2]})
case('MultiMarginLoss module', 'MultiMarginLoss', [T([3, 4]), I([3], [1, 0, 3])], {'p': 2, 'margin': 0.5})
case('TripletMarginLoss module', 'TripletMarginLoss', [T([2, 3]), T([2, 3]), T([2, 3])], {'margin': 0.5, 'swap': True})
case('CTCLoss module', 'CTCLoss', [logp(5, 2, 4), I([2, 2], [1, 3, 2, 2]), I([2], [5, 5]), I([2], [2, 2])], {'blank': 0, 'reduction': 'sum'})
case('GaussianNLLLoss module', 'GaussianNLLLoss', [T([2, 3]), T([2, 3]), T([2, 3], kind='pos')], {'full': True, 'eps': 1e-4})

err('soft_margin target requires grad', 'soft_margin_loss', [T([2, 3]), T([2, 3])], {'reduction': 'sum'})
err('margin_ranking dims differ', 'margin_ranking_loss', [T([3]), T([3, 1]), signf([3])])
err('margin_ranking bad reduction', 'margin_ranking_loss', [T([3]), T([3]), signf([3])], {'reduction': 'avg'})
err('cosine_embedding dims differ', 'cosine_embedding_loss', [T([3, 4]), T([4]), sign(3)])
err('cosine_embedding target dims', 'cosine_embedding_loss', [T([3, 4]), T([3, 4]), I([3, 1], [1, 1, 1])])
err('multi_margin p3', 'multi_margin_loss', [T([3, 4]), I([3], [0, 1, 2])], {'p': 3})
err('multi_margin target size', 'multi_margin_loss', [T([3, 4]), I([2], [0, 1])])
err('multi_margin target out of range', 'multi_margin_loss', [T([3, 4]), I([3], [0, 4, 1])], data_dependent=True)
err('multi_margin weight 2-d', 'multi_margin_loss', [T([3, 4]), I([3], [0, 1, 2]), T([2, 2], rg=False)], {'weight': 2})
err('multilabel_margin target size', 'multilabel_margin_loss', [T([3, 4]), I([3, 3], [0] * 9)])
err('triplet dims differ', 'triplet_margin_loss', [T([3, 4]), T([3, 4]), T([4])])
err('triplet_with_distance margin 0', 'triplet_margin_with_distance_loss', [T([3]), T([3]), T([3])], {'margin': 0.0})
err('triplet_with_distance bad reduction', 'triplet_margin_with_distance_loss', [T([3]), T([3]), T([3])], {'reduction': 'avg'})
err('poisson_nll bad reduction', 'poisson_nll_loss', [T([3]), T([3])], {'reduction': 'avg'})
err('gaussian_nll negative var', 'gaussian_nll_loss', [T([3]), T([3]), T([3], data=[0.1, -0.2, 0.3])], data_dependent=True)
err('gaussian_nll var size', 'gaussian_nll_loss', [T([3, 4]), T([3, 4]), T([2, 4], kind='pos')])
err('gaussian_nll bad reduction', 'gaussian_nll_loss', [T([3]), T([3]), T([3], kind='pos')], {'reduction': 'avg'})
err('ctc blank out of range', 'ctc_loss', [logp(4, 1, 3), I([1, 2], [1, 2])], {'il': [4], 'tl': [2], 'blank': 3})
err('ctc input_lengths size', 'ctc_loss', [logp(4, 2, 3), I([2, 2], [1, 2, 1, 1])], {'il': [4], 'tl': [2, 2]})
err('ctc input length too long', 'ctc_loss', [logp(4, 1, 3), I([1, 2], [1, 2])], {'il': [5], 'tl': [2]})

FUNCTIONAL = {'margin_ranking_loss': 3, 'hinge_embedding_loss': 2, 'cosine_embedding_loss': 3, 'soft_margin_loss': 2,
              'multilabel_soft_margin_loss': 2, 'multilabel_margin_loss': 2, 'multi_margin_loss': 2, 'triplet_margin_loss': 3,
              'triplet_margin_with_distance_loss': 3, 'poisson_nll_loss': 2, 'gaussian_nll_loss': 3, 'ctc_loss': 4}
MODULES = ['MarginRankingLoss', 'HingeEmbeddingLoss', 'CosineEmbeddingLoss', 'SoftMarginLoss', 'MultiLabelSoftMarginLoss',
           'MultiLabelMarginLoss', 'MultiMarginLoss', 'TripletMarginLoss', 'TripletMarginWithDistanceLoss', 'PoissonNLLLoss',
           'GaussianNLLLoss', 'CTCLoss']


def run_case(i, c):
    xs = [build(s) for s in c['inputs']]
    out = OPS[c['op']](xs, c['args'])
    res = {k: v for k, v in c.items() if v is not None}
    res['inputs'] = gri.enc_inputs(c['inputs'])
    res['out'] = enc_tensor(out)
    res['grad_fn'] = type(out.grad_fn).__name__ if out.grad_fn is not None else None
    if not out.requires_grad:
        res['grads'] = [None for _ in xs]
        return res
    rnd = random.Random(9100 + i)
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
    gri.OPS.clear()
    gri.OPS.update(OPS)  # run_error looks ops up there
    names = [c['name'] for c in CASES] + [e['name'] for e in ERRORS]
    assert len(names) == len(set(names)), 'case names must be unique'
    doc = {
        'generator': 'test/golden/gen_tail_loss.py',
        'torch': torch.__version__,
        'cases': [run_case(i, c) for i, c in enumerate(CASES)],
        'errors': [gri.run_error(e) for e in ERRORS],
        'signatures': {
            'functional': {n: list(inspect.signature(getattr(F, n)).parameters)[k:] for n, k in FUNCTIONAL.items()},
            'modules': {n: list(inspect.signature(getattr(torch.nn, n)).parameters) for n in MODULES},
        },
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'tail_loss.json')
    with open(path, 'w') as f:
        json.dump(doc, f, separators=(',', ':'), allow_nan=False)
        f.write('\n')
    print(f'wrote {path}: {len(doc["cases"])} cases, {len(doc["errors"])} errors, {os.path.getsize(path)} bytes')


if __name__ == '__main__':
    main()
