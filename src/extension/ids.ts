// Command, view and view-container ids, declared once; package.json contributes the same ids (a test
// compares them) and every registration and `executeCommand` goes through these constants.

export const COMMANDS = {
  inspectModel: 'nnlens.inspectModel',
  trainModel: 'nnlens.trainModel',
  setModelInputs: 'nnlens.setModelInputs',
  copySummary: 'nnlens.copySummary',
  showOutput: 'nnlens.showOutput',
  refreshModelTree: 'nnlens.refreshModelTree',
  /** Internal: the tree view's click target. */
  revealSource: 'nnlens.revealSource',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** Titles as the command palette shows them (category `nnlens`). */
export const COMMAND_TITLES: Record<CommandId, string> = {
  'nnlens.inspectModel': 'Inspect Model…',
  'nnlens.trainModel': 'Train Model…',
  'nnlens.setModelInputs': 'Set Model Inputs…',
  'nnlens.copySummary': 'Copy Summary',
  'nnlens.showOutput': 'Show Output',
  'nnlens.refreshModelTree': 'Refresh Model Tree',
  'nnlens.revealSource': 'Reveal Module Definition',
};

/** Commands kept out of the command palette (they need arguments). */
export const HIDDEN_COMMANDS: readonly CommandId[] = [COMMANDS.revealSource];

export const VIEW_CONTAINER = 'nnlens';
export const VIEWS = { modelTree: 'nnlens.modelTree' } as const;

export const PANELS = { inspector: 'nnlens.inspector', train: 'nnlens.train' } as const;
