// Autograd graph nodes (PyTorch's grad_fn objects): a named backward function with edges to the
// nodes of its inputs, the tensors it saved (checked against their version counters), and hooks.
import { runtimeError } from '../errors';
import { legacyTypeName } from '../dtype';
import type { Tensor } from '../tensor';
import { is_grad_enabled } from './grad_mode';

export type Grad = Tensor | null;
export interface Edge { node: Node; inputNr: number }
export type BackwardFn = (grads: Grad[]) => Grad[];

const FREED =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

/** A tensor kept for backward, with the version it had when saved. */
export class SavedTensor {
  private tensor: Tensor | null;
  private readonly version: number;
  constructor(t: Tensor, private readonly owner: Node) {
    this.tensor = t;
    this.version = t._version;
  }
  get(): Tensor {
    const t = this.tensor;
    if (t === null) throw runtimeError(FREED);
    if (t._version !== this.version) {
      const what = t.grad_fn ? `, which is output ${t._outputNr} of ${t.grad_fn.name().replace(/Backward\d*$/, '')},` : '';
      throw runtimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: [${legacyTypeName(t.dtype)} [${t.shape.join(', ')}]]${what} is at version ${t._version}; expected version ${this.version} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False).`,
      );
    }
    return t;
  }
  release(): void {
    this.tensor = null;
    void this.owner;
  }
}

export type NodeHook = (gradInputs: Grad[], gradOutputs: Grad[]) => Grad[] | void | null | undefined;
export type NodePreHook = (gradOutputs: Grad[]) => Grad[] | void | null | undefined;

let sequence = 0;

export class Node {
  readonly seq = sequence++;
  saved: SavedTensor[] = [];
  hooks: NodeHook[] = [];
  preHooks: NodePreHook[] = [];
  /** Hooks registered on the tensors this node produced (Tensor.register_hook / retain_grad), by output. */
  tensorPreHooks: Map<number, ((g: Tensor) => Tensor | void | null | undefined)[]> | null = null;
  retainGradOutputs: Map<number, Tensor> | null = null;
  /** Metadata of each output, used to shape a zero gradient for outputs that received none. */
  outputMeta: { shape: number[]; dtype: Tensor['dtype']; device: Tensor['device'] }[] = [];

  constructor(
    private readonly _name: string,
    public readonly next: (Edge | null)[],
    public readonly backwardFn: BackwardFn,
  ) {}

  name(): string {
    return this._name;
  }

  /** PyTorch's `grad_fn.next_functions`: (node, input_nr) pairs, null for inputs without grad. */
  get next_functions(): [Node | null, number][] {
    return this.next.map((e) => (e ? [e.node, e.inputNr] : [null, 0]));
  }

  save(t: Tensor): SavedTensor {
    const s = new SavedTensor(t, this);
    this.saved.push(s);
    return s;
  }

  release(): void {
    for (const s of this.saved) s.release();
  }

  register_hook(h: NodeHook): { remove(): void } {
    this.hooks.push(h);
    return { remove: () => { this.hooks = this.hooks.filter((x) => x !== h); } };
  }

  register_prehook(h: NodePreHook): { remove(): void } {
    this.preHooks.push(h);
    return { remove: () => { this.preHooks = this.preHooks.filter((x) => x !== h); } };
  }

  toString(): string {
    return `<${this._name} object>`;
  }
}

/** The node that accumulates into a leaf's `.grad`. One per leaf, created on first use. */
export class AccumulateGrad extends Node {
  constructor(public readonly variable: Tensor) {
    super('AccumulateGrad', [], () => []);
  }
}

const accumulators = new WeakMap<Tensor, AccumulateGrad>();

export function gradAccumulator(t: Tensor): AccumulateGrad {
  let a = accumulators.get(t);
  if (!a) {
    a = new AccumulateGrad(t);
    accumulators.set(t, a);
  }
  return a;
}

/** The graph edge a tensor contributes as an input, or null when it needs no gradient. */
export function edgeOf(t: Tensor | null | undefined): Edge | null {
  if (!t || !t._requiresGrad) return null;
  if (t.grad_fn) return { node: t.grad_fn, inputNr: t._outputNr };
  return { node: gradAccumulator(t), inputNr: 0 };
}

/** True when an op on these inputs must be recorded. */
export function needsGrad(...inputs: (Tensor | null | undefined)[]): boolean {
  if (!is_grad_enabled()) return false;
  for (const t of inputs) if (t && t._requiresGrad) return true;
  return false;
}

/**
 * Records an op in the graph: a node named `name` whose backward maps the output grads (null for an
 * output that got none) and the saved tensors (version-checked, in `save` order) to input grads.
 * Attaches the node to the outputs; returns it, or null when no input needs a gradient.
 */
export function record(
  name: string,
  outputs: Tensor | Tensor[],
  inputs: (Tensor | null | undefined)[],
  save: Tensor[],
  backward: (grads: Grad[], saved: Tensor[]) => Grad[],
): Node | null {
  if (!needsGrad(...inputs)) return null;
  const node: Node = new Node(name, inputs.map(edgeOf), (g) => backward(g, node.saved.map((s) => s.get())));
  for (const t of save) node.save(t);
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  outs.forEach((o, i) => {
    o.grad_fn = node;
    o._outputNr = i;
    o._requiresGrad = true;
    node.outputMeta.push({ shape: o.shape, dtype: o.dtype, device: o.device });
  });
  return node;
}
