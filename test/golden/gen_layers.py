# Generates test/golden/layers_*.json: what real PyTorch computes for the everyday nn layers and their
# functionals — repr, parameters and buffers as initialised, then per step (train/eval) the output,
# grad_fn, input/parameter gradients and buffers after — plus errors, reprs, seeded init/dropout streams
# and the parameter names of every layer and functional (layers_signatures.json).
# Run: ~/.cache/nnlens-ref/bin/python test/golden/gen_layers.py
import json
import re
import zlib
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_num_threads(1)


FLOATS = []  # float data, written with 9 significant digits (enough to round-trip float32)


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
    """JSON lists in the case tables stand for Python tuples in the call."""
    return tuple(tup(x) for x in a) if isinstance(a, list) else a


def make_input(s, gen):
    if isinstance(s, dict) and "int" in s:  # integer indices given literally
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
        # Clones feed the call, so in-place layers act on non-leaves while gradients still reach xs.
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


def layer_case(name, typ, args, inputs, modes=("train",), seeded=None, post=None):
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    m = getattr(nn, typ)(*tup(args))
    if post:
        post(m)
    c = {"name": name, "layer": typ, "args": args, "repr": repr(m),
         "params": {n: spec(p) for n, p in m.named_parameters()},
         "buffers": {n: spec(b) for n, b in m.named_buffers()}}
    c["seed"] = seeded
    c["steps"] = run_steps(m, inputs, modes, m, gen, seeded)
    return c


def fn_case(name, fn, args, inputs, seeded=None):
    gen = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    f = getattr(F, fn)
    c = {"name": name, "fn": fn, "args": args, "seed": seeded}
    c["steps"] = run_steps(lambda *xs: f(*xs, *tup(args)), inputs, ("train",), None, gen, seeded)
    return c


# ---------------- layer tables: (name, class, positional args, input shapes[, modes]) ----------------
CONV = [
    ("conv1d_basic", "Conv1d", [3, 4, 3], [[2, 3, 9]]),
    ("conv1d_stride_pad_dil", "Conv1d", [2, 4, 3, 2, 2, 2], [[2, 2, 11]]),
    ("conv1d_same_reflect", "Conv1d", [2, 2, 4, 1, "same", 1, 1, True, "reflect"], [[1, 2, 7]]),
    ("conv1d_unbatched", "Conv1d", [2, 3, 3], [[2, 6]]),
    ("conv2d_basic", "Conv2d", [3, 4, 3], [[2, 3, 5, 4]]),
    ("conv2d_lenet", "Conv2d", [1, 6, 5], [[1, 1, 8, 8]]),
    ("conv2d_stride_pad", "Conv2d", [2, 4, [3, 2], [2, 1], [1, 0]], [[1, 2, 7, 6]]),
    ("conv2d_dilation_groups", "Conv2d", [4, 6, 3, 1, 2, 2, 2], [[1, 4, 5, 5]]),
    ("conv2d_depthwise_nobias", "Conv2d", [3, 3, 3, 1, 1, 1, 3, False], [[2, 3, 5, 5]]),
    ("conv2d_same", "Conv2d", [2, 3, [4, 3], 1, "same"], [[1, 2, 6, 5]]),
    ("conv2d_valid", "Conv2d", [2, 3, 3, 1, "valid"], [[1, 2, 5, 5]]),
    ("conv2d_reflect", "Conv2d", [2, 3, 3, 1, 1, 1, 1, True, "reflect"], [[1, 2, 5, 5]]),
    ("conv2d_replicate", "Conv2d", [2, 3, 3, 2, 2, 1, 1, True, "replicate"], [[1, 2, 5, 6]]),
    ("conv2d_circular", "Conv2d", [2, 3, 3, 1, [1, 2], 1, 1, True, "circular"], [[1, 2, 5, 5]]),
    ("conv2d_unbatched", "Conv2d", [2, 3, 3], [[2, 5, 5]]),
    ("conv3d_basic", "Conv3d", [2, 3, 3, 1, 1], [[1, 2, 3, 4, 3]]),
    ("conv3d_stride_groups", "Conv3d", [2, 4, 2, 2, 0, 1, 2], [[1, 2, 4, 5, 4]]),
    ("convT1d_basic", "ConvTranspose1d", [3, 2, 3, 2, 1, 1], [[2, 3, 5]]),
    ("convT2d_basic", "ConvTranspose2d", [3, 2, 3], [[1, 3, 4, 4]]),
    ("convT2d_stride_outpad", "ConvTranspose2d", [2, 4, 3, 2, 1, 1], [[1, 2, 3, 4]]),
    ("convT2d_groups_dil", "ConvTranspose2d", [4, 2, 3, 1, 1, 0, 2, False, 2], [[1, 4, 4, 4]]),
    ("convT3d_basic", "ConvTranspose3d", [2, 2, 2, 2], [[1, 2, 2, 3, 2]]),
]

POOL = [
    ("maxpool1d", "MaxPool1d", [3, 2], [[2, 3, 9]]),
    ("maxpool1d_ceil_pad", "MaxPool1d", [3, 2, 1, 1, False, True], [[1, 2, 8]]),
    ("maxpool2d", "MaxPool2d", [2], [[2, 3, 6, 6]]),
    ("maxpool2d_ceil", "MaxPool2d", [3, 2, 0, 1, False, True], [[1, 2, 6, 6]]),
    ("maxpool2d_dilation_pad", "MaxPool2d", [3, 1, 1, 2], [[1, 2, 7, 7]]),
    ("maxpool2d_indices", "MaxPool2d", [[2, 3], [2, 1], 0, 1, True], [[1, 2, 5, 6]]),
    ("maxpool2d_unbatched", "MaxPool2d", [2], [[3, 4, 4]]),
    ("maxpool3d", "MaxPool3d", [2, 2, 1], [[1, 2, 4, 4, 3]]),
    ("avgpool1d", "AvgPool1d", [3, 2, 1], [[2, 2, 8]]),
    ("avgpool2d", "AvgPool2d", [2], [[2, 3, 6, 6]]),
    ("avgpool2d_pad_exclude", "AvgPool2d", [3, 2, 1, False, False], [[1, 2, 7, 7]]),
    ("avgpool2d_ceil_divisor", "AvgPool2d", [3, 2, 1, True, True, 4], [[1, 2, 6, 6]]),
    ("avgpool3d", "AvgPool3d", [2, 1, 1, False, True], [[1, 2, 3, 4, 3]]),
    ("adaptiveavg1d", "AdaptiveAvgPool1d", [4], [[2, 3, 10]]),
    ("adaptiveavg2d", "AdaptiveAvgPool2d", [[3, 2]], [[2, 3, 7, 5]]),
    ("adaptiveavg2d_global", "AdaptiveAvgPool2d", [1], [[2, 3, 4, 4]]),
    ("adaptiveavg2d_none", "AdaptiveAvgPool2d", [[None, 2]], [[1, 2, 3, 5]]),
    ("adaptiveavg3d", "AdaptiveAvgPool3d", [2], [[1, 2, 5, 3, 4]]),
    ("adaptivemax1d", "AdaptiveMaxPool1d", [3], [[2, 2, 7]]),
    ("adaptivemax2d", "AdaptiveMaxPool2d", [[2, 3]], [[2, 2, 5, 7]]),
    ("adaptivemax2d_indices", "AdaptiveMaxPool2d", [2, True], [[1, 2, 5, 5]]),
]

X = [[2, 3, 2, 3]]
ACT = [
    ("relu", "ReLU", [], X), ("relu_inplace", "ReLU", [True], X), ("relu6", "ReLU6", [], X),
    ("leakyrelu", "LeakyReLU", [], X), ("leakyrelu_02", "LeakyReLU", [0.2], X),
    ("prelu", "PReLU", [], X), ("prelu_channels", "PReLU", [3, 0.1], X),
    ("elu", "ELU", [], X), ("elu_alpha", "ELU", [0.5], X), ("selu", "SELU", [], X), ("celu", "CELU", [1.5], X),
    ("gelu", "GELU", [], X), ("gelu_tanh", "GELU", ["tanh"], X), ("silu", "SiLU", [], X), ("mish", "Mish", [], X),
    ("sigmoid", "Sigmoid", [], X), ("tanh", "Tanh", [], X), ("hardtanh", "Hardtanh", [-0.5, 0.7], X),
    ("hardswish", "Hardswish", [], [[2, 3, 4, 5]]), ("hardsigmoid", "Hardsigmoid", [], X),
    ("softplus", "Softplus", [], X), ("softplus_beta", "Softplus", [2.0, 1.0], X), ("softsign", "Softsign", [], X),
    ("tanhshrink", "Tanhshrink", [], X), ("threshold", "Threshold", [0.1, 20.0], X),
    ("softmax", "Softmax", [1], X), ("logsoftmax", "LogSoftmax", [-1], X), ("softmin", "Softmin", [2], X),
    ("logsigmoid", "LogSigmoid", [], X),
]

NORM = [
    ("batchnorm1d", "BatchNorm1d", [3], [[4, 3], [4, 3]], ("train", "train", "eval")),
    ("batchnorm1d_3d", "BatchNorm1d", [3, 1e-3, 0.2], [[2, 3, 5]], ("train", "eval")),
    ("batchnorm2d", "BatchNorm2d", [3], [[2, 3, 4, 4]], ("train", "train", "eval")),
    ("batchnorm2d_cumulative", "BatchNorm2d", [2, 1e-5, None], [[2, 2, 3, 3]], ("train", "train", "train", "eval")),
    ("batchnorm2d_noaffine", "BatchNorm2d", [3, 1e-5, 0.1, False], [[2, 3, 3, 3]], ("train", "eval")),
    ("batchnorm2d_nostats", "BatchNorm2d", [3, 1e-5, 0.1, True, False], [[2, 3, 3, 3]], ("train", "eval")),
    ("batchnorm3d", "BatchNorm3d", [2], [[2, 2, 3, 2, 3]], ("train", "eval")),
    ("layernorm", "LayerNorm", [5], [[2, 3, 5]], ("train",)),
    ("layernorm_2d", "LayerNorm", [[3, 5], 1e-6], [[2, 3, 5]], ("train",)),
    ("layernorm_noaffine", "LayerNorm", [5, 1e-5, False], [[4, 5]], ("train",)),
    ("layernorm_nobias", "LayerNorm", [5, 1e-5, True, False], [[4, 5]], ("train",)),
    ("groupnorm", "GroupNorm", [2, 4], [[2, 4, 3, 3]], ("train",)),
    ("groupnorm_1d", "GroupNorm", [3, 6, 1e-5, False], [[2, 6, 5]], ("train",)),
    ("instancenorm2d", "InstanceNorm2d", [3], [[2, 3, 3, 4]], ("train", "eval")),
    ("instancenorm1d_affine_stats", "InstanceNorm1d", [2, 1e-5, 0.2, True, True], [[3, 2, 5]], ("train", "train", "eval")),
    ("instancenorm3d_unbatched", "InstanceNorm3d", [2, 1e-5, 0.1, True], [[2, 2, 3, 2]], ("train",)),
]
NORM = [(n, t, a, [i[0]], modes) for n, t, a, i, modes in NORM]

MISC = [
    ("flatten", "Flatten", [], [[2, 3, 2, 2]]),
    ("flatten_range", "Flatten", [0, 2], [[2, 3, 2, 2]]),
    ("unflatten", "Unflatten", [1, [2, 3]], [[2, 6, 2]]),
    ("identity", "Identity", [], [[2, 3]]),
    ("linear", "Linear", [4, 3], [[2, 4]]),
    ("linear_nobias_3d", "Linear", [4, 3, False], [[2, 5, 4]]),
    ("bilinear", "Bilinear", [3, 4, 2], [[5, 3], [5, 4]]),
    ("bilinear_nobias_3d", "Bilinear", [2, 3, 4, False], [[2, 3, 2], [2, 3, 3]]),
    ("embedding", "Embedding", [6, 3], [{"int": [[1, 2, 4], [4, 3, 1]]}]),
    ("embedding_padding", "Embedding", [6, 3, 2], [{"int": [[1, 2, 4], [2, 3, 2]]}]),
    ("embedding_maxnorm", "Embedding", [5, 4, None, 1.0], [{"int": [0, 2, 2, 4]}]),
    ("embedding_freq", "Embedding", [5, 2, None, None, 2.0, True], [{"int": [0, 2, 2, 4, 2]}]),
    ("dropout_eval", "Dropout", [0.3], [[3, 4]]),
    ("zeropad2d", "ZeroPad2d", [[1, 0, 2, 1]], [[1, 2, 3, 3]]),
    ("constantpad1d", "ConstantPad1d", [2, 0.5], [[2, 3]]),
    ("constantpad3d", "ConstantPad3d", [[1, 0, 0, 1, 1, 0], -1.0], [[1, 1, 2, 2, 2]]),
    ("reflectionpad2d", "ReflectionPad2d", [[2, 1, 1, 2]], [[1, 2, 3, 4]]),
    ("reflectionpad1d", "ReflectionPad1d", [2], [[2, 2, 4]]),
    ("replicationpad2d", "ReplicationPad2d", [1], [[1, 2, 3, 3]]),
    ("replicationpad3d", "ReplicationPad3d", [[1, 0, 1, 0, 0, 1]], [[1, 1, 2, 2, 2]]),
    ("circularpad1d", "CircularPad1d", [[1, 2]], [[1, 2, 4]]),
    ("circularpad2d", "CircularPad2d", [1], [[1, 1, 3, 3]]),
]

UPSAMPLE = [
    ("upsample_nearest2d", "Upsample", [None, 2], [[1, 2, 2, 3]]),
    ("upsample_nearest2d_size", "Upsample", [[5, 4]], [[1, 2, 3, 3]]),
    ("upsample_nearest1d_frac", "Upsample", [None, 1.7], [[1, 2, 5]]),
    ("upsample_nearest_exact", "Upsample", [[5, 7], None, "nearest-exact"], [[1, 1, 3, 4]]),
    ("upsample_bilinear", "Upsample", [None, 2, "bilinear"], [[1, 2, 3, 3]]),
    ("upsample_bilinear_align", "Upsample", [[5, 4], None, "bilinear", True], [[1, 2, 3, 3]]),
    ("upsample_bilinear_down", "Upsample", [None, [0.5, 0.75], "bilinear"], [[1, 1, 6, 5]]),
    ("upsample_linear1d", "Upsample", [None, 2.5, "linear"], [[2, 1, 4]]),
    ("upsample_trilinear", "Upsample", [None, 2, "trilinear"], [[1, 1, 2, 2, 3]]),
    ("upsample_nearest3d", "Upsample", [[3, 4, 2]], [[1, 1, 2, 2, 3]]),
    ("upsample_area", "Upsample", [[2, 3], None, "area"], [[1, 2, 5, 7]]),
    ("upsample_recompute", "Upsample", [None, 1.5, "bilinear", False, True], [[1, 1, 5, 5]]),
    ("upsampling_bilinear2d", "UpsamplingBilinear2d", [None, 2], [[1, 1, 3, 2]]),
    ("pixelshuffle", "PixelShuffle", [2], [[1, 8, 2, 3]]),
    ("pixelunshuffle", "PixelUnshuffle", [2], [[1, 2, 4, 6]]),
]

cases = {"conv": [], "pool": [], "act": [], "norm": [], "misc": [], "upsample": [], "fn": []}
for n, t, a, i in UPSAMPLE:
    cases["upsample"].append(layer_case(n, t, a, i))
for n, t, a, i in CONV:
    cases["conv"].append(layer_case(n, t, a, i))
for n, t, a, i in POOL:
    cases["pool"].append(layer_case(n, t, a, i))
for n, t, a, i in ACT:
    cases["act"].append(layer_case(n, t, a, i))
for n, t, a, i, modes in NORM:
    cases["norm"].append(layer_case(n, t, a, i, modes))
for n, t, a, i in MISC:
    cases["misc"].append(layer_case(n, t, a, i, ("eval",) if n == "dropout_eval" else ("train",)))

# Dropout in train mode with PyTorch's generator stream (seeded right before the forward).
for n, t, a, i in [("dropout_train", "Dropout", [0.3], [[4, 5]]), ("dropout2d_train", "Dropout2d", [0.5], [[2, 4, 3, 3]]),
                   ("dropout1d_train", "Dropout1d", [0.5], [[3, 4, 5]]), ("dropout3d_train", "Dropout3d", [0.25], [[2, 3, 2, 2, 2]]),
                   ("alphadropout_train", "AlphaDropout", [0.2], [[4, 5]])]:
    cases["misc"].append(layer_case(n, t, a, i, ("train", "eval"), seeded=1234))

# ---------------- functionals without a layer, or with options the layers don't expose ----------------
FN = [
    ("pad_constant", "pad", [[1, 2], "constant", 0.5], [[2, 3, 4]]),
    ("pad_constant_negative", "pad", [[-1, 2, 1, -1]], [[2, 3, 4]]),
    ("pad_reflect_2d", "pad", [[1, 2, 2, 1], "reflect"], [[1, 2, 4, 4]]),
    ("pad_reflect_1d", "pad", [[2, 1], "reflect"], [[2, 5]]),
    ("pad_replicate_3d", "pad", [[1, 1, 0, 2, 1, 0], "replicate"], [[1, 1, 2, 3, 2]]),
    ("pad_circular_2d", "pad", [[1, 2, 1, 0], "circular"], [[1, 2, 3, 4]]),
    ("max_pool2d_with_indices", "max_pool2d_with_indices", [2], [[1, 2, 4, 4]]),
    ("max_pool1d_indices", "max_pool1d", [2, 2, 0, 1, False, True], [[2, 2, 6]]),
    ("adaptive_max_pool1d_indices", "adaptive_max_pool1d", [3, True], [[1, 2, 7]]),
    ("normalize", "normalize", [], [[3, 4]]),
    ("normalize_p1_dim0", "normalize", [1.0, 0], [[3, 4]]),
    ("softmax_fn", "softmax", [0], [[3, 4]]),
    ("batch_norm_fn_training", "batch_norm", [None, None, None, None, True], [[4, 3]]),
    ("layer_norm_fn", "layer_norm", [[4]], [[3, 4]]),
    ("group_norm_fn", "group_norm", [1], [[2, 2, 3]]),
    ("linear_fn", "linear", [], [[2, 3], [4, 3], [4]]),
    ("conv2d_fn_same_dil", "conv2d", [None, 1, "same", 2], [[1, 2, 6, 6], [3, 2, 3, 3]]),
    ("conv_transpose2d_fn", "conv_transpose2d", [None, 2, 1, 1], [[1, 2, 3, 3], [2, 3, 3, 3]]),
    ("prelu_fn", "prelu", [], [[2, 3, 4], [3]]),
    ("embedding_fn_pad", "embedding", [0], [{"int": [0, 1, 0, 2]}, [3, 2]]),
    ("leaky_relu_fn", "leaky_relu", [0.3], [[3, 4]]),
    ("relu6_fn", "relu6", [], [[3, 4]]),
    ("elu_fn", "elu", [2.0], [[3, 4]]),
    ("celu_fn", "celu", [0.5], [[3, 4]]),
    ("selu_fn", "selu", [], [[3, 4]]),
    ("instance_norm_fn", "instance_norm", [], [[2, 3, 4]]),
    ("dropout_fn", "dropout", [0.4, True], [[3, 5]]),
    ("alpha_dropout_fn", "alpha_dropout", [0.4, True], [[3, 5]]),
]
fn_cases = []
for n, f, a, i in FN:
    fn_cases.append(fn_case(n, f, a, i, seeded=99 if "dropout" in f else None))
cases["fn"].extend(fn_cases)

# one_hot returns integers (no gradient): its own small table.
one_hot = {
    "default": F.one_hot(torch.tensor([0, 3, 1])).tolist(),
    "num_classes": F.one_hot(torch.tensor([[0, 1], [2, 0]]), 4).tolist(),
}

# ---------------- errors PyTorch raises, keyed by name (the TS test builds the same call) ----------------
errors = {}


def err(name, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - we record whatever PyTorch raises
        errors[name] = {"type": type(e).__name__, "message": str(e)}
        return
    raise AssertionError(f"{name} did not raise")


err("conv2d_5d", lambda: F.conv2d(torch.zeros(1, 28, 28, 1, 1), torch.zeros(6, 1, 5, 5)))
err("conv2d_channels", lambda: nn.Conv2d(3, 6, 5)(torch.zeros(1, 1, 32, 32)))
err("conv2d_kernel_too_big", lambda: nn.Conv2d(3, 6, 5)(torch.zeros(1, 3, 2, 2)))
err("conv2d_same_strided", lambda: nn.Conv2d(3, 6, 3, 2, "same"))
err("conv_groups_in", lambda: nn.Conv2d(3, 6, 3, groups=2))
err("convT_padding_mode", lambda: nn.ConvTranspose2d(3, 6, 3, padding_mode="reflect"))
err("conv1d_2d_input", lambda: F.conv1d(torch.zeros(3), torch.zeros(2, 3, 1)))
err("bn_train_one_value", lambda: nn.BatchNorm1d(3)(torch.zeros(1, 3)))
err("bn2d_dim", lambda: nn.BatchNorm2d(3)(torch.zeros(2, 3, 4)))
err("bn1d_dim", lambda: nn.BatchNorm1d(3)(torch.zeros(2, 3, 4, 5)))
err("bn_running_mean_size", lambda: F.batch_norm(torch.zeros(2, 3), torch.zeros(4), torch.ones(4)))
err("layernorm_shape", lambda: nn.LayerNorm(5)(torch.zeros(2, 3, 4)))
err("groupnorm_divisible", lambda: F.group_norm(torch.zeros(2, 3, 5, 5), 2))
err("groupnorm_ctor", lambda: nn.GroupNorm(2, 3))
err("dropout_p", lambda: nn.Dropout(1.5))
err("dropout1d_dims", lambda: F.dropout1d(torch.zeros(2, 3, 4, 5)))
err("embedding_index", lambda: nn.Embedding(4, 3)(torch.tensor([5])))
err("embedding_float_index", lambda: F.embedding(torch.tensor([1.0]), torch.zeros(4, 3)))
err("one_hot_too_small", lambda: F.one_hot(torch.tensor([5]), 3))
err("one_hot_dtype", lambda: F.one_hot(torch.tensor([1.0]), 3))
err("pad_odd", lambda: F.pad(torch.zeros(2, 3), [1, 2, 3]))
err("pad_reflect_too_big", lambda: F.pad(torch.zeros(1, 2, 3), [3, 3], mode="reflect"))
err("maxpool_output_small", lambda: F.max_pool2d(torch.zeros(1, 1, 2, 2), 3))
err("maxpool_pad_half", lambda: F.max_pool2d(torch.zeros(1, 1, 6, 6), 2, 2, 2))
err("prelu_mismatch", lambda: F.prelu(torch.zeros(2, 3, 4), torch.zeros(2)))
err("bilinear_size", lambda: F.bilinear(torch.zeros(2, 3), torch.zeros(2, 4), torch.zeros(5, 4, 4)))
err("hardtanh_minmax", lambda: F.hardtanh(torch.zeros(2), 1.0, -1.0))
err("interpolate_align_nearest", lambda: F.interpolate(torch.zeros(1, 1, 2, 2), scale_factor=2, align_corners=True))
err("interpolate_linear_4d", lambda: F.interpolate(torch.zeros(1, 1, 2, 2), scale_factor=2, mode="linear"))
err("interpolate_no_size", lambda: F.interpolate(torch.zeros(1, 1, 2, 2)))
err("pixel_shuffle_channels", lambda: F.pixel_shuffle(torch.zeros(1, 3, 2, 2), 2))
err("instancenorm_spatial", lambda: nn.InstanceNorm1d(3)(torch.zeros(2, 3, 1)))
err("instancenorm_dim", lambda: nn.InstanceNorm2d(3)(torch.zeros(2, 3)))
err("instancenorm_features", lambda: nn.InstanceNorm2d(3, affine=True)(torch.zeros(2, 4, 3, 3)))

# ---------------- seeded default initialisation (PyTorch's generator stream) ----------------
seeded = {}
for n, ctor in [("conv2d_3_4_3", lambda: nn.Conv2d(3, 4, 3)), ("conv1d_2_3_2_nobias", lambda: nn.Conv1d(2, 3, 2, bias=False)),
                ("convT2d_2_3_2", lambda: nn.ConvTranspose2d(2, 3, 2)), ("bilinear_2_3_2", lambda: nn.Bilinear(2, 3, 2)),
                ("embedding_4_3_pad1", lambda: nn.Embedding(4, 3, padding_idx=1))]:
    torch.manual_seed(7)
    m = ctor()
    seeded[n] = {k: spec(p) for k, p in m.named_parameters()}

reprs = {
    "lenet": repr(nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
                                nn.Flatten(), nn.Linear(256, 120), nn.Dropout(0.2), nn.Linear(120, 10), nn.LogSoftmax(dim=1))),
    "conv_full": repr(nn.Conv2d(4, 8, (3, 5), stride=(2, 1), padding=(1, 2), dilation=2, groups=2, bias=False, padding_mode="circular")),
    "conv_same": repr(nn.Conv1d(2, 3, 3, padding="same")),
    "convT_full": repr(nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1, output_padding=1, groups=2, dilation=1)),
    "bn_momentum_none": repr(nn.BatchNorm2d(3, momentum=None)),
    "layernorm_tuple": repr(nn.LayerNorm((3, 4), eps=1e-6, elementwise_affine=False)),
    "embedding_full": repr(nn.Embedding(10, 3, padding_idx=-1, max_norm=2.0, norm_type=1.0, scale_grad_by_freq=True, sparse=True)),
    "relu6_inplace": repr(nn.ReLU6(inplace=True)),
    "hardtanh_inplace": repr(nn.Hardtanh(inplace=True)),
    "adaptive_none": repr(nn.AdaptiveAvgPool2d((None, 7))),
    "softmax_none": repr(nn.Softmax()),
    "threshold_small": repr(nn.Threshold(1e-7, 0.0001)),
    "gelu_tanh": repr(nn.GELU("tanh")),
    "unflatten_list": repr(nn.Unflatten(1, (2, 2, 2))),
    "bn_nobias": repr(nn.BatchNorm2d(3, bias=False)),
    "gn_nobias": repr(nn.GroupNorm(2, 4, bias=False)),
    "maxpool_tuple": repr(nn.MaxPool2d((2, 3), stride=(1, 2), padding=(1, 0), ceil_mode=True)),
    "avgpool1d": repr(nn.AvgPool1d(3)),
    "avgpool3d": repr(nn.AvgPool3d(2, 1, 1)),
    "adaptive_max": repr(nn.AdaptiveMaxPool2d((3, 4), return_indices=True)),
    "prelu": repr(nn.PReLU(8)),
    "alpha_dropout": repr(nn.AlphaDropout(0.1)),
    "dropout2d_inplace": repr(nn.Dropout2d(0.25, inplace=True)),
    "leaky_inplace": repr(nn.LeakyReLU(0.2, inplace=True)),
    "celu": repr(nn.CELU(2.0)),
    "softplus": repr(nn.Softplus(0.5, 10.0)),
    "flatten": repr(nn.Flatten(0, -2)),
    "bilinear": repr(nn.Bilinear(2, 3, 4, bias=False)),
    "instancenorm": repr(nn.InstanceNorm2d(8)),
    "instancenorm_affine": repr(nn.InstanceNorm3d(4, affine=True, track_running_stats=True)),
    "zeropad": repr(nn.ZeroPad2d(2)),
    "constantpad": repr(nn.ConstantPad1d((1, 2), 0.5)),
    "reflectionpad": repr(nn.ReflectionPad2d((1, 0, 2, 3))),
    "upsample_scale": repr(nn.Upsample(scale_factor=2)),
    "upsample_size": repr(nn.Upsample(size=(3, 4), mode="bilinear")),
    "upsample_tuple_scale": repr(nn.Upsample(scale_factor=(2, 1.5), mode="nearest-exact")),
    "upsampling_nearest": repr(nn.UpsamplingNearest2d(size=8)),
    "pixelshuffle": repr(nn.PixelShuffle(3)),
}

meta = {"torch": torch.__version__}
for fam in ["conv", "pool", "act", "norm", "upsample", "fn"]:
    dump({**meta, "cases": cases[fam]}, os.path.join(HERE, f"layers_{fam}.json"))
dump({**meta, "cases": cases["misc"], "one_hot": one_hot, "errors": errors, "seeded": seeded, "reprs": reprs}, os.path.join(HERE, "layers_misc.json"))
for fam in ["conv", "pool", "act", "norm", "misc", "upsample", "fn"]:
    print(fam, len(cases[fam]), os.path.getsize(os.path.join(HERE, f"layers_{fam}.json")))

# ---------------- parameter names, to check the engine's positional tables (layers/signatures.ts) ----------------
import inspect  # noqa: E402


def from_doc(fn, name):
    """Builtins have no signature: their docstring's first line spells it, e.g. conv2d(input, weight, bias=None, ...)."""
    m = re.search(name + r"\(([^)]*)\)", fn.__doc__ or "")
    if not m:
        return None
    names = [a.split("=")[0].strip() for a in m.group(1).split(",") if a.strip()]
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


LAYER_NAMES = sorted({c["layer"] for fam in cases.values() for c in fam if "layer" in c} | {
    "Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d", "AdaptiveMaxPool3d", "FeatureAlphaDropout",
    "ZeroPad1d", "ZeroPad3d", "ConstantPad2d", "ReflectionPad3d", "ReplicationPad1d", "CircularPad3d", "UpsamplingNearest2d"})
FN_NAMES = ["relu", "relu6", "selu", "silu", "mish", "hardswish", "hardsigmoid", "threshold", "hardtanh", "leaky_relu", "elu", "celu",
            "gelu", "softplus", "prelu", "softmax", "log_softmax", "softmin", "softsign", "tanhshrink", "logsigmoid", "sigmoid", "tanh",
            "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "pad",
            "max_pool1d", "max_pool2d", "max_pool3d", "max_pool1d_with_indices", "max_pool2d_with_indices", "max_pool3d_with_indices",
            "avg_pool1d", "avg_pool2d", "avg_pool3d", "adaptive_avg_pool1d", "adaptive_avg_pool2d", "adaptive_avg_pool3d",
            "adaptive_max_pool1d", "adaptive_max_pool2d", "adaptive_max_pool3d", "batch_norm", "layer_norm", "group_norm", "instance_norm",
            "dropout", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout", "feature_alpha_dropout", "embedding", "one_hot",
            "linear", "bilinear", "normalize", "interpolate", "pixel_shuffle", "pixel_unshuffle"]
signatures = {
    "layers": {n: params_of(getattr(nn, n).__init__, True) for n in LAYER_NAMES},
    "functional": {n: params_of(getattr(F, n), False, n) for n in FN_NAMES},
}
with open(os.path.join(HERE, "layers_signatures.json"), "w") as f:
    json.dump({"torch": torch.__version__, **signatures}, f, indent=0)
