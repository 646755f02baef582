// Python's formatting of the values layers print in extra_repr: floats (1.0, 1e-05), tuples ((3,),
// (2, 2)), None, True/False and repr'd strings, so reprs match PyTorch character for character.

/** Python's repr(float): always a decimal point or exponent; exponents below 1e-4 and from 1e16 on. */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e16)) {
    const [m, e] = v.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return Number.isInteger(v) ? `${v}.0` : String(v);
}

export const pyBool = (b: boolean): string => (b ? 'True' : 'False');

/** A number as Python prints an int, a sequence as a tuple. */
export function pyTuple(v: number | readonly number[]): string {
  if (typeof v === 'number') return String(v);
  return v.length === 1 ? `(${v[0]},)` : `(${v.join(', ')})`;
}

/** An int, a tuple, None or a bare string (str.format of the attribute). */
export function pyIntish(v: number | readonly (number | null)[] | string | null): string {
  if (v === null) return 'None';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  const items = v.map((x) => (x === null ? 'None' : String(x)));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** ", inplace=True" when set (the form most activations append). */
export const inplaceSuffix = (inplace: boolean, first = false): string => (inplace ? `${first ? '' : ', '}inplace=True` : '');
