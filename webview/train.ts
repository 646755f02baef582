// The train panel's view: the run's config (steps, batch, optimizer, lr, loss, data), Start and Stop,
// the live loss chart, step times, warnings (parameters without gradients, the first NaN/Inf with its
// step and module) and per-parameter gradient norms once the run ends.
import type { TrainParameterStat, TrainReport, TrainStep } from '../src/protocol/report';
import type { TrainConfig, TrainState } from '../src/protocol/webview';
import { send } from './api';
import { h, render, select, setValue, valueOf } from './dom';
import { baseName, ms } from './format';
import { LossChart } from './chart';
import { dataTable } from './table';

export class TrainView {
  private state: TrainState | null = null;
  private configKey = '';
  private readonly header = h('header', { class: 'panel-header' });
  private readonly form = h('section', { class: 'train-form', 'aria-label': 'Training configuration' });
  private readonly stats = h('section', { class: 'totals', 'aria-label': 'Progress', 'aria-live': 'polite' });
  private readonly chartHost = h('div', { class: 'chart', role: 'img', 'aria-label': 'Loss per step' });
  private readonly warnings = h('section', { class: 'problems' });
  private readonly grads = h('section', { class: 'grads' });
  private readonly chart: LossChart;
  private fields: Record<keyof TrainConfig, HTMLElement> | null = null;
  private formError = h('p', { class: 'field-error', role: 'alert' });

  constructor(root: HTMLElement) {
    const logScale = h('vscode-checkbox', { label: 'Log scale', 'aria-label': 'Log scale' });
    logScale.addEventListener('change', () => this.chart.setLogScale((logScale as unknown as { checked: boolean }).checked));
    render(root, this.header, this.form, this.stats,
      h('section', { class: 'chart-block' }, h('div', { class: 'chart-tools' }, h('h2', {}, 'Loss'), logScale), this.chartHost),
      this.warnings, this.grads);
    this.chart = new LossChart(this.chartHost);
  }

  update(s: TrainState): void {
    this.state = { ...s, steps: [...s.steps] };
    const key = JSON.stringify([s.model, s.config]);
    if (key !== this.configKey) {
      this.configKey = key;
      this.renderForm(s.config);
    }
    this.renderHeader(s);
    this.chart.reset(s.steps);
    this.renderStats();
    this.renderWarnings(s.report, s.error);
    render(this.grads, s.report ? gradTable(s.report.parameters) : null);
  }

  addSteps(steps: readonly TrainStep[]): void {
    if (!this.state || this.state.status !== 'running') return;
    this.state.steps.push(...steps);
    this.chart.add(steps);
    this.renderStats();
  }

  private renderHeader(s: TrainState): void {
    const running = s.status === 'running';
    render(this.header,
      h('div', { class: 'title' },
        h('h1', {}, `Train ${s.report?.class ?? s.model}`),
        h('span', { class: 'muted' }, baseName(s.file)),
        running ? h('span', { class: 'status' }, h('vscode-progress-ring', { 'aria-label': 'Training' }), 'Training…') : null),
      h('div', { class: 'actions', role: 'toolbar', 'aria-label': 'Training actions' },
        h('vscode-button', { onclick: () => this.start(), disabled: running }, running ? 'Running…' : 'Start'),
        h('vscode-button', { secondary: true, onclick: () => send({ type: 'stop' }), disabled: !running }, 'Stop')));
  }

  private renderForm(c: TrainConfig): void {
    const num = (id: string, label: string, value: number): HTMLElement => {
      const f = h('vscode-textfield', { id, 'aria-label': label, class: 'num-field' });
      setValue(f, String(value));
      f.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && this.start());
      return f;
    };
    this.fields = {
      steps: num('cfg-steps', 'Steps', c.steps),
      batch: num('cfg-batch', 'Batch size', c.batch),
      lr: num('cfg-lr', 'Learning rate', c.lr),
      optimizer: select({ id: 'cfg-optimizer', 'aria-label': 'Optimizer' }, [['sgd', 'SGD'], ['adam', 'Adam'], ['adamw', 'AdamW']], c.optimizer),
      loss: select({ id: 'cfg-loss', 'aria-label': 'Loss' }, [['auto', 'auto'], ['cross_entropy', 'cross_entropy'], ['mse', 'mse'], ['bce_with_logits', 'bce_with_logits'], ['nll', 'nll']], c.loss),
      data: select({ id: 'cfg-data', 'aria-label': 'Data' }, [['overfit', 'overfit one batch'], ['random', 'random each step']], c.data),
    };
    const f = this.fields;
    const field = (id: string, label: string, el: HTMLElement) => h('div', { class: 'field' }, h('label', { for: id }, label), el);
    render(this.form,
      h('div', { class: 'form-grid' },
        field('cfg-steps', 'Steps', f.steps), field('cfg-batch', 'Batch', f.batch), field('cfg-optimizer', 'Optimizer', f.optimizer),
        field('cfg-lr', 'Learning rate', f.lr), field('cfg-loss', 'Loss', f.loss), field('cfg-data', 'Data', f.data)),
      this.formError);
  }

  private start(): void {
    const f = this.fields;
    if (!f) return;
    const steps = Number(valueOf(f.steps));
    const batch = Number(valueOf(f.batch));
    const lr = Number(valueOf(f.lr));
    render(this.formError);
    if (!Number.isInteger(steps) || steps < 1 || steps > 100_000) return render(this.formError, 'Steps must be a whole number from 1 to 100000.');
    if (!Number.isInteger(batch) || batch < 1 || batch > 65_536) return render(this.formError, 'Batch must be a whole number from 1 to 65536.');
    if (!Number.isFinite(lr) || lr <= 0 || lr >= 100) return render(this.formError, 'The learning rate must be a positive number below 100.');
    send({
      type: 'train',
      config: {
        steps, batch, lr,
        optimizer: valueOf(f.optimizer) as TrainConfig['optimizer'],
        loss: valueOf(f.loss) as TrainConfig['loss'],
        data: valueOf(f.data) as TrainConfig['data'],
      },
    });
  }

  private renderStats(): void {
    const s = this.state;
    if (!s) return;
    const steps = s.steps;
    const last = steps.at(-1);
    const first = steps[0];
    const times = steps.map((x) => x.ms).sort((a, b) => a - b);
    const median = times.length ? times[Math.floor(times.length / 2)] : 0;
    const lossText = (v: number | undefined) => (v === undefined ? '—' : Number.isFinite(v) ? v.toPrecision(5) : String(v));
    render(this.stats,
      stat('Step', last ? `${last.step} / ${s.config.steps}` : `0 / ${s.config.steps}`),
      stat('Loss', lossText(last?.loss)),
      stat('First loss', lossText(first?.loss)),
      stat('Step time (median)', steps.length ? ms(median) : '—'),
      stat('Optimizer', s.report ? s.report.optimizer : s.config.optimizer),
      stat('Loss function', s.report ? s.report.loss_fn : s.config.loss));
  }

  private renderWarnings(r: TrainReport | null, error: string | null): void {
    const items: HTMLElement[] = [];
    if (error) items.push(h('div', { class: 'banner error', role: 'alert' }, error));
    if (r?.nonfinite) items.push(h('div', { class: 'banner warning', role: 'alert' }, `The loss or a gradient became NaN/Inf at step ${r.nonfinite.step}, first in module `, h('code', {}, r.nonfinite.module || '(model)'), '.'));
    if (r && r.no_grad_params.length) {
      items.push(h('div', { class: 'banner warning' },
        `${r.no_grad_params.length} trainable parameter${r.no_grad_params.length === 1 ? '' : 's'} got no gradient (not used in forward, or detached): `,
        h('span', { class: 'mono' }, r.no_grad_params.join(', '))));
    }
    for (const d of r?.diagnostics ?? []) items.push(h('div', { class: `banner ${d.severity === 'error' ? 'error' : 'warning'}` }, `${baseName(d.file)}:${d.line}: ${d.message}`));
    render(this.warnings, ...items);
  }
}

function stat(label: string, value: string): HTMLElement {
  return h('div', { class: 'card' }, h('div', { class: 'card-label' }, label), h('div', { class: 'card-value' }, value));
}

function gradTable(rows: TrainParameterStat[]): HTMLElement {
  const num = (v: number | null) => (v === null ? '—' : v === 0 ? '0' : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4 ? v.toExponential(3) : v.toPrecision(4));
  return h('div', {}, h('h2', {}, 'Gradients at the last step'), dataTable<TrainParameterStat>({
    id: 'grads', label: 'Gradient norms', rows, empty: 'No parameters.',
    columns: [
      { key: 'name', label: 'Parameter', sort: (p) => p.name, cell: (p) => h('span', { class: 'mono' }, p.name) },
      { key: 'grad', label: 'Grad norm', sort: (p) => p.grad_norm ?? -1, text: (p) => num(p.grad_norm), cell: (p) => num(p.grad_norm), numeric: true },
      { key: 'ratio', label: 'Update / weight', sort: (p) => p.update_ratio ?? -1, text: (p) => num(p.update_ratio), cell: (p) => num(p.update_ratio), numeric: true },
    ],
  }));
}
