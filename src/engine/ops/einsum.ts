// torch.einsum, composed from primitives (no backward of its own): parse the equation (with `...`),
// take diagonals for labels repeated on one operand, sum labels nobody else needs, then contract
// operands left to right with one permute/reshape/bmm each, and permute to the output order.
import { runtimeError } from '../errors';
import { numelOf } from '../shape';
import { Tensor } from '../tensor';
import { bmm, mm } from './matmul';
import { type DType, legacyTypeName } from '../dtype';
import { diagonal } from './shape_ops';

/** Label ids: A-Z = 0..25 and a-z = 26..51 (PyTorch's implicit-output order), ellipsis dims from 52. */
const ELL = 52;
const labelId = (c: string) => (c <= 'Z' ? c.charCodeAt(0) - 65 : c.charCodeAt(0) - 97 + 26);
const labelChar = (id: number) => String.fromCharCode(id < 26 ? 65 + id : 97 + id - 26);
const scalarName = (d: DType) => legacyTypeName(d).slice('torch.'.length, -'Tensor'.length);
const isLetter = (c: string) => /^[a-zA-Z]$/.test(c);

interface Term { labels: number[]; ellAt: number }

/** Parses one side's subscripts; `ellAt` is where `...` sits among the labels (-1 when absent). */
function parseTerm(eq: string, start: number, end: number, who: string): Term {
  const labels: number[] = [];
  let ellAt = -1;
  for (let i = start; i < end; i++) {
    const c = eq[i];
    if (c === ' ') continue;
    if (c === '.') {
      if (ellAt >= 0) throw runtimeError(`einsum(): found '.' for ${who} for which an ellipsis was already found`);
      if (eq[i + 1] !== '.' || eq[i + 2] !== '.' || i + 2 >= end) throw runtimeError(`einsum(): found '.' for ${who} that is not part of any ellipsis`);
      ellAt = labels.length;
      i += 2;
    } else if (isLetter(c)) labels.push(labelId(c));
    else throw runtimeError(`einsum(): invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`);
  }
  return { labels, ellAt };
}

interface Op { t: Tensor; labels: number[] }

export function einsum(equation: string, ...operands: (Tensor | Tensor[])[]): Tensor {
  const ts = operands.flat();
  if (ts.length === 0) throw runtimeError('einsum(): must provide at least one operand');
  const arrow = equation.indexOf('->');
  const lhsEnd = arrow >= 0 ? arrow : equation.length;
  const terms: Term[] = [];
  let s = 0;
  for (let i = 0; i <= lhsEnd; i++) {
    if (i === lhsEnd || equation[i] === ',') {
      if (terms.length >= ts.length) throw runtimeError('einsum(): fewer operands were provided than specified in the equation');
      terms.push(parseTerm(equation, s, i, `operand ${terms.length}`));
      s = i + 1;
    }
  }
  if (terms.length < ts.length) throw runtimeError('einsum(): more operands were provided than specified in the equation');
  ts.forEach((t) => {
    if (t.dtype !== ts[0].dtype) throw runtimeError(`expected scalar type ${scalarName(ts[0].dtype)} but found ${scalarName(t.dtype)}`);
  });

  // Per-operand labels, with ellipsis dims right-aligned onto ids ELL..ELL+ellMax-1.
  const ellDims = terms.map((term, i) => {
    const nd = ts[i].dim(), nl = term.labels.length;
    if (term.ellAt < 0 && nl !== nd) {
      throw runtimeError(`einsum(): the number of subscripts in the equation (${nl}) does not match the number of dimensions (${nd}) for operand ${i} and no ellipsis was given`);
    }
    if (nl > nd) throw runtimeError(`einsum(): the number of subscripts in the equation (${nl}) is more than the number of dimensions (${nd}) for operand ${i}`);
    return term.ellAt < 0 ? 0 : nd - nl;
  });
  const ellMax = Math.max(0, ...ellDims);
  const ellIds = [...Array(ellMax).keys()].map((j) => ELL + j);
  const opLabels = terms.map((term, i) => {
    if (term.ellAt < 0) return term.labels;
    const ell = ellIds.slice(ellMax - ellDims[i]);
    return [...term.labels.slice(0, term.ellAt), ...ell, ...term.labels.slice(term.ellAt)];
  });
  checkSizes(ts, opLabels);

  const output = outputLabels(equation, arrow, opLabels, ellIds);
  let ops: Op[] = ts.map((t, i) => takeDiagonals(t, opLabels[i]));
  // Labels only one operand has and the output lacks are summed away first.
  ops = ops.map((op, i) => {
    const others = new Set([...output, ...ops.filter((_, j) => j !== i).flatMap((o) => o.labels)]);
    return sumOut(op, op.labels.filter((l) => !others.has(l)));
  });
  let cur = ops[0];
  for (let i = 1; i < ops.length; i++) {
    const later = new Set([...output, ...ops.slice(i + 1).flatMap((o) => o.labels)]);
    cur = contract(cur, ops[i], later);
  }
  cur = sumOut(cur, cur.labels.filter((l) => !output.includes(l)));
  const order = output.map((l) => cur.labels.indexOf(l));
  // An untouched input still comes back as a new view (as PyTorch's permute), never as itself.
  return order.every((p, i) => p === i) && !ts.includes(cur.t) ? cur.t : cur.t.permute(order);
}

function checkSizes(ts: Tensor[], opLabels: number[][]): void {
  const seen = new Map<number, number>();
  opLabels.forEach((labels, i) => {
    const own = new Map<number, number>();
    labels.forEach((l, d) => {
      const size = ts[i].shape[d];
      const prevOwn = own.get(l);
      if (prevOwn !== undefined && prevOwn !== size) {
        throw runtimeError(`einsum(): subscript ${labelChar(l)} is repeated for operand ${i} but the sizes don't match, ${size} != ${prevOwn}`);
      }
      own.set(l, size);
      const prev = seen.get(l);
      if (prev !== undefined && prev !== size && prev !== 1 && size !== 1) {
        if (l >= ELL) {
          throw runtimeError(`einsum(): dimension ${l - ELL} covered by ellipsis in operand ${i}has size ${size} which does not broadcast with previously seen ellipsis with size ${prev} for the respective dimension`);
        }
        throw runtimeError(`einsum(): subscript ${labelChar(l)} has size ${size} for operand ${i} which does not broadcast with previously seen size ${prev}`);
      }
      if (prev === undefined || prev === 1) seen.set(l, size);
    });
  });
}

/** The output labels: explicit after `->`, else the ellipsis dims then every label used once, sorted. */
function outputLabels(eq: string, arrow: number, opLabels: number[][], ellIds: number[]): number[] {
  if (arrow < 0) {
    const count = new Map<number, number>();
    for (const l of opLabels.flat()) if (l < ELL) count.set(l, (count.get(l) ?? 0) + 1);
    return [...ellIds, ...[...count].filter(([, c]) => c === 1).map(([l]) => l).sort((a, b) => a - b)];
  }
  const term = parseTerm(eq, arrow + 2, eq.length, 'output');
  const used = new Set(opLabels.flat());
  const seen = new Set<number>();
  for (const l of term.labels) {
    if (seen.has(l)) throw runtimeError(`einsum(): output subscript ${labelChar(l)} appears more than once in the output`);
    if (!used.has(l)) throw runtimeError(`einsum(): output subscript ${labelChar(l)} does not appear in the equation for any input operand`);
    seen.add(l);
  }
  if (term.ellAt < 0) return term.labels;
  return [...term.labels.slice(0, term.ellAt), ...ellIds, ...term.labels.slice(term.ellAt)];
}

/** A label repeated on one operand selects its diagonal ('ii->i'); the diagonal lands last. */
function takeDiagonals(t: Tensor, labels: number[]): Op {
  let cur = t, ls = [...labels];
  for (;;) {
    const q = ls.findIndex((l, j) => ls.indexOf(l) !== j);
    if (q < 0) return { t: cur, labels: ls };
    const p = ls.indexOf(ls[q]);
    cur = diagonal(cur, 0, p, q);
    ls = [...ls.filter((_, j) => j !== p && j !== q), ls[p]];
  }
}

function sumOut(op: Op, labels: number[]): Op {
  if (labels.length === 0) return op;
  const dims = labels.map((l) => op.labels.indexOf(l));
  return { t: op.t.sum(dims), labels: op.labels.filter((l) => !labels.includes(l)) };
}

/** Contracts two operands with one (batched) matrix product; `keep` holds the labels needed afterwards. */
function contract(a: Op, b: Op, keep: Set<number>): Op {
  a = sumOut(a, a.labels.filter((l) => !keep.has(l) && !b.labels.includes(l)));
  b = sumOut(b, b.labels.filter((l) => !keep.has(l) && !a.labels.includes(l)));
  const both = a.labels.filter((l) => b.labels.includes(l));
  const batch = both.filter((l) => keep.has(l)), con = both.filter((l) => !keep.has(l));
  const lo = a.labels.filter((l) => !b.labels.includes(l)), ro = b.labels.filter((l) => !a.labels.includes(l));
  let at = a.t, bt = b.t;
  const size = (t: Tensor, op: Op, l: number) => t.shape[op.labels.indexOf(l)];
  // Size-1 broadcasting: batch labels expand; a contracted label of size 1 on one side sums the other.
  for (const l of batch) {
    const sa = size(at, a, l), sb = size(bt, b, l);
    if (sa === 1 && sb !== 1) at = at.expand(at.shape.map((s, d) => (d === a.labels.indexOf(l) ? sb : s)));
    if (sb === 1 && sa !== 1) bt = bt.expand(bt.shape.map((s, d) => (d === b.labels.indexOf(l) ? sa : s)));
  }
  for (const l of con) {
    const sa = size(at, a, l), sb = size(bt, b, l);
    if (sa === 1 && sb !== 1) bt = bt.sum(b.labels.indexOf(l), true);
    if (sb === 1 && sa !== 1) at = at.sum(a.labels.indexOf(l), true);
  }
  const sizesA = (ls: number[]) => ls.map((l) => size(at, a, l));
  const sizesB = (ls: number[]) => ls.map((l) => size(bt, b, l));
  const B = numelOf(sizesA(batch)), LO = numelOf(sizesA(lo)), C = numelOf(sizesA(con)), RO = numelOf(sizesB(ro));
  const pa = at.permute([...batch, ...lo, ...con].map((l) => a.labels.indexOf(l)));
  const pb = bt.permute([...batch, ...con, ...ro].map((l) => b.labels.indexOf(l)));
  const r = batch.length === 0 ? mm(pa.reshape([LO, C]), pb.reshape([C, RO])) : bmm(pa.reshape([B, LO, C]), pb.reshape([B, C, RO]));
  return { t: r.reshape([...sizesA(batch), ...sizesA(lo), ...sizesB(ro)]), labels: [...batch, ...lo, ...ro] };
}
