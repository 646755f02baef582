// Per-op overhead of the engine on small tensors (the cost a model's forward pays per op), and
// elementwise throughput on large ones, side by side with PyTorch (1 thread) when it is installed.
import { torch, type Tensor } from '../src/engine';
import { timeIt, pytorch, printTable, type Row } from './util';

interface Case { name: string; small: boolean; make: () => () => unknown; py: string }

const cases: Case[] = [
  { name: 'add 16', small: true, make: () => { const a = torch.ones([16]), b = torch.ones([16]); return () => a.add(b); }, py: 'a=torch.ones(16);b=torch.ones(16);f=lambda: a+b' },
  { name: 'mul scalar 16', small: true, make: () => { const a = torch.ones([16]); return () => a.mul(2); }, py: 'a=torch.ones(16);f=lambda: a*2' },
  { name: 'relu 16', small: true, make: () => { const a = torch.ones([16]); return () => a.relu(); }, py: 'a=torch.ones(16);f=lambda: a.relu()' },
  { name: 'view 4x4', small: true, make: () => { const a = torch.ones([16]); return () => a.view(4, 4); }, py: 'a=torch.ones(16);f=lambda: a.view(4,4)' },
  { name: 'sum 16', small: true, make: () => { const a = torch.ones([16]); return () => a.sum(); }, py: 'a=torch.ones(16);f=lambda: a.sum()' },
  { name: 'add+backward 16', small: true, make: () => { const a = torch.ones([16], { requires_grad: true }); return () => a.add(1).sum().backward(); }, py: 'a=torch.ones(16,requires_grad=True);f=lambda: (a+1).sum().backward()' },
  { name: 'add 1M', small: false, make: () => { const a = torch.ones([1000, 1000]), b = torch.ones([1000, 1000]); return () => a.add(b); }, py: 'a=torch.ones(1000,1000);b=torch.ones(1000,1000);f=lambda: a+b' },
  { name: 'add bcast 1M', small: false, make: () => { const a = torch.ones([1000, 1000]), b = torch.ones([1000]); return () => a.add(b); }, py: 'a=torch.ones(1000,1000);b=torch.ones(1000);f=lambda: a+b' },
  { name: 'exp 1M', small: false, make: () => { const a = torch.ones([1000, 1000]); return () => a.exp(); }, py: 'a=torch.ones(1000,1000);f=lambda: a.exp()' },
  { name: 'sum 1M', small: false, make: () => { const a = torch.ones([1000, 1000]); return () => a.sum(1); }, py: 'a=torch.ones(1000,1000);f=lambda: a.sum(1)' },
  { name: 'transpose+contiguous 1M', small: false, make: () => { const a = torch.ones([1000, 1000]); return () => (a.t() as Tensor).contiguous(); }, py: 'a=torch.ones(1000,1000);f=lambda: a.t().contiguous()' },
];

export function benchOps(): Row[] {
  const py = pytorch(cases.map((c) => ({ name: c.name, setup: c.py })));
  return cases.map((c) => {
    const us = timeIt(c.make()) * 1e3;
    const ref = py?.[c.name];
    return { name: c.name, ours_us: us, torch_us: ref === undefined ? null : ref * 1e3 };
  });
}

if (process.argv[1]?.endsWith('ops.ts')) printTable('engine ops (µs per call)', benchOps());
