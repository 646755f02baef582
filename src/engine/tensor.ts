// The Tensor: a strided view of a shared storage (as in PyTorch), its dtype and device, and its
// autograd fields. Op families add methods to the prototype in src/engine/ops/*; this file holds only
// what every op needs.
import { type DType, type Storage, isFloating, isComplex, allocStorage, itemsize } from './dtype';
import { runtimeError, notImplemented } from './errors';
import { type Shape, contiguousStrides, numelOf, wrapDim } from './shape';
import type { Node } from './autograd/node';
import { gatherStrided } from './backend/strided';

export type Device = 'cpu' | 'meta';

let defaultDevice: Device = 'cpu';
/** torch.set_default_device: factories without a device argument allocate here (meta = shapes only). */
export const set_default_device = (d: Device): void => { defaultDevice = d; };
export const get_default_device = (): Device => defaultDevice;

/** Memory shared by a tensor and its views. `version` is PyTorch's version counter for in-place checks. */
export class StorageBox {
  version = 0;
  constructor(public data: Storage | null, public readonly nbytes: number) {}
}

export type GradHook = (grad: Tensor) => Tensor | void | null | undefined;

export class Tensor {
  /** PyTorch's `Parameter` sets this; nn checks it for registration. */
  _isParam = false;
  grad: Tensor | null = null;
  grad_fn: Node | null = null;
  /** Which output of grad_fn this tensor is. */
  _outputNr = 0;
  _requiresGrad = false;
  _retainsGrad = false;
  _hooks: GradHook[] | null = null;
  /** The tensor this is a view of, if any (PyTorch's `_base`). */
  _base: Tensor | null = null;
  /** Set by nn for printing and error messages (e.g. a Parameter's qualified name). */
  _name: string | null = null;
  /** A Python scalar wrapped as a 0-dim tensor (PyTorch's wrapped number): ranks as a scalar in type promotion. */
  _wrapped = false;

  constructor(
    public readonly _box: StorageBox,
    public readonly shape: number[],
    public readonly _strides: number[],
    public readonly _offset: number,
    public readonly dtype: DType,
    public readonly device: Device,
  ) {}

  // ---- metadata ----
  get ndim(): number { return this.shape.length; }
  dim(): number { return this.shape.length; }
  numel(): number { return numelOf(this.shape); }
  size(dim?: number): number | number[] {
    if (dim === undefined) return [...this.shape];
    return this.shape[wrapDim(dim, this.shape.length)] ?? 1;
  }
  stride(dim?: number): number | number[] {
    if (dim === undefined) return [...this._strides];
    return this._strides[wrapDim(dim, this.shape.length)] ?? 1;
  }
  storage_offset(): number { return this._offset; }
  element_size(): number { return itemsize(this.dtype); }
  get is_meta(): boolean { return this.device === 'meta'; }
  get is_leaf(): boolean { return this.grad_fn === null; }
  get _version(): number { return this._box.version; }
  is_floating_point(): boolean { return isFloating(this.dtype); }
  is_contiguous(): boolean {
    let expected = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      const d = this.shape[i];
      if (d === 1) continue;
      if (this._strides[i] !== expected) return false;
      expected *= d;
    }
    return true;
  }

  get requires_grad(): boolean { return this._requiresGrad; }
  set requires_grad(v: boolean) { this.requires_grad_(v); }

  requires_grad_(v = true): this {
    if (!this.is_leaf) {
      if (!v) throw runtimeError("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().");
      return this;
    }
    if (v && !isFloating(this.dtype) && !isComplex(this.dtype)) throw runtimeError('only Tensors of floating point dtype can require gradients');
    this._requiresGrad = v;
    return this;
  }

  retain_grad(): void {
    if (!this._requiresGrad) throw runtimeError("can't retain_grad on Tensor that has requires_grad=False");
    if (this.is_leaf || this._retainsGrad) return;
    this._retainsGrad = true;
    (this.grad_fn!.retainGradOutputs ??= new Map()).set(this._outputNr, this);
  }
  get retains_grad(): boolean { return this._retainsGrad; }

  register_hook(hook: GradHook): { remove(): void } {
    if (!this._requiresGrad) throw runtimeError("cannot register a hook on a tensor that doesn't require gradient");
    if (this.grad_fn) {
      // A non-leaf's hooks run on the gradient arriving at the node that produced it.
      const hooks = (this.grad_fn.tensorPreHooks ??= new Map());
      const list = hooks.get(this._outputNr) ?? [];
      hooks.set(this._outputNr, [...list, hook]);
      const node = this.grad_fn, nr = this._outputNr;
      return { remove: () => { hooks.set(nr, (hooks.get(nr) ?? []).filter((h: GradHook) => h !== hook)); void node; } };
    }
    (this._hooks ??= []).push(hook);
    return { remove: () => { this._hooks = this._hooks?.filter((h) => h !== hook) ?? null; } };
  }

  /** The storage array of a cpu tensor; throws PyTorch's message on meta. */
  _data(): Storage {
    const d = this._box.data;
    if (d === null) throw runtimeError(`Tensor.item() cannot be called on meta tensors`);
    // Kernels index storage with the tensor's own strides; a complex tensor's storage holds (re, im)
    // pairs, so only complex-aware code (through _rawData) may read it.
    if (isComplex(this.dtype)) throw notImplemented(`this operation is not implemented for 'ComplexFloat' tensors in nnlens (supported: view_as_real, view_as_complex, polar, complex, +, -, *, .real, .imag, views, cat, stack, indexing)`);
    return d;
  }

  /** The storage as it is, also of a complex tensor ((re, im) float pairs: index it with storageGeometry()). */
  _rawData(): Storage {
    const d = this._box.data;
    if (d === null) throw runtimeError(`Tensor.item() cannot be called on meta tensors`);
    return d;
  }

  /** The elements in row-major order: the storage itself when already dense, else a copy. */
  _contiguousData(): Storage {
    const d = this._box.data;
    if (d === null) throw runtimeError('Cannot copy out of meta tensor; no data!');
    const n = this.numel();
    if (this._offset === 0 && d.length === (isComplex(this.dtype) ? 2 * n : n) && this.is_contiguous()) return d;
    const g = storageGeometry(this);
    return gatherStrided(d, g.shape, g.strides, g.offset, allocStorage(this.dtype, n));
  }

  /** Bumps the version counter after an in-place write. */
  _bump(): void { this._box.version++; }
}

/** A fresh contiguous tensor over `data` (or an empty meta tensor). */
export function makeTensor(data: Storage | null, shape: Shape, dtype: DType, device: Device = data === null ? 'meta' : 'cpu'): Tensor {
  const s = [...shape];
  const nbytes = numelOf(s) * itemsize(dtype);
  return new Tensor(new StorageBox(device === 'meta' ? null : data, nbytes), s, contiguousStrides(s), 0, dtype, device);
}

/** A new tensor sharing `base`'s storage with other geometry (a view). */
export function makeView(base: Tensor, shape: Shape, strides: Shape, offset: number): Tensor {
  const t = new Tensor(base._box, [...shape], [...strides], offset, base.dtype, base.device);
  t._base = base._base ?? base;
  return t;
}

/** Allocates an uninitialised (zeroed) tensor of a shape on a device. */
export function emptyTensor(shape: Shape, dtype: DType, device: Device): Tensor {
  return makeTensor(device === 'meta' ? null : allocStorage(dtype, numelOf(shape)), shape, dtype, device);
}

/** Geometry in storage elements: a complex tensor of shape S is a float32 one of shape S+[2] (real, imag). */
export function storageGeometry(t: Tensor): { shape: number[]; strides: number[]; offset: number } {
  if (!isComplex(t.dtype)) return { shape: t.shape, strides: t._strides, offset: t._offset };
  return { shape: [...t.shape, 2], strides: [...t._strides.map((s) => 2 * s), 1], offset: 2 * t._offset };
}
