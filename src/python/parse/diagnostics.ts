// Parse-time diagnostics: syntax errors from tree-sitter's ERROR/MISSING nodes and constructs
// nnlens does not run, each with a 1-based range the editor and the CLI show as they are.
import type { Span } from './ast';

export interface PyDiagnostic {
  severity: 'error' | 'warning';
  /** `syntax`: the file cannot run; `unsupported`: valid Python that nnlens does not run (raises if reached). */
  code: 'syntax' | 'unsupported';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function diagnostic(span: Span, severity: PyDiagnostic['severity'], code: PyDiagnostic['code'], message: string): PyDiagnostic {
  return { severity, code, message, line: span.line, column: span.col, endLine: span.endLine, endColumn: span.endCol };
}
