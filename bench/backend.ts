// Backend kernel benchmarks: our kernels (JS arrays in and out, copies and layout conversions
// included) against raw tfjs-wasm on tensors already resident in the wasm heap, and against PyTorch
// with one thread. Run: node --import tsx bench/backend.ts  (also called by `npm run bench`).
import * as tf from '@tensorflow/tfjs-core';
import * as B from '../src/engine/backend/index';
import { unaryJsByName } from '../src/engine/backend/unary';
import { pytorch, timeIt } from './util';

export interface BackendRow {
  name: string;
  /** Median ms per call (compared with PyTorch's median). */
  ours_ms: number;
  /** Best ms per call of ours and of raw tfjs-wasm on resident tensors, measured interleaved. */
  ours_min_ms?: number;
  raw_min_ms?: number;
  torch_ms: number | null;
  note?: string;
}

function rand(n: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = Math.random() - 0.5;
  return a;
}
const numel = (s: number[]) => s.reduce((a, b) => a * b, 1);

interface Case {
  name: string;
  ours: () => () => unknown;
  raw?: () => () => unknown;
  /** Python defining f (torch and F imported). */
  py: string;
  note?: string;
}

const p2 = (s: number, pad: number) => ({ stride: [s, s], padding: [pad, pad, pad, pad], dilation: [1, 1], groups: 1 });

function convCases(name: string, xs: number[], ws: number[], s: number, pad: number): Case[] {
  const x = rand(numel(xs));
  const w = rand(numel(ws));
  const params = p2(s, pad);
  const y = B.conv2d(x, xs, w, ws, params);
  const gy = rand(y.data.length);
  const pyInit = `x=torch.randn(${xs});w=torch.randn(${ws});gy=torch.randn(${y.shape});F=torch.nn.functional;`;
  const raw = () => {
    const xt = tf.randomNormal([xs[0], xs[2], xs[3], xs[1]]) as tf.Tensor4D;
    const wt = tf.randomNormal([ws[2], ws[3], ws[1], ws[0]]) as tf.Tensor4D;
    return () => tf.conv2d(xt, wt, s, [[0, 0], [pad, pad], [pad, pad], [0, 0]]).dispose();
  };
  return [
    { name: `${name} fwd`, ours: () => () => B.conv2d(x, xs, w, ws, params), raw, py: `${pyInit}f=lambda: F.conv2d(x,w,None,${s},${pad})` },
    {
      name: `${name} grad input`, ours: () => () => B.conv2dBackwardInput(gy, y.shape, w, ws, xs, params),
      py: `${pyInit}f=lambda: torch.ops.aten.convolution_backward(gy,x,w,None,[${s},${s}],[${pad},${pad}],[1,1],False,[0,0],1,[True,False,False])`,
    },
    {
      name: `${name} grad weight`, ours: () => () => B.conv2dBackwardWeight(x, xs, gy, y.shape, ws, params),
      py: `${pyInit}f=lambda: torch.ops.aten.convolution_backward(gy,x,w,None,[${s},${s}],[${pad},${pad}],[1,1],False,[0,0],1,[False,True,False])`,
    },
  ];
}

/** An NHWC tfjs op applied to NCHW data the way a kernel would: copy in, transpose, op, transpose, read. */
function viaTfjs(x: Float32Array, shape: number[], op: (t: tf.Tensor4D) => tf.Tensor4D): Float32Array {
  let out: Float32Array = new Float32Array(0);
  tf.tidy(() => {
    const t = tf.transpose(tf.tensor4d(x, shape as [number, number, number, number]), [0, 2, 3, 1]) as tf.Tensor4D;
    out = tf.transpose(op(t), [0, 3, 1, 2]).dataSync() as Float32Array;
  });
  return out;
}

function cases(): Case[] {
  const n = 512;
  const a = rand(n * n);
  const b = rand(n * n);
  const small = rand(16 * 16);
  const pool = rand(8 * 64 * 32 * 32);
  const big = rand(1 << 20);
  const list: Case[] = [
    {
      name: 'matmul 512x512x512', ours: () => () => B.matmul(a, b, 1, n, n, n),
      raw: () => { const ta = tf.tensor2d(a, [n, n]); const tb = tf.tensor2d(b, [n, n]); return () => tf.matMul(ta, tb).dispose(); },
      py: 'a=torch.randn(512,512);b=torch.randn(512,512);f=lambda: a@b',
    },
    {
      name: 'matmul 512 transB (a@b.T)', ours: () => () => B.matmul(a, b, 1, n, n, n, false, true),
      raw: () => { const ta = tf.tensor2d(a, [n, n]); const tb = tf.tensor2d(b, [n, n]); return () => tf.matMul(ta, tb, false, true).dispose(); },
      py: 'a=torch.randn(512,512);b=torch.randn(512,512);f=lambda: a@b.T', note: 'raw uses tfjs\'s transposeB flag',
    },
    {
      name: 'bmm 32x64x64x64', ours: () => () => B.matmul(a.subarray(0, 32 * 4096), b.subarray(0, 32 * 4096), 32, 64, 64, 64),
      raw: () => { const ta = tf.tensor3d(a.subarray(0, 32 * 4096), [32, 64, 64]); const tb = tf.tensor3d(b.subarray(0, 32 * 4096), [32, 64, 64]); return () => tf.matMul(ta, tb).dispose(); },
      py: 'a=torch.randn(32,64,64);b=torch.randn(32,64,64);f=lambda: torch.bmm(a,b)', note: 'raw = tfjs batched kernel',
    },
    ...convCases('LeNet conv1 32x1x28x28 k5', [32, 1, 28, 28], [6, 1, 5, 5], 1, 0),
    ...convCases('LeNet conv2 32x6x12x12 k5', [32, 6, 12, 12], [16, 6, 5, 5], 1, 0),
    ...convCases('ResNet stem 8x3x64x64 k7 s2', [8, 3, 64, 64], [64, 3, 7, 7], 2, 3),
    ...convCases('ResNet 8x64x16x16 k3', [8, 64, 16, 16], [64, 64, 3, 3], 1, 1),
    ...convCases('ResNet down 8x64x16x16 k3 s2', [8, 64, 16, 16], [128, 64, 3, 3], 2, 1),
    ...convCases('ResNet 8x256x4x4 k3', [8, 256, 4, 4], [256, 256, 3, 3], 1, 1),
    {
      name: 'maxPool 8x64x32x32 k2 s2', ours: () => () => B.maxPool(pool, [8, 64, 32, 32], { kernel: [2, 2], stride: [2, 2], padding: [0, 0] }),
      raw: () => { const t = tf.tensor4d(pool, [8, 32, 32, 64]); return () => tf.maxPool(t, 2, 2, 'valid').dispose(); },
      py: 'x=torch.randn(8,64,32,32);f=lambda: torch.nn.functional.max_pool2d(x,2,2,return_indices=True)', note: 'ours also returns indices',
    },
    {
      name: 'maxPool via tfjs incl. NCHW copies', ours: () => () => viaTfjs(pool, [8, 64, 32, 32], (t) => tf.maxPool(t, 2, 2, 'valid')),
      py: 'x=torch.randn(8,64,32,32);f=lambda: torch.nn.functional.max_pool2d(x,2,2)', note: 'the alternative to our JS loop: no indices, no NaN propagation',
    },
    {
      name: 'avgPool 8x64x32x32 k3 s2 p1', ours: () => () => B.avgPool(pool, [8, 64, 32, 32], { kernel: [3, 3], stride: [2, 2], padding: [1, 1] }),
      raw: () => { const t = tf.tensor4d(pool, [8, 32, 32, 64]); return () => tf.avgPool(t, 3, 2, 1).dispose(); },
      py: 'x=torch.randn(8,64,32,32);f=lambda: torch.nn.functional.avg_pool2d(x,3,2,1)',
    },
    {
      name: 'avgPool via tfjs incl. NCHW copies', ours: () => () => viaTfjs(pool, [8, 64, 32, 32], (t) => tf.avgPool(t, 3, 2, 1)),
      py: 'x=torch.randn(8,64,32,32);f=lambda: torch.nn.functional.avg_pool2d(x,3,2,1,count_include_pad=False)', note: 'the alternative: excludes padding only',
    },
    { name: 'overhead: matmul 4x4x4', ours: () => () => B.matmul(small.subarray(0, 16), small.subarray(0, 16), 1, 4, 4, 4), py: 'a=torch.randn(4,4);f=lambda: a@a' },
    { name: 'overhead: matmul 16x16x16', ours: () => () => B.matmul(small, small, 1, 16, 16, 16), py: 'a=torch.randn(16,16);f=lambda: a@a' },
    { name: 'overhead: conv2d 1x1x8x8 k3', ours: () => () => B.conv2d(small.subarray(0, 64), [1, 1, 8, 8], small.subarray(0, 9), [1, 1, 3, 3], p2(1, 1)), py: 'x=torch.randn(1,1,8,8);w=torch.randn(1,1,3,3);f=lambda: torch.nn.functional.conv2d(x,w,None,1,1)' },
    { name: 'overhead: maxPool 1x1x8x8', ours: () => () => B.maxPool(small.subarray(0, 64), [1, 1, 8, 8], { kernel: [2, 2], stride: [2, 2], padding: [0, 0] }), py: 'x=torch.randn(1,1,8,8);f=lambda: torch.nn.functional.max_pool2d(x,2)' },
  ];
  for (const name of ['exp', 'tanh', 'sigmoid', 'gelu'] as const) {
    const torchFn = name === 'gelu' ? 'torch.nn.functional.gelu(x)' : `torch.${name}(x)`;
    list.push({ name: `${name} 1M via tfjs (incl. copies)`, ours: () => () => B.unary(name, big), py: `x=torch.randn(1<<20);f=lambda: ${torchFn}` });
    list.push({ name: `${name} 1M JS Math loop`, ours: () => () => unaryJsByName(name, big), py: `x=torch.randn(1<<20);f=lambda: ${torchFn}` });
  }
  return list;
}

/**
 * Best time per call of each function, calls interleaved (a, b, a, b, ...) for at least `minMs`: the
 * ratio of two minimums measured side by side survives a loaded machine far better than medians.
 */
function interleavedMin(fns: (() => unknown)[], minMs = 400): number[] {
  for (const f of fns) { f(); f(); }
  const best = fns.map(() => Infinity);
  const start = performance.now();
  let rounds = 0;
  while (performance.now() - start < minMs || rounds < 5) {
    fns.forEach((f, i) => {
      const t0 = performance.now();
      f();
      best[i] = Math.min(best[i], performance.now() - t0);
    });
    rounds++;
  }
  return best;
}

export async function benchBackend(): Promise<BackendRow[]> {
  const backend = await B.initBackend();
  const list = cases();
  const py = pytorch(list.map((c) => ({ name: c.name, setup: c.py })));
  const rows: BackendRow[] = [];
  for (const c of list) {
    const ours = c.ours();
    const pair = c.raw ? interleavedMin([ours, c.raw()]) : null;
    rows.push({ name: c.name, ours_ms: timeIt(ours), ours_min_ms: pair?.[0], raw_min_ms: pair?.[1], torch_ms: py?.[c.name] ?? null, note: c.note });
  }
  if (B.memory().numTensors > 0) console.warn('note: raw-tfjs fixtures stay resident (expected)');
  console.log(`\n## backend kernels on ${backend} (ours: JS arrays in/out, copies included)`);
  console.log(`${'kernel'.padEnd(38)} ${'ours ms'.padStart(9)} ${'torch ms'.padStart(9)} ${'×torch'.padStart(7)} ${'best ours'.padStart(10)} ${'best raw'.padStart(9)} ${'raw/ours'.padStart(9)}`);
  for (const r of rows) {
    const frac = r.raw_min_ms && r.ours_min_ms ? `${((r.raw_min_ms / r.ours_min_ms) * 100).toFixed(0)}%` : '';
    const vsTorch = r.torch_ms ? (r.ours_ms / r.torch_ms).toFixed(2) : '';
    console.log(`${r.name.padEnd(38)} ${r.ours_ms.toFixed(3).padStart(9)} ${(r.torch_ms?.toFixed(3) ?? 'n/a').padStart(9)} ${vsTorch.padStart(7)} ${(r.ours_min_ms?.toFixed(3) ?? '').padStart(10)} ${(r.raw_min_ms?.toFixed(3) ?? '').padStart(9)} ${frac.padStart(9)}${r.note ? '  ' + r.note : ''}`);
  }
  console.log('×torch: median ours / median PyTorch (1 thread, separate process). raw/ours: best raw tfjs-wasm time on');
  console.log('resident tensors as a fraction of our best (100% = no overhead), the two measured interleaved.');
  return rows;
}

if (require.main === module) void benchBackend();
