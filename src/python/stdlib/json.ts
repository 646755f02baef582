// `json`: dumps/loads with CPython's output format (separators, indent, sort_keys, ensure_ascii,
// float repr, NaN/Infinity) and a parser that keeps ints and floats apart, as json.loads does.
import { ValueError, newException, PyException, typeError } from '../runtime/exceptions';
import { native } from '../runtime/native';
import { floatRepr, normInt } from '../runtime/numbers';
import { str, toArray, truthy, typeName } from '../runtime/protocol';
import { call, callMethod } from '../runtime/call';
import {
  None, PyDict, PyFloat, PyList, PyModule, PyTuple, builtinType, type PyValue,
} from '../runtime/types';
import { makeModule } from '../eval/modules';

const decodeErrorType = builtinType('JSONDecodeError', ValueError, false, 'json');

interface DumpOptions {
  indent: string | null;
  itemSep: string;
  keySep: string;
  sortKeys: boolean;
  ensureAscii: boolean;
  allowNan: boolean;
  default: PyValue;
}

function quote(s: string, ascii: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (ascii && c > 0x7e)) {
      const units = c > 0xffff ? [0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff)] : [c];
      for (const u of units) out += `\\u${u.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out + '"';
}

function floatText(x: number, o: DumpOptions): string {
  if (Number.isFinite(x)) return floatRepr(x);
  if (!o.allowNan) throw new PyException(newException(ValueError, [`Out of range float values are not JSON compliant: ${floatRepr(x)}`]));
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

function keyText(k: PyValue, o: DumpOptions): string | null {
  if (typeof k === 'string') return k;
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'number' || typeof k === 'bigint') return String(k);
  if (k instanceof PyFloat) return floatText(k.value, o);
  if (k === None) return 'null';
  return null;
}

function encode(v: PyValue, o: DumpOptions, depth: number, seen: Set<object>): string {
  if (v === None) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return quote(v, o.ensureAscii);
  if (v instanceof PyFloat) return floatText(v.value, o);
  const nl = o.indent === null ? '' : `\n${o.indent.repeat(depth + 1)}`;
  const close = o.indent === null ? '' : `\n${o.indent.repeat(depth)}`;
  if (v instanceof PyList || v instanceof PyTuple || v instanceof PyDict) {
    if (seen.has(v)) throw new PyException(newException(ValueError, ['Circular reference detected']));
    seen.add(v);
    try {
      if (v instanceof PyDict) {
        if (v.size === 0) return '{}';
        let entries = [...v.entries()];
        if (o.sortKeys) entries = entries.sort((a, b) => (String(keyText(a.key, o)) < String(keyText(b.key, o)) ? -1 : 1));
        const parts: string[] = [];
        for (const e of entries) {
          const k = keyText(e.key, o);
          if (k === null) throw typeError(`keys must be str, int, float, bool or None, not ${typeName(e.key)}`);
          parts.push(quote(k, o.ensureAscii) + o.keySep + encode(e.value, o, depth + 1, seen));
        }
        return `{${nl}${parts.join(o.itemSep + nl)}${close}}`;
      }
      if (v.items.length === 0) return '[]';
      return `[${nl}${v.items.map((x) => encode(x, o, depth + 1, seen)).join(o.itemSep + nl)}${close}]`;
    } finally {
      seen.delete(v);
    }
  }
  if (o.default !== None) return encode(call(o.default, [v]), o, depth, seen);
  throw typeError(`Object of type ${typeName(v)} is not JSON serializable`);
}

function dumps(a: PyValue[]): string {
  const [obj, , ensureAscii, , allowNan, , indent, separators, dflt, sortKeys] = a;
  const ind = indent === None ? null : typeof indent === 'string' ? indent : ' '.repeat(Number(indent));
  let itemSep = ind === null ? ', ' : ',';
  let keySep = ': ';
  if (separators !== None) [itemSep, keySep] = toArray(separators).map((x) => str(x));
  return encode(obj, { indent: ind, itemSep, keySep, sortKeys: truthy(sortKeys), ensureAscii: truthy(ensureAscii), allowNan: truthy(allowNan), default: dflt }, 0, new Set());
}

// ---------------------------------------------------------------- parsing

class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  fail(msg: string, at = this.i): never {
    const before = this.s.slice(0, at);
    const line = before.split('\n').length;
    const col = at - before.lastIndexOf('\n');
    throw new PyException(newException(decodeErrorType, [`${msg}: line ${line} column ${col} (char ${at})`]));
  }

  ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i])) this.i++;
  }

  value(): PyValue {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    for (const [word, v] of [['true', true], ['false', false], ['null', None], ['NaN', new PyFloat(NaN)], ['Infinity', new PyFloat(Infinity)], ['-Infinity', new PyFloat(-Infinity)]] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.s.slice(this.i));
    if (!m) return this.fail('Expecting value');
    this.i += m[0].length;
    return m[2] || m[3] ? new PyFloat(Number(m[0])) : normInt(BigInt(m[0]));
  }

  object(): PyDict {
    const d = new PyDict();
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return d;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('Expecting property name enclosed in double quotes');
      const k = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail("Expecting ':' delimiter");
      this.i++;
      d.setStr(k, this.value());
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === '}') {
        this.i++;
        return d;
      }
      this.fail("Expecting ',' delimiter");
    }
  }

  array(): PyList {
    const items: PyValue[] = [];
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return new PyList(items);
    }
    for (;;) {
      items.push(this.value());
      this.ws();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === ']') {
        this.i++;
        return new PyList(items);
      }
      this.fail("Expecting ',' delimiter");
    }
  }

  string(): string {
    const start = this.i++;
    let out = '';
    for (;;) {
      const c = this.s[this.i++];
      if (c === undefined) this.fail('Unterminated string starting at', start);
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.s[this.i++];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e in simple) out += simple[e];
      else if (e === 'u') {
        out += String.fromCharCode(parseInt(this.s.slice(this.i, this.i + 4), 16));
        this.i += 4;
      } else this.fail('Invalid \\escape', this.i - 2);
    }
  }
}

function loads(s: PyValue): PyValue {
  if (typeof s !== 'string') throw typeError(`the JSON object must be str, bytes or bytearray, not ${typeName(s)}`);
  const p = new Parser(s);
  const v = p.value();
  p.ws();
  if (p.i < s.length) p.fail('Extra data');
  return v;
}

const dumpSig = '(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None, indent=None, separators=None, default=None, sort_keys=False)';

export function jsonModule(): PyModule {
  return makeModule('json', {
    dumps: native(`dumps${dumpSig}`, (a) => dumps(a)),
    dump: native(`dump(obj, fp, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None, indent=None, separators=None, default=None, sort_keys=False)`,
      ([obj, fp, ...rest]) => {
        callMethod(fp, 'write', [dumps([obj, ...rest])]);
      }),
    loads: native('loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None, object_pairs_hook=None)', ([s]) => loads(s)),
    load: native('load(fp, *, cls=None, object_hook=None)', ([fp]) => loads(callMethod(fp, 'read', []))),
    JSONDecodeError: decodeErrorType,
  });
}
