// Inspector diagnostics (1-based lines and columns, a Python traceback) as the 0-based ranges and
// related-information entries a vscode.Diagnostic needs, grouped by file. Plain data, tested in Node.
import type { Diagnostic } from '../protocol/report';

export interface Range0 {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface EditorDiagnostic {
  range: Range0;
  severity: Diagnostic['severity'];
  message: string;
  related: { file: string; range: Range0; message: string }[];
}

/** A zero-width or reversed range becomes the rest of the line, so the squiggle is visible. */
export function toRange0(line: number, column: number, endLine: number, endColumn: number): Range0 {
  const startLine = Math.max(0, line - 1);
  const startColumn = Math.max(0, column - 1);
  let el = Math.max(0, endLine - 1);
  let ec = Math.max(0, endColumn - 1);
  if (el < startLine || (el === startLine && ec <= startColumn)) {
    el = startLine;
    ec = Number.MAX_SAFE_INTEGER; // vscode clamps to the line's end when the diagnostic is shown
  }
  return { startLine, startColumn, endLine: el, endColumn: ec };
}

export function toEditorDiagnostic(d: Diagnostic): EditorDiagnostic {
  const frames = d.traceback ?? [];
  return {
    range: toRange0(d.line, d.column, d.end_line, d.end_column),
    severity: d.severity,
    message: d.message,
    // Outermost call first, as Python prints a traceback; the innermost frame is the error itself.
    related: frames.map((f) => ({
      file: f.file,
      range: toRange0(f.line, f.column, f.line, f.column),
      message: `in ${f.name}`,
    })),
  };
}

/** Merges the diagnostics of every run (keyed by run) into one list per file, without duplicates. */
export function groupByFile(runs: Iterable<readonly Diagnostic[]>): Map<string, EditorDiagnostic[]> {
  const out = new Map<string, EditorDiagnostic[]>();
  const seen = new Set<string>();
  for (const list of runs) {
    for (const d of list) {
      const key = `${d.file}\0${d.line}\0${d.column}\0${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const arr = out.get(d.file) ?? [];
      arr.push(toEditorDiagnostic(d));
      out.set(d.file, arr);
    }
  }
  return out;
}
