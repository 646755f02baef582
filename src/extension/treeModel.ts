// The sidebar's module tree as plain data, built from a report: modules nested by their dotted
// `named_modules()` names, parameters and buffers as leaves of the module that owns them.
import type { InspectReport, ModelCandidate, ModuleRow } from '../protocol/report';
import { bytesText, shapeText } from './summary';
import { formatCount } from './util';

export type TreeNodeKind = 'model' | 'module' | 'parameter' | 'buffer' | 'candidate' | 'message';

export interface TreeNode {
  id: string;
  kind: TreeNodeKind;
  label: string;
  description: string;
  tooltip: string;
  /** Where a click goes: the definition of the module's class (its owner's, for a parameter). */
  source?: { file: string; line: number };
  /** For `candidate` nodes: the model to inspect on click. */
  model?: string;
  children: TreeNode[];
}

const leafName = (name: string): string => name.slice(name.lastIndexOf('.') + 1);

function outputText(row: ModuleRow): string {
  if (row.calls.length === 0) return 'not called';
  const out = shapeText(row.calls[0].output);
  return row.calls.length > 1 ? `${out} ×${row.calls.length} calls` : out;
}

function moduleNode(row: ModuleRow, isRoot: boolean): TreeNode {
  const params = row.params === 0 ? 'no params' : `${formatCount(row.params)} params`;
  const frozen = row.params > row.trainable_params ? ` (${formatCount(row.params - row.trainable_params)} frozen)` : '';
  const calls = row.calls.map((c, i) => `call ${i + 1}: ${c.inputs.map(shapeText).join(', ')} → ${shapeText(c.output)}`);
  return {
    id: `m:${row.name}`,
    kind: isRoot ? 'model' : 'module',
    label: isRoot ? row.type : leafName(row.name),
    description: isRoot ? `${outputText(row)} · ${params}` : `${row.type} · ${outputText(row)} · ${params}${frozen}`,
    tooltip: [`${row.name || '(model)'}: ${row.type}`, `${formatCount(row.params)} parameters, ${formatCount(row.trainable_params)} trainable`, ...calls].join('\n'),
    source: row.source,
    children: [],
  };
}

/** The deepest module whose name is a dotted prefix of `name` (the root "" owns everything else). */
function owner(name: string, modules: Map<string, TreeNode>): TreeNode {
  let prefix = name;
  while (prefix.includes('.')) {
    prefix = prefix.slice(0, prefix.lastIndexOf('.'));
    const m = modules.get(prefix);
    if (m) return m;
  }
  return modules.get('')!;
}

/** `fc1.weight` under module `fc1` is `weight`; under the root it keeps its full name. */
function relativeName(name: string, own: TreeNode): string {
  const prefix = own.id.slice('m:'.length);
  return prefix ? name.slice(prefix.length + 1) : name;
}

export function buildModelTree(report: InspectReport): TreeNode {
  const modules = new Map<string, TreeNode>();
  const rootRow = report.modules.find((m) => m.name === '') ?? {
    name: '', type: report.class, depth: 0, params: report.totals.params, trainable_params: report.totals.trainable_params,
    mult_adds: report.totals.mult_adds, flops: report.totals.flops, calls: [{ inputs: report.inputs, output: report.output }],
  };
  const root = moduleNode(rootRow, true);
  root.label = `${report.model}: ${rootRow.type}`;
  modules.set('', root);
  // Parents come before children in named_modules() order; a module whose parent was cut off by
  // `depth` hangs under its nearest listed ancestor.
  for (const row of report.modules) {
    if (row.name === '') continue;
    const node = moduleNode(row, false);
    owner(`${row.name}.x`, modules).children.push(node);
    modules.set(row.name, node);
  }
  for (const p of report.parameters) {
    const own = owner(p.name, modules);
    const state = p.requires_grad ? 'trainable' : 'frozen';
    const tied = p.shared_with ? ` · tied to ${p.shared_with}` : '';
    own.children.push({
      id: `p:${p.name}`, kind: 'parameter', label: relativeName(p.name, own),
      description: `[${p.shape.join(', ')}] ${p.dtype} · ${state}${tied}`,
      tooltip: `parameter ${p.name}\nshape [${p.shape.join(', ')}], ${p.dtype}, ${state}${p.shared_with ? `\nthe same Parameter as ${p.shared_with} (counted once)` : ''}`,
      source: own.source, children: [],
    });
  }
  for (const b of report.buffers) {
    const own = owner(b.name, modules);
    own.children.push({
      id: `b:${b.name}`, kind: 'buffer', label: relativeName(b.name, own),
      description: `[${b.shape.join(', ')}] ${b.dtype} · buffer${b.persistent ? '' : ' (non-persistent)'}`,
      tooltip: `buffer ${b.name}\nshape [${b.shape.join(', ')}], ${b.dtype}${b.persistent ? ', saved in state_dict' : ', not in state_dict'}`,
      source: own.source, children: [],
    });
  }
  root.tooltip += `\ntotal ${formatCount(report.totals.params)} params (${bytesText(report.totals.param_bytes)}), buffers ${bytesText(report.totals.buffer_bytes)}`;
  return root;
}

/** Before any report: the file's models, each inspected on click. */
export function candidateNodes(candidates: readonly ModelCandidate[]): TreeNode[] {
  return candidates.map((c) => ({
    id: `c:${c.name}`, kind: 'candidate' as const, label: c.name,
    description: c.kind === 'class' ? `class(${c.bases.join(', ')}) · click to inspect` : 'factory · click to inspect',
    tooltip: `Inspect ${c.name}`, model: c.name, children: [],
  }));
}
