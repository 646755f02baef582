# MobileNet-style depthwise-separable convolutions (Howard et al., 2017): a per-channel 3x3 conv
# (groups=in_channels) followed by a 1x1 pointwise conv.
import torch
import torch.nn as nn


class DepthwiseSeparable(nn.Module):
    def __init__(self, in_ch, out_ch, stride=1):
        super().__init__()
        self.depthwise = nn.Conv2d(in_ch, in_ch, 3, stride=stride, padding=1, groups=in_ch, bias=False)
        self.bn1 = nn.BatchNorm2d(in_ch)
        self.pointwise = nn.Conv2d(in_ch, out_ch, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_ch)
        self.act = nn.ReLU6(inplace=True)

    def forward(self, x):
        x = self.act(self.bn1(self.depthwise(x)))
        return self.act(self.bn2(self.pointwise(x)))


class TinyMobileNet(nn.Module):
    def __init__(self, num_classes=4):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU6(inplace=True))
        self.blocks = nn.Sequential(DepthwiseSeparable(8, 16), DepthwiseSeparable(16, 32, stride=2), DepthwiseSeparable(32, 32))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, num_classes)

    def forward(self, x):
        x = self.pool(self.blocks(self.stem(x)))
        return self.fc(x.flatten(1))


if __name__ == "__main__":
    torch.manual_seed(3)
    model = TinyMobileNet()
    print(model)
    print("params:", sum(p.numel() for p in model.parameters()))
    print("depthwise weight:", model.blocks[0].depthwise.weight.shape)
    model.eval()
    x = torch.randn(1, 3, 16, 16)
    out = model(x)
    print("output:", out.shape)
    print([round(v, 5) for v in out.flatten().tolist()])
