// `import` and `from ... import` statements: dotted and relative names resolved as CPython does
// (relative to the importing module's __package__), submodules found as attributes or loaded.
import type { ImportFromStmt, ImportStmt } from '../parse/ast';
import { getAttrOr } from '../runtime/attrs';
import { ImportError, pyError } from '../runtime/exceptions';
import { toArray } from '../runtime/protocol';
import { PyModule, type PyValue } from '../runtime/types';
import { storeName, type Frame } from './frame';
import { PyPlaceholder } from './placeholders';

export function execImport(f: Frame, s: ImportStmt): void {
  for (const a of s.names) {
    f.node = a;
    const leaf = f.interp.importModule(a.name);
    const top = a.name.split('.')[0];
    storeName(f, a.target, a.asname ? leaf : f.interp.moduleOrPlaceholder(top) ?? leaf);
  }
}

/** The absolute name of `from <dots><module> import ...` in the frame's module. */
export function resolveRelative(f: Frame, module: string, level: number): string {
  if (level === 0) return module;
  const pkg = f.globals.getStr('__package__');
  if (typeof pkg !== 'string' || pkg === '') throw pyError(ImportError, 'attempted relative import with no known parent package');
  const parts = pkg.split('.');
  if (level - 1 >= parts.length) throw pyError(ImportError, 'attempted relative import beyond top-level package');
  const base = parts.slice(0, parts.length - (level - 1)).join('.');
  return module ? `${base}.${module}` : base;
}

export function execImportFrom(f: Frame, s: ImportFromStmt): void {
  const interp = f.interp;
  f.node = s;
  const name = resolveRelative(f, s.module, s.level);
  const mod = interp.importModule(name);
  if (s.names === null) {
    importStar(f, mod);
    return;
  }
  for (const a of s.names) {
    f.node = a;
    let v: PyValue | undefined = getAttrOr(mod, a.name);
    if (v === undefined && (mod instanceof PyModule || mod instanceof PyPlaceholder)) {
      v = interp.tryImportSubmodule(`${name}.${a.name}`);
    }
    if (v === undefined) {
      const file = mod instanceof PyModule && mod.filename ? mod.filename : 'unknown location';
      const e = pyError(ImportError, `cannot import name '${a.name}' from '${name}' (${file})`);
      e.exc.dict!.setStr('name', name);
      throw e;
    }
    storeName(f, a.target, v);
  }
}

function importStar(f: Frame, mod: PyValue): void {
  if (!(mod instanceof PyModule)) return;
  const all = mod.dict.getStr('__all__');
  const names = all !== undefined
    ? toArray(all).filter((n): n is string => typeof n === 'string')
    : [...mod.dict.entries()].map((e) => e.key).filter((k): k is string => typeof k === 'string' && !k.startsWith('_'));
  const target = f.ns ?? f.globals;
  for (const n of names) {
    const v = getAttrOr(mod, n);
    if (v !== undefined) target.setStr(n, v);
  }
}
