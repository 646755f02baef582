// String formatting as CPython does it: the format-spec mini-language (f-strings, format(),
// str.format) for int, float and str, and printf-style `%` formatting.
import { IndexError, keyError, pyError, typeError, valueError } from './exceptions';
import { PyDict, PyObject, type PyValue } from './object';
import { floatRepr, intToFloat, type Int } from './numbers';
import { PyBoxed, PyFloat, PyTuple, floatType } from './types';
import { call, special } from './call';
import { getAttr } from './attrs';
import { getItem, indexValue, repr, str, typeName, typeOf } from './protocol';

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number;
  type: string;
}

function parseSpec(spec: string, forType: string): Spec {
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su.exec(spec);
  if (!m) throw valueError(`Invalid format specifier '${spec}' for object of type '${forType}'`);
  const [, fill, align, sign, , alt, zero, width, grouping, precision, type] = m;
  return {
    fill: fill ?? (zero && !align ? '0' : ' '),
    align: align ?? (zero ? '=' : ''),
    sign: sign ?? '-',
    alt: !!alt,
    zero: !!zero,
    width: width ? Number(width) : 0,
    grouping: grouping ?? '',
    precision: precision !== undefined ? Number(precision) : -1,
    type: type ?? '',
  };
}

function pad(body: string, prefix: string, s: Spec, defaultAlign: string): string {
  const len = [...prefix].length + [...body].length;
  if (s.width <= len) return prefix + body;
  const n = s.width - len;
  const align = s.align || defaultAlign;
  const fill = (k: number): string => s.fill.repeat(k);
  switch (align) {
    case '<':
      return prefix + body + fill(n);
    case '^':
      return fill(Math.floor(n / 2)) + prefix + body + fill(n - Math.floor(n / 2));
    case '=':
      return prefix + fill(n) + body;
    default:
      return fill(n) + prefix + body;
  }
}

function group(intPart: string, sep: string, every = 3): string {
  if (!sep) return intPart;
  let out = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % every === 0) out += sep;
    out += intPart[i];
  }
  return out;
}

function signPrefix(neg: boolean, sign: string): string {
  return neg ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
}

export function formatStr(v: string, spec: string): string {
  if (spec === '') return v;
  const s = parseSpec(spec, 'str');
  if (s.type !== '' && s.type !== 's') throw valueError(`Unknown format code '${s.type}' for object of type 'str'`);
  if (s.sign !== '-' || s.align === '=') throw valueError(s.align === '=' ? "'=' alignment not allowed in string format specifier" : 'Sign not allowed in string format specifier');
  const body = s.precision >= 0 ? [...v].slice(0, s.precision).join('') : v;
  return pad(body, '', s, '<');
}

export function formatInt(v: Int, spec: string): string {
  const s = parseSpec(spec, 'int');
  if ('eEfFgG%'.includes(s.type) && s.type !== '') return formatFloatSpec(intToFloat(v), s);
  if (s.precision >= 0) throw valueError('Precision not allowed in integer format specifier');
  if (s.type === 'c') return pad(String.fromCodePoint(Number(v)), '', s, '>');
  if (!'dnbxXo'.includes(s.type) || s.type === 's') throw valueError(`Unknown format code '${s.type}' for object of type 'int'`);
  const neg = v < 0;
  const abs = neg ? -BigInt(v) : BigInt(v);
  const base = { b: 2, o: 8, x: 16, X: 16 }[s.type as 'b'] ?? 10;
  let digits = abs.toString(base);
  if (s.type === 'X') digits = digits.toUpperCase();
  digits = group(digits, s.grouping, base === 10 ? 3 : 4);
  const radix = s.alt && base !== 10 ? `0${s.type === 'X' ? 'X' : s.type}` : '';
  return pad(digits, signPrefix(neg, s.sign) + radix, s, '>');
}

function fixed(x: number, p: number): string {
  if (Math.abs(x) < 1e21) return x.toFixed(p);
  return BigInt(x).toString() + (p > 0 ? '.' + '0'.repeat(p) : '');
}

function expo(x: number, p: number, upper: boolean): string {
  const [m, e] = x.toExponential(p).split('e');
  const n = Number(e);
  const out = `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  return upper ? out.toUpperCase() : out;
}

/** 'g' formatting: significant digits, fixed or exponent by the exponent, trailing zeros removed unless `alt`. */
function general(x: number, p: number, alt: boolean, upper: boolean, minOneDecimal: boolean): string {
  if (p === 0) p = 1;
  if (x === 0) return alt ? `0.${'0'.repeat(p - 1)}` : minOneDecimal ? '0.0' : '0';
  const exp = Number(x.toExponential(p - 1).split('e')[1]);
  let out: string;
  if (exp >= -4 && exp < p) {
    out = fixed(x, p - 1 - exp);
    if (!alt && out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, minOneDecimal ? '.0' : '');
  } else {
    out = expo(x, p - 1, upper);
    if (!alt) out = out.replace(/\.?0+(e|E)/, '$1');
  }
  return out;
}

function formatFloatSpec(x: number, s: Spec): string {
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let body: string;
  const upper = s.type === 'E' || s.type === 'F' || s.type === 'G';
  if (!Number.isFinite(a)) body = Number.isNaN(a) ? 'nan' : 'inf';
  else {
    switch (s.type) {
      case 'f':
      case 'F':
        body = fixed(a, s.precision < 0 ? 6 : s.precision);
        break;
      case 'e':
      case 'E':
        body = expo(a, s.precision < 0 ? 6 : s.precision, upper);
        break;
      case 'g':
      case 'G':
      case 'n':
        body = general(a, s.precision < 0 ? 6 : s.precision, s.alt, upper, false);
        break;
      case '%':
        body = fixed(a * 100, s.precision < 0 ? 6 : s.precision) + '%';
        break;
      case '':
        body = s.precision < 0 ? floatRepr(a) : general(a, s.precision, s.alt, false, true);
        break;
      default:
        throw valueError(`Unknown format code '${s.type}' for object of type 'float'`);
    }
    if (s.alt && !body.includes('.') && /^\d+$/.test(body)) body += '.';
  }
  if (upper) body = body.toUpperCase();
  if (s.grouping) {
    const [ip, ...rest] = body.split('.');
    if (/^\d+$/.test(ip)) body = [group(ip, s.grouping), ...rest].join('.');
  }
  return pad(body, signPrefix(neg && !(s.type === '' && Number.isNaN(x)), s.sign), s, '>');
}

export function formatFloat(x: number, spec: string): string {
  if (spec === '') return floatRepr(x);
  return formatFloatSpec(x, parseSpec(spec, 'float'));
}

/** format(v, spec): the builtin types directly, anything else through its __format__. */
export function formatValue(v: PyValue, spec: string): string {
  switch (typeof v) {
    case 'string':
      return formatStr(v, spec);
    case 'boolean':
      return spec === '' ? (v ? 'True' : 'False') : formatInt(Number(v), spec);
    case 'number':
    case 'bigint':
      return spec === '' ? String(v) : formatInt(v, spec);
  }
  if (v instanceof PyFloat && v.cls === floatType) return formatFloat(v.value, spec);
  const f = typeOf(v).lookup('__format__');
  if (f === undefined || f === special.objectFormat) {
    if (spec !== '') throw typeError(`unsupported format string passed to ${typeName(v)}.__format__`);
    return str(v);
  }
  const r = call(f, [v, spec]);
  if (typeof r !== 'string') throw typeError(`__format__ must return a str, not ${typeName(r)}`);
  return r;
}

// ---------------------------------------------------------------- printf-style

function numberFor(v: PyValue, code: string): number | bigint {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return Number(v);
  if (v instanceof PyFloat) return v.value;
  if (v instanceof PyBoxed && typeof v.value !== 'string') return Number(v.value);
  if (v instanceof PyObject) {
    const m = v.cls.lookup(code === 'f' ? '__float__' : '__int__') ?? v.cls.lookup('__index__');
    if (m !== undefined) {
      const r = call(m, [v]);
      if (r instanceof PyFloat) return r.value;
      if (typeof r === 'number' || typeof r === 'bigint') return r;
    }
  }
  throw typeError(`%${code} format: a ${code === 'x' || code === 'o' || code === 'X' || code === 'c' ? 'integer' : 'real number'} is required, not ${typeName(v)}`);
}

/** `fmt % args`. */
export function percentFormat(fmt: string, args: PyValue): string {
  const isMapping = args instanceof PyDict || (args instanceof PyObject && !(args instanceof PyTuple) && typeOf(args).lookup('__getitem__') !== undefined && typeof args !== 'string' && !(args instanceof PyTuple));
  const list = args instanceof PyTuple ? args.items : [args];
  let next = 0;
  const take = (): PyValue => {
    if (next >= list.length) throw typeError('not enough arguments for format string');
    return list[next++];
  };
  let usedMapping = false;
  const re = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([a-zA-Z%])/g;
  let out = '';
  let last = 0;
  for (let m = re.exec(fmt); m; m = re.exec(fmt)) {
    out += fmt.slice(last, m.index);
    last = re.lastIndex;
    const [, key, flags, widthS, precS, code] = m;
    if (code === '%' && !key && !flags && !widthS && !precS) {
      out += '%';
      continue;
    }
    const width = widthS === '*' ? indexValue(take()) : widthS ? Number(widthS) : 0;
    const prec = precS === '*' ? indexValue(take()) : precS !== undefined ? Number(precS) : -1;
    let v: PyValue;
    if (key !== undefined) {
      if (!isMapping) throw typeError('format requires a mapping');
      usedMapping = true;
      v = getItem(args, key);
    } else v = isMapping && !(args instanceof PyTuple) && list.length === 1 && next === 0 && usedMapping ? args : take();
    let body: string;
    let neg = false;
    switch (code) {
      case 's':
        body = str(v);
        if (prec >= 0) body = body.slice(0, prec);
        break;
      case 'r':
      case 'a':
        body = repr(v);
        if (prec >= 0) body = body.slice(0, prec);
        break;
      case 'd':
      case 'i':
      case 'u': {
        const n = numberFor(v, 'd');
        const i = typeof n === 'number' && !Number.isInteger(n) ? Math.trunc(n) : n;
        neg = i < 0;
        body = (neg ? -BigInt(i) : BigInt(i)).toString();
        if (prec > body.length) body = body.padStart(prec, '0');
        break;
      }
      case 'x':
      case 'X':
      case 'o': {
        const n = numberFor(v, code);
        if (typeof n === 'number' && !Number.isInteger(n)) throw typeError(`%${code} format: an integer is required, not float`);
        neg = n < 0;
        body = (neg ? -BigInt(n) : BigInt(n)).toString(code === 'o' ? 8 : 16);
        if (code === 'X') body = body.toUpperCase();
        if (flags.includes('#')) body = (code === 'o' ? '0o' : code === 'x' ? '0x' : '0X') + body;
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        const x = Number(numberFor(v, 'f'));
        neg = x < 0 || Object.is(x, -0);
        body = formatFloatSpec(Math.abs(x), { ...parseSpec('', 'float'), type: code, precision: prec < 0 ? 6 : prec, alt: flags.includes('#') });
        break;
      }
      case 'c':
        body = typeof v === 'string' ? v : String.fromCodePoint(Number(numberFor(v, 'c')));
        break;
      default:
        throw valueError(`unsupported format character '${code}' (0x${code.charCodeAt(0).toString(16)}) at index ${m.index + m[0].length - 1}`);
    }
    const numeric = !'src'.includes(code) && code !== 'a';
    const sign = numeric ? (neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') : '';
    const total = sign.length + body.length;
    if (width > total) {
      if (flags.includes('-')) body = sign + body + ' '.repeat(width - total);
      else if (flags.includes('0') && numeric) body = sign + '0'.repeat(width - total) + body;
      else body = ' '.repeat(width - total) + sign + body;
    } else body = sign + body;
    out += body;
  }
  out += fmt.slice(last);
  if (!usedMapping && next < list.length && !(isMapping && next === 0)) {
    throw typeError('not all arguments converted during string formatting');
  }
  return out;
}

// ---------------------------------------------------------------- str.format

/** `fmt.format(*args, **kwargs)`. */
export function strFormat(fmt: string, args: PyValue[], kwargs: Map<string, PyValue> | null): string {
  let auto = 0;
  let mode: 'auto' | 'manual' | null = null;
  const resolve = (field: string): PyValue => {
    const m = /^([^.[]*)(.*)$/s.exec(field)!;
    let [, head, rest] = m;
    let v: PyValue;
    if (head === '') {
      if (mode === 'manual') throw valueError('cannot switch from manual field specification to automatic field numbering');
      mode = 'auto';
      head = String(auto++);
    } else if (/^\d+$/.test(head)) {
      if (mode === 'auto') throw valueError('cannot switch from automatic field numbering to manual field specification');
      mode = 'manual';
    }
    if (/^\d+$/.test(head)) {
      const i = Number(head);
      if (i >= args.length) throw pyError(IndexError, `Replacement index ${i} out of range for positional args tuple`);
      v = args[i];
    } else {
      const kv = kwargs?.get(head);
      if (kv === undefined) throw keyError(head);
      v = kv;
    }
    while (rest) {
      const a = /^\.([^.[]+)/.exec(rest);
      if (a) {
        v = getAttr(v, a[1]);
        rest = rest.slice(a[0].length);
        continue;
      }
      const b = /^\[([^\]]*)\]/.exec(rest);
      if (b) {
        v = getItem(v, /^\d+$/.test(b[1]) ? Number(b[1]) : b[1]);
        rest = rest.slice(b[0].length);
        continue;
      }
      throw valueError('Only \'.\' or \'[\' may follow \']\' in format field specifier');
    }
    return v;
  };
  const render = (text: string, depth: number): string => {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '{') {
        if (text[i + 1] === '{') {
          out += '{';
          i++;
          continue;
        }
        let level = 1;
        let j = i + 1;
        for (; j < text.length && level > 0; j++) {
          if (text[j] === '{') level++;
          else if (text[j] === '}') level--;
        }
        if (level > 0) throw valueError("expected '}' before end of string");
        const inner = text.slice(i + 1, j - 1);
        i = j - 1;
        const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(inner);
        if (!m) throw valueError('unmatched \'{\' in format spec');
        let v = resolve(m[1]);
        if (m[2] === 'r') v = repr(v);
        else if (m[2] === 's') v = str(v);
        else if (m[2] === 'a') v = repr(v);
        const spec = m[3] ? (depth < 2 ? render(m[3], depth + 1) : m[3]) : '';
        out += formatValue(v, spec);
      } else if (c === '}') {
        if (text[i + 1] === '}') {
          out += '}';
          i++;
          continue;
        }
        throw valueError("Single '}' encountered in format string");
      } else out += c;
    }
    return out;
  };
  return render(fmt, 0);
}
