# Seed example (torch.nn notes, loss functions): MSELoss on a network output, then the training
# iteration the notes list (predict, loss, backward, step, zero the gradients).
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 3)
        self.fc1 = nn.Linear(6 * 3 * 3, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        return self.fc1(x.view(x.size(0), -1))


torch.manual_seed(0)
net = Net()
input = torch.randn(1, 1, 8, 8)
output = net(input)
target = torch.randn(10)
target = target.view(1, -1)
criterion = nn.MSELoss()
loss = criterion(output, target)
print(loss)
print(loss.grad_fn.name(), loss.grad_fn.next_functions[0][0].name())

optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
for i in range(3):
    optimizer.zero_grad()
    loss = criterion(net(input), target)
    loss.backward()
    print(i, round(loss.item(), 5), net.conv1.bias.grad is not None)
    optimizer.step()
