// PyTorch's tensor repr (torch/_tensor_str.py), character for character: the _Formatter (int_mode,
// sci_mode, widths), summarisation with edgeitems, line wrapping at linewidth, and the suffixes
// (device, size, dtype, grad_fn / requires_grad). Also torch.set_printoptions and torch.Size's repr.
import { type DType, get_default_dtype, isFloating, isComplex } from './dtype';
import { Tensor } from './tensor';
import { formatExp, formatFixed, formatInt, roundToDtype } from './print_format';

export interface PrintOptions { precision: number; threshold: number; edgeitems: number; linewidth: number; sci_mode: boolean | null }

const DEFAULTS: PrintOptions = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sci_mode: null };
const OPTS: PrintOptions = { ...DEFAULTS };

export interface SetPrintOptions {
  precision?: number | null; threshold?: number | null; edgeitems?: number | null; linewidth?: number | null;
  profile?: 'default' | 'short' | 'full' | null; sci_mode?: boolean | null;
}

/** torch.set_printoptions. As in PyTorch, sci_mode is reset to its argument (None) on every call. */
export function set_printoptions(o: SetPrintOptions = {}): void {
  if (o.profile === 'default') Object.assign(OPTS, { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 });
  else if (o.profile === 'short') Object.assign(OPTS, { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 });
  else if (o.profile === 'full') Object.assign(OPTS, { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 });
  if (o.precision != null) OPTS.precision = o.precision;
  if (o.threshold != null) OPTS.threshold = o.threshold;
  if (o.edgeitems != null) OPTS.edgeitems = o.edgeitems;
  if (o.linewidth != null) OPTS.linewidth = o.linewidth;
  OPTS.sci_mode = o.sci_mode ?? null;
}

export const get_printoptions = (): PrintOptions => ({ ...OPTS });

/** `str(torch.float64)` etc. */
export const dtypeRepr = (d: DType): string => `torch.${d}`;

/** Python's `str(tuple(shape))`: `(2, 3)`, `(5,)`, `()`. */
export const tupleRepr = (s: readonly number[]): string => (s.length === 1 ? `(${s[0]},)` : `(${s.join(', ')})`);

/** repr(torch.Size([2, 3])). */
export const formatSize = (s: readonly number[]): string => `torch.Size([${s.join(', ')}])`;

/** A strided window over storage, the only view printing needs (no autograd, no allocation). */
interface View { data: ArrayLike<number>; shape: number[]; strides: number[]; offset: number }

const sub = (v: View, i: number): View => ({ data: v.data, shape: v.shape.slice(1), strides: v.strides.slice(1), offset: v.offset + i * v.strides[0] });

/** The values the formatter sees: get_summarized_data, flattened (its edgeitems=0 quirks included). */
function collect(v: View, summarize: boolean, out: number[]): void {
  const dim = v.shape.length;
  if (dim === 0) { out.push(v.data[v.offset]); return; }
  const n = v.shape[0], e = OPTS.edgeitems;
  let rows = [...Array(n).keys()];
  if (summarize && dim >= 2 && !e) rows = [];
  // For 1-D with edgeitems=0, PyTorch's self[-0:] is the whole vector, so everything is kept.
  else if (summarize && n > 2 * e && e) rows = [...rows.slice(0, e), ...rows.slice(n - e)];
  for (const i of rows) collect(sub(v, i), summarize, out);
}

class Formatter {
  readonly floating: boolean;
  intMode = true;
  sciMode = false;
  maxWidth = 1;
  constructor(private readonly dtype: DType, values: number[]) {
    this.floating = isFloating(dtype);
    if (!this.floating) {
      for (const v of values) this.maxWidth = Math.max(this.maxWidth, this.plain(v).length);
      return;
    }
    const nz = values.filter((v) => Number.isFinite(v) && v !== 0);
    if (nz.length === 0) return;
    let mn = Infinity, mx = 0;
    for (const v of nz) { const a = Math.abs(v); if (a < mn) mn = a; if (a > mx) mx = a; }
    this.intMode = nz.every((v) => v === Math.ceil(v));
    this.sciMode = OPTS.sci_mode ?? (mx / mn > 1000.0 || mx > 1.0e8 || mn < 1.0e-4);
    const p = OPTS.precision;
    for (const v of nz) {
      const len = this.sciMode ? formatExp(v, p).length : this.intMode ? formatFixed(v, 0).length + 1 : formatFixed(v, p).length;
      if (len > this.maxWidth) this.maxWidth = len;
    }
  }

  private plain(v: number): string {
    return this.dtype === 'bool' ? (v !== 0 ? 'True' : 'False') : formatInt(v);
  }

  format(v: number): string {
    let s: string;
    if (!this.floating) s = this.plain(v);
    else if (this.sciMode) s = formatExp(v, OPTS.precision);
    else if (this.intMode) s = formatFixed(v, 0) + (Number.isFinite(v) ? '.' : '');
    else s = formatFixed(v, OPTS.precision);
    return s.padStart(this.maxWidth, ' ');
  }

  formatAt(data: ArrayLike<number>, off: number): string { return this.format(data[off]); }
}

/** PyTorch's complex element: real and imaginary parts each with its own _Formatter, then `j`. */
class ComplexFormatter {
  readonly maxWidth: number;
  constructor(private readonly re: Formatter, private readonly im: Formatter) {
    // _vector_str adds the imaginary width plus one for the `j`.
    this.maxWidth = re.maxWidth + im.maxWidth + 1;
  }
  formatAt(data: ArrayLike<number>, off: number): string {
    const r = this.re.format(data[off]);
    const i = (this.im.format(data[off + 1]) + 'j').trimStart();
    return i[0] === '+' || i[0] === '-' ? r + i : r + '+' + i;
  }
}

type ElemFormatter = Formatter | ComplexFormatter;

function vectorStr(v: View, indent: number, summarize: boolean, f: ElemFormatter): string {
  const elementLength = f.maxWidth + 2;
  const perLine = Math.max(1, Math.floor((OPTS.linewidth - indent) / elementLength));
  const n = v.shape[0];
  const at = (i: number) => f.formatAt(v.data, v.offset + i * v.strides[0]);
  const e = OPTS.edgeitems;
  let data: string[];
  if (summarize && !e) data = ['...'];
  else if (summarize && n > 2 * e) {
    data = [...Array(e).keys()].map(at);
    data.push(' ...');
    for (let i = n - e; i < n; i++) data.push(at(i));
  } else data = [...Array(n).keys()].map(at);
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

function tensorStrWith(v: View, indent: number, summarize: boolean, f: ElemFormatter): string {
  const dim = v.shape.length;
  if (dim === 0) return f.formatAt(v.data, v.offset);
  if (dim === 1) return vectorStr(v, indent, summarize, f);
  const n = v.shape[0];
  const e = OPTS.edgeitems;
  const row = (i: number) => tensorStrWith(sub(v, i), indent + 1, summarize, f);
  let slices: string[];
  if (summarize && n > 2 * e) {
    slices = [...Array(e).keys()].map(row);
    slices.push('...');
    for (let i = n - e; i < n; i++) slices.push(row(i));
  } else slices = [...Array(n).keys()].map(row);
  return '[' + slices.join(',' + '\n'.repeat(dim - 1) + ' '.repeat(indent + 1)) + ']';
}

function tensorStr(t: Tensor, indent: number): string {
  if (t.numel() === 0) return '[]';
  const summarize = t.numel() > OPTS.threshold;
  const raw = t._rawData();
  if (isComplex(t.dtype)) {
    // Storage units: (real, imag) pairs, so the real parts are the view with doubled strides.
    const v: View = { data: raw, shape: t.shape, strides: t._strides.map((x) => 2 * x), offset: 2 * t._offset };
    const re: number[] = [], im: number[] = [];
    collect(v, summarize, re);
    collect({ ...v, offset: v.offset + 1 }, summarize, im);
    return tensorStrWith(v, indent, summarize, new ComplexFormatter(new Formatter('float32', re), new Formatter('float32', im)));
  }
  const half = t.dtype === 'float16' || t.dtype === 'bfloat16' ? t.dtype : null;
  const data = half ? Float64Array.from(raw, (x) => roundToDtype(x, half)) : raw;
  const v: View = { data, shape: t.shape, strides: t._strides, offset: t._offset };
  const values: number[] = [];
  collect(v, summarize, values);
  return tensorStrWith(v, indent, summarize, new Formatter(t.dtype, values));
}

function addSuffixes(tensorStr: string, suffixes: string[], indent: number): string {
  const parts = [tensorStr];
  // Mirrors PyTorch's arithmetic exactly, including its +1 (and +2 when there is no newline).
  let lastLineLen = tensorStr.length - tensorStr.lastIndexOf('\n') + 1;
  for (const s of suffixes) {
    if (lastLineLen + s.length + 2 > OPTS.linewidth) {
      parts.push(',\n' + ' '.repeat(indent) + s);
      lastLineLen = indent + s.length;
    } else {
      parts.push(', ' + s);
      lastLineLen += s.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** repr(t) / str(t), as PyTorch prints it (Parameters get their `Parameter containing:` line). */
export function formatTensor(t: Tensor): string {
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  const defaultDtype = get_default_dtype();
  let body: string;
  if (t.device !== 'cpu') suffixes.push(`device='${t.device}'`);
  if (t.device === 'meta') {
    suffixes.push('size=' + tupleRepr(t.shape));
    if (t.dtype !== defaultDtype) suffixes.push('dtype=' + dtypeRepr(t.dtype));
    body = '...';
  } else if (t.numel() === 0) {
    if (t.dim() !== 1) suffixes.push('size=' + tupleRepr(t.shape));
    if (t.dtype !== defaultDtype) suffixes.push('dtype=' + dtypeRepr(t.dtype));
    body = '[]';
  } else {
    if (!OPTS.edgeitems) suffixes.push('size=' + tupleRepr(t.shape));
    // PyTorch's has_default_dtype also counts the complex type matching the default float (cfloat).
    const complexDefault = t.dtype === 'complex64' && defaultDtype === 'float32';
    if (t.dtype !== defaultDtype && t.dtype !== 'int64' && t.dtype !== 'bool' && !complexDefault) suffixes.push('dtype=' + dtypeRepr(t.dtype));
    body = tensorStr(t, indent);
  }
  if (t.grad_fn) suffixes.push(`grad_fn=<${t.grad_fn.name()}>`);
  else if (t.requires_grad) suffixes.push('requires_grad=True');
  const s = addSuffixes(prefix + body, suffixes, indent);
  return t._isParam ? 'Parameter containing:\n' + s : s;
}

declare module './tensor' {
  interface Tensor {
    /** Python's repr(tensor); the bindings call this for both repr() and str(). */
    __repr__(): string;
    toString(): string;
  }
}

const P = Tensor.prototype as unknown as { __repr__(this: Tensor): string; toString(this: Tensor): string };
P.__repr__ = function (this: Tensor) { return formatTensor(this); };
P.toString = function (this: Tensor) { return formatTensor(this); };
