// The inspector panel's view: header and actions, diagnostics, editable inputs and options, summary
// totals and tabs (module tree, parameters, buffers, repr, output). Built once per model and updated
// in place, so that edits in progress, the selected tab and focus survive a new state from the host.
import type { Diagnostic, InspectReport, ParameterRow, BufferRow } from '../src/protocol/report';
import type { InspectorState, RunOptions } from '../src/protocol/webview';
import { loadUiState, saveUiState, send } from './api';
import { h, render, select, setValue, valueOf, type Child } from './dom';
import { baseName, big, bytes, count, dimsText, ms, numel, shapeText } from './format';
import { InputsEditor } from './inputsEditor';
import { moduleTree } from './moduleTree';
import { dataTable } from './table';

export class InspectorView {
  private model = '';
  private inputsKey = '';
  private reportKey = '';
  private editor: InputsEditor | null = null;
  private readonly header = h('header', { class: 'panel-header' });
  private readonly problems = h('section', { class: 'problems', 'aria-live': 'polite' });
  private readonly settings = h('section', { class: 'settings' });
  private readonly body = h('div', { class: 'report' });
  private mode: HTMLElement | null = null;
  private device: HTMLElement | null = null;
  private depth: HTMLElement | null = null;
  private formError = h('p', { class: 'field-error', role: 'alert' });

  constructor(private readonly root: HTMLElement) {
    render(root, this.header, this.problems, this.settings, this.body);
  }

  update(s: InspectorState): void {
    if (s.model !== this.model) {
      this.model = s.model;
      this.inputsKey = '';
      this.reportKey = '';
    }
    this.root.setAttribute('aria-busy', String(s.status === 'running'));
    this.renderHeader(s);
    this.renderProblems(s);
    const inputsKey = JSON.stringify([s.inputs, s.options]);
    if (inputsKey !== this.inputsKey) {
      this.inputsKey = inputsKey;
      this.renderSettings(s);
    }
    const reportKey = s.report ? JSON.stringify(s.report) : '';
    if (reportKey !== this.reportKey) {
      this.reportKey = reportKey;
      if (s.report) render(this.body, totals(s.report), tabs(s.report));
      else render(this.body, s.status === 'running' ? h('p', { class: 'muted' }, 'Inspecting…') : null);
    }
  }

  private renderHeader(s: InspectorState): void {
    const r = s.report;
    const status = s.status === 'running'
      ? h('span', { class: 'status' }, h('vscode-progress-ring', { 'aria-label': 'Inspecting' }), 'Inspecting…')
      : s.status === 'error' ? h('vscode-badge', { variant: 'counter', class: 'badge-error' }, 'failed') : null;
    render(this.header,
      h('div', { class: 'title' },
        h('h1', {}, r ? r.class : s.model),
        h('span', { class: 'muted' }, r && r.model !== r.class ? `${r.model} · ` : '', baseName(s.file)),
        r ? h('span', { class: 'chips' }, h('span', { class: 'chip' }, r.mode), h('span', { class: 'chip' }, r.device)) : null,
        status),
      h('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Report actions' },
        h('vscode-button', { onclick: () => this.submit(), disabled: s.status === 'running' }, 'Re-run'),
        h('vscode-button', { secondary: true, onclick: () => send({ type: 'copy', format: 'text' }), disabled: !r }, 'Copy text'),
        h('vscode-button', { secondary: true, onclick: () => send({ type: 'copy', format: 'markdown' }), disabled: !r }, 'Copy Markdown'),
        h('vscode-button', { secondary: true, onclick: () => send({ type: 'copy', format: 'json' }), disabled: !r }, 'Copy JSON'),
        h('vscode-button', { secondary: true, onclick: () => send({ type: 'openTrain' }) }, 'Train…')));
  }

  private renderProblems(s: InspectorState): void {
    const diags = s.report?.diagnostics ?? [];
    render(this.problems,
      s.error ? h('div', { class: 'banner error', role: 'alert' }, h('strong', {}, 'The inspection did not complete. '), s.error) : null,
      diags.length ? h('ul', { class: 'diagnostics', 'aria-label': 'Diagnostics' }, ...diags.map(diagnosticItem)) : null,
      ...(s.report?.notes ?? []).map((n) => h('div', { class: 'banner info' }, n)));
  }

  private renderSettings(s: InspectorState): void {
    this.editor = new InputsEditor(s.inputs, () => this.submit());
    this.mode = select({ 'aria-label': 'Mode', id: 'opt-mode' }, [['eval', 'eval()'], ['train', 'train()']], s.options.mode);
    this.device = select({ 'aria-label': 'Device', id: 'opt-device' }, [['meta', 'meta (shapes only)'], ['cpu', 'cpu (real values)']], s.options.device);
    this.depth = h('vscode-textfield', { type: 'number', min: 0, max: 64, 'aria-label': 'Depth (0 shows every level)', id: 'opt-depth', class: 'depth' });
    setValue(this.depth, String(s.options.depth));
    render(this.settings,
      h('vscode-collapsible', { heading: 'Inputs and options', description: settingsSummary(s), open: loadUiState().settingsOpen ?? false, class: 'settings-box',
        'onvsc-collapsible-toggle': (e: Event) => saveUiState({ settingsOpen: (e as CustomEvent<{ open: boolean }>).detail.open }) },
        h('div', { class: 'settings-grid' },
          h('div', {}, h('h2', {}, 'Inputs'), this.editor.element),
          h('div', { class: 'options' }, h('h2', {}, 'Options'),
            h('label', { for: 'opt-mode' }, 'Mode'), this.mode,
            h('label', { for: 'opt-device' }, 'Device'), this.device,
            h('label', { for: 'opt-depth' }, 'Depth'), this.depth, h('span', { class: 'hint muted' }, '0 shows every level'))),
        h('div', { class: 'settings-actions' }, h('vscode-button', { onclick: () => this.submit() }, 'Run with these inputs'), this.formError)));
  }

  private submit(): void {
    if (!this.editor || !this.mode || !this.device || !this.depth) return;
    const read = this.editor.read();
    const depth = Number(valueOf(this.depth));
    render(this.formError);
    if (!read.ok) return render(this.formError, read.error);
    if (!Number.isInteger(depth) || depth < 0 || depth > 64) return render(this.formError, 'Depth must be a whole number from 0 to 64.');
    const options: RunOptions = { mode: valueOf(this.mode) === 'train' ? 'train' : 'eval', device: valueOf(this.device) === 'cpu' ? 'cpu' : 'meta', depth };
    send({ type: 'inspect', inputs: read.inputs, options });
  }
}

/** What the collapsed settings box says: the inputs and options the report was made with. */
function settingsSummary(s: InspectorState): string {
  const inputs = s.inputs.length === 0 ? 'inputs inferred' : s.inputs.map((i) => `(${i.shape.join(', ')})${i.dtype && i.dtype !== 'float32' ? ` ${i.dtype}` : ''}`).join(', ');
  return `${inputs} · ${s.options.mode} · ${s.options.device}${s.options.depth > 0 ? ` · depth ${s.options.depth}` : ''}`;
}

function diagnosticItem(d: Diagnostic): HTMLElement {
  return h('li', { class: `diagnostic ${d.severity}` },
    h('span', { class: 'sev' }, d.severity === 'error' ? 'Error' : d.severity === 'warning' ? 'Warning' : 'Info'),
    h('span', { class: 'msg' }, d.message),
    h('span', { class: 'loc muted' }, `${baseName(d.file)}:${d.line}:${d.column}`),
    d.traceback?.length ? h('ol', { class: 'traceback', 'aria-label': 'Traceback' }, ...d.traceback.map((f) => h('li', { class: 'mono' }, `${baseName(f.file)}:${f.line} in ${f.name}`))) : null);
}

function card(label: string, value: Child, hint?: string): HTMLElement {
  return h('div', { class: 'card', title: hint ?? '' }, h('div', { class: 'card-label' }, label), h('div', { class: 'card-value' }, value));
}

function totals(r: InspectReport): HTMLElement {
  const t = r.totals;
  return h('section', { class: 'totals', 'aria-label': 'Summary' },
    card('Total params', count(t.params)),
    card('Trainable', count(t.trainable_params)),
    card('Non-trainable', count(t.non_trainable_params)),
    card('Param size', bytes(t.param_bytes), 'Parameters once each (tied weights counted once)'),
    card('Buffers', `${count(t.buffers)} · ${bytes(t.buffer_bytes)}`, 'Buffer elements and their size (BatchNorm running stats, …)'),
    card('Mult-adds', big(t.mult_adds)),
    card('FLOPs', big(t.flops)),
    card('Training memory', bytes(t.train_memory_bytes), r.memory
      ? `Estimate: parameters ${bytes(r.memory.params)} + gradients ${bytes(r.memory.grads)} + Adam state ${bytes(r.memory.adam)} + saved activations ${bytes(r.memory.activations)} (SGD momentum instead of Adam: ${bytes(r.memory.sgd_momentum)})`
      : 'Estimate: parameters + gradients + optimizer state + saved activations'),
    card('Input', h('span', { class: 'mono' }, r.inputs.map(shapeText).join(', ') || '—'), r.input_source),
    card('Output', h('span', { class: 'mono' }, shapeText(r.output))),
    card('Time', ms(r.timing_ms.total), `parse ${ms(r.timing_ms.parse)} · build ${ms(r.timing_ms.build)} · forward ${ms(r.timing_ms.forward)}`));
}

const TABS = ['modules', 'parameters', 'buffers', 'repr', 'output'] as const;

function tabs(r: InspectReport): HTMLElement {
  const saved = TABS.indexOf(loadUiState().tab as (typeof TABS)[number]);
  const t = h('vscode-tabs', { 'selected-index': String(Math.max(0, saved)), panel: true },
    h('vscode-tab-header', { slot: 'header' }, 'Modules ', h('vscode-badge', { variant: 'counter' }, String(r.modules.length))),
    h('vscode-tab-panel', {}, moduleTree(r.modules)),
    h('vscode-tab-header', { slot: 'header' }, 'Parameters ', h('vscode-badge', { variant: 'counter' }, String(r.parameters.length))),
    h('vscode-tab-panel', {}, parametersTable(r.parameters)),
    h('vscode-tab-header', { slot: 'header' }, 'Buffers ', h('vscode-badge', { variant: 'counter' }, String(r.buffers.length))),
    h('vscode-tab-panel', {}, buffersTable(r.buffers)),
    h('vscode-tab-header', { slot: 'header' }, 'Repr'),
    h('vscode-tab-panel', {}, h('pre', { class: 'repr', tabindex: '0', 'aria-label': 'Model repr' }, r.repr)),
    h('vscode-tab-header', { slot: 'header' }, 'Output'),
    h('vscode-tab-panel', {}, h('pre', { class: 'stdout', tabindex: '0', 'aria-label': 'What the model printed' }, r.stdout || 'The model printed nothing.')));
  t.addEventListener('vsc-tabs-select', (e) => saveUiState({ tab: TABS[(e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex] }));
  return t;
}

function parametersTable(rows: ParameterRow[]): HTMLElement {
  return dataTable<ParameterRow>({
    id: 'parameters', label: 'Parameters', rows, empty: 'This model has no parameters.',
    columns: [
      { key: 'name', label: 'Name', sort: (p) => p.name, cell: (p) => h('span', { class: 'mono' }, p.name) },
      { key: 'shape', label: 'Shape', sort: (p) => p.shape.length * 1e12 + numel(p.shape), text: (p) => dimsText(p.shape), cell: (p) => h('span', { class: 'mono' }, dimsText(p.shape)) },
      { key: 'numel', label: 'Elements', sort: (p) => numel(p.shape), cell: (p) => count(numel(p.shape)), numeric: true },
      { key: 'dtype', label: 'dtype', sort: (p) => p.dtype, cell: (p) => p.dtype },
      { key: 'trainable', label: 'Trainable', sort: (p) => (p.requires_grad ? 'yes' : 'no'), cell: (p) => (p.requires_grad ? 'yes' : 'frozen') },
      { key: 'tied', label: 'Tied to', sort: (p) => p.shared_with ?? '', cell: (p) => (p.shared_with ? h('span', { class: 'mono' }, p.shared_with) : '—') },
    ],
  });
}

function buffersTable(rows: BufferRow[]): HTMLElement {
  return dataTable<BufferRow>({
    id: 'buffers', label: 'Buffers', rows, empty: 'This model has no buffers.',
    columns: [
      { key: 'name', label: 'Name', sort: (b) => b.name, cell: (b) => h('span', { class: 'mono' }, b.name) },
      { key: 'shape', label: 'Shape', sort: (b) => b.shape.length * 1e12 + numel(b.shape), text: (b) => dimsText(b.shape), cell: (b) => h('span', { class: 'mono' }, dimsText(b.shape)) },
      { key: 'numel', label: 'Elements', sort: (b) => numel(b.shape), cell: (b) => count(numel(b.shape)), numeric: true },
      { key: 'dtype', label: 'dtype', sort: (b) => b.dtype, cell: (b) => b.dtype },
      { key: 'persistent', label: 'In state_dict', sort: (b) => (b.persistent ? 'yes' : 'no'), cell: (b) => (b.persistent ? 'yes' : 'no') },
    ],
  });
}
