// Assignment and deletion targets: names, attributes, items, and tuple/list unpacking with at most
// one starred target, with CPython's unpacking error messages.
import type { Expr } from '../parse/ast';
import { delAttr, setAttr } from '../runtime/attrs';
import { SyntaxError, ValueError, pyError, typeError } from '../runtime/exceptions';
import { delItem, iter, setItem, typeName } from '../runtime/protocol';
import { PyList, PyObject, PyTuple, listType, tupleType, type PyValue } from '../runtime/types';
import { evalExpr } from './expressions';
import { deleteName, storeName, type Frame } from './frame';

export function assignTarget(f: Frame, t: Expr, v: PyValue): void {
  switch (t.kind) {
    case 'Name':
      storeName(f, t, v);
      return;
    case 'Attribute': {
      const obj = evalExpr(f, t.value);
      f.node = t;
      setAttr(obj, t.attr, v);
      return;
    }
    case 'Subscript': {
      const obj = evalExpr(f, t.value);
      const key = evalExpr(f, t.index);
      f.node = t;
      setItem(obj, key, v);
      return;
    }
    case 'Tuple':
    case 'List': {
      f.node = t;
      const items = unpack(v, t.elts);
      for (let i = 0; i < t.elts.length; i++) {
        const el = t.elts[i];
        assignTarget(f, el.kind === 'Starred' ? el.value : el, items[i]);
      }
      return;
    }
    default:
      f.node = t;
      throw pyError(SyntaxError, 'cannot assign to expression');
  }
}

/** The values for each target of `a, *b, c = v` (the starred one gets a list). */
function unpack(v: PyValue, targets: Expr[]): PyValue[] {
  const star = targets.findIndex((x) => x.kind === 'Starred');
  const n = targets.length;
  let items: PyValue[];
  if (v instanceof PyObject && (v.cls === tupleType || v.cls === listType)) items = (v as PyTuple | PyList).items;
  else {
    let it;
    try {
      it = iter(v);
    } catch {
      throw typeError(`cannot unpack non-iterable ${typeName(v)} object`);
    }
    items = [];
    // Without a starred target, stop one past the expected count instead of draining an endless iterator.
    for (let x = it.next(); x !== undefined; x = it.next()) {
      items.push(x);
      if (star < 0 && items.length > n) break;
    }
  }
  if (star < 0) {
    if (items.length > n) throw pyError(ValueError, `too many values to unpack (expected ${n})`);
    if (items.length < n) throw pyError(ValueError, `not enough values to unpack (expected ${n}, got ${items.length})`);
    return items;
  }
  const after = n - star - 1;
  if (items.length < n - 1) {
    throw pyError(ValueError, `not enough values to unpack (expected at least ${n - 1}, got ${items.length})`);
  }
  const out = items.slice(0, star);
  out.push(new PyList(items.slice(star, items.length - after)));
  for (let i = items.length - after; i < items.length; i++) out.push(items[i]);
  return out;
}

export function deleteTarget(f: Frame, t: Expr): void {
  switch (t.kind) {
    case 'Name':
      deleteName(f, t);
      return;
    case 'Attribute': {
      const obj = evalExpr(f, t.value);
      f.node = t;
      delAttr(obj, t.attr);
      return;
    }
    case 'Subscript': {
      const obj = evalExpr(f, t.value);
      const key = evalExpr(f, t.index);
      f.node = t;
      delItem(obj, key);
      return;
    }
    case 'Tuple':
    case 'List':
      for (const el of t.elts) deleteTarget(f, el);
      return;
    default:
      f.node = t;
      throw pyError(SyntaxError, 'cannot delete expression');
  }
}
