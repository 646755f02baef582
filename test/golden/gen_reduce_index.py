# Writes test/golden/reduce_index.json: real PyTorch results (outputs, input gradients under a random
# upstream gradient, grad_fn names, error messages) for reductions, softmax, cumulative scans,
# indexing/setitem and the gather/scatter family. Run with the reference PyTorch:
#   ~/.cache/nnlens-ref/bin/python test/golden/gen_reduce_index.py
# The op keys here must match test/golden/reduce_index.ts. Input specs, layouts and encoding are
# shared with gen_core_ops.py (same harness on the TS side: test/engine/check_op.ts).
import json
import os
import random
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_core_ops import T, build, enc_tensor, enc_num  # noqa: E402

# gen_core_ops draws its own cases at import; reseed so these inputs do not depend on its table.
torch.manual_seed(0)
random.seed(1)
torch.set_num_threads(1)


# ---- subscripts as JSON: int, null (None), true/false, "..." (Ellipsis), {"slice": [start, stop, step]},
# {"t": k} (the k-th input tensor), {"list": [...]} (a Python list) ----
def item(it, xs):
    if it is None or isinstance(it, (bool, int)):
        return it
    if it == '...':
        return Ellipsis
    if 'slice' in it:
        return slice(*it['slice'])
    if 't' in it:
        return xs[it['t']]
    if 'list' in it:
        return it['list']
    raise ValueError(it)


def sub(a, xs):
    return tuple(item(it, xs) for it in a['idx'])


def setitem(x, a):
    y = x[0].clone()
    v = x[a['v']] if 'v' in a else a['value']
    y[sub(a, x)] = v
    return y


def iadd(x, a):
    y = x[0].clone()
    k = sub(a, x)
    y[k] += x[a['v']] if 'v' in a else a['value']
    return y


OPS = {
    # reductions
    'prod': lambda x, a: x[0].prod(),
    'prod_dim': lambda x, a: x[0].prod(a['dim'], keepdim=a.get('keepdim', False)),
    'max': lambda x, a: x[0].max(),
    'min': lambda x, a: x[0].min(),
    'max_dim': lambda x, a: x[0].max(a['dim'], keepdim=a.get('keepdim', False)).values,
    'max_dim_indices': lambda x, a: x[0].max(a['dim'], keepdim=a.get('keepdim', False)).indices,
    'min_dim': lambda x, a: torch.min(x[0], a['dim'], keepdim=a.get('keepdim', False))[0],
    'min_dim_indices': lambda x, a: torch.min(x[0], a['dim'], keepdim=a.get('keepdim', False))[1],
    'max_other': lambda x, a: torch.max(x[0], x[1]),
    'amax': lambda x, a: x[0].amax(a.get('dim', []), keepdim=a.get('keepdim', False)),
    'amin': lambda x, a: x[0].amin(a.get('dim', []), keepdim=a.get('keepdim', False)),
    'argmax': lambda x, a: x[0].argmax(a.get('dim'), keepdim=a.get('keepdim', False)),
    'argmin': lambda x, a: x[0].argmin(a.get('dim'), keepdim=a.get('keepdim', False)),
    'var': lambda x, a: x[0].var(),
    'var_dim': lambda x, a: x[0].var(a['dim'], correction=a.get('correction', 1), keepdim=a.get('keepdim', False)),
    'var_unbiased': lambda x, a: x[0].var(a['dim'], a['unbiased'], a.get('keepdim', False)),
    'std': lambda x, a: x[0].std(),
    'std_dim': lambda x, a: x[0].std(a['dim'], correction=a.get('correction', 1), keepdim=a.get('keepdim', False)),
    'var_mean_var': lambda x, a: torch.var_mean(x[0], a['dim'], correction=a.get('correction', 1))[0],
    'var_mean_mean': lambda x, a: torch.var_mean(x[0], a['dim'], correction=a.get('correction', 1))[1],
    'std_mean_std': lambda x, a: torch.std_mean(x[0], a['dim'])[0],
    'norm': lambda x, a: x[0].norm(),
    'norm_p': lambda x, a: x[0].norm(float(a['p']) if a['p'] in ('inf', '-inf') else a['p'], a.get('dim'), keepdim=a.get('keepdim', False)),
    'vector_norm': lambda x, a: torch.linalg.vector_norm(x[0], a.get('ord', 2), a.get('dim'), keepdim=a.get('keepdim', False)),
    'logsumexp': lambda x, a: x[0].logsumexp(a['dim'], keepdim=a.get('keepdim', False)),
    'cumsum': lambda x, a: x[0].cumsum(a['dim']),
    'cumprod': lambda x, a: x[0].cumprod(a['dim']),
    'all': lambda x, a: x[0].all() if 'dim' not in a else x[0].all(a['dim'], keepdim=a.get('keepdim', False)),
    'any': lambda x, a: x[0].any() if 'dim' not in a else x[0].any(a['dim'], keepdim=a.get('keepdim', False)),
    'count_nonzero': lambda x, a: x[0].count_nonzero(a.get('dim')),
    'softmax': lambda x, a: x[0].softmax(a['dim']),
    'log_softmax': lambda x, a: x[0].log_softmax(a['dim']),
    'softmin': lambda x, a: torch.nn.functional.softmin(x[0], a['dim']),
    'softmax_dtype': lambda x, a: x[0].softmax(a['dim'], dtype=getattr(torch, a['dtype'])),
    # order statistics
    'sort': lambda x, a: x[0].sort(a.get('dim', -1), descending=a.get('descending', False)).values,
    'sort_indices': lambda x, a: x[0].sort(dim=a.get('dim', -1), descending=a.get('descending', False), stable=True).indices,
    'argsort': lambda x, a: x[0].argsort(dim=a.get('dim', -1), descending=a.get('descending', False), stable=True),
    'topk': lambda x, a: x[0].topk(a['k'], a.get('dim', -1), largest=a.get('largest', True)).values,
    'topk_indices': lambda x, a: x[0].topk(a['k'], a.get('dim', -1), largest=a.get('largest', True)).indices,
    'median': lambda x, a: x[0].median(),
    'median_dim': lambda x, a: x[0].median(a['dim'], keepdim=a.get('keepdim', False)).values,
    'median_dim_indices': lambda x, a: x[0].median(a['dim'], keepdim=a.get('keepdim', False)).indices,
    'kthvalue': lambda x, a: x[0].kthvalue(a['k'], a.get('dim', -1), keepdim=a.get('keepdim', False)).values,
    # indexing
    'getitem': lambda x, a: x[0][sub(a, x)],
    'getitem_gt0': lambda x, a: x[0][x[0] > 0],
    'setitem': setitem,
    'setitem_iadd': iadd,
    'index_put_acc': lambda x, a: x[0].clone().index_put_(sub(a, x), x[a['v']], accumulate=True),
    'gather': lambda x, a: x[0].gather(a['dim'], x[1]),
    'scatter': lambda x, a: x[0].scatter(a['dim'], x[1], x[2]),
    'scatter_value': lambda x, a: x[0].scatter(a['dim'], x[1], a['value']),
    'scatter_add': lambda x, a: x[0].scatter_add(a['dim'], x[1], x[2]),
    'scatter_reduce': lambda x, a: x[0].scatter_reduce(a['dim'], x[1], x[2], a['reduce'], include_self=a.get('include_self', True)),
    'index_select': lambda x, a: x[0].index_select(a['dim'], x[1]),
    'index_add': lambda x, a: x[0].index_add(a['dim'], x[1], x[2], alpha=a.get('alpha', 1)),
    'index_copy': lambda x, a: x[0].index_copy(a['dim'], x[1], x[2]),
    'index_fill': lambda x, a: x[0].index_fill(a['dim'], x[1], a['value']),
    'masked_select': lambda x, a: x[0].masked_select(x[1]),
    'take': lambda x, a: x[0].take(x[1]),
    'nonzero': lambda x, a: x[0].nonzero(),
    'scatter_inplace': lambda x, a: x[0].clone().scatter_(a['dim'], x[1], x[2]),
    'index_add_inplace': lambda x, a: x[0].clone().index_add_(a['dim'], x[1], x[2]),
}



def dbl(f):
    """The first-order gradient of f at x[0] under the upstream x[1], kept in the graph (create_graph),
    so the case's backward checks the second derivative."""
    return lambda x, a: torch.autograd.grad(f(x[0], a), x[0], x[1], create_graph=True)[0]


OPS.update({
    'dbl_softmax': dbl(lambda x, a: x.softmax(a['dim'])),
    'dbl_log_softmax': dbl(lambda x, a: x.log_softmax(a['dim'])),
    'dbl_logsumexp': dbl(lambda x, a: x.logsumexp(a['dim'])),
    'dbl_var': dbl(lambda x, a: x.var(a['dim'])),
    'dbl_std': dbl(lambda x, a: x.std(a['dim'])),
    'dbl_norm': dbl(lambda x, a: x.norm(a['p'], a['dim'])),
    'dbl_prod': dbl(lambda x, a: x.prod(a['dim'])),
    'dbl_cumsum': dbl(lambda x, a: x.cumsum(a['dim'])),
    'dbl_cumprod': dbl(lambda x, a: x.cumprod(a['dim'])),
    'dbl_amax': dbl(lambda x, a: x.amax(a['dim'])),
    'dbl_max_dim': dbl(lambda x, a: x.max(a['dim']).values),
    'dbl_gather_sq': dbl(lambda x, a: (x * x).gather(1, torch.tensor(a['index']))),
    'dbl_index_sq': dbl(lambda x, a: (x * x)[torch.tensor(a['index'])]),
    'dbl_masked_select_sq': dbl(lambda x, a: (x * x).masked_select(x > 0)),
})

CASES = []
ERRORS = []


def case(name, op, inputs, args=None, tol=None, group='reduce', meta=True):
    """meta=False: the op needs data to know its output shape (masks, nonzero), so no meta run."""
    c = {'name': name, 'op': op, 'inputs': inputs, 'args': args or {}, 'tol': tol, 'group': group}
    if not meta:
        c['meta'] = False
    CASES.append(c)


def err(name, op, inputs, args=None, group='reduce', data_dependent=False):
    e = {'name': name, 'op': op, 'inputs': inputs, 'args': args or {}, 'group': group}
    if data_dependent:
        e['data_dependent'] = True
    ERRORS.append(e)


def I(shape, data=None, dtype='int64'):  # noqa: E743 — an index tensor input
    return T(shape, dtype, rg=False, data=data)


TIES = [1.0, 3.0, 3.0, -1.0, 2.0, 2.0, 2.0, 0.5, -4.0, 5.0, -4.0, 5.0]

# ---- prod ----
case('prod all', 'prod', [T([2, 3], kind='nonzero')])
case('prod dim 1', 'prod_dim', [T([2, 3])], {'dim': 1})
case('prod dim 0 keepdim transposed', 'prod_dim', [T([3, 4], layout='transposed')], {'dim': 0, 'keepdim': True})
case('prod with one zero', 'prod_dim', [T([2, 3], data=[1.5, 0.0, -2.0, 0.5, 2.0, 3.0])], {'dim': -1})
case('prod with two zeros', 'prod', [T([4], data=[0.0, 2.0, 0.0, 3.0])])
case('prod all with one zero', 'prod', [T([2, 2], data=[0.0, 2.0, -1.5, 3.0])])
case('prod int is int64', 'prod', [T([4], 'int32', data=[2, -3, 4, 1])])

# ---- max / min ----
case('max all with ties splits evenly', 'max', [T([3, 4], data=TIES)])
case('min all with ties splits evenly', 'min', [T([3, 4], data=TIES)])
case('max all', 'max', [T([2, 3, 2])])
case('max dim 1 ties go to returned index', 'max_dim', [T([3, 4], data=TIES)], {'dim': 1})
case('max dim 1 indices with ties', 'max_dim_indices', [T([3, 4], data=TIES)], {'dim': 1})
case('max dim 0 keepdim', 'max_dim', [T([3, 4], data=TIES)], {'dim': 0, 'keepdim': True})
case('max dim -1 transposed', 'max_dim', [T([3, 4], layout='transposed')], {'dim': -1})
case('max dim sliced indices', 'max_dim_indices', [T([2, 3], layout='sliced')], {'dim': 1})
case('min dim 0 ties', 'min_dim', [T([3, 4], data=TIES)], {'dim': 0})
case('min dim -2 indices keepdim', 'min_dim_indices', [T([3, 4], data=TIES)], {'dim': -2, 'keepdim': True})
case('max dim int', 'max_dim', [T([2, 3], 'int64')], {'dim': 1})
case('max with nan', 'max_dim', [T([2, 3], data=[1.0, float('nan'), 2.0, 0.0, 3.0, -1.0], rg=False)], {'dim': 1})
case('max of 0-dim with dim', 'max_dim', [T([])], {'dim': 0})
case('max with other tensor is maximum', 'max_other', [T([2, 3]), T([3])])
case('amax all ties split', 'amax', [T([3, 4], data=TIES)])
case('amax dim 1 ties split', 'amax', [T([3, 4], data=TIES)], {'dim': 1})
case('amax dims [0, 2] keepdim', 'amax', [T([2, 3, 2])], {'dim': [0, 2], 'keepdim': True})
case('amin dim -1 ties', 'amin', [T([3, 4], data=TIES)], {'dim': -1})
case('amin transposed', 'amin', [T([3, 4], layout='transposed')], {'dim': 0})
case('argmax all ties first', 'argmax', [T([3, 4], data=TIES, rg=False)])
case('argmax dim 1', 'argmax', [T([3, 4], data=TIES, rg=False)], {'dim': 1})
case('argmax dim 0 keepdim', 'argmax', [T([3, 4], rg=False)], {'dim': 0, 'keepdim': True})
case('argmin dim -1 transposed', 'argmin', [T([3, 4], layout='transposed', rg=False)], {'dim': -1})
case('argmin all keepdim', 'argmin', [T([2, 3], rg=False)], {'keepdim': True})

# ---- var / std ----
case('var all', 'var', [T([3, 4])])
case('var dim 1', 'var_dim', [T([3, 4])], {'dim': 1})
case('var dim 0 correction 0 keepdim', 'var_dim', [T([3, 4])], {'dim': 0, 'correction': 0, 'keepdim': True})
case('var dims [0, 2] correction 2', 'var_dim', [T([3, 2, 4])], {'dim': [0, 2], 'correction': 2})
case('var unbiased False', 'var_unbiased', [T([3, 4])], {'dim': 1, 'unbiased': False})
case('var transposed', 'var_dim', [T([3, 4], layout='transposed')], {'dim': -1})
case('var single element is nan', 'var_dim', [T([2, 1], rg=False)], {'dim': 1})
case('std all', 'std', [T([2, 5])])
case('std dim -1 keepdim', 'std_dim', [T([3, 4])], {'dim': -1, 'keepdim': True})
case('std sliced correction 0', 'std_dim', [T([2, 3], layout='sliced')], {'dim': 1, 'correction': 0})
case('var_mean var', 'var_mean_var', [T([3, 4])], {'dim': 1})
case('var_mean mean', 'var_mean_mean', [T([3, 4])], {'dim': 0, 'correction': 0})
case('std_mean std', 'std_mean_std', [T([3, 4])], {'dim': 1})

# ---- norms ----
case('norm default fro', 'norm', [T([3, 4])])
case('norm p=1 dim 1', 'norm_p', [T([3, 4])], {'p': 1, 'dim': 1})
case('norm p=3 dim 0 keepdim', 'norm_p', [T([3, 4])], {'p': 3, 'dim': 0, 'keepdim': True})
case('norm p=0.5 dim 1', 'norm_p', [T([2, 3], kind='nonzero')], {'p': 0.5, 'dim': 1})
case('norm inf ties', 'norm_p', [T([2, 3], data=[1.0, -3.0, 3.0, 2.0, -0.5, 1.5])], {'p': 'inf', 'dim': 1})
case('norm -inf', 'norm_p', [T([2, 3], kind='nonzero')], {'p': '-inf'})
case('norm p=0 counts nonzero', 'norm_p', [T([2, 3], data=[1.0, 0.0, 3.0, 0.0, 0.0, 1.5])], {'p': 0, 'dim': 1})
case('norm fro dims [0, 1]', 'norm_p', [T([2, 3, 2])], {'p': 'fro', 'dim': [0, 1]})
case('norm 2 with a zero row', 'norm_p', [T([2, 3], data=[0.0, 0.0, 0.0, 3.0, 4.0, 0.0])], {'p': 2, 'dim': 1})
case('norm transposed', 'norm_p', [T([3, 4], layout='transposed')], {'p': 2, 'dim': 0})
case('vector_norm ord 2 dim -1', 'vector_norm', [T([2, 3])], {'dim': -1})
case('vector_norm ord 1 all', 'vector_norm', [T([2, 3])], {'ord': 1})

# ---- logsumexp ----
case('logsumexp dim 1', 'logsumexp', [T([3, 4])], {'dim': 1})
case('logsumexp dims [0, 1] keepdim', 'logsumexp', [T([2, 3, 2])], {'dim': [0, 1], 'keepdim': True})
case('logsumexp large values stay finite', 'logsumexp', [T([2, 3], data=[1000.0, 1001.0, 999.0, -1000.0, -1001.0, -999.0])], {'dim': 1})
case('logsumexp with -inf', 'logsumexp', [T([2, 3], data=[float('-inf'), 0.0, 1.0, float('-inf'), float('-inf'), float('-inf')], rg=False)], {'dim': 1})
case('logsumexp transposed', 'logsumexp', [T([3, 4], layout='transposed')], {'dim': 0})
case('logsumexp int is float', 'logsumexp', [T([2, 3], 'int64')], {'dim': 1})

# ---- scans ----
case('cumsum dim 1', 'cumsum', [T([3, 4])], {'dim': 1})
case('cumsum dim 0 transposed', 'cumsum', [T([3, 4], layout='transposed')], {'dim': 0})
case('cumsum dim -1 sliced', 'cumsum', [T([2, 3], layout='sliced')], {'dim': -1})
case('cumsum int is int64', 'cumsum', [T([5], 'int32')], {'dim': 0})
case('cumprod dim 1', 'cumprod', [T([3, 4])], {'dim': 1})
case('cumprod dim 0 transposed', 'cumprod', [T([3, 4], layout='transposed')], {'dim': 0})
case('cumprod with one zero', 'cumprod', [T([2, 4], data=[1.5, 0.0, 2.0, -1.0, 0.5, 2.0, -3.0, 0.0])], {'dim': 1})
case('cumprod with two zeros', 'cumprod', [T([5], data=[2.0, 0.0, 3.0, 0.0, 1.5])], {'dim': 0})

# ---- logical ----
case('all', 'all', [T([2, 3], 'bool')])
case('all dim 1 float', 'all', [T([2, 3], data=[1.0, 2.0, 0.0, 1.0, -1.0, 3.0], rg=False)], {'dim': 1})
case('any dim 0 keepdim', 'any', [T([3, 2], 'bool', data=[False, False, True, False, False, False])], {'dim': 0, 'keepdim': True})
case('any int', 'any', [T([4], 'int64', data=[0, 0, 3, 0])])
case('all uint8 stays uint8', 'all', [T([2, 2], 'uint8', data=[1, 0, 5, 7])], {'dim': 1})
case('count_nonzero', 'count_nonzero', [T([3, 4], data=[0.0, 1.0, 0.0, 2.0] * 3, rg=False)])
case('count_nonzero dim 1', 'count_nonzero', [T([3, 4], data=[0.0, 1.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0], rg=False)], {'dim': 1})

# ---- softmax family ----
case('softmax dim 1', 'softmax', [T([3, 4])], {'dim': 1})
case('softmax dim 0 transposed', 'softmax', [T([3, 4], layout='transposed')], {'dim': 0})
case('softmax dim -1 3-d', 'softmax', [T([2, 3, 4])], {'dim': -1})
case('softmax dim 1 of 3-d', 'softmax', [T([2, 3, 2])], {'dim': 1})
case('softmax large values', 'softmax', [T([2, 3], data=[1000.0, 1001.0, 999.0, -1000.0, -1001.0, -999.0])], {'dim': 1})
case('softmax with -inf', 'softmax', [T([2, 3], data=[float('-inf'), 0.0, 1.0, 2.0, float('-inf'), 2.0])], {'dim': 1})
case('softmax sliced', 'softmax', [T([2, 3], layout='sliced')], {'dim': 1})
case('log_softmax dim 1', 'log_softmax', [T([3, 4])], {'dim': 1})
case('log_softmax large values', 'log_softmax', [T([2, 3], data=[1000.0, 1001.0, 999.0, -1000.0, -1001.0, -999.0])], {'dim': -1})
case('log_softmax dim 0 transposed', 'log_softmax', [T([3, 4], layout='transposed')], {'dim': 0})
case('softmin dim 1', 'softmin', [T([3, 4])], {'dim': 1})
case('softmax dtype float64', 'softmax_dtype', [T([2, 3])], {'dim': 1, 'dtype': 'float64'})

# ---- order statistics (distinct values unless the case is about ties: tie order is stable here) ----
case('sort last dim', 'sort', [T([3, 4])])
case('sort dim 0 descending transposed', 'sort', [T([3, 4], layout='transposed')], {'dim': 0, 'descending': True})
case('sort indices stable with ties', 'sort_indices', [T([3, 4], data=TIES, rg=False)], {'dim': 1})
case('sort indices descending stable with ties', 'sort_indices', [T([3, 4], data=TIES, rg=False)], {'dim': 1, 'descending': True})
case('sort with nan last', 'sort', [T([5], data=[2.0, float('nan'), -1.0, 5.0, 0.0], rg=False)])
case('argsort dim 0', 'argsort', [T([3, 4], rg=False)], {'dim': 0})
case('topk 2 largest', 'topk', [T([3, 5])], {'k': 2})
case('topk 3 smallest dim 0 sliced', 'topk', [T([4, 3], layout='sliced')], {'k': 3, 'dim': 0, 'largest': False})
case('topk indices', 'topk_indices', [T([3, 5], rg=False)], {'k': 2})
case('median all even count lower', 'median', [T([2, 3])])
case('median dim 1 odd', 'median_dim', [T([3, 5])], {'dim': 1})
case('median dim 0 keepdim even', 'median_dim', [T([4, 3])], {'dim': 0, 'keepdim': True})
case('median dim indices', 'median_dim_indices', [T([3, 5], rg=False)], {'dim': -1})
case('kthvalue 2 dim 1', 'kthvalue', [T([3, 4])], {'k': 2, 'dim': 1})

# ---- second derivatives (create_graph=True): the output is a gradient, its backward a Hessian product ----
D = 'double'
case('d2 softmax', 'dbl_softmax', [T([2, 3]), T([2, 3], rg=False)], {'dim': 1}, group=D)
case('d2 log_softmax', 'dbl_log_softmax', [T([2, 3]), T([2, 3], rg=False)], {'dim': 1}, group=D)
case('d2 logsumexp', 'dbl_logsumexp', [T([2, 3]), T([2], rg=False)], {'dim': 1}, group=D)
case('d2 var', 'dbl_var', [T([2, 4]), T([2], rg=False)], {'dim': 1}, group=D)
case('d2 std', 'dbl_std', [T([2, 4]), T([2], rg=False)], {'dim': 1}, group=D)
case('d2 norm 2', 'dbl_norm', [T([2, 3]), T([2], rg=False)], {'p': 2, 'dim': 1}, group=D)
case('d2 norm 3', 'dbl_norm', [T([2, 3], kind='nonzero'), T([2], rg=False)], {'p': 3, 'dim': 1}, group=D)
case('d2 prod', 'dbl_prod', [T([2, 3], kind='nonzero'), T([2], rg=False)], {'dim': 1}, group=D)
case('d2 cumsum', 'dbl_cumsum', [T([2, 3]), T([2, 3], rg=False)], {'dim': 1}, group=D)
case('d2 cumprod', 'dbl_cumprod', [T([2, 3], kind='nonzero'), T([2, 3], rg=False)], {'dim': 1}, group=D)
case('d2 amax', 'dbl_amax', [T([2, 3]), T([2], rg=False)], {'dim': 1}, group=D)
case('d2 max dim', 'dbl_max_dim', [T([2, 3]), T([2], rg=False)], {'dim': 1}, group=D)
case('d2 gather', 'dbl_gather_sq', [T([2, 3]), T([2, 2], rg=False)], {'index': [[0, 2], [1, 1]]}, group=D)
case('d2 index', 'dbl_index_sq', [T([3, 2]), T([3, 2], rg=False)], {'index': [2, 0, 2]}, group=D)
case('d2 masked_select', 'dbl_masked_select_sq', [T([2, 3], data=[1.0, -1.0, 2.0, 0.5, -0.5, 3.0]), T([4], rg=False)], group=D)

# ---- indexing: x[...] ----
G = 'index'
S = lambda a=None, b=None, c=None: {'slice': [a, b, c]}  # noqa: E731
X = lambda k: {'t': k}  # noqa: E731
case('x[1]', 'getitem', [T([3, 4])], {'idx': [1]}, group=G)
case('x[-1, 2]', 'getitem', [T([3, 4])], {'idx': [-1, 2]}, group=G)
case('x[:, -2]', 'getitem', [T([3, 4])], {'idx': [S(), -2]}, group=G)
case('x[1:]', 'getitem', [T([4, 3])], {'idx': [S(1)]}, group=G)
case('x[::2, 1::2]', 'getitem', [T([5, 4])], {'idx': [S(None, None, 2), S(1, None, 2)]}, group=G)
case('x[-3:-1]', 'getitem', [T([5, 2])], {'idx': [S(-3, -1)]}, group=G)
case('x[2:100] clamps', 'getitem', [T([4, 2])], {'idx': [S(2, 100)]}, group=G)
case('x[-100:2] clamps', 'getitem', [T([4, 2])], {'idx': [S(-100, 2)]}, group=G)
case('x[3:1] is empty', 'getitem', [T([4, 2])], {'idx': [S(3, 1)]}, group=G)
case('x[None]', 'getitem', [T([2, 3])], {'idx': [None]}, group=G)
case('x[:, None, 1]', 'getitem', [T([2, 3])], {'idx': [S(), None, 1]}, group=G)
case('x[..., 1]', 'getitem', [T([2, 3, 4])], {'idx': ['...', 1]}, group=G)
case('x[0, ...]', 'getitem', [T([2, 3, 4])], {'idx': [0, '...']}, group=G)
case('x[..., None]', 'getitem', [T([2, 3])], {'idx': ['...', None]}, group=G)
case('x[...] alias', 'getitem', [T([2, 3])], {'idx': ['...']}, group=G)
case('x[True]', 'getitem', [T([2, 3])], {'idx': [True]}, group=G)
case('x[1, 1:3] transposed', 'getitem', [T([3, 4], layout='transposed')], {'idx': [1, S(1, 3)]}, group=G)
case('x[:, ::2] sliced', 'getitem', [T([2, 3], layout='sliced')], {'idx': [S(), S(None, None, 2)]}, group=G)
case('x[idx] with duplicates', 'getitem', [T([4, 3]), I([4], [0, 2, 0, -1])], {'idx': [X(1)]}, group=G)
case('x[idx2d]', 'getitem', [T([4, 3]), I([2, 2], [3, 0, 1, 1])], {'idx': [X(1)]}, group=G)
case('x[:, idx]', 'getitem', [T([3, 4]), I([3], [3, 0, 3])], {'idx': [S(), X(1)]}, group=G)
case('x[i, j] broadcast', 'getitem', [T([3, 4]), I([2, 1], [0, 2]), I([3], [1, 3, 0])], {'idx': [X(1), X(2)]}, group=G)
case('x[i, :, j] separated move to front', 'getitem', [T([3, 4, 5]), I([2], [0, 2]), I([2], [4, 1])], {'idx': [X(1), S(), X(2)]}, group=G)
case('x[:, i, j] adjacent stay', 'getitem', [T([2, 3, 4]), I([2], [0, 2]), I([2], [3, 1])], {'idx': [S(), X(1), X(2)]}, group=G)
case('x[1, :, idx] int is basic', 'getitem', [T([3, 4, 5]), I([2], [0, 1])], {'idx': [1, S(), X(1)]}, group=G)
case('x[None, 1, ..., idx]', 'getitem', [T([3, 4, 5]), I([2], [0, 1])], {'idx': [None, 1, '...', X(1)]}, group=G)
case('x[i, None, j]', 'getitem', [T([3, 4, 5]), I([2], [0, 1]), I([2], [1, 2])], {'idx': [X(1), None, X(2)]}, group=G)
case('x[1:, idx] mixed', 'getitem', [T([4, 3]), I([2], [2, 0])], {'idx': [S(1), X(1)]}, group=G)
case('x[idx, 1:3] transposed', 'getitem', [T([4, 3], layout='transposed'), I([3], [1, 1, 3])], {'idx': [X(1), S(1, 3)]}, group=G)
case('x[idx] int32 index', 'getitem', [T([4, 3]), I([2], [3, 1], 'int32')], {'idx': [X(1)]}, group=G)
case('x[[0, 2]] list', 'getitem', [T([3, 4])], {'idx': [{'list': [0, 2]}]}, group=G)
case('x[mask2d]', 'getitem', [T([3, 4]), T([3, 4], 'bool')], {'idx': [X(1)]}, group=G, meta=False)
case('x[mask1d]', 'getitem', [T([3, 4]), T([3], 'bool', data=[True, False, True])], {'idx': [X(1)]}, group=G, meta=False)
case('x[:, mask]', 'getitem', [T([3, 4]), T([4], 'bool', data=[False, True, True, False])], {'idx': [S(), X(1)]}, group=G, meta=False)
case('x[mask2d] of 3-d', 'getitem', [T([2, 3, 2]), T([2, 3], 'bool')], {'idx': [X(1)]}, group=G, meta=False)
case('x[[True, False, True]] list mask', 'getitem', [T([3, 2])], {'idx': [{'list': [True, False, True]}]}, group=G, meta=False)
case('x[mask, idx] mixed', 'getitem', [T([3, 4]), T([3], 'bool', data=[True, False, True]), I([2], [3, 0])], {'idx': [X(1), X(2)]}, group=G, meta=False)
case('x[x > 0]', 'getitem_gt0', [T([3, 4])], group=G, meta=False)
case('x[mask] transposed', 'getitem', [T([3, 4], layout='transposed'), T([3, 4], 'bool')], {'idx': [X(1)]}, group=G, meta=False)

# ---- setitem (on a clone, so gradients reach the leaf and the value) ----
case('y[mask] = 0', 'setitem', [T([3, 4]), T([3, 4], 'bool')], {'idx': [X(1)], 'value': 0.0}, group=G, meta=False)
case('y[:, 1:3] = t', 'setitem', [T([3, 4]), T([3, 2])], {'idx': [S(), S(1, 3)], 'v': 1}, group=G)
case('y[:, 1:3] = t broadcast', 'setitem', [T([3, 4]), T([2])], {'idx': [S(), S(1, 3)], 'v': 1}, group=G)
case('y[0] = scalar', 'setitem', [T([3, 4])], {'idx': [0], 'value': 2.5}, group=G)
case('y[idx] = t', 'setitem', [T([4, 3]), I([2], [2, 0]), T([2, 3])], {'idx': [X(1)], 'v': 2}, group=G)
case('y[idx] = t broadcast row', 'setitem', [T([4, 3]), I([2], [3, 1]), T([3])], {'idx': [X(1)], 'v': 2}, group=G)
case('y[i, j] = t', 'setitem', [T([3, 4]), I([2], [0, 2]), I([2], [1, 3]), T([2])], {'idx': [X(1), X(2)], 'v': 3}, group=G)
case('y[idx] += 1', 'setitem_iadd', [T([4, 3]), I([2], [1, 3])], {'idx': [X(1)], 'value': 1.0}, group=G)
case('y[:, idx] += t', 'setitem_iadd', [T([3, 4]), I([2], [0, 2]), T([3, 2])], {'idx': [S(), X(1)], 'v': 2}, group=G)
case('y[mask] = t', 'setitem', [T([3, 4]), T([3], 'bool', data=[True, False, True]), T([4])], {'idx': [X(1)], 'v': 2}, group=G, meta=False)
case('y[idx] = t on transposed', 'setitem', [T([3, 4], layout='transposed'), I([2], [0, 2]), T([2, 4])], {'idx': [X(1)], 'v': 2}, group=G)
case('y[0:2] = float values into int casts', 'setitem', [T([3], 'int64'), T([2], data=[1.5, 2.7], rg=False)], {'idx': [S(0, 2)], 'v': 1}, group=G)
case('y[idx] = scalar on int', 'setitem', [T([4], 'int64'), I([2], [3, 1])], {'idx': [X(1)], 'value': 7}, group=G)
case('index_put_ accumulate duplicates', 'index_put_acc', [T([4, 3]), I([3], [1, 1, 3]), T([3, 3])], {'idx': [X(1)], 'v': 2}, group=G)

# ---- gather / scatter / index_* ----
case('gather dim 1', 'gather', [T([3, 4]), I([3, 2], [0, 3, 1, 1, 2, 0])], {'dim': 1}, group=G)
case('gather dim 0', 'gather', [T([3, 4]), I([2, 4], [2, 0, 1, 1, 0, 2, 2, 0])], {'dim': 0}, group=G)
case('gather dim -1 transposed', 'gather', [T([3, 4], layout='transposed'), I([2, 3], [3, 3, 0, 1, 2, 1])], {'dim': -1}, group=G)
case('scatter src', 'scatter', [T([3, 4]), I([2, 2], [0, 3, 1, 2]), T([2, 2])], {'dim': 1}, group=G)
case('scatter value', 'scatter_value', [T([3, 4]), I([3, 1], [1, 0, 3])], {'dim': 1, 'value': -2.0}, group=G)
case('scatter_add duplicates', 'scatter_add', [T([3, 4]), I([2, 3], [0, 0, 2, 1, 1, 1]), T([2, 3])], {'dim': 1}, group=G)
case('scatter src larger than index (forward)', 'scatter', [T([3, 4], rg=False), I([2, 2], [0, 3, 1, 2]), T([2, 3], rg=False)], {'dim': 1}, group=G)
case('scatter_add dim 0', 'scatter_add', [T([3, 2]), I([4, 2], [0, 1, 2, 2, 0, 0, 1, 2]), T([4, 2])], {'dim': 0}, group=G)
for red in ['sum', 'mean', 'amax', 'amin']:
    for incl in [True, False]:
        case(f'scatter_reduce {red} include_self={incl}', 'scatter_reduce',
             [T([3, 4]), I([3, 2], [0, 0, 1, 3, 3, 3]), T([3, 2])], {'dim': 1, 'reduce': red, 'include_self': incl}, group=G)
case('scatter_reduce prod forward', 'scatter_reduce', [T([2, 3], rg=False), I([2, 2], [0, 0, 2, 1]), T([2, 2], rg=False)], {'dim': 1, 'reduce': 'prod'}, group=G)
case('index_select dim 0 duplicates', 'index_select', [T([4, 3]), I([3], [3, 0, 3])], {'dim': 0}, group=G)
case('index_select dim 1 transposed', 'index_select', [T([3, 4], layout='transposed'), I([2], [2, 0])], {'dim': 1}, group=G)
case('index_add alpha', 'index_add', [T([4, 3]), I([3], [1, 3, 1]), T([3, 3])], {'dim': 0, 'alpha': 2.0}, group=G)
case('index_add dim 1', 'index_add', [T([3, 4]), I([2], [0, 2]), T([3, 2])], {'dim': 1}, group=G)
case('index_copy', 'index_copy', [T([4, 3]), I([2], [3, 0]), T([2, 3])], {'dim': 0}, group=G)
case('index_fill', 'index_fill', [T([3, 4]), I([2], [1, 3])], {'dim': 1, 'value': -1.0}, group=G)
case('masked_select broadcast', 'masked_select', [T([3, 4]), T([4], 'bool', data=[True, False, True, True])], group=G, meta=False)
case('masked_select transposed', 'masked_select', [T([3, 4], layout='transposed'), T([3, 4], 'bool')], group=G, meta=False)
case('take with negative', 'take', [T([3, 4]), I([2, 2], [0, 11, -1, 5])], group=G)
case('take transposed', 'take', [T([3, 4], layout='transposed'), I([3], [1, 4, 7])], group=G)
case('nonzero', 'nonzero', [T([3, 4], data=[0.0, 1.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0], rg=False)], group=G, meta=False)
case('scatter_ on a clone', 'scatter_inplace', [T([3, 4]), I([2, 2], [0, 3, 1, 2]), T([2, 2])], {'dim': 1}, group=G)
case('index_add_ on a clone', 'index_add_inplace', [T([4, 3]), I([2], [1, 1]), T([2, 3])], {'dim': 0}, group=G)

# ---- errors ----
R = 'reduce'
err('max dim out of range', 'max_dim', [T([3, 4])], {'dim': 2}, group=R)
err('max of empty', 'max', [T([0])], group=R)
err('max dim of empty dim', 'max_dim', [T([0, 3])], {'dim': 0}, group=R)
err('softmax of int', 'softmax', [T([3, 4], 'int64')], {'dim': 0}, group=R)
err('log_softmax of int lastdim', 'log_softmax', [T([3, 4], 'int64')], {'dim': 1}, group=R)
err('var of int', 'var', [T([3], 'int64')], group=R)
err('norm of int', 'norm', [T([3], 'int64')], group=R)
err('cumsum dim out of range', 'cumsum', [T([3, 4])], {'dim': 3}, group=R)
err('prod dim out of range', 'prod_dim', [T([3, 4])], {'dim': 5}, group=R)
err('topk k too large', 'topk', [T([3, 4])], {'k': 5}, group=R)
err('amax repeated dim', 'amax', [T([3, 4])], {'dim': [1, -1]}, group=R)
err('x[1, 10] out of bounds', 'getitem', [T([3, 4])], {'idx': [1, 10]}, group=G)
err('x[5] out of bounds', 'getitem', [T([3, 4])], {'idx': [5]}, group=G)
err('x[-4] out of bounds', 'getitem', [T([3, 4])], {'idx': [-4]}, group=G)
err('too many indices', 'getitem', [T([3, 4])], {'idx': [1, 2, 3]}, group=G)
err('negative step', 'getitem', [T([3, 4])], {'idx': [S(None, None, -1)]}, group=G)
err('mask shape mismatch', 'getitem', [T([3, 4]), T([2], 'bool')], {'idx': [X(1)]}, group=G)
err('mask shape mismatch at dim 1', 'getitem', [T([3, 4]), T([2], 'bool')], {'idx': [S(), X(1)]}, group=G)
err('index tensor out of bounds', 'getitem', [T([3, 4]), I([1], [5])], {'idx': [X(1)]}, group=G, data_dependent=True)
err('second index tensor out of bounds', 'getitem', [T([3, 4]), I([2], [0, 1]), I([2], [0, 9])], {'idx': [X(1), X(2)]}, group=G, data_dependent=True)
err('index tensors do not broadcast', 'getitem', [T([3, 4]), I([2], [0, 1]), I([3], [0, 1, 2])], {'idx': [X(1), X(2)]}, group=G)
err('float index tensor', 'getitem', [T([3, 4]), T([1], data=[0.5], rg=False)], {'idx': [X(1)]}, group=G)
err('setitem value does not broadcast', 'setitem', [T([3, 4]), I([1], [0]), T([2, 4])], {'idx': [X(1)], 'v': 2}, group=G)
err('setitem index tensor with float64 value', 'setitem', [T([3, 4]), I([1], [0]), T([1, 4], 'float64', rg=False)], {'idx': [X(1)], 'v': 2}, group=G)
err('setitem slice value does not expand', 'setitem', [T([3, 4]), T([3, 3])], {'idx': [S(), S(1, 3)], 'v': 1}, group=G)
err('gather index out of bounds', 'gather', [T([3, 4]), I([1, 1], [5])], {'dim': 1}, group=G, data_dependent=True)
err('gather index ndim', 'gather', [T([3, 4]), I([1], [0])], {'dim': 1}, group=G)
err('gather index too large', 'gather', [T([3, 4]), I([3, 5], [0] * 15)], {'dim': 0}, group=G)
err('gather float index', 'gather', [T([3, 4]), T([1, 1], data=[0.0], rg=False)], {'dim': 1}, group=G)
err('scatter index larger than src', 'scatter', [T([3, 4]), I([3, 4], [0] * 12), T([2, 2])], {'dim': 1}, group=G)
err('index_select 2-d index', 'index_select', [T([3, 4]), I([1, 1], [0])], {'dim': 0}, group=G)
err('index_select out of range', 'index_select', [T([3, 4]), I([1], [3])], {'dim': 0}, group=G, data_dependent=True)
err('index_add count mismatch', 'index_add', [T([3, 4]), I([1], [0]), T([2, 4])], {'dim': 0}, group=G)
err('index_copy out of range', 'index_copy', [T([3, 4]), I([2], [0, 3]), T([2, 4])], {'dim': 0}, group=G, data_dependent=True)
err('masked_select non-bool mask', 'masked_select', [T([3, 4]), T([3, 4], rg=False)], group=G)
err('take out of range', 'take', [T([3, 4]), I([1], [12])], group=G, data_dependent=True)


# ---- run PyTorch --------------------------------------------------------------------------------
def enc_inputs(specs):
    return [{**s, 'data': [enc_num(v, s['dtype']) for v in s['data']]} for s in specs]


def run_case(i, c):
    xs = [build(s) for s in c['inputs']]
    out = OPS[c['op']](xs, c['args'])
    res = {k: v for k, v in c.items() if v is not None}
    res['inputs'] = enc_inputs(c['inputs'])
    res['out'] = enc_tensor(out)
    res['grad_fn'] = type(out.grad_fn).__name__ if out.grad_fn is not None else None
    if out.requires_grad:
        rnd = random.Random(5000 + i)
        vals = [round(rnd.gauss(0, 1), 2) for _ in range(out.numel())]
        up = torch.tensor(vals, dtype=out.dtype).reshape(out.shape)
        res['upstream'] = {'shape': list(out.shape), 'dtype': str(out.dtype).replace('torch.', ''), 'data': vals}
        out.backward(up)
        res['grads'] = [enc_tensor(x.grad) if x.requires_grad and x.grad is not None else None for x in xs]
    else:
        res['grads'] = [None for _ in xs]
    return res


def run_error(e):
    xs = [build(s) for s in e['inputs']]
    try:
        OPS[e['op']](xs, e['args'])
    except Exception as ex:  # noqa: BLE001 — recording whatever PyTorch raises is the point
        msg = str(ex).split('\n')[0]
        return {**e, 'inputs': enc_inputs(e['inputs']), 'error': {'type': type(ex).__name__, 'message': msg}}
    raise AssertionError(f'{e["name"]}: PyTorch raised nothing')


def main():
    names = [c['name'] for c in CASES] + [e['name'] for e in ERRORS]
    assert len(names) == len(set(names)), 'case names must be unique'
    doc = {
        'generator': 'test/golden/gen_reduce_index.py',
        'torch': torch.__version__,
        'cases': [run_case(i, c) for i, c in enumerate(CASES)],
        'errors': [run_error(e) for e in ERRORS],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'reduce_index.json')
    with open(path, 'w') as f:
        json.dump(doc, f, separators=(',', ':'), allow_nan=False)
        f.write('\n')
    print(f'wrote {path}: {len(doc["cases"])} cases, {len(doc["errors"])} errors, {os.path.getsize(path)} bytes')


if __name__ == '__main__':
    main()
