# Generates test/golden/inspect.json with real PyTorch: for each model file of examples/ and
# test/models, the model built from the same expression and inputs the inspector test uses, then
# parameters, buffers, every module call's input/output shapes (forward hooks), the output, repr,
# and the FLOPs torch.utils.flop_counter counts (MACs = FLOPs / 2).
# Run: ~/.cache/nnlens-ref/bin/python test/golden/gen_inspect.py
import json
import os
import runpy
import sys

import torch
from torch.utils.flop_counter import FlopCounterMode

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# file, model expression, inputs: (spec list | python expression), the same strings the TS test passes.
CASES = [
    {"file": "examples/lenet.py", "model": "LeNet()", "inputs": ["1,1,32,32"]},
    {"file": "examples/resnet.py", "model": "ResNet18()", "inputs": ["1,3,32,32"]},
    {"file": "examples/lstm_lm.py", "model": "LSTMLanguageModel()",
     "inputs_expr": "(torch.randint(0, 1000, (35, 20)), model.init_hidden(20))"},
    {"file": "examples/gpt.py", "model": "GPT(GPTConfig(n_layer=2))", "inputs": ["2,64:int64:0..512"]},
    {"file": "test/models/tied_buffers.py", "model": "TiedNet()", "inputs": ["2,8:int64:0..50"]},
    {"file": "test/models/multi_call.py", "model": "make_model()", "inputs": ["4,12", "4,12"]},
    {"file": "test/models/plain_list.py", "model": "ListMLP()", "inputs": ["3,20"]},
    {"file": "test/models/attention.py", "model": "ConvAttn()", "inputs": ["2,8,16"]},
    {"file": "test/models/prints.py", "model": "Printer()", "inputs": ["2,6"]},
    {"file": "test/models/mha.py", "model": "MHABlock()", "inputs": ["2,10,32"]},
]


def spec_tensor(spec):
    parts = spec.split(":")
    shape = [int(d) for d in parts[0].split(",")]
    dtype = getattr(torch, parts[1]) if len(parts) > 1 else torch.float32
    if dtype.is_floating_point:
        return torch.randn(shape, dtype=dtype)
    low, high = (int(x) for x in parts[2].split("..")) if len(parts) > 2 else (0, 10)
    return torch.randint(low, high, shape, dtype=dtype)


def tree(v):
    if isinstance(v, torch.Tensor):
        return {"shape": list(v.shape), "dtype": str(v.dtype).replace("torch.", "")}
    if isinstance(v, (tuple, list)):
        return [tree(x) for x in v]
    if isinstance(v, dict):
        return {str(k): tree(x) for k, x in v.items()}
    if v is None:
        return None
    if isinstance(v, (int, float, bool)):
        return v
    return None


def run_case(case):
    torch.manual_seed(0)
    ns = runpy.run_path(os.path.join(ROOT, case["file"]), run_name="__nnlens_fixture__")
    model = eval(case["model"], ns)
    model.eval()
    ns["model"] = model
    if "inputs_expr" in case:
        args = eval(case["inputs_expr"], ns)
        args = args if isinstance(args, tuple) else (args,)
    else:
        args = tuple(spec_tensor(s) for s in case["inputs"])
    names = {m: n for n, m in model.named_modules()}
    calls = {n: [] for n in names.values()}

    def hook(m, inp, out):
        if m in names:
            calls[names[m]].append({"inputs": [tree(x) for x in inp], "output": tree(out)})

    handles = [m.register_forward_hook(hook) for m in names]
    with torch.no_grad(), FlopCounterMode(display=False) as fc:
        out = model(*args)
    for h in handles:
        h.remove()
    seen = {}
    params = []
    for n, p in model.named_parameters(remove_duplicate=False):
        params.append({"name": n, "shape": list(p.shape), "dtype": str(p.dtype).replace("torch.", ""),
                       "requires_grad": p.requires_grad, "shared_with": seen.get(id(p))})
        seen.setdefault(id(p), n)
    buffers = []
    for mn, m in model.named_modules():
        for bn, b in m._buffers.items():
            if b is None:
                continue
            buffers.append({"name": (mn + "." if mn else "") + bn, "shape": list(b.shape),
                            "dtype": str(b.dtype).replace("torch.", ""),
                            "persistent": bn not in m._non_persistent_buffers_set})
    modules = [{"name": n, "type": type(m).__name__, "calls": calls[n],
                "params": sum(p.numel() for p in m.parameters())} for n, m in model.named_modules()]
    unique = {id(p): p for p in model.parameters()}
    return {
        **case,
        "class": type(model).__name__,
        "output": tree(out),
        "modules": modules,
        "parameters": params,
        "buffers": buffers,
        "totals": {
            "params": sum(p.numel() for p in unique.values()),
            "trainable_params": sum(p.numel() for p in unique.values() if p.requires_grad),
            "buffers": sum(b.numel() for b in model.buffers()),
        },
        "flops": fc.get_total_flops(),
        "repr": repr(model),
    }


def main():
    out = {"torch": torch.__version__, "cases": [run_case(c) for c in CASES]}
    path = os.path.join(ROOT, "test", "golden", "inspect.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {path}: {len(out['cases'])} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
