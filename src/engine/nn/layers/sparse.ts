// nn.Embedding: a lookup table with PyTorch's init (N(0,1), padding row zeroed), padding_idx,
// max_norm renormalisation, from_pretrained, and its extra_repr.
import type { Tensor } from '../../tensor';
import { runtimeError } from '../../errors';
import { empty } from '../../ops/creation';
import { no_grad } from '../../autograd/grad_mode';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as init from '../init';
import { embedding } from '../functional/sparse';
import type { FactoryKwargs } from './linear';
import { pyFloat } from './repr';

export class Embedding extends Module {
  static override pyName = 'Embedding';
  static override pyModule = 'torch.nn.modules.sparse';
  num_embeddings: number; embedding_dim: number; padding_idx: number | null; max_norm: number | null;
  norm_type: number; scale_grad_by_freq: boolean; sparse: boolean;

  constructor(num_embeddings: number, embedding_dim: number, padding_idx: number | null = null, max_norm: number | null = null,
    norm_type = 2.0, scale_grad_by_freq = false, sparse = false, _weight: Tensor | null = null, _freeze = false, factory: FactoryKwargs = {}) {
    super();
    this.num_embeddings = num_embeddings;
    this.embedding_dim = embedding_dim;
    let pad = padding_idx;
    if (pad !== null) {
      // PyTorch asserts here (AssertionError); the message is the same.
      if (pad > 0 && pad >= num_embeddings) throw runtimeError('Padding_idx must be within num_embeddings');
      if (pad < 0) {
        if (pad < -num_embeddings) throw runtimeError('Padding_idx must be within num_embeddings');
        pad += num_embeddings;
      }
    }
    this.padding_idx = pad;
    this.max_norm = max_norm;
    this.norm_type = norm_type;
    this.scale_grad_by_freq = scale_grad_by_freq;
    this.sparse = sparse;
    if (_weight) {
      if (_weight.dim() !== 2 || _weight.shape[0] !== num_embeddings || _weight.shape[1] !== embedding_dim) {
        throw runtimeError('Shape of weight does not match num_embeddings and embedding_dim');
      }
      this.register_parameter('weight', new Parameter(_weight, !_freeze));
    } else {
      const w = new Parameter(empty([num_embeddings, embedding_dim], { dtype: factory.dtype ?? null, device: factory.device ?? null }), !_freeze);
      this.register_parameter('weight', w);
      this.reset_parameters();
    }
  }

  get weight(): Parameter { return this._getattr('weight') as Parameter; }

  reset_parameters(): void {
    init.normal_(this.weight);
    this._fill_padding_idx_with_zero();
  }
  _fill_padding_idx_with_zero(): void {
    if (this.padding_idx !== null && !this.weight.is_meta) no_grad(() => this.weight.select(0, this.padding_idx!).fill_(0));
  }

  override forward(input: Tensor): Tensor {
    return embedding(input, this.weight, this.padding_idx, this.max_norm, this.norm_type, this.scale_grad_by_freq, this.sparse);
  }

  override extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    if (this.max_norm !== null) s += `, max_norm=${pyFloat(this.max_norm)}`;
    if (this.norm_type !== 2) s += `, norm_type=${pyFloat(this.norm_type)}`;
    if (this.scale_grad_by_freq) s += ', scale_grad_by_freq=True';
    if (this.sparse) s += ', sparse=True';
    return s;
  }

  /** Embedding.from_pretrained: wraps `embeddings` as the weight (frozen by default); the padding row is kept as given. */
  static from_pretrained(embeddings: Tensor, freeze = true, padding_idx: number | null = null, max_norm: number | null = null,
    norm_type = 2.0, scale_grad_by_freq = false, sparse = false): Embedding {
    if (embeddings.dim() !== 2) throw runtimeError('Embeddings parameter is expected to be 2-dimensional');
    const [rows, cols] = embeddings.shape;
    return new Embedding(rows, cols, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse, embeddings, freeze);
  }
}
