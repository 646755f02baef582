// Lowering of parameter lists (`def` and `lambda`): positional-only and keyword-only markers,
// defaults, *args/**kwargs, annotations kept as text, and the syntax errors Python reports for them.
import type { SyntaxNode as Node } from './syntax-tree';
import type { Param, Params } from './ast';
import { diagnostic } from './diagnostics';
import { lowerExpr, namedKids, spanOf, syntaxError, unsupported, type LowerContext } from './lower-expr';

/** Parameters of a `def` or `lambda`, in declaration order, with their defaults as expressions. */
export function lowerParams(cx: LowerContext, n: Node | null): Params {
  const params: Params = { posonly: 0, positional: [], vararg: null, kwonly: [], kwarg: null };
  if (!n) return params;
  let afterStar = false;
  let sawDefault = false;
  for (const c of namedKids(n)) {
    const sp = spanOf(c);
    const annotationOf = (x: Node): string | null => {
      const t = x.childForFieldName('type');
      return t ? cx.src.slice(t.startIndex, t.endIndex) : null;
    };
    switch (c.type) {
      case 'positional_separator':
        params.posonly = params.positional.length;
        break;
      case 'keyword_separator':
        afterStar = true;
        break;
      case 'identifier':
      case 'default_parameter':
      case 'typed_parameter':
      case 'typed_default_parameter': {
        const inner = c.type === 'typed_parameter' ? namedKids(c).find((k) => k.type !== 'type') ?? null : null;
        if (inner && inner.type === 'list_splat_pattern') {
          params.vararg = { name: namedKids(inner)[0]?.text ?? '', default: null, annotation: annotationOf(c), ...sp };
          afterStar = true;
          break;
        }
        if (inner && inner.type === 'dictionary_splat_pattern') {
          params.kwarg = { name: namedKids(inner)[0]?.text ?? '', default: null, annotation: annotationOf(c), ...sp };
          break;
        }
        const nameNode = c.type === 'identifier' ? c : c.childForFieldName('name') ?? inner;
        if (nameNode && nameNode.type !== 'identifier') {
          unsupported(cx, c, 'Tuple parameters', 'unpack the tuple inside the function body');
        }
        const valueNode = c.childForFieldName('value');
        const p: Param = {
          name: nameNode?.text ?? '',
          default: valueNode ? lowerExpr(cx, valueNode) : null,
          annotation: c.type === 'identifier' ? null : annotationOf(c),
          ...sp,
        };
        if (afterStar) params.kwonly.push(p);
        else {
          if (valueNode) sawDefault = true;
          else if (sawDefault) syntaxError(cx, c, 'non-default argument follows default argument');
          params.positional.push(p);
        }
        break;
      }
      case 'list_splat_pattern':
        params.vararg = { name: namedKids(c)[0]?.text ?? '', default: null, annotation: null, ...sp };
        afterStar = true;
        break;
      case 'dictionary_splat_pattern':
        params.kwarg = { name: namedKids(c)[0]?.text ?? '', default: null, annotation: null, ...sp };
        break;
      case 'tuple_pattern':
        unsupported(cx, c, 'Tuple parameters', 'unpack the tuple inside the function body');
        break;
      case 'ERROR':
        cx.errorSpans.push(sp);
        break;
      default:
        syntaxError(cx, c, 'invalid syntax in parameter list');
    }
  }
  const names = new Set<string>();
  const all = [...params.positional, ...(params.vararg ? [params.vararg] : []), ...params.kwonly, ...(params.kwarg ? [params.kwarg] : [])];
  for (const p of all) {
    if (names.has(p.name)) cx.diagnostics.push(diagnostic(p, 'error', 'syntax', `duplicate argument '${p.name}' in function definition`));
    names.add(p.name);
  }
  return params;
}
