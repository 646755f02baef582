// torch.Tensor and nn.Parameter as Python classes: properties, operators (reflected and in-place),
// indexing through the engine's index/index_put_, printing via formatTensor, and the method table.
import {
  Ellipsis as EngineEllipsis, Tensor, TorchError, formatTensor, index, index_put, index_put_, nn, pySlice, wrappedScalar,
  type IndexItem, type Node,
} from '../../engine/index';
import { formatValue } from '../runtime/format';
import { defineMethod, nativeClass, newInstance } from '../runtime/native';
import { PyInstance, type PyType, type PyValue } from '../runtime/object';
import { objectId, typeName } from '../runtime/protocol';
import {
  Ellipsis, None, NotImplemented, PyFloat, PyIterator, PyList, PySlice, PyTuple, builtinType, tuple,
} from '../runtime/types';
import { bind, itemToPy, methodTarget, scalarOperand, toNested, type Row } from './spec';
import { TENSOR_METHODS } from './tensor_methods';
import {
  DeviceType, DtypeType, adoptTensor, bindTypeError, bindingHooks, pyDevice, pyDtype, pySize, tensorOf, toDevice, toDtype,
  toInt, wrapTensor, wrappers,
} from './values';

const T = (v: PyValue): Tensor => (v as PyInstance).payload as Tensor;

export const TensorType: PyType = nativeClass({
  name: 'Tensor', module: 'torch',
  properties: {
    shape: { get: (s) => pySize(T(s).shape) },
    dtype: { get: (s) => pyDtype(T(s).dtype) },
    device: { get: (s) => pyDevice(T(s).device) },
    ndim: { get: (s) => T(s).dim() },
    is_leaf: { get: (s) => T(s).is_leaf },
    is_cuda: { get: () => false },
    is_meta: { get: (s) => T(s).device === 'meta' },
    is_sparse: { get: () => false },
    is_quantized: { get: () => false },
    itemsize: { get: (s) => T(s).element_size() },
    nbytes: { get: (s) => T(s).element_size() * T(s).numel() },
    layout: { get: () => 'torch.strided' },
    T: { get: (s) => wrapTensor(T(s).dim() < 2 ? T(s) : T(s).permute(...[...Array(T(s).dim()).keys()].reverse())) },
    mT: { get: (s) => wrapTensor(T(s).mT) },
    real: { get: (s) => wrapTensor(T(s).real) },
    imag: { get: (s) => wrapTensor(T(s).imag) },
    _version: { get: (s) => T(s)._version },
    retains_grad: { get: (s) => T(s).retains_grad },
    grad_fn: { get: (s) => (T(s).grad_fn ? wrapNode(T(s).grad_fn!) : None) },
    requires_grad: {
      get: (s) => T(s).requires_grad,
      set: (s, v) => { T(s).requires_grad = v === true; },
    },
    grad: {
      get: (s) => (T(s).grad ? wrapTensor(T(s).grad!) : None),
      set: (s, v) => { T(s).grad = v === None ? null : tensorArg(v, 'grad'); },
    },
    data: {
      get: (s) => wrapTensor(T(s).data),
      set: (s, v) => { T(s).data = tensorArg(v, 'data'); },
    },
  },
});

export const ParameterType: PyType = nativeClass({
  name: 'Parameter', module: 'torch.nn.parameter', bases: [TensorType],
  staticMethods: {
    '__new__(cls, data=None, requires_grad=True)': ([cls, data, rg]) => {
      const p = new nn.Parameter(data === None ? null : tensorArg(data, 'data'), rg !== false);
      const o = new PyInstance(cls as PyType);
      adoptTensor(p, o);
      return o;
    },
  },
});

wrappers.tensorType = TensorType;
wrappers.parameterType = ParameterType;

function tensorArg(v: PyValue, what: string): Tensor {
  const t = tensorOf(v);
  if (!t) throw bindTypeError(`${what} must be a Tensor, not ${typeName(v)}`);
  return t;
}

// ---------------------------------------------------------------- grad_fn nodes

const nodeTypes = new Map<string, PyType>();
const nodeObjects = new WeakMap<Node, PyInstance>();

function wrapNode(n: Node): PyInstance {
  let o = nodeObjects.get(n);
  if (o) return o;
  let t = nodeTypes.get(n.name());
  if (!t) {
    t = builtinType(n.name(), undefined, false);
    defineMethod(t, 'name(self)', ([s]) => ((s as PyInstance).payload as Node).name());
    defineMethod(t, '__repr__(self)', ([s]) => `<${((s as PyInstance).payload as Node).name()} object at 0x${objectId(s).toString(16).padStart(12, '0')}>`);
    t.setAttr('next_functions', None);
    nodeTypes.set(n.name(), t);
  }
  o = newInstance(t, n);
  o.dict!.setStr('next_functions', tuple(n.next_functions.map(([f, i]) => tuple([f ? wrapNode(f) : None, i]))));
  nodeObjects.set(n, o);
  return o;
}

// ---------------------------------------------------------------- operators

/** The other operand of an operator: a Tensor, a Python number (floats wrapped), or NotImplemented. */
function operand(v: PyValue): Tensor | number | boolean | undefined {
  return tensorOf(v) ?? scalarOperand(v);
}

/** A Python number as a 0-dim tensor that promotes like a scalar (for reflected operators). */
function wrapScalar(v: number | boolean | Tensor): Tensor {
  if (v instanceof Tensor) return v;
  return wrappedScalar(v, typeof v === 'boolean' ? 'bool' : 'int');
}

type Eng = (a: Tensor, b: Tensor | number | boolean) => Tensor;
const call = (name: string): Eng => (a, b) => (a as unknown as Record<string, (x: unknown) => Tensor>)[name](b);

const BINARY: [string, Eng, Eng | null, string | null][] = [
  // [dunder stem, forward, reflected (other op self), in-place method]
  ['add', call('add'), (a, b) => wrapScalar(b).add(a), 'add_'],
  ['sub', call('sub'), (a, b) => a.rsub(b), 'sub_'],
  ['mul', call('mul'), (a, b) => wrapScalar(b).mul(a), 'mul_'],
  ['truediv', call('div'), (a, b) => wrapScalar(b).div(a), 'div_'],
  ['floordiv', call('floor_divide'), (a, b) => wrapScalar(b).floor_divide(a), 'floor_divide_'],
  ['mod', call('remainder'), (a, b) => wrapScalar(b).remainder(a), 'remainder_'],
  ['pow', call('pow'), (a, b) => wrapScalar(b).pow(a), 'pow_'],
  ['matmul', call('matmul'), (a, b) => wrapScalar(b).matmul(a), null],
  ['and', call('bitwise_and'), (a, b) => wrapScalar(b).bitwise_and(a), null],
  ['or', call('bitwise_or'), (a, b) => wrapScalar(b).bitwise_or(a), null],
  ['xor', call('bitwise_xor'), (a, b) => wrapScalar(b).bitwise_xor(a), null],
];

for (const [stem, fwd, rev, inplace] of BINARY) {
  defineMethod(TensorType, `__${stem}__(self, other)`, ([self, other]) => {
    const o = operand(other);
    return o === undefined ? NotImplemented : wrapTensor(fwd(T(self), o));
  });
  if (rev) {
    defineMethod(TensorType, `__r${stem}__(self, other)`, ([self, other]) => {
      const o = operand(other);
      return o === undefined ? NotImplemented : wrapTensor(rev(T(self), o));
    });
  }
  if (inplace) {
    defineMethod(TensorType, `__i${stem}__(self, other)`, ([self, other]) => {
      const o = operand(other);
      if (o === undefined) return NotImplemented;
      (T(self) as unknown as Record<string, (x: unknown) => Tensor>)[inplace](o);
      return self;
    });
  }
}

for (const [dunder, name] of [['eq', 'eq'], ['ne', 'ne'], ['lt', 'lt'], ['le', 'le'], ['gt', 'gt'], ['ge', 'ge']]) {
  defineMethod(TensorType, `__${dunder}__(self, other)`, ([self, other]) => {
    const o = operand(other);
    return o === undefined ? NotImplemented : wrapTensor(call(name)(T(self), o));
  });
}
defineMethod(TensorType, '__hash__(self)', ([self]) => objectId(self));
defineMethod(TensorType, '__neg__(self)', ([self]) => wrapTensor(T(self).neg()));
defineMethod(TensorType, '__pos__(self)', ([self]) => self);
defineMethod(TensorType, '__abs__(self)', ([self]) => wrapTensor(T(self).abs()));
defineMethod(TensorType, '__invert__(self)', ([self]) => wrapTensor(T(self).dtype === 'bool' ? T(self).logical_not() : T(self).bitwise_not()));

// ---------------------------------------------------------------- Python protocols

defineMethod(TensorType, '__repr__(self)', ([self]) => formatTensor(T(self)));
defineMethod(TensorType, '__format__(self, spec)', ([self, spec]) => {
  const t = T(self);
  if (spec === '' || t.dim() !== 0) return formatTensor(t);
  return formatValue(itemToPy(t, t.item()), spec as string);
});
defineMethod(TensorType, '__len__(self)', ([self]) => {
  if (T(self).dim() === 0) throw bindTypeError('len() of a 0-d tensor');
  return T(self).shape[0];
});
defineMethod(TensorType, '__iter__(self)', ([self]) => {
  const t = T(self);
  if (t.dim() === 0) throw bindTypeError('iteration over a 0-d tensor');
  let i = 0;
  return new PyIterator(() => (i < t.shape[0] ? wrapTensor(t.select(0, i++)) : undefined));
});
defineMethod(TensorType, '__bool__(self)', ([self]) => {
  const t = T(self);
  if (t.numel() === 0) throw new TorchError('RuntimeError', 'Boolean value of Tensor with no values is ambiguous');
  if (t.numel() > 1) throw new TorchError('RuntimeError', 'Boolean value of Tensor with more than one value is ambiguous');
  return Boolean(t.item());
});
function scalarOf(t: Tensor): number | boolean {
  if (t.numel() !== 1) throw new TorchError('RuntimeError', `a Tensor with ${t.numel()} elements cannot be converted to Scalar`);
  return t.item();
}
defineMethod(TensorType, '__float__(self)', ([self]) => new PyFloat(Number(scalarOf(T(self)))));
defineMethod(TensorType, '__int__(self)', ([self]) => Math.trunc(Number(scalarOf(T(self)))));
defineMethod(TensorType, '__index__(self)', ([self]) => {
  const t = T(self);
  if (t.numel() !== 1 || t.is_floating_point() || t.dtype === 'bool') {
    throw bindTypeError('only integer tensors of a single element can be converted to an index');
  }
  return Number(t.item());
});
defineMethod(TensorType, '__contains__(self, item)', ([self, item]) => {
  const o = operand(item);
  if (o === undefined) throw new TorchError('RuntimeError', `Tensor.__contains__ only supports Tensor or scalar, but you passed in a ${typeName(item)}.`);
  return Boolean(T(self).eq(o).any().item());
});

/** A Python subscript as the engine's index items. */
function indexItems(key: PyValue): IndexItem[] {
  const items = key instanceof PyTuple ? key.items : [key];
  return items.map((k): IndexItem => {
    if (typeof k === 'number' || typeof k === 'boolean') return k;
    if (typeof k === 'bigint') return Number(k);
    if (k === None) return null;
    if (k === Ellipsis) return EngineEllipsis;
    if (k instanceof PySlice) {
      const b = (v: PyValue) => (v === None ? null : toInt(v, 'slice indices'));
      return pySlice(b(k.start), b(k.stop), b(k.step));
    }
    const t = tensorOf(k);
    if (t) return t;
    if (k instanceof PyList || k instanceof PyTuple) return toNested(k).data as IndexItem;
    return toInt(k, 'index');
  });
}

defineMethod(TensorType, '__getitem__(self, key)', ([self, key]) => wrapTensor(index(T(self), indexItems(key))));
defineMethod(TensorType, '__setitem__(self, key, value)', ([self, key, value]) => {
  const t = tensorOf(value);
  let v: Tensor | number | boolean;
  if (t) v = t;
  else if (value instanceof PyFloat) v = value.value;
  else if (typeof value === 'number' || typeof value === 'boolean') v = value;
  else if (value instanceof PyList || value instanceof PyTuple) v = wrapTensorData(value);
  else throw bindTypeError(`can't assign a ${typeName(value)} to a ${T(self).type() as string}`);
  index_put_(T(self), indexItems(key), v);
});

function wrapTensorData(v: PyValue): Tensor {
  return tensorFromNested(toNested(v).data);
}
let tensorFromNested: (data: unknown) => Tensor = () => {
  throw new Error('nnlens: torch bindings not loaded');
};
/** torch_module.ts installs torch.tensor so __setitem__ can turn lists into tensors. */
export function setTensorFactory(f: (data: unknown) => Tensor): void {
  tensorFromNested = f;
}

for (const name of ['index_put', 'index_put_'] as const) {
  defineMethod(TensorType, `${name}(self, indices, values, accumulate=False)`, ([self, indices, values, acc]) => {
    const items = indexItems(indices instanceof PyTuple ? indices : new PyTuple(toArrayItems(indices)));
    const v = tensorOf(values);
    if (!v) throw bindTypeError(`${name}(): argument 'values' must be Tensor, not ${typeName(values)}`);
    const r = (name === 'index_put' ? index_put : index_put_)(T(self), items, v, acc === true);
    return wrapTensor(r);
  });
}
const toArrayItems = (v: PyValue): PyValue[] => (v instanceof PyList ? v.items : [v]);

// ---------------------------------------------------------------- conversions with several forms

/** Tensor.to(dtype) / to(device) / to(other) / to(device, dtype) / to(dtype=..., device=...). */
defineMethod(TensorType, 'to(self, *args, dtype=None, device=None, non_blocking=False, copy=False, memory_format=None)',
  ([self, args, dtype, device, , copy]) => {
    const o: { dtype?: Tensor['dtype']; device?: Tensor['device']; copy?: boolean } = {};
    for (const a of (args as PyTuple).items) {
      const t = tensorOf(a);
      if (t) {
        o.dtype = t.dtype;
        o.device = t.device;
      } else if (a instanceof PyInstance && a.cls === DtypeType) o.dtype = toDtype(a);
      else if (typeof a === 'string' || (a instanceof PyInstance && a.cls === DeviceType)) o.device = toDevice(a);
      else if (a !== None) throw bindTypeError(`to() received an invalid combination of arguments - got (${typeName(a)})`);
    }
    if (dtype !== None) o.dtype = toDtype(dtype);
    if (device !== None) o.device = toDevice(device);
    if (copy === true) o.copy = true;
    return wrapTensor(T(self).to(o));
  });
defineMethod(TensorType, 'cuda(self, device=None, non_blocking=False)', ([self]) => {
  bindingHooks.info("'.cuda()' has no effect: tensors stay on the cpu (no GPU here)");
  return self;
});
defineMethod(TensorType, 'type(self, dtype=None, non_blocking=False)', ([self, dtype]) => {
  if (dtype === None) return T(self).type() as string;
  if (typeof dtype === 'string') {
    const names: Record<string, Tensor['dtype']> = {
      'torch.FloatTensor': 'float32', 'torch.DoubleTensor': 'float64', 'torch.LongTensor': 'int64', 'torch.IntTensor': 'int32',
      'torch.BoolTensor': 'bool', 'torch.HalfTensor': 'float16', 'torch.ByteTensor': 'uint8',
    };
    if (!(dtype in names)) throw new TorchError('ValueError', `invalid type: '${dtype}'`);
    return wrapTensor(T(self).type(names[dtype]) as Tensor);
  }
  return wrapTensor(T(self).type(toDtype(dtype)) as Tensor);
});
defineMethod(TensorType, 'numpy(self, *, force=False)', () => {
  throw new TorchError('RuntimeError', 'nnlens has no NumPy: Tensor.numpy() is not available (use .tolist())');
});
defineMethod(TensorType, 'new_tensor(self, data, dtype=None, device=None, requires_grad=False)', ([self, data, dtype, device, rg]) => {
  const { data: d, kind } = toNested(data);
  const dt = dtype !== None ? toDtype(dtype) : kind === 'float' ? T(self).dtype : kind === 'int' ? 'int64' : kind === 'bool' ? 'bool' : T(self).dtype;
  return wrapTensor(T(self).new_tensor(d as never, { dtype: dt, device: device === None ? undefined : toDevice(device), requires_grad: rg === true }));
});

// ---------------------------------------------------------------- the method table

function bindRows(cls: PyType, rows: Row[]): void {
  for (const [sig, target, opts] of rows) {
    const name = sig.slice(0, sig.indexOf('('));
    const f = bind(sig, typeof target === 'function' ? target : methodTarget(target ?? name), opts);
    f.owner = cls;
    if (f.sig) f.sig.name = `${cls.name}.${name}`;
    cls.setAttr(name, f);
  }
}
bindRows(TensorType, TENSOR_METHODS);

/** copy.deepcopy(t): a detached copy with the same requires_grad (and grad), a Parameter stays one. */
defineMethod(TensorType, '__deepcopy__(self, memo)', ([self]) => {
  const t = T(self);
  const data = t.detach().clone();
  const out = t instanceof nn.Parameter ? new nn.Parameter(data, t.requires_grad) : t.requires_grad && t.is_leaf ? data.requires_grad_(true) : data;
  if (t.grad) out.grad = t.grad.detach().clone();
  return wrapTensor(out);
});
