# Driver for the splitnet package (a model split across files with relative imports).
import torch
from splitnet import SplitNet
from splitnet.layers import ConvBNAct

if __name__ == "__main__":
    torch.manual_seed(8)
    model = SplitNet()
    print(model)
    print(type(model.body[0]).__name__, isinstance(model.body[0], ConvBNAct), type(model).__module__)
    print("params:", sum(p.numel() for p in model.parameters()))
    x = torch.randn(2, 3, 8, 8)
    out = model(x)
    print("output:", out.shape)
    print([round(v, 5) for v in out.flatten().tolist()])
