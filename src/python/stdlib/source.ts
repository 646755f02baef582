// Standard-library modules written in Python: parsed once per process (the AST is shared and
// never mutated per interpreter), executed once per interpreter on first import.
import type { ModuleNode } from '../parse/ast';
import { parse } from '../parse/parser';
import type { Interpreter } from '../eval/interpreter';
import type { ModuleFactory } from '../eval/modules';
import { PyModule } from '../runtime/types';

const asts = new Map<string, ModuleNode>();

/** A module factory running `source` (Python) as module `name`, with `natives` preset in its namespace. */
export function sourceModule(name: string, source: string, natives?: (interp: Interpreter, m: PyModule) => void): ModuleFactory {
  return (interp) => {
    let mod = asts.get(name);
    if (!mod) {
      const parsed = parse(source);
      parsed.dispose();
      const err = parsed.diagnostics.find((d) => d.severity === 'error');
      if (err) throw new Error(`nnlens: stdlib module ${name} does not parse: ${err.message} at line ${err.line}`);
      mod = parsed.module;
      asts.set(name, mod);
    }
    const m = new PyModule(name);
    m.dict.setStr('__package__', name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '');
    natives?.(interp, m);
    // Registered before it runs, as CPython does, so its own imports of submodules find it.
    interp.modules.setStr(name, m);
    interp.execSourceModule(m, mod, `<nnlens stdlib ${name}>`);
    return m;
  };
}
