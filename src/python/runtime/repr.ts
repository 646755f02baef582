// repr() and str() with CPython's output for the builtin values (quotes and escapes of strings,
// float repr), the default `<module.Class object at 0x...>`, and AttributeError's wording.
import { call, special } from './call';
import { AttributeError, PyException, pyError, typeError } from './exceptions';
import { floatRepr } from './numbers';
import { PyObject, PyType, type PyValue } from './object';
import { objectId } from './hash';
import { typeName } from './protocol';
import { None, PyBoxed, PyFloat, floatType, moduleType } from './types';

const strEscapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** repr() of a str, with CPython's choice of quotes and escapes. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const esc = strEscapes[ch];
    if (esc) out += esc;
    else if (ch === quote) out += '\\' + ch;
    else {
      const c = ch.codePointAt(0)!;
      if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
      else if ((c >= 0x80 && c < 0xa0) || c === 0xad) out += '\\x' + c.toString(16).padStart(2, '0');
      else out += ch;
    }
  }
  return out + quote;
}

export function repr(v: PyValue): string {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'True' : 'False';
    case 'string':
      return strRepr(v);
  }
  if (v === None) return 'None';
  if (v instanceof PyFloat && v.cls === floatType) return floatRepr(v.value);
  const r = v.cls.lookup('__repr__');
  if (r === undefined) return `<${v.cls.name} object>`;
  const s = call(r, [v]);
  if (typeof s !== 'string') {
    if (s instanceof PyBoxed && typeof s.value === 'string') return s.value;
    throw typeError(`__repr__ returned non-string (type ${typeName(s)})`);
  }
  return s;
}

export function str(v: PyValue): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'True' : 'False';
  }
  if (v === None) return 'None';
  if (v instanceof PyFloat && v.cls === floatType) return floatRepr(v.value);
  const f = v.cls.lookup('__str__');
  if (f === undefined || f === special.objectStr) return repr(v);
  const s = call(f, [v]);
  if (typeof s !== 'string') {
    if (s instanceof PyBoxed && typeof s.value === 'string') return s.value;
    throw typeError(`__str__ returned non-string (type ${typeName(s)})`);
  }
  return s;
}

/** The default repr of an instance: <module.Qualname object at 0x...>. */
export function defaultRepr(v: PyObject): string {
  const t = v.cls;
  const mod = t.module && t.module !== 'builtins' ? `${t.module}.` : '';
  return `<${mod}${t.qualname} object at 0x${objectId(v).toString(16).padStart(12, '0')}>`;
}

/** An AttributeError for a missing attribute, with CPython's wording for each kind of object. */
export function noAttribute(obj: PyValue, name: string): PyException {
  let msg: string;
  if (obj instanceof PyType) msg = `type object '${obj.name}' has no attribute '${name}'`;
  else if (obj instanceof PyObject && obj.cls === moduleType) {
    msg = `module '${(obj as PyObject & { name: string }).name}' has no attribute '${name}'`;
  } else msg = `'${typeName(obj)}' object has no attribute '${name}'`;
  const e = pyError(AttributeError, msg);
  e.exc.dict!.setStr('name', name);
  e.exc.dict!.setStr('obj', obj);
  return e;
}
