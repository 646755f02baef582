import { inspect, formatReport } from './src/inspect';
const r = await inspect({ file: '/work/main/examples/lenet.py' });
console.log(JSON.stringify(r.diagnostics), r.input_source);
if (r.modules.length) console.log(formatReport(r, 'text'));
