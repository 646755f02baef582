// The torch.nn layer classes: each engine layer exposed with PyTorch's constructor signature (one
// table row per layer), plus the containers' Python protocols (indexing, len, iteration, append, ...).
import { nn, pySlice } from '../../engine/index';

import { defineMethod } from '../runtime/native';
import { PyDict, type PyType, type PyValue } from '../runtime/object';
import { toArray, typeName } from '../runtime/protocol';
import { PyIterator, PyList, PySlice, PyTuple, None } from '../runtime/types';
import { ModuleType, constructInto, layerClass, lightJs, lightPy, type LayerSpec } from './nn_module';
import { bindTypeError, moduleOf, toInt, type EModule } from './values';
import { LAYERS_TAIL, LOSSES_TAIL } from './nn_layers_tail';

type Ctor = LayerSpec['engine'];
const E = nn as unknown as Record<string, Ctor | undefined>;

const F_KW = 'device: device=None, dtype: dtype=None';
const FACT = '{device dtype}';
const POOL_MAX = '(self, kernel_size: any, stride: opt=None, padding: any=0, dilation: any=1, return_indices: bool=False, ceil_mode: bool=False)';
const POOL_AVG = '(self, kernel_size: any, stride: opt=None, padding: any=0, ceil_mode: bool=False, count_include_pad: bool=True, divisor_override: opt=None)';
const CONV = `(self, in_channels: int, out_channels: int, kernel_size: any, stride: any=1, padding: any=0, dilation: any=1, groups: int=1, bias: bool=True, padding_mode: str="zeros", ${F_KW})`;
const CONV_T = `(self, in_channels: int, out_channels: int, kernel_size: any, stride: any=1, padding: any=0, output_padding: any=0, groups: int=1, bias: bool=True, dilation: any=1, padding_mode: str="zeros", ${F_KW})`;
const BN = `(self, num_features: int, eps: num=1e-05, momentum: opt=0.1, affine: bool=True, track_running_stats: bool=True, ${F_KW})`;
const CONV_CALL = 'in_channels out_channels kernel_size stride padding dilation groups bias padding_mode {device dtype}';
const CONVT_CALL = 'in_channels out_channels kernel_size stride padding output_padding groups bias dilation padding_mode {device dtype}';
const BN_CALL = `num_features eps momentum affine track_running_stats ${FACT}`;

/** [Python name, __init__ signature, call template]; the engine class has the same name. */
const LAYERS: [string, string, string?][] = [
  ['Identity', '(self, *args: skip, **kwargs: skip)', ''],
  ['Linear', `(self, in_features: int, out_features: int, bias: bool=True, ${F_KW})`, `in_features out_features bias ${FACT}`],
  ['Bilinear', `(self, in1_features: int, in2_features: int, out_features: int, bias: bool=True, ${F_KW})`, `in1_features in2_features out_features bias ${FACT}`],
  ['Flatten', '(self, start_dim: int=1, end_dim: int=-1)'],
  ['Unflatten', '(self, dim: int, unflattened_size: ints)'],
  ...[1, 2, 3].map((r): [string, string, string] => [`Conv${r}d`, CONV, CONV_CALL]),
  ...[1, 2, 3].map((r): [string, string, string] => [`ConvTranspose${r}d`, CONV_T, CONVT_CALL]),
  ...[1, 2, 3].map((r): [string, string] => [`MaxPool${r}d`, POOL_MAX]),
  ['AvgPool1d', '(self, kernel_size: any, stride: opt=None, padding: any=0, ceil_mode: bool=False, count_include_pad: bool=True)'],
  ['AvgPool2d', POOL_AVG], ['AvgPool3d', POOL_AVG],
  ...[1, 2, 3].map((r): [string, string] => [`AdaptiveAvgPool${r}d`, '(self, output_size: opt)']),
  ...[1, 2, 3].map((r): [string, string] => [`AdaptiveMaxPool${r}d`, '(self, output_size: opt, return_indices: bool=False)']),
  ...['ReLU', 'SELU', 'SiLU', 'Mish', 'Hardswish', 'Hardsigmoid'].map((n): [string, string] => [n, '(self, inplace: bool=False)']),
  ...['Sigmoid', 'Tanh', 'Softsign', 'Tanhshrink', 'LogSigmoid'].map((n): [string, string, string] => [n, '(self)', '']),
  ['ReLU6', '(self, inplace: bool=False)'],
  ['Hardtanh', '(self, min_val: num=-1.0, max_val: num=1.0, inplace: bool=False)'],
  ['LeakyReLU', '(self, negative_slope: num=0.01, inplace: bool=False)'],
  ['ELU', '(self, alpha: num=1.0, inplace: bool=False)'], ['CELU', '(self, alpha: num=1.0, inplace: bool=False)'],
  ['GELU', '(self, approximate: str="none")'],
  ['Softplus', '(self, beta: num=1.0, threshold: num=20.0)'],
  ['Threshold', '(self, threshold: num, value: num, inplace: bool=False)'],
  ['PReLU', `(self, num_parameters: int=1, init: num=0.25, ${F_KW})`, `num_parameters init ${FACT}`],
  ...['Softmax', 'LogSoftmax', 'Softmin'].map((n): [string, string, string] => [n, '(self, dim: opt=None)', 'dim']),
  ['BatchNorm1d', BN, BN_CALL], ['BatchNorm2d', BN, BN_CALL], ['BatchNorm3d', BN, BN_CALL],
  ['LayerNorm', `(self, normalized_shape: ints, eps: num=1e-05, elementwise_affine: bool=True, bias: bool=True, ${F_KW})`, `normalized_shape eps elementwise_affine bias ${FACT}`],
  ['GroupNorm', `(self, num_groups: int, num_channels: int, eps: num=1e-05, affine: bool=True, ${F_KW})`, `num_groups num_channels eps affine ${FACT}`],
  ...['Dropout', 'Dropout1d', 'Dropout2d', 'Dropout3d', 'AlphaDropout', 'FeatureAlphaDropout'].map((n): [string, string] => [n, '(self, p: num=0.5, inplace: bool=False)']),
  ...[1, 2, 3].map((r): [string, string, string] => [`InstanceNorm${r}d`,
    `(self, num_features: int, eps: num=1e-05, momentum: opt=0.1, affine: bool=False, track_running_stats: bool=False, ${F_KW})`, BN_CALL]),
  ['MultiheadAttention', `(self, embed_dim: int, num_heads: int, dropout: num=0.0, bias: bool=True, add_bias_kv: bool=False, add_zero_attn: bool=False, kdim: opt=None, vdim: opt=None, batch_first: bool=False, ${F_KW})`,
    `embed_dim num_heads dropout bias add_bias_kv add_zero_attn kdim vdim batch_first ${FACT}`],
  ...['TransformerEncoderLayer', 'TransformerDecoderLayer'].map((n): [string, string, string] => [n,
    `(self, d_model: int, nhead: int, dim_feedforward: int=2048, dropout: num=0.1, activation: any="relu", layer_norm_eps: num=1e-05, batch_first: bool=False, norm_first: bool=False, bias: bool=True, ${F_KW})`,
    `d_model nhead dim_feedforward dropout activation layer_norm_eps batch_first norm_first bias ${FACT}`]),
  ['TransformerEncoder', '(self, encoder_layer: Module, num_layers: int, norm: opt=None, enable_nested_tensor: bool=True, mask_check: bool=True)'],
  ['TransformerDecoder', '(self, decoder_layer: Module, num_layers: int, norm: opt=None)'],
  ['Transformer', `(self, d_model: int=512, nhead: int=8, num_encoder_layers: int=6, num_decoder_layers: int=6, dim_feedforward: int=2048, dropout: num=0.1, activation: any="relu", custom_encoder: opt=None, custom_decoder: opt=None, layer_norm_eps: num=1e-05, batch_first: bool=False, norm_first: bool=False, bias: bool=True, ${F_KW})`,
    `d_model nhead num_encoder_layers num_decoder_layers dim_feedforward dropout activation custom_encoder custom_decoder layer_norm_eps batch_first norm_first bias ${FACT}`],
  // proj_size is LSTM-only; RNN/GRU accept it so the engine can raise PyTorch's ValueError naming it.
  ['RNN', `(self, input_size: int, hidden_size: int, num_layers: int=1, nonlinearity: str="tanh", bias: bool=True, batch_first: bool=False, dropout: num=0.0, bidirectional: bool=False, ${F_KW}, proj_size: int=None)`,
    'input_size hidden_size num_layers nonlinearity bias batch_first dropout bidirectional {device dtype proj_size}'],
  ['LSTM', `(self, input_size: int, hidden_size: int, num_layers: int=1, bias: bool=True, batch_first: bool=False, dropout: num=0.0, bidirectional: bool=False, proj_size: int=0, ${F_KW})`,
    `input_size hidden_size num_layers bias batch_first dropout bidirectional proj_size ${FACT}`],
  ['GRU', `(self, input_size: int, hidden_size: int, num_layers: int=1, bias: bool=True, batch_first: bool=False, dropout: num=0.0, bidirectional: bool=False, ${F_KW}, proj_size: int=None)`,
    'input_size hidden_size num_layers bias batch_first dropout bidirectional {device dtype proj_size}'],
  ['RNNCell', `(self, input_size: int, hidden_size: int, bias: bool=True, nonlinearity: str="tanh", ${F_KW})`, `input_size hidden_size bias nonlinearity ${FACT}`],
  ['LSTMCell', `(self, input_size: int, hidden_size: int, bias: bool=True, ${F_KW})`, `input_size hidden_size bias ${FACT}`],
  ['GRUCell', `(self, input_size: int, hidden_size: int, bias: bool=True, ${F_KW})`, `input_size hidden_size bias ${FACT}`],
  ['Embedding', `(self, num_embeddings: int, embedding_dim: int, padding_idx: opt=None, max_norm: opt=None, norm_type: num=2.0, scale_grad_by_freq: bool=False, sparse: bool=False, _weight: Tensor?=None, _freeze: bool=False, ${F_KW})`,
    `num_embeddings embedding_dim padding_idx max_norm norm_type scale_grad_by_freq sparse _weight _freeze ${FACT}`],
];

/** Losses take PyTorch's positional arguments; the engine takes them as one options object. */
const LOSSES: Record<string, string> = {
  L1Loss: 'size_average: opt=None, reduce: opt=None, reduction: str="mean"',
  MSELoss: 'size_average: opt=None, reduce: opt=None, reduction: str="mean"',
  SmoothL1Loss: 'size_average: opt=None, reduce: opt=None, reduction: str="mean", beta: num=1.0',
  HuberLoss: 'reduction: str="mean", delta: num=1.0',
  KLDivLoss: 'size_average: opt=None, reduce: opt=None, reduction: str="mean", log_target: bool=False',
  BCELoss: 'weight: Tensor?=None, size_average: opt=None, reduce: opt=None, reduction: str="mean"',
  BCEWithLogitsLoss: 'weight: Tensor?=None, size_average: opt=None, reduce: opt=None, reduction: str="mean", pos_weight: Tensor?=None',
  NLLLoss: 'weight: Tensor?=None, size_average: opt=None, ignore_index: int=-100, reduce: opt=None, reduction: str="mean"',
  CrossEntropyLoss: 'weight: Tensor?=None, size_average: opt=None, ignore_index: int=-100, reduce: opt=None, reduction: str="mean", label_smoothing: num=0.0',
};

// ---------------------------------------------------------------- containers

const eng = (self: PyValue) => moduleOf(self) as unknown as Record<string, (...a: unknown[]) => unknown> & EModule;

function indexArg(k: PyValue): unknown {
  if (k instanceof PySlice) {
    const b = (v: PyValue) => (v === None ? null : toInt(v));
    return pySlice(b(k.start), b(k.stop), b(k.step));
  }
  return typeof k === 'string' ? k : toInt(k, 'index');
}

/** Modules given to a container: positional modules, a dict/OrderedDict, or an iterable. */
function namedModules(v: PyValue): [string, unknown][] {
  if (v instanceof PyDict) return [...v.entries()].map((e) => [String(e.key), lightJs(e.value)]);
  return toArray(v).map((x, i) => {
    if (x instanceof PyTuple && x.items.length === 2 && typeof x.items[0] === 'string') return [x.items[0], lightJs(x.items[1])];
    return [String(i), lightJs(x)];
  });
}

function moduleArg(v: PyValue, container: string): EModule {
  const m = moduleOf(v);
  if (!m) throw bindTypeError(`${typeName(v)} is not a Module subclass`);
  void container;
  return m;
}

function defineContainerProtocols(cls: PyType, keyed: boolean): void {
  defineMethod(cls, '__len__(self)', ([s]) => eng(s).__len__() as number);
  defineMethod(cls, '__getitem__(self, idx)', ([s, k]) => lightPy(eng(s).__getitem__(indexArg(k))));
  defineMethod(cls, '__setitem__(self, idx, module)', ([s, k, v]) => {
    eng(s).__setitem__(indexArg(k), lightJs(v));
  });
  defineMethod(cls, '__delitem__(self, idx)', ([s, k]) => {
    eng(s).__delitem__(indexArg(k));
  });
  if (keyed) {
    defineMethod(cls, '__iter__(self)', ([s]) => iterOver(eng(s).keys() as string[]));
    defineMethod(cls, '__contains__(self, key)', ([s, k]) => eng(s).__contains__(k) as boolean);
    defineMethod(cls, 'keys(self)', ([s]) => new PyList((eng(s).keys() as string[]).slice()));
    defineMethod(cls, 'values(self)', ([s]) => new PyList((eng(s).values() as unknown[]).map(lightPy)));
    defineMethod(cls, 'items(self)', ([s]) => new PyList((eng(s).items() as [string, unknown][]).map(([k, v]) => new PyTuple([k, lightPy(v)]))));
    defineMethod(cls, 'pop(self, key)', ([s, k]) => lightPy(eng(s).pop(k)));
    defineMethod(cls, 'clear(self)', ([s]) => { eng(s).clear(); });
    defineMethod(cls, 'update(self, modules)', ([s, m]) => {
      eng(s).update(new Map(namedModules(m)));
    });
  } else {
    defineMethod(cls, '__iter__(self)', ([s]) => {
      const n = eng(s).__len__() as number;
      const out: PyValue[] = [];
      for (let i = 0; i < n; i++) out.push(lightPy(eng(s).__getitem__(i)));
      return iterOver(out);
    });
    defineMethod(cls, 'append(self, value)', ([s, v]) => {
      eng(s).append(lightJs(v));
      return s;
    });
    defineMethod(cls, 'extend(self, values)', ([s, v]) => {
      eng(s).extend(toArray(v).map(lightJs));
      return s;
    });
    defineMethod(cls, '__iadd__(self, other)', ([s, v]) => {
      eng(s).extend(toArray(v).map(lightJs));
      return s;
    });
    defineMethod(cls, 'insert(self, index, module)', ([s, i, m]) => {
      eng(s).insert(toInt(i), moduleArg(m, cls.name));
    });
    defineMethod(cls, 'pop(self, key=-1)', ([s, k]) => lightPy(eng(s).pop(indexArg(k))));
  }
}

function iterOver(values: PyValue[]): PyIterator {
  let i = 0;
  return new PyIterator(() => (i < values.length ? values[i++] : undefined));
}

function containerClass(name: string, init: (self: PyValue, arg: PyValue[]) => void, keyed: boolean): PyType {
  const cls = layerClass(name, { engine: E[name]!, init: '__init__(self)', module: 'torch.nn.modules.container' });
  defineMethod(cls, '__init__(self, *args)', ([self, args]) => init(self, (args as PyTuple).items));
  defineContainerProtocols(cls, keyed);
  return cls;
}

function buildContainers(): Record<string, PyType> {
  const seq = containerClass('Sequential', (self, args) => {
    const named = args.length === 1 && args[0] instanceof PyDict ? [new Map(namedModules(args[0]))] : args.map((a) => moduleArg(a, 'Sequential'));
    constructInto(self, E.Sequential!, named);
  }, false);
  const ml = containerClass('ModuleList', (self, args) => {
    constructInto(self, E.ModuleList!, [args.length && args[0] !== None ? toArray(args[0]).map((a) => moduleArg(a, 'ModuleList')) : null]);
  }, false);
  const md = containerClass('ModuleDict', (self, args) => {
    constructInto(self, E.ModuleDict!, [args.length && args[0] !== None ? new Map(namedModules(args[0])) : null]);
  }, true);
  const pl = containerClass('ParameterList', (self, args) => {
    constructInto(self, E.ParameterList!, [args.length && args[0] !== None ? toArray(args[0]).map(lightJs) : null]);
  }, false);
  const pd = containerClass('ParameterDict', (self, args) => {
    constructInto(self, E.ParameterDict!, [args.length && args[0] !== None ? new Map(namedModules(args[0])) : null]);
  }, true);
  defineMethod(seq, '__add__(self, other)', ([s, o]) => lightPy(eng(s).__add__(lightJs(o))));
  defineMethod(seq, '__mul__(self, n)', ([s, n]) => lightPy(eng(s).__mul__(toInt(n))));
  defineMethod(ml, '__add__(self, other)', ([s, o]) => lightPy(eng(s).__add__(toArray(o).map(lightJs))));
  return { Sequential: seq, ModuleList: ml, ModuleDict: md, ParameterList: pl, ParameterDict: pd };
}

// ---------------------------------------------------------------- the nn namespace's classes

let built: Record<string, PyValue> | null = null;

/** Every layer class the engine has, by its torch.nn name (layers the engine lacks are simply absent). */
export function layerClasses(): Record<string, PyValue> {
  if (built) return built;
  const out: Record<string, PyValue> = { Module: ModuleType, ...buildContainers() };
  for (const [name, sig, callT] of [...LAYERS, ...LAYERS_TAIL]) {
    const engine = E[name];
    if (!engine) continue;
    out[name] = layerClass(name, { engine, init: `__init__${sig}`, call: callT });
  }
  for (const [name, params] of Object.entries({ ...LOSSES, ...LOSSES_TAIL })) {
    const engine = E[name];
    if (!engine) continue;
    const names = params.split(',').map((p) => p.trim().split(':')[0]).filter((n) => n !== '*');
    out[name] = layerClass(name, { engine, init: `__init__(self, ${params})`, call: `{${names.join(' ')}}`, module: 'torch.nn.modules.loss' });
  }
  built = out;
  return out;
}


