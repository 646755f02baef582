# A test model with the classic mistake: layers kept in a plain Python list are not registered,
# so model.parameters() misses them; plus one registered layer that forward never uses.
import torch
import torch.nn as nn


class ListMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [nn.Linear(20, 20) for _ in range(2)]
        self.out = nn.Linear(20, 5)
        self.unused = nn.Linear(20, 20)

    def forward(self, x):
        for layer in self.layers:
            x = torch.relu(layer(x))
        return self.out(x)
