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
