# Seed examples (torch.nn notes, nn.Sequential): positional layers, and named layers via OrderedDict.
from collections import OrderedDict

import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(1, 20, 5),
    nn.ReLU(),
    nn.Conv2d(20, 64, 5),
    nn.ReLU()
)
print(model)
model = nn.Sequential(OrderedDict([
    ('conv1', nn.Conv2d(1, 20, 5)),
    ('relu1', nn.ReLU()),
    ('conv2', nn.Conv2d(20, 64, 5)),
    ('relu2', nn.ReLU())
]))
print(model)
print(model.conv1, model[2])
print(model(torch.zeros(1, 1, 12, 12)).shape)
