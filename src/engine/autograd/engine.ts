// The backward pass: walks the graph from the roots in reverse creation order, sums the gradients
// arriving at each node, runs tensor and node hooks, and accumulates into leaves' `.grad` (backward)
// or captures the gradients of chosen inputs (torch.autograd.grad).
import { runtimeError } from '../errors';
import { sameShape } from '../shape';
import { emptyTensor, makeTensor, type Tensor } from '../tensor';
import { allocStorage } from '../dtype';
import { AccumulateGrad, type Edge, type Grad, type Node, edgeOf } from './node';
import { withGradMode } from './grad_mode';

interface RunOptions {
  retainGraph: boolean;
  createGraph: boolean;
  /** For autograd.grad: where to capture gradients instead of accumulating into leaves. */
  capture?: Map<Node, Map<number, number>>;
}

function onesLike(t: Tensor): Tensor {
  const d = allocStorage(t.dtype, 1);
  d[0] = 1;
  return makeTensor(t.device === 'meta' ? null : d, [], t.dtype, t.device);
}

function rootGrads(roots: Tensor[], grads: Grad[] | undefined): Tensor[] {
  return roots.map((r, i) => {
    if (!r._requiresGrad) throw runtimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    const g = grads?.[i] ?? null;
    if (g) {
      if (!sameShape(g.shape, r.shape)) throw runtimeError(`Mismatch in shape: grad_output[${i}] has a shape of torch.Size([${g.shape.join(', ')}]) and output[${i}] has a shape of torch.Size([${r.shape.join(', ')}]).`);
      return g;
    }
    if (r.numel() !== 1) throw runtimeError('grad can be implicitly created only for scalar outputs');
    return r.shape.length === 0 ? onesLike(r) : onesLike(r).reshape(r.shape);
  });
}

/** Dependency counts: how many edges point at each node reachable from the roots. */
function countDependencies(roots: Node[]): Map<Node, number> {
  const deps = new Map<Node, number>();
  const seen = new Set<Node>(roots);
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    for (const e of n.next) {
      if (!e) continue;
      deps.set(e.node, (deps.get(e.node) ?? 0) + 1);
      if (!seen.has(e.node)) {
        seen.add(e.node);
        stack.push(e.node);
      }
    }
  }
  return deps;
}

function zerosFor(meta: Node['outputMeta'][number]): Tensor {
  return emptyTensor(meta.shape, meta.dtype, meta.device);
}

function addGrads(a: Tensor | undefined, b: Tensor): Tensor {
  return a === undefined ? b : a.add(b);
}

/**
 * Storage boxes already handed to a `.grad` (or owned by the caller) in this run. A gradient whose
 * box is fresh is stolen rather than copied — PyTorch's AccumulateGrad does the same when nothing else
 * references the gradient — since later in-place accumulation must not write through to another
 * tensor.
 */
type HandedOut = Set<unknown>;

function accumulate(node: AccumulateGrad, g: Tensor, createGraph: boolean, handedOut: HandedOut): void {
  const v = node.variable;
  for (const h of v._hooks ?? []) {
    const r = h(g);
    if (r) {
      g = r;
      handedOut.add(r._box); // the hook's caller may still hold it: copy, never steal
    }
  }
  if (!sameShape(g.shape, v.shape)) {
    throw runtimeError(`Function AccumulateGrad returned an invalid gradient - got [${g.shape.join(', ')}] but expected shape compatible with [${v.shape.join(', ')}]`);
  }
  if (v.grad === null) {
    if (createGraph) v.grad = g;
    else {
      const own = !handedOut.has(g._box) && g._base === null && g.is_contiguous() && g.dtype === v.dtype;
      v.grad = own ? g.detach() : g.detach().clone();
      handedOut.add(v.grad._box);
    }
  }
  else if (createGraph) v.grad = v.grad.add(g);
  else withGradMode(false, () => v.grad!.add_(g));
}

function run(roots: Tensor[], rootG: Tensor[], opts: RunOptions): Map<number, Tensor> {
  const captured = new Map<number, Tensor>();
  const handedOut: HandedOut = new Set(rootG.map((g) => g._box));
  const rootEdges = roots.map((r) => edgeOf(r)!);
  const buffers = new Map<Node, Map<number, Tensor>>();
  const put = (node: Node, nr: number, g: Tensor) => {
    let b = buffers.get(node);
    if (!b) buffers.set(node, (b = new Map()));
    b.set(nr, addGrads(b.get(nr), g));
  };
  rootEdges.forEach((e, i) => put(e.node, e.inputNr, rootG[i]));
  // Several roots may share a node (the outputs of split/unbind): count its edges once.
  const deps = countDependencies([...new Set(rootEdges.map((e) => e.node))]);
  const ready: Node[] = [...new Set(rootEdges.map((e) => e.node))].filter((n) => !deps.get(n));

  while (ready.length) {
    // Highest sequence number first: the most recently created node runs first, as in PyTorch.
    let bi = 0;
    for (let i = 1; i < ready.length; i++) if (ready[i].seq > ready[bi].seq) bi = i;
    const node = ready.splice(bi, 1)[0];
    const buf = buffers.get(node) ?? new Map<number, Tensor>();
    buffers.delete(node);
    let outGrads = runPreHooks(node, buf, handedOut);

    const cap = opts.capture?.get(node);
    if (cap) for (const [nr, idx] of cap) if (outGrads[nr]) captured.set(idx, outGrads[nr]!);

    let inGrads: Grad[] = [];
    if (node instanceof AccumulateGrad) {
      if (!opts.capture && outGrads[0]) accumulate(node, outGrads[0], opts.createGraph, handedOut);
    } else {
      outGrads = outGrads.map((g, i) => g ?? zerosFor(node.outputMeta[i]));
      inGrads = withGradMode(opts.createGraph, () => node.backwardFn(outGrads));
      for (const h of node.hooks) {
        const r = h(inGrads, outGrads);
        if (r) inGrads = r;
      }
      if (!opts.retainGraph) node.release();
    }
    node.next.forEach((e, i) => {
      if (!e) return;
      const g = inGrads[i];
      if (g) put(e.node, e.inputNr, castToInput(e, g, opts.createGraph));
      const left = deps.get(e.node)! - 1;
      deps.set(e.node, left);
      if (left === 0) ready.push(e.node);
    });
  }
  return captured;
}

/** A gradient in its input's dtype (float32 + float64 math gives float64 grads), as PyTorch's validate_outputs. */
function castToInput(e: Edge, g: Tensor, createGraph: boolean): Tensor {
  const dtype = e.node instanceof AccumulateGrad ? e.node.variable.dtype : e.node.outputMeta[e.inputNr]?.dtype;
  if (dtype === undefined || dtype === g.dtype) return g;
  return withGradMode(createGraph, () => g.to(dtype));
}

/** Tensor hooks, retain_grad and node pre-hooks, applied to the gradients arriving at a node. */
function runPreHooks(node: Node, buf: Map<number, Tensor>, handedOut: HandedOut): Grad[] {
  const n = Math.max(node.outputMeta.length, 1);
  let grads: Grad[] = [];
  for (let i = 0; i < n; i++) grads.push(buf.get(i) ?? null);
  if (node.tensorPreHooks) {
    for (const [nr, hooks] of node.tensorPreHooks) {
      for (const h of hooks) {
        const g = grads[nr];
        if (!g) continue;
        const r = h(g);
        if (r) {
          grads[nr] = r;
          handedOut.add(r._box);
        }
      }
    }
  }
  if (node.retainGradOutputs) {
    for (const [nr, t] of node.retainGradOutputs) {
      const g = grads[nr];
      if (!g) continue;
      t.grad = t.grad === null ? g.detach().clone() : t.grad.add(g.detach());
    }
  }
  for (const h of node.preHooks) {
    const r = h(grads);
    if (r) grads = r;
  }
  return grads;
}

export function backward(tensors: Tensor | Tensor[], grad_tensors?: Grad | Grad[], retain_graph?: boolean, create_graph = false): void {
  const roots = Array.isArray(tensors) ? tensors : [tensors];
  const grads = grad_tensors === undefined ? undefined : Array.isArray(grad_tensors) ? grad_tensors : [grad_tensors];
  run(roots, rootGrads(roots, grads), { retainGraph: retain_graph ?? create_graph, createGraph: create_graph });
}

/** torch.autograd.grad: the gradients of outputs with respect to inputs, leaving `.grad` untouched. */
export function grad(
  outputs: Tensor | Tensor[],
  inputs: Tensor | Tensor[],
  grad_outputs?: Grad | Grad[],
  retain_graph?: boolean,
  create_graph = false,
  allow_unused = false,
): (Tensor | null)[] {
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  const capture = new Map<Node, Map<number, number>>();
  ins.forEach((t, i) => {
    const e = edgeOf(t);
    if (!e) throw runtimeError('One of the differentiated Tensors does not require grad');
    let m = capture.get(e.node);
    if (!m) capture.set(e.node, (m = new Map()));
    m.set(e.inputNr, i);
  });
  const gos = grad_outputs === undefined ? undefined : Array.isArray(grad_outputs) ? grad_outputs : [grad_outputs];
  const got = run(outs, rootGrads(outs, gos), { retainGraph: retain_graph ?? create_graph, createGraph: create_graph, capture });
  return ins.map((_, i) => {
    const g = got.get(i);
    if (!g && !allow_unused) throw runtimeError('One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.');
    return g ?? null;
  });
}
