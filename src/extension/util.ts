// Small helpers shared by the extension's modules (no `vscode` import).

/** Ends every switch over a protocol union: a new message kind does not compile until it is handled. */
export function assertNever(x: never): never {
  throw new Error(`nnlens: unhandled case ${JSON.stringify(x)}`);
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Thousands separators the way the CodeLens and tree print counts: 61,706. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
