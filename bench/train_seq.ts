// One Adam training step of the sequence models the issue names — a 2-layer LSTM language model and a
// 2-layer Transformer encoder classifier — side by side with PyTorch (1 thread), same shapes.
import { nn, torch, type Tensor } from '../src/engine';
import * as optim from '../src/engine/optim';
import { initBackend } from '../src/engine/backend/index';
import { timeIt, pytorch, printTable, type Row } from './util';

const V = 1000, T = 35, B = 20, E = 128, H = 256;
const D = 128, HEADS = 4, FF = 512, S = 32, NB = 8, C = 10;

function lstmStep(): () => void {
  const emb = new nn.Embedding(V, E), lstm = new nn.LSTM(E, H, 2), head = new nn.Linear(H, V);
  const params = [...emb.parameters(), ...lstm.parameters(), ...head.parameters()];
  const opt = new optim.Adam(params, { lr: 1e-3 });
  const x = torch.randint(0, V, [T, B]), y = torch.randint(0, V, [T * B]);
  return () => {
    opt.zero_grad();
    const [out] = lstm.call(emb.call(x)) as [Tensor, unknown];
    const logits = (head.call(out) as Tensor).reshape(T * B, V);
    nn.functional.cross_entropy(logits, y).backward();
    opt.step();
  };
}

function transformerStep(): () => void {
  const layer = new nn.TransformerEncoderLayer(D, HEADS, FF, 0.0, 'relu', 1e-5, true);
  const enc = new nn.TransformerEncoder(layer, 2), head = new nn.Linear(D, C);
  const opt = new optim.Adam([...enc.parameters(), ...head.parameters()], { lr: 1e-3 });
  const x = torch.randn([NB, S, D]), y = torch.randint(0, C, [NB]);
  return () => {
    opt.zero_grad();
    const h = (enc.call(x) as Tensor).select(1, 0);
    nn.functional.cross_entropy(head.call(h) as Tensor, y).backward();
    opt.step();
  };
}

const PY_LSTM = `nn = torch.nn
emb, lstm, head = nn.Embedding(${V}, ${E}), nn.LSTM(${E}, ${H}, 2), nn.Linear(${H}, ${V})
opt = torch.optim.Adam([*emb.parameters(), *lstm.parameters(), *head.parameters()], lr=1e-3)
x = torch.randint(0, ${V}, (${T}, ${B})); y = torch.randint(0, ${V}, (${T * B},))
def f():
    opt.zero_grad()
    out, _ = lstm(emb(x))
    torch.nn.functional.cross_entropy(head(out).reshape(${T * B}, ${V}), y).backward()
    opt.step()`;
const PY_TRANSFORMER = `nn = torch.nn
enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(${D}, ${HEADS}, ${FF}, 0.0, batch_first=True), 2, enable_nested_tensor=False)
head = nn.Linear(${D}, ${C})
opt = torch.optim.Adam([*enc.parameters(), *head.parameters()], lr=1e-3)
x = torch.randn(${NB}, ${S}, ${D}); y = torch.randint(0, ${C}, (${NB},))
def f():
    opt.zero_grad()
    torch.nn.functional.cross_entropy(head(enc(x)[:, 0]), y).backward()
    opt.step()`;

const cases = [
  { name: `LSTM LM 2x${H} step (T${T} B${B} V${V})`, make: lstmStep, py: PY_LSTM },
  { name: `Transformer enc 2L d${D} step (B${NB} S${S})`, make: transformerStep, py: PY_TRANSFORMER },
];

export async function benchSeqModels(): Promise<Row[]> {
  await initBackend();
  const py = pytorch(cases.map((c) => ({ name: c.name, setup: c.py })));
  const rows = cases.map((c) => ({ name: c.name, ours_ms: timeIt(c.make(), 2000), torch_ms: py?.[c.name] ?? null }));
  printTable('one Adam training step of the sequence models (ms)', rows);
  return rows;
}

if (process.argv[1]?.endsWith('train_seq.ts')) void benchSeqModels();
