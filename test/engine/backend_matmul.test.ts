// matmul (every internal path: JS for tiny products, one GEMM, folded broadcasts, tfjs's batched kernel,
// per-item GEMMs; all transposes), unsortedSegmentSum and the unary functions, against naive
// references and tfjs's cpu backend.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import * as B from '../../src/engine/backend/index';
import { assertClose, rand, refMatmul } from './backend_reference';

type MM = [name: string, batch: number, m: number, k: number, n: number, aBatch: number, bBatch: number];
const MM_CASES: MM[] = [
  ['tiny (JS loop)', 1, 2, 3, 4, 1, 1],
  ['tiny batched (JS loop)', 3, 2, 5, 3, 3, 3],
  ['one GEMM', 1, 33, 47, 29, 1, 1],
  ['batched small items (tfjs batched kernel)', 8, 16, 16, 16, 8, 8],
  ['batched large items (GEMM per item)', 3, 40, 50, 30, 3, 3],
  ['b broadcast (folded into one GEMM)', 4, 20, 30, 25, 4, 1],
  ['a broadcast (one wide GEMM)', 4, 20, 30, 25, 1, 4],
  ['vector times matrix', 1, 1, 300, 200, 1, 1],
  ['matrix times vector, batched', 5, 64, 64, 1, 5, 5],
];

function suite(backend: B.BackendName): void {
  describe(`matmul on ${backend}`, () => {
    before(async () => {
      assert.equal(await B.initBackend({ backend }), backend);
    });
    for (const [name, batch, m, k, n, aB, bB] of MM_CASES) {
      for (const [tA, tB] of [[false, false], [true, false], [false, true], [true, true]]) {
        it(`${name}: batch ${batch} ${m}x${k}x${n} transA=${tA} transB=${tB}`, () => {
          const a = rand(aB * m * k, 1 + m);
          const b = rand(bB * k * n, 2 + n);
          const out = B.matmul(a, b, batch, m, k, n, tA, tB);
          assert.ok(out instanceof Float32Array);
          assertClose(out, refMatmul(a, b, batch, m, k, n, tA, tB), name, 1e-5, 1e-4);
        });
      }
    }
  });
}

suite('wasm');
suite('cpu');

describe('matmul: against tfjs cpu, empty sizes, errors', () => {
  before(async () => {
    await B.initBackend({ backend: 'wasm' });
  });
  it('matches tfjs cpu matMul with broadcast batch dims', () => {
    const a = rand(5 * 12 * 9, 3);
    const b = rand(9 * 7, 4);
    const mine = B.matmul(a, b, 5, 12, 9, 7, false, false);
    const prev = tf.getBackend();
    void tf.setBackend('cpu');
    const want = tf.tidy(() => tf.matMul(tf.tensor3d(a, [5, 12, 9]), tf.tensor3d(b, [1, 9, 7])).dataSync());
    void tf.setBackend(prev);
    assertClose(mine, want, 'vs tfjs', 1e-5, 1e-5);
  });
  it('returns zeros for k = 0 and empty arrays for empty outputs', () => {
    assert.deepEqual(Array.from(B.matmul(new Float32Array(0), new Float32Array(0), 2, 2, 0, 3)), new Array(12).fill(0));
    assert.equal(B.matmul(new Float32Array(0), rand(12, 1), 1, 0, 4, 3).length, 0);
  });
  it('accepts Float64Array operands', () => {
    const a = Float64Array.from(rand(64 * 64, 5));
    const out = B.matmul(a, a, 1, 64, 64, 64);
    assertClose(out, refMatmul(a, a, 1, 64, 64, 64, false, false), 'float64 in', 1e-4, 1e-4);
  });
  it('names the operand and the expected sizes on a length mismatch', () => {
    assert.throws(() => B.matmul(rand(10, 1), rand(12, 1), 2, 2, 3, 2), (e: unknown) =>
      e instanceof B.BackendError && e.message === 'matmul: a has 10 elements; expected 2x2x3 = 12, or 6 for one matrix broadcast over the batch');
    assert.throws(() => B.matmul(rand(6, 1), rand(7, 1), 1, 2, 3, 2, false, true), /matmul: b has 7 elements; expected 1x2x3 = 6/);
    assert.throws(() => B.matmul(rand(6, 1), rand(6, 1), 1, 2, 3.5, 2), /matmul: k must be an integer >= 0, got 3.5/);
  });
});

describe('unsortedSegmentSum', () => {
  it('adds rows into their segments (embedding gradient), rows of 1 and of 5', () => {
    for (const rowSize of [1, 5]) {
      const ids = Int32Array.from([3, 0, 3, 1, 3, 0]);
      const data = rand(ids.length * rowSize, 7);
      const out = B.unsortedSegmentSum(data, ids, 5, rowSize);
      const want = new Float64Array(5 * rowSize);
      ids.forEach((id, i) => { for (let j = 0; j < rowSize; j++) want[id * rowSize + j] += data[i * rowSize + j]; });
      assertClose(out, want, `rowSize ${rowSize}`, 1e-6, 1e-6);
      assert.deepEqual(Array.from(out.slice(4 * rowSize)), new Array(rowSize).fill(0), 'untouched segment is zero');
    }
  });
  it('keeps float64 exact and accepts int64 ids stored as Float64Array', () => {
    const out = B.unsortedSegmentSum(Float64Array.from([0.1, 0.2, 0.3]), Float64Array.from([1, 1, 0]), 2, 1);
    assert.ok(out instanceof Float64Array);
    assert.deepEqual(Array.from(out), [0.3, 0.1 + 0.2]);
  });
  it('raises IndexError for an id out of range', () => {
    assert.throws(() => B.unsortedSegmentSum(rand(4, 1), Int32Array.from([0, 1, 4, 2]), 4, 1), (e: unknown) =>
      e instanceof B.BackendError && e.kind === 'IndexError' && /index out of range in self \(segment id 4 at position 2, 4 segments\)/.test(e.message));
    assert.throws(() => B.unsortedSegmentSum(rand(4, 1), Int32Array.from([0, -1, 0, 0]), 4, 1), /index out of range in self/);
    assert.throws(() => B.unsortedSegmentSum(rand(5, 1), Int32Array.from([0, 1]), 4, 2), /data has 5 elements but 2 segment ids of rows of 2 need 4/);
  });
});

describe('unary', () => {
  before(async () => {
    await B.initBackend({ backend: 'wasm' });
  });
  const mathRef: Record<B.UnaryName, (v: number) => number> = {
    exp: Math.exp, log: Math.log, tanh: Math.tanh, sigmoid: (v) => 1 / (1 + Math.exp(-v)), erf: B.erf,
    gelu: (v) => 0.5 * v * (1 + B.erf(v * Math.SQRT1_2)), silu: (v) => v / (1 + Math.exp(-v)),
    softplus: (v) => (v > 20 ? v : Math.log1p(Math.exp(v))), log1p: Math.log1p, expm1: Math.expm1,
    sqrt: Math.sqrt, rsqrt: (v) => 1 / Math.sqrt(v), sin: Math.sin, cos: Math.cos,
  };
  for (const name of B.UNARY_NAMES) {
    it(`${name}: tfjs path (large array) and JS path (small array) agree with Math`, () => {
      const positive = ['log', 'sqrt', 'rsqrt', 'log1p'].includes(name);
      const big = rand(20000, 9).map((v) => (positive ? (v + 0.5) * 8 + 1e-3 : v * 16));
      if (name === 'softplus') big[0] = 25;
      const want = Array.from(big, mathRef[name]);
      assertClose(B.unary(name, big), want, `${name} tfjs`, 2e-6, 2e-5);
      const small = big.slice(0, 100);
      assert.deepEqual(Array.from(B.unary(name, small)), Array.from(Float32Array.from(small, mathRef[name])), `${name} JS`);
      const f64 = Float64Array.from(big.slice(0, 5000));
      const r64 = B.unary(name, f64);
      assert.ok(r64 instanceof Float64Array);
      assert.deepEqual(Array.from(r64), Array.from(f64, mathRef[name]), `${name} float64 stays in JS`);
    });
  }
  it('erf matches tabulated values to 1e-13', () => {
    const table: [number, number][] = [[0, 0], [1e-10, 1.1283791670955126e-10], [0.1, 0.1124629160182849], [0.5, 0.5204998778130465],
      [1, 0.8427007929497149], [2, 0.9953222650189527], [2.5, 0.999593047982555], [3, 0.9999779095030014], [4, 0.9999999845827421], [-1.5, -0.9661051464753108]];
    for (const [x, want] of table) assert.ok(Math.abs(B.erf(x) - want) <= 1e-13 * Math.max(1e-10, Math.abs(want)) + 1e-16, `erf(${x}) = ${B.erf(x)}, want ${want}`);
    assert.ok(Number.isNaN(B.erf(NaN)));
    assert.equal(B.erf(Infinity), 1);
  });
  it('rejects an unknown function name', () => {
    assert.throws(() => B.unary('cosh' as B.UnaryName, rand(3, 1)), /unary: unknown function 'cosh'; known: exp, log/);
  });
});
