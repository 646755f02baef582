// PyTorch's RemovableHandle and the ordered hook tables of nn.Module: hooks keyed by a global id,
// run in insertion order (or moved to the front with `prepend`), removable through their handle.

let nextId = 0;

/** An ordered table of hooks by id (PyTorch keeps these in OrderedDicts). */
export type HookTable<F> = Map<number, F>;

/** What `register_*_hook` returns: `remove()` drops the hook from every table that holds its id. */
export class RemovableHandle {
  readonly id = nextId++;
  constructor(
    private readonly tables: Map<number, unknown>[],
    private readonly extra: Set<number>[] = [],
  ) {}
  remove(): void {
    for (const t of this.tables) t.delete(this.id);
    for (const s of this.extra) s.delete(this.id);
  }
}

/** Adds `hook` to `table` and returns its handle; `prepend` puts it before every existing hook. */
export function addHook<F>(table: HookTable<F>, hook: F, prepend = false, extra: Set<number>[] = []): RemovableHandle {
  const handle = new RemovableHandle([table as Map<number, unknown>], extra);
  if (prepend) {
    const rest = [...table];
    table.clear();
    table.set(handle.id, hook);
    for (const [k, v] of rest) table.set(k, v);
  } else {
    table.set(handle.id, hook);
  }
  return handle;
}
