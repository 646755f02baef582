// The interpreter that is running right now. Runs are synchronous and nest (a native may call back
// into Python), so one current pointer, saved and restored around each run, is enough; it spares
// every protocol function an `interp` parameter. Also the cheap step counter behind the budgets.
import type { Interpreter } from '../eval/interpreter';

export const ctx = {
  interp: null as Interpreter | null,
  steps: 0,
  /** The step count at which checkBudget() next looks at the clock and the step limit. */
  nextCheck: Infinity,
};

export function currentInterpreter(): Interpreter {
  if (!ctx.interp) throw new Error('nnlens: no Python interpreter is running');
  return ctx.interp;
}

/** Counts one step; every few thousand steps the running interpreter checks its budgets. */
export function tick(): void {
  if (++ctx.steps >= ctx.nextCheck) ctx.interp?.checkBudget();
}
