# Seed examples (torch.nn notes, hooks and registration): forward pre-hooks that return one value or
# a tuple, forward hooks that replace the output, backward hooks, register_buffer/register_parameter,
# add_module, and load_state_dict's missing/unexpected keys.
import torch
import torch.nn as nn

lin = nn.Linear(2, 1)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, -1.0]]))
    lin.bias.zero_()

h = lin.register_forward_pre_hook(lambda m, inp: inp[0] * 10)
print(lin(torch.tensor([[1.0, 3.0]])))
h.remove()
h = lin.register_forward_hook(lambda m, inp, out: out * 0 + 7)
print(lin(torch.tensor([[1.0, 3.0]])))
h.remove()
seen = []
h = lin.register_full_backward_hook(lambda m, gin, gout: seen.append((type(m).__name__, gout[0].shape)))
x = torch.tensor([[1.0, 3.0]], requires_grad=True)
lin(x).sum().backward()
print(seen, x.grad)
h.remove()

m = nn.Module()
m.register_buffer("running", torch.zeros(2))
m.register_buffer("scratch", torch.ones(1), persistent=False)
m.register_parameter("alpha", nn.Parameter(torch.ones(3)))
m.add_module("child", nn.Linear(1, 1))
print(m)
print(list(m.state_dict().keys()), [n for n, _ in m.named_buffers()])
sd = {"running": torch.ones(2), "extra": torch.zeros(1)}
r = m.load_state_dict(sd, strict=False)
print(r.missing_keys, r.unexpected_keys)
print(m.running)
try:
    m.load_state_dict(sd)
except RuntimeError as e:
    print("RuntimeError:", str(e).splitlines()[0])
