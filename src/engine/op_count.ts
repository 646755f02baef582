// Op counting for the inspector: the ops that carry the arithmetic (matrix products, convolutions)
// report their multiply-accumulates here, on meta and cpu alike, so MACs include `x @ w`, attention
// and functional calls, not only leaf modules. Costs nothing while nobody listens.

/** A listener gets the op's name and its multiply-accumulate count (FLOPs = 2·MACs by convention). */
export type OpCountListener = (op: string, macs: number) => void;

const listeners: OpCountListener[] = [];

/** True while someone listens: ops skip computing their counts otherwise. */
export const opCounting = { active: false };

export function countOp(op: string, macs: number): void {
  for (const l of listeners) l(op, macs);
}

/** Starts listening; the returned function stops. */
export function onOpCount(listener: OpCountListener): () => void {
  listeners.push(listener);
  opCounting.active = true;
  return () => {
    const i = listeners.indexOf(listener);
    if (i >= 0) listeners.splice(i, 1);
    opCounting.active = listeners.length > 0;
  };
}
