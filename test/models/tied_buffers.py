# A test model: tied weights, a parameter held directly by the root module, a parameter in a
# ParameterList, persistent and non-persistent buffers, and a frozen layer.
import torch
import torch.nn as nn


class TiedNet(nn.Module):
    def __init__(self, vocab=50, dim=16):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.scale = nn.Parameter(torch.ones(dim))
        self.extras = nn.ParameterList([nn.Parameter(torch.zeros(dim)), nn.Parameter(torch.zeros(dim))])
        self.norm = nn.LayerNorm(dim)
        self.frozen = nn.Linear(dim, dim)
        for p in self.frozen.parameters():
            p.requires_grad = False
        self.head = nn.Linear(dim, vocab, bias=False)
        self.head.weight = self.embed.weight
        self.register_buffer("position", torch.arange(8))
        self.register_buffer("cache", torch.zeros(2, dim), persistent=False)

    def forward(self, ids):
        x = self.embed(ids) * self.scale + self.extras[0] + self.extras[1]
        x = self.frozen(self.norm(x))
        return self.head(x)


if __name__ == "__main__":
    model = TiedNet()
    print(model(torch.randint(0, 50, (2, 8))).shape)
