# Seed example (torch.nn notes, .to()): casting a Linear's floating-point parameters in place.
# (The notes' cuda:1 step needs a GPU; this keeps the dtype and cpu moves.)
import torch
import torch.nn as nn

torch.manual_seed(0)
linear = nn.Linear(2, 2)
print(linear.weight)
print(linear.to(torch.double))
print(linear.weight)
print(linear.to(dtype=torch.half, non_blocking=True))
print(linear.weight)
cpu = torch.device("cpu")
print(linear.to(cpu))
print(linear.weight)
print(linear.float().weight.dtype, linear.double().bias.dtype)
