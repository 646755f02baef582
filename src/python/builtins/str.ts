// str: construction, operators, indexing and slicing, and the methods model code uses (split, join,
// strip, replace, format, startswith, ...), with CPython's semantics and error messages.
import { IndexError, MemoryError, ValueError, pyError, typeError, valueError } from '../runtime/exceptions';
import { percentFormat, formatStr, strFormat } from '../runtime/format';
import { defineMethod, defineRawMethod, defineStaticMethod } from '../runtime/native';
import { contains, hashValue, indexValue, repr, str, strRepr, toArray, typeName } from '../runtime/protocol';
import {
  NotImplemented, None, PyBoxed, PyDict, PyIterator, PyList, PySlice, PyTuple, PyType, strType, tuple, type PyValue,
} from '../runtime/types';
import { sliceIndices } from './slices';

/** The str value of a str or str-subclass instance; undefined otherwise. */
export function strOf(v: PyValue): string | undefined {
  if (typeof v === 'string') return v;
  return v instanceof PyBoxed && typeof v.value === 'string' ? v.value : undefined;
}

const s = (v: PyValue): string => strOf(v)!;

function argStr(v: PyValue, what: string): string {
  const r = strOf(v);
  if (r === undefined) throw typeError(`${what} must be str, not ${typeName(v)}`);
  return r;
}

defineStaticMethod(strType, '__new__(cls, object="", /)', ([cls, o]) => {
  const v = str(o);
  return cls === strType ? v : new PyBoxed(cls as PyType, v);
});

defineMethod(strType, '__add__(self, other, /)', ([a, b]) => {
  const y = strOf(b);
  if (y === undefined) throw typeError(`can only concatenate str (not "${typeName(b)}") to str`);
  return s(a) + y;
});
const repeat = ([a, n]: PyValue[]): PyValue => {
  if (typeof n !== 'number' && typeof n !== 'boolean' && typeof n !== 'bigint') {
    if (n instanceof PyBoxed && typeof n.value === 'number') return repeat([a, n.value]);
    return NotImplemented;
  }
  const k = Number(n);
  if (k * s(a).length > 1 << 28) throw pyError(MemoryError, 'the repeated string would be too large');
  return k > 0 ? s(a).repeat(k) : '';
};
defineMethod(strType, '__mul__(self, n, /)', repeat);
defineMethod(strType, '__rmul__(self, n, /)', repeat);
defineMethod(strType, '__mod__(self, args, /)', ([a, args]) => percentFormat(s(a), args));
defineMethod(strType, '__len__(self, /)', ([a]) => s(a).length);
defineMethod(strType, '__contains__(self, sub, /)', ([a, sub]) => contains(s(a), sub));
defineMethod(strType, '__hash__(self, /)', ([a]) => hashValue(s(a)));
defineMethod(strType, '__repr__(self, /)', ([a]) => strRepr(s(a)));
defineMethod(strType, '__str__(self, /)', ([a]) => s(a));
defineMethod(strType, '__format__(self, format_spec, /)', ([a, spec]) => formatStr(s(a), argStr(spec, 'format_spec')));
defineMethod(strType, '__iter__(self, /)', ([a]) => {
  const v = s(a);
  let i = 0;
  return new PyIterator(() => (i < v.length ? v[i++] : undefined));
});
defineMethod(strType, '__getitem__(self, key, /)', ([a, key]) => {
  const v = s(a);
  if (key instanceof PySlice) {
    const { start, step, count } = sliceIndices(key, v.length);
    if (step === 1) return v.slice(start, start + count);
    let out = '';
    for (let i = 0, j = start; i < count; i++, j += step) out += v[j];
    return out;
  }
  let i = indexValue(key, `string indices must be integers, not '${typeName(key)}'`);
  if (i < 0) i += v.length;
  if (i < 0 || i >= v.length) throw pyError(IndexError, 'string index out of range');
  return v[i];
});
for (const [op, f] of [
  ['lt', (x: string, y: string) => x < y], ['le', (x: string, y: string) => x <= y], ['gt', (x: string, y: string) => x > y],
  ['ge', (x: string, y: string) => x >= y], ['eq', (x: string, y: string) => x === y], ['ne', (x: string, y: string) => x !== y],
] as const) {
  defineMethod(strType, `__${op}__(self, other, /)`, ([a, b]) => {
    const y = strOf(b);
    return y === undefined ? NotImplemented : f(s(a), y);
  });
}

// ---------------------------------------------------------------- methods

const WS = /\s/;

function splitWhitespace(v: string, max: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < v.length) {
    while (i < v.length && WS.test(v[i])) i++;
    if (i >= v.length) break;
    if (max >= 0 && out.length === max) {
      out.push(v.slice(i).replace(/\s+$/, ''));
      return out;
    }
    let j = i;
    while (j < v.length && !WS.test(v[j])) j++;
    out.push(v.slice(i, j));
    i = j;
  }
  return out;
}

defineMethod(strType, 'split(self, /, sep=None, maxsplit=-1)', ([a, sep, max]) => {
  const v = s(a);
  const m = indexValue(max);
  if (sep === None) return new PyList(splitWhitespace(v, m));
  const d = argStr(sep, 'must be str or None');
  if (d === '') throw valueError('empty separator');
  const parts = v.split(d);
  if (m >= 0 && parts.length > m + 1) return new PyList([...parts.slice(0, m), parts.slice(m).join(d)]);
  return new PyList(parts);
});
defineMethod(strType, 'rsplit(self, /, sep=None, maxsplit=-1)', ([a, sep, max]) => {
  const v = s(a);
  const m = indexValue(max);
  if (sep === None) {
    if (m < 0) return new PyList(splitWhitespace(v, -1));
    const rev = splitWhitespace([...v].reverse().join(''), m).map((x) => [...x].reverse().join('')).reverse();
    return new PyList(rev);
  }
  const d = argStr(sep, 'must be str or None');
  if (d === '') throw valueError('empty separator');
  const parts = v.split(d);
  if (m >= 0 && parts.length > m + 1) return new PyList([parts.slice(0, parts.length - m).join(d), ...parts.slice(parts.length - m)]);
  return new PyList(parts);
});
defineMethod(strType, 'splitlines(self, /, keepends=False)', ([a, keep]) => {
  const v = s(a);
  const out: string[] = [];
  // eslint-disable-next-line no-control-regex -- these are the line boundaries str.splitlines() uses
  const re = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let last = 0;
  for (let m = re.exec(v); m; m = re.exec(v)) {
    out.push(v.slice(last, keep === true ? m.index + m[0].length : m.index));
    last = m.index + m[0].length;
  }
  if (last < v.length) out.push(v.slice(last));
  return new PyList(out);
});
defineMethod(strType, 'join(self, iterable, /)', ([a, it]) => {
  const items = toArray(it);
  const parts = items.map((x, i) => {
    const y = strOf(x);
    if (y === undefined) throw typeError(`sequence item ${i}: expected str instance, ${typeName(x)} found`);
    return y;
  });
  return parts.join(s(a));
});

function stripChars(v: string, chars: PyValue, left: boolean, right: boolean): string {
  const set = chars === None ? null : argStr(chars, 'strip arg');
  const keep = (c: string): boolean => (set === null ? !WS.test(c) : !set.includes(c));
  let i = 0;
  let j = v.length;
  if (left) while (i < j && !keep(v[i])) i++;
  if (right) while (j > i && !keep(v[j - 1])) j--;
  return v.slice(i, j);
}
defineMethod(strType, 'strip(self, chars=None, /)', ([a, c]) => stripChars(s(a), c, true, true));
defineMethod(strType, 'lstrip(self, chars=None, /)', ([a, c]) => stripChars(s(a), c, true, false));
defineMethod(strType, 'rstrip(self, chars=None, /)', ([a, c]) => stripChars(s(a), c, false, true));
defineMethod(strType, 'replace(self, old, new, count=-1, /)', ([a, o, n, c]) => {
  const v = s(a);
  const old = argStr(o, 'replace() argument 1');
  const nw = argStr(n, 'replace() argument 2');
  let k = indexValue(c);
  if (k < 0) return old === '' ? [...v].map((ch) => nw + ch).join('') + nw : v.split(old).join(nw);
  let out = '';
  let pos = 0;
  while (k-- > 0) {
    const i = v.indexOf(old, pos);
    if (i < 0) break;
    out += v.slice(pos, i) + nw;
    pos = i + old.length;
    if (old === '') {
      out += v[pos] ?? '';
      pos++;
      if (pos > v.length) return out;
    }
  }
  return out + v.slice(pos);
});

function bounds(v: string, start: PyValue, end: PyValue): [number, number] {
  const n = v.length;
  const norm = (x: PyValue, dflt: number): number => {
    if (x === None) return dflt;
    let i = indexValue(x);
    if (i < 0) i = Math.max(0, i + n);
    return Math.min(i, n);
  };
  return [norm(start, 0), norm(end, n)];
}

function affixTest(name: 'startswith' | 'endswith'): void {
  defineMethod(strType, `${name}(self, prefix, start=None, end=None, /)`, ([a, p, st, en]) => {
    const [i, j] = bounds(s(a), st, en);
    const v = s(a).slice(i, j);
    const options = p instanceof PyTuple ? p.items : [p];
    return options.some((o) => {
      const x = strOf(o);
      if (x === undefined) {
        throw typeError(`${name} first arg must be str or a tuple of str, not ${typeName(o)}`);
      }
      return name === 'startswith' ? v.startsWith(x) : v.endsWith(x);
    });
  });
}
affixTest('startswith');
affixTest('endswith');

function finder(name: string, fromRight: boolean, raise: boolean): void {
  defineMethod(strType, `${name}(self, sub, start=None, end=None, /)`, ([a, sub, st, en]) => {
    const v = s(a);
    const x = argStr(sub, `${name}() argument 1`);
    const [i, j] = bounds(v, st, en);
    const hay = v.slice(i, j);
    const k = fromRight ? hay.lastIndexOf(x) : hay.indexOf(x);
    if (k < 0 || (x === '' && i > v.length)) {
      if (raise) throw valueError('substring not found');
      return -1;
    }
    return k + i;
  });
}
finder('find', false, false);
finder('rfind', true, false);
finder('index', false, true);
finder('rindex', true, true);
defineMethod(strType, 'count(self, sub, start=None, end=None, /)', ([a, sub, st, en]) => {
  const v = s(a);
  const x = argStr(sub, 'count() argument 1');
  const [i, j] = bounds(v, st, en);
  const hay = v.slice(i, j);
  if (x === '') return hay.length + 1;
  return hay.split(x).length - 1;
});
defineMethod(strType, 'upper(self, /)', ([a]) => s(a).toUpperCase());
defineMethod(strType, 'lower(self, /)', ([a]) => s(a).toLowerCase());
defineMethod(strType, 'casefold(self, /)', ([a]) => s(a).toLowerCase());
defineMethod(strType, 'swapcase(self, /)', ([a]) => [...s(a)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''));
defineMethod(strType, 'capitalize(self, /)', ([a]) => {
  const v = s(a);
  return v ? v[0].toUpperCase() + v.slice(1).toLowerCase() : v;
});
defineMethod(strType, 'title(self, /)', ([a]) => s(a).replace(/\p{L}+/gu, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()));
const pred = (name: string, re: RegExp, emptyOk = false): void => {
  defineMethod(strType, `${name}(self, /)`, ([a]) => (s(a) === '' ? emptyOk : re.test(s(a))));
};
pred('isdigit', /^[\p{Nd}\u00b2\u00b3\u00b9]+$/u);
pred('isdecimal', /^\p{Nd}+$/u);
pred('isnumeric', /^[\p{N}]+$/u);
pred('isalpha', /^\p{L}+$/u);
pred('isalnum', /^[\p{L}\p{N}]+$/u);
pred('isspace', /^\s+$/u);
// eslint-disable-next-line no-control-regex -- ASCII is \x00-\x7f
pred('isascii', /^[\x00-\x7f]*$/, true);
pred('isidentifier', /^[\p{L}_][\p{L}\p{N}_]*$/u);
pred('isprintable', /^[^\p{C}]*$/u, true);
defineMethod(strType, 'islower(self, /)', ([a]) => /\p{Ll}/u.test(s(a)) && !/\p{Lu}/u.test(s(a)));
defineMethod(strType, 'isupper(self, /)', ([a]) => /\p{Lu}/u.test(s(a)) && !/\p{Ll}/u.test(s(a)));
defineMethod(strType, 'istitle(self, /)', ([a]) => /\p{L}/u.test(s(a)) && s(a) === s(a).replace(/\p{L}+/gu, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()));

function padTo(name: string, f: (v: string, fill: string, n: number) => string): void {
  defineMethod(strType, `${name}(self, width, fillchar=" ", /)`, ([a, w, fill]) => {
    const v = s(a);
    const c = argStr(fill, `${name}() argument 2`);
    if (c.length !== 1) throw typeError('The fill character must be exactly one character long');
    const n = indexValue(w) - v.length;
    return n > 0 ? f(v, c, n) : v;
  });
}
padTo('ljust', (v, c, n) => v + c.repeat(n));
padTo('rjust', (v, c, n) => c.repeat(n) + v);
padTo('center', (v, c, n) => {
  const left = Math.floor(n / 2) + (n & v.length & 1);
  return c.repeat(left) + v + c.repeat(n - left);
});
defineMethod(strType, 'zfill(self, width, /)', ([a, w]) => {
  const v = s(a);
  const n = indexValue(w) - v.length;
  if (n <= 0) return v;
  const sign = v[0] === '-' || v[0] === '+' ? v[0] : '';
  return sign + '0'.repeat(n) + v.slice(sign.length);
});
defineMethod(strType, 'expandtabs(self, tabsize=8)', ([a, t]) => {
  const size = indexValue(t);
  let col = 0;
  let out = '';
  for (const c of s(a)) {
    if (c === '\t') {
      const k = size > 0 ? size - (col % size) : 0;
      out += ' '.repeat(k);
      col += k;
    } else {
      out += c;
      col = c === '\n' || c === '\r' ? 0 : col + 1;
    }
  }
  return out;
});
defineMethod(strType, 'partition(self, sep, /)', ([a, sep]) => {
  const v = s(a);
  const d = argStr(sep, 'partition() argument');
  if (d === '') throw valueError('empty separator');
  const i = v.indexOf(d);
  return i < 0 ? tuple([v, '', '']) : tuple([v.slice(0, i), d, v.slice(i + d.length)]);
});
defineMethod(strType, 'rpartition(self, sep, /)', ([a, sep]) => {
  const v = s(a);
  const d = argStr(sep, 'rpartition() argument');
  if (d === '') throw valueError('empty separator');
  const i = v.lastIndexOf(d);
  return i < 0 ? tuple(['', '', v]) : tuple([v.slice(0, i), d, v.slice(i + d.length)]);
});
defineMethod(strType, 'removeprefix(self, prefix, /)', ([a, p]) => {
  const x = argStr(p, 'removeprefix() argument');
  return s(a).startsWith(x) ? s(a).slice(x.length) : s(a);
});
defineMethod(strType, 'removesuffix(self, suffix, /)', ([a, p]) => {
  const x = argStr(p, 'removesuffix() argument');
  return x && s(a).endsWith(x) ? s(a).slice(0, -x.length) : s(a);
});
defineRawMethod(strType, 'format', (args, kwargs) => strFormat(s(args[0]), args.slice(1), kwargs));
defineMethod(strType, 'format_map(self, mapping, /)', ([a, m]) => {
  const kw = new Map<string, PyValue>();
  if (m instanceof PyDict) for (const e of m.entries()) if (typeof e.key === 'string') kw.set(e.key, e.value);
  return strFormat(s(a), [], kw);
});
defineMethod(strType, 'encode(self, encoding="utf-8", errors="strict")', ([a]) => {
  throw pyError(ValueError, `bytes are not supported by nnlens (encoding ${repr(s(a))})`);
});
defineMethod(strType, '__getnewargs__(self, /)', ([a]) => tuple([s(a)]));
