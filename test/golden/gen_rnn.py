# Generates test/golden/rnn.json: what real PyTorch computes for the recurrent layers (RNN/LSTM/GRU in
# many configurations, the cells, nn.utils.rnn packing) — outputs, final states, every gradient, reprs,
# state_dict keys, seeded default init, error messages — and a 20-step Adam run of an LSTM language model.
# Run: ~/.cache/nnlens-ref/bin/python test/golden/gen_rnn.py
import json
import math
import os
import warnings

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence, pack_sequence, PackedSequence

torch.set_num_threads(1)
warnings.simplefilter("ignore")  # dropout with num_layers=1 warns; not what is tested

out = {"torch": torch.__version__, "cases": [], "cells": [], "utils": {}, "errors": {}, "repr": {}, "lm": {}}


def short(v):
    """7 significant digits: far below the tests' tolerance, and the JSON stays small."""
    return float(f"{v:.7g}") if isinstance(v, float) else v


def upstream(shape, k):
    """The gradient fed to an output: a fixed formula (test/engine/rnn.test.ts computes the same), not stored."""
    n = 1
    for s in shape:
        n *= s
    return torch.tensor([math.sin(0.7 * i + 1.3 * k + 0.1) for i in range(n)], dtype=torch.float32).reshape(shape)


def enc(t):
    if t is None:
        return None
    t = t.detach()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "data": [short(v) for v in t.reshape(-1).tolist()]}


def err(name, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - we record whatever PyTorch raises
        out["errors"][name] = {"type": type(e).__name__, "message": str(e)}
        return
    raise AssertionError(f"{name} did not raise")


KINDS = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}


def build(kind, args):
    kw = dict(args)
    return KINDS[kind](kw.pop("input_size"), kw.pop("hidden_size"), **kw)


def case(name, kind, args, T=4, B=3, seed=0, lengths=None, enforce_sorted=True, states=False, unbatched=False, train=False):
    torch.manual_seed(seed)
    m = build(kind, args)
    params = {k: enc(v) for k, v in m.state_dict().items()}
    m.train(train)
    I = args["input_size"]
    H = args["hidden_size"]
    P = args.get("proj_size", 0) or H
    D = 2 if args.get("bidirectional") else 1
    L = args.get("num_layers", 1)
    bf = args.get("batch_first", False)
    g = torch.Generator().manual_seed(1000 + seed)
    shape = [T, I] if unbatched else ([B, T, I] if bf else [T, B, I])
    x = torch.randn(*shape, generator=g, requires_grad=True)
    hx = None
    hs = [L * D, P] if unbatched else [L * D, B, P]
    cs = [L * D, H] if unbatched else [L * D, B, H]
    if states:
        h0 = torch.randn(*hs, generator=g, requires_grad=True)
        hx = (h0, torch.randn(*cs, generator=g, requires_grad=True)) if kind == "LSTM" else h0
    inp = x
    if lengths is not None:
        inp = pack_padded_sequence(x, torch.tensor(lengths), batch_first=bf, enforce_sorted=enforce_sorted)
    # The dropout case draws its masks from the default generator, seeded right before the call.
    torch.manual_seed(77)
    y, h = m(inp, hx)
    ydata = y.data if isinstance(y, PackedSequence) else y
    hl = list(h) if kind == "LSTM" else [h]
    wy = upstream(ydata.shape, 0)
    wh = [upstream(t.shape, i + 1) for i, t in enumerate(hl)]
    loss = (ydata * wy).sum() + sum((t * w).sum() for t, w in zip(hl, wh))
    loss.backward()
    c = {
        "name": name, "kind": kind, "args": args, "seed": seed, "train": train,
        "state_dict": params, "keys": list(m.state_dict().keys()),
        "x": enc(x), "hx": None if hx is None else [enc(t) for t in (hx if kind == "LSTM" else [hx])],
        "out": enc(ydata), "hidden": [enc(t) for t in hl],
        "x_grad": enc(x.grad),
        "hx_grad": None if hx is None else [enc(t.grad) for t in (hx if kind == "LSTM" else [hx])],
        "param_grads": {n: enc(p.grad) for n, p in m.named_parameters()},
        "repr": repr(m),
    }
    if lengths is not None:
        c["packed"] = {"lengths": lengths, "enforce_sorted": enforce_sorted, "batch_sizes": y.batch_sizes.tolist(),
                       "sorted_indices": None if y.sorted_indices is None else y.sorted_indices.tolist(),
                       "unsorted_indices": None if y.unsorted_indices is None else y.unsorted_indices.tolist()}
        padded, lens = pad_packed_sequence(y, batch_first=bf)
        c["packed"]["padded"] = enc(padded)
        c["packed"]["padded_lengths"] = lens.tolist()
    out["cases"].append(c)


I, H = 2, 3
case("rnn_tanh", "RNN", {"input_size": I, "hidden_size": H}, seed=1)
case("rnn_relu_2l_bidir_bf_h0", "RNN", {"input_size": I, "hidden_size": H, "num_layers": 2, "nonlinearity": "relu",
     "batch_first": True, "bidirectional": True}, seed=2, states=True)
case("rnn_tanh_nobias_h0", "RNN", {"input_size": I, "hidden_size": H, "bias": False}, seed=3, states=True)
case("lstm_h0c0", "LSTM", {"input_size": I, "hidden_size": H}, seed=4, states=True)
case("lstm_2l_bidir", "LSTM", {"input_size": I, "hidden_size": H, "num_layers": 2, "bidirectional": True}, seed=5)
case("lstm_proj_2l_bidir_bf_h0c0", "LSTM", {"input_size": I, "hidden_size": 4, "num_layers": 2, "batch_first": True,
     "bidirectional": True, "proj_size": 2}, seed=6, states=True)
case("lstm_proj_1l", "LSTM", {"input_size": I, "hidden_size": 4, "proj_size": 2}, seed=7)
case("lstm_nobias_2l", "LSTM", {"input_size": I, "hidden_size": H, "num_layers": 2, "bias": False}, seed=8)
case("gru_h0", "GRU", {"input_size": I, "hidden_size": H}, seed=9, states=True)
case("gru_2l_bidir_bf", "GRU", {"input_size": I, "hidden_size": H, "num_layers": 2, "batch_first": True,
     "bidirectional": True}, seed=10)
case("gru_nobias", "GRU", {"input_size": I, "hidden_size": H, "bias": False}, seed=11)
case("rnn_unbatched_h0", "RNN", {"input_size": I, "hidden_size": H, "num_layers": 2}, seed=12, states=True, unbatched=True)
case("lstm_unbatched_bidir_h0c0", "LSTM", {"input_size": I, "hidden_size": H, "bidirectional": True}, seed=13,
     states=True, unbatched=True)
case("gru_unbatched_bf", "GRU", {"input_size": I, "hidden_size": H, "batch_first": True}, seed=14, unbatched=True)
case("lstm_packed_unsorted_2l_bidir_h0c0", "LSTM", {"input_size": I, "hidden_size": H, "num_layers": 2,
     "bidirectional": True}, seed=15, lengths=[3, 4, 2], enforce_sorted=False, states=True)
case("gru_packed_unsorted_bidir_bf", "GRU", {"input_size": I, "hidden_size": H, "batch_first": True,
     "bidirectional": True}, B=4, seed=16, lengths=[2, 3, 4, 1], enforce_sorted=False)
case("rnn_packed_sorted", "RNN", {"input_size": I, "hidden_size": H}, seed=17, lengths=[4, 3, 2])
case("lstm_proj_packed_unsorted_bidir", "LSTM", {"input_size": I, "hidden_size": 4, "proj_size": 2,
     "bidirectional": True}, seed=18, lengths=[3, 4, 2], enforce_sorted=False, states=True)
case("lstm_dropout_train_3l", "LSTM", {"input_size": I, "hidden_size": H, "num_layers": 3, "dropout": 0.5}, seed=19,
     train=True)
case("gru_dropout_eval_2l", "GRU", {"input_size": I, "hidden_size": H, "num_layers": 2, "dropout": 0.5}, seed=20)


# ---------------- cells ----------------
def cell(name, kind, args, B=3, seed=0, states=False, unbatched=False):
    torch.manual_seed(seed)
    cls = {"RNNCell": nn.RNNCell, "LSTMCell": nn.LSTMCell, "GRUCell": nn.GRUCell}[kind]
    kw = dict(args)
    m = cls(kw.pop("input_size"), kw.pop("hidden_size"), **kw)
    params = {k: enc(v) for k, v in m.state_dict().items()}
    g = torch.Generator().manual_seed(2000 + seed)
    x = torch.randn(*([args["input_size"]] if unbatched else [B, args["input_size"]]), generator=g, requires_grad=True)
    hshape = [args["hidden_size"]] if unbatched else [B, args["hidden_size"]]
    hx = None
    if states:
        h0 = torch.randn(*hshape, generator=g, requires_grad=True)
        hx = (h0, torch.randn(*hshape, generator=g, requires_grad=True)) if kind == "LSTMCell" else h0
    r = m(x, hx)
    outs = list(r) if kind == "LSTMCell" else [r]
    ws = [upstream(t.shape, i) for i, t in enumerate(outs)]
    sum((t * w).sum() for t, w in zip(outs, ws)).backward()
    out["cells"].append({
        "name": name, "kind": kind, "args": args, "seed": seed, "state_dict": params,
        "keys": list(m.state_dict().keys()), "x": enc(x),
        "hx": None if hx is None else [enc(t) for t in (hx if kind == "LSTMCell" else [hx])],
        "outs": [enc(t) for t in outs], "x_grad": enc(x.grad),
        "hx_grad": None if hx is None else [enc(t.grad) for t in (hx if kind == "LSTMCell" else [hx])],
        "param_grads": {n: enc(p.grad) for n, p in m.named_parameters()}, "repr": repr(m),
        "grad_fn": outs[0].grad_fn is not None,
    })


cell("rnncell_tanh_h0", "RNNCell", {"input_size": I, "hidden_size": H}, seed=1, states=True)
cell("rnncell_relu_nobias", "RNNCell", {"input_size": I, "hidden_size": H, "bias": False, "nonlinearity": "relu"}, seed=2)
cell("lstmcell_h0c0", "LSTMCell", {"input_size": I, "hidden_size": H}, seed=3, states=True)
cell("lstmcell_unbatched", "LSTMCell", {"input_size": I, "hidden_size": H}, seed=4, unbatched=True)
cell("grucell_h0", "GRUCell", {"input_size": I, "hidden_size": H}, seed=5, states=True)
cell("grucell_unbatched_h0_nobias", "GRUCell", {"input_size": I, "hidden_size": H, "bias": False}, seed=6, states=True,
     unbatched=True)

# ---------------- nn.utils.rnn ----------------
g = torch.Generator().manual_seed(3000)
seqs = [torch.randn(n, 2, generator=g, requires_grad=True) for n in (2, 4, 3)]
u = out["utils"]
u["seqs"] = [enc(s) for s in seqs]
u["pad_sequence"] = enc(pad_sequence(seqs))
u["pad_sequence_bf_left_pad"] = enc(pad_sequence(seqs, batch_first=True, padding_value=-1.0, padding_side="left"))
ps = pack_sequence(seqs, enforce_sorted=False)
u["pack_sequence"] = {"data": enc(ps.data), "batch_sizes": ps.batch_sizes.tolist(),
                      "sorted_indices": ps.sorted_indices.tolist(), "unsorted_indices": ps.unsorted_indices.tolist()}
w = torch.randn(ps.data.shape, generator=g)
(ps.data * w).sum().backward()
u["pack_sequence_w"] = enc(w)
u["pack_sequence_grads"] = [enc(s.grad) for s in seqs]
padded, lens = pad_packed_sequence(ps, batch_first=True, padding_value=9.0, total_length=6)
u["pad_packed_bf_total6"] = {"padded": enc(padded), "lengths": lens.tolist(), "lengths_dtype": str(lens.dtype)}
ps_sorted = pack_sequence([seqs[1], seqs[2], seqs[0]])
u["pack_sequence_sorted"] = {"data": enc(ps_sorted.data), "batch_sizes": ps_sorted.batch_sizes.tolist()}
u["packed_repr"] = repr(pack_sequence([torch.tensor([1.0, 2.0, 3.0]), torch.tensor([4.0])]))

err("pack_unsorted_enforced", lambda: pack_padded_sequence(torch.zeros(3, 2, 1), [1, 3]))
err("pack_zero_length", lambda: pack_padded_sequence(torch.zeros(3, 2, 1), [3, 0]))
err("pack_lengths_count", lambda: pack_padded_sequence(torch.zeros(3, 2, 1), [3, 2, 1]))
err("pad_packed_total_length", lambda: pad_packed_sequence(pack_sequence([torch.zeros(4), torch.zeros(2)]), total_length=3))
err("pad_sequence_empty", lambda: pad_sequence([]))

# ---------------- errors ----------------
err("input_size", lambda: nn.LSTM(10, 20)(torch.randn(5, 3, 5)))
err("hidden_size", lambda: nn.RNN(10, 20, num_layers=2)(torch.randn(5, 3, 10), torch.randn(1, 3, 20)))
err("lstm_hidden0", lambda: nn.LSTM(10, 20)(torch.randn(5, 3, 10), (torch.randn(1, 2, 20), torch.randn(1, 3, 20))))
err("lstm_hidden1", lambda: nn.LSTM(10, 20, proj_size=5)(torch.randn(5, 3, 10), (torch.randn(1, 3, 5), torch.randn(1, 3, 5))))
err("rnn_4d", lambda: nn.RNN(2, 3)(torch.randn(1, 2, 3, 2)))
err("lstm_4d", lambda: nn.LSTM(2, 3)(torch.randn(1, 2, 3, 2)))
err("gru_1d", lambda: nn.GRU(2, 3)(torch.randn(2)))
err("rnn_unbatched_hx", lambda: nn.RNN(2, 3)(torch.randn(4, 2), torch.randn(1, 1, 3)))
err("gru_batched_hx", lambda: nn.GRU(2, 3)(torch.randn(4, 1, 2), torch.randn(1, 3)))
err("lstm_batched_hx", lambda: nn.LSTM(2, 3)(torch.randn(4, 1, 2), (torch.randn(1, 3), torch.randn(1, 1, 3))))
err("lstm_unbatched_hx", lambda: nn.LSTM(2, 3)(torch.randn(4, 2), (torch.randn(1, 3), torch.randn(1, 1, 3))))
err("dtype", lambda: nn.RNN(2, 3)(torch.randn(4, 1, 2, dtype=torch.float64)))
err("dropout_range", lambda: nn.LSTM(2, 3, dropout=1.5))
err("hidden_zero", lambda: nn.GRU(2, 0))
err("input_zero", lambda: nn.GRU(0, 2))
err("layers_zero", lambda: nn.RNN(2, 3, num_layers=0))
err("proj_negative", lambda: nn.LSTM(2, 3, proj_size=-1))
err("proj_too_big", lambda: nn.LSTM(2, 3, proj_size=3))
err("nonlinearity", lambda: nn.RNN(2, 3, nonlinearity="sigmoid"))
err("proj_on_gru", lambda: nn.GRU(2, 3, proj_size=1))
err("cell_3d", lambda: nn.LSTMCell(2, 3)(torch.randn(1, 1, 2)))
err("cell_hidden_3d", lambda: nn.GRUCell(2, 3)(torch.randn(1, 2), torch.randn(1, 1, 3)))
err("cell_hx_3d", lambda: nn.LSTMCell(2, 3)(torch.randn(1, 2), (torch.randn(1, 3), torch.randn(1, 1, 3))))
err("rnncell_3d", lambda: nn.RNNCell(2, 3)(torch.randn(1, 1, 2)))
err("cell_input_size", lambda: nn.LSTMCell(2, 3)(torch.randn(4, 5)))
err("cell_batch", lambda: nn.GRUCell(2, 3)(torch.randn(4, 2), torch.randn(2, 3)))
err("cell_hidden_size", lambda: nn.RNNCell(2, 3)(torch.randn(4, 2), torch.randn(4, 5)))
err("lstmcell_c_size", lambda: nn.LSTMCell(2, 3)(torch.randn(4, 2), (torch.randn(4, 3), torch.randn(4, 2))))

# ---------------- reprs ----------------
R = out["repr"]
R["lstm_full"] = repr(nn.LSTM(10, 20, num_layers=2, batch_first=True, bidirectional=True))
R["rnn_relu"] = repr(nn.RNN(4, 8, nonlinearity="relu", bias=False, dropout=0.25, num_layers=2))
R["rnn_tanh"] = repr(nn.RNN(4, 8))
R["gru_dropout_int"] = repr(nn.GRU(3, 6, 3, dropout=1))
R["lstm_proj"] = repr(nn.LSTM(10, 20, proj_size=5))
R["rnncell_relu"] = repr(nn.RNNCell(3, 4, bias=False, nonlinearity="relu"))
R["lstmcell"] = repr(nn.LSTMCell(3, 4))
R["grucell"] = repr(nn.GRUCell(3, 4, bias=False))


class LM(nn.Module):
    def __init__(self, V, E, Hd):
        super().__init__()
        self.emb = nn.Embedding(V, E)
        self.lstm = nn.LSTM(E, Hd, num_layers=2, batch_first=True)
        self.head = nn.Linear(Hd, V)

    def forward(self, x):
        y, _ = self.lstm(self.emb(x))
        return self.head(y)


R["lm"] = repr(LM(11, 6, 8))

# ---------------- training parity: a 2-layer LSTM language model ----------------
torch.manual_seed(123)
V, E, Hd, Bt, Tt = 11, 6, 8, 4, 7
lm = LM(V, E, Hd)
g = torch.Generator().manual_seed(4000)
tokens = torch.randint(0, V, (Bt, Tt + 1), generator=g)
init_sd = {k: enc(v) for k, v in lm.state_dict().items()}
opt = torch.optim.Adam(lm.parameters(), lr=0.01)
lossf = nn.CrossEntropyLoss()
losses = []
for _ in range(20):
    opt.zero_grad()
    logits = lm(tokens[:, :-1])
    loss = lossf(logits.reshape(-1, V), tokens[:, 1:].reshape(-1))
    loss.backward()
    opt.step()
    losses.append(loss.item())
out["lm"] = {"V": V, "E": E, "H": Hd, "tokens": tokens.tolist(), "state_dict": init_sd, "lr": 0.01, "losses": losses,
             "final_head_bias": lm.head.bias.tolist()}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rnn.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(f"wrote {path}: {len(out['cases'])} cases, {len(out['cells'])} cells, {len(out['errors'])} errors,"
      f" {os.path.getsize(path) // 1024} KB")
