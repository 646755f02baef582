// nn.EmbeddingBag (torch.nn.modules.sparse): a lookup table reduced per bag, initialised N(0, 1) with
// the padding row zeroed, printing as PyTorch does.
import type { Tensor } from '../../tensor';
import { runtimeError } from '../../errors';
import { empty } from '../../ops/creation';
import { no_grad } from '../../autograd/grad_mode';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as init from '../init';
import { embedding_bag, type BagMode } from '../functional/embedding_bag_extra';
import type { FactoryKwargs } from './linear';
import { pyBool, pyFloat } from './repr';

export class EmbeddingBag extends Module {
  static override pyName = 'EmbeddingBag';
  static override pyModule = 'torch.nn.modules.sparse';
  num_embeddings: number; embedding_dim: number; max_norm: number | null; norm_type: number; scale_grad_by_freq: boolean;
  mode: BagMode; sparse: boolean; include_last_offset: boolean; padding_idx: number | null;

  constructor(num_embeddings: number, embedding_dim: number, max_norm: number | null = null, norm_type = 2.0, scale_grad_by_freq = false,
    mode: BagMode = 'mean', sparse = false, _weight: Tensor | null = null, include_last_offset = false, padding_idx: number | null = null,
    factory: FactoryKwargs = {}) {
    super();
    this.num_embeddings = num_embeddings;
    this.embedding_dim = embedding_dim;
    this.max_norm = max_norm;
    this.norm_type = norm_type;
    this.scale_grad_by_freq = scale_grad_by_freq;
    let pad = padding_idx;
    if (pad !== null) {
      if (pad > 0 && pad >= num_embeddings) throw runtimeError('padding_idx must be within num_embeddings');
      if (pad < 0) {
        if (pad < -num_embeddings) throw runtimeError('padding_idx must be within num_embeddings');
        pad += num_embeddings;
      }
    }
    this.padding_idx = pad;
    if (_weight) {
      if (_weight.dim() !== 2 || _weight.shape[0] !== num_embeddings || _weight.shape[1] !== embedding_dim) {
        throw runtimeError('Shape of weight does not match num_embeddings and embedding_dim');
      }
      this.register_parameter('weight', new Parameter(_weight));
    } else {
      this.register_parameter('weight', new Parameter(empty([num_embeddings, embedding_dim], { dtype: factory.dtype ?? null, device: factory.device ?? null })));
      this.reset_parameters();
    }
    this.mode = mode;
    this.sparse = sparse;
    this.include_last_offset = include_last_offset;
  }

  get weight(): Parameter { return this._getattr('weight') as Parameter; }

  reset_parameters(): void {
    init.normal_(this.weight);
    if (this.padding_idx !== null && !this.weight.is_meta) no_grad(() => this.weight.select(0, this.padding_idx!).fill_(0));
  }

  override forward(input: Tensor, offsets: Tensor | null = null, per_sample_weights: Tensor | null = null): Tensor {
    return embedding_bag(input, this.weight, offsets, this.max_norm, this.norm_type, this.scale_grad_by_freq, this.mode, this.sparse,
      per_sample_weights, this.include_last_offset, this.padding_idx);
  }

  override extra_repr(): string {
    let s = `${this.num_embeddings}, ${this.embedding_dim}`;
    if (this.max_norm !== null) s += `, max_norm=${pyFloat(this.max_norm)}`;
    if (this.norm_type !== 2) s += `, norm_type=${pyFloat(this.norm_type)}`;
    if (this.scale_grad_by_freq) s += `, scale_grad_by_freq=${pyBool(this.scale_grad_by_freq)}`;
    s += `, mode='${this.mode}'`;
    if (this.padding_idx !== null) s += `, padding_idx=${this.padding_idx}`;
    return s;
  }
}
