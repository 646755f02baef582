# The model of the splitnet package; imports its blocks relatively.
import torch.nn as nn

from .layers import ConvBNAct, head
from . import layers


class SplitNet(nn.Module):
    def __init__(self, classes=3):
        super().__init__()
        self.body = nn.Sequential(ConvBNAct(3, 6), ConvBNAct(6, 12, stride=2))
        self.head = layers.head(12, classes) if classes else head(12, 1)

    def forward(self, x):
        return self.head(self.body(x))
