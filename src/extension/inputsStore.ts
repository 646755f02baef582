// Per-model run settings (inputs, mode, device, depth, train config) kept in workspaceState, keyed by
// file and model name. Typed against the two Memento methods it uses, so tests pass a Map-backed fake.
import type { InputSpec } from '../protocol/requests';
import type { RunOptions, TrainConfig } from '../protocol/webview';
import { validInputSpec, validRunOptions, validTrainConfig } from './webviewMessages';

export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export interface ModelSettings {
  inputs: InputSpec[];
  options: RunOptions;
  train: TrainConfig;
}

export const DEFAULT_TRAIN: TrainConfig = { steps: 50, batch: 8, optimizer: 'adam', lr: 1e-3, loss: 'auto', data: 'overfit' };

export class InputsStore {
  constructor(private readonly memento: MementoLike) {}

  private key(file: string, model: string): string {
    return `nnlens.model:${file}#${model}`;
  }

  /** What is stored for the model, each part checked (state written by an older version may not fit). */
  get(file: string, model: string, defaults: { inputs: InputSpec[]; device: RunOptions['device'] }): ModelSettings {
    const raw = this.memento.get<Partial<ModelSettings>>(this.key(file, model)) ?? {};
    const inputs = Array.isArray(raw.inputs) && raw.inputs.every(validInputSpec) ? raw.inputs : defaults.inputs;
    const options = validRunOptions(raw.options) ? raw.options : { mode: 'eval' as const, device: defaults.device, depth: 0 };
    const train = validTrainConfig(raw.train) ? raw.train : DEFAULT_TRAIN;
    return { inputs, options, train };
  }

  async update(file: string, model: string, patch: Partial<ModelSettings>, defaults: { inputs: InputSpec[]; device: RunOptions['device'] }): Promise<ModelSettings> {
    const next = { ...this.get(file, model, defaults), ...patch };
    await this.memento.update(this.key(file, model), next);
    return next;
  }
}
