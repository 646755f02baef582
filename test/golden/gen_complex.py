# Generates test/golden/complex.json for test/engine/complex.test.ts: complex64 just as RoPE uses it
# (view_as_complex / view_as_real / polar / complex / complex mul), with values, input gradients,
# reprs and errors from real PyTorch. Run: ~/.cache/nnlens-ref/bin/python test/golden/gen_complex.py
import json
import os

import torch

torch.manual_seed(0)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def spec(t):
    return {"shape": list(t.shape), "data": flat(t)}


def rope_case():
    # Llama's apply_rotary_emb, with the angles as a leaf so the gradient flows through polar too.
    B, T, H, D = 2, 3, 2, 4
    q = torch.randn(B, T, H, D, requires_grad=True)
    freqs = 1.0 / (10000.0 ** (torch.arange(0, D, 2)[: D // 2].float() / D))
    angles = torch.outer(torch.arange(T).float(), freqs).requires_grad_()
    w = torch.randn(B, T, H, D)
    freqs_cis = torch.polar(torch.ones_like(angles), angles)
    k = torch.randn(B, T, H, D, requires_grad=True)
    q_ = torch.view_as_complex(q.float().reshape(*q.shape[:-1], -1, 2))
    k_ = torch.view_as_complex(k.float().reshape(*k.shape[:-1], -1, 2))
    fc = freqs_cis.view(1, T, 1, D // 2)  # shared by q and k: its gradients accumulate (complex add)
    out = torch.view_as_real(q_ * fc).flatten(3).type_as(q)
    out_k = torch.view_as_real(k_ * fc).flatten(3).type_as(k)
    (out * w + out_k * out_k).sum().backward()
    return {
        "q": spec(q), "k": spec(k), "angles": spec(angles), "w": spec(w), "out": spec(out), "out_k": spec(out_k),
        "grad_q": spec(q.grad), "grad_k": spec(k.grad), "grad_angles": spec(angles.grad),
        "freqs_cis_real": spec(torch.view_as_real(freqs_cis)),
    }


def mul_case():
    # complex x complex with broadcasting, then complex x real; gradients reach all four real leaves.
    ar, ai = torch.randn(3, 4, requires_grad=True), torch.randn(3, 4, requires_grad=True)
    br, bi = torch.randn(4, requires_grad=True), torch.randn(4, requires_grad=True)
    s = torch.randn(3, 1, requires_grad=True)
    w = torch.randn(3, 4, 2)
    out = torch.complex(ar, ai) * torch.complex(br, bi) * s + torch.complex(br, ar[0]) - 0.5
    (torch.view_as_real(out) * w).sum().backward()
    return {
        "ar": spec(ar), "ai": spec(ai), "br": spec(br), "bi": spec(bi), "s": spec(s), "w": spec(w),
        "out": spec(torch.view_as_real(out)),
        "grads": [spec(t.grad) for t in (ar, ai, br, bi, s)],
    }


def ops_case():
    # Layout ops that copy: advanced indexing, cat, stack, repeat, plus a setitem without grad.
    a = torch.randn(3, 4, requires_grad=True)
    w1, w2 = torch.randn(5, 2, 2), torch.randn(3, 2, 2, 2)
    c = torch.view_as_complex(a.reshape(3, 2, 2))
    y = torch.view_as_real(torch.cat([c[[2, 0]], c.repeat(1, 2)[:, 1:3]], 0))
    s = torch.view_as_real(torch.stack([c, c * c], -1))
    ((y * w1).sum() + (s * w2).sum()).backward()
    z = c.detach().clone()
    z[1] = 5.0
    z[[0, 2], 1] = torch.complex(torch.tensor(-1.0), torch.tensor(2.0))
    return {"a": spec(a), "w1": spec(w1), "w2": spec(w2), "y": spec(y), "s": spec(s), "grad_a": spec(a.grad),
            "setitem": spec(torch.view_as_real(z))}


def reprs():
    rows = []
    for re_, im_ in [([1.0, 3.0], [2.0, -1.0]), ([1.5, 3.0], [2.0, -1.25]),
                     ([0.1234, 3.0, 1e-5, 2.0], [2.0, -100.0, 1.0, 2.0]), ([1e10, 1.0], [1.0, -1.0]),
                     ([0.0, -0.5], [0.0, -0.0])]:
        t = torch.complex(torch.tensor(re_), torch.tensor(im_))
        if len(re_) == 4:
            t = t.reshape(2, 2)
        rows.append({"real": re_, "imag": im_, "shape": list(t.shape), "repr": repr(t)})
    rows.append({"real": [2.0], "imag": [-3.0], "shape": [], "repr": repr(torch.complex(torch.tensor(2.0), torch.tensor(-3.0)))})
    return rows


def errors():
    out = []
    for name, make in [
        ("last dim not 2", lambda: torch.zeros(3, 3)),
        ("last dim stride not 1", lambda: torch.zeros(2, 3).t()),
        ("odd stride", lambda: torch.zeros(3, 3)[:, :2]),
    ]:
        try:
            torch.view_as_complex(make())
        except RuntimeError as e:
            out.append({"name": name, "message": str(e).split("\n")[0]})
    try:
        torch.view_as_real(torch.zeros(2))
    except RuntimeError as e:
        out.append({"name": "view_as_real of real", "message": str(e)})
    return out


data = {"torch": torch.__version__, "rope": rope_case(), "mul": mul_case(), "ops": ops_case(), "reprs": reprs(), "errors": errors()}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "complex.json"), "w") as f:
    json.dump(data, f, indent=None)
    f.write("\n")
