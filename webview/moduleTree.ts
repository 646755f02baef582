// The inspector's module tree: one row per module in named_modules() order, indented by depth, with
// per-call input and output shapes, parameters and mult-adds. Rows with children fold and unfold
// (state kept across re-renders); a module defined in the user's files links to its definition.
import type { ModuleRow } from '../src/protocol/report';
import { loadUiState, saveUiState, send } from './api';
import { h, render } from './dom';
import { big, count, shapeText } from './format';

const parentOf = (name: string, known: Set<string>): string | null => {
  if (name === '') return null;
  let p = name;
  while (p.includes('.')) {
    p = p.slice(0, p.lastIndexOf('.'));
    if (known.has(p)) return p;
  }
  return '';
};

export function moduleTree(modules: readonly ModuleRow[]): HTMLElement {
  const names = new Set(modules.map((m) => m.name));
  const parents = new Map(modules.map((m) => [m.name, parentOf(m.name, names)]));
  const hasChildren = new Set([...parents.values()].filter((p): p is string => p !== null));
  const collapsed = new Set(loadUiState().collapsed ?? []);
  const body = h('tbody');

  const hidden = (name: string): boolean => {
    for (let p = parents.get(name) ?? null; p !== null; p = parents.get(p) ?? null) if (collapsed.has(p)) return true;
    return false;
  };

  function toggle(name: string): void {
    if (collapsed.has(name)) collapsed.delete(name);
    else collapsed.add(name);
    saveUiState({ collapsed: [...collapsed] });
    renderRows();
    // Focus the new row's toggle once it is laid out, so keyboard users stay where they were.
    requestAnimationFrame(() => (body.querySelector(`[data-module="${CSS.escape(name)}"] .toggle`) as HTMLElement | null)?.focus());
  }

  function nameCell(m: ModuleRow): HTMLElement {
    const label = m.name === '' ? '(model)' : m.name.slice(m.name.lastIndexOf('.') + 1);
    const open = !collapsed.has(m.name);
    const toggleBtn = hasChildren.has(m.name)
      ? h('button', { class: 'toggle', type: 'button', 'aria-expanded': String(open), 'aria-label': `${open ? 'Collapse' : 'Expand'} ${m.name || 'model'}`, onclick: () => toggle(m.name) }, open ? '▾' : '▸')
      : h('span', { class: 'toggle-space', 'aria-hidden': 'true' });
    const nameEl = m.source
      ? h('button', { class: 'link', type: 'button', title: `Go to the definition of ${m.type}`, onclick: () => send({ type: 'reveal', module: m.name }) }, label)
      : h('span', { title: m.name }, label);
    return h('div', { class: 'tree-name' }, h('span', { class: 'indent', 'data-depth': String(m.depth) }), toggleBtn, nameEl);
  }

  function renderRows(): void {
    const rows = modules.filter((m) => !hidden(m.name));
    render(body, ...rows.map((m) => {
      const calls = m.calls.length === 0 ? ['—'] : m.calls.map((c) => c.inputs.map(shapeText).join(', '));
      const outs = m.calls.length === 0 ? ['not called'] : m.calls.map((c) => shapeText(c.output));
      const row = h('tr', { 'data-module': m.name },
        h('td', {}, nameCell(m)),
        h('td', {}, m.type),
        h('td', { class: 'mono' }, ...calls.map((c) => h('div', {}, c))),
        h('td', { class: 'mono' }, ...outs.map((c) => h('div', {}, c))),
        h('td', { class: 'num' }, m.params === 0 ? '—' : count(m.params)),
        h('td', { class: 'num' }, m.mult_adds === 0 ? '—' : big(m.mult_adds)),
      );
      // Indentation through CSSOM (allowed by the CSP, unlike inline style attributes).
      (row.querySelector('.indent') as HTMLElement).style.width = `${m.depth * 14}px`;
      return row;
    }));
  }

  const headers = ['Module', 'Type', 'Input shapes', 'Output shape', 'Params', 'Mult-adds'];
  const table = h('table', { class: 'data-table tree-table', 'data-table': 'modules', 'aria-label': 'Module tree' },
    h('thead', {}, h('tr', {}, ...headers.map((t, i) => h('th', { scope: 'col', class: i >= 4 ? 'num' : '' }, t)))),
    body);
  renderRows();

  const expandAll = h('vscode-button', { secondary: true, onclick: () => { collapsed.clear(); saveUiState({ collapsed: [] }); renderRows(); } }, 'Expand all');
  const collapseAll = h('vscode-button', { secondary: true, onclick: () => {
    for (const n of hasChildren) if (n !== '') collapsed.add(n);
    saveUiState({ collapsed: [...collapsed] });
    renderRows();
  } }, 'Collapse all');
  return h('section', { class: 'table-block' }, h('div', { class: 'table-tools' }, expandAll, collapseAll), table);
}
