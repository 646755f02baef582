import { inspect } from './src/inspect';
for (const f of ['examples/lenet.py','examples/resnet.py','examples/lstm_lm.py','examples/gpt.py','test/models/tied_buffers.py','test/models/multi_call.py','test/models/plain_list.py','test/models/attention.py']) {
  const r = await inspect({ file: '/work/main/' + f });
  console.log(f, '|', r.model, '|', r.input_source, '|', JSON.stringify(r.output).slice(0, 80), JSON.stringify(r.diagnostics).slice(0, 300), r.timing_ms.total.toFixed(0));
}
