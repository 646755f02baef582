// The backend's convolution and pooling kernels against real PyTorch results (test/golden/
// backend_conv_pool.json, written by test/golden/gen_backend.py): outputs, indices and gradients.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as B from '../../src/engine/backend/index';
import { assertClose } from './backend_reference';

interface ConvCase {
  name: string; x_shape: number[]; w_shape: number[]; params: B.ConvParams;
  x: number[]; w: number[]; gy: number[]; y_shape: number[]; y: number[]; dx: number[]; dw: number[];
}
interface TransposeCase {
  name: string; in_shape: number[]; w_shape: number[]; out_shape: number[]; params: B.ConvParams;
  input: number[]; w: number[]; out: number[];
}
interface PoolCase {
  kind: 'max' | 'avg' | 'adaptive_avg' | 'adaptive_max'; name: string; x_shape: number[]; x: number[];
  params?: B.PoolParams; output_size?: number[]; indices?: number[]; gy: number[]; y_shape: number[]; y: number[]; dx: number[];
}

const golden = JSON.parse(readFileSync(join(__dirname, '../golden/backend_conv_pool.json'), 'utf8')) as {
  torch: string; conv: ConvCase[]; conv_transpose: TransposeCase[]; pool: PoolCase[];
};
const f32 = (v: number[]) => Float32Array.from(v);

const CONV = {
  3: [B.conv1d, B.conv1dBackwardInput, B.conv1dBackwardWeight],
  4: [B.conv2d, B.conv2dBackwardInput, B.conv2dBackwardWeight],
  5: [B.conv3d, B.conv3dBackwardInput, B.conv3dBackwardWeight],
} as const;

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`backend kernels vs PyTorch ${golden.torch} on ${backend}`, () => {
    before(async () => {
      await B.initBackend({ backend });
    });
    for (const c of golden.conv) {
      it(`conv ${c.name}`, () => {
        const [fwd, bi, bw] = CONV[c.x_shape.length as 3 | 4 | 5];
        const y = fwd(f32(c.x), c.x_shape, f32(c.w), c.w_shape, c.params);
        assert.deepEqual(y.shape, c.y_shape);
        assertClose(y.data, c.y, 'y');
        assertClose(bi(f32(c.gy), c.y_shape, f32(c.w), c.w_shape, c.x_shape, c.params).data, c.dx, 'dx');
        assertClose(bw(f32(c.x), c.x_shape, f32(c.gy), c.y_shape, c.w_shape, c.params).data, c.dw, 'dw');
      });
    }
    for (const c of golden.conv_transpose) {
      it(`conv_transpose2d ${c.name} = conv2dBackwardInput with the output size`, () => {
        const r = B.conv2dBackwardInput(f32(c.input), c.in_shape, f32(c.w), c.w_shape, c.out_shape, c.params);
        assert.deepEqual(r.shape, c.out_shape);
        assertClose(r.data, c.out, 'out');
      });
    }
    for (const c of golden.pool) {
      it(`${c.kind} pool ${c.name}`, () => {
        const x = f32(c.x);
        const gy = f32(c.gy);
        let y: { data: Float32Array; shape: number[]; indices?: Int32Array };
        let dx: Float32Array;
        if (c.kind === 'max') {
          y = B.maxPool(x, c.x_shape, c.params!);
          dx = B.maxPoolBackward(gy, y.indices!, c.x_shape);
        } else if (c.kind === 'avg') {
          y = B.avgPool(x, c.x_shape, c.params!);
          dx = B.avgPoolBackward(gy, c.x_shape, c.params!);
        } else if (c.kind === 'adaptive_avg') {
          y = B.adaptiveAvgPool(x, c.x_shape, c.output_size!);
          dx = B.adaptiveAvgPoolBackward(gy, c.x_shape, c.output_size!);
        } else {
          y = B.adaptiveMaxPool(x, c.x_shape, c.output_size!);
          dx = B.maxPoolBackward(gy, y.indices!, c.x_shape);
        }
        assert.deepEqual(y.shape, c.y_shape);
        assertClose(y.data, c.y, 'y', 1e-6, 1e-5);
        if (c.indices) assert.deepEqual(Array.from(y.indices!), c.indices, 'indices');
        assertClose(dx, c.dx, 'dx', 1e-6, 1e-5);
      });
    }
  });
}
