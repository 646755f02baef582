# Writes test/golden/core_{ops,views,dtypes}.json: real PyTorch results (outputs, input gradients under a random
# upstream gradient, grad_fn names, error messages) for the engine core's ops. Run with the reference
# PyTorch:  ~/.cache/nnlens-ref/bin/python test/golden/gen_core_ops.py
# The op keys here must match the TypeScript table next to it, test/golden/core_ops.ts.
import json
import math
import os
import random

import torch

torch.manual_seed(0)
random.seed(0)
torch.set_num_threads(1)


# ---- inputs ----------------------------------------------------------------------------------
def numel(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def gen_values(n, kind, dtype):
    """Deterministic input values, rounded to 3 decimals so both sides parse the same number."""
    if kind == 'randn':
        return [round(random.gauss(0, 1), 3) for _ in range(n)]
    if kind == 'pos':  # strictly positive, away from 0 (log, sqrt, pow bases)
        return [round(random.uniform(0.2, 3.0), 3) for _ in range(n)]
    if kind == 'unit':  # inside (-0.9, 0.9)
        return [round(random.uniform(-0.9, 0.9), 3) for _ in range(n)]
    if kind == 'nonzero':  # |v| in [0.5, 3], either sign (divisors)
        return [round(random.choice([-1, 1]) * random.uniform(0.5, 3.0), 3) for _ in range(n)]
    if kind == 'int':
        return [random.randint(-9, 9) for _ in range(n)]
    if kind == 'intnz':
        return [random.choice([-1, 1]) * random.randint(1, 5) for _ in range(n)]
    if kind == 'uint':
        return [random.randint(0, 200) for _ in range(n)]
    if kind == 'bool':
        return [random.random() < 0.5 for _ in range(n)]
    raise ValueError(kind)


def T(shape, dtype='float32', rg=None, kind=None, data=None, layout=None, base=None):
    """An input spec. layout builds a non-contiguous leaf: 'transposed' (last two dims swapped in
    memory), 'sliced' (every other element of a wider last dim, nonzero offset), 'expanded' (stride 0
    from `base` shape)."""
    if rg is None:
        rg = dtype.startswith('float')
    if kind is None:
        kind = 'randn' if dtype.startswith('float') else 'bool' if dtype == 'bool' else 'uint' if dtype == 'uint8' else 'int'
    src_shape = base if layout == 'expanded' else shape
    if data is None:
        data = gen_values(numel(src_shape), kind, dtype)
    spec = {'shape': list(shape), 'dtype': dtype, 'data': data, 'requires_grad': rg}
    if layout:
        spec['layout'] = layout
    if base is not None:
        spec['base_shape'] = list(base)
    return spec


def build(spec):
    """The same construction the TS harness does with the engine's own view ops."""
    dt = getattr(torch, spec['dtype'])
    layout = spec.get('layout')
    if layout == 'expanded':
        b = torch.tensor(spec['data'], dtype=dt).reshape(spec['base_shape'])
        x = b.expand(spec['shape'])
    else:
        x = torch.tensor(spec['data'], dtype=dt).reshape(spec['shape'])
        if layout == 'transposed':
            x = x.transpose(-2, -1).contiguous().transpose(-2, -1)
            assert not x.is_contiguous()
        elif layout == 'sliced':
            shp = list(spec['shape'])
            wide = torch.full(shp[:-1] + [2 * shp[-1] + 1], 77, dtype=dt)
            wide[..., 1::2] = x
            x = wide[..., 1::2]
            assert not x.is_contiguous()
    x = x.detach()
    if spec['requires_grad']:
        x.requires_grad_(True)
    return x


# ---- encoding --------------------------------------------------------------------------------
def enc_num(v, dtype):
    if isinstance(v, bool):
        return v
    if dtype.startswith('float'):
        if math.isnan(v):
            return 'nan'
        if math.isinf(v):
            return 'inf' if v > 0 else '-inf'
        # 7 significant digits: float32 carries ~7.2, and the tests compare at 1e-5 relative.
        return float('%.7g' % v) if dtype != 'float64' else v
    return int(v)


def enc_tensor(t):
    dtype = str(t.dtype).replace('torch.', '')
    flat = t.detach().reshape(-1).tolist()
    return {'shape': list(t.shape), 'dtype': dtype, 'data': [enc_num(v, dtype) for v in flat]}


# ---- the op table (keys shared with test/golden/core_ops.ts) ----------------------------
def _s(a):
    return a['s']


OPS = {
    # binary, tensor with tensor
    'add': lambda x, a: torch.add(x[0], x[1]),
    'add_alpha': lambda x, a: torch.add(x[0], x[1], alpha=a['alpha']),
    'sub': lambda x, a: x[0] - x[1],
    'sub_alpha': lambda x, a: torch.sub(x[0], x[1], alpha=a['alpha']),
    'mul': lambda x, a: x[0] * x[1],
    'div': lambda x, a: x[0] / x[1],
    'div_trunc': lambda x, a: torch.div(x[0], x[1], rounding_mode='trunc'),
    'div_floor': lambda x, a: torch.div(x[0], x[1], rounding_mode='floor'),
    'floordiv': lambda x, a: x[0] // x[1],
    'mod': lambda x, a: x[0] % x[1],
    'fmod': lambda x, a: torch.fmod(x[0], x[1]),
    'fmod_s': lambda x, a: torch.fmod(x[0], _s(a)),
    'pow': lambda x, a: x[0] ** x[1],
    'atan2': lambda x, a: torch.atan2(x[0], x[1]),
    'maximum': lambda x, a: torch.maximum(x[0], x[1]),
    'minimum': lambda x, a: torch.minimum(x[0], x[1]),
    # binary, tensor with a Python scalar (both orders, as the Python operators call them)
    'add_s': lambda x, a: x[0] + _s(a),
    'radd_s': lambda x, a: _s(a) + x[0],
    'sub_s': lambda x, a: x[0] - _s(a),
    'rsub_s': lambda x, a: _s(a) - x[0],
    'mul_s': lambda x, a: x[0] * _s(a),
    'rmul_s': lambda x, a: _s(a) * x[0],
    'div_s': lambda x, a: x[0] / _s(a),
    'rdiv_s': lambda x, a: _s(a) / x[0],
    'floordiv_s': lambda x, a: x[0] // _s(a),
    'rfloordiv_s': lambda x, a: _s(a) // x[0],
    'mod_s': lambda x, a: x[0] % _s(a),
    'rmod_s': lambda x, a: _s(a) % x[0],
    'pow_s': lambda x, a: x[0] ** _s(a),
    'rpow_s': lambda x, a: _s(a) ** x[0],
    # unary
    **{name: (lambda n: lambda x, a: getattr(torch, n)(x[0]))(name) for name in [
        'abs', 'neg', 'exp', 'expm1', 'log', 'log1p', 'log2', 'sqrt', 'rsqrt', 'sin', 'cos', 'tan', 'tanh',
        'sigmoid', 'relu', 'erf', 'floor', 'ceil', 'round', 'trunc', 'sign', 'reciprocal', 'exp2', 'log10',
        'asin', 'acos', 'atan', 'sinh', 'cosh', 'frac', 'square']},
    'round_decimals': lambda x, a: torch.round(x[0], decimals=a['decimals']),
    # clamp family
    'clamp': lambda x, a: torch.clamp(x[0], a.get('min'), a.get('max')),
    'clip': lambda x, a: torch.clip(x[0], a.get('min'), a.get('max')),
    'clamp_t': lambda x, a: torch.clamp(x[0], x[1], x[2]),
    'clamp_min_t': lambda x, a: torch.clamp(x[0], min=x[1]),
    'where': lambda x, a: torch.where(x[0], x[1], x[2]),
    'masked_fill': lambda x, a: x[0].masked_fill(x[1], a['value']),
    'lerp_s': lambda x, a: torch.lerp(x[0], x[1], a['weight']),
    'lerp_t': lambda x, a: torch.lerp(x[0], x[1], x[2]),
    # comparisons and logical ops
    **{name: (lambda n: lambda x, a: getattr(torch, n)(x[0], x[1]))(name) for name in [
        'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logical_and', 'logical_or', 'logical_xor',
        'bitwise_and', 'bitwise_or', 'bitwise_xor']},
    **{name + '_s': (lambda n: lambda x, a: getattr(torch, n)(x[0], _s(a)))(name) for name in [
        'eq', 'ne', 'lt', 'le', 'gt', 'ge']},
    **{name: (lambda n: lambda x, a: getattr(torch, n)(x[0]))(name) for name in [
        'logical_not', 'bitwise_not', 'isnan', 'isinf', 'isfinite']},
    # reductions
    'sum': lambda x, a: x[0].sum(),
    'sum_dim': lambda x, a: x[0].sum(a['dim'], keepdim=a.get('keepdim', False)),
    'mean': lambda x, a: x[0].mean(),
    'mean_dim': lambda x, a: x[0].mean(a['dim'], keepdim=a.get('keepdim', False)),
    # views and layout
    'view': lambda x, a: x[0].view(a['shape']),
    'reshape': lambda x, a: x[0].reshape(a['shape']),
    'permute': lambda x, a: x[0].permute(a['dims']),
    'transpose': lambda x, a: x[0].transpose(a['dim0'], a['dim1']),
    't': lambda x, a: x[0].t(),
    'unsqueeze': lambda x, a: x[0].unsqueeze(a['dim']),
    'squeeze': lambda x, a: x[0].squeeze(),
    'squeeze_dim': lambda x, a: x[0].squeeze(a['dim']),
    'flatten': lambda x, a: x[0].flatten(a.get('start_dim', 0), a.get('end_dim', -1)),
    'unflatten': lambda x, a: x[0].unflatten(a['dim'], a['sizes']),
    'expand': lambda x, a: x[0].expand(a['shape']),
    'narrow': lambda x, a: x[0].narrow(a['dim'], a['start'], a['length']),
    'select': lambda x, a: x[0].select(a['dim'], a['index']),
    'contiguous': lambda x, a: x[0].contiguous(),
    'clone': lambda x, a: x[0].clone(),
    'to': lambda x, a: x[0].to(getattr(torch, a['dtype'])),
    # factories (no tensor inputs)
    'arange': lambda x, a: torch.arange(*a['args']),
    'linspace': lambda x, a: torch.linspace(*a['args']),
    'zeros': lambda x, a: torch.zeros(a['shape']),
    'ones': lambda x, a: torch.ones(a['shape']),
    'full': lambda x, a: torch.full(a['shape'], a['value']),
    'eye': lambda x, a: torch.eye(*a['args']),
    'tensor': lambda x, a: torch.tensor(a['data']),
    # composite checks: an expression through several ops, to check the gradient chain
    'chain_mlp': lambda x, a: ((x[0] * x[1]).sum(-1) + x[2]).tanh(),
    'self_use': lambda x, a: x[0] * x[0] + x[0],
    'requires_grad_int': lambda x, a: x[0].requires_grad_(True),
    'where_s': lambda x, a: torch.where(x[0], x[1], a['s']),
    # in-place ops on a non-leaf (a clone), so the gradient flows back through the rewrite
    'add_inplace': lambda x, a: x[0].clone().add_(x[1]),
    'mul_inplace': lambda x, a: x[0].clone().mul_(x[1]),
    'clamp_inplace': lambda x, a: x[0].clone().clamp_(a['min'], a['max']),
    'sigmoid_inplace': lambda x, a: x[0].clone().sigmoid_(),
    'leaf_add_inplace': lambda x, a: x[0].add_(x[1]),
    'add_inplace_s': lambda x, a: x[0].add_(_s(a)),
}

# ---- cases ----------------------------------------------------------------------------------
CASES = []
# Three output files keep each fixture well under 100 KB: core_ops.json (elementwise math and
# comparisons), core_views.json (reductions, views, factories, in-place, chains) and core_dtypes.json
# (type promotion, special values, half precision, and every error case).
FILES = ['core_ops.json', 'core_views.json', 'core_dtypes.json']
FILE = 'core_ops.json'
ERRORS = []


def case(name, op, inputs, args=None, tol=None, note=None, second_order=False):
    """second_order: also differentiate the first-order gradients (create_graph=True) once more."""
    CASES.append({'name': name, 'op': op, 'inputs': inputs, 'args': args or {}, 'tol': tol, 'note': note, 'file': FILE,
                  'second_order': second_order or None})


def err(name, op, inputs, args=None, data_dependent=False):
    """data_dependent: raised by the kernel on values, so the meta device cannot raise it."""
    e = {'name': name, 'op': op, 'inputs': inputs, 'args': args or {}}
    if data_dependent:
        e['data_dependent'] = True
    ERRORS.append(e)


F = 'float32'

# Binary arithmetic with broadcasting and non-contiguous operands.
for op, kb in [('add', 'randn'), ('sub', 'randn'), ('mul', 'randn'), ('div', 'nonzero')]:
    case(f'{op} same shape', op, [T([2, 3]), T([2, 3], kind=kb)])
    case(f'{op} broadcast [2,3,1]x[4]', op, [T([2, 3, 1]), T([4], kind=kb)])
    case(f'{op} broadcast 0-dim rhs', op, [T([2, 3]), T([], kind=kb)])
    case(f'{op} transposed lhs, sliced rhs', op, [T([3, 4], layout='transposed'), T([3, 4], kind=kb, layout='sliced')])
    case(f'{op} expanded rhs', op, [T([2, 3]), T([2, 3], kind=kb, layout='expanded', base=[1, 3])])
    case(f'{op} one side without grad', op, [T([2, 3], rg=False), T([3], kind=kb)])
case('add alpha', 'add_alpha', [T([2, 3]), T([3])], {'alpha': 2.5})
case('sub alpha', 'sub_alpha', [T([2, 3]), T([2, 1])], {'alpha': -0.5})
case('div trunc float', 'div_trunc', [T([2, 4]), T([2, 4], kind='nonzero')])
case('div floor float', 'div_floor', [T([2, 4]), T([2, 4], kind='nonzero')])
case('div trunc int', 'div_trunc', [T([6], 'int64'), T([6], 'int64', kind='intnz')])
case('div floor int', 'div_floor', [T([6], 'int64'), T([6], 'int64', kind='intnz')])
# PyTorch has no derivative for floor_divide (backward raises), so its cases carry no grad.
case('floordiv float', 'floordiv', [T([2, 4], rg=False), T([4], kind='nonzero', rg=False)])
case('floordiv int negative divisor', 'floordiv', [T([6], 'int64', data=[7, -7, 7, -7, 0, 5]), T([6], 'int64', data=[2, 2, -2, -2, -3, -1])])
case('mod float python sign', 'mod', [T([2, 4]), T([2, 4], kind='nonzero')])
case('mod int python sign', 'mod', [T([6], 'int64', data=[7, -7, 7, -7, 0, 5]), T([6], 'int64', data=[3, 3, -3, -3, 4, -1])])
case('fmod float C sign', 'fmod', [T([2, 4]), T([2, 4], kind='nonzero', rg=False)])
case('fmod grads to both', 'fmod', [T([2, 4]), T([4], kind='nonzero')])
case('fmod scalar', 'fmod_s', [T([2, 3])], {'s': -0.7})
case('pow tensor exponent', 'pow', [T([2, 3], kind='pos'), T([2, 3])])
case('pow broadcast exponent', 'pow', [T([2, 3], kind='pos'), T([3], kind='unit')])
case('atan2', 'atan2', [T([2, 3]), T([2, 3], kind='nonzero')])
case('atan2 broadcast', 'atan2', [T([3, 1]), T([4], kind='nonzero')])
tie_a = [1.0, 2.0, -3.0, 0.5, 4.0, -1.0]
tie_b = [1.0, 3.0, -3.0, 0.25, 4.0, -2.0]
for op in ['maximum', 'minimum']:
    case(f'{op} with ties', op, [T([2, 3], data=tie_a), T([2, 3], data=tie_b)])
    case(f'{op} broadcast', op, [T([2, 3]), T([3])])
    case(f'{op} int', op, [T([5], 'int64'), T([5], 'int64')])

# Tensor with Python scalar, both orders. PyTorch implements no derivative for these (backward raises).
NO_DERIVATIVE = {'floordiv_s', 'rfloordiv_s', 'rmod_s'}
for op, s, kind in [('add_s', 1.5, 'randn'), ('radd_s', 2, 'randn'), ('sub_s', 0.75, 'randn'), ('rsub_s', 3, 'randn'),
                    ('mul_s', -2.5, 'randn'), ('rmul_s', 4, 'randn'), ('div_s', 4.0, 'randn'), ('rdiv_s', 2.0, 'nonzero'),
                    ('floordiv_s', 0.7, 'randn'), ('rfloordiv_s', 5.0, 'nonzero'), ('mod_s', 0.7, 'randn'), ('rmod_s', 2.5, 'nonzero'),
                    ('pow_s', 3, 'randn'), ('pow_s', 0.5, 'pos'), ('pow_s', -1.5, 'pos'), ('pow_s', 0, 'randn'), ('pow_s', 2, 'randn'),
                    ('rpow_s', 2.0, 'randn')]:
    case(f'{op} {s}', op, [T([2, 3], kind=kind, rg=False if op in NO_DERIVATIVE else None)], {'s': s})
case('sub_s on transposed', 'sub_s', [T([3, 2], layout='transposed')], {'s': 1.25})
case('rdiv_s on sliced', 'rdiv_s', [T([2, 3], kind='nonzero', layout='sliced')], {'s': -1.0})

# Unary math: every one on a plain input, a few on non-contiguous inputs.
UNARY_KIND = {'log': 'pos', 'log1p': 'pos', 'log2': 'pos', 'log10': 'pos', 'sqrt': 'pos', 'rsqrt': 'pos', 'reciprocal': 'nonzero',
              'asin': 'unit', 'acos': 'unit'}
for op in ['abs', 'neg', 'exp', 'expm1', 'log', 'log1p', 'log2', 'sqrt', 'rsqrt', 'sin', 'cos', 'tan', 'tanh', 'sigmoid', 'relu', 'erf',
           'floor', 'ceil', 'round', 'trunc', 'sign', 'reciprocal', 'exp2', 'log10', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'frac', 'square']:
    case(op, op, [T([2, 4], kind=UNARY_KIND.get(op, 'randn'))])
for op in ['exp', 'tanh', 'sigmoid', 'abs', 'relu', 'sqrt']:
    case(f'{op} transposed', op, [T([3, 4], kind=UNARY_KIND.get(op, 'randn'), layout='transposed')])
    case(f'{op} sliced', op, [T([2, 3], kind=UNARY_KIND.get(op, 'randn'), layout='sliced')])
case('exp expanded', 'exp', [T([3, 4], layout='expanded', base=[3, 1])])
case('round half to even', 'round', [T([8], data=[0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999, 3.5])])
case('round decimals', 'round_decimals', [T([2, 3])], {'decimals': 1})
case('sign with zeros', 'sign', [T([5], data=[-2.0, 0.0, 3.0, 0.0, -0.001])])
case('relu with zeros', 'relu', [T([5], data=[-2.0, 0.0, 3.0, 0.0, -0.001])])
case('abs with zeros', 'abs', [T([4], data=[-2.0, 0.0, 3.0, -0.0])])
case('log of zero and negative', 'log', [T([3], data=[0.0, -1.0, 1.0], rg=False)])
case('sqrt of negative', 'sqrt', [T([3], data=[-1.0, 4.0, 0.0], rg=False)])
case('exp of int is float', 'exp', [T([4], 'int64', data=[0, 1, -1, 2])])
case('sqrt of int is float', 'sqrt', [T([4], 'int32', data=[0, 1, 4, 9])])
case('sigmoid of int is float', 'sigmoid', [T([3], 'int64', data=[-1, 0, 2])])
case('abs int', 'abs', [T([5], 'int64')])
case('neg int', 'neg', [T([5], 'int32')])
case('sign int', 'sign', [T([5], 'int64', data=[-3, 0, 2, 0, -1])])
case('floor of int is identity', 'floor', [T([4], 'int64')])
case('exp float64', 'exp', [T([2, 3], 'float64')])
case('tanh float64', 'tanh', [T([2, 3], 'float64')])

# Clamp, where, masked_fill, lerp.
case('clamp scalar min max', 'clamp', [T([3, 4])], {'min': -0.5, 'max': 0.5})
case('clamp min only', 'clamp', [T([3, 4])], {'min': 0.0})
case('clamp max only', 'clamp', [T([3, 4])], {'max': 0.25})
case('clamp bounds hit exactly', 'clamp', [T([5], data=[-1.0, -0.5, 0.0, 0.5, 1.0])], {'min': -0.5, 'max': 0.5})
case('clip alias', 'clip', [T([2, 3])], {'min': -1, 'max': 1})
case('clamp int with int bounds', 'clamp', [T([6], 'int64')], {'min': -3, 'max': 4})
case('clamp int with float bound promotes', 'clamp', [T([6], 'int64')], {'min': -2.5})
case('clamp tensor bounds', 'clamp_t', [T([2, 3]), T([3], data=[-0.5, 0.0, -1.0]), T([2, 1], data=[0.5, 1.0])])
case('clamp tensor min only', 'clamp_min_t', [T([2, 3]), T([2, 3])])
case('where broadcast', 'where', [T([2, 3], 'bool'), T([2, 3]), T([3])])
case('where transposed operands', 'where', [T([3, 4], 'bool'), T([3, 4], layout='transposed'), T([3, 4], layout='sliced')])
case('where int promote float', 'where', [T([4], 'bool'), T([4], 'int64'), T([4], rg=False)])
case('masked_fill', 'masked_fill', [T([2, 3]), T([2, 3], 'bool')], {'value': -1.5})
case('masked_fill broadcast mask', 'masked_fill', [T([2, 3]), T([3], 'bool')], {'value': 0.0})
case('lerp scalar weight', 'lerp_s', [T([2, 3]), T([2, 3])], {'weight': 0.3})
case('lerp scalar weight broadcast', 'lerp_s', [T([2, 3]), T([3])], {'weight': 0.75})
case('lerp tensor weight', 'lerp_t', [T([2, 3]), T([2, 3]), T([2, 3], kind='unit')])

# Comparisons and logical ops.
for op in ['eq', 'ne', 'lt', 'le', 'gt', 'ge']:
    case(op, op, [T([2, 3], data=[1.0, 2.0, 3.0, -1.0, 0.5, 2.0]), T([3], data=[1.0, 0.5, 4.0])])
    case(f'{op} scalar', f'{op}_s', [T([2, 3], data=[1.0, 2.0, 3.0, -1.0, 0.5, 2.0])], {'s': 2})
case('le transposed vs sliced', 'le', [T([3, 4], layout='transposed', rg=False), T([3, 4], layout='sliced', rg=False)])
case('gt expanded vs scalar', 'gt_s', [T([3, 4], layout='expanded', base=[1, 4], rg=False)], {'s': 0})
case('eq int with float scalar', 'eq_s', [T([4], 'int64', data=[1, 2, 3, 2])], {'s': 2.0})
case('lt int vs float tensor', 'lt', [T([4], 'int64', data=[1, 2, 3, 2]), T([4], data=[1.5, 2.0, 2.5, 3.0], rg=False)])
case('gt with nan', 'gt', [T([3], data=[float('nan'), 1.0, 2.0], rg=False), T([3], data=[0.0, float('nan'), 1.0], rg=False)])
case('ne with nan', 'ne', [T([2], data=[float('nan'), 1.0], rg=False), T([2], data=[float('nan'), 1.0], rg=False)])
for op in ['logical_and', 'logical_or', 'logical_xor']:
    case(f'{op} bool', op, [T([2, 3], 'bool'), T([3], 'bool')])
    case(f'{op} float', op, [T([4], data=[0.0, 1.5, 0.0, -2.0], rg=False), T([4], data=[0.0, 0.0, 3.0, 1.0], rg=False)])
case('logical_not float', 'logical_not', [T([4], data=[0.0, 1.5, -0.0, -2.0], rg=False)])
case('logical_not bool', 'logical_not', [T([4], 'bool')])
for op in ['bitwise_and', 'bitwise_or', 'bitwise_xor']:
    case(f'{op} int', op, [T([5], 'int64', data=[5, -3, 12, 0, 7]), T([5], 'int64', data=[3, 6, -1, 9, 7])])
    case(f'{op} bool', op, [T([4], 'bool', data=[True, True, False, False]), T([4], 'bool', data=[True, False, True, False])])
case('bitwise_not int', 'bitwise_not', [T([4], 'int64', data=[0, 5, -3, 7])])
case('isnan', 'isnan', [T([4], data=[float('nan'), 1.0, float('inf'), 0.0], rg=False)])
case('isinf', 'isinf', [T([4], data=[float('nan'), float('-inf'), float('inf'), 0.0], rg=False)])
case('isfinite', 'isfinite', [T([4], data=[float('nan'), float('-inf'), 2.0, 0.0], rg=False)])

FILE = 'core_views.json'
# Reductions.
case('sum all', 'sum', [T([3, 4])])
case('sum dim 0', 'sum_dim', [T([3, 4])], {'dim': 0})
case('sum dim -1 keepdim', 'sum_dim', [T([2, 3, 4])], {'dim': -1, 'keepdim': True})
case('sum dims [0, 2]', 'sum_dim', [T([2, 3, 4])], {'dim': [0, 2]})
case('sum dims [-1, -3] keepdim', 'sum_dim', [T([2, 3, 4])], {'dim': [-1, -3], 'keepdim': True})
case('sum transposed', 'sum_dim', [T([3, 4], layout='transposed')], {'dim': 1})
case('sum expanded', 'sum_dim', [T([3, 4], layout='expanded', base=[1, 4])], {'dim': 0})
case('sum int is int64', 'sum', [T([2, 3], 'int32')])
case('sum bool is int64', 'sum_dim', [T([2, 3], 'bool')], {'dim': 1})
case('sum 0-dim', 'sum', [T([])])
case('mean all', 'mean', [T([3, 4])])
case('mean dim 1', 'mean_dim', [T([3, 4])], {'dim': 1})
case('mean dims [0, -1] keepdim', 'mean_dim', [T([2, 3, 4])], {'dim': [0, -1], 'keepdim': True})
case('mean sliced', 'mean_dim', [T([2, 3], layout='sliced')], {'dim': -1})
case('mean float64', 'mean', [T([2, 3], 'float64')])

# Views and layout ops.
case('view', 'view', [T([2, 6])], {'shape': [3, 4]})
case('view infer -1', 'view', [T([2, 3, 4])], {'shape': [-1, 4]})
case('view split dim of transposed', 'view', [T([4, 6], layout='transposed')], {'shape': [2, 2, 6]})
case('reshape contiguous', 'reshape', [T([2, 6])], {'shape': [4, 3]})
case('reshape transposed copies', 'reshape', [T([3, 4], layout='transposed')], {'shape': [12]})
case('reshape sliced', 'reshape', [T([2, 3], layout='sliced')], {'shape': [3, 2]})
case('reshape expanded', 'reshape', [T([2, 3], layout='expanded', base=[1, 3])], {'shape': [6]})
case('permute', 'permute', [T([2, 3, 4])], {'dims': [2, 0, 1]})
case('permute negative dims', 'permute', [T([2, 3, 4])], {'dims': [-1, -3, -2]})
case('transpose', 'transpose', [T([2, 3, 4])], {'dim0': 0, 'dim1': 2})
case('transpose negative', 'transpose', [T([2, 3, 4])], {'dim0': -1, 'dim1': -2})
case('t', 't', [T([2, 3])])
case('t of 1-d', 't', [T([3])])
case('unsqueeze 0', 'unsqueeze', [T([2, 3])], {'dim': 0})
case('unsqueeze -1', 'unsqueeze', [T([2, 3])], {'dim': -1})
case('unsqueeze transposed', 'unsqueeze', [T([3, 4], layout='transposed')], {'dim': 1})
case('squeeze all', 'squeeze', [T([1, 3, 1, 2])])
case('squeeze dim', 'squeeze_dim', [T([1, 3, 1, 2])], {'dim': 2})
case('squeeze dim not 1', 'squeeze_dim', [T([1, 3, 1, 2])], {'dim': 1})
case('squeeze dims tuple', 'squeeze_dim', [T([1, 3, 1, 2])], {'dim': [0, 2]})
case('flatten', 'flatten', [T([2, 3, 4])])
case('flatten 1..2', 'flatten', [T([2, 3, 4])], {'start_dim': 1, 'end_dim': 2})
case('flatten transposed', 'flatten', [T([3, 4], layout='transposed')])
case('unflatten', 'unflatten', [T([2, 12])], {'dim': 1, 'sizes': [3, -1]})
case('expand', 'expand', [T([3, 1])], {'shape': [2, 3, 4]})
case('expand -1', 'expand', [T([3, 1])], {'shape': [-1, 5]})
case('narrow', 'narrow', [T([4, 5])], {'dim': 1, 'start': 1, 'length': 3})
case('narrow negative start', 'narrow', [T([4, 5])], {'dim': 0, 'start': -2, 'length': 2})
case('select', 'select', [T([3, 4])], {'dim': 0, 'index': 1})
case('select negative index', 'select', [T([2, 3, 4])], {'dim': -1, 'index': -1})
case('select on sliced', 'select', [T([2, 3], layout='sliced')], {'dim': 1, 'index': 2})
case('contiguous of transposed', 'contiguous', [T([3, 4], layout='transposed')])
case('clone', 'clone', [T([2, 3])])
case('clone sliced', 'clone', [T([2, 3], layout='sliced')])
case('to float64', 'to', [T([2, 3])], {'dtype': 'float64'})
case('to float32 from float64', 'to', [T([2, 3], 'float64')], {'dtype': 'float32'})
case('to int32 truncates', 'to', [T([6], data=[1.7, -1.7, 2.5, -0.5, 0.0, 9.99])], {'dtype': 'int32'})
case('to int64 from float', 'to', [T([4], data=[3.9, -3.9, 0.4, -0.4])], {'dtype': 'int64'})
case('to bool', 'to', [T([4], data=[0.0, 0.1, -2.0, -0.0])], {'dtype': 'bool'})
case('to float from int', 'to', [T([4], 'int64')], {'dtype': 'float32'})
case('to uint8 from int wraps', 'to', [T([4], 'int64', data=[-1, 256, 300, 7])], {'dtype': 'uint8'})

# Second order: the backward formulas are themselves differentiable (create_graph=True).
for op, kind in [('tanh', 'randn'), ('sigmoid', 'randn'), ('exp', 'randn'), ('log', 'pos'), ('sqrt', 'pos'), ('sin', 'randn'),
                 ('reciprocal', 'nonzero'), ('erf', 'randn'), ('rsqrt', 'pos'), ('square', 'randn')]:
    case(f'second order {op}', op, [T([2, 3], kind=kind)], second_order=True)
case('second order mul broadcast', 'mul', [T([2, 3]), T([3])], second_order=True)
case('second order div', 'div', [T([2, 3]), T([2, 3], kind='nonzero')], second_order=True)
case('second order pow tensor', 'pow', [T([2, 3], kind='pos'), T([2, 3], kind='unit')], second_order=True)
case('second order pow scalar', 'pow_s', [T([2, 3])], {'s': 3}, second_order=True)
case('second order atan2', 'atan2', [T([2, 3]), T([2, 3], kind='nonzero')], second_order=True)
case('second order lerp tensor weight', 'lerp_t', [T([2, 3]), T([2, 3]), T([2, 3], kind='unit')], second_order=True)
case('second order chain tanh(sum(x*w, -1) + b)', 'chain_mlp', [T([4, 3]), T([3]), T([4])], second_order=True)
case('second order leaf used three times', 'self_use', [T([2, 3])], second_order=True)

FILE = 'core_dtypes.json'
# Type promotion (forward only: the result dtype is the point).
case('promote int tensor + float scalar', 'add_s', [T([3], 'int64')], {'s': 1.5})
case('promote int tensor * int scalar stays int', 'mul_s', [T([3], 'int32')], {'s': 3})
case('promote int32 + int64 0-dim stays int32', 'add', [T([3], 'int32'), T([], 'int64', data=[5])])
case('promote int32 0-dim + int64 dim', 'add', [T([], 'int32', data=[5]), T([3], 'int64')])
case('promote bool + int64', 'add', [T([3], 'bool'), T([3], 'int64')])
case('promote bool + bool is or', 'add', [T([4], 'bool', data=[True, True, False, False]), T([4], 'bool', data=[True, False, True, False])])
case('promote bool * bool is and', 'mul', [T([4], 'bool', data=[True, True, False, False]), T([4], 'bool', data=[True, False, True, False])])
case('promote uint8 + int8 is int16', 'add', [T([3], 'uint8', data=[200, 100, 5]), T([3], 'int8', data=[100, -100, -7])])
case('promote uint8 overflow wraps', 'add', [T([3], 'uint8', data=[200, 100, 5]), T([3], 'uint8', data=[100, 200, 5])])
case('promote int8 overflow wraps', 'mul', [T([3], 'int8', data=[100, -100, 7]), T([3], 'int8', data=[2, 2, 3])])
case('promote int / int is float', 'div', [T([4], 'int64', data=[7, -7, 1, 0]), T([4], 'int64', data=[2, 2, 3, 5])])
case('promote int / scalar is float', 'div_s', [T([3], 'int32', data=[1, 2, 3])], {'s': 2})
case('promote int // negative scalar', 'floordiv_s', [T([4], 'int64', data=[7, -7, 0, 5])], {'s': -2})
case('promote int % negative scalar', 'mod_s', [T([4], 'int64', data=[7, -7, 0, 5])], {'s': -3})
case('promote float32 + float64 0-dim stays float32', 'add', [T([3]), T([], 'float64', rg=False)])
case('promote float32 + float64 dim', 'add', [T([3]), T([3], 'float64')])
case('promote int64 + float32 0-dim', 'add', [T([3], 'int64'), T([], 'float32')])
case('promote bool tensor + int scalar', 'add_s', [T([3], 'bool', data=[True, False, True])], {'s': 2})
case('promote bool tensor + float scalar', 'add_s', [T([3], 'bool', data=[True, False, True])], {'s': 0.5})
case('promote int pow int scalar', 'pow_s', [T([4], 'int64', data=[2, -3, 0, 5])], {'s': 2})
case('promote int pow float scalar', 'pow_s', [T([3], 'int64', data=[4, 9, 2])], {'s': 0.5})
case('promote uint8 - int scalar', 'sub_s', [T([3], 'uint8', data=[5, 0, 255])], {'s': 10})

FILE = 'core_views.json'
# Factories.
case('arange end', 'arange', [], {'args': [5]})
case('arange start end step', 'arange', [], {'args': [2, 11, 3]})
case('arange float step', 'arange', [], {'args': [0, 1, 0.25]})
case('linspace', 'linspace', [], {'args': [0, 1, 5]})
case('linspace negative', 'linspace', [], {'args': [-1, 2.5, 8]})
case('zeros', 'zeros', [], {'shape': [2, 3]})
case('ones', 'ones', [], {'shape': [3]})
case('full float', 'full', [], {'shape': [2, 2], 'value': 1.5})
case('full int', 'full', [], {'shape': [2], 'value': 7})
case('full bool', 'full', [], {'shape': [2], 'value': True})
case('eye square', 'eye', [], {'args': [3]})
case('eye rect', 'eye', [], {'args': [2, 4]})
case('tensor nested ints', 'tensor', [], {'data': [[1, 2], [3, 4]]})
case('tensor mixed int float', 'tensor', [], {'data': [1, 2.5, -3]})
case('tensor bools', 'tensor', [], {'data': [True, False]})

# Gradient through a chain of ops, and accumulation into a leaf used three times.
case('chain: tanh(sum(x*w, -1) + b)', 'chain_mlp', [T([4, 3]), T([3]), T([4])])
case('leaf used three times: x*x + x', 'self_use', [T([2, 3])])
case('where with scalar other', 'where_s', [T([2, 3], 'bool'), T([2, 3])], {'s': 0.0})
case('where with int scalar other keeps float', 'where_s', [T([4], 'bool'), T([4])], {'s': 2})

# In-place ops on a clone (a non-leaf): the node is the op's, the gradient reaches the leaf through CloneBackward0.
case('add_ on a clone', 'add_inplace', [T([2, 3]), T([3])])
case('mul_ on a clone', 'mul_inplace', [T([2, 3]), T([2, 1])])
case('clamp_ on a clone', 'clamp_inplace', [T([2, 3])], {'min': -0.5, 'max': 0.5})
case('sigmoid_ on a clone', 'sigmoid_inplace', [T([2, 3])])
case('add_ int tensor with int scalar', 'add_inplace_s', [T([3], 'int64')], {'s': 2})

FILE = 'core_dtypes.json'
# Special values: NaN and infinities through every kind of op (forward), and gradients at kinks.
NAN, INF = float('nan'), float('inf')
SPECIAL = [NAN, INF, -INF, 0.0, -0.0, 1.0, -2.5]
for op in ['relu', 'abs', 'sign', 'floor', 'ceil', 'round', 'trunc', 'frac', 'exp', 'expm1', 'log', 'log1p', 'sqrt', 'rsqrt', 'sigmoid', 'tanh',
           'erf', 'reciprocal', 'sin', 'atan', 'square', 'neg', 'exp2', 'sinh', 'cosh']:
    case(f'{op} special values', op, [T([7], data=SPECIAL, rg=False)])
for op in ['maximum', 'minimum', 'add', 'mul', 'div', 'sub', 'mod', 'fmod', 'pow', 'atan2', 'eq', 'lt', 'ge', 'ne']:
    case(f'{op} special values', op, [T([4, 7], data=SPECIAL * 4, rg=False), T([4, 1], data=[NAN, INF, 0.0, -1.5], rg=False)])
case('clamp special values', 'clamp', [T([7], data=SPECIAL, rg=False)], {'min': -1.0, 'max': 0.5})
case('where special values', 'where', [T([7], 'bool'), T([7], data=SPECIAL, rg=False), T([], data=[NAN], rg=False)])
case('sum with nan and inf', 'sum_dim', [T([2, 7], data=SPECIAL * 2, rg=False)], {'dim': 1})
case('sum of +inf and -inf', 'sum', [T([2], data=[INF, -INF], rg=False)])
case('mean with inf', 'mean', [T([3], data=[INF, 1.0, 2.0], rg=False)])
case('to int32 from special values', 'to', [T([4], data=[0.0, -0.0, 3.5, -3.5], rg=False)], {'dtype': 'int32'})
case('pow edge cases', 'pow', [T([6], data=[0.0, 0.0, -8.0, -2.0, 1.0, INF], rg=False), T([6], data=[0.0, -1.0, 1 / 3, 2.0, NAN, -1.0], rg=False)])
case('float div by zero', 'div', [T([4], data=[1.0, -1.0, 0.0, NAN], rg=False), T([4], data=[0.0, 0.0, 0.0, 0.0], rg=False)])
case('float floordiv by zero', 'floordiv', [T([3], data=[1.0, -1.0, 0.0], rg=False), T([3], data=[0.0, 0.0, 0.0], rg=False)])
case('float mod by zero', 'mod', [T([3], data=[1.0, -1.0, 0.0], rg=False), T([3], data=[0.0, 0.0, 0.0], rg=False)])
case('relu grad at 0', 'relu', [T([3], data=[-1.0, 0.0, 1.0])])
case('abs grad at 0', 'abs', [T([3], data=[-1.0, 0.0, 1.0])])
case('sqrt grad at 0', 'sqrt', [T([3], data=[0.0, 1.0, 4.0])])
case('clamp grad at bounds', 'clamp', [T([5], data=[-1.0, -0.5, 0.0, 0.5, 1.0])], {'min': -0.5, 'max': 0.5})
case('pow grad at 0 base', 'pow_s', [T([3], data=[0.0, 1.0, -2.0])], {'s': 2})
case('pow tensor grad at 0 base', 'pow', [T([3], data=[0.0, 0.0, 2.0]), T([3], data=[2.0, 0.0, 0.5])])
case('empty add', 'add', [T([0, 3]), T([3])])
case('empty sum', 'sum_dim', [T([0, 3])], {'dim': 0})
case('empty mean is nan', 'mean', [T([0], rg=False)])
case('0-dim unary', 'tanh', [T([])])
case('0-dim with 0-dim', 'mul', [T([]), T([])])

# Half precision: PyTorch rounds every result to float16/bfloat16; the engine keeps the dtype but
# computes and stores in float32 (src/engine/README.md), so only half-precision accuracy can be asked.
HALF_TOL = {'rtol': 1e-2, 'atol': 1e-3}
HALF_NOTE = 'engine stores float16/bfloat16 in float32; PyTorch rounds each result to the half type'
case('float16 add', 'add', [T([2, 3], 'float16'), T([3], 'float16')], tol=HALF_TOL, note=HALF_NOTE)
case('float16 exp', 'exp', [T([2, 3], 'float16')], tol=HALF_TOL, note=HALF_NOTE)
case('bfloat16 mul', 'mul', [T([2, 3], 'bfloat16'), T([2, 3], 'bfloat16')], tol=HALF_TOL, note=HALF_NOTE)
case('float16 + float32 0-dim stays float16', 'add', [T([3], 'float16'), T([], 'float32')], tol=HALF_TOL, note=HALF_NOTE)
case('float16 + bfloat16 is float32', 'add', [T([3], 'float16', rg=False), T([3], 'bfloat16', rg=False)], tol=HALF_TOL, note=HALF_NOTE)

# Error cases: the exception type and message PyTorch gives.
err('add broadcast mismatch', 'add', [T([2, 3]), T([4])])
err('mul broadcast mismatch 3-d', 'mul', [T([2, 3, 4]), T([3, 5])])
err('view on non-contiguous', 'view', [T([3, 4], layout='transposed')], {'shape': [12]})
err('view invalid size', 'view', [T([2, 3])], {'shape': [4, 2]})
err('view two -1', 'view', [T([2, 3])], {'shape': [-1, -1]})
err('reshape infer impossible', 'reshape', [T([2, 3])], {'shape': [-1, 4]})
err('sub on bools', 'sub', [T([2], 'bool'), T([2], 'bool')])
err('neg on bool', 'neg', [T([2], 'bool')])
err('transpose dim out of range', 'transpose', [T([2, 3])], {'dim0': 0, 'dim1': 2})
err('unsqueeze dim out of range', 'unsqueeze', [T([2, 3])], {'dim': 3})
err('sum dim out of range', 'sum_dim', [T([2, 3])], {'dim': -3})
err('sum repeated dim', 'sum_dim', [T([2, 3])], {'dim': [1, -1]})
err('select index out of range', 'select', [T([2, 3])], {'dim': 0, 'index': 2})
err('select negative index out of range', 'select', [T([2, 3])], {'dim': 1, 'index': -4})
err('narrow past end', 'narrow', [T([4, 5])], {'dim': 1, 'start': 3, 'length': 3})
err('expand non-singleton', 'expand', [T([3, 2])], {'shape': [3, 4]})
err('expand fewer dims', 'expand', [T([2, 3])], {'shape': [3]})
err('permute duplicate dims', 'permute', [T([2, 3])], {'dims': [0, 0]})
err('permute wrong length', 'permute', [T([2, 3, 4])], {'dims': [0, 1]})
err('t on 3-d', 't', [T([2, 3, 4])])
err('flatten start after end', 'flatten', [T([2, 3, 4])], {'start_dim': 2, 'end_dim': 1})
err('mean of int', 'mean', [T([3], 'int64')])
err('clamp without bounds', 'clamp', [T([3])], {})
err('int pow negative int', 'pow_s', [T([3], 'int64')], {'s': -1})
err('where non-bool condition', 'where', [T([3]), T([3]), T([3])])
err('int floor_divide by zero', 'floordiv', [T([2], 'int64', data=[1, 2]), T([2], 'int64', data=[1, 0])], data_dependent=True)
err('int remainder by zero', 'mod', [T([2], 'int64', data=[1, 2]), T([2], 'int64', data=[0, 1])], data_dependent=True)
err('int div trunc by zero', 'div_trunc', [T([2], 'int64', data=[1, 2]), T([2], 'int64', data=[1, 0])], data_dependent=True)
err('round decimals on int', 'round_decimals', [T([3], 'int64')], {'decimals': 1})
err('lerp on int', 'lerp_s', [T([3], 'int64'), T([3], 'int64')], {'weight': 0.5})
err('bitwise_not on float', 'bitwise_not', [T([2], rg=False)])
err('in-place on a leaf that requires grad', 'leaf_add_inplace', [T([3]), T([3])])
err('in-place result cannot be cast', 'add_inplace_s', [T([3], 'int64')], {'s': 1.5})
err('in-place broadcast to a smaller self', 'add_inplace', [T([3], rg=False), T([2, 3], rg=False)])
err('bitwise_and on float', 'bitwise_and', [T([2], rg=False), T([2], rg=False)])
err('requires_grad on int', 'requires_grad_int', [T([3], 'int64')])


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
        # A random upstream gradient (not ones), so a wrong factor on any element shows.
        rnd = random.Random(1000 + i)
        vals = [round(rnd.gauss(0, 1), 2) for _ in range(out.numel())]
        up = torch.tensor(vals, dtype=out.dtype).reshape(out.shape)
        res['upstream'] = {'shape': list(out.shape), 'dtype': str(out.dtype).replace('torch.', ''), 'data': vals}
        if c['second_order']:
            res['grads'], res['second_order'] = second_order(xs, out, up, rnd)
        else:
            out.backward(up)
            res['grads'] = [enc_tensor(x.grad) if x.requires_grad and x.grad is not None else None for x in xs]
    else:
        res['grads'] = [None for _ in xs]
    return res


def second_order(xs, out, up, rnd):
    """First-order grads with create_graph=True, then backward of sum(grad_i * weight_i): the leaves'
    .grad is then a second derivative contracted with random weights (saved, like the upstream)."""
    rg = [x for x in xs if x.requires_grad]
    gs = dict(zip(map(id, rg), torch.autograd.grad(out, rg, up, create_graph=True)))
    weights, total = [], None
    for x in xs:
        if not x.requires_grad:
            weights.append(None)
            continue
        vals = [round(rnd.gauss(0, 1), 2) for _ in range(x.numel())]
        w = torch.tensor(vals, dtype=x.dtype).reshape(x.shape)
        weights.append({'shape': list(x.shape), 'dtype': str(x.dtype).replace('torch.', ''), 'data': vals})
        term = (gs[id(x)] * w).sum()
        total = term if total is None else total + term
    total.backward()
    first = [enc_tensor(gs[id(x)]) if x.requires_grad else None for x in xs]
    return first, {'weights': weights, 'grads': [enc_tensor(x.grad) if x.requires_grad and x.grad is not None else None for x in xs]}


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
    cases = [run_case(i, c) for i, c in enumerate(CASES)]
    errors = [run_error(e) for e in ERRORS]
    here = os.path.dirname(os.path.abspath(__file__))
    for file in FILES:
        doc = {
            'generator': 'test/golden/gen_core_ops.py',
            'torch': torch.__version__,
            'cases': [{k: v for k, v in c.items() if k != 'file'} for c in cases if c['file'] == file],
            'errors': errors if file == 'core_dtypes.json' else [],
        }
        path = os.path.join(here, file)
        with open(path, 'w') as f:
            json.dump(doc, f, separators=(',', ':'), allow_nan=False)
            f.write('\n')
        print(f'wrote {path}: {len(doc["cases"])} cases, {len(doc["errors"])} errors, {os.path.getsize(path)} bytes')


if __name__ == '__main__':
    main()
