// The text summary `nnlens train` prints after its per-step lines: loss trend, parameters by gradient
// norm and update/weight ratio, parameters without gradient, and where a NaN/Inf first appeared.
import type { TrainReport } from '../protocol/report';

const fmt = (x: number | null) => (x === null ? '--' : x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? x.toPrecision(4) : x.toExponential(2));

export function formatTrainText(r: TrainReport): string {
  if (!r.steps.length) return '';
  const out: string[] = [];
  const first = r.steps[0].loss, last = r.steps[r.steps.length - 1].loss;
  const ms = r.steps.slice(1).map((s) => s.ms);
  const avg = ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : r.steps[0].ms;
  out.push('', `${r.class} · ${r.optimizer} · ${r.loss_fn} · ${r.steps.length} steps · loss ${fmt(first)} → ${fmt(last)} · ${avg.toFixed(1)} ms/step${ms.length ? ' (after the first)' : ''}`);
  const w = Math.max(20, ...r.parameters.map((p) => p.name.length + 2));
  out.push('', `${'Parameter'.padEnd(w)}${'grad norm'.padStart(12)}${'update/weight'.padStart(16)}`);
  for (const p of r.parameters) out.push(`${p.name.padEnd(w)}${fmt(p.grad_norm).padStart(12)}${fmt(p.update_ratio).padStart(16)}`);
  if (r.no_grad_params.length) out.push('', `No gradient (defined but never used in forward?): ${r.no_grad_params.join(', ')}`);
  if (r.nonfinite) out.push('', `NaN/Inf first at step ${r.nonfinite.step}, in ${r.nonfinite.module}`);
  return out.join('\n') + '\n';
}
