# Writes test/golden/backend_conv_pool.json: real PyTorch results for the backend's convolution and
# pooling kernels (outputs, indices and input/weight gradients under a random upstream gradient), read
# by test/engine/backend_golden.test.ts. Run with the reference PyTorch:
#   ~/.cache/nnlens-ref/bin/python test/golden/gen_backend.py
import json
import os
import random

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
random.seed(1)


def numel(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def values(shape):
    # Rounded to 3 decimals so both sides parse the same float32 numbers (ties in max pooling included).
    return [round(random.uniform(-1, 1), 3) for _ in range(numel(shape))]


def tensor(vals, shape, grad=False):
    return torch.tensor(vals, dtype=torch.float32).reshape(shape).requires_grad_(grad)


def flat(t):
    # 7 significant digits: float32 precision, and a fixture a third the size of full repr.
    return [float('%.7g' % v) for v in t.detach().reshape(-1).tolist()]


CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}


def conv_case(name, x_shape, w_shape, stride, padding, dilation, groups):
    """padding lists [before, after] per spatial dim; asymmetric padding goes through F.pad."""
    r = len(x_shape) - 2
    xv, wv = values(x_shape), values(w_shape)
    x, w = tensor(xv, x_shape, True), tensor(wv, w_shape, True)
    pads = []
    for i in reversed(range(r)):  # F.pad lists the last dim first
        pads += [padding[2 * i], padding[2 * i + 1]]
    y = CONV[r](F.pad(x, pads), w, None, stride, 0, dilation, groups)
    gv = values(list(y.shape))
    y.backward(tensor(gv, list(y.shape)))
    return {
        'name': name, 'x_shape': x_shape, 'w_shape': w_shape,
        'params': {'stride': stride, 'padding': padding, 'dilation': dilation, 'groups': groups},
        'x': xv, 'w': wv, 'gy': gv, 'y_shape': list(y.shape), 'y': flat(y), 'dx': flat(x.grad), 'dw': flat(w.grad),
    }


def conv_transpose_case(name, in_shape, w_shape, stride, padding, output_padding, dilation, groups):
    iv, wv = values(in_shape), values(w_shape)
    out = F.conv_transpose2d(tensor(iv, in_shape), tensor(wv, w_shape), None, stride, padding, output_padding, groups, dilation)
    return {
        'name': name, 'in_shape': in_shape, 'w_shape': w_shape, 'out_shape': list(out.shape),
        'params': {'stride': stride, 'padding': [p for p in padding for _ in (0, 1)], 'dilation': dilation, 'groups': groups},
        'input': iv, 'w': wv, 'out': flat(out),
    }


MAX = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
AVG = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}
ADAPTIVE_AVG = {1: F.adaptive_avg_pool1d, 2: F.adaptive_avg_pool2d, 3: F.adaptive_avg_pool3d}
ADAPTIVE_MAX = {1: F.adaptive_max_pool1d, 2: F.adaptive_max_pool2d, 3: F.adaptive_max_pool3d}


def pool_case(kind, name, x_shape, **kw):
    r = len(x_shape) - 2
    xv = values(x_shape)
    x = tensor(xv, x_shape, True)
    case = {'kind': kind, 'name': name, 'x_shape': x_shape, 'x': xv}
    if kind == 'max':
        y, idx = MAX[r](x, kw['kernel'], kw['stride'], kw['padding'], kw.get('dilation', 1), kw.get('ceil_mode', False), True)
        case['indices'] = [int(v) for v in idx.reshape(-1).tolist()]
    elif kind == 'avg':
        args = dict(ceil_mode=kw.get('ceil_mode', False), count_include_pad=kw.get('count_include_pad', True))
        if r > 1:
            args['divisor_override'] = kw.get('divisor_override')
        y = AVG[r](x, kw['kernel'], kw['stride'], kw['padding'], **args)
    elif kind == 'adaptive_avg':
        y = ADAPTIVE_AVG[r](x, kw['output_size'])
    else:
        y, idx = ADAPTIVE_MAX[r](x, kw['output_size'], True)
        case['indices'] = [int(v) for v in idx.reshape(-1).tolist()]
    gv = values(list(y.shape))
    y.backward(tensor(gv, list(y.shape)))
    rep = lambda v: v if isinstance(v, list) else [v] * r  # noqa: E731
    if kind in ('max', 'avg'):
        case['params'] = {
            'kernel': rep(kw['kernel']), 'stride': rep(kw['stride']), 'padding': rep(kw['padding']),
            'dilation': rep(kw.get('dilation', 1)), 'ceilMode': kw.get('ceil_mode', False),
            'countIncludePad': kw.get('count_include_pad', True), 'divisorOverride': kw.get('divisor_override'),
        }
    else:
        case['output_size'] = rep(kw['output_size'])
    case.update({'gy': gv, 'y_shape': list(y.shape), 'y': flat(y), 'dx': flat(x.grad)})
    return case


conv = [
    conv_case('2d 3x3 pad 1', [2, 3, 6, 7], [4, 3, 3, 3], [1, 1], [1, 1, 1, 1], [1, 1], 1),
    conv_case('2d stride 2 odd size', [2, 3, 9, 8], [4, 3, 3, 3], [2, 2], [1, 1, 1, 1], [1, 1], 1),
    conv_case('2d asymmetric pad stride [1,2]', [1, 2, 6, 7], [3, 2, 3, 2], [1, 2], [0, 2, 1, 0], [1, 1], 1),
    conv_case('2d stride 2 dilation 2', [2, 2, 11, 10], [3, 2, 3, 3], [2, 2], [1, 1, 1, 1], [2, 2], 1),
    conv_case('2d groups 2', [2, 4, 7, 7], [6, 2, 3, 3], [1, 1], [1, 1, 1, 1], [1, 1], 2),
    conv_case('2d depthwise multiplier 2 stride 2', [2, 3, 7, 8], [6, 1, 3, 3], [2, 2], [1, 1, 1, 1], [1, 1], 3),
    conv_case('2d depthwise dilation 2', [1, 4, 9, 9], [4, 1, 3, 3], [1, 1], [2, 2, 2, 2], [2, 2], 4),
    conv_case('2d LeNet conv2', [2, 6, 12, 12], [16, 6, 5, 5], [1, 1], [0, 0, 0, 0], [1, 1], 1),
    conv_case('1d stride 2', [2, 3, 12], [4, 3, 3], [2], [1, 1], [1], 1),
    conv_case('1d groups dilation', [1, 4, 13], [4, 2, 3], [1], [2, 1], [2], 2),
    conv_case('3d', [1, 2, 5, 6, 5], [3, 2, 3, 2, 3], [1, 2, 1], [1, 1, 0, 1, 1, 0], [1, 1, 1], 1),
    conv_case('3d groups stride dilation', [1, 4, 6, 7, 6], [4, 2, 2, 3, 2], [2, 1, 2], [0, 1, 1, 1, 0, 0], [1, 2, 1], 2),
]

conv_transpose = [
    conv_transpose_case('stride 2 output_padding 1', [1, 2, 4, 5], [2, 3, 3, 3], [2, 2], [1, 1], [1, 1], [1, 1], 1),
    conv_transpose_case('groups 2 stride 3 output_padding 2', [2, 4, 3, 3], [4, 1, 3, 2], [3, 3], [0, 1], [2, 1], [1, 1], 2),
    conv_transpose_case('dilation 2 stride 2', [1, 3, 4, 4], [3, 2, 3, 3], [2, 2], [1, 1], [0, 1], [2, 2], 1),
]

pool = [
    pool_case('max', '2d 2x2', [2, 3, 6, 6], kernel=2, stride=2, padding=0),
    pool_case('max', '2d 3x3 s2 p1', [2, 2, 7, 9], kernel=3, stride=2, padding=1),
    pool_case('max', '2d ceil', [1, 2, 5, 5], kernel=2, stride=2, padding=1, ceil_mode=True),
    pool_case('max', '2d dilation ceil', [1, 2, 10, 11], kernel=[3, 2], stride=[2, 3], padding=1, dilation=[2, 1], ceil_mode=True),
    pool_case('max', '1d', [2, 3, 11], kernel=3, stride=2, padding=1),
    pool_case('max', '3d ceil', [1, 2, 5, 6, 7], kernel=[2, 3, 2], stride=[2, 2, 1], padding=[1, 1, 0], ceil_mode=True),
    pool_case('avg', '2d 3x3 s2 p1', [2, 2, 7, 9], kernel=3, stride=2, padding=1),
    pool_case('avg', '2d exclude pad ceil', [1, 2, 6, 7], kernel=[3, 2], stride=2, padding=1, ceil_mode=True, count_include_pad=False),
    pool_case('avg', '2d ceil include pad', [1, 1, 5, 5], kernel=3, stride=2, padding=1, ceil_mode=True),
    pool_case('avg', '2d divisor_override', [1, 2, 6, 6], kernel=3, stride=2, padding=1, divisor_override=5),
    pool_case('avg', '1d ceil', [1, 2, 10], kernel=4, stride=3, padding=2, ceil_mode=True),
    pool_case('avg', '3d', [1, 2, 5, 6, 7], kernel=[2, 3, 2], stride=[2, 2, 1], padding=[1, 1, 0], ceil_mode=True),
    pool_case('adaptive_avg', '2d', [2, 3, 7, 9], output_size=[3, 4]),
    pool_case('adaptive_avg', '2d upsample', [1, 1, 3, 3], output_size=[5, 4]),
    pool_case('adaptive_avg', '1d', [1, 2, 10], output_size=3),
    pool_case('adaptive_avg', '3d', [1, 2, 5, 6, 7], output_size=[2, 3, 4]),
    pool_case('adaptive_max', '2d', [2, 3, 7, 9], output_size=[3, 4]),
    pool_case('adaptive_max', '3d', [1, 2, 5, 6, 7], output_size=[2, 3, 4]),
]

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'backend_conv_pool.json')
with open(out, 'w') as f:
    json.dump({'torch': torch.__version__, 'conv': conv, 'conv_transpose': conv_transpose, 'pool': pool}, f, separators=(',', ':'))
print('wrote', out)
