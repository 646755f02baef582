# A test model for operation counting: attention written with matmul and einsum inside a module's
# own forward (no leaf layers do the work), a 1-d convolution, a grouped 2-d convolution, a
# functional convolution and a transposed convolution.
import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class Attention(nn.Module):
    def __init__(self, dim=32, heads=4):
        super().__init__()
        self.heads = heads
        self.wq = nn.Parameter(torch.randn(dim, dim) / math.sqrt(dim))
        self.wk = nn.Parameter(torch.randn(dim, dim) / math.sqrt(dim))
        self.wv = nn.Parameter(torch.randn(dim, dim) / math.sqrt(dim))
        self.proj = nn.Linear(dim, dim)

    def forward(self, x):
        B, T, C = x.shape
        q = (x @ self.wq).view(B, T, self.heads, C // self.heads).transpose(1, 2)
        k = (x @ self.wk).view(B, T, self.heads, C // self.heads).transpose(1, 2)
        v = torch.matmul(x, self.wv).view(B, T, self.heads, C // self.heads).transpose(1, 2)
        att = torch.einsum("bhqd,bhkd->bhqk", q, k) / math.sqrt(C // self.heads)
        y = att.softmax(dim=-1) @ v
        return self.proj(y.transpose(1, 2).reshape(B, T, C))


# nnlens: input=2,8,16
class ConvAttn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(8, 32, 3, padding=1)
        self.grouped = nn.Conv2d(32, 32, 3, padding=1, groups=4)
        self.attn = Attention(32, 4)
        self.smooth = nn.Parameter(torch.ones(32, 1, 3) / 3)
        self.up = nn.ConvTranspose1d(32, 16, 2, stride=2)

    def forward(self, x):
        h = self.conv(x)
        h = self.grouped(h.unsqueeze(-1)).squeeze(-1)
        h = F.conv1d(h, self.smooth, padding=1, groups=32)
        h = self.attn(h.transpose(1, 2))
        return self.up(h.transpose(1, 2))
