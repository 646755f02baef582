// nn.Flatten and nn.Unflatten: views over a range of dims (ViewBackward0 in the graph).
import type { Tensor } from '../../tensor';
import { flatten, unflatten } from '../../ops/movement';
import { Module } from '../module';
import { pyIntish } from './repr';

export class Flatten extends Module {
  static override pyName = 'Flatten';
  static override pyModule = 'torch.nn.modules.flatten';
  constructor(public start_dim = 1, public end_dim = -1) { super(); }
  override forward(input: Tensor): Tensor { return flatten(input, this.start_dim, this.end_dim); }
  override extra_repr(): string { return `start_dim=${this.start_dim}, end_dim=${this.end_dim}`; }
}

export class Unflatten extends Module {
  static override pyName = 'Unflatten';
  static override pyModule = 'torch.nn.modules.flatten';
  constructor(public dim: number, public unflattened_size: number[]) { super(); }
  override forward(input: Tensor): Tensor { return unflatten(input, this.dim, this.unflattened_size); }
  override extra_repr(): string { return `dim=${this.dim}, unflattened_size=${pyIntish(this.unflattened_size)}`; }
}
