// Global autograd switches: torch.no_grad / enable_grad / set_grad_enabled / inference_mode.

let enabled = true;
let inference = false;

export const is_grad_enabled = (): boolean => enabled;
export const is_inference_mode_enabled = (): boolean => inference;

export function set_grad_enabled(mode: boolean): void {
  enabled = mode;
}

/** Runs fn with grad mode set to `mode`, restoring the previous mode even when fn throws. */
export function withGradMode<T>(mode: boolean, fn: () => T): T {
  const prev = enabled;
  enabled = mode;
  try {
    return fn();
  } finally {
    enabled = prev;
  }
}

export const no_grad = <T>(fn: () => T): T => withGradMode(false, fn);
export const enable_grad = <T>(fn: () => T): T => withGradMode(true, fn);

export function inference_mode<T>(fn: () => T, mode = true): T {
  const prev = inference;
  inference = mode;
  try {
    return withGradMode(!mode && enabled, fn);
  } finally {
    inference = prev;
  }
}

/** For context-manager style use from the interpreter: enter returns a token that exit restores. */
export function enterGradMode(mode: boolean): boolean {
  const prev = enabled;
  enabled = mode;
  return prev;
}
export function exitGradMode(prev: boolean): void {
  enabled = prev;
}
