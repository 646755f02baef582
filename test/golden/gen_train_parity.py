# Writes test/golden/train_parity.json: three models (LeNet-5, a small CNN with BatchNorm, an MLP)
# trained 20 steps on fixed data with SGD+momentum and with Adam in real PyTorch, from one shared
# initial state_dict. The TypeScript twin (test/engine/train_parity.test.ts) loads the same weights
# through load_state_dict and must reproduce every step's loss.
#   ~/.cache/nnlens-ref/bin/python test/golden/gen_train_parity.py
# Tensors are stored int8-quantised (value = q * 2**e, exact in float32) and base64-encoded, so the
# fixture stays ~100 KB while both sides start from bit-identical weights and inputs.
import base64
import json
import math
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_num_threads(1)
STEPS = 20


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def cnn_bn():
    # No conv bias before BatchNorm (as ResNet): its true gradient is 0, so Adam would amplify float
    # noise in it into ±lr steps, and the running means (which include the bias) with it.
    return nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10))


def mlp():
    return nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))


# name -> (builder, input shape, classes)
MODELS = {
    'lenet5': (lenet5, [8, 1, 28, 28], 10),
    'cnn_bn': (cnn_bn, [8, 3, 12, 12], 10),
    'mlp': (mlp, [16, 32], 10),
}
OPTIMIZERS = {
    'sgd_momentum': lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9),
    'adam': lambda ps: torch.optim.Adam(ps, lr=1e-3),
}


def quantise(t):
    """t rounded to int8 steps of a power of two: q * 2**e reproduces the value exactly in float32."""
    t = t.detach().float()
    m = t.abs().max().item()
    e = math.ceil(math.log2(m / 127)) if m > 0 else 0
    q = torch.round(t / 2.0 ** e).clamp(-127, 127).to(torch.int8)
    return q, e


def enc(t):
    """A float tensor as {shape, exp, q}: q the base64 of its int8 values; also returns the exact tensor."""
    if t.dtype == torch.int64:  # num_batches_tracked and targets: plain integers
        return {'shape': list(t.shape), 'dtype': 'int64', 'data': t.reshape(-1).tolist()}, t
    q, e = quantise(t)
    b64 = base64.b64encode(q.numpy().astype(np.int8).tobytes()).decode()
    return {'shape': list(t.shape), 'dtype': 'float32', 'exp': e, 'q': b64}, q.float() * 2.0 ** e


def train(build, state, x, y, make_opt):
    m = build()
    m.load_state_dict(state)
    m.train()
    opt = make_opt(m.parameters())
    losses = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = F.cross_entropy(m(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    m.eval()
    with torch.no_grad():
        eval_loss = F.cross_entropy(m(x), y).item()
    return {'losses': losses, 'eval_loss': eval_loss}


def main():
    doc = {'generator': 'test/golden/gen_train_parity.py', 'torch': torch.__version__, 'steps': STEPS, 'models': {}}
    for name, (build, shape, classes) in MODELS.items():
        m = build()
        state, enc_state = {}, {}
        for k, v in m.state_dict().items():
            enc_state[k], state[k] = enc(v)
        xs, x = enc(torch.randn(shape))
        ys, y = enc(torch.randint(0, classes, (shape[0],)))
        entry = {'state_dict': enc_state, 'x': xs, 'y': ys, 'runs': {}}
        for oname, make_opt in OPTIMIZERS.items():
            entry['runs'][oname] = train(build, state, x, y, make_opt)
        doc['models'][name] = entry
        print(name, {k: [round(v, 4) for v in r['losses'][:3]] for k, r in entry['runs'].items()})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'train_parity.json')
    with open(path, 'w') as f:
        json.dump(doc, f, separators=(',', ':'), allow_nan=False)
        f.write('\n')
    print(f'wrote {path}: {os.path.getsize(path)} bytes')


if __name__ == '__main__':
    main()
