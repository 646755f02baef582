// The extension's settings, declared once: keys, types, defaults and enums as package.json contributes
// them (a test compares the two), and one reader that turns raw values into typed, validated settings.
import type { InputSpec } from '../protocol/requests';
import { parseInputSpecs } from './inputSpec';

export const SECTION = 'nnlens';

/** Every setting as `contributes.configuration` declares it (key without the `nnlens.` prefix). */
export const SETTING_DECLARATIONS = {
  defaultInputs: { type: 'string', default: '' },
  defaultDevice: { type: 'string', default: 'meta', enum: ['meta', 'cpu'] },
  timeBudgetSeconds: { type: 'number', default: 60, minimum: 1 },
  memoryBudgetMb: { type: 'number', default: 2048, minimum: 128 },
  'codeLens.enabled': { type: 'boolean', default: true },
  autoInspectOnEdit: { type: 'boolean', default: true },
} as const;

export type SettingKey = keyof typeof SETTING_DECLARATIONS;

export interface Settings {
  /** Inputs used for a model that has none stored; empty lets the inspector infer them. */
  defaultInputs: InputSpec[];
  defaultDevice: 'meta' | 'cpu';
  timeBudgetMs: number;
  memoryBudgetMb: number;
  codeLensEnabled: boolean;
  autoInspectOnEdit: boolean;
  /** Problems with the raw values (each fell back to its default), for the log. */
  problems: string[];
}

/** Reads settings through `get` (VS Code's `WorkspaceConfiguration.get`, or a plain object in tests). */
export function readSettings(get: (key: SettingKey) => unknown): Settings {
  const problems: string[] = [];
  const pick = <T>(key: SettingKey, ok: (v: unknown) => v is T): T => {
    const v = get(key);
    const fallback = SETTING_DECLARATIONS[key].default as unknown as T;
    if (v === undefined) return fallback;
    if (ok(v)) return v;
    problems.push(`${SECTION}.${key}: ${JSON.stringify(v)} is not valid; using ${JSON.stringify(fallback)}`);
    return fallback;
  };
  const atLeast = (min: number) => (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min;
  const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
  const isString = (v: unknown): v is string => typeof v === 'string';
  const isDevice = (v: unknown): v is 'meta' | 'cpu' => v === 'meta' || v === 'cpu';

  const parsed = parseInputSpecs(pick('defaultInputs', isString));
  if (!parsed.ok) problems.push(`${SECTION}.defaultInputs: ${parsed.error}`);

  return {
    defaultInputs: parsed.ok ? parsed.inputs : [],
    defaultDevice: pick('defaultDevice', isDevice),
    timeBudgetMs: pick('timeBudgetSeconds', atLeast(SETTING_DECLARATIONS.timeBudgetSeconds.minimum)) * 1000,
    memoryBudgetMb: pick('memoryBudgetMb', atLeast(SETTING_DECLARATIONS.memoryBudgetMb.minimum)),
    codeLensEnabled: pick('codeLens.enabled', isBool),
    autoInspectOnEdit: pick('autoInspectOnEdit', isBool),
    problems,
  };
}
