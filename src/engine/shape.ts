// Shape arithmetic shared by every op: broadcasting, dim wrapping, contiguous strides, and the
// error messages PyTorch gives for each mistake.
import { indexError, runtimeError } from './errors';

export type Shape = readonly number[];

export const numelOf = (s: Shape): number => {
  let n = 1;
  for (const d of s) n *= d;
  return n;
};

export function contiguousStrides(s: Shape): number[] {
  const st = new Array<number>(s.length);
  let acc = 1;
  for (let i = s.length - 1; i >= 0; i--) {
    st[i] = acc;
    acc *= Math.max(s[i], 1);
  }
  return st;
}

export const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** Wraps a possibly negative dim into [0, ndim); PyTorch treats a 0-dim tensor as having one dim here. */
export function wrapDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw indexError(`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** Normalises a `dim` argument (int, list or null = all dims) into sorted unique dims. */
export function wrapDims(dim: number | readonly number[] | null | undefined, ndim: number): number[] {
  if (dim === null || dim === undefined) return [...Array(ndim).keys()];
  const list = typeof dim === 'number' ? [dim] : [...dim];
  if (list.length === 0) return [...Array(ndim).keys()];
  const out = list.map((d) => wrapDim(d, ndim));
  const seen = new Set<number>();
  for (const d of out) {
    if (seen.has(d)) throw runtimeError(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  return out.sort((a, b) => a - b);
}

export function broadcastShapes(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw runtimeError(`The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

export function broadcastMany(shapes: Shape[]): number[] {
  return shapes.reduce<number[]>((acc, s) => broadcastShapes(acc, s), []);
}

/** Checks a requested size for negative entries, as torch.zeros((-1,)) complains. */
export function checkSize(size: Shape): number[] {
  for (const d of size) {
    if (!Number.isInteger(d)) throw new TypeError(`size must contain only integers, got ${d}`);
    if (d < 0) throw runtimeError(`Trying to create tensor with negative dimension ${d}: [${size.join(', ')}]`);
  }
  return [...size];
}

/** Resolves one -1 in a view/reshape size against numel, with PyTorch's error for impossible shapes. */
export function inferSize(size: Shape, numel: number): number[] {
  let infer = -1;
  let known = 1;
  for (let i = 0; i < size.length; i++) {
    if (size[i] === -1) {
      if (infer >= 0) throw runtimeError('only one dimension can be inferred');
      infer = i;
    } else if (size[i] < 0) {
      throw runtimeError(`invalid shape dimension ${size[i]}`);
    } else known *= size[i];
  }
  const out = [...size];
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0) throw runtimeError(`shape '[${size.join(', ')}]' is invalid for input of size ${numel}`);
    out[infer] = numel / known;
  } else if (known !== numel) {
    throw runtimeError(`shape '[${size.join(', ')}]' is invalid for input of size ${numel}`);
  }
  return out;
}

export const fmtShape = (s: Shape): string => `[${s.join(', ')}]`;
