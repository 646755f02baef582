# LeNet-5 (LeCun et al., 1998) for 1x28x28 inputs: conv-pool-conv-pool then three linear layers.
import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, kernel_size=5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, num_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


if __name__ == "__main__":
    torch.manual_seed(0)
    model = LeNet()
    print(model)
    print("params:", sum(p.numel() for p in model.parameters()))
    x = torch.randn(2, 1, 28, 28)
    out = model(x)
    print("output:", out.shape)
    print([round(v, 5) for v in out[0].tolist()])
    print(out.argmax(dim=1).tolist())
