// Compares program output with PyTorch's: text must match exactly except numbers, which may differ
// by 1e-4 (absolute, or relative for large values) — float32 kernels round differently than ATen's.
const NUM = /-?(?:\d+\.\d*|\.\d+|\d+)(?:e[-+]?\d+)?/gi;

export function outputMismatch(actual: string, expected: string, tol = 1e-4): string | null {
  const a = actual.split(NUM);
  const e = expected.split(NUM);
  const an = actual.match(NUM) ?? [];
  const en = expected.match(NUM) ?? [];
  if (a.length !== e.length || an.length !== en.length) return firstDiff(actual, expected);
  for (let i = 0; i < a.length; i++) {
    // Number formatting (padding) follows the values, so whitespace runs may differ in width.
    if (a[i].replace(/ +/g, ' ') !== e[i].replace(/ +/g, ' ')) return firstDiff(actual, expected);
  }
  for (let i = 0; i < an.length; i++) {
    const x = Number(an[i]);
    const y = Number(en[i]);
    if (Math.abs(x - y) > tol * Math.max(1, Math.abs(y))) return `number ${i}: got ${an[i]}, expected ${en[i]}\n${firstDiff(actual, expected) ?? ''}`;
  }
  return null;
}

function firstDiff(actual: string, expected: string): string | null {
  const al = actual.split('\n');
  const el = expected.split('\n');
  for (let i = 0; i < Math.max(al.length, el.length); i++) {
    if (al[i] !== el[i]) return `line ${i + 1}:\n  got:      ${JSON.stringify(al[i])}\n  expected: ${JSON.stringify(el[i])}`;
  }
  return null;
}
