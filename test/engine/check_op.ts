// The golden-fixture harness: builds a case's inputs (including non-contiguous layouts, made with the
// engine's own view ops), runs the op through a name→function table, and compares shape, dtype,
// values, grad_fn and every input gradient with what real PyTorch produced.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { torch, Tensor, TorchError, type DType, type Device } from '../../src/engine';
import type { OpFn, Args } from '../golden/core_ops';

/** A number as the generator encodes it: JSON has no NaN/Infinity, so those come as strings. */
export type Num = number | boolean | 'nan' | 'inf' | '-inf';

export interface TensorSpec { shape: number[]; dtype: DType; data: Num[] }
export interface InputSpec extends TensorSpec {
  requires_grad: boolean;
  /** How to make the leaf non-contiguous; absent for a plain dense tensor. */
  layout?: 'transposed' | 'sliced' | 'expanded';
  /** For 'expanded': the shape of `data`, expanded to `shape`. */
  base_shape?: number[];
}
export interface Tol { rtol?: number; atol?: number }
export interface GoldenCase {
  name: string;
  op: string;
  inputs: InputSpec[];
  args: Args;
  out: TensorSpec;
  grad_fn: string | null;
  /** Present when the output requires grad: the gradient fed to backward. */
  upstream?: TensorSpec;
  grads: (TensorSpec | null)[];
  /**
   * Present when `grads` came from autograd.grad(create_graph=True): the leaves' .grad after
   * backward of sum(grads[i] * weights[i]), a second derivative contracted with random weights.
   */
  second_order?: { weights: (TensorSpec | null)[]; grads: (TensorSpec | null)[] };
  tol?: Tol;
  note?: string;
}
export interface GoldenError {
  name: string;
  op: string;
  inputs: InputSpec[];
  args: Args;
  error: { type: string; message: string };
  /** Raised by a kernel looking at values (division by zero), so the meta device cannot raise it. */
  data_dependent?: boolean;
}
export interface GoldenFile { torch: string; cases: GoldenCase[]; errors: GoldenError[] }

export function loadGolden(file: string): GoldenFile {
  return JSON.parse(readFileSync(new URL(`../golden/${file}`, import.meta.url), 'utf8')) as GoldenFile;
}

const decode = (v: Num): number | boolean => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v);

type Nest = number | boolean | Nest[];
function nest(flat: (number | boolean)[], shape: number[]): Nest {
  if (shape.length === 0) return flat[0];
  const [n, ...rest] = shape;
  const step = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, i) => nest(flat.slice(i * step, (i + 1) * step), rest));
}

/** A dense tensor from a fixture spec (on meta: the shape and dtype only). */
export function tensorOf(spec: TensorSpec, shape: number[] = spec.shape, device: Device = 'cpu'): Tensor {
  // Nested lists cannot carry the inner sizes of an empty tensor ([0, 3] nests to []).
  if (spec.data.length === 0) return torch.zeros(shape, { dtype: spec.dtype, device });
  return torch.tensor(nest(spec.data.map(decode), shape), { dtype: spec.dtype, device });
}

/** The leaf a case feeds the op: dense, or a non-contiguous view detached into its own leaf. */
export function buildInput(spec: InputSpec, device: Device = 'cpu'): Tensor {
  let x: Tensor;
  switch (spec.layout) {
    case undefined:
      x = tensorOf(spec, spec.shape, device);
      break;
    case 'expanded':
      x = tensorOf(spec, spec.base_shape!, device).expand(spec.shape);
      break;
    case 'transposed':
      x = tensorOf(spec, spec.shape, device).transpose(-2, -1).contiguous().transpose(-2, -1);
      break;
    case 'sliced': {
      // Every other element of a wider last dim, starting at 1: non-unit stride and a storage offset.
      const n = spec.shape.at(-1)!;
      const wide = torch.full([...spec.shape.slice(0, -1), 2 * n + 1], 77, { dtype: spec.dtype, device });
      x = wide._slice(-1, 1, null, 2);
      x.copy_(tensorOf(spec, spec.shape, device));
      break;
    }
    default:
      throw new Error(`unknown layout ${String(spec.layout)}`);
  }
  if (spec.layout && spec.layout !== 'expanded') assert.ok(!x.is_contiguous(), `${spec.layout} input should be non-contiguous`);
  x = x.detach();
  if (spec.requires_grad) x.requires_grad_(true);
  return x;
}

type Listed = ReturnType<Tensor['tolist']>;
const flatten = (l: Listed, into: (number | boolean)[] = []): (number | boolean)[] => {
  if (Array.isArray(l)) for (const e of l) flatten(e, into);
  else into.push(l);
  return into;
};
/** The values in row-major order, read through the tensor's strides (tolist), not its storage. */
const flatValues = (t: Tensor): (number | boolean)[] => flatten(t.tolist());

const DEFAULT_TOL: Required<Tol> = { rtol: 1e-5, atol: 1e-6 };

/** Asserts `actual` matches a fixture tensor: shape, dtype, then values (exact for integers and bools). */
export function assertTensorClose(actual: Tensor, expected: TensorSpec, what: string, tol: Tol = {}): void {
  const { rtol, atol } = { ...DEFAULT_TOL, ...tol };
  assert.deepEqual(actual.shape, expected.shape, `${what}: shape`);
  assert.equal(actual.dtype, expected.dtype, `${what}: dtype`);
  const got = flatValues(actual).map(Number);
  const want = expected.data.map((v) => Number(decode(v)));
  const float = expected.dtype.startsWith('float');
  const bad: string[] = [];
  want.forEach((e, i) => {
    const a = got[i];
    const ok = Number.isNaN(e) ? Number.isNaN(a)
      : !float || !Number.isFinite(e) ? a === e
      : Math.abs(a - e) <= atol + rtol * Math.abs(e);
    if (!ok && bad.length < 6) bad.push(`[${i}] got ${a}, expected ${e}`);
  });
  assert.ok(bad.length === 0, `${what}: values differ (rtol ${rtol}, atol ${atol}): ${bad.join('; ')}`);
}

/** Runs one golden case against the engine and checks everything PyTorch recorded. */
export function checkOp(c: GoldenCase, ops: Record<string, OpFn>): void {
  const fn = ops[c.op];
  assert.ok(fn, `no engine function for op '${c.op}'`);
  const xs = c.inputs.map((s) => buildInput(s));
  const out = fn(xs, c.args);
  assert.ok(out instanceof Tensor, `op '${c.op}' returned ${typeof out}, not a Tensor`);
  // A loosened tolerance comes with the generator's reason, shown on failure.
  assertTensorClose(out, c.out, c.note ? `output [${c.note}]` : 'output', c.tol);
  assert.equal(out.grad_fn?.name() ?? null, c.grad_fn, 'grad_fn');
  assert.equal(out.requires_grad, c.upstream !== undefined, 'output requires_grad');
  if (c.upstream === undefined) return;
  if (c.second_order) return checkSecondOrder(c, xs, out);
  out.backward(tensorOf(c.upstream));
  checkGrads(xs.map((x) => x.grad), c.grads, 'grad', c.tol);
}

function checkGrads(got: (Tensor | null)[], want: (TensorSpec | null)[], what: string, tol?: Tol): void {
  got.forEach((g, i) => {
    const w = want[i];
    if (w === null) assert.equal(g, null, `input ${i}: expected no ${what}`);
    else {
      assert.ok(g, `input ${i}: no ${what}`);
      assertTensorClose(g, w, `input ${i} ${what}`, tol);
    }
  });
}

/** First-order grads through autograd.grad(create_graph=True), then backward through them. */
function checkSecondOrder(c: GoldenCase, xs: Tensor[], out: Tensor): void {
  const so = c.second_order!;
  const rg = xs.filter((x) => x.requires_grad);
  const gs = torch.autograd.grad(out, rg, tensorOf(c.upstream!), true, true);
  const first = xs.map((x) => (x.requires_grad ? gs[rg.indexOf(x)] : null));
  checkGrads(first, c.grads, 'grad', c.tol);
  let total: Tensor | null = null;
  first.forEach((g, i) => {
    if (!g) return;
    assert.ok(g.requires_grad, `input ${i}: the gradient should itself require grad under create_graph`);
    const term = g.mul(tensorOf(so.weights[i]!)).sum();
    total = total ? total.add(term) : term;
  });
  total!.backward();
  checkGrads(xs.map((x) => x.grad), so.grads, 'second-order grad', c.tol);
}

/** Runs an error case: the engine must raise PyTorch's exception type with PyTorch's message. */
export function checkError(e: GoldenError, ops: Record<string, OpFn>): void {
  const fn = ops[e.op];
  assert.ok(fn, `no engine function for op '${e.op}'`);
  const xs = e.inputs.map((s) => buildInput(s));
  assert.throws(() => fn(xs, e.args), (err: unknown) => {
    assert.ok(err instanceof TorchError, `expected a TorchError, got ${String(err)}`);
    assert.equal(err.kind, e.error.type, 'exception type');
    assert.equal(err.message, e.error.message, 'message');
    return true;
  });
}

/**
 * The same case on the meta device: the shape/dtype rules must give PyTorch's output shape, dtype and
 * grad_fn, and backward must give each input a gradient of the right shape and dtype, without data.
 */
export function checkOpMeta(c: GoldenCase, ops: Record<string, OpFn>): void {
  const xs = c.inputs.map((s) => buildInput(s, 'meta'));
  const out = ops[c.op](xs, c.args);
  assert.equal(out.device, 'meta', 'output device');
  assert.deepEqual(out.shape, c.out.shape, 'output shape');
  assert.equal(out.dtype, c.out.dtype, 'output dtype');
  assert.equal(out.grad_fn?.name() ?? null, c.grad_fn, 'grad_fn');
  assert.equal(out.requires_grad, c.upstream !== undefined, 'output requires_grad');
  if (c.upstream === undefined) return;
  out.backward(tensorOf(c.upstream, c.upstream.shape, 'meta'));
  xs.forEach((x, i) => {
    const want = c.grads[i];
    if (want === null) return assert.equal(x.grad, null, `input ${i}: expected no gradient`);
    assert.ok(x.grad, `input ${i}: no gradient`);
    assert.equal(x.grad.device, 'meta', `input ${i} grad device`);
    assert.deepEqual(x.grad.shape, want.shape, `input ${i} grad shape`);
    assert.equal(x.grad.dtype, want.dtype, `input ${i} grad dtype`);
  });
}

/** An error case on the meta device: shape and dtype errors read the same without data. */
export function checkErrorMeta(e: GoldenError, ops: Record<string, OpFn>): void {
  const xs = e.inputs.map((s) => buildInput(s, 'meta'));
  assert.throws(() => ops[e.op](xs, e.args), (err: unknown) => {
    assert.ok(err instanceof TorchError, `expected a TorchError, got ${String(err)}`);
    assert.equal(err.kind, e.error.type, 'exception type');
    assert.equal(err.message, e.error.message, 'message');
    return true;
  });
}
