# A model whose forward multiplies mismatched shapes: nnlens must flag the line of fc2's call.
import torch
from torch import nn


class Broken(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 64)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        return self.fc2(x)
