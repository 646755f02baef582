// A Python frame: fast locals by slot, closure cells, the module globals, the class namespace when
// running a class body, and the node being run (for tracebacks). Also the name load/store helpers
// that follow the scope resolve.ts chose for each name.
import type { CodeInfo, NameRef, Span } from '../parse/ast';
import { NameError, UnboundLocalError, pyError } from '../runtime/exceptions';
import { PyCell, type PyDict, type PyValue } from '../runtime/types';
import type { Interpreter } from './interpreter';

export class Frame {
  declare readonly interp: Interpreter;
  declare readonly code: CodeInfo | null;
  declare readonly globals: PyDict;
  declare readonly builtins: PyDict;
  /** The class namespace while a class body runs; null elsewhere. */
  declare readonly ns: PyDict | null;
  declare readonly name: string;
  declare readonly filename: string;
  declare locals: (PyValue | undefined)[];
  declare cells: PyCell[];
  /** The node being run: a statement, or the call/attribute/operator inside it that may fail. */
  declare node: Span;
  declare retval: PyValue | undefined;
  declare back: Frame | null;
  // Fields are declared and assigned here, once (see the note on PyObject).
  constructor(
    interp: Interpreter, code: CodeInfo | null, globals: PyDict, builtins: PyDict, ns: PyDict | null, nlocals: number,
    cells: PyCell[], name: string, filename: string, start: Span,
  ) {
    const self = this as { -readonly [K in keyof Frame]: Frame[K] };
    self.interp = interp;
    self.code = code;
    self.globals = globals;
    self.builtins = builtins;
    self.ns = ns;
    self.name = name;
    self.filename = filename;
    self.locals = nlocals === 0 ? empty : new Array<PyValue | undefined>(nlocals);
    self.cells = cells;
    self.node = start;
    self.retval = undefined;
    self.back = null;
  }
}

const empty: (PyValue | undefined)[] = [];

function unbound(f: Frame, r: NameRef): Error {
  if (r.scope === 'cell' && f.code && f.code.scope.cellNames.indexOf(r.id) >= f.code.scope.ncellvars) {
    return pyError(NameError, `cannot access free variable '${r.id}' where it is not associated with a value in enclosing scope`);
  }
  return pyError(UnboundLocalError, `cannot access local variable '${r.id}' where it is not associated with a value`);
}

export function notDefined(id: string): Error {
  const e = pyError(NameError, `name '${id}' is not defined`);
  e.exc.dict!.setStr('name', id);
  return e;
}

export function loadName(f: Frame, r: NameRef): PyValue {
  switch (r.scope) {
    case 'fast': {
      const v = f.locals[r.slot];
      if (v === undefined) throw unbound(f, r);
      return v;
    }
    case 'cell': {
      const v = f.cells[r.slot].value;
      if (v === undefined) throw unbound(f, r);
      return v;
    }
    case 'global': {
      const v = f.globals.getStr(r.id) ?? f.builtins.getStr(r.id);
      if (v === undefined) throw notDefined(r.id);
      return v;
    }
    case 'name': {
      const v = f.ns?.getStr(r.id) ?? f.globals.getStr(r.id) ?? f.builtins.getStr(r.id);
      if (v === undefined) throw notDefined(r.id);
      return v;
    }
    case 'classcell': {
      const v = f.ns?.getStr(r.id) ?? f.cells[r.slot].value;
      if (v === undefined) throw unbound(f, r);
      return v;
    }
  }
}

export function storeName(f: Frame, r: NameRef, v: PyValue): void {
  switch (r.scope) {
    case 'fast':
      f.locals[r.slot] = v;
      return;
    case 'cell':
      f.cells[r.slot].value = v;
      return;
    case 'global':
      f.globals.setStr(r.id, v);
      return;
    case 'name':
    case 'classcell':
      (f.ns ?? f.globals).setStr(r.id, v);
      return;
  }
}

export function deleteName(f: Frame, r: NameRef, quiet = false): void {
  switch (r.scope) {
    case 'fast':
      if (f.locals[r.slot] === undefined && !quiet) throw unbound(f, r);
      f.locals[r.slot] = undefined;
      return;
    case 'cell':
      if (f.cells[r.slot].value === undefined && !quiet) throw unbound(f, r);
      f.cells[r.slot].value = undefined;
      return;
    case 'global':
      if (!f.globals.deleteStr(r.id) && !quiet) throw notDefined(r.id);
      return;
    case 'name':
    case 'classcell':
      if (!(f.ns ?? f.globals).deleteStr(r.id) && !quiet) throw notDefined(r.id);
      return;
  }
}

/** The cells of a new frame: fresh cells for its own cell variables, then the captured ones. */
export function makeCells(ncellvars: number, closure: PyCell[] | null): PyCell[] {
  const n = ncellvars + (closure ? closure.length : 0);
  if (n === 0) return noCells;
  const cells = new Array<PyCell>(n);
  for (let i = 0; i < ncellvars; i++) cells[i] = new PyCell();
  if (closure) for (let i = 0; i < closure.length; i++) cells[ncellvars + i] = closure[i];
  return cells;
}

const noCells: PyCell[] = [];
