# Writes test/golden/tail_ops.json: real PyTorch results for the tensor-op tail (trace, diff, cross,
# rot90, nan_to_num, logcumsumexp, cummax/cummin, block_diag, meshgrid, cartesian_prod, masked_scatter,
# unique[_consecutive], bincount, histc, bucketize, searchsorted) and torch.finfo/iinfo.
# Run with the reference PyTorch:  ~/.cache/nnlens-ref/bin/python test/golden/gen_tail_ops.py
# The op keys must match test/golden/tail_ops.ts; the harness is gen_core_ops.py's / check_op.ts's.
import os
import random
import sys
import warnings

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_core_ops import T, build, enc_tensor  # noqa: E402
import gen_reduce_index as gri  # noqa: E402

torch.manual_seed(0)
random.seed(13)
torch.set_num_threads(1)
warnings.simplefilter('ignore')  # torch.cross without dim warns


def uniq(part):
    def f(x, a):
        r = torch.unique(x[0], **a) if not a.pop('consecutive', False) else torch.unique_consecutive(x[0], **a)
        return r if part is None else r[part]
    return lambda x, a: f(x, dict(a))


OPS = {
    'trace': lambda x, a: torch.trace(x[0]),
    'ravel': lambda x, a: torch.ravel(x[0]),
    'diff': lambda x, a: torch.diff(x[0], **a),
    'diff_prepend_append': lambda x, a: torch.diff(x[0], prepend=x[1], append=x[2], **a),
    'cross': lambda x, a: torch.cross(x[0], x[1], **a),
    'linalg_cross': lambda x, a: torch.linalg.cross(x[0], x[1], **a),
    'rot90': lambda x, a: torch.rot90(x[0], **a),
    'nan_to_num': lambda x, a: torch.nan_to_num(x[0], **a),
    'logcumsumexp': lambda x, a: torch.logcumsumexp(x[0], **a),
    'cummax_values': lambda x, a: torch.cummax(x[0], **a).values,
    'cummax_indices': lambda x, a: torch.cummax(x[0], **a).indices,
    'cummin_values': lambda x, a: torch.cummin(x[0], **a).values,
    'cummin_indices': lambda x, a: torch.cummin(x[0], **a).indices,
    'block_diag': lambda x, a: torch.block_diag(*x),
    'meshgrid_stack': lambda x, a: torch.stack(torch.meshgrid(*x, **a)),
    'meshgrid_sum': lambda x, a: sum(g * (i + 1) for i, g in enumerate(torch.meshgrid(*x, **a))),
    'cartesian_prod': lambda x, a: torch.cartesian_prod(*x),
    'masked_scatter': lambda x, a: x[0].masked_scatter(x[1], x[2]),
    'unique': uniq(None),
    'unique_out': uniq(0),
    'unique_inverse': uniq(1),
    'unique_counts': uniq(-1),
    'bincount': lambda x, a: torch.bincount(x[0], weights=x[1] if len(x) > 1 else None, **a),
    'histc': lambda x, a: torch.histc(x[0], **a),
    'bucketize': lambda x, a: torch.bucketize(x[0], x[1], **a),
    'bucketize_scalar': lambda x, a: torch.bucketize(a.pop('v'), x[0], **a),
    'searchsorted': lambda x, a: torch.searchsorted(x[0], x[1], **a),
    'searchsorted_sorter': lambda x, a: torch.searchsorted(x[0], x[1], sorter=x[2], **a),
}

CASES, ERRORS = [], []


def case(name, op, inputs, args=None, meta=True):
    c = {'name': name, 'op': op, 'inputs': inputs, 'args': args or {}}
    if not meta:
        c['meta'] = False
    CASES.append(c)


def err(name, op, inputs, args=None, data_dependent=False):
    e = {'name': name, 'op': op, 'inputs': inputs, 'args': args or {}}
    if data_dependent:
        e['data_dependent'] = True
    ERRORS.append(e)


def I(shape, data, dtype='int64'):  # noqa: E743
    return T(shape, dtype, rg=False, data=data)


NAN, INF = float('nan'), float('inf')

case('trace square', 'trace', [T([4, 4])])
case('trace wide', 'trace', [T([2, 5])])
case('trace int', 'trace', [I([3, 3], list(range(9)), 'int32')])
case('ravel contiguous', 'ravel', [T([2, 3])])
case('ravel transposed', 'ravel', [T([2, 3], layout='transposed')])
case('diff default', 'diff', [T([3, 5])])
case('diff n2 dim0', 'diff', [T([5, 3])], {'n': 2, 'dim': 0})
case('diff n beyond length', 'diff', [T([3])], {'n': 4})
case('diff bool', 'diff', [T([5], 'bool', data=[True, False, False, True, True])])
case('diff prepend append', 'diff_prepend_append', [T([2, 3]), T([2, 1]), T([2, 2])], {'dim': 1})
case('cross dim none', 'cross', [T([3, 4]), T([3, 4])])
case('cross dim -1', 'cross', [T([2, 3]), T([2, 3])], {'dim': -1})
case('linalg_cross broadcast', 'linalg_cross', [T([4, 3]), T([1, 3])])
case('rot90 k1', 'rot90', [T([2, 3])])
case('rot90 k2', 'rot90', [T([2, 3, 2])], {'k': 2, 'dims': [1, 2]})
case('rot90 k3', 'rot90', [T([3, 2])], {'k': 3})
case('rot90 k-1', 'rot90', [T([3, 2])], {'k': -1, 'dims': [1, 0]})
case('rot90 k4 clone', 'rot90', [T([2, 2])], {'k': 4})
case('nan_to_num defaults', 'nan_to_num', [T([6], data=[1.0, NAN, INF, -INF, -2.0, 0.5])])
case('nan_to_num values', 'nan_to_num', [T([6], data=[1.0, NAN, INF, -INF, -2.0, 0.5])], {'nan': 9.0, 'posinf': 100.0, 'neginf': -100.0})
case('nan_to_num float64', 'nan_to_num', [T([3], 'float64', data=[NAN, INF, -INF])])
case('nan_to_num int', 'nan_to_num', [I([3], [1, -2, 3])])
case('logcumsumexp dim1', 'logcumsumexp', [T([3, 4])], {'dim': 1})
case('logcumsumexp dim0 large', 'logcumsumexp', [T([4, 2], data=[100.0, -3.0, 101.0, -2.0, 99.0, 1.0, 50.0, 0.5])], {'dim': 0})
case('logcumsumexp -inf', 'logcumsumexp', [T([4], data=[-INF, 0.0, -INF, 1.0])], {'dim': 0})
for k in ('cummax', 'cummin'):
    case(f'{k} values', f'{k}_values', [T([3, 5])], {'dim': 1})
    case(f'{k} indices', f'{k}_indices', [T([3, 5])], {'dim': 1})
    case(f'{k} ties', f'{k}_values', [T([6], data=[1.0, 3.0, 3.0, 0.0, 0.0, 3.0])], {'dim': 0})
    case(f'{k} ties indices', f'{k}_indices', [T([6], rg=False, data=[1.0, 3.0, 3.0, 0.0, 0.0, 3.0])], {'dim': 0})
    case(f'{k} nan', f'{k}_indices', [T([5], rg=False, data=[1.0, NAN, 3.0, 0.0, NAN])], {'dim': 0})
    case(f'{k} int dim0', f'{k}_values', [I([4, 2], [3, 1, 2, 5, 4, 0, 1, 9])], {'dim': 0})
case('block_diag mixed', 'block_diag', [T([2, 2]), T([3]), T([]), T([1, 3])])
case('block_diag promotes', 'block_diag', [I([2, 2], [1, 2, 3, 4]), T([1, 2], 'float64')])
case('meshgrid ij', 'meshgrid_stack', [T([3]), T([3])], {'indexing': 'ij'})
case('meshgrid xy', 'meshgrid_sum', [T([2]), T([3]), T([4])], {'indexing': 'xy'})
case('meshgrid ij three', 'meshgrid_sum', [T([2]), T([3]), T([])], {'indexing': 'ij'})
case('cartesian_prod', 'cartesian_prod', [T([2]), T([3])])
case('cartesian_prod three int', 'cartesian_prod', [I([2], [1, 2]), I([2], [3, 4]), I([1], [5])])
case('masked_scatter', 'masked_scatter', [T([2, 3]), T([2, 3], 'bool', data=[True, False, True, False, True, True]), T([5])])
case('masked_scatter broadcast mask', 'masked_scatter', [T([2, 3]), T([3], 'bool', data=[False, True, True]), T([2, 3])])
case('unique', 'unique', [I([8], [3, 1, 2, 1, 5, 3, 3, -2])], meta=False)
case('unique float nan', 'unique', [T([5], rg=False, data=[3.0, NAN, 1.0, NAN, 1.0])], meta=False)
case('unique inverse', 'unique_inverse', [I([2, 3], [3, 1, 2, 1, 5, 3])], {'return_inverse': True}, meta=False)
case('unique counts', 'unique_counts', [I([7], [3, 1, 2, 1, 5, 3, 3])], {'return_counts': True}, meta=False)
case('unique unsorted flag', 'unique_out', [I([5], [4, 2, 4, 0, 2])], {'sorted': False, 'return_counts': True}, meta=False)
case('unique dim0', 'unique_out', [I([4, 2], [1, 2, 0, 5, 1, 2, 0, 4])], {'dim': 0, 'return_inverse': True}, meta=False)
case('unique dim1 inverse', 'unique_inverse', [I([2, 4], [1, 0, 1, 2, 3, 5, 3, 0])], {'dim': 1, 'return_inverse': True}, meta=False)
case('unique dim1 counts', 'unique_counts', [I([2, 4], [1, 0, 1, 2, 3, 5, 3, 0])], {'dim': 1, 'return_counts': True}, meta=False)
case('unique_consecutive', 'unique', [I([8], [1, 1, 2, 2, 3, 1, 1, 2])], {'consecutive': True}, meta=False)
case('unique_consecutive inverse', 'unique_inverse', [I([8], [1, 1, 2, 2, 3, 1, 1, 2])], {'consecutive': True, 'return_inverse': True}, meta=False)
case('unique_consecutive counts', 'unique_counts', [I([8], [1, 1, 2, 2, 3, 1, 1, 2])], {'consecutive': True, 'return_counts': True}, meta=False)
case('unique_consecutive dim0', 'unique_out', [I([4, 2], [1, 2, 1, 2, 0, 0, 1, 2])], {'consecutive': True, 'dim': 0, 'return_counts': True}, meta=False)
case('bincount', 'bincount', [I([7], [0, 1, 1, 3, 2, 1, 7])], meta=False)
case('bincount minlength', 'bincount', [I([3], [0, 1, 1])], {'minlength': 5}, meta=False)
case('bincount weights float32', 'bincount', [I([4], [0, 1, 1, 3]), T([4], rg=False)], meta=False)
case('bincount weights float64', 'bincount', [I([4], [2, 1, 1, 0]), T([4], 'float64', rg=False)], meta=False)
case('bincount empty', 'bincount', [I([0], [])], {'minlength': 3}, meta=False)
case('histc', 'histc', [T([10], rg=False)], {'bins': 4, 'min': -1.0, 'max': 1.0}, meta=False)
case('histc auto range', 'histc', [T([12], rg=False)], {'bins': 5}, meta=False)
case('histc constant', 'histc', [T([3], rg=False, data=[2.0, 2.0, 2.0])], {'bins': 4}, meta=False)
case('histc edges', 'histc', [T([6], rg=False, data=[0.0, 1.0, 0.5, 0.25, 2.0, -1.0])], {'bins': 4, 'min': 0.0, 'max': 1.0}, meta=False)
case('bucketize', 'bucketize', [T([2, 3], rg=False, data=[0.0, 1.0, 2.5, 3.0, 9.0, -1.0]), T([4], rg=False, data=[1.0, 2.0, 3.0, 4.0])])
case('bucketize right int32', 'bucketize', [T([2, 3], rg=False, data=[0.0, 1.0, 2.5, 3.0, 9.0, -1.0]), T([4], rg=False, data=[1.0, 2.0, 3.0, 4.0])], {'right': True, 'out_int32': True})
case('bucketize scalar', 'bucketize_scalar', [T([3], rg=False, data=[1.0, 5.0, 9.0])], {'v': 5})
case('searchsorted 1d', 'searchsorted', [T([5], rg=False, data=[1.0, 3.0, 5.0, 7.0, 9.0]), T([2, 3], rg=False, data=[3.0, 6.0, 9.0, 0.0, 10.0, 5.0])])
case('searchsorted right', 'searchsorted', [T([5], rg=False, data=[1.0, 3.0, 5.0, 7.0, 9.0]), T([3], rg=False, data=[3.0, 6.0, 9.0])], {'right': True})
case('searchsorted side right', 'searchsorted', [T([5], rg=False, data=[1.0, 3.0, 5.0, 7.0, 9.0]), T([3], rg=False, data=[3.0, 6.0, 9.0])], {'side': 'right'})
case('searchsorted nd', 'searchsorted', [T([2, 4], rg=False, data=[1.0, 3.0, 5.0, 7.0, 2.0, 4.0, 6.0, 8.0]), T([2, 2], rg=False, data=[3.0, 6.0, 3.0, 9.0])])
case('searchsorted sorter', 'searchsorted_sorter', [T([4], rg=False, data=[5.0, 1.0, 7.0, 3.0]), T([3], rg=False, data=[2.0, 5.0, 8.0]), I([4], [1, 3, 0, 2])])

err('trace 1-d', 'trace', [T([3])])
err('diff 0-d', 'diff', [T([])])
err('diff negative n', 'diff', [T([3])], {'n': -1})
err('cross wrong size', 'linalg_cross', [T([2, 2]), T([2, 2])])
err('rot90 one dim', 'rot90', [T([3])])
err('rot90 same dims', 'rot90', [T([2, 2])], {'dims': [0, 0]})
err('rot90 three dims', 'rot90', [T([2, 2, 2])], {'dims': [0, 1, 2]})
err('rot90 dim out of range', 'rot90', [T([2, 2])], {'dims': [0, 2]})
err('logcumsumexp int', 'logcumsumexp', [I([3], [1, 2, 3])], {'dim': 0})
err('unique two zero-size dims', 'unique_out', [T([0, 0, 2], rg=False)], {'dim': 0, 'return_counts': True}, data_dependent=True)
case('cummax bool', 'cummax_indices', [T([3], 'bool', data=[True, False, True])], {'dim': 0})
err('block_diag 3-d', 'block_diag', [T([2, 2]), T([1, 1, 1])])
err('meshgrid bad indexing', 'meshgrid_stack', [T([2]), T([2])], {'indexing': 'ji'})
err('cartesian_prod 2-d', 'cartesian_prod', [T([2, 2]), T([2])])
err('masked_scatter float mask', 'masked_scatter', [T([3]), T([3], rg=False), T([3])])
err('bincount negative', 'bincount', [I([3], [0, -1, 2])], data_dependent=True)
err('bincount 2-d', 'bincount', [I([2, 2], [0, 1, 2, 3])])
err('bincount float', 'bincount', [T([3], rg=False)])
err('bincount negative minlength', 'bincount', [I([3], [0, 1, 2])], {'minlength': -1})
err('bincount weights size', 'bincount', [I([3], [0, 1, 2]), T([2], rg=False)])
err('histc int', 'histc', [I([3], [1, 2, 3])])
err('histc bins', 'histc', [T([3], rg=False)], {'bins': 0})
err('histc max < min', 'histc', [T([3], rg=False)], {'min': 2.0, 'max': 1.0})
err('bucketize 2-d boundaries', 'bucketize', [T([3], rg=False), T([2, 2], rg=False)])
err('searchsorted mismatched dims', 'searchsorted', [T([2, 4], rg=False), T([3, 2], rg=False)])
err('searchsorted side and right', 'searchsorted', [T([4], rg=False), T([2], rg=False)], {'side': 'left', 'right': True})


def run_case(i, c):
    xs = [build(s) for s in c['inputs']]
    out = OPS[c['op']](xs, dict(c['args']))
    res = {k: v for k, v in c.items() if v is not None}
    res['inputs'] = gri.enc_inputs(c['inputs'])
    res['out'] = enc_tensor(out)
    res['grad_fn'] = type(out.grad_fn).__name__ if out.grad_fn is not None else None
    if not out.requires_grad:
        res['grads'] = [None for _ in xs]
        return res
    rnd = random.Random(9300 + i)
    vals = [round(rnd.gauss(0, 1), 2) for _ in range(out.numel())]
    up = torch.tensor(vals, dtype=out.dtype).reshape(out.shape)
    res['upstream'] = {'shape': list(out.shape), 'dtype': str(out.dtype).replace('torch.', ''), 'data': vals}
    out.backward(up)
    res['grads'] = [enc_tensor(x.grad) if x.requires_grad and x.grad is not None else None for x in xs]
    return res


def info():
    """torch.finfo / torch.iinfo fields and reprs for every dtype that has them."""
    def num(v):
        return v if isinstance(v, int) else float(v)
    fl = {}
    for d in ('float32', 'float64', 'float16', 'bfloat16'):
        f = torch.finfo(getattr(torch, d))
        fl[d] = {k: num(getattr(f, k)) for k in ('bits', 'eps', 'max', 'min', 'tiny', 'smallest_normal', 'resolution')}
        fl[d]['dtype'] = f.dtype
        fl[d]['repr'] = repr(f)
    it = {}
    for d in ('int64', 'int32', 'int16', 'int8', 'uint8'):
        f = torch.iinfo(getattr(torch, d))
        # int64's limits pass through a double, as the engine stores them
        it[d] = {'bits': f.bits, 'max': float(f.max), 'min': float(f.min), 'dtype': f.dtype, 'repr': repr(f)}
    errors = {}
    for name, fn in (('finfo int32', lambda: torch.finfo(torch.int32)), ('iinfo float32', lambda: torch.iinfo(torch.float32)), ('iinfo bool', lambda: torch.iinfo(torch.bool))):
        try:
            fn()
        except Exception as ex:  # noqa: BLE001
            errors[name] = {'type': type(ex).__name__, 'message': str(ex)}
    return {'finfo': fl, 'iinfo': it, 'default_finfo_dtype': torch.finfo().dtype, 'errors': errors}


def main():
    import json
    gri.OPS.clear()
    gri.OPS.update({k: (lambda f: lambda x, a: f(x, dict(a)))(v) for k, v in OPS.items()})
    names = [c['name'] for c in CASES] + [e['name'] for e in ERRORS]
    assert len(names) == len(set(names)), 'case names must be unique'
    doc = {
        'generator': 'test/golden/gen_tail_ops.py',
        'torch': torch.__version__,
        'cases': [run_case(i, c) for i, c in enumerate(CASES)],
        'errors': [gri.run_error(e) for e in ERRORS],
        'info': info(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'tail_ops.json')
    with open(path, 'w') as f:
        json.dump(doc, f, separators=(',', ':'), allow_nan=False)
        f.write('\n')
    print(f'wrote {path}: {len(doc["cases"])} cases, {len(doc["errors"])} errors, {os.path.getsize(path)} bytes')


if __name__ == '__main__':
    main()
