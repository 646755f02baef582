// nn.Parameter (a leaf Tensor sharing its data's storage, requires_grad=True by default, recognised by
// its `_isParam` flag as PyTorch's isinstance check does) and nn.Buffer (a tensor marked for
// registration as a buffer on assignment, with its `persistent` flag).
import { Tensor, emptyTensor, get_default_device } from '../tensor';
import { get_default_dtype } from '../dtype';

export class Parameter extends Tensor {
  /** `isinstance(t, nn.Parameter)`: any tensor carrying the parameter flag, as PyTorch's metaclass does. */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return x instanceof Tensor && x._isParam;
  }

  /** Parameter(data=None, requires_grad=True): a new leaf over data's storage (torch.empty(0) when absent). */
  constructor(data: Tensor | null = null, requires_grad = true) {
    const d = data ?? emptyTensor([0], get_default_dtype(), get_default_device());
    super(d._box, [...d.shape], [...d._strides], d._offset, d.dtype, d.device);
    this._isParam = true;
    if (requires_grad) this.requires_grad_(true);
  }
}

const bufferFlags = new WeakMap<Tensor, boolean>();

/** torch.nn.Buffer(data, persistent=True): a detached tensor that registers as a buffer when assigned. */
export function Buffer(data: Tensor, persistent = true): Tensor {
  const t = data.detach();
  if (data.requires_grad) t.requires_grad_(true);
  bufferFlags.set(t, persistent);
  return t;
}
/** `isinstance(x, nn.Buffer)`. */
export const isBuffer = (x: unknown): x is Tensor => x instanceof Tensor && bufferFlags.has(x);
export const bufferPersistent = (t: Tensor): boolean => bufferFlags.get(t) ?? true;

/** One-line description used by ParameterList/ParameterDict reprs: `Parameter containing: [torch.float32 of size 3x4]`. */
export function describeTensor(p: Tensor, dtypeText: string): string {
  return `${p instanceof Parameter ? 'Parameter' : 'Tensor'} containing: [${dtypeText} of size ${p.shape.join('x')}]`;
}
