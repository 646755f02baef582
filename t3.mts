import { inspect, parseInputSpec } from './src/inspect';
import { readFileSync } from 'node:fs';
const g = JSON.parse(readFileSync('test/golden/inspect.json', 'utf8'));
for (const c of g.cases) {
  const t0 = performance.now();
  const r = await inspect({ file: '/work/main/' + c.file, model: c.model, inputs: c.inputs?.map(parseInputSpec), inputsExpr: c.inputs_expr });
  const errs = [];
  const eq = (a, b, what) => { if (JSON.stringify(a) !== JSON.stringify(b)) errs.push(what + ': ' + JSON.stringify(a).slice(0, 300) + ' vs ' + JSON.stringify(b).slice(0, 300)); };
  eq(r.parameters, c.parameters, 'params'); eq(r.buffers, c.buffers, 'buffers');
  eq(r.modules.map(m => [m.name, m.type]), c.modules.map(m => [m.name, m.type]), 'mods');
  c.modules.forEach((m, i) => r.modules[i] && eq(r.modules[i].calls, m.calls, 'calls ' + m.name));
  eq(r.output, c.output, 'output'); 
  if (r.repr !== c.repr) errs.push('repr:\n' + r.repr + '\n---\n' + c.repr);
  eq(r.totals.mult_adds, c.flops / 2, 'macs');
  console.log(c.file, (performance.now() - t0).toFixed(0) + 'ms', JSON.stringify(r.diagnostics).slice(0, 500), r.notes ?? '');
  for (const e of errs.slice(0, 6)) console.log('   ', e);
}
