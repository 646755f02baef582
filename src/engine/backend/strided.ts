// JS kernels over strided storage: gather into dense order, scatter back into a strided view, and
// elementwise unary/binary/ternary loops with broadcasting (a broadcast dim has stride 0). Loops are
// generated once per expression so each stays monomorphic for V8 (a shared loop taking a callback
// would turn megamorphic and run several times slower).
import type { Storage } from '../dtype';

type Arr = Storage;
type Dims = readonly number[];

export function gatherStrided(src: Arr, shape: Dims, strides: Dims, offset: number, dst: Arr): Arr {
  copyStrided(src, shape, strides, offset, dst, contiguous(shape), 0);
  return dst;
}

function contiguous(shape: Dims): number[] {
  const st = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) { st[i] = acc; acc *= shape[i]; }
  return st;
}

/** dst[view] = src[view], both strided, same shape. */
export function copyStrided(src: Arr, shape: Dims, sSt: Dims, sOff: number, dst: Arr, dSt: Dims, dOff: number): void {
  unaryKernel('x')(src, sSt, sOff, shape, dst, dSt, dOff);
}

type UnaryFn = (x: Arr, xs: Dims, xo: number, shape: Dims, out: Arr, os: Dims, oo: number) => void;
type BinaryFn = (x: Arr, xs: Dims, xo: number, y: Arr, ys: Dims, yo: number, shape: Dims, out: Arr, os: Dims, oo: number) => void;
type TernaryFn = (x: Arr, xs: Dims, xo: number, y: Arr, ys: Dims, yo: number, z: Arr, zs: Dims, zo: number, shape: Dims, out: Arr, os: Dims, oo: number) => void;

const unaryCache = new Map<string, UnaryFn>();
const binaryCache = new Map<string, BinaryFn>();
const ternaryCache = new Map<string, TernaryFn>();

/**
 * Builds an N-d loop over `names` inputs plus the output: an odometer over the outer dims and a
 * tight inner loop over the last dim. `expr` reads the current elements as x, y, z.
 */
function generate(names: string[], expr: string, prelude: string): string {
  const ptrs = [...names, 'out'];
  const args = names.flatMap((n) => [n, `${n}s`, `${n}o`]).concat(['shape', 'out', 'outs', 'outo']);
  const reads = names.map((n) => `const ${n === 'a' ? 'x' : n === 'b' ? 'y' : 'z'} = ${n}[p_${n}];`).join(' ');
  return `
${prelude}
return function(${args.join(', ')}) {
  const nd = shape.length;
  if (nd === 0) { ${ptrs.map((p) => `let p_${p} = ${p === 'out' ? 'outo' : p + 'o'};`).join(' ')} ${reads} out[p_out] = (${expr}); return; }
  let total = 1; for (let i = 0; i < nd; i++) total *= shape[i];
  if (total === 0) return;
  const inner = shape[nd - 1];
  ${ptrs.map((p) => `const is_${p} = ${p === 'out' ? 'outs' : p + 's'}[nd - 1];`).join(' ')}
  ${ptrs.map((p) => `let b_${p} = ${p === 'out' ? 'outo' : p + 'o'};`).join(' ')}
  const idx = new Int32Array(nd);
  const outer = total / inner;
  for (let k = 0; k < outer; k++) {
    ${ptrs.map((p) => `let p_${p} = b_${p};`).join(' ')}
    for (let j = 0; j < inner; j++) {
      ${reads}
      out[p_out] = (${expr});
      ${ptrs.map((p) => `p_${p} += is_${p};`).join(' ')}
    }
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      ${ptrs.map((p) => `b_${p} += ${p === 'out' ? 'outs' : p + 's'}[d];`).join(' ')}
      if (idx[d] < shape[d]) break;
      ${ptrs.map((p) => `b_${p} -= ${p === 'out' ? 'outs' : p + 's'}[d] * shape[d];`).join(' ')}
      idx[d] = 0;
    }
  }
};`;
}

/** Helpers the generated expressions may call (erf, Python-style modulo, ...). */
const PRELUDE = `
const erf = (v) => { const s = v < 0 ? -1 : 1; const a = Math.abs(v); const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y; };
const pymod = (a, b) => { if (b === 0) return NaN; const r = a % b; return (r !== 0 && (r < 0) !== (b < 0)) ? r + b : r; };
const imod = (a, b) => { if (b === 0) throw new Error('ZeroDivisionError'); const r = a % b; return (r !== 0 && (r < 0) !== (b < 0)) ? r + b : r; };
const ifloordiv = (a, b) => { if (b === 0) throw new Error('ZeroDivisionError'); return Math.floor(a / b); };
const rint = (v) => { const r = Math.round(v); return (Math.abs(v % 1) === 0.5 && r % 2 !== 0) ? r - 1 : r; };
`;

// Each (expression, array types) pair gets its own generated loop, so every element access in it
// sees one TypedArray class (monomorphic) — mixing Float32Array and Float64Array in one loop would
// make V8 fall back to slow generic element access.
const tag = (a: Arr): string => a.constructor.name;

export function unaryKernel(expr: string): UnaryFn {
  return (x, xs, xo, shape, out, os, oo) => {
    const key = `${expr}|${tag(x)}|${tag(out)}`;
    let f = unaryCache.get(key);
    if (!f) unaryCache.set(key, (f = new Function(generate(['a'], expr, PRELUDE))() as UnaryFn));
    f(x, xs, xo, shape, out, os, oo);
  };
}

export function binaryKernel(expr: string): BinaryFn {
  return (x, xs, xo, y, ys, yo, shape, out, os, oo) => {
    const key = `${expr}|${tag(x)}|${tag(y)}|${tag(out)}`;
    let f = binaryCache.get(key);
    if (!f) binaryCache.set(key, (f = new Function(generate(['a', 'b'], expr, PRELUDE))() as BinaryFn));
    f(x, xs, xo, y, ys, yo, shape, out, os, oo);
  };
}

export function ternaryKernel(expr: string): TernaryFn {
  return (x, xs, xo, y, ys, yo, z, zs, zo, shape, out, os, oo) => {
    const key = `${expr}|${tag(x)}|${tag(y)}|${tag(z)}|${tag(out)}`;
    let f = ternaryCache.get(key);
    if (!f) ternaryCache.set(key, (f = new Function(generate(['a', 'b', 'c'], expr, PRELUDE))() as TernaryFn));
    f(x, xs, xo, y, ys, yo, z, zs, zo, shape, out, os, oo);
  };
}
