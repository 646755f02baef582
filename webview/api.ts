// The webview's side of the host channel: the typed postMessage and the persisted UI state
// (sort, filter, tab), over the `acquireVsCodeApi()` that VS Code (or a test page) provides.
import type { WebviewToHost } from '../src/protocol/webview';

export interface UiState {
  tab?: string;
  sort?: Record<string, { key: string; dir: 'asc' | 'desc' }>;
  filter?: Record<string, string>;
  collapsed?: string[];
  settingsOpen?: boolean;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api: VsCodeApi = acquireVsCodeApi();

export function send(message: WebviewToHost): void {
  api.postMessage(message);
}

export function loadUiState(): UiState {
  const s = api.getState();
  return typeof s === 'object' && s !== null ? (s as UiState) : {};
}

export function saveUiState(patch: Partial<UiState>): void {
  api.setState({ ...loadUiState(), ...patch });
}
