// The inspector's public API, used by the CLI and the extension's worker: model reports, quick
// training runs, the model listing for CodeLens, and the report formatter.
import { initParser, parse } from '../python';
import type { Diagnostic, ModelCandidate } from '../protocol/report';
import { findModels } from './discover';
import { diag } from './session';

export { fsFiles } from './session';

export { inspect, reportForModule } from './inspect';
export { train } from './train';
export { formatReport, type ReportFormat } from './format';
export { parseInputSpec, specText, InputSpecError } from './input_spec';

/** The nn.Module subclasses and zero-argument factories a file defines, with their ranges; works on files with syntax errors. */
export async function listModels(file: string, source: string): Promise<{ candidates: ModelCandidate[]; diagnostics: Diagnostic[] }> {
  await initParser();
  const parsed = parse(source);
  try {
    const diagnostics = parsed.diagnostics.map((d) => diag(file, d.code === 'syntax' ? `SyntaxError: ${d.message}` : d.message,
      d.line, d.column, d.endLine, d.endColumn, d.severity));
    return { candidates: findModels(parsed.module).candidates, diagnostics };
  } finally {
    parsed.dispose();
  }
}
