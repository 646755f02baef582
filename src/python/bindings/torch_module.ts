// The `torch` module: factories, the functional forms of the Tensor methods (derived from the same
// table), dtypes, Size, device, grad-mode context managers/decorators, seeding, and torch.cuda/backends.
import {
  Generator, Tensor, TorchError, default_generator, get_default_dtype, gradMode, set_default_dtype, set_printoptions, torch,
  type DType,
} from '../../engine/index';
import type { Interpreter } from '../eval/interpreter';
import { makeModule } from '../eval/modules';
import { call } from '../runtime/call';
import { nativeClass, nativeRaw, newInstance, native } from '../runtime/native';
import { PyInstance, type PyType, type PyValue } from '../runtime/object';
import { None, PyBuiltin, PyFloat, PyFunction, PyBoundMethod, PyModule, PyStaticMethod, PyTuple } from '../runtime/types';
import { typeName } from '../runtime/protocol';
import { bind, inferredDtype, methodTarget, toNested, type Row } from './spec';
import { compileFn, setMatmulPrecision } from './shims';
import { getAttr } from '../runtime/attrs';
import { TENSOR_METHODS } from './tensor_methods';
import { TORCH_TAIL } from './torch_tail';
import { ParameterType, TensorType, setTensorFactory } from './tensor_type';
import {
  DTYPE_NAMES, DeviceType, DtypeType, SizeType, bindTypeError, bindingHooks, pyDtype, tensorOf, toDevice, toDtype, toInt,
  wrapTensor,
} from './values';

const FACTORY = 'dtype: dtype=None, layout: skip=None, device: device=None, requires_grad: bool=False, pin_memory: skip=False';

const CREATION: Row[] = [
  [`zeros(*size: sizes, out: skip=None, ${FACTORY}, memory_format: skip=None)`, (a) => torch.zeros(a[0] as number[], a[1] as never), { call: 'size {dtype device requires_grad}' }],
  [`ones(*size: sizes, out: skip=None, ${FACTORY}, memory_format: skip=None)`, (a) => torch.ones(a[0] as number[], a[1] as never), { call: 'size {dtype device requires_grad}' }],
  [`empty(*size: sizes, out: skip=None, ${FACTORY}, memory_format: skip=None)`, (a) => torch.empty(a[0] as number[], a[1] as never), { call: 'size {dtype device requires_grad}' }],
  [`rand(*size: sizes, generator: any=None, out: skip=None, ${FACTORY})`, (a) => torch.rand(a[0] as number[], a[1] as never), { call: 'size {generator dtype device requires_grad}' }],
  [`randn(*size: sizes, generator: any=None, out: skip=None, ${FACTORY})`, (a) => torch.randn(a[0] as number[], a[1] as never), { call: 'size {generator dtype device requires_grad}' }],
  ...['zeros_like', 'ones_like', 'empty_like', 'rand_like', 'randn_like'].map((n): Row => [
    `${n}(input: Tensor, *, ${FACTORY}, memory_format: skip=None)`, (a) => (torch as unknown as Record<string, (...x: unknown[]) => Tensor>)[n](...a),
    { call: 'input {dtype device requires_grad}' },
  ]),
  [`full_like(input: Tensor, fill_value: num, *, ${FACTORY}, memory_format: skip=None)`, (a) => torch.full_like(a[0] as Tensor, a[1] as number, a[2] as never), { call: 'input fill_value {dtype device requires_grad}' }],
  [`linspace(start: num, end: num, steps: int, *, out: skip=None, ${FACTORY})`, (a) => torch.linspace(a[0] as number, a[1] as number, a[2] as number, a[3] as never), { call: 'start end steps {dtype device requires_grad}' }],
  [`eye(n: int, m: int=None, *, out: skip=None, ${FACTORY})`, (a) => torch.eye(a[0] as number, a[1] as number, a[2] as never), { call: 'n m {dtype device requires_grad}' }],
  [`randint(low: int, high: any=None, size: ints=None, *, generator: any=None, out: skip=None, ${FACTORY})`, (a) => torch.randint(a[0] as number, a[1] as number, a[2] as number[], a[3] as never), { call: 'low high size {generator dtype device requires_grad}' }],
  [`randperm(n: int, *, generator: any=None, out: skip=None, ${FACTORY})`, (a) => torch.randperm(a[0] as number, a[1] as never), { call: 'n {generator dtype device requires_grad}' }],
  ['normal(mean: any, std: any=1.0, size: ints=None, *, generator: any=None)', (a) => torch.normal(a[0] as number, a[1] as number, a[2] as number[], a[3] as never), { call: 'mean std size {generator}' }],
  ...['cat', 'concat', 'concatenate', 'stack'].map((n): Row => [`${n}(tensors: Tensors, dim: int=0, *, out: skip=None)`, (a) => (torch as unknown as Record<string, (...x: unknown[]) => Tensor>)[n](...a)]),
  ...['hstack', 'vstack', 'dstack', 'row_stack'].map((n): Row => [`${n}(tensors: Tensors, *, out: skip=None)`, (a) => (torch as unknown as Record<string, (...x: unknown[]) => Tensor>)[n](...a)]),
  ['where(condition: Tensor, input: TensorLike=None, other: TensorLike=None)', (a) => (a.length === 1 ? (a[0] as Tensor).nonzero({ as_tuple: true }) : torch.where(a[0] as Tensor, a[1] as Tensor, a[2] as Tensor))],
  ['broadcast_tensors(*tensors: py)', (a) => torch.broadcast_tensors(...((a[0] as PyTuple).items.map((x) => tensorOf(x)!)))],
  ['tensordot(a: Tensor, b: Tensor, dims: any=2)', (a) => torch.tensordot(a[0] as Tensor, a[1] as Tensor, a[2] as number)],
  ['multi_dot(tensors: Tensors)', (a) => torch.multi_dot(a[0] as Tensor[])],
  ['std_mean(input: Tensor, dim: any=None, unbiased: bool=None, keepdim: bool=False, *, correction: num=None)', (a) => torch.std_mean(...(a as [Tensor])), { call: 'input dim unbiased keepdim {correction}' }],
  ['var_mean(input: Tensor, dim: any=None, unbiased: bool=None, keepdim: bool=False, *, correction: num=None)', (a) => torch.var_mean(...(a as [Tensor])), { call: 'input dim unbiased keepdim {correction}' }],
  ['equal(input: Tensor, other: Tensor)', (a) => {
    const [x, y] = a as [Tensor, Tensor];
    return x.shape.length === y.shape.length && x.shape.every((d, i) => d === y.shape[i]) && Boolean(x.eq(y).all().item());
  }],
  ['isclose(input: Tensor, other: Tensor, rtol: num=1e-05, atol: num=1e-08, equal_nan: bool=False)', (a) => isclose(...(a as [Tensor, Tensor, number, number, boolean]))],
  ['allclose(input: Tensor, other: Tensor, rtol: num=1e-05, atol: num=1e-08, equal_nan: bool=False)', (a) => Boolean(isclose(...(a as [Tensor, Tensor, number, number, boolean])).all().item())],
  ['save(obj: py, f: py, *args: skip, **kwargs: skip)', () => noFiles('torch.save')],
  ['load(f: py, *args: skip, **kwargs: skip)', () => noFiles('torch.load')],
  ['numel(input: Tensor)', (a) => (a[0] as Tensor).numel()],
  ['is_floating_point(input: Tensor)', (a) => (a[0] as Tensor).is_floating_point()],
  ['manual_seed(seed: py)', (a) => newInstance(GeneratorType, torch.manual_seed(seedArg(a[0] as PyValue)))],
  ['initial_seed()', () => Number(torch.initial_seed())],
  ['seed()', () => Number(torch.seed())],
  ['get_rng_state()', () => torch.get_rng_state()],
  ['set_rng_state(new_state: Tensor)', (a) => torch.set_rng_state(a[0] as Tensor), { ret: 'none' }],
  ['is_grad_enabled()', () => gradMode.is_grad_enabled()],
  ['is_inference_mode_enabled()', () => gradMode.is_inference_mode_enabled()],
  ['set_default_device(device: device)', (a) => torch.set_default_device(a[0] as never), { ret: 'none' }],
  ['get_default_device()', () => pyDeviceOf(torch.get_default_device())],
  ['finfo(type: dtype=None)', (a) => finfo((a[0] as DType | undefined) ?? get_default_dtype())],
  ['iinfo(type: dtype)', (a) => iinfo(a[0] as DType)],
  ['get_default_dtype()', () => pyDtype(get_default_dtype())],
  ['set_default_dtype(d: dtype)', (a) => set_default_dtype(a[0] as DType), { ret: 'none' }],
  ['promote_types(type1: dtype, type2: dtype)', (a) => pyDtype(torch.promote_types(a[0] as DType, a[1] as DType))],
  ['set_printoptions(precision: int=None, threshold: int=None, edgeitems: int=None, linewidth: int=None, profile: str=None, sci_mode: bool=None)',
    (a) => set_printoptions(a[0] as never), { call: '{precision threshold edgeitems linewidth profile sci_mode}', ret: 'none' }],
];

/** torch.finfo / torch.iinfo objects: the engine's numeric limits (ops/tail_info.ts) as read-only fields, engine repr. */
function infoClass(name: string, fields: string[]): PyType {
  const properties: Record<string, { get: (s: PyValue) => PyValue }> = {};
  for (const f of fields) properties[f] = { get: (self) => ((self as PyInstance).payload as { py: Record<string, PyValue> }).py[f] };
  return nativeClass({ name, module: 'torch', properties, methods: { '__repr__(self)': ([self]) => String(((self as PyInstance).payload as { info: object }).info) } });
}
const FinfoType = infoClass('finfo', ['bits', 'eps', 'max', 'min', 'tiny', 'smallest_normal', 'resolution', 'dtype']);
const IinfoType = infoClass('iinfo', ['bits', 'min', 'max', 'dtype']);

function finfo(d: DType): PyValue {
  const f = torch.finfo(d);
  const py: Record<string, PyValue> = { bits: f.bits, dtype: f.dtype };
  for (const k of ['eps', 'max', 'min', 'tiny', 'smallest_normal', 'resolution'] as const) py[k] = new PyFloat(f[k]);
  return newInstance(FinfoType, { info: f, py });
}

/** int64's limits are exact Python ints (bigints): 2**63 - 1 is not a double. */
function iinfo(d: DType): PyValue {
  const i = torch.iinfo(d);
  const py: Record<string, PyValue> = { bits: i.bits, min: i.bits === 64 ? -(2n ** 63n) : i.min, max: i.bits === 64 ? 2n ** 63n - 1n : i.max, dtype: i.dtype };
  return newInstance(IinfoType, { info: i, py });
}

function pyDeviceOf(d: string): PyValue {
  return newInstance(DeviceType, d);
}

/** A seed keeps all 64 bits: Python ints beyond 2**53 arrive as bigints. */
const seedArg = (v: PyValue): number | bigint => (typeof v === 'bigint' ? v : toInt(v, 'seed'));

function noFiles(what: string): never {
  throw new TorchError('RuntimeError', `${what}: nnlens runs model files in a sandbox without file access (checkpoints cannot be read or written)`);
}

/** |input - other| <= atol + rtol * |other|, composed from engine ops (NaNs equal only with equal_nan). */
function isclose(x: Tensor, y: Tensor, rtol = 1e-5, atol = 1e-8, equalNan = false): Tensor {
  const close = x.sub(y).abs().le(y.abs().mul(rtol).add(atol)).logical_or(x.eq(y));
  return equalNan ? close.logical_or(x.isnan().logical_and(y.isnan())) : close;
}

/** torch.add(input, ...) etc.: the Tensor method rows with `self` renamed `input`, for names torch has. */
function functionalRows(): Row[] {
  const have = new Set(Object.keys(torch));
  const skip = new Set(CREATION.map((r) => r[0].slice(0, r[0].indexOf('('))));
  const out: Row[] = [];
  for (const [sig, target, opts] of TENSOR_METHODS) {
    const name = sig.slice(0, sig.indexOf('('));
    if (!have.has(name) || skip.has(name) || name.endsWith('_')) continue;
    const fsig = sig.replace('(self', '(input: Tensor');
    const call = opts?.call?.replace(/\bself\b/, 'input');
    out.push([fsig, typeof target === 'function' ? target : methodTarget(target ?? name), { ...opts, call }]);
  }
  return out;
}

// ---------------------------------------------------------------- special forms

/** torch.tensor(data, dtype=None, device=None, requires_grad=False): the dtype inferred as PyTorch does. */
const tensorFn = native('tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False)', ([data, dtype, device, rg]) => {
  const t = tensorOf(data);
  const o = { dtype: dtype === None ? undefined : toDtype(dtype), device: device === None ? undefined : toDevice(device), requires_grad: rg === true };
  if (t) return wrapTensor(torch.tensor(t, o));
  const { data: d, kind } = toNested(data);
  o.dtype ??= inferredDtype(kind, get_default_dtype());
  return wrapTensor(torch.tensor(d as never, o));
});
setTensorFactory((d) => torch.tensor(d as never));

const asTensorFn = native('as_tensor(data, dtype=None, device=None)', ([data, dtype, device]) => {
  const t = tensorOf(data);
  if (t) return wrapTensor(t.to({ dtype: dtype === None ? undefined : toDtype(dtype), device: device === None ? undefined : toDevice(device) }));
  return call(tensorFn, [data], new Map([['dtype', dtype], ['device', device]]));
});

const isFloat = (v: PyValue): boolean => v instanceof PyFloat || (tensorOf(v)?.is_floating_point() ?? false);
const num = (v: PyValue): number => (v instanceof PyFloat ? v.value : tensorOf(v) ? Number(tensorOf(v)!.item()) : toInt(v));

/** torch.arange(end) / arange(start, end, step=1): float bounds give the default float dtype. */
const arangeFn = native('arange(start, end=None, step=1, *, out=None, dtype=None, layout=None, device=None, requires_grad=False)',
  ([start, end, step, , dtype, , device, rg]) => {
    const floaty = isFloat(start) || isFloat(end) || isFloat(step);
    const dt = dtype !== None ? toDtype(dtype) : floaty ? get_default_dtype() : 'int64';
    const [s, e] = end === None ? [0, num(start)] : [num(start), num(end)];
    return wrapTensor(torch.arange(s, e, num(step), { dtype: dt, device: device === None ? undefined : toDevice(device), requires_grad: rg === true }));
  });

/** torch.full(size, fill_value): a float fill gives the default float dtype, an int fill int64. */
const fullFn = native('full(size, fill_value, *, out=None, dtype=None, layout=None, device=None, requires_grad=False)',
  ([size, fill, , dtype, , device, rg]) => {
    const shape = size instanceof PyTuple || size instanceof Object && 'items' in (size as object) ? ((size as PyTuple).items.map((x) => toInt(x))) : [toInt(size)];
    const dt = dtype !== None ? toDtype(dtype) : typeof fill === 'boolean' ? 'bool' : isFloat(fill) ? get_default_dtype() : 'int64';
    return wrapTensor(torch.full(shape, typeof fill === 'boolean' ? fill : num(fill), { dtype: dt, device: device === None ? undefined : toDevice(device), requires_grad: rg === true }));
  });

const einsumFn = nativeRaw('einsum', (args) => {
  const [eq, ...rest] = args;
  if (typeof eq !== 'string') throw bindTypeError(`einsum(): argument 'equation' must be str, not ${typeName(eq)}`);
  const ops = rest.length === 1 && !tensorOf(rest[0]) && rest[0] instanceof Object && 'items' in (rest[0] as object) ? (rest[0] as PyTuple).items : rest;
  return wrapTensor(torch.einsum(eq, ...ops.map((o) => {
    const t = tensorOf(o);
    if (!t) throw bindTypeError(`einsum(): operands must be Tensors, not ${typeName(o)}`);
    return t;
  })));
});

const isTensorFn = native('is_tensor(obj)', ([obj]) => tensorOf(obj) !== undefined);

/**
 * The legacy constructors: torch.Tensor(2, 3) / torch.FloatTensor([1, 2]) / torch.LongTensor(4):
 * sizes give a zero-filled tensor (PyTorch leaves it uninitialised), a sequence gives its values.
 */
function legacyConstructor(name: string, dtype: DType): PyBuiltin {
  return nativeRaw(name, (args, kwargs) => {
    if (kwargs && kwargs.size) throw bindTypeError(`${name}() got an unexpected keyword argument '${[...kwargs.keys()][0]}'`);
    const first = args[0];
    const isShape = first instanceof PyTuple && first.cls === SizeType;
    if (args.length === 1 && !isShape && typeof first !== 'number' && typeof first !== 'boolean' && typeof first !== 'bigint') {
      const t = tensorOf(first);
      if (t) return wrapTensor(t.to({ dtype }));
      return wrapTensor(torch.tensor(toNested(first).data as never, { dtype }));
    }
    const shape = isShape ? (first as PyTuple).items.map((x) => toInt(x)) : args.map((x) => toInt(x));
    return wrapTensor(torch.zeros(shape, { dtype }));
  });
}

const LEGACY: Record<string, DType> = {
  FloatTensor: 'float32', DoubleTensor: 'float64', HalfTensor: 'float16', LongTensor: 'int64', IntTensor: 'int32',
  ShortTensor: 'int16', ByteTensor: 'uint8', CharTensor: 'int8', BoolTensor: 'bool',
};

// ---------------------------------------------------------------- grad-mode context managers and decorators

const isCallableValue = (v: PyValue): boolean => v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyBoundMethod;

/** A class usable as `with torch.no_grad():`, `@torch.no_grad()` and `@torch.no_grad`. */
function gradModeClass(name: string, immediate = false): PyType {
  const wrap = (fn: PyValue, m: boolean): PyBuiltin => {
    const fname = fn instanceof PyFunction ? fn.name : 'wrapper';
    const w = nativeRaw(fname, (args, kwargs) => {
      const prev = gradMode.enterGradMode(m);
      try {
        return call(fn, args, kwargs);
      } finally {
        gradMode.exitGradMode(prev);
      }
    });
    return w;
  };
  const cls: PyType = nativeClass({
    name, module: 'torch',
    staticMethods: {
      '__new__(cls, *args, **kwargs)': ([c, args]) => {
        const items = (args as PyTuple).items;
        const self = newInstance(c as PyType, { prev: true, mode: true });
        if (items.length === 1 && isCallableValue(items[0]) && name !== 'set_grad_enabled') return wrap(items[0], name === 'enable_grad');
        return self;
      },
    },
    methods: {
      '__init__(self, mode=True)': ([self, m]) => {
        const st = (self as PyInstance).payload as { prev: boolean; mode: boolean };
        st.mode = name === 'no_grad' ? false : name === 'enable_grad' ? true : name === 'inference_mode' ? !(m !== false) : m === true;
        if (immediate) {
          st.prev = gradMode.enterGradMode(st.mode);
        }
      },
      '__enter__(self)': ([self]) => {
        const st = (self as PyInstance).payload as { prev: boolean; mode: boolean };
        if (!immediate) st.prev = gradMode.enterGradMode(st.mode);
        return None;
      },
      '__exit__(self, *args)': ([self]) => {
        gradMode.exitGradMode(((self as PyInstance).payload as { prev: boolean }).prev);
        return false;
      },
      '__call__(self, fn)': ([self, fn]) => wrap(fn, ((self as PyInstance).payload as { mode: boolean }).mode),
      'clone(self)': ([self]) => newInstance(cls, { ...((self as PyInstance).payload as object) }),
    },
  });
  return cls;
}

const noGrad = gradModeClass('no_grad');
const enableGrad = gradModeClass('enable_grad');
const inferenceMode = gradModeClass('inference_mode');
const setGradEnabled = gradModeClass('set_grad_enabled', true);

// ---------------------------------------------------------------- torch.Generator

export const GeneratorType: PyType = nativeClass({
  name: 'Generator', module: 'torch',
  staticMethods: { '__new__(cls, device="cpu")': ([c]) => newInstance(c as PyType, new Generator()) },
  methods: {
    'manual_seed(self, seed)': ([self, seed]) => {
      ((self as PyInstance).payload as Generator).manual_seed(seedArg(seed));
      return self;
    },
    'initial_seed(self)': ([self]) => Number(((self as PyInstance).payload as Generator).initial_seed()),
    'seed(self)': ([self]) => Number(((self as PyInstance).payload as Generator).seed()),
  },
});

// ---------------------------------------------------------------- assembling the module

function rowsToDict(rows: Row[]): Record<string, PyValue> {
  const out: Record<string, PyValue> = {};
  for (const [sig, target, opts] of rows) {
    const name = sig.slice(0, sig.indexOf('('));
    out[name] = bind(sig, typeof target === 'function' ? target : methodTarget(target ?? name), opts);
  }
  return out;
}

// torch.Tensor(...) itself: the legacy float32 constructor.
const tensorNew = legacyConstructor('Tensor', 'float32');
TensorType.setAttr('__new__', new PyStaticMethod(nativeRaw('__new__', (args, kwargs, interp) => tensorNew.raw!(args.slice(1), kwargs, interp))));

let shared: Record<string, PyValue> | null = null;

function torchAttrs(): Record<string, PyValue> {
  if (shared) return shared;
  const dtypes: Record<string, PyValue> = {};
  for (const [n, d] of Object.entries(DTYPE_NAMES)) dtypes[n] = pyDtype(d);
  shared = {
    ...rowsToDict(functionalRows()),
    ...rowsToDict(CREATION),
    ...rowsToDict(TORCH_TAIL),
    default_generator: newInstance(GeneratorType, default_generator),
    ...dtypes,
    Tensor: TensorType, Size: SizeType, device: DeviceType, dtype: DtypeType, Generator: GeneratorType,
    tensor: tensorFn, as_tensor: asTensorFn, arange: arangeFn, full: fullFn, einsum: einsumFn, is_tensor: isTensorFn,
    no_grad: noGrad, enable_grad: enableGrad, inference_mode: inferenceMode, set_grad_enabled: setGradEnabled,
    strided: 'torch.strided', __version__: '2.13.0+nnlens',
    compile: compileFn, set_float32_matmul_precision: setMatmulPrecision,
    ...Object.fromEntries(Object.entries(LEGACY).map(([n, d]) => [n, legacyConstructor(n, d)])),
  };
  return shared;
}

const SUBMODULES = new Set(['nn', 'optim', 'cuda', 'backends', 'autograd', 'utils', 'amp', 'jit']);

export function createTorchModule(interp: Interpreter): PyModule {
  const m = makeModule('torch', torchAttrs());
  // `import torch` then `torch.nn.Linear`: submodules load on first attribute access.
  m.dict.setStr('__getattr__', native('__getattr__(name)', ([name]) => {
    if (typeof name === 'string' && SUBMODULES.has(name)) return interp.importModule(`torch.${name}`);
    if (name === 'autocast') return getAttr(interp.importModule('torch.amp'), 'autocast');
    throw new TorchError('AttributeError', `module 'torch' has no attribute '${String(name)}'`);
  }));
  return m;
}

export function createCudaModule(interp: Interpreter): PyModule {
  const no = native('is_available()', () => false);
  const zero = native('device_count()', () => 0);
  const nothing = (n: string) => native(`${n}(*args, **kwargs)`, () => None);
  return makeModule('torch.cuda', {
    is_available: no, device_count: zero, manual_seed: nothing('manual_seed'), manual_seed_all: nothing('manual_seed_all'),
    synchronize: nothing('synchronize'), empty_cache: nothing('empty_cache'), is_bf16_supported: native('is_bf16_supported()', () => false),
    current_device: native('current_device()', () => {
      throw new TorchError('RuntimeError', 'Found no NVIDIA driver on your system. (nnlens runs on the CPU)');
    }),
    __getattr__: native('__getattr__(name)', ([name]) => {
      if (name === 'amp') return interp.importModule('torch.cuda.amp');
      throw new TorchError('AttributeError', `module 'torch.cuda' has no attribute '${String(name)}'`);
    }),
  });
}

export function createBackendsModule(): PyModule {
  const cudnn = makeModule('torch.backends.cudnn', {
    benchmark: false, deterministic: false, enabled: true, allow_tf32: true, is_available: native('is_available()', () => false),
  });
  const cuda = makeModule('torch.backends.cuda', { matmul: makeModule('torch.backends.cuda.matmul', { allow_tf32: false, allow_fp16_reduced_precision_reduction: true }) });
  const mps = makeModule('torch.backends.mps', { is_available: native('is_available()', () => false), is_built: native('is_built()', () => false) });
  return makeModule('torch.backends', { cudnn, mps, cuda });
}

export function createAutogradModule(): PyModule {
  return makeModule('torch.autograd', {
    grad: bind('grad(outputs: any, inputs: any, grad_outputs: any=None, retain_graph: bool=None, create_graph: bool=False, allow_unused: bool=None)',
      (a) => torch.autograd.grad(a[0] as never, a[1] as never, a[2] as never, a[3] as never, a[4] as never, a[5] as never)),
    backward: bind('backward(tensors: any, grad_tensors: any=None, retain_graph: bool=None, create_graph: bool=False)',
      (a) => torch.autograd.backward(a[0] as never, a[1] as never, a[2] as never, a[3] as never), { ret: 'none' }),
    no_grad: noGrad, enable_grad: enableGrad, set_grad_enabled: setGradEnabled,
  });
}

export { noGrad, ParameterType, bindingHooks };
