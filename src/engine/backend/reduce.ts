// Reduction kernels over the last axis of a dense [outer, inner] block, accumulated in doubles.
import type { Storage } from '../dtype';

export type ReduceOp = 'sum' | 'prod' | 'max' | 'min' | 'argmax' | 'argmin' | 'all' | 'any' | 'nansum';

const specialised = new Map<string, typeof reduceRowsGeneric>();

/** Dispatches to a copy of the loop specialised for the array classes (see strided.ts for why). */
export function reduceRows(src: Storage, outer: number, inner: number, op: ReduceOp, out: Storage, offset = 0): void {
  const key = `${src.constructor.name}|${out.constructor.name}`;
  let f = specialised.get(key);
  if (!f) specialised.set(key, (f = new Function(`return ${reduceRowsGeneric.toString()}`)() as typeof reduceRowsGeneric));
  f(src, outer, inner, op, out, offset);
}

function reduceRowsGeneric(src: Storage, outer: number, inner: number, op: ReduceOp, out: Storage, offset: number): void {
  for (let o = 0; o < outer; o++) {
    const base = offset + o * inner;
    let acc: number;
    switch (op) {
      case 'sum': acc = 0; for (let i = 0; i < inner; i++) acc += src[base + i]; break;
      case 'nansum': acc = 0; for (let i = 0; i < inner; i++) { const v = src[base + i]; if (v === v) acc += v; } break;
      case 'prod': acc = 1; for (let i = 0; i < inner; i++) acc *= src[base + i]; break;
      case 'max': acc = -Infinity; for (let i = 0; i < inner; i++) { const v = src[base + i]; if (v > acc || v !== v) { acc = v; if (v !== v) break; } } break;
      case 'min': acc = Infinity; for (let i = 0; i < inner; i++) { const v = src[base + i]; if (v < acc || v !== v) { acc = v; if (v !== v) break; } } break;
      case 'argmax': {
        let best = -Infinity, bi = 0;
        for (let i = 0; i < inner; i++) { const v = src[base + i]; if (v > best || (v !== v)) { best = v; bi = i; if (v !== v) break; } }
        acc = bi; break;
      }
      case 'argmin': {
        let best = Infinity, bi = 0;
        for (let i = 0; i < inner; i++) { const v = src[base + i]; if (v < best || (v !== v)) { best = v; bi = i; if (v !== v) break; } }
        acc = bi; break;
      }
      case 'all': acc = 1; for (let i = 0; i < inner; i++) if (!src[base + i]) { acc = 0; break; } break;
      case 'any': acc = 0; for (let i = 0; i < inner; i++) if (src[base + i]) { acc = 1; break; } break;
    }
    out[o] = acc;
  }
}
