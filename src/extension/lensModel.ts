// Where the CodeLenses go and what they say, as plain data: one row of lenses above each model class
// or factory (`Inspect` · `Train` · summary once known). The provider turns these into vscode.CodeLens.
import type { InspectReport, ModelCandidate } from '../protocol/report';
import { COMMANDS, type CommandId } from './ids';
import { lensSummary } from './summary';

export interface LensSpec {
  /** 0-based line and the name's columns, as a vscode.Range wants them. */
  line: number;
  startColumn: number;
  endColumn: number;
  title: string;
  tooltip: string;
  command: CommandId;
  /** The document's path and the model's name; the command resolves the document itself. */
  model: string;
}

export type LastRun = { report: InspectReport } | { error: string } | { running: true };

export function lensesFor(candidates: readonly ModelCandidate[], lastRun: (model: string) => LastRun | undefined): LensSpec[] {
  const out: LensSpec[] = [];
  for (const c of candidates) {
    const at = { line: c.line - 1, startColumn: Math.max(0, c.column - 1), endColumn: Math.max(0, c.end_column - 1), model: c.name };
    out.push({ ...at, title: 'Inspect', tooltip: `Inspect ${c.name}: layers, parameters, shapes, FLOPs`, command: COMMANDS.inspectModel });
    out.push({ ...at, title: 'Train', tooltip: `Train ${c.name} for a few steps on random data`, command: COMMANDS.trainModel });
    const run = lastRun(c.name);
    if (!run) continue;
    if ('report' in run) out.push({ ...at, title: lensSummary(run.report), tooltip: `Last inspection of ${c.name}; click to open it`, command: COMMANDS.inspectModel });
    else if ('error' in run) out.push({ ...at, title: '$(error) inspection failed', tooltip: run.error, command: COMMANDS.inspectModel });
    else out.push({ ...at, title: '$(loading~spin) inspecting…', tooltip: `Inspecting ${c.name}`, command: COMMANDS.inspectModel });
  }
  return out;
}
