# Generates test/golden/print.json: repr() of ~80 tensors from real PyTorch, for test/engine/print.test.ts.
# Values are given explicitly (or by an exact integer formula) so the test needs no identical RNG.
# Run: ~/.cache/nnlens-ref/bin/python test/golden/gen_print.py
import json
import math
import os

import torch

DT = {
    "float32": torch.float32, "float64": torch.float64, "float16": torch.float16, "bfloat16": torch.bfloat16,
    "int64": torch.int64, "int32": torch.int32, "int16": torch.int16, "int8": torch.int8, "uint8": torch.uint8,
    "bool": torch.bool,
}


def enc(v):
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def gen_values(g, n):
    # value_i = ((i*a + b) % m - c) / d: integer arithmetic then one correctly rounded division,
    # so JS computes the same doubles.
    a, b, m, c, d = g
    return [((i * a + b) % m - c) / d for i in range(n)]


cases = []


def case(name, values=None, shape=None, dtype="float32", gen=None, op=None, requires_grad=False,
         meta=False, param=False, opts=None):
    if shape is None:
        shape = [len(values)]
    n = math.prod(shape)
    vals = gen_values(gen, n) if gen is not None else values
    if opts:
        torch.set_printoptions(**opts)
    try:
        if meta:
            t = torch.empty(shape, dtype=DT[dtype], device="meta")
        else:
            t = torch.tensor(vals, dtype=DT[dtype]).reshape(shape)
        if param:
            t = torch.nn.Parameter(t, requires_grad=requires_grad)
        elif requires_grad or op:
            t.requires_grad_(True)
        if op == "add1":
            t = t + 1
        elif op == "mul2":
            t = t * 2
        elif op == "sum":
            t = t.sum()
        elif op == "relu":
            t = t.relu()
        elif op == "neg":
            t = -t
        elif op == "view":
            t = t.view(-1)
        elif op == "exp":
            t = t.exp()
        elif op is not None:
            raise ValueError(op)
        expected = repr(t)
    finally:
        torch.set_printoptions(profile="default")
    c = {"name": name, "shape": shape, "dtype": dtype, "expected": expected}
    if gen is not None:
        c["gen"] = gen
    elif not meta:
        c["values"] = [enc(float(v)) if dtype in ("float32", "float64", "float16", "bfloat16") else v for v in vals]
    for k, v in (("op", op), ("requires_grad", requires_grad), ("meta", meta), ("param", param), ("opts", opts)):
        if v:
            c[k] = v
    cases.append(c)


# --- small floats
case("small_2x2", [0.1913, -0.3420, 1.5, 2.25], [2, 2])
case("vector", [0.5, -1.25, 3.0, 4.125])
case("scalar", [3.5], [])
case("scalar_int_float", [2.0], [])
case("scalar_neg", [-0.0001234], [])
case("scalar_big", [1e10], [])
case("int_valued", [1.0, 2.0, -3.0])
case("int_valued_2d", [1.0, 0.0, -10.0, 100.0], [2, 2])
case("zeros", [0.0, 0.0, 0.0])
case("neg_zero", [-0.0, 0.0, 1.0])
case("neg_zero_frac", [-0.0, 0.5])
case("nan_inf", [float("nan"), float("inf"), -float("inf"), 1.5])
case("nan_only", [float("nan")], [])
case("inf_int_mode", [float("inf"), 1.0, 2.0])
case("all_nan", [float("nan"), float("nan")])
case("tie_round", [0.03125, 0.09375, 2.5])
case("precise", [1.23456789, 9.87654321, -0.00012])
case("sci_big", [1e10, 1.0, 2.0])
case("sci_small", [1e-5, 1.0])
case("sci_ratio", [0.5, 1000.5])
case("no_sci_ratio", [1.0, 999.0])
case("sci_int", [1e9, 3.0])
case("sci_negative", [-1.5e-7, 2.5e3, 3.0])
case("sci_nan", [1e-8, float("nan"), 1.0])
case("big_no_sci", [12345678.0, 0.5, 1.0])
case("tiny_sci", [1e-30, 1e-20])
case("max_float", [3.4e38, -1.0])
# --- wrapping
case("wrap_long", gen=[37, 11, 200, 100, 7], shape=[30])
case("wrap_int_valued", gen=[7, 3, 50, 25, 1], shape=[40])
case("wrap_2d", gen=[13, 5, 97, 48, 9], shape=[3, 15])
case("wrap_sci", gen=[31, 7, 1000, 3, 0.0001], shape=[20])
case("wrap_3d", gen=[17, 1, 101, 50, 3], shape=[2, 3, 12])
# --- summarised
case("summ_1d", gen=[37, 11, 200, 100, 7], shape=[2000])
case("summ_1d_exact_threshold", gen=[37, 11, 200, 100, 7], shape=[1000])
case("summ_1d_1001", gen=[37, 11, 200, 100, 7], shape=[1001])
case("summ_2d", gen=[37, 11, 200, 100, 7], shape=[100, 50])
case("summ_2d_narrow", gen=[37, 11, 200, 100, 7], shape=[500, 4])
case("summ_2d_wide", gen=[37, 11, 200, 100, 7], shape=[4, 500])
case("summ_3d", gen=[37, 11, 200, 100, 7], shape=[20, 10, 10])
case("summ_4d", gen=[41, 3, 300, 150, 11], shape=[4, 5, 8, 9])
case("summ_int", gen=[37, 11, 2000, 1000, 1], shape=[50, 50], dtype="int64")
case("summ_sci", gen=[37, 11, 200000, 3, 0.001], shape=[40, 40])
# --- integers and bools
case("int64", [1, -2, 3, 400], dtype="int64")
case("int64_2d", [1, -20, 300, 4], [2, 2], dtype="int64")
case("int32", [1, 2, 3], dtype="int32")
case("int16", [-7, 8], dtype="int16")
case("int8", [-128, 127], dtype="int8")
case("uint8", [0, 255, 3], dtype="uint8")
case("int_scalar", [42], [], dtype="int64")
case("int32_scalar", [42], [], dtype="int32")
case("int_big", [2**40, -5], dtype="int64")
case("int_wrap", list(range(-30, 30)), dtype="int64")
case("bool", [True, False, True], dtype="bool")
case("bool_2d", [True, False, False, True], [2, 2], dtype="bool")
case("bool_scalar", [False], [], dtype="bool")
# --- float64 / half
case("float64", [0.5, 1.25, -2.0], dtype="float64")
case("float64_int_valued", [1.0, 2.0], dtype="float64")
case("float64_scalar", [3.14159], [], dtype="float64")
case("float64_2d_sci", [1e-10, 5.0, 3.0, 7.0], [2, 2], dtype="float64")
case("float16", [0.5, 1.5, -2.0], dtype="float16")
case("bfloat16", [1.0, 2.0, -4.0], dtype="bfloat16")
case("float16_rounding", [0.19133, -0.34203, -0.51126, -0.23245], [2, 2], dtype="float16")
case("float16_big", [65504.0, 1e-7, 3.14159, 1000.3], dtype="float16")
case("bfloat16_rounding", [0.19133, 1.2345, 300.7, -7.77e-3], dtype="bfloat16")
# --- autograd suffixes
case("requires_grad", [0.5, 1.5], requires_grad=True)
case("requires_grad_2d", [0.5, 1.5, 2.5, 3.5], [2, 2], requires_grad=True)
case("grad_add", [0.25, 1.5], op="add1")
case("grad_mul", [1.0, 2.0], [1, 2], op="mul2")
case("grad_sum", [1.0, 2.0, 3.0], op="sum")
case("grad_relu", [-1.0, 2.5], op="relu")
case("grad_neg", [1.0, -2.0], op="neg")
case("grad_view", [1.5, 2.5, 3.5, 4.5], [2, 2], op="view")
case("grad_float64", [0.5, 1.5], dtype="float64", op="mul2")
case("grad_wrap", gen=[37, 11, 200, 100, 7], shape=[8, 8], op="add1")
case("grad_suffix_wrap", gen=[37, 11, 200, 100, 7], shape=[9], op="mul2")
case("grad_suffix_newline", gen=[37, 11, 200, 100, 7], shape=[8], dtype="float64", op="mul2")
# --- meta
case("meta_2x3", shape=[2, 3], meta=True)
case("meta_scalar", shape=[], meta=True)
case("meta_1d", shape=[5], meta=True)
case("meta_int64", shape=[4], dtype="int64", meta=True)
case("meta_float64", shape=[2, 2], dtype="float64", meta=True)
case("meta_requires_grad", shape=[3], meta=True, requires_grad=True)
# --- Parameter
case("param", [0.5, -1.5, 2.0, 3.0], [2, 2], param=True, requires_grad=True)
case("param_frozen", [0.5, -1.5], param=True)
case("param_meta", shape=[2, 3], meta=True, param=True, requires_grad=True)
# --- empty
case("empty_1d", [], [0])
case("empty_2d", [], [0, 3])
case("empty_3d", [], [2, 0, 4])
case("empty_int", [], [0], dtype="int64")
case("empty_float64", [], [0, 2], dtype="float64")
case("empty_bool", [], [0], dtype="bool")
case("empty_requires_grad", [], [0], requires_grad=True)
# --- print options
case("opt_precision2", [1.23456, 2.5], opts={"precision": 2})
case("opt_precision8", [1.23456789012, 2.5], opts={"precision": 8}, dtype="float64")
case("opt_sci_true", [1.5, 2.5], opts={"sci_mode": True})
case("opt_sci_false", [1e-8, 1.0], opts={"sci_mode": False})
case("opt_threshold", list(range(20)), dtype="int64", opts={"threshold": 5})
case("opt_edgeitems", gen=[37, 11, 200, 100, 7], shape=[20], opts={"threshold": 5, "edgeitems": 1})
case("opt_edgeitems0", gen=[37, 11, 200, 100, 7], shape=[20], opts={"threshold": 5, "edgeitems": 0})
case("opt_edgeitems0_2d", gen=[37, 11, 200, 100, 7], shape=[4, 5], opts={"threshold": 5, "edgeitems": 0})
case("opt_linewidth", gen=[37, 11, 200, 100, 7], shape=[12], opts={"linewidth": 40})
case("opt_linewidth_grad", gen=[37, 11, 200, 100, 7], shape=[5], opts={"linewidth": 50}, op="add1")
case("opt_short", gen=[37, 11, 200, 100, 7], shape=[10], opts={"profile": "short", "threshold": 5})

sizes = [{"shape": s, "expected": repr(torch.Size(s))} for s in ([2, 3], [], [5], [1, 2, 3, 4])]
out = {"torch": torch.__version__, "cases": cases, "sizes": sizes}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "print.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print(f"wrote {len(cases)} cases to {path}")
