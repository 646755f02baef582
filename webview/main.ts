// Entry of the panels' browser bundle (dist/webview.js): registers the vscode-elements it uses,
// injects uPlot's stylesheet under the page's CSP nonce, and routes validated host messages to the
// inspector or train view named by <body data-panel>.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import uplotCss from 'uplot/dist/uPlot.min.css';
import { send } from './api';
import { InspectorView } from './inspector';
import { TrainView } from './train';
import { parseHostMessage } from './validate';

function assertNever(x: never): never {
  throw new Error(`unhandled message ${JSON.stringify(x)}`);
}

function injectStyle(css: string): void {
  const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
  const style = document.createElement('style');
  style.nonce = nonce;
  style.textContent = css;
  document.head.append(style);
}

function main(): void {
  injectStyle(uplotCss);
  const root = document.getElementById('app')!;
  const panel = document.body.dataset.panel;
  const inspector = panel === 'inspector' ? new InspectorView(root) : null;
  const train = panel === 'train' ? new TrainView(root) : null;

  window.addEventListener('message', (e: MessageEvent) => {
    const m = parseHostMessage(e.data);
    if (!m) {
      console.warn('nnlens: ignored a malformed message', e.data);
      return;
    }
    switch (m.type) {
      case 'inspectorState':
        inspector?.update(m.state);
        return;
      case 'trainState':
        train?.update(m.state);
        return;
      case 'trainSteps':
        train?.addSteps(m.steps);
        return;
      default:
        assertNever(m);
    }
  });
  root.setAttribute('aria-busy', 'false');
  send({ type: 'ready' });
}

main();
