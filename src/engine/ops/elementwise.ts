// Elementwise arithmetic and math functions, forward and backward side by side. Binary ops broadcast
// and follow torch.result_type; integer inputs of float-only functions compute in the default dtype.
import { type DType, isFloating, get_default_dtype, isIntegral, scalarTypeName } from '../dtype';
import { runtimeError, notImplemented, TorchError } from '../errors';
import { Tensor } from '../tensor';
import { record } from '../autograd/node';
import { is_grad_enabled } from '../autograd/grad_mode';
import { unary as backendUnary, UNARY_NAMES, type UnaryName } from '../backend';
import { makeTensor } from '../tensor';
import { complexAdd, complexMul, isComplexTensor } from './complex';
import { rejectComplex, asTensor, commonDevice, mapBinary, mapTernary, mapUnary, resultTypeOf, sumToShape, floatOf, type TensorLike, type Scalar } from './util';

const boolExpr = (expr: string, d: DType) => (d === 'bool' ? `((${expr}) ? 1 : 0)` : expr);

/** Runs a broadcasting binary kernel on two operands (tensor or scalar) in dtype `compute`, result in `outDtype`. */
function binary(op: string, a: TensorLike, b: TensorLike, expr: string, compute: DType, outDtype: DType = compute): Tensor {
  if (!(a instanceof Tensor) && !(b instanceof Tensor)) throw runtimeError(`${op}: expected at least one Tensor argument`);
  rejectComplex(op, a, b);
  const device = commonDevice(op, a, b);
  const x = asTensor(a, compute, device);
  const y = asTensor(b, compute, device);
  return mapBinary(x, y, boolExpr(expr, outDtype), outDtype, device);
}

/** Integer division by zero: the kernel throws a bare Error; PyTorch raises RuntimeError('ZeroDivisionError'). */
function zeroDivGuard(f: () => Tensor): Tensor {
  try {
    return f();
  } catch (e) {
    if (e instanceof Error && !(e instanceof TorchError) && e.message === 'ZeroDivisionError') throw runtimeError('ZeroDivisionError');
    throw e;
  }
}

const gradOf = (g: Tensor, t: TensorLike): Tensor | null => (t instanceof Tensor ? sumToShape(g, t.shape) : null);
const tensors = (...xs: TensorLike[]) => xs.map((x) => (x instanceof Tensor ? x : null));

export function add(a: TensorLike, b: TensorLike, alpha: number = 1): Tensor {
  if (isComplexTensor(a) || isComplexTensor(b)) return complexAdd(a, b, alpha);
  const dt = resultTypeOf(a, b);
  const out = binary('add', a, b, alpha === 1 ? (dt === 'bool' ? 'x || y' : 'x + y') : `x + ${alpha} * y`, dt);
  // PyTorch wraps a Python scalar into a tensor, so `x + 2` and `2 + x` are both AddBackward0.
  record('AddBackward0', out, tensors(a, b), [], ([g]) => [gradOf(g!, a), b instanceof Tensor ? gradOf(alpha === 1 ? g! : g!.mul(alpha), b) : null]);
  return out;
}

export function sub(a: TensorLike, b: TensorLike, alpha: number = 1): Tensor {
  if (isComplexTensor(a) || isComplexTensor(b)) return complexAdd(a, b, -alpha);
  const dt = resultTypeOf(a, b);
  if (dt === 'bool') throw runtimeError('Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
  const out = binary('sub', a, b, alpha === 1 ? 'x - y' : `x - ${alpha} * y`, dt);
  const name = a instanceof Tensor ? 'SubBackward0' : 'RsubBackward1';
  record(name, out, tensors(a, b), [], ([g]) => [gradOf(g!, a), b instanceof Tensor ? gradOf(g!.mul(-alpha), b) : null]);
  return out;
}

export function mul(a: TensorLike, b: TensorLike): Tensor {
  if (isComplexTensor(a) || isComplexTensor(b)) return complexMul(a, b);
  const dt = resultTypeOf(a, b);
  const out = binary('mul', a, b, dt === 'bool' ? 'x && y' : 'x * y', dt);
  const ta = a instanceof Tensor ? a : null, tb = b instanceof Tensor ? b : null;
  record('MulBackward0', out, [ta, tb], [ta, tb].filter((t): t is Tensor => t !== null), ([g], saved) => {
    const x = ta ? saved[0] : a, y = tb ? saved[ta ? 1 : 0] : b;
    return [ta ? gradOf(g!.mul(y), ta) : null, tb ? gradOf(g!.mul(x), tb) : null];
  });
  return out;
}

export type RoundingMode = 'trunc' | 'floor' | null;

export function div(a: TensorLike, b: TensorLike, rounding_mode: RoundingMode = null): Tensor {
  const dt = resultTypeOf(a, b);
  if (rounding_mode !== null) {
    const expr = rounding_mode === 'trunc' ? 'Math.trunc(x / y)' : 'Math.floor(x / y)';
    if (isIntegral(dt, true)) return zeroDivGuard(() => binary('div', a, b, `(y === 0 ? (() => { throw new Error('ZeroDivisionError'); })() : ${expr})`, dt));
    const r = binary('div', a, b, expr, dt);
    // Rounded division is piecewise constant: PyTorch records DivBackward2 with zero gradients.
    record('DivBackward2', r, tensors(a, b), [], ([g]) => [a instanceof Tensor ? gradOf(g!.mul(0), a) : null, b instanceof Tensor ? gradOf(g!.mul(0), b) : null]);
    return r;
  }
  // `s / x` is Tensor.__rtruediv__, which PyTorch computes as x.reciprocal() * s (so MulBackward0).
  if (!(a instanceof Tensor) && b instanceof Tensor) return mul(reciprocal(b), a);
  const out = binary('div', a, b, 'x / y', floatOf(dt));
  const sa = a instanceof Tensor ? a : null, sb = b instanceof Tensor ? b : null;
  record('DivBackward0', out, [sa, sb], sb ? (sa ? [sa, sb] : [sb]) : [], ([g], saved) => {
    const y = sb ? saved[saved.length - 1] : (b as number);
    const ga = sa ? gradOf(g!.div(y), sa) : null;
    const gb = sb ? gradOf(g!.neg().mul(sa ? saved[0] : (a as number)).div(saved[saved.length - 1].mul(saved[saved.length - 1])), sb) : null;
    return [ga, gb];
  });
  return out;
}

export function floor_divide(a: TensorLike, b: TensorLike): Tensor {
  const dt = resultTypeOf(a, b);
  if (isIntegral(dt, true)) return zeroDivGuard(() => binary('floor_divide', a, b, 'ifloordiv(x, y)', dt));
  return binary('floor_divide', a, b, 'Math.floor(x / y)', dt);
}

export function remainder(a: TensorLike, b: TensorLike): Tensor {
  const dt = resultTypeOf(a, b);
  const out = zeroDivGuard(() => binary('remainder', a, b, isIntegral(dt, true) ? 'imod(x, y)' : 'pymod(x, y)', dt));
  record(b instanceof Tensor ? 'RemainderBackward1' : 'RemainderBackward0', out, tensors(a, b), [], ([g]) => [gradOf(g!, a), b instanceof Tensor ? gradOf(g!.mul(div(a, b, 'floor')).neg(), b) : null]);
  return out;
}

export function fmod(a: TensorLike, b: TensorLike): Tensor {
  const dt = resultTypeOf(a, b);
  const out = binary('fmod', a, b, 'x % y', dt);
  record(b instanceof Tensor ? 'FmodBackward1' : 'FmodBackward0', out, tensors(a, b), [], ([g]) => [gradOf(g!, a), b instanceof Tensor ? gradOf(g!.mul(div(a, b, 'trunc')).neg(), b) : null]);
  return out;
}

export function pow(a: TensorLike, b: TensorLike): Tensor {
  const dt = resultTypeOf(a, b);
  if (isIntegral(dt, true) && (b instanceof Tensor ? false : (b as number) < 0)) throw runtimeError('Integers to negative integer powers are not allowed.');
  // C's pow, not JS's: 1 ** NaN and (-1) ** ±inf are 1.
  const out = binary('pow', a, b, '(x === 1 || (x === -1 && (y === Infinity || y === -Infinity)) ? 1 : Math.pow(x, y))', dt);
  if (!(b instanceof Tensor)) {
    const e = b as number;
    record('PowBackward0', out, [a as Tensor], [a as Tensor], ([g], [x]) => [e === 0 ? g!.mul(0) : g!.mul(e).mul(x.pow(e - 1))]);
  } else if (!(a instanceof Tensor)) {
    record('PowBackward2', out, [b], [out], ([g], [o]) => [sumToShape(g!.mul(o).mul(Math.log(a as number)), b.shape)]);
  } else {
    record('PowBackward1', out, [a, b], [a, b, out], ([g], [x, y, o]) => [
      // PyTorch masks the exponent-0 entries: 0 * 0 ** -1 would be NaN.
      sumToShape(g!.mul(y).mul(x.pow(y.sub(1))).masked_fill(y.eq(0), 0), x.shape),
      sumToShape(g!.mul(o).mul(x.log().masked_fill(x.eq(0).logical_and(y.ge(0)), 0)), y.shape),
    ]);
  }
  return out;
}

export const true_divide = (a: TensorLike, b: TensorLike) => div(a, b);
export const multiply = mul;
export const subtract = sub;
export const divide = div;

// ---- unary ops: expression for the forward, gradient in terms of (grad, input, output) ----
interface UnarySpec {
  expr: string;
  /** Integer inputs compute in the default float dtype. */
  toFloat?: boolean;
  grad?: (g: Tensor, x: Tensor, out: Tensor) => Tensor;
  /** What backward reads: the input, the output, or nothing. */
  saves?: 'x' | 'out';
  /** Output dtype override. */
  outDtype?: (d: DType) => DType;
}

/**
 * The backward of a hot activation as one kernel over (grad, output) when no graph is being built;
 * under create_graph it is composed from differentiable ops so double backward still works.
 */
function fusedGrad(g: Tensor, o: Tensor, expr: string, composed: () => Tensor): Tensor {
  if (is_grad_enabled() || g.dtype !== o.dtype || g.device !== o.device) return composed();
  return mapBinary(g, o, expr, g.dtype, g.device);
}

const SQRT_PI_2 = 2 / Math.sqrt(Math.PI);
const UNARY: Record<string, UnarySpec & { node: string }> = {
  neg: { node: 'NegBackward0', expr: '-x', grad: (g) => g.neg() },
  abs: { node: 'AbsBackward0', expr: 'Math.abs(x)', saves: 'x', grad: (g, x) => g.mul(x.sign()) },
  exp: { node: 'ExpBackward0', expr: 'Math.exp(x)', toFloat: true, saves: 'out', grad: (g, _x, o) => g.mul(o) },
  exp2: { node: 'Exp2Backward0', expr: 'Math.pow(2, x)', toFloat: true, saves: 'out', grad: (g, _x, o) => g.mul(o).mul(Math.LN2) },
  expm1: { node: 'Expm1Backward0', expr: 'Math.expm1(x)', toFloat: true, saves: 'out', grad: (g, _x, o) => g.mul(o.add(1)) },
  log: { node: 'LogBackward0', expr: 'Math.log(x)', toFloat: true, saves: 'x', grad: (g, x) => g.div(x) },
  log1p: { node: 'Log1PBackward0', expr: 'Math.log1p(x)', toFloat: true, saves: 'x', grad: (g, x) => g.div(x.add(1)) },
  log2: { node: 'Log2Backward0', expr: 'Math.log2(x)', toFloat: true, saves: 'x', grad: (g, x) => g.div(x.mul(Math.LN2)) },
  log10: { node: 'Log10Backward0', expr: 'Math.log10(x)', toFloat: true, saves: 'x', grad: (g, x) => g.div(x.mul(Math.LN10)) },
  sqrt: { node: 'SqrtBackward0', expr: 'Math.sqrt(x)', toFloat: true, saves: 'out', grad: (g, _x, o) => g.div(o.mul(2)) },
  rsqrt: { node: 'RsqrtBackward0', expr: '1 / Math.sqrt(x)', toFloat: true, saves: 'out', grad: (g, _x, o) => g.mul(o.pow(3)).mul(-0.5) },
  sin: { node: 'SinBackward0', expr: 'Math.sin(x)', toFloat: true, saves: 'x', grad: (g, x) => g.mul(x.cos()) },
  cos: { node: 'CosBackward0', expr: 'Math.cos(x)', toFloat: true, saves: 'x', grad: (g, x) => g.mul(x.sin()).neg() },
  tan: { node: 'TanBackward0', expr: 'Math.tan(x)', toFloat: true, saves: 'out', grad: (g, _x, o) => g.mul(o.mul(o).add(1)) },
  asin: { node: 'AsinBackward0', expr: 'Math.asin(x)', toFloat: true, saves: 'x', grad: (g, x) => g.div(x.mul(x).neg().add(1).sqrt()) },
  acos: { node: 'AcosBackward0', expr: 'Math.acos(x)', toFloat: true, saves: 'x', grad: (g, x) => g.div(x.mul(x).neg().add(1).sqrt()).neg() },
  atan: { node: 'AtanBackward0', expr: 'Math.atan(x)', toFloat: true, saves: 'x', grad: (g, x) => g.div(x.mul(x).add(1)) },
  sinh: { node: 'SinhBackward0', expr: 'Math.sinh(x)', toFloat: true, saves: 'x', grad: (g, x) => g.mul(x.cosh()) },
  cosh: { node: 'CoshBackward0', expr: 'Math.cosh(x)', toFloat: true, saves: 'x', grad: (g, x) => g.mul(x.sinh()) },
  tanh: { node: 'TanhBackward0', expr: 'Math.tanh(x)', toFloat: true, saves: 'out', grad: (g, _x, o) => fusedGrad(g, o, 'x * (1 - y * y)', () => g.mul(o.mul(o).neg().add(1))) },
  sigmoid: { node: 'SigmoidBackward0', expr: '1 / (1 + Math.exp(-x))', toFloat: true, saves: 'out', grad: (g, _x, o) => fusedGrad(g, o, 'x * y * (1 - y)', () => g.mul(o).mul(o.neg().add(1))) },
  relu: { node: 'ReluBackward0', expr: 'x > 0 || x !== x ? x : 0', saves: 'out', grad: (g, _x, o) => fusedGrad(g, o, 'y > 0 ? x : 0', () => g.mul(o.gt(0))) },
  erf: { node: 'ErfBackward0', expr: 'erf(x)', toFloat: true, saves: 'x', grad: (g, x) => g.mul(x.mul(x).neg().exp()).mul(SQRT_PI_2) },
  reciprocal: { node: 'ReciprocalBackward0', expr: '1 / x', toFloat: true, saves: 'out', grad: (g, _x, o) => g.mul(o.mul(o)).neg() },
  floor: { node: 'FloorBackward0', expr: 'Math.floor(x)', grad: (g) => g.mul(0) },
  ceil: { node: 'CeilBackward0', expr: 'Math.ceil(x)', grad: (g) => g.mul(0) },
  round: { node: 'RoundBackward0', expr: 'rint(x)', grad: (g) => g.mul(0) },
  trunc: { node: 'TruncBackward0', expr: 'Math.trunc(x)', grad: (g) => g.mul(0) },
  frac: { node: 'FracBackward0', expr: 'x - Math.trunc(x)', grad: (g) => g },
  sign: { node: 'SignBackward0', expr: 'x > 0 ? 1 : x < 0 ? -1 : 0', grad: (g) => g.mul(0) },
  square: { node: 'PowBackward0', expr: 'x * x', saves: 'x', grad: (g, x) => g.mul(x).mul(2) },
};

const BACKEND_UNARY = new Set<string>(UNARY_NAMES);

/** Large float32 transcendental ops run on the backend's SIMD kernels (it picks JS for small arrays). */
function viaBackend(name: string, x: Tensor, outDtype: DType): Tensor | null {
  if (x.device !== 'cpu' || x.dtype !== 'float32' || outDtype !== 'float32' || !BACKEND_UNARY.has(name) || x.numel() < 2048) return null;
  return makeTensor(backendUnary(name as UnaryName, x._contiguousData() as Float32Array), x.shape, 'float32');
}

function unary(name: keyof typeof UNARY, x: Tensor): Tensor {
  const spec = UNARY[name];
  if (!(x instanceof Tensor)) throw runtimeError(`${name}(): argument 'input' must be Tensor, not ${typeof x}`);
  rejectComplex(name, x);
  if (x.dtype === 'bool' && (name === 'neg')) throw runtimeError('Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.');
  const outDtype = spec.toFloat ? floatOf(x.dtype) : x.dtype;
  const out = viaBackend(name, x, outDtype) ?? mapUnary(x, spec.expr, outDtype);
  if (spec.grad && isFloating(outDtype)) {
    const grad = spec.grad;
    const saves = spec.saves === 'x' ? [x] : spec.saves === 'out' ? [out] : [];
    record(spec.node, out, [x], saves, ([g], s) => [grad(g!, spec.saves === 'x' ? s[0] : x, spec.saves === 'out' ? s[0] : out)]);
  }
  return out;
}

export const neg = (x: Tensor) => unary('neg', x);
export const negative = neg;
export const abs = (x: Tensor) => unary('abs', x);
export const exp = (x: Tensor) => unary('exp', x);
export const exp2 = (x: Tensor) => unary('exp2', x);
export const expm1 = (x: Tensor) => unary('expm1', x);
export const log = (x: Tensor) => unary('log', x);
export const log1p = (x: Tensor) => unary('log1p', x);
export const log2 = (x: Tensor) => unary('log2', x);
export const log10 = (x: Tensor) => unary('log10', x);
export const sqrt = (x: Tensor) => unary('sqrt', x);
export const rsqrt = (x: Tensor) => unary('rsqrt', x);
export const sin = (x: Tensor) => unary('sin', x);
export const cos = (x: Tensor) => unary('cos', x);
export const tan = (x: Tensor) => unary('tan', x);
export const asin = (x: Tensor) => unary('asin', x);
export const acos = (x: Tensor) => unary('acos', x);
export const atan = (x: Tensor) => unary('atan', x);
export const sinh = (x: Tensor) => unary('sinh', x);
export const cosh = (x: Tensor) => unary('cosh', x);
export const tanh = (x: Tensor) => unary('tanh', x);
export const sigmoid = (x: Tensor) => unary('sigmoid', x);
export const relu = (x: Tensor) => unary('relu', x);
export const erf = (x: Tensor) => unary('erf', x);
export const reciprocal = (x: Tensor) => unary('reciprocal', x);
export const floor = (x: Tensor) => (isFloating(x.dtype) ? unary('floor', x) : x.clone());
export const ceil = (x: Tensor) => (isFloating(x.dtype) ? unary('ceil', x) : x.clone());
export const trunc = (x: Tensor) => (isFloating(x.dtype) ? unary('trunc', x) : x.clone());
export const frac = (x: Tensor) => unary('frac', x);
export const sign = (x: Tensor) => unary('sign', x);
export const square = (x: Tensor) => unary('square', x);

export function round(x: Tensor, decimals = 0): Tensor {
  if (decimals === 0) return isFloating(x.dtype) ? unary('round', x) : x.clone();
  if (!isFloating(x.dtype)) throw notImplemented(`"round_cpu" not implemented for '${scalarTypeName(x.dtype)}'`);
  // PyTorch's kernel: nearbyint(x * 10^d) / 10^d, or nearbyint(x / 10^-d) * 10^-d for negative d.
  const p = Math.pow(10, Math.abs(decimals));
  const out = mapUnary(x, decimals > 0 ? `rint(x * ${p}) / ${p}` : `rint(x / ${p}) * ${p}`);
  record('RoundBackward1', out, [x], [], ([g]) => [g!.mul(0)]);
  return out;
}

export function atan2(a: Tensor, b: TensorLike): Tensor {
  const dt = floatOf(resultTypeOf(a, b));
  const out = binary('atan2', a, b, 'Math.atan2(x, y)', dt);
  record('Atan2Backward0', out, tensors(a, b), [a, ...(b instanceof Tensor ? [b] : [])], ([g], [x, y]) => {
    const yy = y ?? (b as number);
    const den = x.mul(x).add(typeof yy === 'number' ? yy * yy : yy.mul(yy));
    return [sumToShape(g!.mul(yy).div(den), a.shape), y ? sumToShape(g!.mul(x).neg().div(den), y.shape) : null];
  });
  return out;
}

export function clamp(x: Tensor, min: TensorLike | null = null, max: TensorLike | null = null): Tensor {
  return clampImpl(x, min, max, min instanceof Tensor || max instanceof Tensor ? 'ClampBackward0' : 'ClampBackward1');
}

/** The node name is the overload's (clamp, clamp_min, clamp_max; tensor or scalar bounds), as PyTorch's. */
function clampImpl(x: Tensor, min: TensorLike | null, max: TensorLike | null, name: string): Tensor {
  if (min === null && max === null) throw runtimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  const dt = resultTypeOf(x, ...(min !== null ? [min] : []), ...(max !== null ? [max] : []));
  let out: Tensor = x;
  // NaN propagates, as in PyTorch: comparisons with NaN are false, so x stays.
  if (min !== null) out = binary('clamp', out, min, 'x < y ? y : x', dt);
  if (max !== null) out = binary('clamp', out, max, 'x > y ? y : x', dt);
  record(name, out, [x, ...(min instanceof Tensor ? [min] : []), ...(max instanceof Tensor ? [max] : [])], [x], ([g], [xx]) => {
    let mask: Tensor | null = min !== null ? xx.ge(min) : null;
    if (max !== null) mask = mask ? mask.logical_and(xx.le(max)) : xx.le(max);
    const rest: (Tensor | null)[] = [];
    if (min instanceof Tensor) rest.push(sumToShape(g!.mul(xx.lt(min)), min.shape));
    if (max instanceof Tensor) rest.push(sumToShape(g!.mul(xx.gt(max)), max.shape));
    return [g!.mul(mask!), ...rest];
  });
  return out;
}
export const clip = clamp;
export const clamp_min = (x: Tensor, min: TensorLike) => clampImpl(x, min, null, min instanceof Tensor ? 'ClampMinBackward1' : 'ClampMinBackward0');
export const clamp_max = (x: Tensor, max: TensorLike) => clampImpl(x, null, max, max instanceof Tensor ? 'ClampMaxBackward1' : 'ClampMaxBackward0');

function minmax(name: 'maximum' | 'minimum', a: Tensor, b: Tensor): Tensor {
  const dt = resultTypeOf(a, b);
  const pick = name === 'maximum' ? '(x !== x || y !== y) ? NaN : (x > y ? x : y)' : '(x !== x || y !== y) ? NaN : (x < y ? x : y)';
  const out = binary(name, a, b, pick, dt);
  const node = name === 'maximum' ? 'MaximumBackward0' : 'MinimumBackward0';
  record(node, out, [a, b], [a, b], ([g], [x, y]) => {
    const win = name === 'maximum' ? x.gt(y) : x.lt(y);
    const tie = x.eq(y);
    const wa = win.to(g!.dtype).add(tie.to(g!.dtype).mul(0.5));
    return [sumToShape(g!.mul(wa), a.shape), sumToShape(g!.mul(wa.neg().add(1)), b.shape)];
  });
  return out;
}
export const maximum = (a: Tensor, b: Tensor) => minmax('maximum', a, b);
export const minimum = (a: Tensor, b: Tensor) => minmax('minimum', a, b);

/** start + weight * (end - start), with PyTorch's kernel form (exact at weight 1) and its node names. */
export function lerp(start: Tensor, end: Tensor, weight: TensorLike): Tensor {
  const dt = resultTypeOf(start, end);
  if (!isFloating(dt)) throw notImplemented(`"lerp_kernel_scalar" not implemented for '${scalarTypeName(dt)}'`);
  const device = commonDevice('lerp', start, end, weight);
  // A scalar weight rides in as a 0-dim tensor, so one compiled kernel serves every weight value.
  const w = asTensor(weight, dt, device);
  const out = mapTernary(start, end, w, '(Math.abs(z) < 0.5 ? x + z * (y - x) : y - (y - x) * (1 - z))', dt, device);
  if (weight instanceof Tensor) {
    record('LerpBackward1', out, [start, end, weight], [start, end, weight], ([g], [s, e, w]) => [
      sumToShape(g!.mul(w.neg().add(1)), s.shape), sumToShape(g!.mul(w), e.shape), sumToShape(g!.mul(e.sub(s)), w.shape),
    ]);
  } else {
    const v = weight as number;
    record('LerpBackward0', out, [start, end], [], ([g]) => [sumToShape(g!.mul(1 - v), start.shape), sumToShape(g!.mul(v), end.shape)]);
  }
  return out;
}

export const defaultFloat = get_default_dtype;
export type { Scalar };
