# Training with torch.utils.data: TensorDataset, random_split, a shuffling DataLoader (the batches
# depend on PyTorch's exact RNG order), CrossEntropyLoss and SGD with momentum.
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset, random_split

torch.manual_seed(10)
X = torch.randn(40, 6)
y = (X[:, 0] + X[:, 1] > 0).long()
dataset = TensorDataset(X, y)
train_set, val_set = random_split(dataset, [30, 10])
print(len(train_set), len(val_set), val_set.indices[:5])

train_loader = DataLoader(train_set, batch_size=8, shuffle=True)
val_loader = DataLoader(val_set, batch_size=5)
model = nn.Sequential(nn.Linear(6, 8), nn.ReLU(), nn.Linear(8, 2))
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
loss_fn = nn.CrossEntropyLoss()

for epoch in range(3):
    model.train()
    total = 0.0
    for xb, yb in train_loader:
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        total += loss.item() * xb.size(0)
    model.eval()
    correct = 0
    with torch.no_grad():
        for xb, yb in val_loader:
            correct += (model(xb).argmax(1) == yb).sum().item()
    print(f"epoch {epoch} train_loss {total / len(train_set):.4f} val_acc {correct}/{len(val_set)}")

first = next(iter(DataLoader(dataset, batch_size=4, shuffle=True)))
print([t.shape for t in first], first[1].tolist(), len(train_loader))
