// The Python value types the torch bindings share: torch.dtype, torch.device, torch.Size, and the
// identity-preserving wrappers that turn engine Tensors/Modules into Python objects and back.
import { DTYPES, Tensor, TorchError, isFloating, itemsize, nn, type DType, type Device } from '../../engine/index';
import { sliceItems } from '../builtins/slices';
import { valueError } from '../runtime/exceptions';
import { defineMethod, nativeClass, newInstance } from '../runtime/native';
import { PyInstance, PyObject, type PyType, type PyValue } from '../runtime/object';
import {
  PySlice, PyTuple, builtinType, floatType, intType, boolType, tupleType,
} from '../runtime/types';
import { getItem, indexValue } from '../runtime/protocol';

/** An engine Module (the engine exports the class inside its `nn` namespace). */
export type EModule = InstanceType<typeof nn.Module>;

/** Where the bindings report things a user should know but that are not errors (e.g. `.cuda()` ignored). */
export const bindingHooks = {
  info: (_message: string): void => {},
};

// ---------------------------------------------------------------- torch.dtype

export const DtypeType: PyType = nativeClass({
  name: 'dtype', module: 'torch',
  methods: {
    '__repr__(self)': ([self]) => `torch.${dtypeOf(self)}`,
    '__reduce__(self)': ([self]) => dtypeOf(self),
  },
  properties: {
    is_floating_point: { get: (self) => isFloating(dtypeOf(self)) },
    is_signed: { get: (self) => !['uint8', 'bool'].includes(dtypeOf(self)) },
    itemsize: { get: (self) => itemsize(dtypeOf(self)) },
    is_complex: { get: (self) => dtypeOf(self) === 'complex64' },
  },
});

const dtypeObjects = new Map<DType, PyInstance>(DTYPES.map((d) => [d, newInstance(DtypeType, d)]));
const dtypeOf = (v: PyValue): DType => (v as PyInstance).payload as DType;

export function pyDtype(d: DType): PyInstance {
  return dtypeObjects.get(d)!;
}

/** torch's names and aliases for each dtype (torch.float, torch.long, ...). */
export const DTYPE_NAMES: Record<string, DType> = {
  float32: 'float32', float: 'float32', float64: 'float64', double: 'float64', float16: 'float16', half: 'float16',
  bfloat16: 'bfloat16', int64: 'int64', long: 'int64', int32: 'int32', int: 'int32', int16: 'int16', short: 'int16',
  int8: 'int8', uint8: 'uint8', bool: 'bool', complex64: 'complex64', cfloat: 'complex64',
};

/** A dtype argument: a torch.dtype, or Python's float/int/bool types (as torch accepts them). */
export function toDtype(v: PyValue): DType {
  if (v instanceof PyInstance && v.cls === DtypeType) return dtypeOf(v);
  if (v === floatType) return 'float64';
  if (v === intType) return 'int64';
  if (v === boolType) return 'bool';
  throw bindTypeError(`dtype must be torch.dtype, not ${v instanceof PyObject ? v.cls.name : typeof v}`);
}

/** A Python TypeError raised from binding code (the interpreter maps TorchError kinds to exceptions). */
export const bindTypeError = (msg: string): TorchError => new TorchError('TypeError', msg);

// ---------------------------------------------------------------- torch.device

export const DeviceType: PyType = nativeClass({
  name: 'device', module: 'torch',
  staticMethods: {
    '__new__(cls, type, index=None)': ([, type, index]) => {
      if (type instanceof PyInstance && type.cls === DeviceType) return type;
      if (typeof type === 'number') return makeDevice(`cuda:${type}`);
      if (typeof type !== 'string') throw bindTypeError('device() received an invalid combination of arguments');
      return makeDevice(typeof index === 'number' ? `${type}:${index}` : type);
    },
  },
  methods: {
    '__repr__(self)': ([self]) => {
      const [type, index] = deviceParts(self);
      return index === null ? `device(type='${type}')` : `device(type='${type}', index=${index})`;
    },
    '__str__(self)': ([self]) => (self as PyInstance).payload as string,
    '__eq__(self, other)': ([self, other]) => other instanceof PyInstance && other.cls === DeviceType && other.payload === (self as PyInstance).payload,
    '__hash__(self)': ([self]) => hashString((self as PyInstance).payload as string),
  },
  properties: {
    type: { get: (self) => deviceParts(self)[0] },
    index: { get: (self) => deviceParts(self)[1] ?? (undefined as never) },
  },
});

function hashString(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

const KNOWN_DEVICES = new Set(['cpu', 'cuda', 'meta', 'mps', 'xpu']);

export function makeDevice(spec: string): PyInstance {
  const type = spec.split(':')[0];
  if (!KNOWN_DEVICES.has(type)) {
    throw new TorchError('RuntimeError', `Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone device type at start of device string: ${spec}`);
  }
  return newInstance(DeviceType, spec);
}

function deviceParts(v: PyValue): [string, number | null] {
  const s = (v as PyInstance).payload as string;
  const [type, index] = s.split(':');
  return [type, index === undefined ? null : Number(index)];
}

/**
 * A device argument as the engine sees it. Accelerators do not exist here: 'cuda'/'mps' run on the
 * cpu, and the info hook tells the user once per call site kind.
 */
export function toDevice(v: PyValue): Device {
  const spec = v instanceof PyInstance && v.cls === DeviceType ? (v.payload as string) : typeof v === 'string' ? v : null;
  if (spec === null) throw bindTypeError(`device must be torch.device or str, not ${v instanceof PyObject ? v.cls.name : typeof v}`);
  const type = spec.split(':')[0];
  if (type === 'cpu' || type === 'meta') return type;
  if (!KNOWN_DEVICES.has(type)) makeDevice(spec);
  bindingHooks.info(`device '${spec}' is treated as 'cpu' (no GPU here)`);
  return 'cpu';
}

export const pyDevice = (d: Device): PyInstance => newInstance(DeviceType, d);

// ---------------------------------------------------------------- torch.Size

export const SizeType: PyType = builtinType('Size', tupleType, false, 'torch');
SizeType.dict.setStr('__module__', 'torch');
defineMethod(SizeType, '__repr__(self)', ([self]) => `torch.Size([${(self as PyTuple).items.map(String).join(', ')}])`);
defineMethod(SizeType, '__getitem__(self, key)', ([self, key]) => {
  const items = (self as PyTuple).items;
  if (key instanceof PySlice) return new PyTuple(sliceItems(items, key), SizeType);
  return getItem(new PyTuple(items), key);
});
defineMethod(SizeType, 'numel(self)', ([self]) => (self as PyTuple).items.reduce<number>((a, b) => a * (b as number), 1));
defineMethod(SizeType, '__add__(self, other)', ([self, other]) => {
  if (!(other instanceof PyTuple)) throw bindTypeError(`can only concatenate tuple (not "${other instanceof PyObject ? other.cls.name : typeof other}") to tuple`);
  return new PyTuple([...(self as PyTuple).items, ...other.items], SizeType);
});

export const pySize = (shape: readonly number[]): PyTuple => new PyTuple([...shape], SizeType);

// ---------------------------------------------------------------- identity-preserving wrappers

/** Set by tensor_type.ts and nn_module.ts (which define the classes); kept here to avoid an import cycle. */
export const wrappers = {
  tensorType: null as PyType | null,
  parameterType: null as PyType | null,
  /** The Python class of an engine Module created in JS (a layer returned by a container, ...). */
  moduleClassOf: (_m: EModule): PyType => {
    throw new Error('nnlens: nn bindings are not loaded');
  },
};

const tensorObjects = new WeakMap<Tensor, PyInstance>();
const moduleObjects = new WeakMap<EModule, PyInstance>();

/** The Python object of an engine Tensor: the same object every time, so `x.add_(1) is x`. */
export function wrapTensor(t: Tensor): PyInstance {
  let o = tensorObjects.get(t);
  if (o === undefined) {
    o = newInstance(t instanceof nn.Parameter ? wrappers.parameterType! : wrappers.tensorType!, t);
    tensorObjects.set(t, o);
  }
  return o;
}

/** Registers `o` as the Python object of `t` (a Python-side constructor made it). */
export function adoptTensor(t: Tensor, o: PyInstance): void {
  o.payload = t;
  tensorObjects.set(t, o);
}

export function wrapModule(m: EModule): PyInstance {
  let o = moduleObjects.get(m);
  if (o === undefined) {
    o = newInstance(wrappers.moduleClassOf(m), m);
    moduleObjects.set(m, o);
  }
  return o;
}

export function adoptModule(m: EModule, o: PyInstance): void {
  o.payload = m;
  moduleObjects.set(m, o);
}

export function moduleObjectOf(m: EModule): PyInstance | undefined {
  return moduleObjects.get(m);
}

export function isTensorValue(v: PyValue): v is PyInstance {
  return v instanceof PyInstance && v.payload instanceof Tensor;
}

export function tensorOf(v: PyValue): Tensor | undefined {
  return v instanceof PyInstance && v.payload instanceof Tensor ? v.payload : undefined;
}

export function moduleOf(v: PyValue): EModule | undefined {
  return v instanceof PyInstance && v.payload instanceof nn.Module ? v.payload : undefined;
}

/** An int argument (ints, bools and objects with __index__). */
export function toInt(v: PyValue, what = 'argument'): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'bigint') return Number(v);
  const t = tensorOf(v);
  if (t && t.numel() === 1 && !isFloating(t.dtype)) return Number(t.item());
  try {
    return indexValue(v);
  } catch {
    throw bindTypeError(`${what} must be int, not ${v instanceof PyObject ? v.cls.name : typeof v}`);
  }
}

export function checkPositive(n: number, what: string): number {
  if (n < 0) throw valueError(`${what} must be non-negative`);
  return n;
}

// ---------------------------------------------------------------- hook handles

/** What `register_*_hook` returns: `handle.remove()`, also usable as a context manager. */
export const HandleType: PyType = nativeClass({
  name: 'RemovableHandle', module: 'torch.utils.hooks',
  methods: {
    'remove(self)': ([self]) => {
      ((self as PyInstance).payload as { remove(): void }).remove();
    },
    '__enter__(self)': ([self]) => self,
    '__exit__(self, *args)': ([self]) => {
      ((self as PyInstance).payload as { remove(): void }).remove();
      return false;
    },
  },
});

export const isHandle = (v: unknown): v is { remove(): void } =>
  typeof v === 'object' && v !== null && typeof (v as { remove?: unknown }).remove === 'function' && !(v instanceof PyObject);
