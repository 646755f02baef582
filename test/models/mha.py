# A test model for attention counting: nn.MultiheadAttention (batch_first, returning weights) and
# F.scaled_dot_product_attention with a causal mask.
import torch
import torch.nn as nn
import torch.nn.functional as F


class MHABlock(nn.Module):
    def __init__(self, dim=32, heads=4):
        super().__init__()
        self.heads = heads
        self.mha = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.qkv = nn.Linear(dim, 3 * dim)

    def forward(self, x):
        y, w = self.mha(x, x, x)
        B, T, C = y.shape
        q, k, v = self.qkv(y).view(B, T, 3, self.heads, C // self.heads).permute(2, 0, 3, 1, 4)
        z = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return z.transpose(1, 2).reshape(B, T, C), w


if __name__ == "__main__":
    print(MHABlock()(torch.randn(2, 10, 32))[0].shape)
