// Input guesses from a model's first layer when nothing says what the model takes: Conv2d(3, …) →
// (1, 3, H, W) at the common resolutions, Linear(784, …) → (1, 784), Embedding(V, …) → token ids.
import { nn } from '../engine';
import type { InputSpec } from '../protocol/requests';

type Module = InstanceType<typeof nn.Module>;

/** The spatial sizes tried in order on meta; the first that runs is kept (LeNet needs 32, not 224). */
export const RESOLUTIONS = [224, 32, 28, 64, 96, 128, 256, 299, 512];

function attr(m: Module, name: string): unknown {
  try {
    return m._getattr(name);
  } catch {
    return (m as unknown as Record<string, unknown>)[name];
  }
}
const num = (m: Module, name: string) => Number(attr(m, name));

const KNOWN = new Set(['Conv1d', 'Conv2d', 'Conv3d', 'Linear', 'Bilinear', 'Embedding', 'EmbeddingBag', 'LSTM', 'GRU', 'RNN',
  'BatchNorm1d', 'BatchNorm2d', 'LayerNorm']);

/** Candidate input lists (each one list of positional specs), best first, with a description. */
export function guessInputs(model: Module): { specs: InputSpec[]; why: string }[] {
  for (const [name, m] of model.named_modules()) {
    if (m._parameters.size === 0 || [...m._parameters.values()].every((p) => p === null)) continue;
    // A Python subclass of a torch layer (class M(nn.Linear)) guesses like the layer it extends.
    const t = KNOWN.has(m._get_name()) ? m._get_name() : ((m.constructor as { pyName?: string }).pyName ?? m._get_name());
    const at = `first layer ${name || '(root)'}: ${t}`;
    switch (t) {
      case 'Conv1d': return RESOLUTIONS.map((s) => ({ specs: [{ shape: [1, num(m, 'in_channels'), s] }], why: `${at}(${num(m, 'in_channels')}, …), length ${s}` }));
      case 'Conv2d': return RESOLUTIONS.map((s) => ({ specs: [{ shape: [1, num(m, 'in_channels'), s, s] }], why: `${at}(${num(m, 'in_channels')}, …), ${s}×${s}` }));
      case 'Conv3d': return RESOLUTIONS.slice(0, 5).map((s) => ({ specs: [{ shape: [1, num(m, 'in_channels'), 16, s, s] }], why: `${at}(${num(m, 'in_channels')}, …), 16×${s}×${s}` }));
      case 'Linear': return [{ specs: [{ shape: [1, num(m, 'in_features')] }], why: `${at}(${num(m, 'in_features')}, …)` }];
      case 'Bilinear': return [{ specs: [{ shape: [1, num(m, 'in1_features')] }, { shape: [1, num(m, 'in2_features')] }], why: at }];
      case 'Embedding': case 'EmbeddingBag': {
        const v = num(m, 'num_embeddings');
        return [{ specs: [{ shape: t === 'Embedding' ? [1, 16] : [2, 8], dtype: 'int64', low: 0, high: v }], why: `${at}(${v}, …): token ids in [0, ${v})` }];
      }
      case 'LSTM': case 'GRU': case 'RNN': {
        const size = num(m, 'input_size');
        const bf = attr(m, 'batch_first') === true;
        return [{ specs: [{ shape: bf ? [1, 16, size] : [16, 1, size] }], why: `${at}(${size}, …, batch_first=${bf ? 'True' : 'False'}), 16 steps` }];
      }
      case 'BatchNorm1d': return [{ specs: [{ shape: [2, num(m, 'num_features')] }], why: at }];
      case 'BatchNorm2d': return RESOLUTIONS.map((s) => ({ specs: [{ shape: [2, num(m, 'num_features'), s, s] }], why: `${at}, ${s}×${s}` }));
      case 'LayerNorm': {
        const shape = attr(m, 'normalized_shape');
        const dims = Array.isArray(shape) ? shape.map(Number) : [Number(shape)];
        return [{ specs: [{ shape: [1, 16, ...dims] }], why: at }];
      }
      default: return [];
    }
  }
  return [];
}
