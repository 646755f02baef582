// einops over the engine: the pattern language ("b c (h p1) (w p2) -> b (h w) (p1 p2 c)") compiled to
// reshape -> reduce -> permute -> unsqueeze/expand -> reshape; rearrange/reduce/repeat/einsum and the
// Rearrange/Reduce layers.
import { Tensor, nn, torch } from '../../engine/index';
import { RuntimeError, pyError } from '../runtime/exceptions';
import { native, nativeRaw } from '../runtime/native';
import type { PyDict, PyValue } from '../runtime/object';
import { typeName } from '../runtime/protocol';
import { PyList, PyTuple, builtinType, type PyType } from '../runtime/types';
import { constructInto, layerClass } from './nn_module';
import { bindTypeError, tensorOf, toInt, wrapTensor } from './values';

type Group = string[];
type Reduction = 'rearrange' | 'repeat' | 'mean' | 'sum' | 'max' | 'min' | 'prod';

/** einops.EinopsError (a RuntimeError), raised with einops' wording. */
export const EinopsError: PyType = builtinType('EinopsError', RuntimeError, false, 'einops');

const einopsError = (pattern: string, x: Tensor, info: string): Error =>
  pyError(EinopsError, `Error while processing rearrange-reduction pattern "${pattern}".\n Input tensor shape: torch.Size([${x.shape.join(', ')}]). Additional info: {}.\n ${info}`);
const patternError = (msg: string): Error => pyError(EinopsError, msg);

let anon = 0;
/** Groups written in brackets: "(...)" on the right flattens the ellipsis dims into one. */
const composite = new WeakSet<Group>();

/** One side of a pattern as groups of axis names; "..." stays a token, digits become anonymous axes. */
function parseSide(s: string, known: Map<string, number>): Group[] {
  const groups: Group[] = [];
  let cur: Group | null = null;
  for (const tok of s.match(/\.\.\.|\(|\)|[A-Za-z_][A-Za-z0-9_]*|\d+|\S/g) ?? []) {
    if (tok === '(') {
      if (cur) throw patternError('Axis composition is one-level (brackets inside brackets not allowed)');
      cur = [];
    } else if (tok === ')') {
      if (!cur) throw patternError('Brackets are not balanced');
      composite.add(cur);
      groups.push(cur);
      cur = null;
    } else {
      let name = tok;
      if (/^\d+$/.test(tok)) {
        if (tok === '1') {
          if (!cur) groups.push([]);
          continue;
        }
        name = `#${anon++}`;
        known.set(name, Number(tok));
      } else if (!/^[A-Za-z_]|^\.\.\.$/.test(tok)) throw patternError(`Unknown character '${tok}'`);
      if (cur) cur.push(name);
      else groups.push([name]);
    }
  }
  if (cur) throw patternError('Brackets are not balanced');
  return groups;
}

/** Applies an einops pattern to `x`. */
export function applyPattern(x: Tensor, pattern: string, op: Reduction, lengths: Map<string, number>): Tensor {
  const known = new Map(lengths);
  const arrow = pattern.split('->');
  if (arrow.length !== 2) throw patternError(`Pattern must contain a single '->': ${pattern}`);
  let left = parseSide(arrow[0], known);
  let right = parseSide(arrow[1], known);
  // Ellipsis: as many anonymous dims as the input has beyond the named ones.
  const ellIdx = left.findIndex((g) => g.includes('...'));
  if (ellIdx >= 0) {
    const n = x.dim() - (left.length - 1);
    if (n < 0) throw einopsError(pattern, x, `Wrong shape: expected >=${left.length - 1} dims. Received ${x.dim()}-dim tensor.`);
    const names = Array.from({ length: n }, (_, i) => `...${i}`);
    left = [...left.slice(0, ellIdx), ...names.map((nm) => [nm]), ...left.slice(ellIdx + 1)];
    right = right.flatMap((g) => (g.length === 1 && g[0] === '...' && !composite.has(g) ? names.map((nm) => [nm]) : [g.flatMap((a) => (a === '...' ? names : [a]))]));
  }
  if (left.length !== x.dim()) throw einopsError(pattern, x, `Wrong shape: expected ${left.length} dims. Received ${x.dim()}-dim tensor.`);
  // Sizes of the elementary axes on the left.
  const size = new Map<string, number>();
  left.forEach((g, i) => {
    const d = x.shape[i];
    const unknown = g.filter((a) => !known.has(a));
    const prod = g.filter((a) => known.has(a)).reduce((p, a) => p * known.get(a)!, 1);
    if (unknown.length > 1) throw einopsError(pattern, x, `Could not infer sizes for {${unknown.map((u) => `'${u}'`).join(', ')}}`);
    if (unknown.length === 1) {
      if (prod === 0 || d % prod !== 0) throw einopsError(pattern, x, `Shape mismatch, can't divide axis of length ${d} in chunks of ${prod}`);
      size.set(unknown[0], d / prod);
    } else if (prod !== d) throw einopsError(pattern, x, `Shape mismatch, ${d} != ${prod}`);
    for (const a of g) if (known.has(a)) size.set(a, known.get(a)!);
  });
  const leftAxes = left.flat();
  const rightAxes = right.flat();
  const reduced = leftAxes.filter((a) => !rightAxes.includes(a));
  const added = rightAxes.filter((a) => !leftAxes.includes(a));
  if (op === 'rearrange' && (reduced.length || added.length)) {
    throw einopsError(pattern, x, `Identifiers only on one side of expression (should be on both): {${[...reduced, ...added].map((a) => `'${a}'`).join(', ')}}`);
  }
  if (op !== 'repeat' && added.length) throw einopsError(pattern, x, `Unexpected identifiers on the right side of reduce ${JSON.stringify(op)}: {${added.map((a) => `'${a}'`).join(', ')}}`);
  if (op === 'repeat' && reduced.length) throw einopsError(pattern, x, `Unexpected identifiers on the left side of repeat: {${reduced.map((a) => `'${a}'`).join(', ')}}`);
  for (const a of added) {
    if (!known.has(a)) throw einopsError(pattern, x, `Specify sizes for new axes in repeat: {'${a}'}`);
    size.set(a, known.get(a)!);
  }
  let t = x.reshape(leftAxes.map((a) => size.get(a)!));
  if (reduced.length) {
    const dims = reduced.map((a) => leftAxes.indexOf(a));
    t = reduceDims(t, dims, op);
  }
  const kept = leftAxes.filter((a) => !reduced.includes(a));
  const order = rightAxes.filter((a) => kept.includes(a)).map((a) => kept.indexOf(a));
  if (order.some((v, i) => v !== i)) t = t.permute(...order);
  if (added.length) {
    // New axes enter as size-1 dims, then broadcast (einops' repeat).
    rightAxes.forEach((a, i) => {
      if (added.includes(a)) t = t.unsqueeze(i);
    });
    t = t.expand(...rightAxes.map((a) => size.get(a)!));
  }
  return t.reshape(right.map((g) => g.reduce((p, a) => p * size.get(a)!, 1)));
}

function reduceDims(t: Tensor, dims: number[], op: Reduction): Tensor {
  switch (op) {
    case 'mean':
      return t.mean(dims);
    case 'sum':
      return t.sum(dims);
    case 'max':
      return t.amax(dims);
    case 'min':
      return t.amin(dims);
    case 'prod': {
      let r = t;
      for (const d of [...dims].sort((a, b) => b - a)) r = r.prod(d);
      return r;
    }
    case 'rearrange':
    case 'repeat':
      throw patternError(`${op} does not reduce axes`);
  }
}

const REDUCTIONS = new Set(['mean', 'sum', 'max', 'min', 'prod']);

function lengthsOf(kwargs: PyDict): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of kwargs.entries()) m.set(String(e.key), toInt(e.value, String(e.key)));
  return m;
}

/** A tensor argument, or a list of tensors (einops stacks them along a new first axis). */
function inputTensor(v: PyValue): Tensor {
  const t = tensorOf(v);
  if (t) return t;
  if (v instanceof PyList || v instanceof PyTuple) return torch.stack(v.items.map(inputTensor));
  throw bindTypeError(`einops expected a tensor, got ${typeName(v)}`);
}

function reductionName(r: PyValue): Reduction {
  if (typeof r !== 'string' || !REDUCTIONS.has(r)) throw patternError(`Unknown reduction ${String(r)}. Possible values: ['min', 'max', 'sum', 'mean', 'prod']`);
  return r as Reduction;
}

// ---------------------------------------------------------------- layers

class RearrangeLayer extends nn.Module {
  static override pyName = 'Rearrange';
  static override pyModule = 'einops.layers.torch';
  constructor(readonly pattern: string, readonly lengths: Map<string, number>, readonly op: Reduction = 'rearrange') {
    super();
  }
  override forward(x: Tensor): Tensor {
    return applyPattern(x, this.pattern, this.op, this.lengths);
  }
  override __repr__(): string {
    const red = this.op === 'rearrange' ? '' : `, '${this.op}'`;
    const params = [...this.lengths].map(([k, v]) => `, ${k}=${v}`).join('');
    return `${this._get_name()}('${this.pattern}'${red}${params})`;
  }
}

class ReduceLayer extends RearrangeLayer {
  static override pyName = 'Reduce';
}

// ---------------------------------------------------------------- module attributes

export function einopsAttrs(): Record<string, PyValue> {
  return {
    EinopsError,
    rearrange: native('rearrange(tensor, pattern, **axes_lengths)', ([x, p, kw]) =>
      wrapTensor(applyPattern(inputTensor(x), String(p), 'rearrange', lengthsOf(kw as PyDict)))),
    reduce: native('reduce(tensor, pattern, reduction, **axes_lengths)', ([x, p, r, kw]) =>
      wrapTensor(applyPattern(inputTensor(x), String(p), reductionName(r), lengthsOf(kw as PyDict)))),
    repeat: native('repeat(tensor, pattern, **axes_lengths)', ([x, p, kw]) =>
      wrapTensor(applyPattern(inputTensor(x), String(p), 'repeat', lengthsOf(kw as PyDict)))),
    einsum: nativeRaw('einsum', (args) => {
      const pattern = args[args.length - 1];
      if (typeof pattern !== 'string') throw bindTypeError('einsum(): the pattern must be the last argument');
      return wrapTensor(torch.einsum(einsumEquation(pattern), ...args.slice(0, -1).map(inputTensor)));
    }),
  };
}

/** einops' einsum names axes with words; torch.einsum wants letters. */
function einsumEquation(pattern: string): string {
  const letters = new Map<string, string>();
  const pool = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return pattern.replace(/\.\.\.|[A-Za-z_][A-Za-z0-9_]*|\s+/g, (w) => {
    if (/^\s+$/.test(w)) return '';
    if (w === '...') return '...';
    if (!letters.has(w)) letters.set(w, pool[letters.size]);
    return letters.get(w)!;
  });
}

export function einopsLayerAttrs(): Record<string, PyValue> {
  const out: Record<string, PyValue> = {};
  for (const [name, Engine, withReduction] of [['Rearrange', RearrangeLayer, false], ['Reduce', ReduceLayer, true]] as const) {
    const cls = layerClass(name, { engine: Engine as never, init: '__init__(self)', module: 'einops.layers.torch' });
    // The engine layer takes (pattern, lengths, op); Python passes the lengths as keywords.
    const init = native(`__init__(self, pattern, ${withReduction ? 'reduction, ' : ''}**axes_lengths)`, (a) => {
      const op: Reduction = withReduction ? reductionName(a[2]) : 'rearrange';
      const kw = a[withReduction ? 3 : 2] as PyDict;
      constructInto(a[0], Engine as never, [String(a[1]), lengthsOf(kw), op]);
    });
    init.owner = cls;
    cls.setAttr('__init__', init);
    out[name] = cls;
  }
  return out;
}
