// torch.optim.LBFGS: limited-memory BFGS over all parameters flattened into one vector, with PyTorch's
// two-loop recursion, stopping rules and optional strong-Wolfe line search; step(closure) is required.
import { runtimeError, typeError, valueError } from '../errors';
import type { Tensor } from '../tensor';
import { enable_grad, no_grad } from '../autograd/grad_mode';
import { cat, stack, unbind } from '../ops/shape_ops';
import { Optimizer, type ParamsArg, type ParamState, type ParamGroup, type Hyper } from './optimizer';
import { strongWolfe } from './line_search';

export interface LBFGSOptions {
  lr?: number; max_iter?: number; max_eval?: number | null; tolerance_grad?: number; tolerance_change?: number;
  history_size?: number; line_search_fn?: 'strong_wolfe' | null;
}

type Closure = () => Tensor | number;

/** The curvature history and the last direction, kept between step() calls as PyTorch keeps them in state. */
interface History {
  d: Tensor | null; t: number; old_dirs: Tensor[]; old_stps: Tensor[]; ro: number[]; H_diag: number;
  prev_flat_grad: Tensor | null; prev_loss: number | null; func_evals: number; n_iter: number;
}

const num = (x: Tensor | number): number => (typeof x === 'number' ? x : Number(x.item()));
const absMax = (v: Tensor): number => num(v.abs().max());
const dot = (a: Tensor, b: Tensor): number => num(a.dot(b));

export class LBFGS extends Optimizer {
  private readonly h: History = {
    d: null, t: 0, old_dirs: [], old_stps: [], ro: [], H_diag: 1, prev_flat_grad: null, prev_loss: null, func_evals: 0, n_iter: 0,
  };

  constructor(params: ParamsArg, o: LBFGSOptions = {}) {
    const max_iter = o.max_iter ?? 20;
    const d = {
      lr: 1, max_iter, tolerance_grad: 1e-7, tolerance_change: 1e-9, history_size: 100, line_search_fn: null, ...o,
      max_eval: o.max_eval ?? Math.floor((max_iter * 5) / 4),
    };
    if (!(d.lr >= 0)) throw valueError(`Invalid learning rate: ${d.lr}`);
    super(params, d);
    if (this.param_groups.length !== 1) throw valueError("LBFGS doesn't support per-parameter options (parameter groups)");
  }

  private get params(): Tensor[] {
    return this.param_groups[0].params;
  }

  private gatherFlatGrad(): Tensor {
    return cat(this.params.map((p) => (p.grad ? p.grad.reshape(-1) : p.detach().reshape(-1).mul(0))), 0);
  }

  private addGrad(stepSize: number, update: Tensor): void {
    let offset = 0;
    for (const p of this.params) {
      const n = p.numel();
      p.add_(update.narrow(0, offset, n).view_as(p), stepSize);
      offset += n;
    }
  }

  /** Loss and flat gradient at x + t*d, leaving the parameters at x (the line search's probe). */
  private directionalEvaluate(closure: Closure, x: Tensor[], t: number, d: Tensor): [number, Tensor] {
    this.addGrad(t, d);
    const loss = num(enable_grad(closure));
    const flat = this.gatherFlatGrad();
    this.params.forEach((p, i) => p.copy_(x[i]));
    return [loss, flat];
  }

  override step(closure?: Closure): Tensor | number | undefined {
    if (!closure) throw typeError("LBFGS.step() missing 1 required positional argument: 'closure'");
    return no_grad(() => this.run(closure));
  }

  /** The optimisation loop of one step(): up to max_iter iterations / max_eval closure calls. */
  private run(closure: Closure): Tensor | number {
    const g = this.param_groups[0];
    const lr = g.lr as number, maxIter = g.max_iter as number, maxEval = g.max_eval as number;
    const tolGrad = g.tolerance_grad as number, tolChange = g.tolerance_change as number;
    const h = this.h;
    const origLoss = enable_grad(closure);
    let loss = num(origLoss);
    let currentEvals = 1;
    h.func_evals += 1;
    let flatGrad = this.gatherFlatGrad();
    if (absMax(flatGrad) <= tolGrad) return this.keep(origLoss);
    let nIter = 0;
    while (nIter < maxIter) {
      nIter += 1;
      h.n_iter += 1;
      const d = h.n_iter === 1 ? this.resetHistory(flatGrad) : this.direction(flatGrad, g);
      h.d = d;
      if (!h.prev_flat_grad) h.prev_flat_grad = flatGrad.clone();
      else h.prev_flat_grad.copy_(flatGrad);
      h.prev_loss = loss;
      // The first ever iteration scales the step so the parameters move by at most lr in L1.
      let t = h.n_iter === 1 ? Math.min(1, 1 / num(flatGrad.abs().sum())) * lr : lr;
      h.t = t;
      const gtd = dot(flatGrad, d);
      if (gtd > -tolChange) break;
      let evals = 0;
      let optCond = false;
      if (g.line_search_fn !== null && g.line_search_fn !== undefined) {
        if (g.line_search_fn !== 'strong_wolfe') throw runtimeError("only 'strong_wolfe' is supported");
        const xInit = this.params.map((p) => p.clone());
        const r = strongWolfe((x, s, dir) => this.directionalEvaluate(closure, x, s, dir), xInit, t, d, loss, flatGrad, gtd, tolChange, maxEval - currentEvals);
        [loss, flatGrad, t, evals] = r;
        this.addGrad(t, d);
        optCond = absMax(flatGrad) <= tolGrad;
      } else {
        this.addGrad(t, d);
        if (nIter !== maxIter) {
          loss = num(enable_grad(closure));
          flatGrad = this.gatherFlatGrad();
          optCond = absMax(flatGrad) <= tolGrad;
          evals = 1;
        }
      }
      h.t = t;
      currentEvals += evals;
      h.func_evals += evals;
      if (nIter === maxIter || currentEvals >= maxEval || optCond) break;
      if (absMax(d.mul(t)) <= tolChange) break;
      if (Math.abs(loss - h.prev_loss) < tolChange) break;
    }
    return this.keep(origLoss);
  }

  private resetHistory(flatGrad: Tensor): Tensor {
    Object.assign(this.h, { old_dirs: [], old_stps: [], ro: [], H_diag: 1 });
    return flatGrad.neg();
  }

  /** Updates the curvature pairs with the last move, then the two-loop recursion gives -H·grad. */
  private direction(flatGrad: Tensor, g: ParamGroup): Tensor {
    const h = this.h;
    const y = flatGrad.sub(h.prev_flat_grad!);
    const s = h.d!.mul(h.t);
    const ys = dot(y, s);
    // Only pairs with positive curvature keep the implicit Hessian positive definite.
    if (ys > 1e-10) {
      if (h.old_dirs.length === (g.history_size as number)) {
        h.old_dirs.shift();
        h.old_stps.shift();
        h.ro.shift();
      }
      h.old_dirs.push(y);
      h.old_stps.push(s);
      h.ro.push(1 / ys);
      h.H_diag = ys / dot(y, y);
    }
    const n = h.old_dirs.length;
    const al: number[] = new Array<number>(n);
    const q = flatGrad.neg();
    for (let i = n - 1; i >= 0; i--) {
      al[i] = dot(h.old_stps[i], q) * h.ro[i];
      q.add_(h.old_dirs[i], -al[i]);
    }
    const r = q.mul(h.H_diag);
    for (let i = 0; i < n; i++) {
      const be = dot(h.old_dirs[i], r) * h.ro[i];
      r.add_(h.old_stps[i], al[i] - be);
    }
    return r;
  }

  /** Mirrors the history into `state` (keyed by the first parameter, as PyTorch) so state_dict carries it;
   *  the curvature pairs are stacked into [k, n] tensors because state values are tensors or numbers. */
  private keep(loss: Tensor | number): Tensor | number {
    const h = this.h;
    const st: ParamState = new Map<string, Tensor | number | null>([
      ['func_evals', h.func_evals], ['n_iter', h.n_iter], ['d', h.d], ['t', h.t], ['H_diag', h.H_diag],
      ['prev_flat_grad', h.prev_flat_grad], ['prev_loss', h.prev_loss],
      ['old_dirs', h.old_dirs.length ? stack(h.old_dirs) : null], ['old_stps', h.old_stps.length ? stack(h.old_stps) : null],
    ]);
    this.state.set(this.params[0], st);
    return loss;
  }

  override load_state_dict(sd: { state: Map<number, ParamState>; param_groups: Hyper[] }): void {
    super.load_state_dict(sd);
    const st = this.state.get(this.params[0]) ?? new Map<string, Tensor | number | null>();
    const tensor = (k: string): Tensor | null => (st.get(k) as Tensor | null | undefined) ?? null;
    const rows = (k: string): Tensor[] => { const t = tensor(k); return t ? unbind(t, 0) : []; };
    const h = this.h;
    h.func_evals = (st.get('func_evals') as number | undefined) ?? 0;
    h.n_iter = (st.get('n_iter') as number | undefined) ?? 0;
    h.d = tensor('d');
    h.t = (st.get('t') as number | undefined) ?? 0;
    h.H_diag = (st.get('H_diag') as number | undefined) ?? 1;
    h.prev_flat_grad = tensor('prev_flat_grad');
    h.prev_loss = (st.get('prev_loss') as number | null | undefined) ?? null;
    h.old_dirs = rows('old_dirs');
    h.old_stps = rows('old_stps');
    // ro = 1 / yᵀs is recomputed exactly as it was stored, so it need not travel in the state.
    h.ro = h.old_dirs.map((y, i) => 1 / dot(y, h.old_stps[i]));
  }

  protected update(): void {
    throw runtimeError('LBFGS updates all parameters at once in step(closure)');
  }
}
