// torch.optim.lr_scheduler, continued: ConstantLR, LinearLR, PolynomialLR, CosineAnnealingWarmRestarts,
// CyclicLR (with momentum cycling), and the compositions SequentialLR and ChainedScheduler.
import { notImplemented, typeError, valueError } from '../errors';
import type { Optimizer } from './optimizer';
import { LRScheduler, ReduceLROnPlateau } from './lr_scheduler';

export class ConstantLR extends LRScheduler {
  constructor(opt: Optimizer, readonly factor = 1 / 3, readonly total_iters = 5, last_epoch = -1) {
    if (factor > 1 || factor < 0) throw valueError('Constant multiplicative factor expected to be between 0 and 1.');
    super(opt, last_epoch);
    this.initialStep();
  }
  get_lr(): number[] {
    if (this.last_epoch === 0) return this.lrs().map((lr) => lr * this.factor);
    if (this.last_epoch !== this.total_iters) return this.lrs();
    return this.lrs().map((lr) => lr * (1 / this.factor));
  }
  override closedFormLr(): number[] {
    const after = this.last_epoch >= this.total_iters ? 1 : 0;
    return this.base_lrs.map((b) => b * (this.factor + after * (1 - this.factor)));
  }
}

export class LinearLR extends LRScheduler {
  constructor(opt: Optimizer, readonly start_factor = 1 / 3, readonly end_factor = 1, readonly total_iters = 5, last_epoch = -1) {
    if (start_factor > 1 || start_factor <= 0) {
      throw valueError('Starting multiplicative factor expected to be greater than 0 and less or equal to 1.');
    }
    if (end_factor > 1 || end_factor < 0) throw valueError('Ending multiplicative factor expected to be between 0 and 1.');
    super(opt, last_epoch);
    this.initialStep();
  }
  get_lr(): number[] {
    const { start_factor: s, end_factor: e, total_iters: n } = this;
    if (this.last_epoch === 0) return this.lrs().map((lr) => lr * s);
    if (this.isInitial || this.last_epoch > n) return this.lrs();
    // Ratio of consecutive linear factors, so the rule chains with whatever else changed the lr.
    return this.lrs().map((lr) => lr * (1 + (e - s) / (n * s + (this.last_epoch - 1) * (e - s))));
  }
  override closedFormLr(): number[] {
    const { start_factor: s, end_factor: e, total_iters: n } = this;
    return this.base_lrs.map((b) => b * (s + ((e - s) * Math.min(n, this.last_epoch)) / n));
  }
}

export class PolynomialLR extends LRScheduler {
  constructor(opt: Optimizer, readonly total_iters = 5, readonly power = 1, last_epoch = -1) {
    super(opt, last_epoch);
    this.initialStep();
  }
  get_lr(): number[] {
    const n = this.total_iters, e = this.last_epoch;
    if (this.isInitial || e > n) return this.lrs();
    const factor = Math.pow((1 - e / n) / (1 - (e - 1) / n), this.power);
    return this.lrs().map((lr) => lr * factor);
  }
  override closedFormLr(): number[] {
    const n = this.total_iters;
    return this.base_lrs.map((b) => b * Math.pow(1 - Math.min(n, this.last_epoch) / n, this.power));
  }
}

export class CosineAnnealingWarmRestarts extends LRScheduler {
  T_i: number;
  T_cur: number;

  constructor(opt: Optimizer, readonly T_0: number, readonly T_mult = 1, readonly eta_min = 0, last_epoch = -1) {
    if (!Number.isInteger(T_0) || T_0 <= 0) throw valueError(`Expected positive integer T_0, but got ${T_0}`);
    if (!Number.isInteger(T_mult) || T_mult < 1) throw valueError(`Expected integer T_mult >= 1, but got ${T_mult}`);
    super(opt, last_epoch);
    this.T_i = T_0;
    this.T_cur = last_epoch;
    this.initialStep();
  }

  get_lr(): number[] {
    return this.base_lrs.map((b) => this.eta_min + ((b - this.eta_min) * (1 + Math.cos((Math.PI * this.T_cur) / this.T_i))) / 2);
  }

  /** Called per batch with a fractional `epoch` (e.g. epoch + i / iters), or without one to count epochs. */
  override step(epoch?: number): void {
    if (epoch === undefined && this.last_epoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.last_epoch + 1;
      this.T_cur += 1;
      if (this.T_cur >= this.T_i) {
        this.T_cur = this.T_cur % this.T_i;
        this.T_i *= this.T_mult;
      }
    } else {
      if (epoch < 0) throw valueError(`Expected non-negative epoch, but got ${epoch}`);
      if (epoch >= this.T_0) {
        if (this.T_mult === 1) this.T_cur = epoch % this.T_0;
        else {
          // Which restart period `epoch` falls in: periods grow geometrically, T_0 * T_mult**n.
          const n = Math.trunc(Math.log((epoch / this.T_0) * (this.T_mult - 1) + 1) / Math.log(this.T_mult));
          this.T_cur = epoch - (this.T_0 * (Math.pow(this.T_mult, n) - 1)) / (this.T_mult - 1);
          this.T_i = this.T_0 * Math.pow(this.T_mult, n);
        }
      } else {
        this.T_i = this.T_0;
        this.T_cur = epoch;
      }
    }
    this.last_epoch = Math.floor(epoch);
    const lrs = this.get_lr();
    this.optimizer.param_groups.forEach((g, i) => (g.lr = lrs[i]));
    this._last_lr = this.lrs();
  }
}

export interface CyclicOptions {
  step_size_up?: number; step_size_down?: number | null; mode?: 'triangular' | 'triangular2' | 'exp_range'; gamma?: number;
  scale_fn?: ((x: number) => number) | null; scale_mode?: 'cycle' | 'iterations'; cycle_momentum?: boolean;
  base_momentum?: number | number[]; max_momentum?: number | number[]; last_epoch?: number;
}

/** One value per param group: a list must have exactly one entry per group (PyTorch's `_format_param`). */
function perGroup(name: string, opt: Optimizer, v: number | number[]): number[] {
  if (!Array.isArray(v)) return opt.param_groups.map(() => v);
  if (v.length !== opt.param_groups.length) throw valueError(`${name} must have the same length as optimizer.param_groups. ${name} has ${v.length} values, param_groups has ${opt.param_groups.length}.`);
  return [...v];
}

export class CyclicLR extends LRScheduler {
  readonly max_lrs: number[];
  readonly total_size: number;
  readonly step_ratio: number;
  readonly mode: string;
  readonly gamma: number;
  readonly scale_mode: 'cycle' | 'iterations';
  readonly cycle_momentum: boolean;
  private readonly scaleFn: (x: number) => number;
  private readonly useBeta1: boolean;
  private readonly base_momentums: number[] = [];
  private readonly max_momentums: number[] = [];

  constructor(opt: Optimizer, base_lr: number | number[], max_lr: number | number[], options: CyclicOptions = {}) {
    const o = { step_size_up: 2000, step_size_down: null, mode: 'triangular' as const, gamma: 1, scale_fn: null, scale_mode: 'cycle' as const, cycle_momentum: true, base_momentum: 0.8, max_momentum: 0.9, last_epoch: -1, ...options };
    const baseLrs = perGroup('base_lr', opt, base_lr);
    if (o.last_epoch === -1) opt.param_groups.forEach((g, i) => (g.lr = baseLrs[i]));
    const up = o.step_size_up, down = o.step_size_down ?? up;
    const modes = ['triangular', 'triangular2', 'exp_range'];
    if (!modes.includes(o.mode) && !o.scale_fn) throw valueError('mode is invalid and scale_fn is None');
    const useBeta1 = 'betas' in opt.defaults;
    if (o.cycle_momentum && !('momentum' in opt.defaults) && !useBeta1) {
      throw valueError('optimizer must support momentum or beta1 with `cycle_momentum` option enabled');
    }
    super(opt, o.last_epoch);
    this.max_lrs = perGroup('max_lr', opt, max_lr);
    this.total_size = up + down;
    this.step_ratio = up / this.total_size;
    this.mode = o.mode;
    this.gamma = o.gamma;
    const builtIn = { triangular: () => 1, triangular2: (x: number) => 1 / Math.pow(2, x - 1), exp_range: (x: number) => Math.pow(o.gamma, x) };
    this.scaleFn = o.scale_fn ?? builtIn[o.mode];
    this.scale_mode = o.scale_fn ? o.scale_mode : o.mode === 'exp_range' ? 'iterations' : 'cycle';
    this.cycle_momentum = o.cycle_momentum;
    this.useBeta1 = useBeta1;
    if (o.cycle_momentum) {
      this.base_momentums = perGroup('base_momentum', opt, o.base_momentum);
      this.max_momentums = perGroup('max_momentum', opt, o.max_momentum);
      if (o.last_epoch === -1) {
        opt.param_groups.forEach((g, i) => {
          this.setMomentum(g, this.max_momentums[i]);
          g.max_momentum = this.max_momentums[i];
          g.base_momentum = this.base_momentums[i];
        });
      }
    }
    // PyTorch's constructor steps with base_lrs = the groups' initial_lr, then switches to base_lr.
    this.initialStep();
    this.base_lrs = baseLrs;
  }

  private setMomentum(g: Record<string, unknown>, m: number): void {
    if (this.useBeta1) g.betas = [m, ...(g.betas as number[]).slice(1)];
    else g.momentum = m;
  }

  get_lr(): number[] {
    const cycle = Math.floor(1 + this.last_epoch / this.total_size);
    const x = 1 + this.last_epoch / this.total_size - cycle;
    const scale = x <= this.step_ratio ? x / this.step_ratio : (x - 1) / (this.step_ratio - 1);
    const s = this.scaleFn(this.scale_mode === 'cycle' ? cycle : this.last_epoch);
    const lrs = this.base_lrs.map((b, i) => b + (this.max_lrs[i] - b) * scale * s);
    if (this.cycle_momentum) {
      // Momentum moves opposite to the lr: high momentum while the lr is low.
      this.optimizer.param_groups.forEach((g, i) => {
        const mx = this.max_momentums[i];
        this.setMomentum(g, mx - (mx - this.base_momentums[i]) * scale * s);
      });
    }
    return lrs;
  }
}

type Composable = LRScheduler & { readonly _schedulers?: LRScheduler[] };

function checkMembers(who: string, opt: Optimizer, schedulers: LRScheduler[]): void {
  schedulers.forEach((s: unknown, i) => {
    if (s instanceof ReduceLROnPlateau) {
      throw valueError(`${who} does not support \`ReduceLROnPlateau\` scheduler as it requires additional kwargs to be specified when calling \`step\`, but got one at index ${i} in the given schedulers sequence.`);
    }
    if (!(s instanceof LRScheduler)) throw typeError(`${who} at index ${i} should have \`optimizer\` as its attribute.`);
    if (s.optimizer !== opt) {
      throw valueError(`${who} expects all schedulers to belong to the same optimizer, but got scheduler ${s.constructor.name} at index ${i} has ${String(s.optimizer)}, which is different from ${opt.constructor.name}.`);
    }
  });
}

export class SequentialLR extends LRScheduler {
  readonly _schedulers: LRScheduler[];
  readonly _milestones: number[];

  constructor(opt: Optimizer, schedulers: LRScheduler[], milestones: number[], last_epoch = -1) {
    if (schedulers.length < 1) throw valueError('SequentialLR expects at least one scheduler, but got no scheduler.');
    checkMembers('SequentialLR', opt, schedulers);
    if (milestones.length !== schedulers.length - 1) {
      throw valueError(`Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${schedulers.length} and the number of milestones to be equal to ${milestones.length}`);
    }
    super(opt, last_epoch);
    this._schedulers = schedulers;
    this._milestones = milestones;
    this.last_epoch = last_epoch + 1;
    // Every member already stepped once when it was built: undo that, then start only the first one.
    for (const g of opt.param_groups) g.lr = g.initial_lr;
    for (const s of schedulers) undo(s);
    const first = this._schedulers[bisectRight(milestones, 0)];
    first.initialStep();
    this._last_lr = first.get_last_lr();
  }

  get_lr(): number[] {
    return this.lrs();
  }

  override step(): void {
    this.last_epoch += 1;
    const idx = bisectRight(this._milestones, this.last_epoch);
    const s = this._schedulers[idx];
    // At a milestone the next scheduler restarts from its epoch 0 (closed form from base_lrs when it has one).
    if (idx > 0 && this._milestones[idx - 1] === this.last_epoch) s.updateLr(0);
    else s.step();
    this._last_lr = s.get_last_lr();
  }
}

function undo(s: Composable): void {
  if (s._schedulers) s._schedulers.forEach(undo);
  else s.last_epoch -= 1;
}

const bisectRight = (xs: number[], x: number): number => xs.filter((m) => m <= x).length;

export class ChainedScheduler extends LRScheduler {
  readonly _schedulers: LRScheduler[];

  /** Steps every scheduler in turn, so their (chainable) factors multiply. No construction step of its own. */
  constructor(schedulers: LRScheduler[], optimizer?: Optimizer) {
    if (schedulers.length < 1) throw valueError('ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.');
    const opt = optimizer ?? schedulers[0].optimizer;
    checkMembers('ChainedScheduler', opt, schedulers);
    super(opt);
    this._schedulers = schedulers;
    this._last_lr = this.lrs();
  }

  /** PyTorch's ChainedScheduler has no get_lr either, so SequentialLR cannot restart one at a milestone. */
  get_lr(): number[] {
    throw notImplemented('ChainedScheduler has no get_lr(): it only steps the schedulers it chains');
  }

  override step(): void {
    for (const s of this._schedulers) s.step();
    this._last_lr = this.lrs();
  }
}
