// Checks what the host posts before rendering it: the panel trusts only messages of the protocol's
// shape (right `type`, fields of the right kinds), so a stray or malformed message is ignored.
import type { InspectReport, TrainReport, TrainStep } from '../src/protocol/report';
import type { HostToWebview, InspectorState, TrainState } from '../src/protocol/webview';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number';
const arrayOf = (v: unknown, ok: (x: unknown) => boolean): boolean => Array.isArray(v) && v.every(ok);
const isShape = (v: unknown): boolean => arrayOf(v, (d) => Number.isInteger(d));
const isStatus = (v: unknown): boolean => v === 'idle' || v === 'running' || v === 'done' || v === 'error';

const isDiagnostic = (d: unknown): boolean => isObj(d) && isStr(d.message) && isStr(d.file) && isNum(d.line) && isStr(d.severity);

export function isInspectReport(r: unknown): r is InspectReport {
  return (
    isObj(r) && isStr(r.model) && isStr(r.class) && isStr(r.file) && isStr(r.repr) &&
    arrayOf(r.modules, (m) => isObj(m) && isStr(m.name) && isStr(m.type) && isNum(m.depth) && isNum(m.params) && Array.isArray(m.calls)) &&
    arrayOf(r.parameters, (p) => isObj(p) && isStr(p.name) && isShape(p.shape) && isStr(p.dtype) && typeof p.requires_grad === 'boolean') &&
    arrayOf(r.buffers, (b) => isObj(b) && isStr(b.name) && isShape(b.shape) && isStr(b.dtype)) &&
    arrayOf(r.diagnostics, isDiagnostic) &&
    isObj(r.totals) && Object.values(r.totals).every(isNum) &&
    Array.isArray(r.inputs) && isObj(r.timing_ms) &&
    (r.notes === undefined || arrayOf(r.notes, isStr)) &&
    (r.memory === undefined || (isObj(r.memory) && Object.values(r.memory).every(isNum)))
  );
}

const isStep = (s: unknown): s is TrainStep => isObj(s) && isNum(s.step) && isNum(s.loss) && isNum(s.ms);

export function isTrainReport(r: unknown): r is TrainReport {
  return (
    isObj(r) && isStr(r.model) && isStr(r.class) && arrayOf(r.steps, isStep) &&
    arrayOf(r.parameters, (p) => isObj(p) && isStr(p.name)) &&
    arrayOf(r.no_grad_params, isStr) && arrayOf(r.diagnostics, isDiagnostic) &&
    (r.nonfinite === null || (isObj(r.nonfinite) && isNum(r.nonfinite.step) && isStr(r.nonfinite.module)))
  );
}

function isInspectorState(s: unknown): s is InspectorState {
  return (
    isObj(s) && isStr(s.file) && isStr(s.model) && isStatus(s.status) &&
    arrayOf(s.inputs, (i) => isObj(i) && isShape(i.shape)) &&
    isObj(s.options) && isStr(s.options.mode) && isStr(s.options.device) && isNum(s.options.depth) &&
    (s.report === null || isInspectReport(s.report)) && (s.error === null || isStr(s.error))
  );
}

function isTrainState(s: unknown): s is TrainState {
  return (
    isObj(s) && isStr(s.file) && isStr(s.model) && isStatus(s.status) && isObj(s.config) &&
    arrayOf(s.steps, isStep) && (s.report === null || isTrainReport(s.report)) && (s.error === null || isStr(s.error))
  );
}

export function parseHostMessage(m: unknown): HostToWebview | null {
  if (!isObj(m)) return null;
  switch (m.type) {
    case 'inspectorState':
      return isInspectorState(m.state) ? { type: 'inspectorState', state: m.state } : null;
    case 'trainState':
      return isTrainState(m.state) ? { type: 'trainState', state: m.state } : null;
    case 'trainSteps':
      return arrayOf(m.steps, isStep) ? { type: 'trainSteps', steps: m.steps as TrainStep[] } : null;
    default:
      return null;
  }
}
