// Binding coverage: every nn layer class, F function, torch op, Tensor method, optimizer and scheduler
// the engine exports must be reachable from Python under the same name — unless it is on an allow-list
// below, each entry saying why it has no binding. Values are checked elsewhere (bindings.test.ts).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Tensor, nn, optim, torch } from '../../src/engine/index';
import { initParser, runSource } from '../../src/python/index';

/** Names that intentionally have no Python binding, per namespace. */
const ALLOW: Record<string, Record<string, string>> = {
  'torch.nn': {
    // Abstract bases the engine shares between layers; PyTorch's are private (_BatchNorm, _ConvNd) or never constructed directly.
    BatchNormBase: 'abstract base', ConvNd: 'abstract base', RNNBase: 'abstract base', RNNCellBase: 'abstract base',
    // torch.nn.modules.linear's internal class for MultiheadAttention.out_proj; not in the torch.nn namespace.
    NonDynamicallyQuantizableLinear: 'internal to MultiheadAttention',
  },
  'torch.nn.functional': {},
  torch: {
    // Engine-internal helpers that live in the engine's torch object for other engine files.
    defaultFloat: 'engine helper', emptyTensor: 'engine helper', makeTensor: 'engine helper', numelOf: 'engine helper',
    sizeOf: 'engine helper', implicitSoftmaxDim: 'engine helper',
    // Engine conveniences real torch does not have at the top level (Tensor methods, F functions or torch.linalg there).
    linear: 'F.linear', softmin: 'F.softmin', linalg_vector_norm: 'torch.linalg.vector_norm (no torch.linalg module yet)',
    get_printoptions: 'not public in torch', to: 'Tensor.to',
    bernoulli_: 'Tensor method only', exponential_: 'Tensor method only', normal_: 'Tensor method only', random_: 'Tensor method only',
    uniform_: 'Tensor method only', cumprod_: 'Tensor method only', cumsum_: 'Tensor method only', index_add_: 'Tensor method only',
    index_copy_: 'Tensor method only', index_fill_: 'Tensor method only', scatter_: 'Tensor method only', scatter_add_: 'Tensor method only',
    scatter_reduce_: 'Tensor method only', masked_scatter_: 'Tensor method only',
  },
  'torch.Tensor': { constructor: 'JS', toString: 'JS (repr is bound separately)' },
  'torch.nn.utils': {},
  'torch.nn.utils.rnn': { intList: 'engine helper (lengths as a number list)' },
  // Entries of module.parametrizations are ParametrizationLists; user code never constructs one.
  'torch.nn.utils.parametrize': { ParametrizationList: 'created by register_parametrization' },
  'torch.nn.utils.prune': {},
  'torch.nn.utils.parametrizations': {},
  'torch.optim': {},
  'torch.optim.lr_scheduler': {},
};

const isLayerClass = (v: unknown): boolean => typeof v === 'function' && v.prototype instanceof nn.Module;

/** Engine names per Python namespace: public (no leading underscore) names of the engine's objects. */
function engineNames(): Record<string, string[]> {
  const pub = (ks: string[]) => ks.filter((k) => !k.startsWith('_'));
  return {
    'torch.nn': pub(Object.keys(nn).filter((k) => isLayerClass((nn as unknown as Record<string, unknown>)[k]))),
    'torch.nn.functional': pub(Object.keys(nn.functional)),
    torch: pub(Object.keys(torch)),
    'torch.Tensor': pub(Object.getOwnPropertyNames(Tensor.prototype)),
    'torch.nn.utils': pub(Object.keys(nn.utils)),
    ...Object.fromEntries(['rnn', 'parametrize', 'prune', 'parametrizations'].map((k) => [`torch.nn.utils.${k}`, pub(Object.keys((nn.utils as unknown as Record<string, object>)[k]))])),
    'torch.optim': pub(Object.keys(optim).filter((k) => k !== 'lr_scheduler')),
    'torch.optim.lr_scheduler': pub(Object.keys(optim.lr_scheduler)).filter((k) => /^[A-Z]/.test(k)),
  };
}

/** The names `hasattr(<namespace>, name)` rejects, asked of the interpreter itself. */
async function missingInPython(names: Record<string, string[]>): Promise<Record<string, string[]>> {
  const lines = ['import torch, torch.nn, torch.nn.functional, torch.optim, torch.optim.lr_scheduler',
    'import torch.nn.utils.rnn, torch.nn.utils.parametrize, torch.nn.utils.prune, torch.nn.utils.parametrizations', 'import json', 'out = {}'];
  for (const [ns, ks] of Object.entries(names)) lines.push(`out[${JSON.stringify(ns)}] = [n for n in ${JSON.stringify(ks)} if not hasattr(${ns}, n)]`);
  lines.push('print(json.dumps(out))');
  let stdout = '';
  const r = await runSource(lines.join('\n'), { path: '/coverage.py', stdout: (t) => (stdout += t), maxMs: 30_000 });
  assert.equal(r.traceback, null, r.traceback ?? '');
  return JSON.parse(stdout) as Record<string, string[]>;
}

describe('torch bindings: every engine name is reachable from Python', () => {
  let missing: Record<string, string[]>;
  const names = engineNames();
  before(async () => {
    await initParser();
    missing = await missingInPython(names);
  });
  for (const ns of Object.keys(ALLOW)) {
    test(`${ns}: no unbound engine names`, () => {
      assert.ok(names[ns].length > 0, `no engine names found for ${ns}`);
      const unbound = missing[ns].filter((n) => !(n in ALLOW[ns]));
      assert.deepEqual(unbound, [], `${ns}: engine names without a Python binding (bind them or allow-list them with a reason)`);
    });
    test(`${ns}: allow-list has no stale entries`, () => {
      const stale = Object.keys(ALLOW[ns]).filter((n) => !names[ns].includes(n) || !missing[ns].includes(n));
      assert.deepEqual(stale, [], `${ns}: allow-listed names that are now bound or gone from the engine`);
    });
  }
});
