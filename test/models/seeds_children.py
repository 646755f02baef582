# Seed example (torch.nn notes, modules() vs children(), eval() vs train()): the notes' Net defines
# self.layer but forward uses self.layer1, so calling it raises AttributeError naming 'layer1'.
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_dim, n_hidden_1, n_hidden_2, out_dim):
        super().__init__()
        self.layer = nn.Sequential(
            nn.Linear(in_dim, n_hidden_1),
            nn.ReLU(True)
        )
        self.layer2 = nn.Sequential(
            nn.Linear(n_hidden_1, n_hidden_2),
            nn.ReLU(True),
        )
        self.layer3 = nn.Linear(n_hidden_2, out_dim)

    def forward(self, x):
        x = self.layer1(x)
        x = self.layer2(x)
        x = self.layer3(x)
        return x


net = Net(4, 8, 8, 2)
print(len(list(net.modules())), [type(m).__name__ for m in net.modules()])
print(len(list(net.children())), [type(m).__name__ for m in net.children()])
try:
    net(torch.ones(1, 4))
except AttributeError as e:
    print("AttributeError:", e)

bn = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4))
try:
    bn(torch.ones(1, 3))
except ValueError as e:
    print("ValueError:", e)
bn.eval()
print(bn.training, bn[1].training, bn(torch.ones(1, 3)).shape)
bn.train()
print(bn.training, bn[1].training)
