# Generates test/golden/attention.json (SDPA, MultiheadAttention) and transformer.json (the layers): what real PyTorch computes for F.scaled_dot_product_attention,
# nn.MultiheadAttention and the Transformer layers — outputs, attention weights, input and parameter
# gradients (train mode, dropout 0 unless seeded), eval outputs under no_grad (PyTorch's fast paths),
# reprs, state_dict keys, seeded default init, error messages — and a 20-step Adam run of a 2-layer
# Transformer encoder model. Run: ~/.cache/nnlens-ref/bin/python test/golden/gen_attention.py
import json
import math
import os
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(1)
warnings.simplefilter("ignore")  # enable_nested_tensor / mismatched-mask deprecation warnings

out = {"torch": torch.__version__, "sdpa": [], "modules": [], "layers": [], "errors": {}, "repr": {}, "train": {}}


def short(v):
    """6 significant digits: far below the tests' tolerance, and the JSON stays small."""
    return float(f"{v:.6g}") if isinstance(v, float) else v


def formula(shape, k, amp=0.5):
    """Deterministic values both sides compute (weights and inputs are not stored): amp·sin(0.37 i + 1.1 k + 0.2)."""
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([amp * math.sin(0.37 * i + 1.1 * k + 0.2) for i in range(n)], dtype=torch.float32).reshape(shape)


def rounded(t):
    """t with every value replaced by its 7-digit form, so both sides start from identical numbers."""
    if t.dtype == torch.bool:
        return t.clone()
    return torch.tensor([short(v) for v in t.reshape(-1).tolist()], dtype=t.dtype).reshape(t.shape)


def enc(t):
    if t is None:
        return None
    t = t.detach()
    data = [short(v) if not math.isinf(v) else ("inf" if v > 0 else "-inf") for v in t.reshape(-1).tolist()] \
        if t.dtype != torch.bool else t.reshape(-1).tolist()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": data}


def upstream(shape, k):
    """The gradient fed to output k: a fixed formula (test/engine/nn_attention.test.ts computes the same)."""
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([math.sin(0.7 * i + 1.3 * k + 0.1) for i in range(n)], dtype=torch.float32).reshape(shape)


def randn(g, *shape):
    return rounded(torch.randn(*shape, generator=g))


def err(name, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - we record whatever PyTorch raises
        out["errors"][name] = {"type": type(e).__name__, "message": str(e)}
        return
    raise AssertionError(f"{name} did not raise")


# ---------------- F.scaled_dot_product_attention ----------------
def sdpa(name, qs, ks, vs, mask=None, seed=0, dropout_p=0.0, **kw):
    g = torch.Generator().manual_seed(100 + seed)
    q, k, v = (randn(g, *s).requires_grad_(True) for s in (qs, ks, vs))
    m = None
    if mask == "bool":
        m = torch.rand(qs[-2], ks[-2], generator=g) > 0.3
        m[:, 0] = True  # no fully masked row
    elif mask == "float":
        m = randn(g, qs[0], 1, qs[-2], ks[-2])
    torch.manual_seed(7)
    o = F.scaled_dot_product_attention(q, k, v, attn_mask=m, dropout_p=dropout_p, **kw)
    (o * upstream(o.shape, 0)).sum().backward()
    out["sdpa"].append({"name": name, "q": enc(q), "k": enc(k), "v": enc(v), "mask": enc(m), "dropout_p": dropout_p,
                        "kwargs": kw, "out": enc(o), "grads": [enc(q.grad), enc(k.grad), enc(v.grad)]})


sdpa("basic", (2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 4), seed=1)
sdpa("bool_mask", (2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 6), mask="bool", seed=2)
sdpa("float_mask", (2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 4), mask="float", seed=3)
sdpa("causal_square", (1, 2, 4, 4), (1, 2, 4, 4), (1, 2, 4, 4), seed=4, is_causal=True)
sdpa("causal_rect", (2, 3, 4), (2, 5, 4), (2, 5, 4), seed=5, is_causal=True)
sdpa("scale", (2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 4), seed=6, scale=0.3)
sdpa("negative_scale", (2, 3, 4), (2, 5, 4), (2, 5, 4), seed=7, scale=-0.5)
sdpa("gqa", (1, 4, 3, 4), (1, 2, 5, 4), (1, 2, 5, 4), seed=8, enable_gqa=True)
# PyTorch's CPU kernel applies both an explicit mask and the causal one (the math path would refuse).
sdpa("causal_and_bool_mask", (1, 2, 4, 4), (1, 2, 4, 4), (1, 2, 4, 4), mask="bool", seed=10, is_causal=True)
sdpa("dropout", (2, 2, 3, 4), (2, 2, 5, 4), (2, 2, 5, 4), seed=9, dropout_p=0.4)


# ---------------- modules ----------------
def build(cls, args):
    a = dict(args)
    if cls == "MultiheadAttention":
        return nn.MultiheadAttention(a.pop("embed_dim"), a.pop("num_heads"), **a)
    if cls == "TransformerEncoderLayer":
        return nn.TransformerEncoderLayer(a.pop("d_model"), a.pop("nhead"), **a)
    if cls == "TransformerDecoderLayer":
        return nn.TransformerDecoderLayer(a.pop("d_model"), a.pop("nhead"), **a)
    if cls == "TransformerEncoder":
        layer = nn.TransformerEncoderLayer(**a.pop("layer"))
        norm = nn.LayerNorm(a.pop("norm")) if "norm" in a else None
        return nn.TransformerEncoder(layer, a.pop("num_layers"), norm, **a)
    if cls == "TransformerDecoder":
        layer = nn.TransformerDecoderLayer(**a.pop("layer"))
        norm = nn.LayerNorm(a.pop("norm")) if "norm" in a else None
        return nn.TransformerDecoder(layer, a.pop("num_layers"), norm)
    if cls == "Transformer":
        return nn.Transformer(**a)
    raise ValueError(cls)


def make_kwargs(g, spec):
    """Forward keyword arguments: masks described as ('bool'|'float'|'causal', shape) become tensors."""
    kw = {}
    for k, v in spec.items():
        if isinstance(v, list) and v and v[0] in ("bool", "float", "causal", "kpm"):
            kind, shape = v[0], v[1]
            if kind == "bool":
                t = torch.rand(*shape, generator=g) > 0.7
                t[..., 0] = False  # keep one key per row
            elif kind == "kpm":
                # Left-aligned padding: row b pads its last b positions.
                t = torch.zeros(*shape, dtype=torch.bool)
                for b in range(shape[0]):
                    if b:
                        t[b, shape[1] - b:] = True
            elif kind == "float":
                t = randn(g, *shape)
            else:
                t = nn.Transformer.generate_square_subsequent_mask(shape[0])
            kw[k] = t
        else:
            kw[k] = v
    return kw


def enc_kwargs(kw):
    return {k: ({"tensor": enc(v)} if isinstance(v, torch.Tensor) else v) for k, v in kw.items()}


def module_case(name, cls, args, inputs, argmap, kwargs=None, seed=0, train_seed=None, eval_step=True, keep_init=False, file="modules", grads=True):
    """inputs: leaf shapes; argmap: which leaf each positional argument is (identity matters to MHA)."""
    torch.manual_seed(seed)
    m = build(cls, args)
    # The seeded default init is stored for a few cases only; every case then runs on formula weights.
    init_sd = {k: enc(v) for k, v in m.state_dict().items()} if keep_init else None
    with torch.no_grad():
        for j, p in enumerate(m.state_dict().values()):
            p.copy_(formula(p.shape, j))
    g = torch.Generator().manual_seed(500 + seed)
    leaves = [formula(s, 50 + j, 1.0).requires_grad_(True) for j, s in enumerate(inputs)]
    kw = make_kwargs(g, kwargs or {})
    m.train()
    torch.manual_seed(train_seed if train_seed is not None else 0)
    r = m(*[leaves[i] for i in argmap], **kw)
    outs = list(r) if isinstance(r, tuple) else [r]
    loss = sum((o * upstream(o.shape, i)).sum() for i, o in enumerate(outs) if o is not None)
    loss.backward()
    c = {"name": name, "cls": cls, "args": args, "seed": seed, "train_seed": train_seed, "init": init_sd,
         "keys": list(m.state_dict().keys()), "repr": repr(m), "inputs": [list(s) for s in inputs], "argmap": argmap,
         "kwargs": enc_kwargs(kw), "outs": [enc(o) for o in outs],
         "input_grads": [enc(x.grad) for x in leaves],
         "param_grads": {n: enc(p.grad) for n, p in m.named_parameters()} if grads else None}
    if eval_step:
        m.eval()
        with torch.no_grad():
            r = m(*[leaves[i].detach() for i in argmap], **kw)
        c["eval_outs"] = [enc(o) for o in (list(r) if isinstance(r, tuple) else [r])]
    out[file].append(c)


E, H = 8, 2
MHA = "MultiheadAttention"
module_case("mha_self_seqfirst", MHA, {"embed_dim": E, "num_heads": H}, [(5, 3, E)], [0, 0, 0], seed=1, keep_init=True)
module_case("mha_self_batchfirst_perhead", MHA, {"embed_dim": E, "num_heads": H, "batch_first": True}, [(3, 5, E)], [0, 0, 0],
            {"average_attn_weights": False}, seed=2)
module_case("mha_kdim_vdim_kpm", MHA, {"embed_dim": E, "num_heads": H, "kdim": 6, "vdim": 5}, [(4, 3, E), (5, 3, 6), (5, 3, 5)],
            [0, 1, 2], {"key_padding_mask": ["bool", [3, 5]]}, seed=3, keep_init=True)
module_case("mha_bias_kv_zero_attn_masks", MHA, {"embed_dim": E, "num_heads": H, "add_bias_kv": True, "add_zero_attn": True},
            [(4, 2, E), (5, 2, E)], [0, 1, 1], {"attn_mask": ["bool", [4, 5]], "key_padding_mask": ["bool", [2, 5]]}, seed=4, keep_init=True)
module_case("mha_no_weights_float_mask3d", MHA, {"embed_dim": E, "num_heads": H, "batch_first": True}, [(2, 4, E), (2, 5, E), (2, 5, E)],
            [0, 1, 2], {"need_weights": False, "attn_mask": ["float", [4, 4, 5]]}, seed=5)
# Eval under no_grad takes PyTorch's fused fast path (batch_first self-attention, even heads) with the padding mask.
module_case("mha_self_bf_kpm_fastpath", MHA, {"embed_dim": E, "num_heads": H, "batch_first": True}, [(3, 5, E)], [0, 0, 0],
            {"key_padding_mask": ["kpm", [3, 5]]}, seed=11)
module_case("mha_nobias", MHA, {"embed_dim": E, "num_heads": 4, "bias": False}, [(4, 2, E)], [0, 0, 0], seed=6)
module_case("mha_causal_hint", MHA, {"embed_dim": E, "num_heads": H}, [(4, 2, E)], [0, 0, 0],
            {"attn_mask": ["causal", [4]], "is_causal": True, "need_weights": False}, seed=7)
module_case("mha_unbatched_kpm", MHA, {"embed_dim": E, "num_heads": H}, [(4, E), (6, E)], [0, 1, 1],
            {"key_padding_mask": ["bool", [6]]}, seed=8)
module_case("mha_dropout_weights", MHA, {"embed_dim": E, "num_heads": H, "dropout": 0.3}, [(4, 2, E)], [0, 0, 0], seed=9,
            train_seed=11)
module_case("mha_dropout_sdpa", MHA, {"embed_dim": E, "num_heads": H, "dropout": 0.3, "batch_first": True}, [(2, 4, E)], [0, 0, 0],
            {"need_weights": False}, seed=10, train_seed=12)

D, NH, FF = 8, 2, 16
LAYER = {"d_model": D, "nhead": NH, "dim_feedforward": FF, "dropout": 0.0}
module_case("enc_layer_post_relu", "TransformerEncoderLayer", LAYER, [(5, 2, D)], [0],
            {"src_mask": ["causal", [5]]}, seed=20, keep_init=True, file="layers")
module_case("enc_layer_pre_gelu_bf", "TransformerEncoderLayer", {**LAYER, "activation": "gelu", "norm_first": True, "batch_first": True},
            [(2, 5, D)], [0], {"src_key_padding_mask": ["kpm", [2, 5]]}, seed=21, file="layers")
module_case("enc_layer_post_bf_kpm_fastpath", "TransformerEncoderLayer", {**LAYER, "batch_first": True}, [(3, 5, D)], [0],
            {"src_key_padding_mask": ["kpm", [3, 5]]}, seed=29, file="layers", grads=False)
module_case("dec_layer_post_relu", "TransformerDecoderLayer", LAYER, [(4, 2, D), (5, 2, D)], [0, 1],
            {"tgt_mask": ["causal", [4]], "memory_key_padding_mask": ["kpm", [2, 5]]}, seed=22, file="layers")
module_case("dec_layer_pre_gelu_bf", "TransformerDecoderLayer", {**LAYER, "activation": "gelu", "norm_first": True, "batch_first": True},
            [(2, 4, D), (2, 5, D)], [0, 1], {"tgt_mask": ["causal", [4]], "tgt_is_causal": True}, seed=23, file="layers", grads=False)
module_case("encoder_2l_norm_bf_kpm", "TransformerEncoder", {"layer": {**LAYER, "batch_first": True}, "num_layers": 2, "norm": D},
            [(3, 5, D)], [0], {"src_key_padding_mask": ["kpm", [3, 5]]}, seed=24, file="layers")
module_case("encoder_2l_causal", "TransformerEncoder", {"layer": LAYER, "num_layers": 2, "enable_nested_tensor": False},
            [(5, 2, D)], [0], {"mask": ["causal", [5]]}, seed=25, file="layers")
module_case("decoder_1l_norm", "TransformerDecoder", {"layer": LAYER, "num_layers": 1, "norm": D},
            [(4, 2, D), (5, 2, D)], [0, 1], {"tgt_mask": ["causal", [4]]}, seed=26, file="layers")
module_case("transformer_small", "Transformer", {"d_model": D, "nhead": NH, "num_encoder_layers": 1, "num_decoder_layers": 1,
            "dim_feedforward": FF, "dropout": 0.0}, [(5, 2, D), (4, 2, D)], [0, 1], {"tgt_mask": ["causal", [4]]}, seed=27, file="layers")
module_case("transformer_small_bf_prenorm_gelu", "Transformer", {"d_model": D, "nhead": NH, "num_encoder_layers": 1,
            "num_decoder_layers": 1, "dim_feedforward": FF, "dropout": 0.0, "batch_first": True, "norm_first": True,
            "activation": "gelu"}, [(2, 5, D), (2, 4, D)], [0, 1],
            {"src_key_padding_mask": ["kpm", [2, 5]], "memory_key_padding_mask": ["kpm", [2, 5]]}, seed=28, file="layers", grads=False)

# ---------------- reprs ----------------
out["repr"]["mha_kdim"] = repr(nn.MultiheadAttention(16, 4, kdim=8, vdim=8, add_bias_kv=True))
out["repr"]["enc_layer_default"] = repr(nn.TransformerEncoderLayer(16, 4))
out["repr"]["dec_layer_gelu_module"] = repr(nn.TransformerDecoderLayer(16, 4, 32, activation=nn.GELU(), bias=False))
out["repr"]["transformer_default_small"] = repr(nn.Transformer(16, 4, 2, 2, 32))
out["mask3"] = enc(nn.Transformer.generate_square_subsequent_mask(3))

# ---------------- errors ----------------
q4 = torch.randn(1, 2, 3, 4)
err("sdpa_gqa_heads", lambda: F.scaled_dot_product_attention(torch.randn(1, 3, 3, 4), q4, q4, enable_gqa=True))
err("mha_not_divisible", lambda: nn.MultiheadAttention(10, 3))
err("mha_nonpositive", lambda: nn.MultiheadAttention(0, 2))
m8 = nn.MultiheadAttention(8, 2)
x8 = torch.randn(4, 2, 8)
err("mha_4d_query", lambda: m8(x8[None], x8[None], x8[None]))
err("mha_kpm_shape", lambda: m8(x8, x8, x8, key_padding_mask=torch.zeros(2, 3, dtype=torch.bool)))
err("mha_mask_2d_shape", lambda: m8(x8, x8, x8, attn_mask=torch.zeros(3, 4, dtype=torch.bool)))
err("mha_mask_3d_shape", lambda: m8(x8, x8, x8, attn_mask=torch.zeros(2, 4, 4)))
err("mha_causal_without_mask", lambda: m8(x8, x8, x8, is_causal=True))
err("mha_embed_mismatch", lambda: m8(torch.randn(4, 2, 6), torch.randn(4, 2, 6), torch.randn(4, 2, 6)))
err("mha_int_mask", lambda: m8(x8, x8, x8, attn_mask=torch.zeros(4, 4, dtype=torch.int64)))
err("activation_name", lambda: nn.TransformerEncoderLayer(8, 2, activation="tanh"))
tr = nn.Transformer(8, 2, 1, 1, 16)
err("transformer_batch", lambda: tr(torch.randn(5, 2, 8), torch.randn(4, 3, 8)))
err("transformer_features", lambda: tr(torch.randn(5, 2, 8), torch.randn(4, 2, 6)))


# ---------------- training parity ----------------
def train_parity():
    torch.manual_seed(40)
    layer = nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0, batch_first=True)
    model = nn.Sequential(nn.TransformerEncoder(layer, 2, enable_nested_tensor=False), nn.Linear(8, 3))
    with torch.no_grad():
        for p in model.state_dict().values():
            p.copy_(rounded(p))
    g = torch.Generator().manual_seed(41)
    x = randn(g, 4, 6, 8)
    y = torch.randint(0, 3, (4, 6), generator=g)
    sd = {k: enc(v) for k, v in model.state_dict().items()}
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    losses = []
    for _ in range(20):
        opt.zero_grad()
        loss = F.cross_entropy(model(x).reshape(-1, 3), y.reshape(-1))
        loss.backward()
        opt.step()
        losses.append(loss.item())
    out["train"] = {"state_dict": sd, "x": enc(x), "y": enc(y), "lr": 1e-2, "losses": losses,
                    "final_head_bias": model[1].bias.detach().tolist()}


train_parity()

here = os.path.dirname(os.path.abspath(__file__))
layers = {"torch": out["torch"], "cases": out.pop("layers"), "train": out.pop("train")}
for name, data in (("attention.json", out), ("transformer.json", layers)):
    path = os.path.join(here, name)
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))
    print(path, os.path.getsize(path), "bytes")
