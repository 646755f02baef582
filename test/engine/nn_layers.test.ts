// Golden tests of the everyday nn layers against real PyTorch (test/golden/layers_*.json): outputs,
// gradients, buffers, reprs, per train/eval step, and the same forward on the meta device.
import { describe, it } from 'node:test';
import { checkLayerCase, checkLayerMeta, loadLayers } from './nn_layers_harness';

for (const family of ['conv', 'pool', 'act', 'norm', 'upsample', 'fn', 'misc']) {
  const file = loadLayers(family);
  describe(`nn layers golden: ${family} (PyTorch ${file.torch})`, () => {
    for (const c of file.cases) {
      it(c.name, () => checkLayerCase(c));
      it(`${c.name} [meta]`, () => checkLayerMeta(c));
    }
  });
}
