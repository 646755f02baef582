// nn.MultiheadAttention (torch.nn.modules.activation) with PyTorch's parameters (packed in_proj_weight
// when q/k/v dims match, else q/k/v_proj_weight), init (xavier_uniform_, zero biases), its
// NonDynamicallyQuantizableLinear out_proj, and keyword-aware forward; the math is F.multi_head_attention_forward.
import type { Tensor } from '../../tensor';
import { typeError, valueError, assertionError } from '../../errors';
import { empty } from '../../ops/creation';
import { Module, type Args, type Kwargs } from '../module';
import { Parameter } from '../parameter';
import * as init from '../init';
import { canonicalMask, multi_head_attention_forward } from '../functional/attention';
import { Linear, type FactoryKwargs } from './linear';

/** A Linear under its own name, as PyTorch's out_proj (a marker for the quantization tooling). */
export class NonDynamicallyQuantizableLinear extends Linear {
  static override pyName = 'NonDynamicallyQuantizableLinear';
}

/**
 * Places keyword arguments of a forward call at their positions in `names` (PyTorch's parameter order),
 * so modules with optional masks and flags can be called as `mha(x, x, x, need_weights=False)`.
 */
export function bindForwardArgs(m: Module, names: readonly string[], args: Args, kwargs: Kwargs): unknown[] {
  const out: unknown[] = [...args];
  const who = `${m._get_name()}.forward()`;
  if (args.length > names.length) throw typeError(`${who} takes ${names.length + 1} positional arguments but ${args.length + 1} were given`);
  for (const [k, v] of Object.entries(kwargs)) {
    const i = names.indexOf(k);
    if (i < 0) throw typeError(`${who} got an unexpected keyword argument '${k}'`);
    if (i < args.length) throw typeError(`${who} got multiple values for argument '${k}'`);
    out[i] = v;
  }
  // Holes between positional arguments and keywords take the TS defaults.
  for (let i = 0; i < out.length; i++) if (!(i in out)) out[i] = undefined;
  return out;
}

const MHA_ARGS = ['query', 'key', 'value', 'key_padding_mask', 'need_weights', 'attn_mask', 'average_attn_weights', 'is_causal'];

export class MultiheadAttention extends Module {
  static override pyName = 'MultiheadAttention';
  static override pyModule = 'torch.nn.modules.activation';
  embed_dim: number; kdim: number; vdim: number; _qkv_same_embed_dim: boolean;
  num_heads: number; dropout: number; batch_first: boolean; head_dim: number; add_zero_attn: boolean;

  constructor(embed_dim: number, num_heads: number, dropout = 0.0, bias = true, add_bias_kv = false, add_zero_attn = false,
    kdim: number | null = null, vdim: number | null = null, batch_first = false, factory: FactoryKwargs = {}) {
    if (embed_dim <= 0 || num_heads <= 0) {
      throw valueError(`embed_dim and num_heads must be greater than 0, got embed_dim=${embed_dim} and num_heads=${num_heads} instead`);
    }
    super();
    const o = { dtype: factory.dtype ?? null, device: factory.device ?? null };
    this.embed_dim = embed_dim;
    this.kdim = kdim ?? embed_dim;
    this.vdim = vdim ?? embed_dim;
    this._qkv_same_embed_dim = this.kdim === embed_dim && this.vdim === embed_dim;
    this.num_heads = num_heads;
    this.dropout = dropout;
    this.batch_first = batch_first;
    this.head_dim = Math.floor(embed_dim / num_heads);
    if (this.head_dim * num_heads !== embed_dim) throw assertionError('embed_dim must be divisible by num_heads');
    if (!this._qkv_same_embed_dim) {
      this.register_parameter('q_proj_weight', new Parameter(empty([embed_dim, embed_dim], o)));
      this.register_parameter('k_proj_weight', new Parameter(empty([embed_dim, this.kdim], o)));
      this.register_parameter('v_proj_weight', new Parameter(empty([embed_dim, this.vdim], o)));
      this.register_parameter('in_proj_weight', null);
    } else {
      this.register_parameter('in_proj_weight', new Parameter(empty([3 * embed_dim, embed_dim], o)));
      this.register_parameter('q_proj_weight', null);
      this.register_parameter('k_proj_weight', null);
      this.register_parameter('v_proj_weight', null);
    }
    this.register_parameter('in_proj_bias', bias ? new Parameter(empty([3 * embed_dim], o)) : null);
    this.__setattr__('out_proj', new NonDynamicallyQuantizableLinear(embed_dim, embed_dim, bias, factory));
    if (add_bias_kv) {
      this.register_parameter('bias_k', new Parameter(empty([1, 1, embed_dim], o)));
      this.register_parameter('bias_v', new Parameter(empty([1, 1, embed_dim], o)));
    } else {
      this.__setattr__('bias_k', null);
      this.__setattr__('bias_v', null);
    }
    this.add_zero_attn = add_zero_attn;
    this._reset_parameters();
  }

  get in_proj_weight(): Parameter | null { return this._getattr('in_proj_weight') as Parameter | null; }
  get in_proj_bias(): Parameter | null { return this._getattr('in_proj_bias') as Parameter | null; }
  get q_proj_weight(): Parameter | null { return this._getattr('q_proj_weight') as Parameter | null; }
  get k_proj_weight(): Parameter | null { return this._getattr('k_proj_weight') as Parameter | null; }
  get v_proj_weight(): Parameter | null { return this._getattr('v_proj_weight') as Parameter | null; }
  get bias_k(): Parameter | null { return this._getattr('bias_k') as Parameter | null; }
  get bias_v(): Parameter | null { return this._getattr('bias_v') as Parameter | null; }
  get out_proj(): Linear { return this._getattr('out_proj') as Linear; }

  _reset_parameters(): void {
    if (this._qkv_same_embed_dim) init.xavier_uniform_(this.in_proj_weight!);
    else {
      init.xavier_uniform_(this.q_proj_weight!);
      init.xavier_uniform_(this.k_proj_weight!);
      init.xavier_uniform_(this.v_proj_weight!);
    }
    if (this.in_proj_bias) {
      init.constant_(this.in_proj_bias, 0.0);
      init.constant_(this.out_proj.bias!, 0.0);
    }
    if (this.bias_k) init.xavier_normal_(this.bias_k);
    if (this.bias_v) init.xavier_normal_(this.bias_v);
  }

  override _forward(args: Args, kwargs: Kwargs): unknown {
    return (this.forward as (...a: unknown[]) => unknown)(...bindForwardArgs(this, MHA_ARGS, args, kwargs));
  }

  /** Returns (attn_output, attn_output_weights or null), in batch_first layout when the module is. */
  override forward(query: Tensor, key: Tensor, value: Tensor, key_padding_mask: Tensor | null = null, need_weights = true,
    attn_mask: Tensor | null = null, average_attn_weights = true, is_causal = false): [Tensor, Tensor | null] {
    const batched = query.dim() === 3;
    const kpm = canonicalMask(key_padding_mask, 'key_padding_mask', query.dtype);
    const mask = canonicalMask(attn_mask, 'attn_mask', query.dtype);
    if (this.batch_first && batched) {
      // Keep the identities (query is key is value) the packed projection relies on.
      if (key === value) {
        if (query === key) query = key = value = query.transpose(1, 0);
        else { query = query.transpose(1, 0); key = value = key.transpose(1, 0); }
      } else [query, key, value] = [query.transpose(1, 0), key.transpose(1, 0), value.transpose(1, 0)];
    }
    const [out, weights] = multi_head_attention_forward(query, key, value, this.embed_dim, this.num_heads,
      this.in_proj_weight, this.in_proj_bias, this.bias_k, this.bias_v, this.add_zero_attn, this.dropout,
      this.out_proj.weight, this.out_proj.bias, {
        training: this.training, key_padding_mask: kpm, need_weights, attn_mask: mask, average_attn_weights, is_causal,
        ...(this._qkv_same_embed_dim ? {} : {
          use_separate_proj_weight: true, q_proj_weight: this.q_proj_weight, k_proj_weight: this.k_proj_weight, v_proj_weight: this.v_proj_weight,
        }),
      });
    return [this.batch_first && batched ? out.transpose(1, 0) : out, weights];
  }
}
