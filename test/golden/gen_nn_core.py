# Generates test/golden/nn_core.json: what real PyTorch prints and raises for the torch.nn core
# (Module reprs, traversal names, state_dict keys, load_state_dict and __setattr__ errors, hook
# gradients, seeded default initialisation), for test/engine/nn_*.test.ts.
# Run: ~/.cache/nnlens-ref/bin/python test/golden/gen_nn_core.py
import json
import os
from collections import OrderedDict

import torch
import torch.nn as nn

out = {"repr": {}, "names": {}, "errors": {}, "hooks": {}, "seeded": {}}


def err(name, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - we record whatever PyTorch raises
        out["errors"][name] = {"type": type(e).__name__, "message": str(e) if not isinstance(e, KeyError) else e.args[0]}
        return
    raise AssertionError(f"{name} did not raise")


# ---------------- reprs ----------------
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.proj = nn.Linear(4, 4, bias=False)


class Tower(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([Block() for _ in range(12)])
        self.head = nn.Linear(4, 2)


class Net(nn.Module):
    def __init__(self, in_dim, n_hidden_1, n_hidden_2, out_dim):
        super().__init__()
        self.layer = nn.Sequential(nn.Linear(in_dim, n_hidden_1), nn.Identity())
        self.layer2 = nn.Sequential(nn.Linear(n_hidden_1, n_hidden_2), nn.Identity())
        self.layer3 = nn.Linear(n_hidden_2, out_dim)

    def forward(self, x):
        return self.layer3(self.layer2(self.layer1(x)))


class MyModuleList(nn.Module):
    def __init__(self):
        super().__init__()
        self.list = [nn.Linear(3, 4), nn.Identity()]
        self.module_list = nn.ModuleList([nn.Linear(3, 3), nn.Identity()])


class Extra(nn.Module):
    def __init__(self, text, child):
        super().__init__()
        self.text = text
        if child:
            self.child = nn.Linear(1, 1)

    def extra_repr(self):
        return self.text


class WithBuffers(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.register_buffer("running", torch.zeros(2))
        self.register_buffer("scratch", torch.zeros(2), persistent=False)
        self.scale = nn.Parameter(torch.ones(1))


l = nn.Linear(2, 2)
seq_ll = nn.Sequential(l, l)
out["repr"]["seq_ll"] = repr(seq_ll)
out["repr"]["linear"] = repr(nn.Linear(2, 2))
out["repr"]["linear_nobias"] = repr(nn.Linear(3, 5, bias=False))
out["repr"]["identity"] = repr(nn.Identity())
out["repr"]["module"] = repr(nn.Module())
out["repr"]["net"] = repr(Net(4, 8, 6, 2))
out["repr"]["seq_ordered"] = repr(nn.Sequential(OrderedDict([("conv", nn.Linear(3, 3)), ("act", nn.Identity())])))
net1 = nn.Sequential()
net1.add_module("fc", nn.Linear(3, 3))
net1.add_module("activation_layer", nn.Identity())
out["repr"]["seq_add_module"] = repr(net1)
out["repr"]["tower"] = repr(Tower())
out["repr"]["modulelist_mixed"] = repr(nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 2), nn.Identity(), nn.Linear(2, 2), nn.Linear(2, 3)]))
out["repr"]["modulelist_empty"] = repr(nn.ModuleList())
out["repr"]["modulelist_same"] = repr(nn.Sequential(nn.ModuleList([l, l, l]), nn.Identity()))
out["repr"]["moduledict"] = repr(nn.ModuleDict({"a": nn.Linear(1, 2), "b": nn.Identity()}))
out["repr"]["paramlist"] = repr(nn.ParameterList([nn.Parameter(torch.zeros(3)), torch.zeros(2, 4, dtype=torch.float64)]))
out["repr"]["paramdict"] = repr(nn.ParameterDict({"w": nn.Parameter(torch.zeros(2, 3)), "b": torch.zeros(3)}))
out["repr"]["plainlist"] = repr(MyModuleList())
out["repr"]["extra_multiline"] = repr(Extra("a=1\nb=2", False))
out["repr"]["extra_with_child"] = repr(Extra("x=1", True))
out["repr"]["with_buffers"] = repr(WithBuffers())
seq_slice = nn.Sequential(nn.Linear(1, 2), nn.Linear(2, 3), nn.Linear(3, 4), nn.Linear(4, 5))
out["repr"]["seq_slice"] = repr(seq_slice[1:3])
out["repr"]["seq_slice_neg"] = repr(seq_slice[::-2])
seq_ins = nn.Sequential(nn.Linear(1, 2), nn.Linear(2, 3))
seq_ins.insert(0, nn.Linear(3, 4))
seq_ins.append(nn.Identity())
out["repr"]["seq_insert_append"] = repr(seq_ins)
seq_del = nn.Sequential(nn.Linear(1, 2), nn.Linear(2, 3), nn.Linear(3, 4))
del seq_del[0]
out["repr"]["seq_del"] = repr(seq_del)
out["repr"]["seq_add"] = repr(nn.Sequential(nn.Linear(1, 2)) + nn.Sequential(nn.Identity()))
out["repr"]["seq_mul"] = repr(nn.Sequential(nn.Linear(1, 2), nn.Identity()) * 2)

# ---------------- names ----------------
net = Net(4, 8, 6, 2)
out["names"]["net_named_modules"] = [n for n, _ in net.named_modules()]
out["names"]["net_named_children"] = [n for n, _ in net.named_children()]
out["names"]["net_named_parameters"] = [n for n, _ in net.named_parameters()]
out["names"]["net_state_dict"] = list(net.state_dict().keys())
out["names"]["seq_ll_named_modules"] = [n for n, _ in seq_ll.named_modules()]
out["names"]["seq_ll_named_modules_dup"] = [n for n, _ in seq_ll.named_modules(remove_duplicate=False)]
out["names"]["seq_ll_named_parameters"] = [n for n, _ in seq_ll.named_parameters()]
out["names"]["seq_ll_named_parameters_dup"] = [n for n, _ in seq_ll.named_parameters(remove_duplicate=False)]
out["names"]["seq_ll_state_dict"] = list(seq_ll.state_dict().keys())
out["names"]["plainlist_named_parameters"] = [n for n, _ in MyModuleList().named_parameters()]
wb = WithBuffers()
out["names"]["wb_state_dict"] = list(wb.state_dict().keys())
out["names"]["wb_named_buffers"] = [n for n, _ in wb.named_buffers()]
out["names"]["wb_named_parameters"] = [n for n, _ in wb.named_parameters()]
out["names"]["wb_named_parameters_prefix_norecurse"] = [n for n, _ in wb.named_parameters(prefix="model", recurse=False)]
out["names"]["tower_dir_has"] = [k for k in ["blocks", "head", "forward", "training", "state_dict"] if k in dir(Tower())]
calls = []
Net(4, 8, 6, 2).apply(lambda m: calls.append(type(m).__name__))
out["names"]["apply_order"] = calls
out["names"]["incompatible_ok"] = str(nn.Linear(2, 2).load_state_dict(nn.Linear(2, 2).state_dict()))
res = nn.Sequential(nn.Linear(2, 2)).load_state_dict({"0.weight": torch.zeros(2, 2), "extra": torch.zeros(1)}, strict=False)
out["names"]["incompatible_partial"] = {"missing": res.missing_keys, "unexpected": res.unexpected_keys, "str": str(res)}

# ---------------- errors ----------------
err("size_mismatch", lambda: nn.Linear(2, 2).load_state_dict({"weight": torch.zeros(3, 2), "bias": torch.zeros(2)}))
err("missing_unexpected", lambda: nn.Sequential(nn.Linear(2, 2)).load_state_dict(
    {"0.weight": torch.zeros(2, 2), "extra": torch.zeros(1), "1.bias": torch.zeros(2)}))
err("missing_and_size", lambda: nn.Sequential(nn.Linear(2, 2)).load_state_dict({"0.weight": torch.zeros(1, 2)}))
err("not_a_tensor", lambda: nn.Linear(2, 2).load_state_dict({"weight": 3, "bias": torch.zeros(2)}))
err("not_a_dict", lambda: nn.Linear(2, 2).load_state_dict([1, 2]))


def assign_tensor_to_param():
    m = nn.Linear(2, 2)
    m.weight = torch.zeros(2, 2)


err("assign_tensor_to_param", assign_tensor_to_param)


def assign_int_to_module():
    m = nn.Sequential(nn.Linear(1, 1))
    setattr(m, "0", 5)


err("assign_int_to_module", assign_int_to_module)


def assign_list_to_buffer():
    m = WithBuffers()
    m.running = [1, 2]


err("assign_list_to_buffer", assign_list_to_buffer)


class NoInit(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(1, 1)


class NoInitParam(nn.Module):
    def __init__(self):
        self.w = nn.Parameter(torch.zeros(1))


err("module_before_init", NoInit)
err("param_before_init", NoInitParam)
err("missing_attr", lambda: Net(4, 8, 6, 2)(torch.zeros(1, 4)))
err("delattr_missing", lambda: delattr(nn.Linear(1, 1), "nope"))
err("buffer_dot", lambda: nn.Module().register_buffer("a.b", torch.zeros(1)))
err("buffer_empty", lambda: nn.Module().register_buffer("", torch.zeros(1)))
err("buffer_exists", lambda: nn.Module().register_buffer("training", torch.zeros(1)))
err("buffer_not_tensor", lambda: nn.Module().register_buffer("x", 3))
err("param_not_param", lambda: nn.Module().register_parameter("x", torch.zeros(1)))
err("param_non_leaf", lambda: nn.Module().register_parameter("x", nn.Parameter(torch.zeros(1)) * 2))
err("module_not_module", lambda: nn.Module().add_module("x", 3))
err("module_dot", lambda: nn.Module().add_module("a.b", nn.Identity()))
err("module_exists", lambda: nn.Linear(1, 1).add_module("weight", nn.Identity()))
err("to_int", lambda: nn.Linear(1, 1).to(torch.long))
err("forward_missing", lambda: nn.Module()(1))
err("get_submodule_missing", lambda: Net(4, 8, 6, 2).get_submodule("layer.5"))
err("get_submodule_not_module", lambda: Net(4, 8, 6, 2).get_submodule("layer3.weight"))
err("get_parameter_not_param", lambda: Net(4, 8, 6, 2).get_parameter("layer"))
err("get_buffer_not_buffer", lambda: WithBuffers().get_buffer("fc.weight"))
err("seq_index", lambda: nn.Sequential(nn.Identity())[3])
err("modulelist_index", lambda: nn.ModuleList([nn.Identity()])[-2])
err("paramlist_call", lambda: nn.ParameterList()())
err("seq_add_bad", lambda: nn.Sequential() + nn.ModuleList())
err("fan_1d", lambda: nn.init._calculate_fan_in_and_fan_out(torch.zeros(3)))
err("gain_bad", lambda: nn.init.calculate_gain("swish"))
err("fan_mode_bad", lambda: nn.init.kaiming_uniform_(torch.zeros(2, 2), mode="fan_avg"))
err("eye_3d", lambda: nn.init.eye_(torch.zeros(2, 2, 2)))
err("dirac_2d", lambda: nn.init.dirac_(torch.zeros(2, 2)))
err("dirac_groups", lambda: nn.init.dirac_(torch.zeros(3, 2, 3), groups=2))
err("orthogonal_1d", lambda: nn.init.orthogonal_(torch.zeros(3)))
err("pre_hook_bad_kwargs", lambda: (lambda m: (m.register_forward_pre_hook(lambda mod, a, k: 5, with_kwargs=True), m(torch.zeros(1, 1))))(nn.Linear(1, 1)))


def bad_backward_hook():
    m = nn.Linear(2, 2)
    m.register_full_backward_hook(lambda mod, gi, go: (gi[0], gi[0]))
    m(torch.ones(1, 2, requires_grad=True)).sum().backward()


err("backward_hook_count", bad_backward_hook)


def mixed_hooks():
    m = nn.Linear(2, 2)
    m.register_backward_hook(lambda *a: None)
    m.register_full_backward_hook(lambda *a: None)


err("mixed_backward_hooks", mixed_hooks)
out["gains"] = {k: nn.init.calculate_gain(k) for k in ["linear", "conv2d", "sigmoid", "tanh", "relu", "leaky_relu", "selu"]}
out["gains"]["leaky_relu_0.2"] = nn.init.calculate_gain("leaky_relu", 0.2)
out["fans"] = {"conv": nn.init._calculate_fan_in_and_fan_out(torch.zeros(8, 3, 5, 5)), "linear": nn.init._calculate_fan_in_and_fan_out(torch.zeros(7, 4))}

# ---------------- hooks with real gradients ----------------
W = [[0.5, -1.0, 0.25], [1.5, 0.75, -0.5]]
B = [0.1, -0.2]
X = [[1.0, 2.0, -1.0], [0.5, -0.5, 3.0], [-2.0, 1.0, 0.0], [0.25, 0.75, -1.5]]
C = [[1.0, -2.0], [0.5, 3.0], [-1.0, 1.0], [2.0, 0.5]]


def lin():
    m = nn.Linear(3, 2)
    with torch.no_grad():
        m.weight.copy_(torch.tensor(W))
        m.bias.copy_(torch.tensor(B))
    return m


def run(scale_in=None, scale_out=None, x_requires_grad=True):
    m = lin()
    seen = {}

    def bhook(mod, gi, go):
        seen["grad_input"] = [None if g is None else g.tolist() for g in gi]
        seen["grad_output"] = [None if g is None else g.tolist() for g in go]
        if scale_in is not None:
            return tuple(None if g is None else g * scale_in for g in gi)

    def bpre(mod, go):
        seen["pre_grad_output"] = [None if g is None else g.tolist() for g in go]
        if scale_out is not None:
            return tuple(g * scale_out for g in go)

    m.register_full_backward_hook(bhook)
    m.register_full_backward_pre_hook(bpre)
    x = torch.tensor(X, requires_grad=x_requires_grad)
    y = m(x)
    seen["y_grad_fn"] = y.grad_fn.name()
    (y * torch.tensor(C)).sum().backward()
    seen["x_grad"] = None if x.grad is None else x.grad.tolist()
    seen["weight_grad"] = m.weight.grad.tolist()
    seen["bias_grad"] = m.bias.grad.tolist()
    return seen


out["hooks"]["inputs"] = {"W": W, "B": B, "X": X, "C": C}
out["hooks"]["plain"] = run()
out["hooks"]["scale_in"] = run(scale_in=2.0)
out["hooks"]["scale_out"] = run(scale_out=3.0)
out["hooks"]["no_input_grad"] = run(x_requires_grad=False)

# ---------------- seeded default init (same generator stream) ----------------
torch.manual_seed(0)
m = nn.Linear(3, 2)
out["seeded"]["linear_3_2"] = {"weight": m.weight.tolist(), "bias": m.bias.tolist()}
torch.manual_seed(1)
t = torch.empty(3, 4)
nn.init.kaiming_normal_(t, mode="fan_out", nonlinearity="relu")
out["seeded"]["kaiming_normal_3_4"] = t.tolist()
torch.manual_seed(2)
t = torch.empty(2, 5)
nn.init.xavier_uniform_(t, gain=nn.init.calculate_gain("tanh"))
out["seeded"]["xavier_uniform_2_5"] = t.tolist()
torch.manual_seed(3)
t = torch.empty(4, 3)
nn.init.orthogonal_(t)
out["seeded"]["orthogonal_4_3"] = t.tolist()
torch.manual_seed(3)
t = torch.empty(2, 6)
nn.init.orthogonal_(t, gain=2.0)
out["seeded"]["orthogonal_2_6"] = t.tolist()
torch.manual_seed(4)
t = torch.empty(50)
nn.init.trunc_normal_(t, std=0.02)
out["seeded"]["trunc_normal_50"] = t.tolist()
torch.manual_seed(5)
t = torch.empty(20)
nn.init.trunc_normal_(t, mean=0.0, std=1.0, a=2.0, b=3.0)
out["seeded"]["trunc_normal_tail_20"] = t.tolist()
t = torch.empty(4, 2, 3)
nn.init.dirac_(t, groups=2)
out["seeded"]["dirac_4_2_3_g2"] = t.tolist()
t = torch.empty(2, 3)
nn.init.eye_(t)
out["seeded"]["eye_2_3"] = t.tolist()

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nn_core.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path, os.path.getsize(path), "bytes")
