# A VGG-style network built from a configuration list: 3x3 convs with BatchNorm, max pools, a classifier.
import torch
import torch.nn as nn

CFG = [8, 8, "M", 16, "M", 32, "M"]


def make_layers(cfg, batch_norm=True):
    layers = []
    in_channels = 3
    for v in cfg:
        if v == "M":
            layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
        else:
            conv = nn.Conv2d(in_channels, v, kernel_size=3, padding=1)
            if batch_norm:
                layers += [conv, nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
            else:
                layers += [conv, nn.ReLU(inplace=True)]
            in_channels = v
    return nn.Sequential(*layers)


class VGG(nn.Module):
    def __init__(self, features, num_classes=5):
        super().__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.classifier = nn.Sequential(nn.Linear(32, 16), nn.ReLU(True), nn.Dropout(p=0.5), nn.Linear(16, num_classes))

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = x.view(x.size(0), -1)
        return self.classifier(x)


if __name__ == "__main__":
    torch.manual_seed(1)
    model = VGG(make_layers(CFG))
    print(model)
    print("params:", sum(p.numel() for p in model.parameters()))
    model.eval()
    x = torch.randn(2, 3, 16, 16)
    with torch.no_grad():
        out = model(x)
    print("output:", out.shape)
    print([round(v, 5) for v in out.flatten().tolist()])
    print("buffers:", [n for n, _ in model.named_buffers()][:3])
