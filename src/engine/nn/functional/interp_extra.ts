// Bicubic upsampling (F.interpolate(mode='bicubic') on 4-D inputs, UpsampleBicubic2DBackward0): separable
// 4-tap resampling per spatial dim with ATen's source indices (float32 opmath), clamped taps and A = -0.75.
import { Tensor, emptyTensor } from '../../tensor';
import { record } from '../../autograd/node';
import { no_grad } from '../../autograd/grad_mode';
import { tensor, zeros } from '../../ops/creation';
import { index_add, index_select } from '../../ops/scatter';
import { requireFloat } from './util';

const A = -0.75;
const cc1 = (x: number) => ((A + 2) * x - (A + 3)) * x * x + 1;
const cc2 = (x: number) => ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;

/** Four taps per output position along one dim: input indices and weights. */
interface CubicPlan { dim: number; inSize: number; idx: Tensor[]; w: number[][] }

function cubicPlan(dim: number, inSize: number, outSize: number, scale: number | null, align: boolean): CubicPlan {
  const f = Math.fround;
  const s = align ? (outSize > 1 ? f((inSize - 1) / (outSize - 1)) : 0) : f(scale !== null && scale > 0 ? 1 / scale : inSize / outSize);
  const idx: number[][] = [[], [], [], []], w: number[][] = [[], [], [], []];
  for (let j = 0; j < outSize; j++) {
    const real = align ? f(s * j) : f(f(s * f(j + 0.5)) - 0.5);
    const i0 = Math.min(Math.floor(real), inSize - 1);
    const t = Math.min(Math.max(f(real - i0), 0), 1);
    const coeffs = [cc2(t + 1), cc1(t), cc1(1 - t), cc2(2 - t)];
    for (let k = 0; k < 4; k++) {
      idx[k].push(Math.max(Math.min(i0 - 1 + k, inSize - 1), 0));
      w[k].push(coeffs[k]);
    }
  }
  return { dim, inSize, idx: idx.map((v) => tensor(v, { dtype: 'int64' })), w };
}

const along = (w: number[], dim: number, like: Tensor) =>
  tensor(w, { dtype: like.dtype }).reshape(Array.from({ length: like.dim() }, (_, i) => (i === dim ? w.length : 1)));

const resample = (t: Tensor, p: CubicPlan): Tensor =>
  p.idx.map((ix, k) => index_select(t, p.dim, ix).mul(along(p.w[k], p.dim, t))).reduce((a, b) => a.add(b));

function resampleBackward(g: Tensor, p: CubicPlan): Tensor {
  const shape = g.shape.map((v, i) => (i === p.dim ? p.inSize : v));
  return p.idx.reduce((acc, ix, k) => index_add(acc, p.dim, ix, g.mul(along(p.w[k], p.dim, g))), zeros(shape, { dtype: g.dtype, device: g.device }));
}

/** The bicubic branch of F.interpolate: `out` the output spatial size, `scales` the user's scale factors (or null). */
export function upsampleBicubic2d(input: Tensor, out: number[], scales: number[] | null, align_corners: boolean): Tensor {
  requireFloat(input, 'compute_indices_weights_cubic');
  const plans = out.map((o, i) => cubicPlan(i + 2, input.shape[i + 2], o, scales ? scales[i] : null, align_corners));
  const shape = [...input.shape.slice(0, 2), ...out];
  const y = input.device === 'meta' ? emptyTensor(shape, input.dtype, 'meta') : no_grad(() => plans.reduce(resample, input));
  record('UpsampleBicubic2DBackward0', y, [input], [], ([g]) => [
    g!.device === 'meta' ? emptyTensor(input.shape, input.dtype, 'meta') : [...plans].reverse().reduce(resampleBackward, g!),
  ]);
  return y;
}
