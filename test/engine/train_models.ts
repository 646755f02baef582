// The models of the training-parity test and benchmark, built from the engine's nn layers exactly as
// test/golden/gen_train_parity.py builds them in PyTorch (same layer order, so the same state_dict keys),
// and the decoder of that fixture's int8-quantised tensors.
import { nn, makeTensor, torch, type Tensor } from '../../src/engine';

export const lenet5 = () => new nn.Sequential(
  new nn.Conv2d(1, 6, 5, 1, 2), new nn.ReLU(), new nn.MaxPool2d(2),
  new nn.Conv2d(6, 16, 5), new nn.ReLU(), new nn.MaxPool2d(2),
  new nn.Flatten(), new nn.Linear(400, 120), new nn.ReLU(), new nn.Linear(120, 84), new nn.ReLU(), new nn.Linear(84, 10));

export const cnnBn = () => new nn.Sequential(
  new nn.Conv2d(3, 8, 3, 1, 1, 1, 1, false), new nn.BatchNorm2d(8), new nn.ReLU(), new nn.MaxPool2d(2),
  new nn.Conv2d(8, 16, 3, 1, 1, 1, 1, false), new nn.BatchNorm2d(16), new nn.ReLU(),
  new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(16, 10));

export const mlp = (sizes = [32, 64, 32, 10]) => {
  const layers: InstanceType<typeof nn.Module>[] = [];
  sizes.slice(1).forEach((out, i) => {
    if (i > 0) layers.push(new nn.ReLU());
    layers.push(new nn.Linear(sizes[i], out));
  });
  return new nn.Sequential(...layers);
};

/** A fixture tensor: int64 as plain numbers, float32 as base64 int8 `q` scaled by 2**exp (exact in float32). */
export type EncodedTensor =
  | { shape: number[]; dtype: 'int64'; data: number[] }
  | { shape: number[]; dtype: 'float32'; exp: number; q: string };

export function decode(e: EncodedTensor): Tensor {
  if (e.dtype === 'int64') return torch.tensor(e.data, { dtype: 'int64' }).reshape(e.shape);
  const q = new Int8Array(Buffer.from(e.q, 'base64'));
  const scale = 2 ** e.exp;
  return makeTensor(Float32Array.from(q, (v) => v * scale), e.shape, 'float32');
}
