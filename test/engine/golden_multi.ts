// Registers every case of a gen_shape_matmul.py fixture as tests on cpu and meta: single-output cases
// through check_op.ts, multi-output ones (split, unbind, ...) here — each output's values and
// grad_fn, then one backward over all outputs. Composite ops (einsum) are checked without grad_fn.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { torch, Tensor, type Device } from '../../src/engine';
import { checkOp, checkError, checkOpMeta, checkErrorMeta, loadGolden, buildInput, tensorOf, assertTensorClose,
  type GoldenCase, type TensorSpec } from './check_op';
import type { MultiOpFn } from '../golden/shape_matmul';
import type { OpFn } from '../golden/core_ops';

interface MultiCase extends GoldenCase { outs?: TensorSpec[]; grad_fns?: (string | null)[]; upstreams?: TensorSpec[]; grad_fn_unchecked?: boolean }

function checkMulti(c: MultiCase, ops: Record<string, MultiOpFn>, device: Device): void {
  const xs = c.inputs.map((s) => buildInput(s, device));
  const outs = ops[c.op](xs, c.args);
  assert.ok(Array.isArray(outs), `${c.op} should return a list`);
  assert.equal(outs.length, c.outs!.length, 'number of outputs');
  outs.forEach((o, i) => {
    if (device === 'cpu') assertTensorClose(o, c.outs![i], `output ${i}`, c.tol);
    else assert.deepEqual(o.shape, c.outs![i].shape, `output ${i} shape`);
    assert.equal(o.grad_fn?.name() ?? null, c.grad_fns![i], `output ${i} grad_fn`);
  });
  if (!c.upstreams) return;
  const ups = c.upstreams.map((u) => tensorOf(u, u.shape, device));
  torch.autograd.backward(outs.filter((o) => o.requires_grad), ups.filter((_, i) => outs[i].requires_grad));
  xs.forEach((x, i) => {
    const want = c.grads[i];
    if (want === null) return assert.equal(x.grad, null, `input ${i}: expected no gradient`);
    assert.ok(x.grad, `input ${i}: no gradient`);
    if (device === 'cpu') assertTensorClose(x.grad, want, `input ${i} grad`, c.tol);
    else assert.deepEqual(x.grad.shape, want.shape, `input ${i} grad shape`);
  });
}

/** For composites PyTorch builds from internal ops, the engine's own grad_fn stands in for PyTorch's. */
function withEngineGradFn(c: MultiCase, ops: Record<string, OpFn>, device: Device): GoldenCase {
  if (!c.grad_fn_unchecked) return c;
  const out = ops[c.op](c.inputs.map((s) => buildInput(s, device)), c.args);
  return { ...c, grad_fn: out.grad_fn?.name() ?? null };
}

export function registerGolden(file: string, ops: Record<string, MultiOpFn>): void {
  const golden = loadGolden(file);
  const single = ops as Record<string, OpFn>;
  const cases = golden.cases as MultiCase[];
  describe(`${file}: outputs and gradients`, () => {
    for (const c of cases) {
      test(c.name, () => (c.outs ? checkMulti(c, ops, 'cpu') : checkOp(withEngineGradFn(c, single, 'cpu'), single)));
    }
  });
  describe(`${file}: errors`, () => {
    for (const e of golden.errors) test(e.name, () => checkError(e, single));
  });
  describe(`${file}: meta device`, () => {
    for (const c of cases) {
      test(c.name, () => (c.outs ? checkMulti(c, ops, 'meta') : checkOpMeta(withEngineGradFn(c, single, 'meta'), single)));
    }
    for (const e of golden.errors) test(`error: ${e.name}`, () => checkErrorMeta(e, single));
  });
  test(`${file}: the TS op table and the fixture name the same ops`, () => {
    const used = new Set([...golden.cases, ...golden.errors].map((c) => c.op));
    assert.deepEqual([...used].filter((op) => !(op in ops)), [], 'ops in the fixture without an engine function');
    assert.deepEqual(Object.keys(ops).filter((op) => !used.has(op)), [], 'engine functions no case exercises');
  });
}

export { Tensor };
