// One recorded forward pass: global forward hooks log every module call (inputs, output) and an op
// listener attributes each matrix product / convolution to the modules on the call stack, so a
// module's MACs include everything computed while it ran (functional calls and `x @ w` included).
import { Tensor, nn, onOpCount } from '../engine';
type Module = InstanceType<typeof nn.Module>;
import type { ModuleCall } from '../protocol/report';
import { tensorsIn, toTree } from './tree';

export interface CallRecord extends ModuleCall {
  /** MACs counted while this call ran (children included). */
  macs: number;
  /** Bytes of the call's output tensors (what autograd keeps alive for a leaf module's backward). */
  outputBytes: number;
}

export interface Recording {
  calls: Map<Module, CallRecord[]>;
  totalMacs: number;
  /** The innermost module running when the forward raised, with its stack (outermost first). */
  failedIn: Module[] | null;
}

const bytesOf = (t: Tensor) => t.numel() * t.element_size();

/** Leaf convolutions whose op did not report MACs (engine paths without a counter) are counted from shapes. */
function convFallback(m: Module, args: unknown[], out: unknown): number {
  const name = m._get_name();
  if (!/^Conv(Transpose)?[123]d$/.test(name)) return 0;
  const o = tensorsIn(out)[0], x = tensorsIn(args)[0];
  const w = m._parameters.get('weight');
  if (!o || !x || !(w instanceof Tensor)) return 0;
  const prod = (a: readonly number[]) => a.reduce((p, v) => p * v, 1);
  // conv weight [Cout, Cin/groups, *k]: each output element costs (Cin/groups)·∏k MACs.
  // transposed weight [Cin, Cout/groups, *k]: each input element is spread over (Cout/groups)·∏k outputs.
  if (name.startsWith('ConvTranspose')) return (x.numel() / x.shape[x.dim() - w.dim() + 1]) * w.numel();
  return o.numel() * prod(w.shape.slice(1));
}

/** Runs `forward` with the recording hooks installed; they are removed even when it throws. */
export function recordForward<T>(forward: () => T): { result: T | undefined; rec: Recording; error: unknown } {
  const rec: Recording = { calls: new Map(), totalMacs: 0, failedIn: null };
  const stack: { m: Module; macs: number; children: boolean }[] = [];
  const stopOps = onOpCount((_op, macs) => {
    rec.totalMacs += macs;
    for (const f of stack) f.macs += macs;
  });
  const pre = nn.modules.module.register_module_forward_pre_hook((m) => {
    if (stack.length) stack[stack.length - 1].children = true;
    stack.push({ m, macs: 0, children: false });
    return undefined;
  });
  const post = nn.modules.module.register_module_forward_hook((m, args, output) => {
    const top = stack[stack.length - 1];
    if (!top || top.m !== m) return undefined;
    stack.pop();
    let macs = top.macs;
    if (macs === 0 && !top.children) {
      macs = convFallback(m, args as unknown[], output);
      rec.totalMacs += macs;
      for (const f of stack) f.macs += macs;
    }
    const outs = tensorsIn(output);
    const call: CallRecord = {
      inputs: (args as unknown[]).map((a) => toTree(a)),
      output: toTree(output),
      macs,
      outputBytes: outs.reduce((s, t) => s + bytesOf(t), 0),
    };
    let list = rec.calls.get(m);
    if (!list) rec.calls.set(m, (list = []));
    list.push(call);
    return undefined;
  });
  let result: T | undefined;
  let error: unknown = null;
  try {
    result = forward();
  } catch (e) {
    error = e;
    // Without always_call hooks the stack still holds the modules that were running when it raised.
    rec.failedIn = stack.map((f) => f.m);
  } finally {
    pre.remove();
    post.remove();
    stopOps();
  }
  return { result, rec, error };
}
