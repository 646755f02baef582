# A DenseNet-style network (Huang et al., 2017): each layer's output is concatenated onto its input.
import torch
import torch.nn as nn
import torch.nn.functional as F


class DenseLayer(nn.Module):
    def __init__(self, in_channels, growth_rate):
        super().__init__()
        self.norm = nn.BatchNorm2d(in_channels)
        self.conv = nn.Conv2d(in_channels, growth_rate, kernel_size=3, padding=1, bias=False)

    def forward(self, x):
        new = self.conv(F.relu(self.norm(x)))
        return torch.cat([x, new], 1)


class DenseBlock(nn.Sequential):
    def __init__(self, num_layers, in_channels, growth_rate):
        super().__init__()
        for i in range(num_layers):
            self.add_module("denselayer%d" % (i + 1), DenseLayer(in_channels + i * growth_rate, growth_rate))


class Transition(nn.Sequential):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.add_module("norm", nn.BatchNorm2d(in_channels))
        self.add_module("relu", nn.ReLU(inplace=True))
        self.add_module("conv", nn.Conv2d(in_channels, out_channels, kernel_size=1, bias=False))
        self.add_module("pool", nn.AvgPool2d(kernel_size=2, stride=2))


class TinyDenseNet(nn.Module):
    def __init__(self, growth_rate=4, num_classes=3):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, kernel_size=3, padding=1, bias=False)
        self.block1 = DenseBlock(3, 8, growth_rate)
        c = 8 + 3 * growth_rate
        self.trans1 = Transition(c, c // 2)
        self.block2 = DenseBlock(2, c // 2, growth_rate)
        c = c // 2 + 2 * growth_rate
        self.norm = nn.BatchNorm2d(c)
        self.classifier = nn.Linear(c, num_classes)

    def forward(self, x):
        x = self.block2(self.trans1(self.block1(self.stem(x))))
        x = F.relu(self.norm(x))
        x = F.adaptive_avg_pool2d(x, (1, 1)).flatten(1)
        return self.classifier(x)


if __name__ == "__main__":
    torch.manual_seed(2)
    model = TinyDenseNet()
    print(model)
    print("params:", sum(p.numel() for p in model.parameters()))
    x = torch.randn(2, 3, 8, 8)
    out = model(x)
    print("output:", out.shape)
    print([round(v, 5) for v in out.flatten().tolist()])
    print("running_mean:", [round(v, 5) for v in model.norm.running_mean.tolist()[:4]])
