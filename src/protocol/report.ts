// The inspector's report and train-run results: plain data shared by the CLI (`--json`), the worker,
// the extension host and the webview. Types only — no code — so every layer can import it.

/** A tensor's shape and dtype, a list (tuple/list outputs), an object (dict outputs), null (None) or a number. */
export type TensorTree =
  | { shape: number[]; dtype: string }
  | TensorTree[]
  | { [key: string]: TensorTree }
  | null
  | number;

export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
  /** 1-based, as editors and the CLI print them. */
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  /** The Python traceback, innermost last, for the related-information list of a VS Code diagnostic. */
  traceback?: { file: string; line: number; column: number; name: string }[];
}

export interface ModuleCall {
  inputs: TensorTree[];
  output: TensorTree;
}

export interface ModuleRow {
  /** The `named_modules()` name; the root is "". */
  name: string;
  type: string;
  depth: number;
  params: number;
  trainable_params: number;
  mult_adds: number;
  flops: number;
  calls: ModuleCall[];
  /** Where the module's class is defined, when it is a class of the user's files. */
  source?: { file: string; line: number };
  /** Mult-adds by torchinfo's formulas (leaf modules only, weights and biases), to compare with torchinfo. */
  torchinfo_mult_adds?: number;
}

export interface ParameterRow {
  name: string;
  shape: number[];
  dtype: string;
  requires_grad: boolean;
  /** The first name this same Parameter was listed under, when it is tied (listed once in totals). */
  shared_with: string | null;
}

export interface BufferRow {
  name: string;
  shape: number[];
  dtype: string;
  persistent: boolean;
}

export interface Totals {
  params: number;
  trainable_params: number;
  non_trainable_params: number;
  buffers: number;
  param_bytes: number;
  buffer_bytes: number;
  mult_adds: number;
  flops: number;
  train_memory_bytes: number;
  /** Σ of the modules' torchinfo_mult_adds: what torchinfo prints as "Total mult-adds". */
  torchinfo_mult_adds?: number;
}

export interface InspectReport {
  file: string;
  model: string;
  class: string;
  mode: 'eval' | 'train';
  device: 'meta' | 'cpu';
  input_source: string;
  inputs: TensorTree[];
  output: TensorTree;
  modules: ModuleRow[];
  parameters: ParameterRow[];
  buffers: BufferRow[];
  totals: Totals;
  repr: string;
  diagnostics: Diagnostic[];
  timing_ms: { parse: number; build: number; forward: number; total: number };
  /** What the model's own code printed while it was built and run. */
  stdout?: string;
  /** The training-memory estimate's parts, in bytes (train_memory_bytes = params + grads + adam + activations). */
  memory?: { params: number; grads: number; sgd_momentum: number; adam: number; activations: number };
  /** How the forward was run when it differs from the request (e.g. meta fell back to cpu), and why. */
  notes?: string[];
}

export interface TrainStep {
  step: number;
  loss: number;
  ms: number;
}

export interface TrainParameterStat {
  name: string;
  grad_norm: number | null;
  update_ratio: number | null;
}

export interface TrainReport {
  file: string;
  model: string;
  class: string;
  optimizer: string;
  loss_fn: string;
  steps: TrainStep[];
  parameters: TrainParameterStat[];
  no_grad_params: string[];
  nonfinite: { step: number; module: string } | null;
  diagnostics: Diagnostic[];
  timing_ms: { parse: number; build: number; train: number; total: number };
  stdout?: string;
}

/** A class or factory in a file that builds an nn.Module, as the CodeLens and quick pick list them. */
export interface ModelCandidate {
  name: string;
  kind: 'class' | 'factory';
  /** 1-based line of the `class`/`def` keyword, and the name's columns. */
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  bases: string[];
}
