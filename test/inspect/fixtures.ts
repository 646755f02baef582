// The inspector's PyTorch fixture (test/golden/inspect.json, from gen_inspect.py) and helpers that
// compare a report with it: parameters, buffers, per-module calls, output, repr, MACs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InspectReport, TensorTree } from '../../src/protocol/report';

export interface Case {
  file: string;
  model: string;
  inputs?: string[];
  inputs_expr?: string;
  class: string;
  output: TensorTree;
  modules: { name: string; type: string; params: number; calls: { inputs: TensorTree[]; output: TensorTree }[] }[];
  parameters: { name: string; shape: number[]; dtype: string; requires_grad: boolean; shared_with: string | null }[];
  buffers: { name: string; shape: number[]; dtype: string; persistent: boolean }[];
  totals: { params: number; trainable_params: number; buffers: number };
  flops: number;
  repr: string;
}

export const ROOT = join(__dirname, '..', '..');
export const golden = JSON.parse(readFileSync(join(ROOT, 'test', 'golden', 'inspect.json'), 'utf8')) as { cases: Case[] };
export const caseFor = (file: string): Case => golden.cases.find((c) => c.file === file)!;

/** Asserts that a report shows what PyTorch showed for the same model and inputs. */
export function assertMatchesTorch(r: InspectReport, c: Case, o: { macs?: boolean } = {}): void {
  assert.equal(r.class, c.class);
  assert.deepEqual(r.parameters, c.parameters, 'parameters');
  assert.deepEqual(r.buffers, c.buffers, 'buffers');
  assert.deepEqual(r.modules.map((m) => [m.name, m.type]), c.modules.map((m) => [m.name, m.type]), 'named_modules');
  for (const [i, m] of c.modules.entries()) {
    assert.deepEqual(r.modules[i].calls, m.calls, `calls of module '${m.name}'`);
    assert.equal(r.modules[i].params, m.params, `params of '${m.name}'`);
  }
  assert.deepEqual(r.output, c.output, 'output');
  assert.equal(r.repr, c.repr, 'repr');
  assert.equal(r.totals.params, c.totals.params);
  assert.equal(r.totals.trainable_params, c.totals.trainable_params);
  assert.equal(r.totals.buffers, c.totals.buffers);
  if (o.macs !== false) assert.equal(r.totals.mult_adds, c.flops / 2, 'MACs = torch.utils.flop_counter FLOPs / 2');
}
