// Builds DOM nodes from data without ever parsing HTML: strings become text nodes and attribute
// values, so names from user files (`<img src=x onerror=...>`) always show as the characters they are.

export type Child = Node | string | number | null | undefined | false | Child[];
type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue | ((e: Event) => void)>;

export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') {
      if (!k.startsWith('on')) throw new Error(`h(): a function for attribute ${k}`);
      el.addEventListener(k.slice(2), v);
    } else if (k.startsWith('on')) {
      throw new Error(`h(): event attribute ${k} must be a function`); // no inline handlers, ever
    } else if (v === true) el.setAttribute(k, '');
    else if (v !== false && v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Replaces an element's content with new children. */
export function render(el: Element, ...children: Child[]): void {
  clear(el);
  append(el, children);
}

/** A `<vscode-single-select>` with its options; `value` is selected. */
export function select(attrs: Attrs, options: readonly (string | [value: string, label: string])[], value: string): HTMLElement {
  return h('vscode-single-select', attrs, ...options.map((o) => {
    const [v, label] = typeof o === 'string' ? [o, o] : o;
    return h('vscode-option', { value: v, selected: v === value }, label);
  }));
}

/** The value of a vscode-elements form control (textfield, single-select). */
export const valueOf = (el: Element): string => (el as unknown as { value: string }).value ?? '';

export const setValue = (el: Element, v: string): void => {
  (el as unknown as { value: string }).value = v;
};
