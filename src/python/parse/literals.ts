// Decoding of Python number and string literal text as CPython reads it: underscores, 0x/0o/0b
// prefixes, big integers, and the backslash escapes of non-raw strings.

/** An int literal's value: a JS number while it is a safe integer, a bigint beyond. */
export function parseIntLiteral(text: string): number | bigint | null {
  const t = text.replace(/_/g, '').replace(/[lL]$/, '');
  let big: bigint;
  try {
    if (/^0[xX][0-9a-fA-F]+$/.test(t) || /^0[oO][0-7]+$/.test(t) || /^0[bB][01]+$/.test(t)) big = BigInt(t);
    else if (/^(0+|[1-9][0-9]*)$/.test(t)) big = BigInt(t);
    else return null;
  } catch {
    return null;
  }
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

export function parseFloatLiteral(text: string): number | null {
  const t = text.replace(/_/g, '');
  if (!/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(t)) return null;
  return Number(t);
}

export interface StringPrefix {
  raw: boolean;
  bytes: boolean;
  format: boolean;
}

export function stringPrefix(startToken: string): StringPrefix {
  const p = startToken.replace(/['"]+$/, '').toLowerCase();
  return { raw: p.includes('r'), bytes: p.includes('b'), format: p.includes('f') };
}

const simpleEscapes: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/**
 * Decodes a string literal body. When `fstring` is set, `{{`/`}}` become single braces too.
 * Unknown escapes stay as written, as in CPython.
 */
export function decodeStringBody(body: string, raw: boolean, fstring: boolean): string {
  if (!fstring && (raw || !body.includes('\\'))) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (fstring && (c === '{' || c === '}') && body[i + 1] === c) {
      out += c;
      i++;
      continue;
    }
    if (c !== '\\' || raw) {
      out += c;
      continue;
    }
    const n = body[i + 1];
    if (n === undefined) {
      out += c;
      break;
    }
    if (n === '\n') {
      i++;
      continue;
    }
    if (n === '\r') {
      i += body[i + 2] === '\n' ? 2 : 1;
      continue;
    }
    if (n in simpleEscapes) {
      out += simpleEscapes[n];
      i++;
      continue;
    }
    if (n >= '0' && n <= '7') {
      let j = i + 1;
      let digits = '';
      while (j < body.length && digits.length < 3 && body[j] >= '0' && body[j] <= '7') digits += body[j++];
      out += String.fromCodePoint(parseInt(digits, 8));
      i = j - 1;
      continue;
    }
    const hexLen = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (hex.length === hexLen && /^[0-9a-fA-F]+$/.test(hex)) {
        out += String.fromCodePoint(parseInt(hex, 16));
        i += 1 + hexLen;
        continue;
      }
    }
    if (n === 'N') {
      const m = /^\{([A-Z0-9 -]+)\}/.exec(body.slice(i + 2));
      const named = m ? namedChars[m[1]] : undefined;
      if (m && named !== undefined) {
        out += named;
        i += 1 + m[0].length;
        continue;
      }
    }
    out += c;
  }
  return out;
}

// \N{...} escapes: only the few names seen in model code; others stay as written.
const namedChars: Record<string, string> = {
  'BULLET': '\u2022', 'DEGREE SIGN': '\u00b0', 'GREEK SMALL LETTER ALPHA': '\u03b1',
  'GREEK SMALL LETTER BETA': '\u03b2', 'GREEK SMALL LETTER MU': '\u03bc', 'MULTIPLICATION SIGN': '\u00d7',
  'RIGHTWARDS ARROW': '\u2192', 'HORIZONTAL ELLIPSIS': '\u2026', 'EM DASH': '\u2014', 'NO-BREAK SPACE': '\u00a0',
};
