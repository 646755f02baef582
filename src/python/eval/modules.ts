// Where `import x.y` finds x.y: the host-module registry (torch, math, ... registered with
// registerModule), then the workspace's .py files and packages through the FileProvider on sys.path,
// else ModuleNotFoundError (with a hint for well-known packages) or, when enabled, a placeholder.
import { dirname, join } from 'node:path';
import { ModuleNotFoundError, PyException, newException, pyError } from '../runtime/exceptions';
import { None, PyList, PyModule, type PyValue } from '../runtime/types';
import type { Interpreter } from './interpreter';
import { PyPlaceholder } from './placeholders';

/** Builds a host module for one interpreter: `registerModule("torch", (interp) => makeModule(...))`. */
export type ModuleFactory = (interp: Interpreter) => PyModule;

const registry = new Map<string, ModuleFactory>();
const stdlibNames = new Set<string>();

/** Registers a host module for every interpreter (dotted names for submodules: "torch.nn"). */
export function registerModule(name: string, factory: ModuleFactory): void {
  registry.set(name, factory);
}

/** The standard-library modules nnlens provides register here (they are not listed in import hints). */
export function registerStdlibModule(name: string, factory: ModuleFactory): void {
  registry.set(name, factory);
  stdlibNames.add(name);
}

/** Top-level host packages (torch, einops, ...), for hints; the standard library is summarised. */
export function registeredModules(): string[] {
  return [...registry.keys()].filter((n) => !stdlibNames.has(n) && !n.startsWith('_'));
}

export function hostFactory(name: string, local: Map<string, ModuleFactory>): ModuleFactory | undefined {
  return local.get(name) ?? registry.get(name);
}

/** A module object with the given attributes, for host bindings. */
export function makeModule(name: string, attrs: Record<string, PyValue> = {}, doc?: string): PyModule {
  const m = new PyModule(name);
  m.dict.setStr('__doc__', doc ?? None);
  m.dict.setStr('__package__', name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '');
  for (const [k, v] of Object.entries(attrs)) m.dict.setStr(k, v);
  return m;
}

const knownPackages: Record<string, string> = {
  numpy: 'NumPy', torchvision: 'torchvision', timm: 'timm', transformers: 'Hugging Face transformers',
  matplotlib: 'matplotlib', pandas: 'pandas', scipy: 'SciPy', sklearn: 'scikit-learn', cv2: 'OpenCV', PIL: 'Pillow',
  tqdm: 'tqdm', wandb: 'Weights & Biases', tensorboard: 'TensorBoard', lightning: 'Lightning',
  pytorch_lightning: 'PyTorch Lightning', accelerate: 'accelerate', datasets: 'Hugging Face datasets', yaml: 'PyYAML',
  h5py: 'h5py', tensorflow: 'TensorFlow', jax: 'JAX', torchaudio: 'torchaudio', torchtext: 'torchtext', onnx: 'ONNX',
  safetensors: 'safetensors', huggingface_hub: 'huggingface_hub', tokenizers: 'tokenizers', sentencepiece: 'sentencepiece',
  // Standard-library modules nnlens does not provide.
  re: 'the standard-library module re', argparse: 'argparse (skip script code with definitions mode)',
  pathlib: 'pathlib', datetime: 'datetime', csv: 'csv', struct: 'struct', array: 'array', heapq: 'heapq', bisect: 'bisect',
  queue: 'queue', hashlib: 'hashlib', io: 'io', gzip: 'gzip', zipfile: 'zipfile', uuid: 'uuid', fractions: 'fractions',
  decimal: 'decimal', statistics: 'statistics', textwrap: 'textwrap', pprint: 'pprint', traceback: 'traceback',
  seaborn: 'seaborn', skimage: 'scikit-image', albumentations: 'albumentations', hydra: 'Hydra', omegaconf: 'OmegaConf',
};

export function moduleNotFound(name: string, provided: string[]): PyException {
  const top = name.split('.')[0];
  let msg = `No module named '${name}'`;
  if (top in knownPackages || top === 'torch') {
    const hosts = [...new Set(provided.map((p) => p.split('.')[0]))].sort();
    const have = hosts.length ? `${hosts.join(', ')} and ` : '';
    msg += top === 'torch'
      ? ` (nnlens provides only part of torch; available: ${provided.filter((p) => p.startsWith('torch')).sort().join(', ')})`
      : ` (nnlens runs model files without a Python environment: it provides ${have}the common standard-library modules, not ${knownPackages[top]})`;
  }
  const e = new PyException(newException(ModuleNotFoundError, [msg]));
  e.exc.dict!.setStr('name', name);
  return e;
}

export interface FoundFile {
  path: string;
  isPackage: boolean;
}

/** Finds `last` (one name component) as a package or module file in `dirs`, in order. */
export function findModuleFile(interp: Interpreter, last: string, dirs: string[]): FoundFile | { namespace: string } | null {
  const files = interp.files;
  if (!files) return null;
  let namespace: string | null = null;
  for (const dir of dirs) {
    const pkgDir = join(dir, last);
    const init = join(pkgDir, '__init__.py');
    if (files.isFile(init)) return { path: init, isPackage: true };
    const file = join(dir, `${last}.py`);
    if (files.isFile(file)) return { path: file, isPackage: false };
    if (namespace === null && files.isDir(pkgDir)) namespace = pkgDir;
  }
  return namespace !== null ? { namespace } : null;
}

/** The folders a package's submodules are searched in (its __path__). */
export function packagePath(m: PyModule): string[] {
  const p = m.dict.getStr('__path__');
  if (p instanceof PyList) return p.items.filter((x): x is string => typeof x === 'string');
  return m.filename ? [dirname(m.filename)] : [];
}

export function placeholderFor(name: string, provided: string[]): PyPlaceholder {
  const err = moduleNotFound(name, provided);
  return new PyPlaceholder(name, String(err.exc.args.items[0]));
}

export function notFound(name: string): PyException {
  return pyError(ModuleNotFoundError, `No module named '${name}'`);
}
