"""Expected stdout of Python snippets and model files, from real PyTorch (for test/python/bindings*.test.ts).

Run: ~/.cache/nnlens-ref/bin/python test/golden/gen_bindings.py
Writes test/golden/bindings_snippets.json and test/golden/bindings_models.json.
"""
import contextlib
import io
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# The model files (test/models/) whose `python file.py` output the bindings must reproduce.
MODELS = [
    "lenet.py", "vgg_style.py", "resnet.py", "densenet_style.py", "mobilenet_style.py", "unet.py", "lstm_lm.py",
    "gpt.py", "vit.py", "split_main.py", "train_script.py", "train_loader.py", "seeds_apply.py", "seeds_modules.py", "seeds_to.py",
    "seeds_sequential.py", "seeds_lambda.py", "seeds_mseloss.py", "seeds_children.py", "seeds_hooks.py",
]
PRELUDE = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n"

SNIPPETS = {
    "print_float": "print(torch.tensor([[1.5, -2.25], [3.0, 4.125]]))",
    "print_int_bool": "print(torch.arange(6).view(2, 3)); print(torch.tensor([True, False]))",
    "print_large": "print(torch.linspace(-100, 1000, 7)); print(torch.tensor([1e-5, 1.0]))",
    "print_dtype_device": "x = torch.zeros(2, 3, dtype=torch.float64)\nprint(x.shape, x.dtype, x.device, x.size(1), x.ndim)\nprint(torch.float, torch.long, torch.int32, torch.bool)",
    "size_tuple": "s = torch.ones(2, 3, 4).shape\nprint(s, s[1:], len(s), s.numel(), tuple(s), s == (2, 3, 4), list(s))",
    "scalar_left_right": "y = torch.arange(4)\nprint(y + 1, 1 + y, y - 1, 1 - y, y * 2, 2 * y, y / 2, 2 / (y + 1), y * 2.5, 2.5 * y)\nprint((y + 1.0).dtype, (y * 2).dtype, (y // 2), y % 3, y ** 2, 2 ** y)",
    "tensor_ops": "a = torch.tensor([[1., 2.], [3., 4.]])\nb = torch.tensor([[0.5, -1.], [2., 0.]])\nprint(a @ b, a.matmul(b), a * b, a - b, a / b.clamp(min=0.5))\nprint(a.sum(), a.sum(dim=0), a.sum(1, keepdim=True), a.mean(dim=(0, 1)), a.max(), a.argmax(dim=1))",
    "inplace_ops": "a = torch.ones(3)\nb = a\na += 2\na *= torch.tensor([1., 2., 3.])\nprint(a, b is a, a.add_(1), a.mul_(0.5))",
    "comparisons": "a = torch.tensor([1, 5, 3])\nprint(a > 2, a == 3, a != 1, (a > 2) & (a < 5), ~(a > 2), a.eq(5).any(), (a >= 3).all())",
    "indexing": "x = torch.arange(24).reshape(2, 3, 4)\nprint(x[0], x[1, 2], x[:, 1:, ::2], x[..., -1], x[None, 0].shape, x[0, [0, 2]], x[x > 20])\nprint(x[1][2][3].item(), x[:, 0, 0].tolist())",
    "setitem": "x = torch.zeros(3, 4)\nx[0] = 1\nx[1, 1:3] = torch.tensor([5., 6.])\nx[:, -1] = 2.5\nx[x == 0] = -1\nprint(x)",
    "views_shapes": "x = torch.arange(12)\nprint(x.view(3, 4), x.view(-1, 6).shape, x.reshape((2, 6)).shape, x.view(2, 3, 2).permute(2, 0, 1).shape)\nprint(x.view(3, 4).t().contiguous().view(-1), x.view(3, 4).transpose(0, 1).shape, x.unsqueeze(0).shape, x.view(1, 12, 1).squeeze().shape)\nprint(x.view(3, 4).flatten(), torch.cat([x[:2], x[-2:]]), torch.stack([x[:2], x[2:4]], dim=1))",
    "split_chunk": "x = torch.arange(10)\nprint(x.split(4), x.chunk(3), [t.shape for t in torch.arange(12).view(3, 4).unbind(1)])",
    "dtype_conv": "x = torch.tensor([1.7, -2.3])\nprint(x.long(), x.int().dtype, x.to(torch.float64), x.double().dtype, x.bool(), x.type(torch.int64), x.to('cpu').device)",
    "factories": "print(torch.zeros(2), torch.ones(2, 2, dtype=torch.int64), torch.full((2,), 3.5), torch.full((2,), 7), torch.eye(2), torch.arange(1, 4, 0.5), torch.linspace(0, 1, 5))\nprint(torch.zeros_like(torch.ones(2, dtype=torch.int32)), torch.tensor(3), torch.tensor(2.5), torch.tensor([]), torch.empty(0).shape)",
    "seeded_random": "torch.manual_seed(0)\nprint(torch.rand(3), torch.randn(2, 2), torch.randint(0, 10, (5,)), torch.randperm(5))",
    "autograd": "x = torch.tensor([1., 2., 3.], requires_grad=True)\ny = (x ** 2 * 3).sum()\ny.backward()\nprint(y, x.grad, x.is_leaf, y.grad_fn.name(), y.requires_grad)\nz = x.detach()\nprint(z.requires_grad, type((x * 2).mean().grad_fn).__name__)",
    "autograd_chain": "w = torch.tensor([[0.5, -1.0], [2.0, 1.0]], requires_grad=True)\nx = torch.tensor([[1.0, 2.0]])\nout = torch.relu(x @ w).sum()\nout.backward()\nprint(w.grad)\nwith torch.no_grad():\n    w -= 0.1 * w.grad\nprint(w)\nw.grad.zero_()\nprint(w.grad)",
    "no_grad_decorator": "@torch.no_grad()\ndef f(x):\n    return x * 2\nx = torch.ones(2, requires_grad=True)\nprint(f(x).requires_grad, torch.is_grad_enabled())\nwith torch.enable_grad():\n    print(torch.is_grad_enabled())\nwith torch.no_grad():\n    print(torch.is_grad_enabled(), (x * 2).requires_grad)",
    "bool_ambiguous": "try:\n    if torch.ones(2): pass\nexcept RuntimeError as e:\n    print(type(e).__name__, e)\nprint(bool(torch.tensor([0])), int(torch.tensor(3.7)), float(torch.tensor(2)), len(torch.zeros(4, 2)))",
    "shape_error": "try:\n    torch.ones(2, 3) @ torch.ones(2, 3)\nexcept RuntimeError as e:\n    print(type(e).__name__, e)",
    "format": "t = torch.tensor(3.14159)\nprint(f'{t:.2f}', f'{t.item():.3f}', '{}'.format(torch.tensor([1, 2])))",
    "iteration": "for row in torch.arange(6).view(3, 2):\n    print(row, row.sum().item())\nprint(list(torch.tensor([1., 2.])), 2 in torch.tensor([1, 2]))",
    "reductions": "x = torch.tensor([[1., 5., 3.], [4., 2., 6.]])\nprint(x.max(dim=1), x.min(0).values, x.std(), x.var(dim=1), x.softmax(dim=1), x.argsort(dim=1), x.topk(2).indices, x.cumsum(1), x.prod(1))",
    "module_subclass": """class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.fc1 = nn.Linear(4, 3)
        self.fc2 = nn.Linear(3, 2, bias=False)
        self.register_buffer('count', torch.zeros(1))
        self.tag = 'demo'
    def forward(self, x):
        self.count += 1
        return self.fc2(torch.relu(self.fc1(x)))
net = Net()
print(net)
print(list(net.state_dict().keys()))
print([(n, tuple(p.shape)) for n, p in net.named_parameters()])
print([n for n, _ in net.named_modules()], [n for n, _ in net.named_children()], [b.shape for b in net.buffers()])
print(sum(p.numel() for p in net.parameters()), net.tag, net.training, net.eval().training)
print(net(torch.ones(5, 4)).shape, net.count)""",
    "module_hooks": """lin = nn.Linear(2, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1., 2.], [3., 4.]]))
    lin.bias.fill_(0.5)
def pre(m, args):
    print('pre', type(m).__name__, args[0].shape)
    return (args[0] * 2,)
def post(m, args, out):
    print('post', out)
    return out + 1
h1 = lin.register_forward_pre_hook(pre)
h2 = lin.register_forward_hook(post)
print(lin(torch.ones(1, 2)))
h1.remove(); h2.remove()
print(lin(torch.ones(1, 2)))
grads = []
lin.register_full_backward_hook(lambda m, gi, go: grads.append(go[0].shape))
lin(torch.ones(3, 2)).sum().backward()
print(grads)""",
    "module_repr_custom": """class Scale(nn.Module):
    def __init__(self, s):
        super().__init__()
        self.s = s
    def extra_repr(self):
        return f's={self.s}'
    def forward(self, x):
        return x * self.s
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = Scale(2.0)
        self.body = nn.Sequential(nn.Linear(3, 3), nn.ReLU(inplace=True), Scale(0.5))
        self.heads = nn.ModuleList([nn.Linear(3, 1) for _ in range(2)])
        self.named = nn.ModuleDict({'a': nn.Tanh(), 'b': nn.Identity()})
        self.p = nn.Parameter(torch.zeros(2))
    def forward(self, x):
        return x
b = Block()
print(b)
print(b.body[2], len(b.heads), list(b.named.keys()), b.named['a'], [type(m).__name__ for m in b.body])""",
    "subclass_layer": """class MyLN(nn.LayerNorm):
    def forward(self, x):
        return super().forward(x) + 1
m = MyLN(4)
print(m)
print(m(torch.arange(8.).view(2, 4)))""",
    "seed_layer1_mistake": """class Net(nn.Module):
    def __init__(self, in_dim, n_hidden_1, n_hidden_2, out_dim):
        super().__init__()
        self.layer = nn.Sequential(nn.Linear(in_dim, n_hidden_1), nn.ReLU(True))
        self.layer2 = nn.Sequential(nn.Linear(n_hidden_1, n_hidden_2), nn.ReLU(True))
        self.layer3 = nn.Linear(n_hidden_2, out_dim)
    def forward(self, x):
        x = self.layer1(x)
        x = self.layer2(x)
        x = self.layer3(x)
        return x
net = Net(4, 3, 3, 2)
print([type(m).__name__ for m in net.children()])
try:
    net(torch.ones(1, 4))
except AttributeError as e:
    print('AttributeError:', e)""",
    "module_errors": """m = nn.Module()
try:
    m.missing
except AttributeError as e:
    print(e)
class Early(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(1, 1)
try:
    Early()
except AttributeError as e:
    print(e)
try:
    nn.Linear(2, 2)(torch.ones(3, 3))
except RuntimeError as e:
    print(e)""",
    "state_dict_roundtrip": """a = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
b = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
sd = a.state_dict()
print(list(sd.keys()))
print(b.load_state_dict(sd))
print(torch.equal(a[0].weight, b[0].weight), torch.allclose(a[1].running_var, b[1].running_var), hasattr(torch, 'no_such_op'))""",
    "optim_sgd_momentum": """w = nn.Parameter(torch.tensor([1.0, -2.0]))
opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
for _ in range(3):
    opt.zero_grad()
    loss = (w ** 2).sum()
    loss.backward()
    opt.step()
    print(w.data, loss.item())
print(opt.param_groups[0]['lr'])""",
    "optim_adam_sched": """torch.manual_seed(0)
model = nn.Linear(3, 1)
opt = torch.optim.Adam(model.parameters(), lr=0.01)
sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
x = torch.randn(4, 3)
y = torch.randn(4, 1)
for i in range(4):
    opt.zero_grad()
    loss = F.mse_loss(model(x), y)
    loss.backward()
    opt.step()
    sched.step()
    print(round(loss.item(), 5), sched.get_last_lr())
print(model.weight)""",
    "functional": "x = torch.tensor([[-1., 0., 2.]])\nprint(F.relu(x), F.softmax(x, dim=-1), F.gelu(x), F.leaky_relu(x, 0.1), F.log_softmax(x, dim=1), torch.sigmoid(x), torch.tanh(x))\nprint(F.cross_entropy(torch.tensor([[1., 2., 3.]]), torch.tensor([2])), F.mse_loss(x, torch.zeros(1, 3)), F.pad(x, (1, 1)))",
    "init": "torch.manual_seed(1)\nw = torch.empty(2, 3)\nnn.init.xavier_uniform_(w)\nprint(w)\nnn.init.constant_(w, 0.3)\nprint(w, nn.init.calculate_gain('relu'))\nnn.init.kaiming_normal_(w, mode='fan_out', nonlinearity='relu')\nprint(w)",
    "clip_grad": "p = nn.Parameter(torch.tensor([3.0, 4.0]))\np.grad = torch.tensor([3.0, 4.0])\nprint(torch.nn.utils.clip_grad_norm_([p], 1.0), p.grad)",
    "einops_basic": "from einops import rearrange, reduce, repeat\nx = torch.arange(24.).view(2, 3, 4)\nprint(rearrange(x, 'b c w -> b w c').shape, rearrange(x, 'b c w -> b (c w)'), rearrange(x, 'b (h p) w -> b h p w', p=3).shape)\nprint(reduce(x, 'b c w -> b c', 'mean'), reduce(x, 'b c w -> c', 'max'), repeat(torch.tensor([1, 2]), 'n -> n k', k=3), rearrange(x, '... w -> (...) w').shape)",
    "einops_layers": "from einops.layers.torch import Rearrange, Reduce\nm = nn.Sequential(Rearrange('b c (h p1) (w p2) -> b (h w) (p1 p2 c)', p1=2, p2=2), Reduce('b n d -> b d', 'mean'))\nprint(m)\nprint(m(torch.arange(32.).view(1, 2, 4, 4)))",
    "einsum": "a = torch.arange(6.).view(2, 3)\nb = torch.arange(12.).view(3, 4)\nprint(torch.einsum('ij,jk->ik', a, b), torch.einsum('ij->j', a), torch.einsum('bi,bi->b', a, a))",
    "deepcopy": """import copy
class Tied(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(4, 3)
        self.out = nn.Linear(3, 4, bias=False)
        self.out.weight = self.emb.weight
        self.cfg = {'dims': [3, 4]}
    def forward(self, x):
        return self.out(self.emb(x))
a = Tied()
b = copy.deepcopy(a)
print(b, b.cfg, b.cfg is a.cfg, b.out.weight is b.emb.weight, b.emb.weight is a.emb.weight)
print(torch.equal(a(torch.tensor([1, 2])), b(torch.tensor([1, 2]))))
t = torch.ones(2, requires_grad=True)
u = copy.deepcopy(t)
print(u, u is t, u.requires_grad)""",
    "types_and_misc": """x = torch.randn(2, 3)
print(type(x), isinstance(x, torch.Tensor), type(nn.Parameter(torch.ones(1))), isinstance(nn.Parameter(torch.ones(1)), torch.Tensor))
print(x.T.shape, x.mT.shape, x.size(-1), x.data.shape, x.clone().detach().requires_grad, x.is_leaf)
m = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
for i, layer in enumerate(m):
    print(i, layer)
print(isinstance(m[0].weight, nn.Parameter), m[0].weight.requires_grad, isinstance(m, nn.Module), isinstance(m[1], nn.ReLU))
@torch.no_grad
def f(a):
    return a * 2
print(f(torch.ones(1, requires_grad=True)).requires_grad)
print(repr(torch.device('cuda:0')), str(torch.device('cpu')), torch.device('cpu').type)
print(x.new_zeros(2).dtype, torch.zeros(2, dtype=torch.int64).float().dtype, x.float().dtype == torch.float32, {torch.float32: 1}[torch.float32])
y = torch.zeros(3)
y[torch.tensor([0, 2])] = torch.tensor([1., 2.])
print(y, y.max().item(), type(y.max().item()), type(torch.tensor(3).item()), torch.tensor([[1, 2], [3, 4]]).tolist(), torch.tensor(2.5).tolist())
print(getattr(m, 'training'), hasattr(m, 'nope'), hasattr(m[0], 'weight'), m[0].in_features, m[0].weight.shape)""",
    "attention_layers": """torch.manual_seed(0)
mha = nn.MultiheadAttention(4, 2, batch_first=True)
x = torch.randn(1, 3, 4)
out, w = mha(x, x, x)
print(mha)
print(out.shape, w.shape, [round(v, 4) for v in out.flatten().tolist()[:4]])
layer = nn.TransformerEncoderLayer(d_model=4, nhead=2, dim_feedforward=8, dropout=0.0, batch_first=True)
enc = nn.TransformerEncoder(layer, num_layers=2)
print(enc)
enc.eval()
print(enc(x).shape, sum(p.numel() for p in enc.parameters()))
q = torch.randn(1, 2, 3, 4)
print([round(v, 4) for v in F.scaled_dot_product_attention(q, q, q, is_causal=True).flatten().tolist()[:5]])""",
    "index_put": """x = torch.zeros(2, 3)
x.index_put_((torch.tensor([0, 1]), torch.tensor([2, 0])), torch.tensor([5., 6.]))
print(x, x.index_put((torch.tensor([0]),), torch.tensor(1.), accumulate=True))
y = torch.ones(3, requires_grad=True)
z = y * 2
z.retain_grad()
z.sum().backward()
print(z.retains_grad, z.grad, y.retains_grad)""",
    "typename_errors": """class Foo:
    pass
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(1, 1)
        self.w = nn.Parameter(torch.ones(1))
net = Net()
for value in ([1, 2], Foo(), 2.5, 'x'):
    try:
        net.fc = value
    except TypeError as e:
        print(e)
try:
    net.w = torch.ones(1)
except TypeError as e:
    print(e)""",
    "custom_repr_child": """class Odd(nn.Module):
    def __repr__(self):
        return 'Odd<custom>'
class Outer(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = Odd()
        self.b = nn.Linear(1, 1)
print(Outer())
print(repr(Odd()), str(Odd()))""",
    "einops_einsum": """from einops import einsum, rearrange
a = torch.arange(12.).view(2, 2, 3)
b = torch.arange(12.).view(2, 2, 3)
print(einsum(a, b, 'batch i d, batch j d -> batch i j'))
print(rearrange([torch.ones(2), torch.zeros(2)], 'n d -> d n'))
try:
    rearrange(a, 'b c -> c b')
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[-1].strip())""",
    "forward_kwargs_and_containers": """class Gate(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(2, 2)
    def forward(self, x, scale=1.0, *, mask=None):
        y = self.proj(x) * scale
        return y if mask is None else y.masked_fill(mask, 0.0)
g = Gate()
with torch.no_grad():
    g.proj.weight.copy_(torch.eye(2))
    g.proj.bias.zero_()
x = torch.tensor([[1., -2.]])
print(g(x), g(x, 3), g(x, scale=2.0, mask=torch.tensor([[True, False]])))
g.register_forward_pre_hook(lambda m, args, kwargs: (args, {**kwargs, 'scale': 10.0}), with_kwargs=True)
print(g(x, scale=2.0))
seq = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
seq.append(nn.Tanh())
seq.insert(0, nn.Identity())
del seq[1]
print(seq, len(seq), seq[-1], seq[1:])
ml = nn.ModuleList([nn.ReLU()])
ml.extend([nn.Tanh(), nn.Sigmoid()])
ml += [nn.GELU()]
print(ml, ml[1:3], len(ml))
md = nn.ModuleDict({'a': nn.ReLU()})
md['b'] = nn.Tanh()
md.update({'c': nn.Identity()})
print(md, 'b' in md, list(md), [k for k, v in md.items()], md.pop('a'), len(md))
pl = nn.ParameterList([nn.Parameter(torch.ones(2)), nn.Parameter(torch.zeros(3))])
print(pl, len(pl), pl[1].shape)""",
    "finfo_meta": """print(torch.finfo(torch.float32).eps, torch.finfo(torch.float32).min, torch.finfo().max, torch.finfo(torch.float16).tiny, torch.iinfo(torch.int64).max, torch.iinfo(torch.uint8).min)
x = torch.ones(2, 3, device='meta')
print(x.shape, x.device, x.is_meta, (x @ torch.ones(3, 4, device='meta')).shape)
m = nn.Linear(3, 4, device='meta')
print(m.weight.device, m(x).shape)""",
    "optim_state_dict": """torch.manual_seed(0)
m = nn.Linear(2, 1)
opt = torch.optim.Adam(m.parameters(), lr=0.1)
m(torch.ones(3, 2)).sum().backward()
opt.step()
sd = opt.state_dict()
print(list(sd.keys()), list(sd['state'].keys()), sorted(sd['state'][0].keys()), sd['param_groups'][0]['params'], sd['param_groups'][0]['lr'])
print(sd['state'][1]['exp_avg'], sd['state'][0]['step'])
opt2 = torch.optim.Adam(m.parameters(), lr=0.5)
opt2.load_state_dict(sd)
print(opt2.param_groups[0]['lr'], opt2.param_groups[0]['betas'])""",
    "compile_amp_shims": """import warnings
warnings.filterwarnings('ignore')
torch.backends.cuda.matmul.allow_tf32 = True
torch.set_float32_matmul_precision('high')
device = 'cuda' if torch.cuda.is_available() else 'cpu'
torch.manual_seed(0)
lin = nn.Linear(2, 2)
m = torch.compile(lin)
scaler = torch.cuda.amp.GradScaler(enabled=(device == 'cuda'))
opt = torch.optim.SGD(lin.parameters(), lr=0.1)
with torch.autocast(device_type=device, dtype=torch.bfloat16, enabled=False):
    loss = m(torch.ones(1, 2)).sum()
scaler.scale(loss).backward()
scaler.step(opt)
scaler.update()
print(loss, lin.weight, torch.jit.is_scripting())""",
    "legacy_constructors": """print(torch.Tensor([1, 2]), torch.Tensor(2, 3).shape, torch.LongTensor([1, 2]), torch.FloatTensor(2).zero_(), torch.Tensor(torch.Size([1, 2])).shape)
print(torch.BoolTensor([1, 0]), torch.Tensor([[1, 2]]).dtype, isinstance(torch.Tensor([1.]), torch.Tensor), torch.LongTensor(3).dtype)""",
    "cuda_noop": "print(torch.cuda.is_available(), torch.device('cpu'), torch.device('cuda' if torch.cuda.is_available() else 'cpu'))\nx = torch.ones(2).to(torch.device('cpu'))\nprint(x.device, x.is_cuda)",
}


# Bindings added for engine coverage (bindings_coverage.test.ts checks every name is bound; these check the values).
COVERAGE_SNIPPETS = {
    "cov_checkpoint": """import torch.utils.checkpoint as cp
from torch.utils.checkpoint import checkpoint, checkpoint_sequential
torch.manual_seed(0)
lin = nn.Linear(3, 2)
x = torch.ones(1, 3, requires_grad=True)
y = checkpoint(lin, x, use_reentrant=False)
y.sum().backward()
print(y, x.grad)
seq = nn.Sequential(nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 1))
print(checkpoint_sequential(seq, 2, torch.ones(2, 3), use_reentrant=False).shape, cp.checkpoint(lambda a, b: a * b, x, 2.0, use_reentrant=False))""",
    "cov_padding_upsample": """x = torch.arange(8.).view(1, 2, 4)
print(nn.ReflectionPad1d(2)(x), nn.ReplicationPad1d((1, 2))(x), nn.ConstantPad1d(1, 3.5)(x), nn.CircularPad1d(1)(x))
print(nn.ZeroPad2d((1, 0, 0, 1))(x.view(1, 1, 2, 4)), nn.ReplicationPad3d(1)(torch.ones(1, 1, 1, 1, 1)).shape)
y = torch.arange(4.).view(1, 1, 2, 2)
print(nn.Upsample(scale_factor=2, mode='bilinear', align_corners=False)(y), nn.UpsamplingNearest2d(size=3)(y), nn.UpsamplingBilinear2d(scale_factor=2)(y))
print(nn.PixelShuffle(2)(torch.arange(8.).view(1, 4, 1, 2)), nn.PixelUnshuffle(2)(torch.arange(16.).view(1, 1, 4, 4)).shape)
print(nn.Upsample(scale_factor=2), nn.ReflectionPad2d(1), nn.ConstantPad2d(2, 1.0), nn.PixelShuffle(3), nn.PixelUnshuffle(2))""",
    "cov_layers_tail": """x = torch.tensor([[-1.5, -0.2, 0.3, 2.0], [0.5, -0.7, 1.1, -2.2]])
print(nn.GLU()(x), nn.Hardshrink(0.4)(x), nn.Softshrink()(x), nn.LogSigmoid()(x), nn.RReLU().eval()(x))
print(nn.PairwiseDistance()(x, x.flip(0)), nn.CosineSimilarity(dim=1)(x, x.flip(0)), nn.Softmax2d()(x.view(1, 2, 2, 2)).sum(1))
print(nn.GLU(), nn.Hardshrink(), nn.Softshrink(0.3), nn.PairwiseDistance(), nn.CosineSimilarity(), nn.LocalResponseNorm(2), nn.LPPool1d(2, 2))
img = torch.arange(32.).view(1, 2, 4, 4)
print(nn.LocalResponseNorm(2)(img)[0, :, 0], nn.LPPool2d(2, 2)(img), nn.ChannelShuffle(2)(torch.arange(4.).view(1, 4, 1, 1)).flatten())
pool = nn.MaxPool2d(2, return_indices=True)
out, idx = pool(img)
print(nn.MaxUnpool2d(2)(out, idx)[0, 0], nn.MaxUnpool2d(2))
u = nn.Unfold(kernel_size=2)(img)
print(u.shape, torch.equal(nn.Fold(output_size=(4, 4), kernel_size=2)(u), img), nn.Fold((4, 4), 2), nn.Unfold(2, padding=1))
torch.manual_seed(0)
r = nn.RMSNorm(4)
print(r, r(x), nn.InstanceNorm1d(2)(x.view(1, 2, 4)), nn.InstanceNorm2d(3, affine=True), torch.equal(nn.FeatureAlphaDropout(0.2).eval()(x), x))
print(nn.AdaptiveMaxPool3d(1)(torch.arange(8.).view(1, 1, 2, 2, 2)).flatten(), nn.SyncBatchNorm(3), nn.FractionalMaxPool2d(2, output_size=2))""",
    "cov_embedding_bag": """torch.manual_seed(0)
bag = nn.EmbeddingBag(10, 3, mode='sum')
print(bag, bag(torch.tensor([1, 2, 4, 5, 4, 3, 2, 9]), torch.tensor([0, 4])))
print(F.embedding_bag(torch.tensor([[0, 2], [1, 1]]), torch.arange(9.).view(3, 3), mode='max'))""",
    "cov_losses_extra": """torch.manual_seed(0)
a, b = torch.randn(4, 3), torch.randn(4, 3)
y = torch.tensor([1., -1., 1., -1.])
print(nn.MarginRankingLoss(0.1)(a[:, 0], b[:, 0], y), nn.HingeEmbeddingLoss()(a[:, 0], y), nn.CosineEmbeddingLoss()(a, b, y))
print(nn.SoftMarginLoss()(a[:, 0], y), nn.MultiLabelSoftMarginLoss()(a, (b > 0).float()), nn.MultiLabelMarginLoss()(a, torch.tensor([[2, -1, 0], [0, 1, -1], [1, -1, 0], [2, 1, 0]])))
print(nn.MultiMarginLoss(margin=0.5)(a, torch.tensor([0, 2, 1, 0])), nn.TripletMarginLoss(margin=0.5)(a, b, a.flip(0)), nn.TripletMarginWithDistanceLoss(distance_function=nn.PairwiseDistance())(a, b, a.flip(0)))
print(nn.PoissonNLLLoss()(a, b.abs()), nn.GaussianNLLLoss()(a, b, torch.ones(4, 3) * 0.5), nn.MultiMarginLoss(), nn.TripletMarginLoss(), nn.CTCLoss())
print(F.margin_ranking_loss(a[:, 0], b[:, 0], y, margin=0.2, reduction='sum'), F.hinge_embedding_loss(a[:, 0], y, reduction='none'), F.cosine_embedding_loss(a, b, y, 0.1))
print(F.soft_margin_loss(a[:, 0], y), F.multi_margin_loss(a, torch.tensor([0, 2, 1, 0]), p=2), F.triplet_margin_loss(a, b, a.flip(0), swap=True), F.poisson_nll_loss(a, b.abs(), log_input=True, full=True))
print(F.gaussian_nll_loss(a, b, torch.ones(4, 1), full=True), F.multilabel_soft_margin_loss(a, (b > 0).float(), reduction='sum'))
lp = torch.randn(6, 2, 4).log_softmax(2)
print(F.ctc_loss(lp, torch.tensor([[1, 2], [3, 3]]), [6, 5], [2, 2]), nn.CTCLoss(blank=0, reduction='sum')(lp, torch.tensor([1, 2, 3, 3]), torch.tensor([6, 5]), torch.tensor([2, 2])))""",
    "cov_functional_tail": """x = torch.arange(16.).view(1, 1, 4, 4)
print(F.interpolate(x, scale_factor=0.5, mode='bilinear', align_corners=True), F.interpolate(x[:, :, 0], size=6, mode='linear'), F.interpolate(x, size=(2, 3), mode='nearest'))
print(F.pad(x[0, :, :2], (1, 1), mode='reflect'), F.pad(x[:, :, :2], (2, 1, 1, 0), mode='replicate'), F.pad(x[0, :, :2], (1, 1), mode='circular'), F.pad(x[0, 0, :1], (1, 2), value=-1.0))
a = torch.tensor([[1., 2., 3.], [-1., 0., 2.], [0.5, 0.5, -0.5]])
print(F.cosine_similarity(a, a.roll(1, 0)), F.pairwise_distance(a, a.flip(0), p=1.0), F.pdist(a), F.glu(a[:, :2], dim=1), F.hardshrink(a, 1.0), F.softshrink(a, lambd=0.5))
print(F.pixel_shuffle(torch.arange(8.).view(1, 4, 1, 2), 2).shape, F.pixel_unshuffle(x, 2).shape, F.channel_shuffle(torch.arange(6.).view(1, 6, 1, 1), 3).flatten())
print(F.unfold(x, 2, stride=2), F.fold(F.unfold(x, 2), (4, 4), 2)[0, 0], F.local_response_norm(x.expand(1, 3, 4, 4), 2)[0, :, 0, 0], F.rms_norm(a, (3,)))
print(F.lp_pool1d(x[:, 0], 2, 2), F.max_unpool1d(*F.max_pool1d(x[:, 0], 2, return_indices=True), 2))
theta = torch.tensor([[[1., 0., 0.], [0., 1., 0.]]])
g = F.affine_grid(theta, (1, 1, 2, 2), align_corners=False)
print(g, F.grid_sample(x, g, align_corners=False))""",
    "cov_rnn_extras": """for cls in (nn.RNN, nn.GRU):
    try:
        cls(2, 3, proj_size=1)
    except ValueError as e:
        print(type(e).__name__, e)
torch.manual_seed(0)
lstm = nn.LSTM(2, 4, proj_size=2, batch_first=True)
out, (h, c) = lstm(torch.randn(1, 3, 2))
print(lstm, out.shape, h.shape, c.shape)
cell = nn.GRUCell(2, 3)
print(cell, cell(torch.randn(1, 2)).shape, nn.RNNCell(2, 3, nonlinearity='relu'), nn.LSTMCell(2, 3)(torch.randn(4, 2))[1].shape)""",
    "cov_torch_tail_ops": """x = torch.tensor([3, 1, 2, 3, 1, 5])
print(torch.unique(x), torch.unique(x, return_counts=True), x.unique(sorted=True, return_inverse=True), torch.unique_consecutive(torch.tensor([1, 1, 2, 2, 1])))
print(torch.bincount(x), x.bincount(minlength=8), torch.histc(torch.tensor([1., 2., 1.]), bins=4, min=0, max=3), torch.bucketize(torch.tensor([1, 5, 9]), torch.tensor([1, 3, 5, 7]), right=True))
print(torch.searchsorted(torch.tensor([1, 3, 5, 7]), torch.tensor([3, 6])), torch.searchsorted(torch.tensor([1, 3, 5, 7]), torch.tensor([3, 6]), side='right'))
gx, gy = torch.meshgrid(torch.arange(2), torch.arange(3), indexing='ij')
print(gx, gy, torch.meshgrid([torch.arange(2), torch.arange(2)], indexing='xy')[0], torch.cartesian_prod(torch.tensor([1, 2]), torch.tensor([3, 4])))
f = torch.tensor([[1., 4., 9.], [16., 25., 36.]])
print(torch.diff(f), f.diff(dim=0), torch.diff(f, n=2, prepend=torch.zeros(2, 1)), torch.cross(f, f.flip(1), dim=1), torch.rot90(f), f.rot90(2, (0, 1)))
print(torch.nan_to_num(torch.tensor([float('nan'), float('inf'), -float('inf'), 1.0]), nan=0.5, posinf=9.0), torch.logcumsumexp(f, 1), f.cummax(1), torch.cummin(f.flip(1), dim=1))
print(torch.block_diag(torch.ones(1, 2), torch.tensor([[3.]])), torch.trace(f[:, :2]), f.masked_scatter(f > 10, torch.arange(6.)), torch.ravel(f))
print(torch.atleast_2d(torch.tensor(1.)), torch.atleast_1d(torch.tensor(1.), torch.ones(2)), torch.atleast_3d(f).shape, torch.broadcast_shapes((2, 1), (3,)), torch.result_type(torch.tensor([1]), 1.0), torch.can_cast(torch.float, torch.int))
print(torch.sort(f.flip(1), dim=1, descending=True), torch.topk(f.flatten(), 2), torch.median(f), f.kthvalue(2, dim=1), torch.scatter_reduce(torch.zeros(3), 0, torch.tensor([0, 1, 0]), torch.tensor([1., 2., 3.]), reduce='amax'))
print(torch.cdist(f, f.flip(0)), torch.conv1d(torch.ones(1, 1, 4), torch.ones(1, 1, 2)), torch.dropout(f, 0.5, False), torch.embedding(torch.eye(3), torch.tensor([2, 0])), torch.scalar_tensor(2))""",
    "cov_finfo_iinfo": """print(torch.finfo(torch.float32), torch.finfo(torch.float16).eps, torch.finfo().max, torch.finfo(torch.bfloat16).tiny)
print(torch.iinfo(torch.int32), torch.iinfo(torch.int64).max, torch.iinfo(torch.uint8).min, torch.finfo(torch.float64).bits)
try:
    torch.finfo(torch.int32)
except TypeError as e:
    print(type(e).__name__, e)""",
    "cov_optim_more": """def run(make, steps=3):
    w = torch.tensor([1.5, -2.0], requires_grad=True)
    opt = make([w])
    for _ in range(steps):
        opt.zero_grad()
        loss = ((w - torch.tensor([0.5, 1.0])) ** 2).sum()
        loss.backward()
        opt.step()
    return w.detach()
print(run(lambda p: torch.optim.Adadelta(p, lr=1.0)), run(lambda p: torch.optim.Adamax(p, lr=0.1)), run(lambda p: torch.optim.NAdam(p, lr=0.1)))
print(run(lambda p: torch.optim.RAdam(p, lr=0.1), steps=7), run(lambda p: torch.optim.NAdam(p, lr=0.1, weight_decay=0.1, decoupled_weight_decay=True)))
w = torch.tensor([1.5, -2.0], requires_grad=True)
opt = torch.optim.LBFGS([w], lr=1, max_iter=10)
def closure():
    opt.zero_grad()
    loss = ((w - torch.tensor([0.5, 1.0])) ** 2).sum() + (w ** 4).sum() * 0.1
    loss.backward()
    return loss
print(opt.step(closure), w.detach(), opt)""",
    "cov_schedulers_more": """import torch.optim.lr_scheduler as S
def lrs(make, n=6):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)
    s = make(opt)
    out = []
    for _ in range(n):
        out.append(round(s.get_last_lr()[0], 6))
        opt.step()
        s.step()
    return out
print(lrs(lambda o: S.ConstantLR(o, factor=0.5, total_iters=2)), lrs(lambda o: S.LinearLR(o, start_factor=0.25, total_iters=4)), lrs(lambda o: S.PolynomialLR(o, total_iters=4, power=2.0)))
print(lrs(lambda o: S.CosineAnnealingWarmRestarts(o, T_0=2, T_mult=2, eta_min=0.01)), lrs(lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=2)))
print(lrs(lambda o: S.SequentialLR(o, [S.ConstantLR(o, factor=0.1, total_iters=2), S.ExponentialLR(o, gamma=0.9)], milestones=[2])))
print(lrs(lambda o: S.ChainedScheduler([S.ConstantLR(o, factor=0.1, total_iters=2), S.ExponentialLR(o, gamma=0.9)])))""",
    "cov_rnn_utils": """from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence, pack_sequence, unpad_sequence, unpack_sequence, PackedSequence
seqs = [torch.arange(1., 4.), torch.arange(4., 6.), torch.tensor([6.])]
padded = pad_sequence(seqs, batch_first=True)
print(padded, pad_sequence(seqs, padding_value=-1.0, padding_side='left'))
packed = pack_padded_sequence(padded, [3, 2, 1], batch_first=True)
data, batch_sizes, sorted_indices, unsorted_indices = packed
print(type(packed).__name__, data, batch_sizes, sorted_indices, len(packed), packed.batch_sizes, packed[1])
out, lengths = pad_packed_sequence(packed, batch_first=True, total_length=4)
print(out, lengths)
p2 = pack_sequence([torch.tensor([1., 2.]), torch.tensor([3., 4., 5.])], enforce_sorted=False)
print(p2, unpack_sequence(p2), unpad_sequence(padded, torch.tensor([3, 2, 1]), batch_first=True))
torch.manual_seed(0)
gru = nn.GRU(1, 2, batch_first=True)
po, h = gru(pack_padded_sequence(padded.unsqueeze(-1), torch.tensor([3, 2, 1]), batch_first=True))
print(isinstance(po, PackedSequence), po.data.shape, h, nn.utils.rnn.pad_packed_sequence(po, batch_first=True)[0].shape)
try:
    pack_padded_sequence(padded, [1, 2, 3], batch_first=True)
except RuntimeError as e:
    print(type(e).__name__, e)""",
    "cov_nn_utils_prune_parametrize": """import torch.nn.utils.prune as prune
import torch.nn.utils.parametrize as P
from torch.nn.utils.parametrizations import weight_norm, spectral_norm
torch.manual_seed(0)
lin = nn.Linear(3, 2)
prune.l1_unstructured(lin, 'weight', amount=2)
print(sorted(n for n, _ in lin.named_parameters()), sorted(n for n, _ in lin.named_buffers()), lin.weight_mask, prune.is_pruned(lin))
prune.remove(lin, 'weight')
print(prune.is_pruned(lin), (lin.weight == 0).sum())
prune.random_unstructured(lin, 'bias', amount=0.5)
print(lin.bias_mask.sum())
class Sym(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(-1, -2)
m = nn.Linear(3, 3)
P.register_parametrization(m, 'weight', Sym())
print(P.is_parametrized(m), P.is_parametrized(m, 'bias'), torch.equal(m.weight, m.weight.T), P.type_before_parametrizations(m))
with P.cached():
    print(m.weight is m.weight, torch.equal(m(torch.ones(1, 3)), torch.ones(1, 3) @ m.weight.T + m.bias))
P.remove_parametrizations(m, 'weight')
print(P.is_parametrized(m), torch.equal(m.weight, m.weight.T))
wn = weight_norm(nn.Linear(3, 2))
print(sorted(n for n, _ in wn.named_parameters()), wn(torch.ones(1, 3)))
import warnings
warnings.simplefilter('ignore')
old = nn.utils.weight_norm(nn.Linear(3, 2), dim=0)
print(sorted(n for n, _ in old.named_parameters()), old.weight_g.shape)
nn.utils.remove_weight_norm(old)
print(sorted(n for n, _ in old.named_parameters()))
sn = spectral_norm(nn.Linear(4, 4))
sn.eval()
print(sorted(n for n, _ in sn.named_parameters()), nn.utils.spectral_norm(nn.Linear(2, 2)).weight_orig.shape)""",
}
SNIPPETS.update(COVERAGE_SNIPPETS)

# Llama's rotary embedding (complex64: polar / view_as_complex / view_as_real).
SNIPPETS["rope_complex"] = """def precompute_freqs_cis(dim, end, theta=10000.0):
    freqs = 1.0 / (theta ** (torch.arange(0, dim, 2)[: (dim // 2)].float() / dim))
    t = torch.arange(end, device=freqs.device)
    freqs = torch.outer(t, freqs).float()
    return torch.polar(torch.ones_like(freqs), freqs)
def reshape_for_broadcast(freqs_cis, x):
    shape = [d if i == 1 or i == x.ndim - 1 else 1 for i, d in enumerate(x.shape)]
    return freqs_cis.view(*shape)
def apply_rotary_emb(xq, xk, freqs_cis):
    xq_ = torch.view_as_complex(xq.float().reshape(*xq.shape[:-1], -1, 2))
    xk_ = torch.view_as_complex(xk.float().reshape(*xk.shape[:-1], -1, 2))
    freqs_cis = reshape_for_broadcast(freqs_cis, xq_)
    xq_out = torch.view_as_real(xq_ * freqs_cis).flatten(3)
    xk_out = torch.view_as_real(xk_ * freqs_cis).flatten(3)
    return xq_out.type_as(xq), xk_out.type_as(xk)
fc = precompute_freqs_cis(4, 3)
print(fc, fc.dtype, fc.shape, fc.real, fc.imag, fc.is_complex(), fc.dtype.is_complex, torch.cfloat)
xq = (torch.arange(24.) / 10).reshape(1, 3, 2, 4).requires_grad_()
xk = torch.ones(1, 3, 2, 4)
q, k = apply_rotary_emb(xq, xk, fc)
print(q, k)
(q * torch.arange(24.).reshape(1, 3, 2, 4)).sum().backward()
print(xq.grad)
print(torch.view_as_real(torch.complex(torch.tensor([1., 2.]), torch.tensor([0.5, -1.]))))
try:
    torch.view_as_complex(torch.zeros(3, 3))
except RuntimeError as e:
    print(type(e).__name__, e)"""


def run_snippet(src):
    out = io.StringIO()
    ns = {"__name__": "__main__"}
    with contextlib.redirect_stdout(out):
        exec(compile(PRELUDE + src, "<snippet>", "exec"), ns)
    return out.getvalue()


def run_model(path):
    env = dict(os.environ, PYTHONHASHSEED="0", OMP_NUM_THREADS="1")
    r = subprocess.run([sys.executable, os.path.basename(path)], cwd=os.path.dirname(path), capture_output=True, text=True, env=env, timeout=600)
    if r.returncode != 0:
        raise SystemExit(f"{path} failed:\n{r.stderr}")
    return r.stdout


def main():
    torch_threads()
    snippets = {name: {"source": src, "stdout": run_snippet(src)} for name, src in SNIPPETS.items()}
    with open(os.path.join(HERE, "bindings_snippets.json"), "w") as f:
        json.dump({"prelude": PRELUDE, "cases": snippets}, f, indent=1)
    models_dir = os.path.join(ROOT, "test", "models")
    models = {name: run_model(os.path.join(models_dir, name)) for name in MODELS}
    with open(os.path.join(HERE, "bindings_models.json"), "w") as f:
        json.dump(models, f, indent=1)
    print(f"{len(snippets)} snippets, {len(models)} model files")


def torch_threads():
    import torch
    torch.set_num_threads(1)


if __name__ == "__main__":
    main()
