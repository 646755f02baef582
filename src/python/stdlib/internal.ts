// `_nnlens`: small natives the Python-source stdlib modules need and Python cannot express without
// exec or frame access: methods with a computed signature (dataclass __init__, namedtuple __new__),
// the caller's module and location (namedtuple, warnings), and parameter lists (inspect).
import { call } from '../runtime/call';
import { ctx } from '../runtime/context';
import { typeError } from '../runtime/exceptions';
import { native } from '../runtime/native';
import { makeSignature } from '../runtime/signature';
import { toArray, typeName } from '../runtime/protocol';
import {
  None, PyBoundMethod, PyBuiltin, PyClassMethod, PyFunction, PyModule, PyStaticMethod, PyTuple, PyType, tuple,
  type PyValue,
} from '../runtime/types';
import { makeModule } from '../eval/modules';

const strs = (v: PyValue): string[] => toArray(v).map((x) => {
  if (typeof x !== 'string') throw typeError(`expected str, got ${typeName(x)}`);
  return x;
});

/**
 * function_with_signature(qualname, positional, defaults, kwonly, kwdefaults, impl): a callable
 * that binds its arguments exactly as a `def` with that signature would (same TypeErrors), then
 * calls impl(*bound). With `owner` it is a method of that class (bound on attribute access).
 */
function functionWithSignature(args: PyValue[]): PyBuiltin {
  const [qualname, positional, defaults, kwonly, kwdefaults, impl, owner] = args;
  const kwd = new Map<string, PyValue>();
  if (kwdefaults instanceof PyTuple) {
    for (const pair of kwdefaults.items) {
      const [k, v] = toArray(pair);
      kwd.set(k as string, v);
    }
  }
  const name = String(qualname).split('.').pop()!;
  const sig = makeSignature(String(qualname), strs(positional), 0, null, strs(kwonly), null, [...toArray(defaults)], kwd.size ? kwd : null);
  const f = new PyBuiltin(name, sig, (bound) => call(impl, bound));
  if (owner instanceof PyType) f.owner = owner;
  return f;
}

/** [(name, kind, default)] for inspect.signature; kind is POSITIONAL_ONLY, ..., default is `empty` when absent. */
function parameters(fn: PyValue, empty: PyValue): PyValue {
  let dropFirst = false;
  let target = fn;
  if (target instanceof PyBoundMethod) {
    dropFirst = true;
    target = target.func;
  }
  if (target instanceof PyStaticMethod || target instanceof PyClassMethod) target = target.func;
  if (target instanceof PyType) {
    const init = target.lookup('__init__');
    const nw = target.lookup('__new__');
    const own = init instanceof PyFunction || (init instanceof PyBuiltin && init.sig) ? init : nw instanceof PyStaticMethod ? nw.func : nw;
    target = own ?? None;
    dropFirst = true;
  }
  const out: PyValue[] = [];
  const push = (name: string, kind: string, d: PyValue | undefined): void => {
    out.push(tuple([name, kind, d ?? empty]));
  };
  if (target instanceof PyFunction) {
    const p = target.code.params;
    const firstDefault = p.positional.length - target.defaults.length;
    p.positional.forEach((a, i) => push(a.name, i < p.posonly ? 'POSITIONAL_ONLY' : 'POSITIONAL_OR_KEYWORD', i >= firstDefault ? target.defaults[i - firstDefault] : undefined));
    if (p.vararg) push(p.vararg.name, 'VAR_POSITIONAL', undefined);
    for (const a of p.kwonly) push(a.name, 'KEYWORD_ONLY', target.kwdefaults?.get(a.name));
    if (p.kwarg) push(p.kwarg.name, 'VAR_KEYWORD', undefined);
  } else if (target instanceof PyBuiltin && target.sig) {
    const s = target.sig;
    const firstDefault = s.positional.length - s.defaults.length;
    s.positional.forEach((n, i) => push(n, i < s.posonly ? 'POSITIONAL_ONLY' : 'POSITIONAL_OR_KEYWORD', i >= firstDefault ? s.defaults[i - firstDefault] : undefined));
    if (s.vararg) push(s.vararg, 'VAR_POSITIONAL', undefined);
    for (const n of s.kwonly) push(n, 'KEYWORD_ONLY', s.kwdefaults?.get(n));
    if (s.kwarg) push(s.kwarg, 'VAR_KEYWORD', undefined);
  } else {
    throw typeError(`no signature found for ${typeName(fn)} object`);
  }
  return tuple(dropFirst ? out.slice(1) : out);
}

export function internalModule(): PyModule {
  return makeModule('_nnlens', {
    function_with_signature: native(
      'function_with_signature(qualname, positional, defaults, kwonly, kwdefaults, impl, owner=None)',
      (a) => functionWithSignature(a),
    ),
    caller_module: native('caller_module(depth=1)', ([d]) => {
      let f = ctx.interp?.frame ?? null;
      for (let i = 0; i < Number(d) && f; i++) f = f.back;
      return f?.globals.getStr('__name__') ?? '__main__';
    }),
    caller_location: native('caller_location(depth=1)', ([d]) => {
      let f = ctx.interp?.frame ?? null;
      for (let i = 0; i < Number(d) && f?.back; i++) f = f.back;
      return f ? tuple([f.filename, f.node.line]) : tuple(['<unknown>', 0]);
    }),
    parameters: native('parameters(fn, empty)', ([fn, empty]) => parameters(fn, empty)),
    is_python_function: native('is_python_function(obj)', ([o]) => o instanceof PyFunction),
    is_generator_function: native('is_generator_function(obj)', ([o]) => o instanceof PyFunction && o.code.isGenerator),
    is_builtin: native('is_builtin(obj)', ([o]) => o instanceof PyBuiltin),
    is_module: native('is_module(obj)', ([o]) => o instanceof PyModule),
  });
}
