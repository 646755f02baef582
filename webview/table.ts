// A sortable, filterable data table: header buttons sort (aria-sort says which way), a filter box
// narrows rows by substring, and both survive re-renders through the saved UI state. A native
// <table> styled with the theme's variables: <vscode-table> sizes its columns once from the first
// row when it connects and does not follow rows re-rendered by sorting or filtering.
import { loadUiState, saveUiState } from './api';
import { h, render, setValue, valueOf, type Child } from './dom';

export interface Column<R> {
  key: string;
  label: string;
  sort: (r: R) => string | number;
  cell: (r: R) => Child;
  /** What the filter matches; the sort key's text when absent. */
  text?: (r: R) => string;
  numeric?: boolean;
  /** A CSS width for the column (`30%`); the browser sizes the others from their content. */
  width?: string;
}

export interface TableOptions<R> {
  id: string;
  columns: Column<R>[];
  rows: R[];
  label: string;
  empty: string;
  /** Rows past this many are not rendered (the filter narrows them); keeps huge models responsive. */
  maxRows?: number;
}

type Sort = { key: string; dir: 'asc' | 'desc' };

export function sortRows<R>(rows: readonly R[], columns: readonly Column<R>[], sort: Sort | undefined): R[] {
  const col = sort && columns.find((c) => c.key === sort.key);
  if (!col || !sort) return [...rows];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = col.sort(a);
    const y = col.sort(b);
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y), 'en', { numeric: true });
  });
}

export function filterRows<R>(rows: readonly R[], columns: readonly Column<R>[], query: string): R[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...rows];
  return rows.filter((r) => columns.some((c) => (c.text ? c.text(r) : String(c.sort(r))).toLowerCase().includes(q)));
}

export function dataTable<R>(o: TableOptions<R>): HTMLElement {
  const ui = loadUiState();
  let sort: Sort | undefined = ui.sort?.[o.id];
  let query = ui.filter?.[o.id] ?? '';
  const max = o.maxRows ?? 2000;

  const countEl = h('span', { class: 'count', 'aria-live': 'polite' });
  const body = h('tbody');
  const headerCells = o.columns.map((c) => {
    const button = h('button', { class: 'sort', type: 'button', title: `Sort by ${c.label}`, onclick: () => toggleSort(c.key) }, c.label, h('span', { class: 'arrow', 'aria-hidden': 'true' }));
    const th = h('th', { scope: 'col', 'data-key': c.key, class: c.numeric ? 'num' : '' }, button);
    if (c.width) th.style.width = c.width; // CSSOM, which the CSP allows (style attributes it does not)
    return th;
  });
  const table = h('table', { class: 'data-table', 'data-table': o.id, 'aria-label': o.label }, h('thead', {}, h('tr', {}, ...headerCells)), body);

  const filter = h('vscode-textfield', { type: 'search', placeholder: `Filter ${o.label.toLowerCase()}…`, 'aria-label': `Filter ${o.label}`, class: 'filter' });
  setValue(filter, query);
  filter.addEventListener('input', () => {
    query = valueOf(filter);
    saveUiState({ filter: { ...loadUiState().filter, [o.id]: query } });
    renderBody();
  });

  function toggleSort(key: string): void {
    sort = sort?.key === key ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
    saveUiState({ sort: { ...loadUiState().sort, [o.id]: sort } });
    renderBody();
  }

  function renderBody(): void {
    for (const cell of headerCells) {
      const on = sort?.key === cell.dataset.key;
      cell.setAttribute('aria-sort', on ? (sort!.dir === 'asc' ? 'ascending' : 'descending') : 'none');
      render(cell.querySelector('.arrow')!, on ? (sort!.dir === 'asc' ? ' ▲' : ' ▼') : '');
    }
    const rows = sortRows(filterRows(o.rows, o.columns, query), o.columns, sort);
    const shown = rows.slice(0, max);
    render(body, ...shown.map((r) => h('tr', {}, ...o.columns.map((c) => h('td', { class: c.numeric ? 'num' : '' }, c.cell(r))))));
    if (rows.length === 0) render(body, h('tr', {}, h('td', { class: 'empty', colspan: o.columns.length }, o.rows.length === 0 ? o.empty : 'No rows match the filter.')));
    const total = o.rows.length;
    render(countEl, rows.length === total ? `${total} rows` : `${rows.length} of ${total} rows`, rows.length > max ? ` (first ${max} shown)` : '');
  }

  renderBody();
  return h('section', { class: 'table-block', 'data-table-block': o.id }, h('div', { class: 'table-tools' }, filter, countEl), table);
}
