// nn.TransformerEncoderLayer / TransformerDecoderLayer / TransformerEncoder / TransformerDecoder /
// Transformer (torch.nn.modules.transformer): PyTorch's submodule names (so state_dicts line up), post-
// or pre-norm blocks, deep-copied layer stacks, causal-mask detection and the nested-tensor eval path.
import type { Tensor } from '../../tensor';
import { runtimeError } from '../../errors';
import { is_grad_enabled } from '../../autograd/grad_mode';
import { Module, type Args, type Kwargs } from '../module';
import { ModuleList } from '../containers';
import * as init from '../init';
import { relu, gelu } from '../functional/activation';
import { canonicalMask, generateSquareSubsequentMask } from '../functional/attention';
import { Linear, type FactoryKwargs } from './linear';
import { LayerNorm } from './norm';
import { Dropout } from './dropout';
import { ReLU, GELU } from './activation';
import { MultiheadAttention, bindForwardArgs } from './attention';
import { deepcopy } from './deepcopy';

/** 'relu' | 'gelu' (F.relu / F.gelu), any tensor function, or a module (registered as a child, as in PyTorch). */
export type Activation = 'relu' | 'gelu' | ((x: Tensor) => Tensor) | Module;
type Mask = Tensor | null;

const MOD = 'torch.nn.modules.transformer';
const reluFn = (x: Tensor): Tensor => relu(x);
const geluFn = (x: Tensor): Tensor => gelu(x);

function activationFn(a: Activation): Activation {
  if (typeof a !== 'string') return a;
  if (a === 'relu') return reluFn;
  if (a === 'gelu') return geluFn;
  throw runtimeError(`activation should be relu/gelu, not ${String(a)}`);
}

/** PyTorch's activation_relu_or_gelu flag: 1 relu, 2 gelu, 0 anything else (no fused fast path). */
function reluOrGelu(a: Activation): 0 | 1 | 2 {
  if (a === reluFn || a instanceof ReLU) return 1;
  if (a === geluFn || a instanceof GELU) return 2;
  return 0;
}

/** Runs the layer's activation: a module through its call (hooks), a function directly. */
function applyActivation(m: Module, x: Tensor): Tensor {
  const a = m._getattr('activation') as Activation;
  if (a instanceof Module) return a.call(x) as Tensor;
  return (a as (t: Tensor) => Tensor)(x);
}

const child = <T extends Module>(m: Module, name: string) => m._getattr(name) as T;

/** The attention / feed-forward scaffolding both layer kinds share. */
abstract class TransformerLayerBase extends Module {
  static override pyModule = MOD;
  norm_first: boolean;
  constructor(d_model: number, nhead: number, dim_feedforward: number, dropout: number, activation: Activation,
    layer_norm_eps: number, batch_first: boolean, norm_first: boolean, bias: boolean, factory: FactoryKwargs, decoder: boolean) {
    super();
    const mha = () => new MultiheadAttention(d_model, nhead, dropout, bias, false, false, null, null, batch_first, factory);
    this.__setattr__('self_attn', mha());
    if (decoder) this.__setattr__('multihead_attn', mha());
    this.__setattr__('linear1', new Linear(d_model, dim_feedforward, bias, factory));
    this.__setattr__('dropout', new Dropout(dropout));
    this.__setattr__('linear2', new Linear(dim_feedforward, d_model, bias, factory));
    this.norm_first = norm_first;
    const norms = decoder ? ['norm1', 'norm2', 'norm3'] : ['norm1', 'norm2'];
    for (const n of norms) this.__setattr__(n, new LayerNorm(d_model, layer_norm_eps, true, bias, factory));
    for (const n of decoder ? ['dropout1', 'dropout2', 'dropout3'] : ['dropout1', 'dropout2']) this.__setattr__(n, new Dropout(dropout));
    this.__setattr__('activation', activationFn(activation));
  }

  get self_attn(): MultiheadAttention { return child(this, 'self_attn'); }
  get norm1(): LayerNorm { return child(this, 'norm1'); }
  get norm2(): LayerNorm { return child(this, 'norm2'); }
  get linear1(): Linear { return child(this, 'linear1'); }
  get linear2(): Linear { return child(this, 'linear2'); }

  protected sub(name: string, x: Tensor): Tensor { return child(this, name).call(x) as Tensor; }

  /** self_attn(x, x, x) or multihead_attn(x, mem, mem) without weights, then its dropout. */
  protected attnBlock(attn: string, drop: string, x: Tensor, kv: Tensor, attn_mask: Mask, key_padding_mask: Mask, is_causal: boolean): Tensor {
    const [y] = child(this, attn)._call_impl([x, kv, kv], { attn_mask, key_padding_mask, need_weights: false, is_causal }) as [Tensor, Mask];
    return this.sub(drop, y);
  }

  protected ffBlock(x: Tensor, drop: string): Tensor {
    const h = this.sub('dropout', applyActivation(this, this.sub('linear1', x)));
    return this.sub(drop, this.sub('linear2', h));
  }
}

const ENC_LAYER_ARGS = ['src', 'src_mask', 'src_key_padding_mask', 'is_causal'];

export class TransformerEncoderLayer extends TransformerLayerBase {
  static override pyName = 'TransformerEncoderLayer';
  activation_relu_or_gelu: 0 | 1 | 2;
  constructor(d_model: number, nhead: number, dim_feedforward = 2048, dropout = 0.1, activation: Activation = 'relu',
    layer_norm_eps = 1e-5, batch_first = false, norm_first = false, bias = true, factory: FactoryKwargs = {}) {
    super(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps, batch_first, norm_first, bias, factory, false);
    this.activation_relu_or_gelu = reluOrGelu(activationFn(activation));
  }

  override _forward(args: Args, kwargs: Kwargs): unknown {
    return (this.forward as (...a: unknown[]) => unknown)(...bindForwardArgs(this, ENC_LAYER_ARGS, args, kwargs));
  }

  override forward(src: Tensor, src_mask: Mask = null, src_key_padding_mask: Mask = null, is_causal = false): Tensor {
    const kpm = canonicalMask(src_key_padding_mask, 'src_key_padding_mask', src.dtype);
    const mask = canonicalMask(src_mask, 'src_mask', src.dtype);
    let x = src;
    if (this.norm_first) {
      const h = this.sub('norm1', x);
      x = x.add(this.attnBlock('self_attn', 'dropout1', h, h, mask, kpm, is_causal));
      x = x.add(this.ffBlock(this.sub('norm2', x), 'dropout2'));
    } else {
      x = this.sub('norm1', x.add(this.attnBlock('self_attn', 'dropout1', x, x, mask, kpm, is_causal)));
      x = this.sub('norm2', x.add(this.ffBlock(x, 'dropout2')));
    }
    return x;
  }
}

const DEC_LAYER_ARGS = ['tgt', 'memory', 'tgt_mask', 'memory_mask', 'tgt_key_padding_mask', 'memory_key_padding_mask', 'tgt_is_causal', 'memory_is_causal'];

export class TransformerDecoderLayer extends TransformerLayerBase {
  static override pyName = 'TransformerDecoderLayer';
  constructor(d_model: number, nhead: number, dim_feedforward = 2048, dropout = 0.1, activation: Activation = 'relu',
    layer_norm_eps = 1e-5, batch_first = false, norm_first = false, bias = true, factory: FactoryKwargs = {}) {
    super(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps, batch_first, norm_first, bias, factory, true);
  }

  override _forward(args: Args, kwargs: Kwargs): unknown {
    return (this.forward as (...a: unknown[]) => unknown)(...bindForwardArgs(this, DEC_LAYER_ARGS, args, kwargs));
  }

  override forward(tgt: Tensor, memory: Tensor, tgt_mask: Mask = null, memory_mask: Mask = null, tgt_key_padding_mask: Mask = null,
    memory_key_padding_mask: Mask = null, tgt_is_causal = false, memory_is_causal = false): Tensor {
    let x = tgt;
    if (this.norm_first) {
      const h = this.sub('norm1', x);
      x = x.add(this.attnBlock('self_attn', 'dropout1', h, h, tgt_mask, tgt_key_padding_mask, tgt_is_causal));
      x = x.add(this.attnBlock('multihead_attn', 'dropout2', this.sub('norm2', x), memory, memory_mask, memory_key_padding_mask, memory_is_causal));
      x = x.add(this.ffBlock(this.sub('norm3', x), 'dropout3'));
    } else {
      x = this.sub('norm1', x.add(this.attnBlock('self_attn', 'dropout1', x, x, tgt_mask, tgt_key_padding_mask, tgt_is_causal)));
      x = this.sub('norm2', x.add(this.attnBlock('multihead_attn', 'dropout2', x, memory, memory_mask, memory_key_padding_mask, memory_is_causal)));
      x = this.sub('norm3', x.add(this.ffBlock(x, 'dropout3')));
    }
    return x;
  }
}

/** _get_seq_len: the sequence dim of an unbatched (S, E) or batched input. */
const seqLen = (src: Tensor, batchFirst: boolean): number => (src.dim() === 2 ? src.shape[0] : src.shape[batchFirst ? 1 : 0]);

/** _detect_is_causal_mask: an explicit hint wins; with none, a mask equal to the square subsequent mask counts. */
export function detectIsCausalMask(mask: Mask, is_causal: boolean | null, size: number | null): boolean {
  if (is_causal !== null || mask === null) return is_causal === true;
  const sz = size ?? mask.shape[mask.dim() - 2];
  if (mask.dim() !== 2 || mask.shape[0] !== sz || mask.shape[1] !== sz || mask.is_meta) return false;
  const causal = generateSquareSubsequentMask(sz, { dtype: mask.dtype, device: mask.device });
  return Boolean(mask.eq(causal).all().item());
}

/** The batch_first flag of a stack's first layer (a custom layer without self_attn counts as False). */
function firstBatchFirst(layers: ModuleList): boolean {
  const l0 = layers.length ? layers.get(0) : null;
  const attn = l0 && l0._hasattr('self_attn') ? l0._getattr('self_attn') : null;
  return attn instanceof MultiheadAttention ? attn.batch_first : false;
}

const ENC_ARGS = ['src', 'mask', 'src_key_padding_mask', 'is_causal'];

export class TransformerEncoder extends Module {
  static override pyName = 'TransformerEncoder';
  static override pyModule = MOD;
  num_layers: number; enable_nested_tensor: boolean; use_nested_tensor: boolean; mask_check: boolean;

  constructor(encoder_layer: Module, num_layers: number, norm: Module | null = null, enable_nested_tensor = true, mask_check = true) {
    super();
    this.__setattr__('layers', new ModuleList(Array.from({ length: num_layers }, () => deepcopy(encoder_layer))));
    this.num_layers = num_layers;
    this.__setattr__('norm', norm);
    this.enable_nested_tensor = enable_nested_tensor;
    this.mask_check = mask_check;
    // PyTorch warns and turns the nested-tensor path off when the layer cannot take it.
    const l = encoder_layer;
    const ok = l instanceof TransformerEncoderLayer && !l.norm_first && l.self_attn.batch_first && l.self_attn._qkv_same_embed_dim
      && l.self_attn.in_proj_bias !== null && l.activation_relu_or_gelu !== 0 && l.norm1.eps === l.norm2.eps && l.self_attn.num_heads % 2 === 0;
    this.use_nested_tensor = enable_nested_tensor && ok;
  }

  get layers(): ModuleList { return child(this, 'layers'); }

  override _forward(args: Args, kwargs: Kwargs): unknown {
    return (this.forward as (...a: unknown[]) => unknown)(...bindForwardArgs(this, ENC_ARGS, args, kwargs));
  }

  override forward(src: Tensor, mask: Mask = null, src_key_padding_mask: Mask = null, is_causal: boolean | null = null): Tensor {
    const kpm = canonicalMask(src_key_padding_mask, 'src_key_padding_mask', src.dtype);
    const m = canonicalMask(mask, 'mask', src.dtype);
    const nestedPad = this.nestedPadding(src, m, kpm);
    const causal = detectIsCausalMask(m, is_causal, seqLen(src, firstBatchFirst(this.layers)));
    let out = src;
    for (const layer of this.layers) {
      out = layer._call_impl([out], { src_mask: m, is_causal: causal, src_key_padding_mask: kpm }) as Tensor;
    }
    // PyTorch's eval path runs padded batches as nested tensors and pads the result with zeros.
    if (nestedPad) out = out.masked_fill(nestedPad.unsqueeze(-1), 0);
    const norm = this._getattr('norm') as Module | null;
    return norm ? (norm.call(out) as Tensor) : out;
  }

  /** The padding positions (B, S) when PyTorch would take its nested-tensor path, else null. */
  private nestedPadding(src: Tensor, mask: Mask, kpm: Mask): Tensor | null {
    const first = this.layers.length ? this.layers.get(0) : null;
    if (!this.use_nested_tensor || !first || first.training || src.dim() !== 3 || !kpm || mask || src.is_meta) return null;
    const pad = kpm.ne(0);
    if (this.mask_check) {
      // Left-aligned: once a row is padded it stays padded.
      const d = pad._contiguousData(), S = pad.shape[1];
      for (let i = 1; i < d.length; i++) if (i % S !== 0 && d[i - 1] && !d[i]) return null;
    }
    if (is_grad_enabled() && (src.requires_grad || [...first.parameters()].some((t) => t.requires_grad))) return null;
    return pad;
  }
}

const DEC_ARGS = DEC_LAYER_ARGS;

export class TransformerDecoder extends Module {
  static override pyName = 'TransformerDecoder';
  static override pyModule = MOD;
  num_layers: number;

  constructor(decoder_layer: Module, num_layers: number, norm: Module | null = null) {
    super();
    this.__setattr__('layers', new ModuleList(Array.from({ length: num_layers }, () => deepcopy(decoder_layer))));
    this.num_layers = num_layers;
    this.__setattr__('norm', norm);
  }

  get layers(): ModuleList { return child(this, 'layers'); }

  override _forward(args: Args, kwargs: Kwargs): unknown {
    return (this.forward as (...a: unknown[]) => unknown)(...bindForwardArgs(this, DEC_ARGS, args, kwargs));
  }

  override forward(tgt: Tensor, memory: Tensor, tgt_mask: Mask = null, memory_mask: Mask = null, tgt_key_padding_mask: Mask = null,
    memory_key_padding_mask: Mask = null, tgt_is_causal: boolean | null = null, memory_is_causal = false): Tensor {
    const causal = detectIsCausalMask(tgt_mask, tgt_is_causal, seqLen(tgt, firstBatchFirst(this.layers)));
    let out = tgt;
    for (const layer of this.layers) {
      out = layer._call_impl([out, memory], {
        tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask, tgt_is_causal: causal, memory_is_causal,
      }) as Tensor;
    }
    const norm = this._getattr('norm') as Module | null;
    return norm ? (norm.call(out) as Tensor) : out;
  }
}

const TRANSFORMER_ARGS = ['src', 'tgt', 'src_mask', 'tgt_mask', 'memory_mask', 'src_key_padding_mask', 'tgt_key_padding_mask',
  'memory_key_padding_mask', 'src_is_causal', 'tgt_is_causal', 'memory_is_causal'];

export class Transformer extends Module {
  static override pyName = 'Transformer';
  static override pyModule = MOD;
  d_model: number; nhead: number; batch_first: boolean;

  constructor(d_model = 512, nhead = 8, num_encoder_layers = 6, num_decoder_layers = 6, dim_feedforward = 2048, dropout = 0.1,
    activation: Activation = 'relu', custom_encoder: Module | null = null, custom_decoder: Module | null = null, layer_norm_eps = 1e-5,
    batch_first = false, norm_first = false, bias = true, factory: FactoryKwargs = {}) {
    super();
    const norm = () => new LayerNorm(d_model, layer_norm_eps, true, bias, factory);
    this.__setattr__('encoder', custom_encoder ?? new TransformerEncoder(new TransformerEncoderLayer(d_model, nhead, dim_feedforward,
      dropout, activation, layer_norm_eps, batch_first, norm_first, bias, factory), num_encoder_layers, norm()));
    this.__setattr__('decoder', custom_decoder ?? new TransformerDecoder(new TransformerDecoderLayer(d_model, nhead, dim_feedforward,
      dropout, activation, layer_norm_eps, batch_first, norm_first, bias, factory), num_decoder_layers, norm()));
    this._reset_parameters();
    this.d_model = d_model;
    this.nhead = nhead;
    this.batch_first = batch_first;
  }

  /** A float (sz, sz) mask: 0 on and below the diagonal, -inf above it. */
  static generate_square_subsequent_mask(sz: number, device: Tensor['device'] | null = null, dtype: Tensor['dtype'] | null = null): Tensor {
    return generateSquareSubsequentMask(sz, { device, dtype });
  }

  _reset_parameters(): void {
    for (const p of this.parameters()) if (p.dim() > 1) init.xavier_uniform_(p);
  }

  override _forward(args: Args, kwargs: Kwargs): unknown {
    return (this.forward as (...a: unknown[]) => unknown)(...bindForwardArgs(this, TRANSFORMER_ARGS, args, kwargs));
  }

  override forward(src: Tensor, tgt: Tensor, src_mask: Mask = null, tgt_mask: Mask = null, memory_mask: Mask = null,
    src_key_padding_mask: Mask = null, tgt_key_padding_mask: Mask = null, memory_key_padding_mask: Mask = null,
    src_is_causal: boolean | null = null, tgt_is_causal: boolean | null = null, memory_is_causal = false): Tensor {
    const batched = src.dim() === 3;
    if (batched && src.shape[this.batch_first ? 0 : 1] !== tgt.shape[this.batch_first ? 0 : 1]) {
      throw runtimeError('the batch number of src and tgt must be equal');
    }
    if (src.shape[src.dim() - 1] !== this.d_model || tgt.shape[tgt.dim() - 1] !== this.d_model) {
      throw runtimeError('the feature number of src and tgt must be equal to d_model');
    }
    const memory = child(this, 'encoder')._call_impl([src], { mask: src_mask, src_key_padding_mask, is_causal: src_is_causal }) as Tensor;
    return child(this, 'decoder')._call_impl([tgt, memory], {
      tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask, tgt_is_causal, memory_is_causal,
    }) as Tensor;
  }
}
