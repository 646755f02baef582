// A plain-JS copy of one tree-sitter subtree, read in a single TreeCursor walk: the lowering asks each
// node for its type, fields and text many times, and every such question to a wasm Node crosses into
// wasm and allocates; here it is a property read. Mirrors the part of web-tree-sitter's Node API the lowering uses.
import type { Language } from 'web-tree-sitter';
import type { Walker } from './walker';

const NO_FIELD = 0;
const NONE: never[] = [];

// Named tokens of tree-sitter-python: they never have children, so the walk does not ask wasm to
// descend into them (anonymous nodes are tokens too, or operator aliases the lowering reads by type).
const TOKENS = new Set([
  'identifier', 'integer', 'float', 'comment', 'true', 'false', 'none', 'string_start', 'string_content', 'string_end',
  'escape_sequence', 'type_conversion', 'line_continuation', 'escape_interpolation', 'keyword_identifier',
]);

// Node types that have fields (tree-sitter-python's node-types.json): children of every other type are
// read without asking wasm for a field id, which nothing would look up. ERROR is kept to be safe.
const FIELDED = new Set([
  'aliased_import', 'as_pattern', 'assignment', 'attribute', 'augmented_assignment', 'binary_operator', 'block',
  'boolean_operator', 'call', 'case_clause', 'class_definition', 'comparison_operator', 'decorated_definition',
  'default_parameter', 'dict_pattern', 'dictionary_comprehension', 'elif_clause', 'else_clause', 'except_clause',
  'exec_statement', 'for_in_clause', 'for_statement', 'format_expression', 'function_definition',
  'future_import_statement', 'generator_expression', 'if_statement', 'import_from_statement', 'import_statement',
  'interpolation', 'keyword_argument', 'lambda', 'list_comprehension', 'match_statement', 'named_expression',
  'not_operator', 'pair', 'print_statement', 'raise_statement', 'set_comprehension', 'subscript', 'try_statement',
  'type_alias_statement', 'typed_default_parameter', 'typed_parameter', 'unary_operator', 'while_statement',
  'with_item', 'with_statement', 'ERROR',
]);

/** One node of the copy. Positions are UTF-16 offsets into `src`, as web-tree-sitter gives them. */
export class SyntaxNode {
  children: SyntaxNode[] = NONE;
  /** Field id (in the language's `fields` table) of each child; 0 when the child has no field. */
  childFields: number[] = NONE;
  private named: SyntaxNode[] | null = null;
  /** @internal set by the walk: a token never has children. */
  isToken = false;
  /** @internal set by the walk: children of this type can have fields. */
  hasFields = false;

  constructor(
    private readonly table: LanguageTable,
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    private readonly src: string,
  ) {}

  get text(): string {
    return this.src.slice(this.startIndex, this.endIndex);
  }

  get childCount(): number {
    return this.children.length;
  }

  child(i: number): SyntaxNode | null {
    return this.children[i] ?? null;
  }

  get namedChildren(): SyntaxNode[] {
    return this.children.filter((c) => c.isNamed);
  }

  /** Named children without comments and line continuations (computed once; callers must not mutate it). */
  get meaningfulChildren(): SyntaxNode[] {
    if (this.named) return this.named;
    const out: SyntaxNode[] = [];
    for (const c of this.children) if (c.isNamed && c.type !== 'comment' && c.type !== 'line_continuation') out.push(c);
    this.named = out;
    return out;
  }

  childForFieldName(name: string): SyntaxNode | null {
    const id = this.table.fieldIds.get(name);
    if (id === undefined) return null;
    const i = this.childFields.indexOf(id);
    return i < 0 ? null : this.children[i];
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    const id = this.table.fieldIds.get(name);
    const out: SyntaxNode[] = [];
    if (id === undefined) return out;
    for (let i = 0; i < this.children.length; i++) if (this.childFields[i] === id) out.push(this.children[i]);
    return out;
  }

  fieldNameForChild(i: number): string | null {
    const f = this.childFields[i];
    return f === undefined || f === NO_FIELD ? null : this.table.fields[f] ?? null;
  }
}

/** Per-language lookups, so the walk asks wasm for numbers only (type id, field id, offsets). */
export interface LanguageTable {
  types: string[];
  isNamed: boolean[];
  /** Type ids whose nodes are tokens (no children). */
  isToken: boolean[];
  /** Type ids whose children can carry a field. */
  hasFields: boolean[];
  fields: (string | null)[];
  fieldIds: Map<string, number>;
}

const tables = new WeakMap<Language, LanguageTable>();

export function languageTable(language: Language): LanguageTable {
  let t = tables.get(language);
  if (t) return t;
  const count = language.nodeTypeCount;
  const types: string[] = [];
  const isNamed: boolean[] = [];
  const isToken: boolean[] = [];
  const hasFields: boolean[] = [];
  for (let i = 0; i < count; i++) {
    types.push(language.types[i] || 'ERROR');
    isNamed.push(language.nodeTypeIsNamed(i));
    isToken.push(!isNamed[i] || TOKENS.has(types[i]));
    hasFields.push(FIELDED.has(types[i]));
  }
  const fieldIds = new Map<string, number>();
  language.fields.forEach((f, i) => {
    if (f) fieldIds.set(f, i);
  });
  t = { types, isNamed, isToken, hasFields, fields: language.fields, fieldIds };
  tables.set(language, t);
  return t;
}

let nextId = 1;

/**
 * Copies the subtree at the cursor's current node and leaves the cursor where it started.
 * `withMissing` asks wasm whether each node is MISSING (only needed when the tree has errors).
 */
export function copySubtree(cursor: Walker, table: LanguageTable, src: string, withMissing: boolean): SyntaxNode {
  const root = makeNode(cursor, table, src, withMissing, -1);
  if (root.isToken || !cursor.gotoFirstChild()) return root;
  root.children = [];
  if (root.hasFields) root.childFields = [];
  const stack: SyntaxNode[] = [root];
  // End of the last node copied, in source order: the next keyword or punctuation token starts at
  // the first non-blank character after it, which saves asking wasm for its start.
  let prevEnd = root.startIndex;
  for (;;) {
    const parent = stack[stack.length - 1];
    if (parent.hasFields) parent.childFields.push(cursor.fieldId());
    const node = makeNode(cursor, table, src, withMissing, prevEnd);
    parent.children.push(node);
    if (!node.isToken && cursor.gotoFirstChild()) {
      node.children = [];
      if (node.hasFields) node.childFields = [];
      stack.push(node);
      prevEnd = node.startIndex;
      continue;
    }
    prevEnd = node.endIndex;
    while (!cursor.gotoNextSibling()) {
      cursor.gotoParent();
      prevEnd = stack.pop()!.endIndex;
      if (stack.length === 0) return root;
    }
  }
}

function skipBlanks(src: string, i: number): number {
  for (;;) {
    const c = src.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 12) return i;
    i++;
  }
}

/** `after` >= 0: where the previous node in source order ended (a guess for a token's start, checked against the text). */
function makeNode(cursor: Walker, table: LanguageTable, src: string, withMissing: boolean, after: number): SyntaxNode {
  const typeId = cursor.typeId();
  // ERROR's id (65535) lies outside the table; web-tree-sitter names it the same way.
  const type = table.types[typeId] ?? 'ERROR';
  const named = table.isNamed[typeId] ?? true;
  let start: number;
  let end: number;
  // A keyword or punctuation token is its type's text, right after the previous token: it needs no
  // wasm call. Trees with errors (MISSING tokens are empty, ERROR skips text) always ask.
  const guess = !named && !withMissing && after >= 0 ? skipBlanks(src, after) : -1;
  if (guess >= 0 && src.startsWith(type, guess)) {
    start = guess;
    end = guess + type.length;
  } else {
    start = cursor.startIndex();
    end = !named && !withMissing && src.startsWith(type, start) ? start + type.length : cursor.endIndex();
  }
  const node = new SyntaxNode(table, nextId++, type, named, withMissing && cursor.isMissing(), start, end, src);
  node.isToken = table.isToken[typeId] ?? false;
  node.hasFields = table.hasFields[typeId] ?? true;
  return node;
}
