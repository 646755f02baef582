// Parse results kept across runs in one process (the worker re-inspecting an edited file): one result per
// path, reused while the text is unchanged and re-parsed incrementally from it when the text changes,
// plus the small expressions the inspector evaluates. The AST is never mutated by evaluation.
import { parse, type ParseResult } from './parser';

const MAX_FILES = 64;
const MAX_EXPRS = 512;

/** Latest result per path, in least-recently-used order (a Map iterates in insertion order). */
const files = new Map<string, ParseResult>();
const exprs = new Map<string, ParseResult>();

/**
 * The parse of `source` as the file at `path`. An unchanged text returns the cached result itself;
 * a changed one is parsed incrementally from the previous result, which that consumes (its
 * statements may move into the new result), so callers must be done with a result before parsing
 * a new text of the same path — the inspector runs one inspection at a time for this reason.
 */
export function parseFile(path: string, source: string): ParseResult {
  const prev = files.get(path);
  files.delete(path);
  let result: ParseResult;
  if (prev && prev.source === source) {
    result = prev;
  } else {
    result = prev?.tree ? parse(source, prev) : parse(source);
    prev?.dispose();
  }
  files.set(path, result);
  if (files.size > MAX_FILES) {
    const [oldest, r] = files.entries().next().value as [string, ParseResult];
    files.delete(oldest);
    r.dispose();
  }
  return result;
}

/** The parse of a one-line expression or statement (no tree kept: expressions are not edited). */
export function parseExpression(text: string): ParseResult {
  let r = exprs.get(text);
  if (r) {
    exprs.delete(text);
  } else {
    r = parse(text);
    r.dispose();
  }
  exprs.set(text, r);
  if (exprs.size > MAX_EXPRS) exprs.delete(exprs.keys().next().value as string);
  return r;
}

/** Forgets every cached parse (tests; a host that wants its memory back). */
export function clearParseCache(): void {
  for (const r of files.values()) r.dispose();
  files.clear();
  exprs.clear();
}
