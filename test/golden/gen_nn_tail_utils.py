# Generates test/golden/nn_tail_utils.json: PyTorch's nn.utils.parametrize / parametrizations
# (weight_norm, spectral_norm), the deprecated hook forms (nn.utils.weight_norm / spectral_norm) and
# nn.utils.prune — state_dict keys, reprs, values, gradients, power-iteration buffers, and errors.
# Run: ~/.cache/nnlens-ref/bin/python test/golden/gen_nn_tail_utils.py
import json
import os
import warnings

import torch
import torch.nn as nn
import torch.nn.utils.parametrize as P
import torch.nn.utils.prune as prune
from torch.nn.utils import parametrizations

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_num_threads(1)
warnings.simplefilter("ignore")


def t(x):
    return {"shape": list(x.shape), "dtype": str(x.dtype).replace("torch.", ""), "data": x.detach().reshape(-1).tolist()}


def base(ctor, seed):
    torch.manual_seed(seed)
    m = ctor()
    return m, {"params": {n: t(p) for n, p in m.named_parameters()}}


def run(m, rec, x_shape, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(*x_shape, generator=g)
    y = m(x)
    up = torch.randn(y.shape, generator=g)
    y.backward(up)
    rec["steps"] = rec.get("steps", []) + [{
        "mode": "train" if m.training else "eval", "x": t(x), "y": t(y), "up": t(up),
        "grads": {n: t(p.grad) for n, p in m.named_parameters() if p.grad is not None},
        "buffers": {n: t(b) for n, b in m.named_buffers()},
    }]
    m.zero_grad(set_to_none=True)


def snapshot(m, rec, key="after"):
    rec[key] = {"repr": repr(m), "keys": list(m.state_dict().keys()),
                "params": {n: t(p) for n, p in m.named_parameters()},
                "buffers": {n: t(b) for n, b in m.named_buffers()}}


class Symmetric(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(-1, -2)


cases = {}

m, r = base(lambda: nn.Linear(3, 4), 0)
parametrizations.weight_norm(m)
snapshot(m, r)
r["weight"] = t(m.weight)
r["weight_grad_fn"] = m.weight.grad_fn.name()
run(m, r, [2, 3], 1)
P.remove_parametrizations(m, "weight")
snapshot(m, r, "removed")
cases["weight_norm_linear"] = r

m, r = base(lambda: nn.Conv1d(2, 3, 2), 1)
parametrizations.weight_norm(m, dim=1)
snapshot(m, r)
r["weight_grad_fn"] = m.weight.grad_fn.name()
run(m, r, [1, 2, 4], 2)
cases["weight_norm_conv_dim1"] = r

m, r = base(lambda: nn.Linear(4, 3), 2)
torch.manual_seed(5)
parametrizations.spectral_norm(m)
snapshot(m, r)
run(m, r, [2, 4], 3)
run(m, r, [2, 4], 4)
m.eval()
run(m, r, [2, 4], 5)
cases["spectral_norm_linear"] = r

m, r = base(lambda: nn.ConvTranspose2d(2, 3, 2), 3)
torch.manual_seed(6)
parametrizations.spectral_norm(m)
snapshot(m, r)
run(m, r, [1, 2, 2, 2], 6)
cases["spectral_norm_convT"] = r

m, r = base(lambda: nn.Linear(3, 3), 4)
P.register_parametrization(m, "weight", Symmetric())
snapshot(m, r)
r["weight"] = t(m.weight)
r["is_parametrized"] = [P.is_parametrized(m), P.is_parametrized(m, "weight"), P.is_parametrized(m, "bias")]
run(m, r, [2, 3], 7)
P.remove_parametrizations(m, "weight", leave_parametrized=False)
snapshot(m, r, "removed")
cases["symmetric"] = r

m, r = base(lambda: nn.Linear(3, 4), 5)
nn.utils.weight_norm(m)
snapshot(m, r)
run(m, r, [2, 3], 8)
nn.utils.remove_weight_norm(m)
snapshot(m, r, "removed")
cases["legacy_weight_norm"] = r

m, r = base(lambda: nn.Linear(4, 3), 6)
torch.manual_seed(9)
nn.utils.spectral_norm(m)
snapshot(m, r)
run(m, r, [2, 4], 9)
m.eval()
run(m, r, [2, 4], 10)
nn.utils.remove_spectral_norm(m)
snapshot(m, r, "removed")
cases["legacy_spectral_norm"] = r

m, r = base(lambda: nn.Linear(5, 4), 7)
prune.l1_unstructured(m, "weight", amount=0.3)
snapshot(m, r)
prune.l1_unstructured(m, "weight", amount=3)
snapshot(m, r, "again")
r["is_pruned"] = prune.is_pruned(m)
run(m, r, [2, 5], 11)
prune.remove(m, "weight")
snapshot(m, r, "removed")
r["is_pruned_after"] = prune.is_pruned(m)
cases["prune_l1"] = r

m, r = base(lambda: nn.Linear(4, 3), 8)
torch.manual_seed(12)
prune.random_unstructured(m, "bias", amount=0.5)
torch.manual_seed(13)
prune.random_unstructured(m, "weight", amount=0.25)
snapshot(m, r)
run(m, r, [2, 4], 12)
cases["prune_random"] = r

errors = {}


def err(name, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        errors[name] = {"type": type(e).__name__, "message": str(e)}
        return
    raise AssertionError(name)


err("remove_not_parametrized", lambda: P.remove_parametrizations(nn.Linear(2, 2), "weight"))
err("register_missing", lambda: P.register_parametrization(nn.Linear(2, 2), "foo", Symmetric()))
err("prune_remove_unpruned", lambda: prune.remove(nn.Linear(2, 2), "weight"))
err("prune_amount", lambda: prune.l1_unstructured(nn.Linear(2, 2), "weight", amount=1.5))
err("prune_amount_count", lambda: prune.l1_unstructured(nn.Linear(2, 2), "weight", amount=5))
lw = nn.utils.weight_norm(nn.Linear(2, 2))
err("legacy_weight_norm_twice", lambda: nn.utils.weight_norm(lw))
err("remove_weight_norm_missing", lambda: nn.utils.remove_weight_norm(nn.Linear(2, 2)))

with open(os.path.join(HERE, "nn_tail_utils.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases, "errors": errors}, f, separators=(",", ":"))
print(len(cases), "cases", os.path.getsize(os.path.join(HERE, "nn_tail_utils.json")), "bytes")
