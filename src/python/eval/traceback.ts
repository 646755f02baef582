// Turning an error from the interpreter into what people read: CPython's traceback text, or a
// structured report (type, message, innermost location, frames) for diagnostics.
import { BudgetExceededError, PyException, type TraceEntry } from '../runtime/exceptions';
import { str } from '../runtime/protocol';

export interface ErrorReport {
  /** The Python exception class name (`AttributeError`), or `BudgetExceededError`. */
  type: string;
  message: string;
  /** Outermost frame first, as CPython prints them. */
  traceback: TraceEntry[];
  /** The innermost frame in one of the user's files (not nnlens's own stdlib), when there is one. */
  location: TraceEntry | null;
}

const userFrame = (t: TraceEntry): boolean => !t.file.startsWith('<nnlens');
const innermostUser = (tb: TraceEntry[]): TraceEntry | null => [...tb].reverse().find(userFrame) ?? null;

function message(e: PyException): string {
  try {
    return str(e.exc);
  } catch {
    return e.message;
  }
}

/** A structured view of any error thrown by the interpreter (JS errors are reported as RuntimeError). */
export function describeError(e: unknown): ErrorReport {
  if (e instanceof PyException) {
    const tb = [...e.traceback].reverse();
    return { type: e.exc.cls.name, message: message(e), traceback: tb, location: innermostUser(tb) };
  }
  if (e instanceof BudgetExceededError) {
    const tb = [...e.traceback].reverse();
    return { type: 'BudgetExceededError', message: e.message, traceback: tb, location: innermostUser(tb) };
  }
  return { type: 'RuntimeError', message: e instanceof Error ? e.message : String(e), traceback: [], location: null };
}

/** CPython's traceback text, with source lines when `sources` can provide them. */
export function formatTraceback(e: unknown, sources?: (file: string) => string | undefined): string {
  const r = describeError(e);
  const lines = ['Traceback (most recent call last):'];
  let repeats = 0;
  r.traceback.forEach((t, i) => {
    const prev = r.traceback[i - 1];
    // As CPython: after three identical entries (recursion), count the rest instead of printing them.
    if (prev && prev.file === t.file && prev.line === t.line && prev.name === t.name) repeats++;
    else repeats = 0;
    const next = r.traceback[i + 1];
    if (repeats >= 3) {
      const last = !next || next.file !== t.file || next.line !== t.line || next.name !== t.name;
      if (last) lines.push(`  [Previous line repeated ${repeats - 2} more time${repeats - 2 === 1 ? '' : 's'}]`);
      return;
    }
    lines.push(`  File "${t.file}", line ${t.line}, in ${t.name}`);
    const text = sources?.(t.file)?.split('\n')[t.line - 1];
    if (text !== undefined) lines.push(`    ${text.trim()}`);
  });
  lines.push(r.message ? `${r.type}: ${r.message}` : r.type);
  return lines.join('\n');
}
