// Messages between the extension host and the two webview panels (inspector, train): discriminated
// unions on `type`, plain data only. Both sides validate what they receive before acting on it.
import type { InputSpec, TrainRequest } from './requests';
import type { InspectReport, TrainReport, TrainStep } from './report';

export type PanelKind = 'inspector' | 'train';

/** The knobs of one inspect run besides its inputs; stored per model with the inputs. */
export interface RunOptions {
  mode: 'eval' | 'train';
  device: 'meta' | 'cpu';
  /** How deep the module tree goes; 0 shows every level. */
  depth: number;
}

export type TrainConfig = Required<Pick<TrainRequest, 'steps' | 'batch' | 'optimizer' | 'lr' | 'loss' | 'data'>>;

export type RunStatus = 'idle' | 'running' | 'done' | 'error';

export interface InspectorState {
  file: string;
  model: string;
  inputs: InputSpec[];
  options: RunOptions;
  status: RunStatus;
  report: InspectReport | null;
  /** Why the last run produced no report (engine stopped, inspector crashed). */
  error: string | null;
}

export interface TrainState {
  file: string;
  model: string;
  config: TrainConfig;
  status: RunStatus;
  /** Steps received so far (live), or the final report's steps. */
  steps: TrainStep[];
  report: TrainReport | null;
  error: string | null;
}

export type CopyFormat = 'text' | 'markdown' | 'json';

export type HostToWebview =
  | { type: 'inspectorState'; state: InspectorState }
  | { type: 'trainState'; state: TrainState }
  /** Live steps of the running training, batched so that a fast run does not flood the webview. */
  | { type: 'trainSteps'; steps: TrainStep[] };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'inspect'; inputs: InputSpec[]; options: RunOptions }
  | { type: 'reveal'; module: string }
  | { type: 'copy'; format: CopyFormat }
  | { type: 'openTrain' }
  | { type: 'train'; config: TrainConfig }
  | { type: 'stop' };
