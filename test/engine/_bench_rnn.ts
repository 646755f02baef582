import { nn, torch, Tensor } from '../../src/engine';
import { initBackend } from '../../src/engine/backend';
(async () => {
await initBackend();
const [T, B, I, H] = [50, 32, 128, 256];
for (const kind of ['LSTM', 'GRU'] as const) {
  const m = kind === 'LSTM' ? new nn.LSTM(I, H, 2) : new nn.GRU(I, H, 2);
  const x = torch.randn([T, B, I]);
  for (let r = 0; r < 4; r++) {
    const t0 = performance.now();
    const [y] = m.call(x) as [Tensor];
    const t1 = performance.now();
    y.sum().backward();
    const t2 = performance.now();
    if (r > 0) console.log(kind, 'fwd', (t1 - t0).toFixed(1), 'ms  bwd', (t2 - t1).toFixed(1), 'ms');
  }
}
})();
