import { train } from './src/inspect';
for (const [f, extra] of [['examples/lenet.py', { batch: 32, data: 'overfit', steps: 20, optimizer: 'adam' }], ['test/models/plain_list.py', {steps: 3}], ['examples/gpt.py', { model: 'GPT(GPTConfig(n_layer=1))', steps: 2 }], ['examples/lstm_lm.py', {steps: 2}]] as const) {
  const r = await train({ file: '/work/main/' + f, ...extra } as any, () => {});
  console.log(f, r.loss_fn, r.optimizer, r.steps.map(s => s.loss.toFixed(3) + '/' + s.ms.toFixed(0)).join(' '), 'nograd', r.no_grad_params, r.nonfinite, JSON.stringify(r.diagnostics).slice(0, 300));
  console.log(r.parameters.slice(0, 3));
}
