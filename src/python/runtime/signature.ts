// Parameter layouts and Python's argument binding, shared by `def` functions and native functions.
// Natives declare a compact signature string, "relu(input, inplace=False)", parsed once; a call binds
// its arguments into an array in declaration order (positional, *args, keyword-only, **kwargs).
import { typeError } from './exceptions';
import { PyDict, type PyValue } from './object';
import { Ellipsis, None, PyFloat, PyList, tuple } from './types';

export interface Signature {
  /** The name used in error messages ("Net.__init__", "relu"). */
  name: string;
  positional: string[];
  posonly: number;
  vararg: string | null;
  kwonly: string[];
  kwarg: string | null;
  /** Defaults of the last `defaults.length` positional parameters (natives; functions carry their own). */
  defaults: PyValue[];
  kwdefaults: Map<string, PyValue> | null;
  /** Total number of slots the bound array has. */
  nslots: number;
  /** Slot of each parameter that may be passed by keyword. */
  keywordSlot: Map<string, number>;
}

export function makeSignature(
  name: string, positional: string[], posonly: number, vararg: string | null, kwonly: string[], kwarg: string | null,
  defaults: PyValue[] = [], kwdefaults: Map<string, PyValue> | null = null,
): Signature {
  const keywordSlot = new Map<string, number>();
  positional.forEach((p, i) => {
    if (i >= posonly) keywordSlot.set(p, i);
  });
  const kwBase = positional.length + (vararg ? 1 : 0);
  kwonly.forEach((p, i) => keywordSlot.set(p, kwBase + i));
  const nslots = kwBase + kwonly.length + (kwarg ? 1 : 0);
  return { name, positional, posonly, vararg, kwonly, kwarg, defaults, kwdefaults, nslots, keywordSlot };
}

function quoteList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

/**
 * Binds `args`/`kwargs` into `out` (length sig.nslots) as CPython does, raising CPython's TypeErrors.
 * `defaults`/`kwdefaults` override the signature's own (a `def` evaluates them per function object).
 */
export function bindArgs(
  sig: Signature, args: PyValue[], kwargs: Map<string, PyValue> | null, out: (PyValue | undefined)[],
  defaults: PyValue[] = sig.defaults, kwdefaults: Map<string, PyValue> | null = sig.kwdefaults,
): void {
  const npos = sig.positional.length;
  const nargs = args.length;
  // Fast path: exactly the positional parameters, nothing else to do.
  if (nargs === npos && kwargs === null && sig.vararg === null && sig.kwonly.length === 0 && sig.kwarg === null) {
    for (let i = 0; i < nargs; i++) out[i] = args[i];
    return;
  }
  const m = Math.min(nargs, npos);
  for (let i = 0; i < m; i++) out[i] = args[i];
  if (nargs > npos && sig.vararg === null) throw tooMany(sig, defaults, nargs, kwargs);
  if (sig.vararg !== null) out[npos] = tuple(nargs > npos ? args.slice(npos) : []);
  let extra: PyDict | null = null;
  if (sig.kwarg !== null) {
    extra = new PyDict();
    out[sig.nslots - 1] = extra;
  }
  if (kwargs !== null) {
    let posonlyAsKw: string[] | null = null;
    for (const [k, v] of kwargs) {
      const slot = sig.keywordSlot.get(k);
      if (slot !== undefined) {
        if (out[slot] !== undefined) throw typeError(`${sig.name}() got multiple values for argument '${k}'`);
        out[slot] = v;
      } else if (extra !== null) extra.setStr(k, v);
      else if (sig.positional.indexOf(k) >= 0) (posonlyAsKw ??= []).push(k);
      else throw typeError(`${sig.name}() got an unexpected keyword argument '${k}'`);
    }
    if (posonlyAsKw) {
      throw typeError(`${sig.name}() got some positional-only arguments passed as keyword arguments: '${posonlyAsKw.join(', ')}'`);
    }
  }
  if (nargs < npos) {
    const firstDefault = npos - defaults.length;
    let missing: string[] | null = null;
    for (let i = nargs; i < npos; i++) {
      if (out[i] !== undefined) continue;
      if (i >= firstDefault) out[i] = defaults[i - firstDefault];
      else (missing ??= []).push(sig.positional[i]);
    }
    if (missing) {
      const s = missing.length === 1 ? '' : 's';
      throw typeError(`${sig.name}() missing ${missing.length} required positional argument${s}: ${quoteList(missing)}`);
    }
  }
  if (sig.kwonly.length) {
    const base = npos + (sig.vararg ? 1 : 0);
    let missing: string[] | null = null;
    for (let i = 0; i < sig.kwonly.length; i++) {
      if (out[base + i] !== undefined) continue;
      const d = kwdefaults?.get(sig.kwonly[i]);
      if (d !== undefined) out[base + i] = d;
      else (missing ??= []).push(sig.kwonly[i]);
    }
    if (missing) {
      const s = missing.length === 1 ? '' : 's';
      throw typeError(`${sig.name}() missing ${missing.length} required keyword-only argument${s}: ${quoteList(missing)}`);
    }
  }
}

function tooMany(sig: Signature, defaults: PyValue[], nargs: number, kwargs: Map<string, PyValue> | null): Error {
  const npos = sig.positional.length;
  const min = npos - defaults.length;
  const takes = min === npos ? `${npos}` : `from ${min} to ${npos}`;
  const plural = min === npos && npos === 1 ? '' : 's';
  let kwGiven = 0;
  if (kwargs) for (const k of kwargs.keys()) if (sig.kwonly.includes(k)) kwGiven++;
  const given = kwGiven
    ? `${nargs} positional argument${nargs === 1 ? '' : 's'} (and ${kwGiven} keyword-only argument${kwGiven === 1 ? '' : 's'}) were given`
    : `${nargs} ${nargs === 1 ? 'was' : 'were'} given`;
  return typeError(`${sig.name}() takes ${takes} positional argument${plural} but ${given}`);
}

// ---------------------------------------------------------------- signature strings

/**
 * Parses "name(a, b=1, /, c=None, *args, d=(1, 2), e: int = 3, **kwargs)". Defaults are Python
 * literals: None, True, False, numbers, strings, ..., tuples, lists and {} (annotations are ignored).
 */
export function parseSignature(text: string, name?: string): Signature {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`nnlens: bad native signature ${JSON.stringify(text)}`);
  const fname = name ?? text.slice(0, open).trim();
  const positional: string[] = [];
  const defaults: PyValue[] = [];
  const kwonly: string[] = [];
  let kwdefaults: Map<string, PyValue> | null = null;
  let vararg: string | null = null;
  let kwarg: string | null = null;
  let posonly = 0;
  let star = false;
  for (const raw of splitTopLevel(text.slice(open + 1, close))) {
    const part = raw.trim();
    if (part === '') continue;
    if (part === '/') {
      posonly = positional.length;
      continue;
    }
    if (part === '*') {
      star = true;
      continue;
    }
    if (part.startsWith('**')) {
      kwarg = stripAnnotation(part.slice(2));
      continue;
    }
    if (part.startsWith('*')) {
      vararg = stripAnnotation(part.slice(1));
      star = true;
      continue;
    }
    const eq = findTopLevel(part, '=');
    const pname = stripAnnotation(eq < 0 ? part : part.slice(0, eq));
    const def = eq < 0 ? undefined : parseLiteral(part.slice(eq + 1).trim(), text);
    if (star) {
      kwonly.push(pname);
      if (def !== undefined) (kwdefaults ??= new Map()).set(pname, def);
    } else {
      positional.push(pname);
      if (def !== undefined) defaults.push(def);
      else if (defaults.length) throw new Error(`nnlens: non-default parameter after default in ${JSON.stringify(text)}`);
    }
  }
  return makeSignature(fname, positional, posonly, vararg, kwonly, kwarg, defaults, kwdefaults);
}

function stripAnnotation(s: string): string {
  const c = findTopLevel(s, ':');
  return (c < 0 ? s : s.slice(0, c)).trim();
}

function findTopLevel(s: string, ch: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ch && depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  for (;;) {
    const i = findTopLevel(s, ',');
    if (i < 0) {
      out.push(s);
      return out;
    }
    out.push(s.slice(0, i));
    s = s.slice(i + 1);
  }
}

function parseLiteral(s: string, whole: string): PyValue {
  switch (s) {
    case 'None':
      return None;
    case 'True':
      return true;
    case 'False':
      return false;
    case '...':
      return Ellipsis;
    case '{}':
      return new PyDict();
  }
  if (/^-?\d+$/.test(s)) return Number(s);
  if (/^-?(\d+\.\d*|\.\d+|\d+)(e-?\d+)?$|^-?inf$/i.test(s)) return new PyFloat(s.toLowerCase().endsWith('inf') ? (s.startsWith('-') ? -Infinity : Infinity) : Number(s));
  if (/^'.*'$|^".*"$/.test(s)) return s.slice(1, -1);
  if ((s.startsWith('(') && s.endsWith(')')) || (s.startsWith('[') && s.endsWith(']'))) {
    const items = splitTopLevel(s.slice(1, -1)).map((x) => x.trim()).filter((x) => x !== '').map((x) => parseLiteral(x, whole));
    return s.startsWith('(') ? tuple(items) : new PyList(items);
  }
  throw new Error(`nnlens: unsupported default ${JSON.stringify(s)} in native signature ${JSON.stringify(whole)}`);
}
