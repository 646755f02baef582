import { train } from './src/inspect';
const r = await train({ file: '/work/main/examples/lenet.py', steps: 15, batch: 8, data: 'overfit', optimizer: 'adam', lr: 3e-3 });
console.log(r.steps.map(s => s.loss.toExponential(2)).join(' '));
console.log(r.parameters.map(p => p.name + ' ' + p.grad_norm?.toExponential(2)).join('\n'));
