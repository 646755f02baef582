// Pooling kernels (max/avg/adaptive, 1d–3d, forward and backward) against naive references written
// from PyTorch's definitions, against tfjs's cpu pooling kernels where their semantics coincide, and
// the adjoint identity <A x, g> = <x, Aᵀ g> for the linear (average) pools.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import * as B from '../../src/engine/backend/index';
import {
  assertClose, numel, rand, refAdaptive, refAvgPool, refAvgPoolBackward, refMaxPool, refMaxPoolBackward, type RefPool,
} from './backend_reference';

interface Case { name: string; x: number[]; p: RefPool }
const pc = (name: string, x: number[], kernel: number[], stride: number[], padding: number[], extra: Partial<RefPool> = {}): Case =>
  ({ name, x, p: { kernel, stride, padding, ...extra } });

const MAX_CASES: Case[] = [
  pc('2x2 stride 2', [2, 3, 8, 8], [2, 2], [2, 2], [0, 0]),
  pc('ResNet 3x3 s2 p1, odd size', [2, 3, 7, 9], [3, 3], [2, 2], [1, 1]),
  pc('ceil_mode', [1, 2, 5, 5], [2, 2], [2, 2], [0, 0], { ceilMode: true }),
  pc('ceil_mode, last window would start in the padding', [1, 2, 5, 5], [2, 2], [2, 2], [1, 1], { ceilMode: true }),
  pc('ceil_mode k3 s3 p1', [1, 1, 6, 7], [3, 3], [3, 3], [1, 1], { ceilMode: true }),
  pc('dilation 2', [2, 2, 9, 9], [3, 3], [1, 1], [2, 2], { dilation: [2, 2] }),
  pc('dilation, ceil, mixed strides', [1, 2, 10, 11], [3, 2], [2, 3], [1, 1], { dilation: [2, 1], ceilMode: true }),
  pc('non-square kernel', [2, 2, 7, 6], [2, 3], [1, 2], [1, 1]),
  pc('kernel 1', [1, 2, 4, 4], [1, 1], [1, 1], [0, 0]),
  pc('1d', [2, 3, 11], [3], [2], [1]),
  pc('1d dilation ceil', [1, 2, 10], [2], [3], [0], { dilation: [2], ceilMode: true }),
  pc('3d', [1, 2, 5, 6, 7], [2, 3, 2], [2, 2, 1], [1, 1, 0]),
  pc('3d ceil dilation', [1, 2, 7, 6, 8], [2, 2, 3], [2, 3, 2], [1, 0, 1], { dilation: [1, 2, 1], ceilMode: true }),
];

const AVG_CASES: Case[] = [
  pc('2x2 stride 2', [2, 3, 8, 8], [2, 2], [2, 2], [0, 0]),
  pc('3x3 s2 p1 count_include_pad', [2, 3, 7, 9], [3, 3], [2, 2], [1, 1]),
  pc('3x3 s2 p1 exclude pad', [2, 3, 7, 9], [3, 3], [2, 2], [1, 1], { countIncludePad: false }),
  pc('ceil_mode with padding (window clipped at padded edge)', [1, 1, 5, 5], [3, 3], [2, 2], [1, 1], { ceilMode: true }),
  pc('ceil_mode exclude pad', [1, 2, 6, 7], [3, 2], [2, 2], [1, 1], { ceilMode: true, countIncludePad: false }),
  pc('divisor_override', [1, 2, 6, 6], [3, 3], [2, 2], [1, 1], { divisorOverride: 5, ceilMode: true }),
  pc('1d', [2, 3, 11], [3], [2], [1]),
  pc('1d ceil exclude pad', [1, 2, 10], [4], [3], [2], { ceilMode: true, countIncludePad: false }),
  pc('3d', [1, 2, 5, 6, 7], [2, 3, 2], [2, 2, 1], [1, 1, 0]),
  pc('3d ceil divisor', [1, 2, 6, 5, 7], [3, 2, 3], [2, 2, 2], [1, 1, 1], { ceilMode: true, divisorOverride: 7 }),
];

const ADAPTIVE: [string, number[], number[]][] = [
  ['2d uneven windows', [2, 3, 7, 9], [3, 4]],
  ['2d identity', [1, 2, 5, 5], [5, 5]],
  ['2d global', [2, 4, 6, 5], [1, 1]],
  ['2d output larger than input (overlapping)', [1, 1, 3, 3], [5, 4]],
  ['1d', [1, 2, 10], [3]],
  ['3d', [1, 2, 5, 6, 7], [2, 3, 4]],
];

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

function suite(backend: B.BackendName): void {
  describe(`pooling kernels on ${backend}`, () => {
    before(async () => {
      assert.equal(await B.initBackend({ backend }), backend);
    });
    for (const c of MAX_CASES) {
      it(`max pool ${c.name}`, () => {
        const x = rand(numel(c.x), 21);
        const ref = refMaxPool(x, c.x, c.p);
        const r = B.maxPool(x, c.x, c.p);
        assert.deepEqual(r.shape, ref.shape);
        assertClose(r.data, ref.data, `${c.name}: values`, 0, 0);
        assert.deepEqual(Array.from(r.indices), ref.indices, `${c.name}: indices`);
        const gy = rand(r.data.length, 22);
        assertClose(B.maxPoolBackward(gy, r.indices, c.x), refMaxPoolBackward(gy, ref.indices, c.x), `${c.name}: grad`, 1e-6, 1e-6);
      });
    }
    for (const c of AVG_CASES) {
      it(`avg pool ${c.name}`, () => {
        const x = rand(numel(c.x), 31);
        const ref = refAvgPool(x, c.x, c.p);
        const r = B.avgPool(x, c.x, c.p);
        assert.deepEqual(r.shape, ref.shape);
        assertClose(r.data, ref.data, `${c.name}: values`, 1e-6, 1e-6);
        const gy = rand(r.data.length, 32);
        const dx = B.avgPoolBackward(gy, c.x, c.p);
        assertClose(dx, refAvgPoolBackward(gy, c.x, c.p), `${c.name}: grad`, 1e-6, 1e-6);
        // The gradient is the adjoint of the (linear) forward.
        assert.ok(Math.abs(dot(r.data, gy) - dot(x, dx)) < 1e-4, `${c.name}: adjoint identity`);
      });
    }
    for (const [name, xs, out] of ADAPTIVE) {
      it(`adaptive avg/max pool ${name}`, () => {
        const x = rand(numel(xs), 41);
        const avg = B.adaptiveAvgPool(x, xs, out);
        const refA = refAdaptive(x, xs, out, 'avg');
        assert.deepEqual(avg.shape, refA.shape);
        assertClose(avg.data, refA.data, `${name}: avg`, 1e-6, 1e-6);
        const gy = rand(avg.data.length, 42);
        const dx = B.adaptiveAvgPoolBackward(gy, xs, out);
        assert.ok(Math.abs(dot(avg.data, gy) - dot(x, dx)) < 1e-4, `${name}: adjoint identity`);
        const mx = B.adaptiveMaxPool(x, xs, out);
        const refM = refAdaptive(x, xs, out, 'max');
        assertClose(mx.data, refM.data, `${name}: max`, 0, 0);
        assert.deepEqual(Array.from(mx.indices), refM.indices, `${name}: max indices`);
        assertClose(B.maxPoolBackward(gy, mx.indices, xs), refMaxPoolBackward(gy, refM.indices, xs), `${name}: max grad`, 1e-6, 1e-6);
      });
    }
  });
}

suite('wasm');
suite('cpu');

/** tfjs's cpu pooling, NHWC converted here. */
function onTfjsCpu<T>(f: () => T): T {
  const prev = tf.getBackend();
  void tf.setBackend('cpu');
  try {
    let out: T | undefined;
    tf.tidy(() => {
      out = f();
    });
    return out as T;
  } finally {
    void tf.setBackend(prev);
  }
}

describe('pooling kernels match tfjs cpu where the semantics coincide', () => {
  before(async () => {
    await B.initBackend({ backend: 'wasm' });
  });
  // tfjs pads with "excluded" cells for both pools and has no dilation or PyTorch ceil_mode.
  const cases: [number[], number, number, number][] = [[[2, 3, 8, 8], 2, 2, 0], [[2, 4, 9, 7], 3, 2, 1], [[1, 2, 10, 10], 3, 1, 1]];
  for (const [xs, k, s, p] of cases) {
    it(`2d k${k} s${s} p${p} on ${JSON.stringify(xs)}: max, argmax, avg (exclude pad) and gradients`, () => {
      const x = rand(numel(xs), 51);
      const params = { kernel: [k, k], stride: [s, s], padding: [p, p], countIncludePad: false };
      const mine = B.maxPool(x, xs, params);
      const mineAvg = B.avgPool(x, xs, params);
      const gy = rand(mine.data.length, 52);
      const mineMaxGrad = B.maxPoolBackward(gy, mine.indices, xs);
      const mineAvgGrad = B.avgPoolBackward(gy, xs, params);
      const [N, C, H, W] = xs;
      const want = onTfjsCpu(() => {
        const xt = tf.transpose(tf.tensor4d(x, xs as [number, number, number, number]), [0, 2, 3, 1]) as tf.Tensor4D;
        const nchw = (t: tf.Tensor) => Array.from(tf.transpose(t, [0, 3, 1, 2]).dataSync());
        const y = tf.maxPool(xt, k, s, p);
        const gyt = tf.transpose(tf.tensor4d(gy, mine.shape as [number, number, number, number]), [0, 2, 3, 1]);
        const maxGrad = tf.engine().runKernel('MaxPoolGrad', { dy: gyt, input: xt, output: y }, { filterSize: k, strides: s, pad: p }) as tf.Tensor;
        const avgGrad = tf.engine().runKernel('AvgPoolGrad', { dy: gyt, input: xt }, { filterSize: k, strides: s, pad: p }) as tf.Tensor;
        const arg = p === 0 ? nchw(tf.maxPoolWithArgmax(xt, k, s, 'valid', false).indexes) : null;
        return { max: nchw(y), avg: nchw(tf.avgPool(xt, k, s, p)), maxGrad: nchw(maxGrad), avgGrad: nchw(avgGrad), arg };
      });
      assertClose(mine.data, want.max, 'max', 0, 0);
      assertClose(mineAvg.data, want.avg, 'avg', 1e-6, 1e-6);
      assertClose(mineMaxGrad, want.maxGrad, 'max grad', 1e-6, 1e-6);
      // tfjs's AvgPoolGrad divides by the full window even where its forward excluded the padding
      // (the gradient of a different function), so it is a reference only without padding.
      if (p === 0) assertClose(mineAvgGrad, want.avgGrad, 'avg grad', 1e-6, 1e-6);
      if (want.arg) {
        // tfjs's argmax is ((y·W)+x)·C + c inside one batch item; PyTorch's is y·W + x inside the plane.
        const perPlane = mine.data.length / (N * C);
        for (let o = 0; o < mine.indices.length; o++) {
          const c = Math.floor(o / perPlane) % C;
          assert.equal(mine.indices[o], (want.arg[o] - c) / C, `argmax ${o} (H ${H}, W ${W})`);
        }
      }
    });
  }
  it('3d max and avg pool match tfjs maxPool3d/avgPool3d', () => {
    const xs = [1, 2, 6, 5, 7];
    const x = rand(numel(xs), 61);
    const params = { kernel: [2, 2, 3], stride: [2, 1, 2], padding: [0, 0, 0] };
    const want = onTfjsCpu(() => {
      const xt = tf.transpose(tf.tensor5d(x, xs as [number, number, number, number, number]), [0, 2, 3, 4, 1]) as tf.Tensor5D;
      const back = (t: tf.Tensor) => Array.from(tf.transpose(t, [0, 4, 1, 2, 3]).dataSync());
      return { max: back(tf.maxPool3d(xt, [2, 2, 3], [2, 1, 2], 'valid')), avg: back(tf.avgPool3d(xt, [2, 2, 3], [2, 1, 2], 'valid')) };
    });
    assertClose(B.maxPool(x, xs, params).data, want.max, 'max3d', 0, 0);
    assertClose(B.avgPool(x, xs, params).data, want.avg, 'avg3d', 1e-6, 1e-6);
  });
});

describe('pooling kernels: PyTorch corner semantics', () => {
  it('a NaN wins the max (index of the NaN), ties keep the first, -inf windows point at the first cell', () => {
    const x = Float32Array.from([1, NaN, 3, 2, 5, 5, 5, 1, -Infinity, -Infinity, -Infinity, -Infinity]);
    const r = B.maxPool(x, [1, 3, 2, 2], { kernel: [2, 2], stride: [2, 2], padding: [0, 0] });
    assert.ok(Number.isNaN(r.data[0]));
    assert.deepEqual(Array.from(r.indices), [1, 0, 0]);
    assert.deepEqual(Array.from(r.data.slice(1)), [5, -Infinity]);
    const a = B.adaptiveMaxPool(x, [1, 3, 2, 2], [1, 1]);
    assert.deepEqual(Array.from(a.indices), [1, 0, 0]);
  });
  it('keeps float64 exact and returns the input storage type', () => {
    const x = Float64Array.from([0.1, 0.2, 0.3, 0.4]);
    const r = B.avgPool(x, [1, 1, 2, 2], { kernel: [2, 2], stride: [2, 2], padding: [0, 0] });
    assert.ok(r.data instanceof Float64Array);
    assert.equal(r.data[0], (0.1 + 0.2 + 0.3 + 0.4) / 4);
    assert.ok(B.maxPool(x, [1, 1, 2, 2], { kernel: [1, 1], stride: [1, 1], padding: [0, 0] }).data instanceof Float64Array);
  });
  it('uses PyTorch error wording', () => {
    const x = rand(50, 1);
    const err = (f: () => unknown, re: RegExp) => assert.throws(f, (e: unknown) => e instanceof B.BackendError && re.test(e.message));
    err(() => B.maxPool(x, [1, 2, 5, 5], { kernel: [3, 3], stride: [1, 1], padding: [2, 2] }),
      /^maxPool: pad should be at most half of effective kernel size, but got pad=2, kernel_size=3 and dilation=1$/);
    err(() => B.avgPool(x, [1, 2, 5, 5], { kernel: [3, 3], stride: [1, 1], padding: [2, 2] }), /pad should be at most half/);
    err(() => B.maxPool(rand(8, 1), [1, 2, 2, 2], { kernel: [3, 3], stride: [3, 3], padding: [0, 0] }),
      /Given input size: \(2x2x2\)\. Calculated output size: \(2x0x0\)\. Output size is too small/);
    err(() => B.maxPool(x, [1, 2, 5, 5], { kernel: [2, 2], stride: [0, 1], padding: [0, 0] }), /stride should be greater than zero/);
    err(() => B.maxPool(x, [1, 2, 5, 5], { kernel: [0, 2], stride: [1, 1], padding: [0, 0] }), /kernel_size must be greater than zero/);
    err(() => B.maxPool(x, [1, 2, 5, 5], { kernel: [2, 2], stride: [1, 1], padding: [0, 0], dilation: [0, 1] }), /dilation should be greater than zero/);
    err(() => B.avgPool(x, [1, 2, 5, 5], { kernel: [2, 2], stride: [1, 1], padding: [0, 0], divisorOverride: 0 }), /divisor must be not zero/);
    err(() => B.maxPoolBackward(rand(3, 1), new Int32Array(3), [1, 2, 5, 5]), /grad_output has 3 elements, not a multiple of the 2 planes/);
    err(() => B.maxPoolBackward(rand(2, 1), Int32Array.from([0, 25]), [1, 2, 5, 5]), /index 25 is outside a plane of 25 elements/);
    err(() => B.avgPoolBackward(rand(3, 1), [1, 2, 5, 5], { kernel: [2, 2], stride: [2, 2], padding: [0, 0] }), /grad_output has 3 elements but its shape \[1, 2, 2, 2\] needs 8/);
    err(() => B.adaptiveAvgPool(rand(0, 1), [1, 2, 0, 5], [2, 2]), /non-zero size for non-batch dimensions/);
  });
});
