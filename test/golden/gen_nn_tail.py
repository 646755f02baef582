# Generates test/golden/nn_tail.json and nn_tail_2.json: what real PyTorch computes for the long tail
# of torch.nn (activation extras, distances, RMSNorm/LRN/SyncBatchNorm, LPPool/FractionalMaxPool/
# MaxUnpool, ChannelShuffle/Fold/Unfold, bicubic interpolate, affine_grid/grid_sample, EmbeddingBag):
# per case repr, initial parameters/buffers, then per step (train/eval) outputs, grad_fn, input and
# parameter gradients and buffers (the format test/engine/nn_layers_harness.ts reads), plus PyTorch's
# error messages, reprs, state_dict keys and signatures.
# Run: ~/.cache/nnlens-ref/bin/python test/golden/gen_nn_tail.py
import json
import os
import re
import zlib

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_num_threads(1)
FLOATS = []


def spec(t):
    data = t.detach().reshape(-1).tolist()
    if t.is_floating_point():
        FLOATS.append(data)
        data = f"@@F{len(FLOATS) - 1}@@"
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": data}


def fmt(v):
    if v != v:
        return '"nan"'
    if v in (float("inf"), float("-inf")):
        return '"inf"' if v > 0 else '"-inf"'
    return "%.9g" % v


def dump(obj, path):
    text = json.dumps(obj, separators=(",", ":"))
    text = re.sub(r'"@@F(\d+)@@"', lambda m: "[" + ",".join(fmt(v) for v in FLOATS[int(m.group(1))]) + "]", text)
    with open(path, "w") as f:
        f.write(text)


def tup(a):
    return tuple(tup(x) for x in a) if isinstance(a, list) else a


def make_input(s, gen):
    if isinstance(s, dict) and "int" in s:
        return torch.tensor(s["int"], dtype=torch.int64)
    return torch.randn(*s, generator=gen)


def run_steps(call, inputs_specs, modes, module, gen, seeded):
    steps = []
    for mode in modes:
        if module is not None:
            module.train(mode == "train")
            module.zero_grad(set_to_none=True)
        xs = [make_input(s, gen) for s in inputs_specs]
        for x in xs:
            if x.is_floating_point():
                x.requires_grad_(True)
        if seeded is not None:
            torch.manual_seed(seeded)
        out = call(*[x.clone() if x.is_floating_point() else x for x in xs])
        outs = list(out) if isinstance(out, tuple) else [out]
        step = {"mode": mode, "inputs": [spec(x) for x in xs], "outs": [spec(o) for o in outs],
                "grad_fn": outs[0].grad_fn.name() if outs[0].grad_fn is not None else None}
        if outs[0].requires_grad:
            up = torch.randn(outs[0].shape, generator=gen)
            outs[0].backward(up)
            step["upstream"] = spec(up)
            step["input_grads"] = [spec(x.grad) if x.grad is not None else None for x in xs]
            if module is not None:
                step["param_grads"] = {n: (spec(p.grad) if p.grad is not None else None) for n, p in module.named_parameters()}
        if module is not None:
            step["buffers_after"] = {n: spec(b) for n, b in module.named_buffers()}
        steps.append(step)
    return steps


def randomize(m):
    with torch.no_grad():
        for p in m.parameters():
            p.normal_()


def layer_case(name, typ, args, inputs, modes=("train",), seeded=None, post=None):
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    m = getattr(nn, typ)(*tup(args))
    if post:
        post(m)
    c = {"name": name, "layer": typ, "args": args, "repr": repr(m),
         "params": {n: spec(p) for n, p in m.named_parameters()},
         "buffers": {n: spec(b) for n, b in m.named_buffers()}, "seed": seeded}
    c["steps"] = run_steps(m, inputs, modes, m, gen, seeded)
    return c


def fn_case(name, fn, args, inputs, seeded=None, ns="F"):
    gen = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    f = getattr(F if ns == "F" else torch, fn)
    c = {"name": name, "fn": fn, "ns": ns, "args": args, "seed": seeded}
    c["steps"] = run_steps(lambda *xs: f(*xs, *tup(args)), inputs, ("train",), None, gen, seeded)
    return c


def pool_indices(fn, shape, *args):
    g = torch.Generator().manual_seed(zlib.crc32(str(shape).encode()))
    return {"int": fn(torch.randn(*shape, generator=g), *args, return_indices=True)[1].tolist()}


N = None
cases = [
    # activations
    layer_case("glu", "GLU", [], [[3, 6]]),
    layer_case("glu_dim1", "GLU", [1], [[2, 4, 3]]),
    layer_case("hardshrink", "Hardshrink", [0.7], [[4, 5]]),
    layer_case("softshrink", "Softshrink", [], [[4, 5]]),
    layer_case("rrelu", "RReLU", [], [[3, 5]], modes=("train", "eval", "train"), seeded=7),
    layer_case("rrelu_bounds", "RReLU", [0.2, 0.6], [[3, 5]], modes=("train", "eval"), seeded=11),
    layer_case("softmax2d", "Softmax2d", [], [[2, 3, 2, 2]]),
    layer_case("softmax2d_3d", "Softmax2d", [], [[3, 2, 2]]),
    fn_case("f_glu_dim0", "glu", [0], [[4, 3]]),
    fn_case("f_rrelu_train", "rrelu", [0.1, 0.3, True], [[2, 7]], seeded=3),
    fn_case("f_softshrink", "softshrink", [1.0], [[3, 4]]),
    # distances
    layer_case("pairwise", "PairwiseDistance", [], [[3, 5], [3, 5]]),
    layer_case("pairwise_p1_keepdim", "PairwiseDistance", [1.0, 1e-6, True], [[3, 5], [3, 5]]),
    layer_case("pairwise_p3_broadcast", "PairwiseDistance", [3.0], [[3, 5], [5]]),
    layer_case("cosine", "CosineSimilarity", [], [[3, 5], [3, 5]]),
    layer_case("cosine_dim0", "CosineSimilarity", [0], [[4, 3], [4, 3]]),
    layer_case("cosine_broadcast", "CosineSimilarity", [-1, 1e-6], [[2, 3, 4], [1, 4]]),
    fn_case("f_pairwise_p05", "pairwise_distance", [0.5], [[2, 4], [2, 4]]),
    fn_case("f_cosine_1d", "cosine_similarity", [0], [[5], [5]]),
    fn_case("cdist_p2", "cdist", [], [[4, 3], [5, 3]], ns="torch"),
    fn_case("cdist_p1", "cdist", [1.0], [[4, 3], [5, 3]], ns="torch"),
    fn_case("cdist_p05", "cdist", [0.5], [[3, 2], [2, 2]], ns="torch"),
    fn_case("cdist_p3_batch", "cdist", [3.0], [[2, 4, 3], [1, 5, 3]], ns="torch"),
    fn_case("cdist_p0", "cdist", [0.0], [[3, 2], [4, 2]], ns="torch"),
    fn_case("pdist_p2", "pdist", [], [[5, 3]]),
    fn_case("pdist_p1", "pdist", [1.0], [[4, 3]]),
    fn_case("pdist_p3", "pdist", [3.0], [[4, 2]]),
    # normalisation
    layer_case("rmsnorm", "RMSNorm", [4], [[3, 4]], post=randomize),
    layer_case("rmsnorm_2d_eps", "RMSNorm", [[3, 4], 1e-3], [[2, 3, 4]], post=randomize),
    layer_case("rmsnorm_noaffine", "RMSNorm", [3, N, False], [[2, 5, 3]]),
    layer_case("lrn_3d", "LocalResponseNorm", [2], [[2, 5, 4]]),
    layer_case("lrn_4d", "LocalResponseNorm", [3, 1e-2, 0.5, 2.0], [[2, 5, 2, 3]]),
    layer_case("lrn_5d", "LocalResponseNorm", [2], [[1, 4, 2, 2, 2]]),
    layer_case("syncbn", "SyncBatchNorm", [3], [[4, 3]], modes=("train", "eval"), post=randomize),
    layer_case("syncbn_cumulative", "SyncBatchNorm", [3, 1e-5, N], [[2, 3, 2, 1]], modes=("train", "train", "eval")),
    fn_case("f_rms_norm", "rms_norm", [[4]], [[2, 4]]),
    fn_case("f_lrn", "local_response_norm", [4], [[2, 6, 3]]),
    # pooling
    layer_case("lppool1d", "LPPool1d", [2, 3], [[2, 3, 7]]),
    layer_case("lppool1d_p1_ceil", "LPPool1d", [1, 2, 1, True], [[1, 2, 6]]),
    layer_case("lppool2d", "LPPool2d", [2, [2, 3], [1, 2]], [[1, 2, 5, 6]]),
    layer_case("lppool3d", "LPPool3d", [2, 2], [[1, 1, 4, 4, 4]]),
    layer_case("maxunpool1d", "MaxUnpool1d", [2], [[1, 2, 3], pool_indices(F.max_pool1d, [1, 2, 6], 2)]),
    layer_case("maxunpool2d", "MaxUnpool2d", [2], [[1, 2, 2, 2], pool_indices(F.max_pool2d, [1, 2, 4, 4], 2)]),
    layer_case("maxunpool2d_overlap", "MaxUnpool2d", [3, 2, 1], [[1, 1, 3, 3], pool_indices(F.max_pool2d, [1, 1, 5, 5], 3, 2, 1)]),
    layer_case("maxunpool3d", "MaxUnpool3d", [2], [[1, 1, 2, 2, 2], pool_indices(F.max_pool3d, [1, 1, 4, 4, 4], 2)]),
    fn_case("f_maxunpool2d_size", "max_unpool2d", [2, N, 0, [5, 5]], [[1, 1, 2, 2], pool_indices(F.max_pool2d, [1, 1, 5, 5], 2)]),
    layer_case("fracmax2d_size", "FractionalMaxPool2d", [2, [3, 4]], [[2, 2, 5, 7]], seeded=21),
    layer_case("fracmax2d_ratio_idx", "FractionalMaxPool2d", [[2, 3], N, 0.5, True], [[2, 8, 9]], seeded=22),
    layer_case("fracmax3d", "FractionalMaxPool3d", [2, [2, 3, 2]], [[1, 2, 4, 5, 4]], seeded=23),
    fn_case("f_fracmax2d_ratio", "fractional_max_pool2d", [3, N, [0.6, 0.7]], [[1, 1, 7, 6]], seeded=24),
    # vision
    layer_case("channel_shuffle", "ChannelShuffle", [2], [[2, 4, 2, 3]]),
    layer_case("channel_shuffle_1d", "ChannelShuffle", [3], [[1, 6, 5]]),
    layer_case("unfold", "Unfold", [2], [[2, 2, 3, 4]]),
    layer_case("unfold_args", "Unfold", [[2, 3], 2, 1, 2], [[1, 2, 5, 6]]),
    layer_case("unfold_unbatched", "Unfold", [2], [[2, 3, 3]]),
    layer_case("fold", "Fold", [[3, 4], 2], [[1, 8, 6]]),
    layer_case("fold_args", "Fold", [[5, 6], [2, 3], 2, 1, 2], [[1, 12, 6]]),
    fn_case("f_unfold_stride", "unfold", [3, 1, 0, 2], [[1, 1, 5, 6]]),
    layer_case("upsample_bicubic_scale", "Upsample", [N, 2, "bicubic"], [[1, 2, 3, 4]]),
    layer_case("upsample_bicubic_align", "Upsample", [[5, 3], N, "bicubic", True], [[1, 1, 4, 5]]),
    fn_case("f_bicubic_frac_scale", "interpolate", [N, [1.7, 0.6], "bicubic", False], [[1, 1, 4, 5]]),
    fn_case("f_bicubic_recompute", "interpolate", [N, 1.5, "bicubic", False, True], [[1, 2, 3, 3]]),
    # spatial transformers
    fn_case("affine_grid", "affine_grid", [[2, 3, 3, 4], False], [[2, 2, 3]]),
    fn_case("affine_grid_align", "affine_grid", [[1, 1, 2, 5], True], [[1, 2, 3]]),
    fn_case("grid_bilinear_zeros", "grid_sample", ["bilinear", "zeros", False], [[2, 1, 4, 5], [2, 3, 3, 2]]),
    fn_case("grid_bilinear_border_align", "grid_sample", ["bilinear", "border", True], [[1, 2, 4, 4], [1, 3, 2, 2]]),
    fn_case("grid_bilinear_reflection", "grid_sample", ["bilinear", "reflection", False], [[1, 1, 3, 4], [1, 4, 3, 2]]),
    fn_case("grid_bilinear_reflection_align", "grid_sample", ["bilinear", "reflection", True], [[1, 1, 3, 4], [1, 4, 3, 2]]),
    fn_case("grid_nearest_zeros", "grid_sample", ["nearest", "zeros", False], [[1, 2, 4, 4], [1, 3, 3, 2]]),
    fn_case("grid_nearest_border", "grid_sample", ["nearest", "border", True], [[1, 1, 3, 3], [1, 2, 4, 2]]),
    fn_case("grid_bicubic_zeros", "grid_sample", ["bicubic", "zeros", False], [[1, 2, 4, 5], [1, 3, 2, 2]]),
    fn_case("grid_bicubic_border_align", "grid_sample", ["bicubic", "border", True], [[1, 1, 4, 4], [1, 2, 3, 2]]),
    fn_case("grid_bicubic_reflection", "grid_sample", ["bicubic", "reflection", False], [[1, 1, 3, 4], [1, 3, 2, 2]]),
    fn_case("affine_grid_3d", "affine_grid", [[1, 1, 2, 3, 2], False], [[1, 3, 4]]),
    fn_case("grid3d_bilinear_zeros", "grid_sample", ["bilinear", "zeros", False], [[1, 2, 3, 3, 4], [1, 2, 2, 2, 3]]),
    fn_case("grid3d_bilinear_reflection_align", "grid_sample", ["bilinear", "reflection", True], [[1, 1, 2, 3, 3], [1, 2, 1, 3, 3]]),
    fn_case("grid3d_nearest_border", "grid_sample", ["nearest", "border", False], [[1, 1, 3, 2, 3], [1, 2, 2, 1, 3]]),
    # embedding bag
    layer_case("bag_mean_2d", "EmbeddingBag", [10, 3], [{"int": [[1, 2, 4], [4, 3, 9]]}]),
    layer_case("bag_sum_offsets", "EmbeddingBag", [10, 3, N, 2.0, False, "sum"], [{"int": [1, 2, 4, 5, 4, 3, 2, 9]}, {"int": [0, 4]}]),
    layer_case("bag_max", "EmbeddingBag", [10, 3, N, 2.0, False, "max"], [{"int": [1, 2, 4, 5, 4, 3, 2, 9]}, {"int": [0, 3, 3]}]),
    layer_case("bag_psw", "EmbeddingBag", [10, 3, N, 2.0, False, "sum"], [{"int": [1, 2, 4, 5, 4, 3]}, {"int": [0, 2]}, [6]]),
    layer_case("bag_padding", "EmbeddingBag", [10, 3, N, 2.0, False, "mean", False, N, False, 2], [{"int": [[2, 2, 4], [4, 3, 2]]}]),
    layer_case("bag_last_offset", "EmbeddingBag", [10, 3, N, 2.0, False, "sum", False, N, True], [{"int": [1, 2, 4, 5, 4, 3, 2, 9]}, {"int": [0, 2, 2, 8]}]),
    layer_case("bag_freq_maxnorm", "EmbeddingBag", [10, 3, 1.0, 2.0, True, "mean"], [{"int": [[1, 2, 1], [4, 1, 9]]}]),
    layer_case("bag_sum_freq_psw", "EmbeddingBag", [6, 2, N, 2.0, True, "sum"], [{"int": [1, 2, 1, 5, 1]}, {"int": [0, 3]}, [5]]),
    layer_case("bag_mean_empty", "EmbeddingBag", [6, 2], [{"int": [1, 2, 4]}, {"int": [0, 0, 2]}]),
]

errors = {}


def err(name, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - we record whatever PyTorch raises
        errors[name] = {"type": type(e).__name__, "message": str(e)}
        return
    raise AssertionError(f"{name} did not raise")


z = torch.zeros
L = lambda v: torch.tensor(v, dtype=torch.int64)  # noqa: E731
err("glu_odd", lambda: F.glu(z(2, 5)))
err("glu_scalar", lambda: F.glu(torch.tensor(1.0)))
err("softshrink_neg", lambda: F.softshrink(z(2), -0.5))
err("softmax2d_dim", lambda: nn.Softmax2d()(z(2, 3)))
err("hardshrink_long", lambda: F.hardshrink(L([1, 2])))
err("cdist_1d", lambda: torch.cdist(z(3), z(2, 3)))
err("cdist_cols", lambda: torch.cdist(z(2, 3), z(2, 4)))
err("cdist_int", lambda: torch.cdist(L([[1]]), L([[1]])))
err("cdist_neg_p", lambda: torch.cdist(z(2, 3), z(2, 3), -1.0))
err("pdist_3d", lambda: F.pdist(z(2, 3, 4)))
err("pdist_neg_p", lambda: F.pdist(z(2, 3), -1.0))
err("cosine_int", lambda: F.cosine_similarity(L([1, 2]), L([1, 2]), 0))
err("rms_norm_shape", lambda: F.rms_norm(z(2, 3), [4]))
err("lrn_2d", lambda: F.local_response_norm(z(2, 3), 2))
err("syncbn_1d", lambda: nn.SyncBatchNorm(3)(z(3)))
err("unpool_size", lambda: F.max_unpool2d(z(1, 1, 2, 2), L([[[[0, 1], [2, 3]]]]), 2, output_size=[9, 9]))
err("unpool_size_len", lambda: F.max_unpool2d(z(1, 1, 2, 2), L([[[[0, 1], [2, 3]]]]), 2, output_size=[4]))
err("unpool_bad_index", lambda: F.max_unpool2d(z(1, 1, 2, 2), L([[[[0, 1], [2, 30]]]]), 2))
err("channel_shuffle_div", lambda: F.channel_shuffle(z(1, 5, 2, 2), 2))
err("unfold_small", lambda: F.unfold(z(1, 1, 2, 2), 3))
err("unfold_2d", lambda: F.unfold(z(2, 2), 1))
err("fold_div", lambda: F.fold(z(1, 7, 9), 4, 2))
err("fold_blocks", lambda: F.fold(z(1, 8, 8), 4, 2))
err("bag_offsets_2d", lambda: F.embedding_bag(L([[1, 2]]), z(4, 2), L([0])))
err("bag_no_offsets", lambda: F.embedding_bag(L([1, 2]), z(4, 2)))
err("bag_psw_mean", lambda: F.embedding_bag(L([[1, 2]]), z(4, 2), per_sample_weights=z(1, 2)))
err("bag_mode", lambda: F.embedding_bag(L([[1, 2]]), z(4, 2), mode="min"))
err("bag_index", lambda: F.embedding_bag(L([[1, 7]]), z(4, 2)))
err("affine_size", lambda: F.affine_grid(z(1, 2, 3), [1, 2], False))
err("affine_theta", lambda: F.affine_grid(z(1, 3, 3), [1, 1, 2, 2], False))
err("grid_dims", lambda: F.grid_sample(z(1, 1, 2), z(1, 2, 2, 2), align_corners=False))
err("grid_last", lambda: F.grid_sample(z(1, 1, 2, 2), z(1, 2, 2, 3), align_corners=False))
err("grid_batch", lambda: F.grid_sample(z(2, 1, 2, 2), z(1, 2, 2, 2), align_corners=False))
err("grid_bicubic_3d", lambda: F.grid_sample(z(1, 1, 2, 2, 2), z(1, 1, 1, 1, 3), mode="bicubic", align_corners=False))
err("bicubic_long", lambda: F.interpolate(L([[[[1, 2], [3, 4]]]]), scale_factor=2, mode="bicubic"))
err("grid_mode", lambda: F.grid_sample(z(1, 1, 2, 2), z(1, 2, 2, 2), mode="area", align_corners=False))
err("grid_padding", lambda: F.grid_sample(z(1, 1, 2, 2), z(1, 2, 2, 2), padding_mode="wrap", align_corners=False))
err("fracmax_no_size", lambda: nn.FractionalMaxPool2d(2))
err("fracmax_ratio", lambda: nn.FractionalMaxPool2d(2, output_ratio=1.5))
err("fracmax_too_large", lambda: F.fractional_max_pool2d(z(1, 1, 4, 4), 3, output_size=3))
err("bag_psw_shape", lambda: F.embedding_bag(L([[1, 2]]), z(4, 2), mode="sum", per_sample_weights=z(3)))

reprs = {
    "rrelu_inplace": repr(nn.RReLU(0.1, 0.3, True)),
    "rmsnorm_default": repr(nn.RMSNorm([3, 4])),
    "lrn": repr(nn.LocalResponseNorm(2)),
    "syncbn_nostats": repr(nn.SyncBatchNorm(4, momentum=None, affine=False, track_running_stats=False)),
    "lppool2d_tuple": repr(nn.LPPool2d(2, (2, 3), (1, 2), True)),
    "maxunpool3d": repr(nn.MaxUnpool3d(2, 1, 1)),
    "fold_tuple": repr(nn.Fold((4, 5), (2, 3), 1, (0, 1), 2)),
    "bag_sum_padding": repr(nn.EmbeddingBag(10, 3, mode="sum", padding_idx=-1)),
    "bag_max_norm": repr(nn.EmbeddingBag(10, 3, max_norm=1.0, norm_type=1.0)),
    "pairwise_distance": repr(nn.PairwiseDistance(1.0, keepdim=True)),
    "fracmax": repr(nn.FractionalMaxPool2d(3, output_ratio=0.5)),
    "convert_sync": repr(nn.SyncBatchNorm.convert_sync_batchnorm(nn.Sequential(
        nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2, momentum=None), nn.Sequential(nn.BatchNorm1d(4, affine=False)), nn.InstanceNorm1d(3)))),
}

# state_dict keys (the harness checks parameter/buffer names; these are the full state_dict lists).
state_keys = {
    "syncbn": list(nn.SyncBatchNorm(3).state_dict().keys()),
    "rmsnorm": list(nn.RMSNorm(3).state_dict().keys()),
    "rmsnorm_noaffine": list(nn.RMSNorm(3, elementwise_affine=False).state_dict().keys()),
    "bag": list(nn.EmbeddingBag(4, 2).state_dict().keys()),
}

# Constructor / functional parameter names, which layers/signatures.ts must list in the same order.
import inspect  # noqa: E402


def from_doc(fn, name):
    m = re.search(name + r"\(([^)]*)\)", fn.__doc__ or "")
    names = [a.split("=")[0].strip() for a in m.group(1).split(",") if a.strip()] if m else []
    return [n for n in names if n not in ("*", "/")] or None


def params_of(fn, skip_self, name=None):
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return from_doc(fn, name)
    if name is not None and any(p.kind == p.VAR_POSITIONAL for p in sig.parameters.values()):
        return from_doc(fn, name)
    ps = [p for p in sig.parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return [p.name for p in ps][1 if skip_self else 0:]


LAYERS = ["GLU", "Hardshrink", "Softshrink", "RReLU", "Softmax2d", "PairwiseDistance", "CosineSimilarity", "RMSNorm",
          "LocalResponseNorm", "SyncBatchNorm", "LPPool1d", "LPPool2d", "LPPool3d", "FractionalMaxPool2d", "FractionalMaxPool3d", "MaxUnpool1d", "MaxUnpool2d", "MaxUnpool3d",
          "ChannelShuffle", "Fold", "Unfold", "EmbeddingBag"]
FNS = ["affine_grid", "grid_sample", "glu", "hardshrink", "softshrink", "rrelu", "pairwise_distance", "cosine_similarity", "pdist", "rms_norm",
       "local_response_norm", "lp_pool1d", "lp_pool2d", "lp_pool3d", "fractional_max_pool2d", "fractional_max_pool3d", "max_unpool1d", "max_unpool2d", "max_unpool3d",
       "channel_shuffle", "unfold", "fold", "embedding_bag"]
signatures = {"layers": {n: params_of(getattr(nn, n).__init__, True) for n in LAYERS},
              "functional": {n: params_of(getattr(F, n), False, n) for n in FNS}}

# Two files, to keep each fixture small: the cases up to the pooling ones, then the rest.
split = next(i for i, c in enumerate(cases) if c["name"] == "lppool1d")
dump({"torch": torch.__version__, "cases": cases[:split], "errors": errors, "reprs": reprs, "state_keys": state_keys, "signatures": signatures},
     os.path.join(HERE, "nn_tail.json"))
dump({"torch": torch.__version__, "cases": cases[split:]}, os.path.join(HERE, "nn_tail_2.json"))
for f in ("nn_tail.json", "nn_tail_2.json"):
    print(f, os.path.getsize(os.path.join(HERE, f)), "bytes")
print(len(cases), "cases,", len(errors), "errors")
