// Errors the engine raises, named after the Python exception PyTorch raises for the same mistake, so
// the interpreter can surface them as that exception with PyTorch's wording.

export type TorchErrorKind = 'RuntimeError' | 'ValueError' | 'TypeError' | 'IndexError' | 'NotImplementedError' | 'MemoryError' | 'AttributeError' | 'KeyError' | 'AssertionError';

export class TorchError extends Error {
  constructor(public readonly kind: TorchErrorKind, message: string) {
    super(message);
    this.name = kind;
  }
}

export const runtimeError = (msg: string): TorchError => new TorchError('RuntimeError', msg);
export const valueError = (msg: string): TorchError => new TorchError('ValueError', msg);
export const typeError = (msg: string): TorchError => new TorchError('TypeError', msg);
export const indexError = (msg: string): TorchError => new TorchError('IndexError', msg);
export const notImplemented = (msg: string): TorchError => new TorchError('NotImplementedError', msg);
export const attributeError = (msg: string): TorchError => new TorchError('AttributeError', msg);
export const keyError = (msg: string): TorchError => new TorchError('KeyError', msg);
/** PyTorch's Python-level `raise AssertionError(...)` checks (multi-head attention's shape checks). */
export const assertionError = (msg: string): TorchError => new TorchError('AssertionError', msg);

export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(x)}`);
}
