// What a caller (CLI, worker, extension) asks the inspector for: plain data, so that the same
// request crosses the worker boundary unchanged.

export interface InputSpec {
  /** `1,3,32,32` → [1, 3, 32, 32]. */
  shape: number[];
  dtype?: string;
  /** Inclusive-exclusive value range for random integer inputs, [low, high). */
  low?: number;
  high?: number;
}

export interface InspectRequest {
  /** Absolute path of the model file. */
  file: string;
  /** The file's text when the editor has unsaved changes; read from disk otherwise. */
  source?: string;
  /** Workspace root, put on the interpreter's sys.path after the file's folder. */
  workspaceRoot?: string;
  /** A Python expression evaluated in the file's namespace (`ResNet18()`), or a class name. */
  model?: string;
  inputs?: InputSpec[];
  /** Python expressions for richer inputs: a tuple of positional inputs and a dict of keyword inputs. */
  inputsExpr?: string;
  kwargsExpr?: string;
  device?: 'meta' | 'cpu';
  mode?: 'eval' | 'train';
  depth?: number;
  /** Budgets for the sandboxed run. */
  timeBudgetMs?: number;
  memoryBudgetMb?: number;
}

export interface TrainRequest extends Omit<InspectRequest, 'device' | 'mode' | 'depth'> {
  steps?: number;
  batch?: number;
  optimizer?: 'sgd' | 'adam' | 'adamw';
  lr?: number;
  loss?: 'auto' | 'cross_entropy' | 'mse' | 'bce_with_logits' | 'nll';
  data?: 'random' | 'overfit';
  seed?: number;
}
