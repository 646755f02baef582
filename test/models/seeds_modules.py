# Seed examples (torch.nn notes, "attribute" methods): state_dict keys, modules() and named_modules()
# with a shared layer (returned once), parameters(), named_parameters(), children(), named_buffers().
import torch
import torch.nn as nn

torch.manual_seed(0)
module = nn.Linear(20, 1)
print(module.state_dict().keys() == {'weight': 0, 'bias': 0}.keys(), list(module.state_dict().keys()))
print(module.state_dict())

l = nn.Linear(2, 2)
net = nn.Sequential(l, l)
for idx, m in enumerate(net.modules()):
    print(idx, '->', m)
for idx, m in enumerate(net.named_modules()):
    print(idx, '->', m)

model = nn.Sequential(nn.Conv2d(1, 20, 5), nn.ReLU(), nn.Linear(20, 20))
for param in model.parameters():
    print(type(param.data), param.size())
for name, param in model.named_parameters():
    if name in ['2.bias']:
        print(name, param.size())
print([type(c).__name__ for c in model.children()], [n for n, _ in model.named_children()])

bn_net = nn.Sequential(nn.BatchNorm1d(3))
for name, buf in bn_net.named_buffers():
    if name in ['0.running_var']:
        print(name, buf.size(), buf)
