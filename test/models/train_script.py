# A script-style file: no functions, no __main__ guard; it builds data and trains a small MLP at import.
import torch
import torch.nn as nn

torch.manual_seed(9)
X = torch.randn(32, 4)
true_w = torch.tensor([[1.5], [-2.0], [0.5], [3.0]])
y = X @ true_w + 0.1 * torch.randn(32, 1)

model = nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 1))
criterion = nn.MSELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=20)

for epoch in range(20):
    optimizer.zero_grad()
    loss = criterion(model(X), y)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=5.0)
    optimizer.step()
    scheduler.step()
    if epoch % 5 == 0 or epoch == 19:
        print(f"epoch {epoch:2d} loss {loss.item():.5f} lr {scheduler.get_last_lr()[0]:.5f}")

model.eval()
with torch.no_grad():
    print("final:", round(criterion(model(X), y).item(), 4))
