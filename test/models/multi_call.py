# A test model: one module called several times, a tuple output and a dict output, a BatchNorm1d
# with running-stat buffers, and an nn.Sequential subclass built by a zero-argument factory.
import torch
import torch.nn as nn
import torch.nn.functional as F


class Trunk(nn.Sequential):
    def __init__(self, dim):
        super().__init__(nn.Linear(dim, dim), nn.ReLU(), nn.BatchNorm1d(dim))


class TwoHeads(nn.Module):
    def __init__(self, dim=12, classes=3):
        super().__init__()
        self.trunk = Trunk(dim)
        self.shared = nn.Linear(dim, dim)
        self.cls = nn.Linear(dim, classes)
        self.reg = nn.Linear(dim, 1)

    def forward(self, x, y):
        a = self.shared(self.trunk(x))
        b = self.shared(self.trunk(y))
        a = self.shared(F.gelu(a))
        return (self.cls(a), self.reg(b)), {"sum": a + b, "prod": a * b}


def make_model():
    return TwoHeads()


if __name__ == "__main__":
    m = make_model()
    out = m(torch.randn(4, 12), torch.randn(4, 12))
