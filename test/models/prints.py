# A test model whose constructor prints (as minGPT prints its parameter count), and whose __main__
# block raises: `nnlens inspect --json` keeps stdout one JSON document; `nnlens run` shows the traceback.
import torch
import torch.nn as nn


class Printer(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(6, 3)
        print("number of parameters: %.2fM" % (sum(p.numel() for p in self.parameters()) / 1e6,))

    def forward(self, x):
        return self.fc(x).relu()


def main():
    model = Printer()
    y = model(torch.ones(2, 6))
    print(tuple(y.shape))
    raise ValueError("bad value: %d" % y.shape[1])


if __name__ == "__main__":
    main()
