// Runs the layer fixtures of test/golden/layers_*.json (from gen_layers.py): builds the layer with
// PyTorch's positional arguments, loads PyTorch's initial parameters and buffers, then checks every
// step (train/eval): outputs, grad_fn, input and parameter gradients, buffers after the step; and
// the same forward on the meta device (shapes only).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nn, torch, Tensor } from '../../src/engine';
import { no_grad } from '../../src/engine/autograd/grad_mode';
import { assertTensorClose, tensorOf, type TensorSpec, type Tol } from './check_op';

export interface Step {
  mode: 'train' | 'eval';
  inputs: TensorSpec[];
  outs: TensorSpec[];
  grad_fn: string | null;
  upstream?: TensorSpec;
  input_grads?: (TensorSpec | null)[];
  param_grads?: Record<string, TensorSpec | null>;
  buffers_after?: Record<string, TensorSpec>;
}
export interface LayerCase {
  name: string;
  layer?: string;
  fn?: string;
  args: unknown[];
  seed: number | null;
  repr?: string;
  params?: Record<string, TensorSpec>;
  buffers?: Record<string, TensorSpec>;
  steps: Step[];
}
export interface LayerFile { torch: string; cases: LayerCase[] }

export function loadLayers<T = LayerFile>(family: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'golden', `layers_${family}.json`), 'utf8')) as T;
}

type Module = InstanceType<typeof nn.Module>;
type Ctor = new (...args: unknown[]) => Module;
type Fn = (...args: unknown[]) => unknown;

export function buildLayer(c: LayerCase): Module {
  const ctor = (nn as unknown as Record<string, Ctor>)[c.layer!];
  assert.ok(ctor, `nn.${c.layer} is missing`);
  return new ctor(...c.args);
}

function loadState(m: Module, c: LayerCase): void {
  assert.deepEqual([...m.named_parameters()].map(([n]) => n), Object.keys(c.params!), 'parameter names');
  assert.deepEqual([...m.named_buffers()].map(([n]) => n), Object.keys(c.buffers!), 'buffer names');
  no_grad(() => {
    for (const [n, p] of m.named_parameters()) p.copy_(tensorOf(c.params![n]));
    for (const [n, b] of m.named_buffers()) b.copy_(tensorOf(c.buffers![n]));
  });
}

const isFloat = (s: TensorSpec) => s.dtype.startsWith('float');
const leaves = (step: Step, device: 'cpu' | 'meta' = 'cpu') => step.inputs.map((s) => {
  const t = tensorOf(s, s.shape, device);
  return isFloat(s) ? t.requires_grad_(true) : t;
});
const outsOf = (r: unknown): Tensor[] => (Array.isArray(r) ? r : [r]) as Tensor[];

/** Runs a case's call: the layer's forward, or F.<fn>(...inputs, ...args). Inputs go in as clones (in-place layers). */
function caller(c: LayerCase, m: Module | null): (xs: Tensor[]) => unknown {
  const args = (xs: Tensor[]) => xs.map((x) => (x.is_floating_point() ? x.clone() : x));
  if (m) return (xs) => m.call(...args(xs));
  const fn = (nn.functional as unknown as Record<string, Fn>)[c.fn!];
  assert.ok(fn, `F.${c.fn} is missing`);
  return (xs) => fn(...args(xs), ...c.args);
}

export function checkLayerCase(c: LayerCase, tol: Tol = {}): void {
  const m = c.layer ? buildLayer(c) : null;
  if (m) {
    assert.equal(m.__repr__(), c.repr, 'repr');
    loadState(m, c);
  }
  const call = caller(c, m);
  c.steps.forEach((step, k) => {
    const at = `step ${k} (${step.mode})`;
    if (m) {
      m.train(step.mode === 'train');
      m.zero_grad(true);
    }
    const xs = leaves(step);
    if (c.seed !== null) torch.manual_seed(c.seed);
    const outs = outsOf(call(xs));
    assert.equal(outs.length, step.outs.length, `${at}: number of outputs`);
    outs.forEach((o, i) => assertTensorClose(o, step.outs[i], `${at} output ${i}`, tol));
    assert.equal(outs[0].grad_fn?.name() ?? null, step.grad_fn, `${at}: grad_fn`);
    if (step.upstream) {
      outs[0].backward(tensorOf(step.upstream));
      step.input_grads!.forEach((g, i) => {
        if (g === null) return assert.equal(xs[i].grad, null, `${at}: input ${i} should get no grad`);
        assert.ok(xs[i].grad, `${at}: input ${i} got no grad`);
        assertTensorClose(xs[i].grad!, g, `${at} input ${i} grad`, tol);
      });
      if (m) {
        for (const [n, p] of m.named_parameters()) {
          const g = step.param_grads![n];
          if (g === null) assert.equal(p.grad, null, `${at}: ${n} should get no grad`);
          else assertTensorClose(p.grad!, g, `${at} ${n}.grad`, tol);
        }
      }
    }
    if (m && step.buffers_after) {
      for (const [n, b] of m.named_buffers()) assertTensorClose(b, step.buffers_after[n], `${at} buffer ${n}`, tol);
    }
  });
  if (m && !MODE_DEPENDENT.test(c.layer!)) {
    // Layers without train/eval behaviour give the same output in the other mode.
    const step = c.steps[0];
    m.train(step.mode !== 'train');
    outsOf(call(leaves(step))).forEach((o, i) => assertTensorClose(o, step.outs[i], `${step.mode === 'train' ? 'eval' : 'train'} mode output ${i}`, tol));
  }
}

// RReLU and FractionalMaxPool draw on every call, so a rerun cannot reproduce the step either.
const MODE_DEPENDENT = /Dropout|BatchNorm|InstanceNorm|RReLU|Fractional/;

/** The first step again on the meta device: PyTorch's output shapes and dtypes, no data touched. */
export function checkLayerMeta(c: LayerCase): void {
  const m = c.layer ? buildLayer(c).to('meta') : null;
  const step = c.steps[0];
  if (m) m.train(step.mode === 'train');
  // Seeded dropout draws nothing on meta; non-dropout calls ignore the seed.
  const outs = outsOf(caller(c, m)(leaves(step, 'meta')));
  outs.forEach((o, i) => {
    assert.equal(o.device, 'meta', `meta output ${i} device`);
    assert.deepEqual(o.shape, step.outs[i].shape, `meta output ${i} shape`);
    assert.equal(o.dtype, step.outs[i].dtype, `meta output ${i} dtype`);
  });
}
