// A tree cursor reduced to the numbers the copy in syntax-tree.ts needs. The fast form calls
// web-tree-sitter's wasm exports directly, keeping the cursor in its transfer buffer: the public
// TreeCursor re-writes that buffer (4 setValue calls) before every call, which costs as much as the call.
import type { Tree, TreeCursor } from 'web-tree-sitter';
import { wasmModule } from './wasm';

export interface Walker {
  typeId(): number;
  startIndex(): number;
  endIndex(): number;
  fieldId(): number;
  isMissing(): boolean;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  /** Frees the cursor; the walker is unusable afterwards. */
  done(): void;
}

/** The wasm exports used (present in web-tree-sitter 0.25–0.27; checked at run time, else the portable walker). */
interface CursorExports {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
}

const NEEDED = [
  '_ts_init', '_ts_tree_cursor_current_node_type_id_wasm', '_ts_tree_cursor_start_index_wasm', '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_field_id_wasm', '_ts_tree_cursor_current_node_is_missing_wasm', '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm', '_ts_tree_cursor_goto_parent_wasm',
] as const;

let exportsChecked = false;
let fast: { mod: CursorExports; buffer: number } | null = null;

function fastExports(): { mod: CursorExports; buffer: number } | null {
  if (exportsChecked) return fast;
  exportsChecked = true;
  const mod = wasmModule() as Partial<CursorExports> | null;
  if (!mod || !(mod.HEAP32 instanceof Int32Array) || NEEDED.some((k) => typeof mod[k] !== 'function')) return null;
  // ts_init only writes the two ABI versions into the transfer buffer and returns its address.
  fast = { mod: mod as CursorExports, buffer: (mod as CursorExports)._ts_init() };
  return fast;
}

/**
 * A walker at the root of `tree`; `portable` forces the public TreeCursor API (tests compare both).
 * Until done(), make no other web-tree-sitter call: they all use the transfer buffer the fast walker's
 * cursor lives in (lowerModule asks the tree what it needs before opening one).
 */
export function openWalker(tree: Tree, portable = false): Walker {
  const cursor = tree.walk();
  const f = portable ? null : fastExports();
  return f ? new FastWalker(tree, cursor, f.mod, f.buffer >> 2) : new PortableWalker(cursor);
}

// TreeCursor and Tree keep their wasm handles in indexed slots ([0]..[3] and [0]); web-tree-sitter's
// own marshalling reads them the same way.
type Slots = Record<number, number>;

class FastWalker implements Walker {
  private readonly t: number;

  constructor(tree: Tree, private readonly cursor: TreeCursor, private readonly m: CursorExports, private readonly at: number) {
    this.t = (tree as unknown as Slots)[0];
    const c = cursor as unknown as Slots;
    const heap = m.HEAP32;
    for (let i = 0; i < 4; i++) heap[at + i] = c[i];
  }

  typeId(): number { return this.m._ts_tree_cursor_current_node_type_id_wasm(this.t); }
  startIndex(): number { return this.m._ts_tree_cursor_start_index_wasm(this.t); }
  endIndex(): number { return this.m._ts_tree_cursor_end_index_wasm(this.t); }
  fieldId(): number { return this.m._ts_tree_cursor_current_field_id_wasm(this.t); }
  isMissing(): boolean { return this.m._ts_tree_cursor_current_node_is_missing_wasm(this.t) === 1; }
  gotoFirstChild(): boolean { return this.m._ts_tree_cursor_goto_first_child_wasm(this.t) === 1; }
  gotoNextSibling(): boolean { return this.m._ts_tree_cursor_goto_next_sibling_wasm(this.t) === 1; }
  gotoParent(): boolean { return this.m._ts_tree_cursor_goto_parent_wasm(this.t) === 1; }

  done(): void {
    // The walk may have grown the cursor's stack (a new address): hand the state back before freeing it.
    const c = this.cursor as unknown as Slots;
    const heap = this.m.HEAP32;
    for (let i = 0; i < 4; i++) c[i] = heap[this.at + i];
    this.cursor.delete();
  }
}

class PortableWalker implements Walker {
  constructor(private readonly c: TreeCursor) {}
  typeId(): number { return this.c.nodeTypeId; }
  startIndex(): number { return this.c.startIndex; }
  endIndex(): number { return this.c.endIndex; }
  fieldId(): number { return this.c.currentFieldId; }
  isMissing(): boolean { return this.c.nodeIsMissing; }
  gotoFirstChild(): boolean { return this.c.gotoFirstChild(); }
  gotoNextSibling(): boolean { return this.c.gotoNextSibling(); }
  gotoParent(): boolean { return this.c.gotoParent(); }
  done(): void { this.c.delete(); }
}
