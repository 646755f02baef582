# Writes test/golden/shape_ops.json, matmul.json and einsum.json: real PyTorch results (outputs, input
# gradients under a random upstream gradient, grad_fn names, error messages) for the movement ops
# (cat, split, flip, roll, repeat, tril, diagonal, ...) and the matmul family (matmul, mm, bmm, addmm,
# linear, einsum, ...). Run with the reference PyTorch:
#   ~/.cache/nnlens-ref/bin/python test/golden/gen_shape_matmul.py
# Op keys must match test/golden/shape_matmul.ts. Input specs and encodings are gen_core_ops.py's, so
# the TS harness (test/engine/check_op.ts) builds the same leaves.
import json
import os
import random
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_core_ops import T, build, enc_tensor, enc_inputs  # noqa: E402

torch.manual_seed(0)
random.seed(7)
torch.set_num_threads(1)

MM_TOL = {'rtol': 1e-4, 'atol': 1e-5}

SHAPE_OPS = {
    'cat': lambda x, a: torch.cat(x, a.get('dim', 0)),
    'stack': lambda x, a: torch.stack(x, a.get('dim', 0)),
    'hstack': lambda x, a: torch.hstack(x),
    'vstack': lambda x, a: torch.vstack(x),
    'flip': lambda x, a: torch.flip(x[0], a['dims']),
    'fliplr': lambda x, a: torch.fliplr(x[0]),
    'roll': lambda x, a: torch.roll(x[0], a['shifts'], a.get('dims')),
    'repeat': lambda x, a: x[0].repeat(*a['sizes']),
    'tile': lambda x, a: torch.tile(x[0], a['dims']),
    'repeat_interleave': lambda x, a: torch.repeat_interleave(x[0], a['repeats'], a.get('dim')),
    'repeat_interleave_t': lambda x, a: torch.repeat_interleave(x[0], torch.tensor(a['repeats']), a.get('dim')),
    'tril': lambda x, a: torch.tril(x[0], a.get('diagonal', 0)),
    'triu': lambda x, a: torch.triu(x[0], a.get('diagonal', 0)),
    'diagonal': lambda x, a: torch.diagonal(x[0], a.get('offset', 0), a.get('dim1', 0), a.get('dim2', 1)),
    'diag': lambda x, a: torch.diag(x[0], a.get('diagonal', 0)),
    'diag_embed': lambda x, a: torch.diag_embed(x[0], a.get('offset', 0), a.get('dim1', -2), a.get('dim2', -1)),
    'movedim': lambda x, a: torch.movedim(x[0], a['source'], a['destination']),
    'broadcast_to': lambda x, a: torch.broadcast_to(x[0], a['shape']),
    # multi-output ops: the cases list their outputs
    'split': lambda x, a: torch.split(x[0], a['split'], a.get('dim', 0)),
    'chunk': lambda x, a: torch.chunk(x[0], a['chunks'], a.get('dim', 0)),
    'unbind': lambda x, a: torch.unbind(x[0], a.get('dim', 0)),
    'broadcast_tensors': lambda x, a: torch.broadcast_tensors(*x),
}

MATMUL_OPS = {
    'matmul': lambda x, a: torch.matmul(x[0], x[1]),
    'mm': lambda x, a: torch.mm(x[0], x[1]),
    'bmm': lambda x, a: torch.bmm(x[0], x[1]),
    'mv': lambda x, a: torch.mv(x[0], x[1]),
    'dot': lambda x, a: torch.dot(x[0], x[1]),
    'outer': lambda x, a: torch.outer(x[0], x[1]),
    'addmm': lambda x, a: torch.addmm(x[0], x[1], x[2], beta=a.get('beta', 1), alpha=a.get('alpha', 1)),
    'baddbmm': lambda x, a: torch.baddbmm(x[0], x[1], x[2], beta=a.get('beta', 1), alpha=a.get('alpha', 1)),
    'addmv': lambda x, a: torch.addmv(x[0], x[1], x[2], beta=a.get('beta', 1), alpha=a.get('alpha', 1)),
    'addbmm': lambda x, a: torch.addbmm(x[0], x[1], x[2], beta=a.get('beta', 1), alpha=a.get('alpha', 1)),
    'inner': lambda x, a: torch.inner(x[0], x[1]),
    'multi_dot': lambda x, a: torch.linalg.multi_dot(x),
    'addcmul': lambda x, a: torch.addcmul(x[0], x[1], x[2], value=a.get('value', 1)),
    'addcdiv': lambda x, a: torch.addcdiv(x[0], x[1], x[2], value=a.get('value', 1)),
    'linear': lambda x, a: F.linear(x[0], x[1], x[2] if len(x) > 2 else None),
    'tensordot': lambda x, a: torch.tensordot(x[0], x[1], a['dims']),
    'kron': lambda x, a: torch.kron(x[0], x[1]),
}

EINSUM_OPS = {'einsum': lambda x, a: torch.einsum(a['eq'], *x)}

FILES = {'shape_ops.json': (SHAPE_OPS, [], []), 'matmul.json': (MATMUL_OPS, [], []), 'einsum.json': (EINSUM_OPS, [], [])}


def case(file, name, op, inputs, args=None, tol=None, note=None, grad_fn=True):
    """grad_fn=False: the op is a composite whose internal node names PyTorch does not promise."""
    FILES[file][1].append({'name': name, 'op': op, 'inputs': inputs, 'args': args or {}, 'tol': tol, 'note': note,
                           'check_grad_fn': grad_fn})


def err(file, name, op, inputs, args=None):
    FILES[file][2].append({'name': name, 'op': op, 'inputs': inputs, 'args': args or {}})


S, M, E = 'shape_ops.json', 'matmul.json', 'einsum.json'
f64 = 'float64'

# ---- cat / stack ----
case(S, 'cat dim 0', 'cat', [T([2, 3]), T([1, 3])])
case(S, 'cat dim 1 non-contiguous', 'cat', [T([2, 3], layout='transposed'), T([2, 2], layout='sliced'), T([2, 1])], {'dim': 1})
case(S, 'cat negative dim', 'cat', [T([2, 2, 2]), T([2, 2, 1])], {'dim': -1})
case(S, 'cat skips legacy empty 1-D', 'cat', [T([0]), T([2, 3]), T([0], rg=False)], {'dim': 1})
case(S, 'cat promotes int32 and float64', 'cat', [T([2], 'int32'), T([3], f64)])
case(S, 'cat promotes float32 and float64 (grad keeps dtype)', 'cat', [T([2]), T([2], f64)])
case(S, 'cat bool', 'cat', [T([2], 'bool'), T([1], 'bool')])
case(S, 'cat expanded input', 'cat', [T([2, 3], layout='expanded', base=[1, 3]), T([1, 3])])
case(S, 'stack dim 0', 'stack', [T([2, 3]), T([2, 3]), T([2, 3], layout='transposed')])
case(S, 'stack last dim', 'stack', [T([2, 3]), T([2, 3])], {'dim': 2})
case(S, 'stack 0-dim', 'stack', [T([]), T([])])
case(S, 'hstack 1-D', 'hstack', [T([2]), T([3])])
case(S, 'hstack 2-D', 'hstack', [T([2, 1]), T([2, 2])])
case(S, 'vstack', 'vstack', [T([3]), T([2, 3])])
err(S, 'cat size mismatch', 'cat', [T([2, 3], rg=False), T([2, 4], rg=False)])
err(S, 'cat rank mismatch', 'cat', [T([2, 3], rg=False), T([2, 3, 4], rg=False)])
err(S, 'cat 0-dim', 'cat', [T([], rg=False), T([], rg=False)])
err(S, 'cat dim out of range', 'cat', [T([2, 3], rg=False), T([2, 3], rg=False)], {'dim': 2})
err(S, 'cat empty list', 'cat', [])
err(S, 'stack unequal', 'stack', [T([2, 3], rg=False), T([2, 4], rg=False)])
err(S, 'stack empty list', 'stack', [])
err(S, 'stack dim out of range', 'stack', [T([2], rg=False)], {'dim': 3})

# ---- split / chunk / unbind (multi-output) ----
case(S, 'split int', 'split', [T([5, 2])], {'split': 2})
case(S, 'split sizes dim 1', 'split', [T([2, 6], layout='transposed')], {'split': [1, 3, 2], 'dim': 1})
case(S, 'split larger than dim', 'split', [T([3])], {'split': 5})
case(S, 'chunk uneven', 'chunk', [T([5, 3])], {'chunks': 3})
case(S, 'chunk dim -1', 'chunk', [T([2, 4], layout='sliced')], {'chunks': 2, 'dim': -1})
case(S, 'unbind dim 1', 'unbind', [T([2, 3])], {'dim': 1})
case(S, 'broadcast_tensors', 'broadcast_tensors', [T([2, 1]), T([3])])
err(S, 'split sizes do not sum', 'split', [T([2, 3], rg=False)], {'split': [1, 1], 'dim': 1})
err(S, 'split size 0', 'split', [T([2, 3], rg=False)], {'split': 0, 'dim': 1})
err(S, 'split negative', 'split', [T([3], rg=False)], {'split': -1})
err(S, 'chunk 0', 'chunk', [T([3], rg=False)], {'chunks': 0})
err(S, 'unbind 0-dim', 'unbind', [T([], rg=False)])

# ---- flip / roll ----
case(S, 'flip dims 0,1', 'flip', [T([2, 3])], {'dims': [0, 1]})
case(S, 'flip last dim of transposed', 'flip', [T([3, 4], layout='transposed')], {'dims': [-1]})
case(S, 'flip int64', 'flip', [T([4], 'int64')], {'dims': [0]})
case(S, 'fliplr', 'fliplr', [T([2, 3, 2])])
case(S, 'roll dim 1', 'roll', [T([2, 5])], {'shifts': 2, 'dims': 1})
case(S, 'roll negative shift two dims', 'roll', [T([3, 4], layout='sliced')], {'shifts': [-1, 5], 'dims': [0, 1]})
case(S, 'roll flattened', 'roll', [T([2, 3])], {'shifts': 4})
err(S, 'flip repeated dim', 'flip', [T([2, 3], rg=False)], {'dims': [0, 0]})
err(S, 'roll shifts/dims mismatch', 'roll', [T([2, 3], rg=False)], {'shifts': [1, 2], 'dims': [0]})
err(S, 'fliplr 1-D', 'fliplr', [T([3], rg=False)])

# ---- repeat / tile / repeat_interleave ----
case(S, 'repeat adds dims', 'repeat', [T([2, 3])], {'sizes': [2, 1, 3]})
case(S, 'repeat transposed', 'repeat', [T([2, 3], layout='transposed')], {'sizes': [2, 2]})
case(S, 'repeat zero', 'repeat', [T([2])], {'sizes': [0]})
case(S, 'tile pads dims', 'tile', [T([2, 3])], {'dims': [2]})
case(S, 'repeat_interleave int dim', 'repeat_interleave', [T([2, 3])], {'repeats': 2, 'dim': 1})
case(S, 'repeat_interleave flattened', 'repeat_interleave', [T([2, 2])], {'repeats': 3})
case(S, 'repeat_interleave tensor repeats', 'repeat_interleave_t', [T([3, 2])], {'repeats': [1, 0, 3], 'dim': 0})
err(S, 'repeat fewer sizes than dims', 'repeat', [T([2, 3], rg=False)], {'sizes': [2]})
err(S, 'repeat negative', 'repeat', [T([2, 3], rg=False)], {'sizes': [-1, 1]})
err(S, 'repeat_interleave wrong count', 'repeat_interleave_t', [T([2, 3], rg=False)], {'repeats': [1, 2], 'dim': 1})
err(S, 'repeat_interleave negative', 'repeat_interleave_t', [T([2, 3], rg=False)], {'repeats': [-1, 2], 'dim': 0})

# ---- tril / triu / diagonal ----
case(S, 'tril', 'tril', [T([3, 4])])
case(S, 'tril diagonal -1 batched', 'tril', [T([2, 3, 3])], {'diagonal': -1})
case(S, 'triu diagonal 1 transposed', 'triu', [T([4, 3], layout='transposed')], {'diagonal': 1})
case(S, 'diagonal', 'diagonal', [T([3, 4])])
case(S, 'diagonal offset 1', 'diagonal', [T([3, 4])], {'offset': 1})
case(S, 'diagonal offset -2 dims 2,0', 'diagonal', [T([4, 2, 3])], {'offset': -2, 'dim1': 2, 'dim2': 0})
case(S, 'diagonal out of range is empty', 'diagonal', [T([2, 3])], {'offset': 5})
case(S, 'diag of 1-D with offset', 'diag', [T([3])], {'diagonal': 1})
case(S, 'diag of 2-D below', 'diag', [T([3, 4], layout='transposed')], {'diagonal': -1})
case(S, 'diag_embed dims 0,2', 'diag_embed', [T([2, 3])], {'offset': 1, 'dim1': 0, 'dim2': 2})
err(S, 'diag 3-D', 'diag', [T([2, 2, 2], rg=False)])
err(S, 'diag_embed identical dims', 'diag_embed', [T([2, 3], rg=False)], {'dim1': 0, 'dim2': 0})
err(S, 'triu 1-D', 'triu', [T([3], rg=False)])
err(S, 'diagonal identical dims', 'diagonal', [T([2, 3], rg=False)], {'dim1': 1, 'dim2': 1})

# ---- movedim / broadcast_to ----
case(S, 'movedim int', 'movedim', [T([2, 3, 4])], {'source': 0, 'destination': -1})
case(S, 'movedim lists', 'movedim', [T([2, 3, 4, 5])], {'source': [0, 1], 'destination': [3, 0]})
case(S, 'broadcast_to', 'broadcast_to', [T([3, 1])], {'shape': [2, 3, 4]})
err(S, 'movedim repeated source', 'movedim', [T([2, 3], rg=False)], {'source': [0, 0], 'destination': [1, 0]})
err(S, 'movedim length mismatch', 'movedim', [T([2, 3], rg=False)], {'source': [0, 1], 'destination': [1]})

# ---- matmul family ----
case(M, 'matmul 1-D dot', 'matmul', [T([4]), T([4])], tol=MM_TOL)
case(M, 'matmul 2-D mm', 'matmul', [T([3, 4]), T([4, 5])], tol=MM_TOL)
case(M, 'matmul 2-D transposed operands', 'matmul', [T([3, 4], layout='transposed'), T([4, 5], layout='transposed')], tol=MM_TOL)
case(M, 'matmul 2-D sliced operands', 'matmul', [T([3, 4], layout='sliced'), T([4, 2], layout='sliced')], tol=MM_TOL)
case(M, 'matmul 2-D by 1-D (mv)', 'matmul', [T([3, 4]), T([4])], tol=MM_TOL)
case(M, 'matmul 1-D by 2-D', 'matmul', [T([4]), T([4, 3])], tol=MM_TOL)
case(M, 'matmul 3-D by 2-D folds', 'matmul', [T([2, 3, 4]), T([4, 5])], tol=MM_TOL)
case(M, 'matmul 3-D by 1-D', 'matmul', [T([2, 3, 4]), T([4])], tol=MM_TOL)
case(M, 'matmul batched', 'matmul', [T([2, 3, 4]), T([2, 4, 5])], tol=MM_TOL)
case(M, 'matmul broadcast batch', 'matmul', [T([2, 1, 3, 4]), T([3, 4, 2])], tol=MM_TOL)
case(M, 'matmul 1-D by 3-D', 'matmul', [T([3]), T([2, 3, 4])], tol=MM_TOL)
case(M, 'matmul 2-D by 3-D', 'matmul', [T([2, 3]), T([4, 3, 2])], tol=MM_TOL)
case(M, 'matmul expanded batch operand', 'matmul', [T([3, 2, 4], layout='expanded', base=[1, 2, 4]), T([3, 4, 2])], tol=MM_TOL)
case(M, 'matmul float64', 'matmul', [T([3, 4], f64), T([4, 2], f64)], tol={'rtol': 1e-12, 'atol': 1e-12})
case(M, 'matmul int64', 'matmul', [T([2, 3], 'int64'), T([3, 2], 'int64')])
case(M, 'matmul int32 batched', 'matmul', [T([2, 2, 3], 'int32'), T([3, 2], 'int32')])
# Above 4096 multiply-adds the backend leaves its JS loop for tfjs.
case(M, 'matmul larger (backend kernel)', 'matmul', [T([16, 18]), T([18, 15])], tol=MM_TOL)
case(M, 'matmul larger batched transposed', 'matmul', [T([2, 12, 14], layout='transposed'), T([2, 14, 13])], tol=MM_TOL)
case(M, 'mm', 'mm', [T([2, 3]), T([3, 4])], tol=MM_TOL)
case(M, 'bmm', 'bmm', [T([2, 2, 3]), T([2, 3, 4], layout='transposed')], tol=MM_TOL)
case(M, 'mv', 'mv', [T([3, 2]), T([2], layout='sliced')], tol=MM_TOL)
case(M, 'dot', 'dot', [T([5]), T([5])], tol=MM_TOL)
case(M, 'outer', 'outer', [T([3]), T([2])])
case(M, 'addmm', 'addmm', [T([4]), T([2, 3]), T([3, 4])], tol=MM_TOL)
case(M, 'addmm beta alpha', 'addmm', [T([2, 1]), T([2, 3]), T([3, 4], layout='transposed')], {'beta': 0.5, 'alpha': -2}, tol=MM_TOL)
case(M, 'addmm beta 0', 'addmm', [T([2, 4]), T([2, 3]), T([3, 4])], {'beta': 0}, tol=MM_TOL)
case(M, 'baddbmm', 'baddbmm', [T([3]), T([2, 2, 4]), T([2, 4, 3])], {'beta': 2, 'alpha': 0.5}, tol=MM_TOL)
case(M, 'addmv', 'addmv', [T([3]), T([3, 4], layout='transposed'), T([4])], {'beta': 0.5, 'alpha': 2}, tol=MM_TOL)
case(M, 'addbmm', 'addbmm', [T([3, 4]), T([2, 3, 5]), T([2, 5, 4])], {'alpha': -1}, tol=MM_TOL)
case(M, 'inner', 'inner', [T([3, 4]), T([2, 4])], tol=MM_TOL)
case(M, 'inner with scalar', 'inner', [T([]), T([2, 3])])
case(M, 'multi_dot', 'multi_dot', [T([3]), T([3, 4]), T([4, 2]), T([2, 5])], tol=MM_TOL, grad_fn=False)
case(M, 'addcmul', 'addcmul', [T([3]), T([2, 3]), T([3])], {'value': 0.5})
case(M, 'addcdiv', 'addcdiv', [T([2, 3]), T([2, 3]), T([3], kind='nonzero')], {'value': -2})
case(M, 'linear 2-D with bias', 'linear', [T([2, 3]), T([4, 3]), T([4])], tol=MM_TOL)
case(M, 'linear 3-D with bias', 'linear', [T([5, 2, 3]), T([4, 3]), T([4])], tol=MM_TOL)
case(M, 'linear 3-D no bias', 'linear', [T([5, 2, 3]), T([4, 3])], tol=MM_TOL)
case(M, 'linear 2-D no bias', 'linear', [T([2, 3]), T([4, 3])], tol=MM_TOL)
case(M, 'linear 1-D with bias', 'linear', [T([3]), T([4, 3]), T([4])], tol=MM_TOL)
case(M, 'linear non-contiguous 3-D with bias', 'linear', [T([2, 3, 3], layout='transposed'), T([4, 3]), T([4])], tol=MM_TOL)
case(M, 'tensordot int dims', 'tensordot', [T([2, 3, 4]), T([3, 4, 5])], {'dims': 2}, tol=MM_TOL)
case(M, 'tensordot lists', 'tensordot', [T([2, 3, 4]), T([4, 2, 5])], {'dims': [[0, 2], [1, 0]]}, tol=MM_TOL)
case(M, 'kron', 'kron', [T([2, 3]), T([2, 2])])
case(M, 'kron mixed ranks', 'kron', [T([3]), T([2, 2])])
for eq, shapes in [
    ('ij,jk->ik', [[2, 3], [3, 4]]),
    ('bhqd,bhkd->bhqk', [[2, 2, 3, 4], [2, 2, 5, 4]]),
    ('ii->i', [[3, 3]]),
    ('...ij->...ji', [[2, 3, 4]]),
    ('i,i->', [[5], [5]]),
    ('ij,jk', [[2, 3], [3, 4]]),
    ('ij->', [[2, 3]]),
    ('bij,bjk->bik', [[2, 3, 4], [2, 4, 2]]),
    ('i,j->ij', [[3], [4]]),
    ('iij->ji', [[3, 3, 2]]),
    ('ij,jk,kl->il', [[2, 3], [3, 4], [4, 2]]),
    ('...ij,...jk->...ik', [[2, 1, 2, 3], [4, 3, 2]]),
    ('bA,aB', [[2, 3], [3, 2]]),
    ('ij...->ij', [[2, 3, 4]]),
    ('i j , j k -> i k', [[2, 3], [3, 4]]),
    ('ij,ij->i', [[3, 4], [3, 4]]),
    ('ij,jk->ik', [[2, 1], [3, 4]]),
    ('ij,jk->ik', [[2, 3], [1, 4]]),
    ('bij,bjk->bik', [[1, 2, 3], [4, 3, 5]]),
    ('i,i->i', [[1], [3]]),
    ('...,...->...', [[2, 1], [3]]),
    ('ij,ij,ij->j', [[2, 3], [2, 3], [2, 3]]),
    ('i,j,k->ijk', [[2], [3], [4]]),
    ('ii', [[3, 3]]),
    ('i->', [[0]]),
]:
    case(E, f'einsum {eq} {shapes}', 'einsum', [T(s) for s in shapes], {'eq': eq}, tol=MM_TOL, grad_fn=False)
case(E, 'einsum transposed operand', 'einsum', [T([3, 2], layout='transposed'), T([2, 4])], {'eq': 'ij,jk->ik'}, tol=MM_TOL, grad_fn=False)

def big(shape):
    """A large error-case operand stored as one value expanded (shape errors need no data)."""
    return T(shape, rg=False, layout='expanded', base=[1] * len(shape))


err(M, 'mm shapes', 'mm', [big([1, 400]), big([256, 120])])
err(M, 'mm dtypes', 'mm', [T([2, 3], rg=False), T([3, 4], f64, rg=False)])
err(M, 'mm int64 with float', 'mm', [T([2, 3], rg=False), T([3, 4], 'int64')])
err(M, 'mm 1-D self', 'mm', [T([3], rg=False), T([3, 4], rg=False)])
err(M, 'mm 1-D mat2', 'mm', [T([2, 3], rg=False), T([3], rg=False)])
err(M, 'bmm batch2 size', 'bmm', [T([2, 3, 4], rg=False), T([2, 5, 6], rg=False)])
err(M, 'bmm batch size', 'bmm', [T([2, 3, 4], rg=False), T([3, 4, 6], rg=False)])
err(M, 'bmm 2-D', 'bmm', [T([3, 4], rg=False), T([3, 4, 6], rg=False)])
err(M, 'bmm dtypes', 'bmm', [T([2, 3, 4], rg=False), T([2, 4, 6], f64, rg=False)])
err(M, 'matmul 0-D', 'matmul', [T([], rg=False), T([3, 4], rg=False)])
err(M, 'matmul 1-D mismatch', 'matmul', [T([3], rg=False), T([4], rg=False)])
err(M, 'matmul mv mismatch', 'matmul', [T([3, 4], rg=False), T([5], rg=False)])
err(M, 'matmul 1-D by 2-D mismatch', 'matmul', [T([5], rg=False), T([3, 4], rg=False)])
err(M, 'matmul folded mismatch', 'matmul', [T([2, 3, 4], rg=False), T([5, 6], rg=False)])
err(M, 'matmul batched mismatch', 'matmul', [T([2, 3, 4], rg=False), T([2, 5, 6], rg=False)])
err(M, 'matmul batch broadcast mismatch', 'matmul', [T([2, 3, 4], rg=False), T([3, 4, 6], rg=False)])
err(M, 'matmul dtypes', 'matmul', [T([3, 4], rg=False), T([4, 2], f64, rg=False)])
err(M, 'dot sizes', 'dot', [T([3], rg=False), T([4], rg=False)])
err(M, 'dot 2-D', 'dot', [T([3, 1], rg=False), T([3, 1], rg=False)])
err(M, 'dot dtypes', 'dot', [T([3], rg=False), T([3], f64, rg=False)])
err(M, 'mv 2-D vec', 'mv', [T([3, 4], rg=False), T([3, 4], rg=False)])
err(M, 'outer 2-D', 'outer', [T([3, 1], rg=False), T([4], rg=False)])
err(M, 'outer 2-D vec2', 'outer', [T([3], rg=False), T([3, 1], rg=False)])
err(M, 'addmm input shape', 'addmm', [T([4], rg=False), T([2, 4], rg=False), T([4, 3], rg=False)])
err(M, 'addmm input dtype', 'addmm', [T([3], f64, rg=False), T([2, 4], rg=False), T([4, 3], rg=False)])
err(M, 'addmm mat1 1-D', 'addmm', [T([4], rg=False), T([3], rg=False), T([3, 4], rg=False)])
err(M, 'addmm shapes', 'addmm', [T([3], rg=False), T([2, 4], rg=False), T([5, 3], rg=False)])
err(M, 'baddbmm input shape', 'baddbmm', [T([5], rg=False), T([2, 2, 4], rg=False), T([2, 4, 3], rg=False)])
err(M, 'addmv sizes', 'addmv', [T([3], rg=False), T([3, 4], rg=False), T([3], rg=False)])
err(M, 'addbmm batches', 'addbmm', [T([3, 4], rg=False), T([2, 3, 5], rg=False), T([3, 5, 4], rg=False)])
err(M, 'inner last dims', 'inner', [T([3, 4], rg=False), T([2, 3], rg=False)])
err(M, 'addcdiv integer', 'addcdiv', [T([3], 'int64'), T([3], 'int64'), T([3], 'int64')])
err(M, 'linear LeNet mismatch', 'linear', [big([1, 400]), big([120, 256]), T([120], rg=False)])
err(M, 'linear 3-D mismatch', 'linear', [big([7, 1, 400]), big([120, 256]), T([120], rg=False)])
err(M, 'tensordot sizes', 'tensordot', [T([2, 3, 4], rg=False), T([4, 4, 5], rg=False)], {'dims': 2})
err(M, 'tensordot list lengths', 'tensordot', [T([2, 3, 4], rg=False), T([3, 4, 5], rg=False)], {'dims': [[1, 2], [0]]})
for name, eq, shapes in [
    ('too few operands', 'ij,jk->ik', [[2, 3]]),
    ('too many operands', 'ij->ji', [[2, 3], [3, 2]]),
    ('output label missing', 'ij->il', [[2, 3]]),
    ('output label repeated', 'ij->ii', [[2, 3]]),
    ('subscript count', 'ijk->ij', [[2, 3]]),
    ('invalid subscript', 'i1->i', [[2, 3]]),
    ('size mismatch', 'ij,jk->ik', [[2, 3], [4, 4]]),
    ('ellipsis mismatch', '...ij,...jk->...ik', [[2, 2, 3], [3, 3, 4]]),
    ('repeated label sizes', 'ii->i', [[2, 3]]),
    ('stray dot', 'i.j->i', [[2, 3]]),
]:
    err(E, f'einsum {name}', 'einsum', [T(s, rg=False) for s in shapes], {'eq': eq})
err(E, 'einsum dtypes', 'einsum', [T([2, 3], rg=False), T([3, 4], f64, rg=False)], {'eq': 'ij,jk->ik'})


# ---- run PyTorch ----
def run_case(i, c, ops):
    xs = [build(s) for s in c['inputs']]
    res = {k: v for k, v in c.items() if v is not None and k != 'check_grad_fn'}
    res['inputs'] = enc_inputs(c['inputs'])
    out = ops[c['op']](xs, c['args'])
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    rnd = random.Random(1000 + i)
    ups = []
    for o in outs:
        vals = [round(rnd.gauss(0, 1), 2) for _ in range(o.numel())]
        ups.append((torch.tensor(vals, dtype=o.dtype).reshape(o.shape), {'shape': list(o.shape), 'dtype': str(o.dtype).replace('torch.', ''), 'data': vals}))
    fn = lambda o: (type(o.grad_fn).__name__ if o.grad_fn is not None else None)  # noqa: E731
    if isinstance(out, (tuple, list)):
        res['outs'] = [enc_tensor(o) for o in outs]
        res['grad_fns'] = [fn(o) for o in outs]
    else:
        res['out'] = enc_tensor(out)
        res['grad_fn'] = fn(out)
        if not c['check_grad_fn']:
            res['grad_fn_unchecked'] = True
    if any(o.requires_grad for o in outs):
        torch.autograd.backward([o for o in outs if o.requires_grad], [u for (u, _), o in zip(ups, outs) if o.requires_grad])
        if isinstance(out, (tuple, list)):
            res['upstreams'] = [u for (_, u) in ups]
        else:
            res['upstream'] = ups[0][1]
        res['grads'] = [enc_tensor(x.grad) if x.requires_grad and x.grad is not None else None for x in xs]
    else:
        res['grads'] = [None for _ in xs]
    return res


def run_error(e, ops):
    xs = [build(s) for s in e['inputs']]
    try:
        ops[e['op']](xs, e['args'])
    except Exception as ex:  # noqa: BLE001 — recording whatever PyTorch raises is the point
        msg = str(ex).split('\n')[0]
        return {**e, 'inputs': enc_inputs(e['inputs']), 'error': {'type': type(ex).__name__, 'message': msg}}
    raise AssertionError(f'{e["name"]}: PyTorch raised nothing')


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for file, (ops, cases, errors) in FILES.items():
        names = [c['name'] for c in cases] + [e['name'] for e in errors]
        assert len(names) == len(set(names)), 'case names must be unique'
        doc = {
            'generator': 'test/golden/gen_shape_matmul.py',
            'torch': torch.__version__,
            'cases': [run_case(i, c, ops) for i, c in enumerate(cases)],
            'errors': [run_error(e, ops) for e in errors],
        }
        path = os.path.join(here, file)
        with open(path, 'w') as f:
            json.dump(doc, f, separators=(',', ':'), allow_nan=False)
            f.write('\n')
        print(f'wrote {path}: {len(doc["cases"])} cases, {len(doc["errors"])} errors, {os.path.getsize(path)} bytes')


if __name__ == '__main__':
    main()
