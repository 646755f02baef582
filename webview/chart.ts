// The live loss chart of the train panel, on uPlot: colours from VS Code's theme variables (re-read
// when the theme changes), non-finite losses drawn as gaps, resized with its container.
import uPlot from 'uplot';
import type { TrainStep } from '../src/protocol/report';

const cssVar = (name: string, fallback: string): string =>
  getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;

export class LossChart {
  private plot: uPlot | null = null;
  private xs: number[] = [];
  private ys: (number | null)[] = [];
  private readonly observer: ResizeObserver;
  private readonly themeObserver: MutationObserver;
  private logScale = false;

  constructor(private readonly host: HTMLElement) {
    this.observer = new ResizeObserver(() => this.plot?.setSize(this.size()));
    this.observer.observe(host);
    // VS Code swaps the body's theme class and variables when the user changes the colour theme.
    this.themeObserver = new MutationObserver(() => this.rebuild());
    this.themeObserver.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  private size(): { width: number; height: number } {
    return { width: Math.max(240, this.host.clientWidth), height: 240 };
  }

  setLogScale(on: boolean): void {
    this.logScale = on;
    this.rebuild();
  }

  reset(steps: readonly TrainStep[]): void {
    this.xs = steps.map((s) => s.step);
    this.ys = steps.map((s) => (Number.isFinite(s.loss) ? s.loss : null));
    if (!this.plot) this.rebuild();
    else this.plot.setData([this.xs, this.ys]);
  }

  add(steps: readonly TrainStep[]): void {
    for (const s of steps) {
      this.xs.push(s.step);
      this.ys.push(Number.isFinite(s.loss) ? s.loss : null);
    }
    if (!this.plot) this.rebuild();
    else this.plot.setData([this.xs, this.ys]);
  }

  private rebuild(): void {
    this.plot?.destroy();
    const fg = cssVar('--vscode-foreground', '#cccccc');
    const grid = cssVar('--vscode-editorWidget-border', cssVar('--vscode-panel-border', 'rgba(128,128,128,0.35)'));
    const line = cssVar('--vscode-charts-blue', '#3794ff');
    const font = `${cssVar('--vscode-font-size', '12px')} ${cssVar('--vscode-font-family', 'sans-serif')}`;
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font };
    const opts: uPlot.Options = {
      ...this.size(),
      scales: { x: { time: false }, y: this.logScale ? { distr: 3 } : {} },
      series: [
        { label: 'step' },
        { label: 'loss', stroke: line, width: 2, points: { show: false }, spanGaps: false, value: (_u, v) => (v === null ? '—' : v.toPrecision(5)) },
      ],
      // Steps are whole numbers: no 2.5 ticks on the x axis.
      axes: [{ ...axis, label: 'step', labelFont: font, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000] }, { ...axis, label: 'loss', labelFont: font, size: 60 }],
      legend: { show: true },
      cursor: { drag: { x: true, y: false } },
    };
    this.plot = new uPlot(opts, [this.xs, this.ys], this.host);
  }

  dispose(): void {
    this.observer.disconnect();
    this.themeObserver.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }
}
