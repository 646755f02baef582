# Seed example (torch.nn notes, nn.Sequential with a Lambda module), with the notes' indentation fixed:
# a custom Module wrapping a function, in a Sequential of strided convs, trained one SGD step.
import torch
import torch.nn as nn
from torch import optim


class Lambda(nn.Module):
    def __init__(self, func):
        super().__init__()
        self.func = func

    def forward(self, x):
        return self.func(x)


def preprocess(x):
    return x.view(-1, 1, 28, 28)


torch.manual_seed(0)
lr = 0.1
model = nn.Sequential(
    Lambda(preprocess),
    nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.Conv2d(16, 10, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.AvgPool2d(4),
    Lambda(lambda x: x.view(x.size(0), -1)),
)
opt = optim.SGD(model.parameters(), lr=lr, momentum=0.9)
print(model)
xb = torch.randn(4, 784)
yb = torch.tensor([1, 0, 3, 9])
loss_func = nn.functional.cross_entropy
for step in range(2):
    loss = loss_func(model(xb), yb)
    loss.backward()
    opt.step()
    opt.zero_grad()
    print(step, round(loss.item(), 5))
print(model(xb).shape)
