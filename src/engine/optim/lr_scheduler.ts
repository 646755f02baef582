// torch.optim.lr_scheduler: StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR, LambdaLR, OneCycleLR
// and ReduceLROnPlateau, with PyTorch's (chainable) update formulas and initial step at construction.
import { valueError } from '../errors';
import type { Optimizer } from './optimizer';

export abstract class LRScheduler {
  last_epoch: number;
  base_lrs: number[];
  protected _last_lr: number[] = [];

  constructor(readonly optimizer: Optimizer, last_epoch = -1) {
    for (const g of optimizer.param_groups) if (g.initial_lr === undefined) g.initial_lr = g.lr;
    this.base_lrs = optimizer.param_groups.map((g) => g.initial_lr as number);
    this.last_epoch = last_epoch;
  }

  /** True while the construction step runs (PyTorch's `_is_initial`); some formulas skip that step. */
  protected isInitial = false;

  /** Subclasses call this at the end of their constructor: PyTorch steps once on construction.
   *  SequentialLR calls it again on the scheduler that starts the sequence. */
  initialStep(): void {
    this.isInitial = true;
    try {
      this.step();
    } finally {
      this.isInitial = false;
    }
  }

  /** The lr at `last_epoch` straight from base_lrs, for schedulers that have a closed form; used when a
   *  step jumps to an epoch (step(epoch), SequentialLR's milestones) instead of chaining from the last lr. */
  closedFormLr?(): number[];

  abstract get_lr(): number[];

  get_last_lr(): number[] {
    return [...this._last_lr];
  }

  /** `epoch` is PyTorch's deprecated explicit epoch: jump there (closed form when available). */
  step(epoch?: number): void {
    this.updateLr(epoch);
  }

  /** PyTorch's `_update_lr`. */
  updateLr(epoch?: number): void {
    let lrs: number[];
    if (epoch === undefined) {
      this.last_epoch += 1;
      lrs = this.get_lr();
    } else {
      this.last_epoch = epoch;
      lrs = this.closedFormLr ? this.closedFormLr() : this.get_lr();
    }
    this.optimizer.param_groups.forEach((g, i) => (g.lr = lrs[i]));
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr as number);
  }

  state_dict(): Record<string, unknown> {
    return { last_epoch: this.last_epoch, base_lrs: [...this.base_lrs], _last_lr: [...this._last_lr] };
  }

  load_state_dict(sd: Record<string, unknown>): void {
    Object.assign(this, sd);
  }

  protected lrs(): number[] {
    return this.optimizer.param_groups.map((g) => g.lr as number);
  }
}

export class StepLR extends LRScheduler {
  constructor(opt: Optimizer, readonly step_size: number, readonly gamma = 0.1, last_epoch = -1) {
    super(opt, last_epoch);
    this.initialStep();
  }
  get_lr(): number[] {
    if (this.last_epoch === 0 || this.last_epoch % this.step_size !== 0) return this.lrs();
    return this.lrs().map((lr) => lr * this.gamma);
  }
  override closedFormLr(): number[] {
    return this.base_lrs.map((b) => b * Math.pow(this.gamma, Math.floor(this.last_epoch / this.step_size)));
  }
}

export class MultiStepLR extends LRScheduler {
  constructor(opt: Optimizer, readonly milestones: number[], readonly gamma = 0.1, last_epoch = -1) {
    super(opt, last_epoch);
    this.initialStep();
  }
  get_lr(): number[] {
    const hits = this.milestones.filter((m) => m === this.last_epoch).length;
    if (hits === 0) return this.lrs();
    return this.lrs().map((lr) => lr * Math.pow(this.gamma, hits));
  }
  override closedFormLr(): number[] {
    const passed = this.milestones.filter((m) => m <= this.last_epoch).length;
    return this.base_lrs.map((b) => b * Math.pow(this.gamma, passed));
  }
}

export class ExponentialLR extends LRScheduler {
  constructor(opt: Optimizer, readonly gamma: number, last_epoch = -1) {
    super(opt, last_epoch);
    this.initialStep();
  }
  get_lr(): number[] {
    if (this.last_epoch === 0) return this.lrs();
    return this.lrs().map((lr) => lr * this.gamma);
  }
  override closedFormLr(): number[] {
    return this.base_lrs.map((b) => b * Math.pow(this.gamma, this.last_epoch));
  }
}

export class CosineAnnealingLR extends LRScheduler {
  constructor(opt: Optimizer, readonly T_max: number, readonly eta_min = 0, last_epoch = -1) {
    super(opt, last_epoch);
    this.initialStep();
  }
  get_lr(): number[] {
    const e = this.last_epoch, T = this.T_max, lo = this.eta_min;
    if (e === 0) return this.lrs();
    if ((e - 1 - T) % (2 * T) === 0) {
      return this.lrs().map((lr, i) => lr + ((this.base_lrs[i] - lo) * (1 - Math.cos(Math.PI / T))) / 2);
    }
    return this.lrs().map((lr) => ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (lr - lo) + lo);
  }
  override closedFormLr(): number[] {
    return this.base_lrs.map((b) => this.eta_min + ((b - this.eta_min) * (1 + Math.cos((Math.PI * this.last_epoch) / this.T_max))) / 2);
  }
}

export class LambdaLR extends LRScheduler {
  private readonly fns: ((epoch: number) => number)[];
  constructor(opt: Optimizer, lr_lambda: ((epoch: number) => number) | ((epoch: number) => number)[], last_epoch = -1) {
    super(opt, last_epoch);
    this.fns = Array.isArray(lr_lambda) ? lr_lambda : opt.param_groups.map(() => lr_lambda);
    if (this.fns.length !== opt.param_groups.length) throw valueError(`Expected ${opt.param_groups.length} lr_lambdas, but got ${this.fns.length}`);
    this.initialStep();
  }
  get_lr(): number[] {
    return this.base_lrs.map((b, i) => b * this.fns[i](this.last_epoch));
  }
}

export interface OneCycleOptions {
  total_steps?: number | null; epochs?: number | null; steps_per_epoch?: number | null; pct_start?: number;
  anneal_strategy?: 'cos' | 'linear'; cycle_momentum?: boolean; base_momentum?: number; max_momentum?: number;
  div_factor?: number; final_div_factor?: number; three_phase?: boolean; last_epoch?: number;
}

export class OneCycleLR extends LRScheduler {
  private readonly total: number;
  private readonly phases: { end: number; startLr: string; endLr: string; startM: string; endM: string }[];
  private readonly o: Required<Omit<OneCycleOptions, 'total_steps' | 'epochs' | 'steps_per_epoch'>>;

  constructor(opt: Optimizer, max_lr: number | number[], options: OneCycleOptions = {}) {
    const o = { pct_start: 0.3, anneal_strategy: 'cos' as const, cycle_momentum: true, base_momentum: 0.85, max_momentum: 0.95, div_factor: 25, final_div_factor: 1e4, three_phase: false, last_epoch: -1, ...options };
    const total = o.total_steps ?? (o.epochs && o.steps_per_epoch ? o.epochs * o.steps_per_epoch : null);
    if (!total || total <= 0) throw valueError('You must define either total_steps OR (epochs AND steps_per_epoch)');
    const maxLrs = Array.isArray(max_lr) ? max_lr : opt.param_groups.map(() => max_lr);
    if (o.last_epoch === -1) {
      opt.param_groups.forEach((g, i) => {
        g.initial_lr = maxLrs[i] / o.div_factor;
        g.max_lr = maxLrs[i];
        g.min_lr = (g.initial_lr as number) / o.final_div_factor;
        if (o.cycle_momentum) {
          if ('betas' in g) g.betas = [o.max_momentum, (g.betas as number[])[1]];
          else g.momentum = o.max_momentum;
          g.max_momentum = o.max_momentum;
          g.base_momentum = o.base_momentum;
        }
      });
    }
    super(opt, o.last_epoch);
    this.total = total;
    this.o = o;
    const up = o.pct_start * total - 1;
    this.phases = o.three_phase
      ? [
          { end: up, startLr: 'initial_lr', endLr: 'max_lr', startM: 'max_momentum', endM: 'base_momentum' },
          { end: 2 * o.pct_start * total - 2, startLr: 'max_lr', endLr: 'initial_lr', startM: 'base_momentum', endM: 'max_momentum' },
          { end: total - 1, startLr: 'initial_lr', endLr: 'min_lr', startM: 'max_momentum', endM: 'max_momentum' },
        ]
      : [
          { end: up, startLr: 'initial_lr', endLr: 'max_lr', startM: 'max_momentum', endM: 'base_momentum' },
          { end: total - 1, startLr: 'max_lr', endLr: 'min_lr', startM: 'base_momentum', endM: 'max_momentum' },
        ];
    this.initialStep();
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.o.anneal_strategy === 'linear') return (end - start) * pct + start;
    return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
  }

  get_lr(): number[] {
    const step = this.last_epoch;
    if (step > this.total) throw valueError(`Tried to step ${step} times. The specified number of total steps is ${this.total}`);
    return this.optimizer.param_groups.map((g) => {
      let start = 0;
      let lr = 0;
      for (let i = 0; i < this.phases.length; i++) {
        const ph = this.phases[i];
        if (step <= ph.end || i === this.phases.length - 1) {
          const pct = (step - start) / (ph.end - start);
          lr = this.anneal(g[ph.startLr] as number, g[ph.endLr] as number, pct);
          if (this.o.cycle_momentum) {
            const m = this.anneal(g[ph.startM] as number, g[ph.endM] as number, pct);
            if ('betas' in g) g.betas = [m, (g.betas as number[])[1]];
            else g.momentum = m;
          }
          break;
        }
        start = ph.end;
      }
      return lr;
    });
  }
}

export interface PlateauOptions { mode?: 'min' | 'max'; factor?: number; patience?: number; threshold?: number; threshold_mode?: 'rel' | 'abs'; cooldown?: number; min_lr?: number | number[]; eps?: number }

export class ReduceLROnPlateau {
  best: number;
  num_bad_epochs = 0;
  cooldown_counter = 0;
  last_epoch = 0;
  private readonly o: Required<PlateauOptions>;
  private readonly minLrs: number[];

  constructor(readonly optimizer: Optimizer, options: PlateauOptions = {}) {
    this.o = { mode: 'min', factor: 0.1, patience: 10, threshold: 1e-4, threshold_mode: 'rel', cooldown: 0, min_lr: 0, eps: 1e-8, ...options };
    if (this.o.factor >= 1) throw valueError('Factor should be < 1.0.');
    this.minLrs = Array.isArray(this.o.min_lr) ? this.o.min_lr : optimizer.param_groups.map(() => this.o.min_lr as number);
    this.best = this.o.mode === 'min' ? Infinity : -Infinity;
  }

  private better(a: number): boolean {
    const { mode, threshold_mode: tm, threshold: th } = this.o;
    if (mode === 'min') return tm === 'rel' ? a < this.best * (1 - th) : a < this.best - th;
    return tm === 'rel' ? a > this.best * (th + 1) : a > this.best + th;
  }

  step(metric: number): void {
    this.last_epoch += 1;
    if (this.better(metric)) {
      this.best = metric;
      this.num_bad_epochs = 0;
    } else this.num_bad_epochs += 1;
    if (this.cooldown_counter > 0) {
      this.cooldown_counter -= 1;
      this.num_bad_epochs = 0;
    }
    if (this.num_bad_epochs > this.o.patience) {
      this.optimizer.param_groups.forEach((g, i) => {
        const old = g.lr as number;
        const next = Math.max(old * this.o.factor, this.minLrs[i]);
        if (old - next > this.o.eps) g.lr = next;
      });
      this.cooldown_counter = this.o.cooldown;
      this.num_bad_epochs = 0;
    }
  }

  get_last_lr(): number[] {
    return this.optimizer.param_groups.map((g) => g.lr as number);
  }
}
