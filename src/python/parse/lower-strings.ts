// Lowering of string literals: implicit concatenation, prefixes (r, f, b), escapes, and f-strings
// with their replacement fields, conversions, nested format specs and `{x=}`.
import type { SyntaxNode as Node } from './syntax-tree';
import type { Expr, FStringPart, FormattedValue, Span } from './ast';
import { decodeStringBody, stringPrefix } from './literals';
import { lowerExpr, namedKids, spanOf, unsupportedExpr, type LowerContext } from './lower-expr';

function placeholder(n: Node): Expr {
  return { kind: 'Const', value: 'None', ...spanOf(n) };
}

export function lowerString(cx: LowerContext, n: Node, sp: Span): Expr {
  const pieces = n.type === 'concatenated_string' ? namedKids(n).filter((c) => c.type === 'string') : [n];
  const parts: FStringPart[] = [];
  let isF = false;
  for (const piece of pieces) {
    const start = piece.namedChildren.find((c) => c?.type === 'string_start');
    const end = piece.namedChildren.find((c) => c?.type === 'string_end');
    if (!start || !end) return placeholder(n);
    const prefix = stringPrefix(start.text);
    if (prefix.bytes) return unsupportedExpr(cx, piece, 'Bytes literals', 'use a str');
    if (!prefix.format) {
      parts.push(decodeStringBody(cx.src.slice(start.endIndex, end.startIndex), prefix.raw, false));
      continue;
    }
    isF = true;
    parts.push(...lowerFStringBody(cx, piece, start.endIndex, end.startIndex, prefix.raw));
  }
  if (!isF) return { kind: 'Str', value: parts.join(''), ...sp };
  return { kind: 'FString', parts: mergeLiterals(parts), ...sp };
}

function mergeLiterals(parts: FStringPart[]): FStringPart[] {
  const out: FStringPart[] = [];
  for (const p of parts) {
    if (typeof p === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] += p;
    else if (p !== '') out.push(p);
  }
  return out;
}

/** The literal text and `{...}` fields between `from` and `to` (exclusive) of an f-string or a format spec. */
function lowerFStringBody(cx: LowerContext, n: Node, from: number, to: number, raw: boolean): FStringPart[] {
  const parts: FStringPart[] = [];
  let pos = from;
  for (const c of n.namedChildren) {
    if (!c || (c.type !== 'interpolation' && c.type !== 'format_expression')) continue;
    if (c.startIndex > pos) parts.push(decodeStringBody(cx.src.slice(pos, c.startIndex), raw, true));
    parts.push(...lowerInterpolation(cx, c));
    pos = c.endIndex;
  }
  if (to > pos) parts.push(decodeStringBody(cx.src.slice(pos, to), raw, true));
  return parts;
}

function lowerInterpolation(cx: LowerContext, n: Node): FStringPart[] {
  const exprNode = n.childForFieldName('expression');
  const value = exprNode ? lowerExpr(cx, exprNode) : placeholder(n);
  const conv = n.childForFieldName('type_conversion')?.text.slice(1) ?? '';
  const specNode = n.childForFieldName('format_specifier');
  let spec: FStringPart[] | null = null;
  if (specNode) {
    const colon = specNode.children.find((c) => c?.type === ':');
    spec = mergeLiterals(lowerFStringBody(cx, specNode, colon ? colon.endIndex : specNode.startIndex, specNode.endIndex, false));
  }
  const fv: FormattedValue = { value, conversion: conv as FormattedValue['conversion'], spec, ...spanOf(n) };
  // f"{x=}": the expression's text, then its repr unless a conversion or spec says otherwise.
  const kids = n.children;
  const eqAt = kids.findIndex((c) => c?.type === '=');
  if (eqAt >= 0) {
    // The text keeps the spaces around '=' (f"{x = }" prints "x = 10").
    const text = cx.src.slice(n.startIndex + 1, kids[eqAt + 1]?.startIndex ?? kids[eqAt]!.endIndex);
    if (!conv && !spec) fv.conversion = 'r';
    return [text, fv];
  }
  return [fv];
}
