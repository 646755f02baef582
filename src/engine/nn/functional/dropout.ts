// Dropout functionals with PyTorch's CPU recipe (ATen's _dropout_impl): a Bernoulli(1-p) mask drawn
// with bernoulli_ from the default generator, scaled by 1/(1-p) (alpha dropout: SELU-preserving affine
// terms), identity when not training. Composites: the graph shows MulBackward0 / AddBackward0.
import { Tensor } from '../../tensor';
import { runtimeError, valueError } from '../../errors';
import { zeros, empty } from '../../ops/creation';
import { bernoulli_ } from '../../ops/random';
import { no_grad } from '../../autograd/grad_mode';
import { maybeInplace } from './util';

const ALPHA = 1.7580993408473766;

function checkP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw valueError(`dropout probability has to be between 0 and 1, but got ${p}`);
}

/** ATen's _dropout_impl: feature dropout draws one mask value per (sample, channel). */
function dropoutImpl(x: Tensor, p: number, train: boolean, feature: boolean, alpha: boolean): Tensor {
  if (p === 0 || !train || x.numel() === 0) return x;
  if (p === 1) return x.mul(zeros([], { dtype: x.dtype, device: x.device }));
  if (feature && x.dim() < 2) throw runtimeError('Feature dropout requires at least 2 dimensions in the input');
  const shape = feature ? x.shape.map((d, i) => (i < 2 ? d : 1)) : x.shape;
  const noise = empty(shape, { dtype: x.dtype, device: x.device });
  let b: Tensor | null = null;
  no_grad(() => {
    bernoulli_(noise, 1 - p);
    if (alpha) {
      const a = 1 / Math.sqrt((ALPHA * ALPHA * p + 1) * (1 - p));
      b = noise.add(-1).mul_(ALPHA * a).add_(ALPHA * a * p);
      noise.mul_(a);
    } else noise.div_(1 - p);
  });
  const out = x.mul(noise);
  return b ? out.add(b) : out;
}

export function dropout(input: Tensor, p = 0.5, training = true, inplace = false): Tensor {
  checkP(p);
  return maybeInplace(input, inplace, 'dropout', (t) => dropoutImpl(t, p, training, false, false));
}

export function alpha_dropout(input: Tensor, p = 0.5, training = false, inplace = false): Tensor {
  checkP(p);
  return maybeInplace(input, inplace, 'alpha_dropout', (t) => dropoutImpl(t, p, training, false, true));
}

export function feature_alpha_dropout(input: Tensor, p = 0.5, training = false, inplace = false): Tensor {
  checkP(p);
  return maybeInplace(input, inplace, 'feature_alpha_dropout', (t) => dropoutImpl(t, p, training, true, true));
}

/** Channel-wise dropout for `rank` spatial dims; an unbatched input gets a batch dim for the mask. */
function featureDropout(name: string, rank: number, input: Tensor, p: number, training: boolean, inplace: boolean): Tensor {
  checkP(p);
  const dims = input.dim();
  if (rank === 1 && dims !== 2 && dims !== 3) {
    throw runtimeError(`dropout1d: Expected 2D or 3D input, but received a ${dims}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`);
  }
  // dropout2d accepts 3D input as batched (N, C, L), as PyTorch does (with a warning there).
  const unbatched = rank !== 2 && dims === rank + 1;
  const run = (t: Tensor) => (unbatched ? dropoutImpl(t.unsqueeze(0), p, training, true, false).squeeze(0) : dropoutImpl(t, p, training, true, false));
  return maybeInplace(input, inplace, name, run);
}
export const dropout1d = (input: Tensor, p = 0.5, training = true, inplace = false) => featureDropout('dropout1d', 1, input, p, training, inplace);
export const dropout2d = (input: Tensor, p = 0.5, training = true, inplace = false) => featureDropout('dropout2d', 2, input, p, training, inplace);
export const dropout3d = (input: Tensor, p = 0.5, training = true, inplace = false) => featureDropout('dropout3d', 3, input, p, training, inplace);
