// Starts the tfjs kernel library behind the backend seam: tfjs-node when it loads, else the wasm (SIMD)
// backend, else the pure-JS cpu backend; and `run`, the wrapper every tfjs-using kernel goes through
// (scoped tensor memory, a cpu fallback before init resolved, tfjs errors turned into BackendErrors).
import type * as tfcore from '@tensorflow/tfjs-core';
import type * as tfcpu from '@tensorflow/tfjs-backend-cpu';
import type * as tfwasm from '@tensorflow/tfjs-backend-wasm';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BackendError } from './util';

export type BackendName = 'wasm' | 'cpu' | 'tensorflow';
/** The tfjs API the kernels call: tfjs-core's, or tfjs-node's copy of it when that one loaded. */
export type Tf = typeof tfcore;

export interface InitOptions {
  /** Which backend to start; default: NNLENS_BACKEND, else tensorflow → wasm → cpu, first that loads. */
  backend?: BackendName;
  /** A directory holding tfjs-backend-wasm*.wasm, tried before the default locations. */
  wasmDir?: string;
}

export interface BackendInfo {
  name: BackendName | null;
  /** The wasm binary in use (SIMD or plain), when name is 'wasm'. */
  wasmFile?: string;
  /** Why a preferred backend was not used (e.g. tfjs-node's native library is missing). */
  fallbackReasons: string[];
  /** A kernel ran on cpu before initBackend() resolved. */
  lazyCpu: boolean;
}

const BACKENDS: readonly BackendName[] = ['wasm', 'cpu', 'tensorflow'];
const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];
const nodeRequire = createRequire(__filename);

/**
 * tfjs loads on first use, not with the engine: inspecting on the meta device never runs a kernel,
 * and evaluating tfjs-core and its backends is ~20 ms of every CLI start. Plain require() calls (not
 * nodeRequire) so that esbuild still bundles the packages.
 */
let loaded: { core: Tf; cpu: typeof tfcpu; wasm: typeof tfwasm } | null = null;
function tfjs(): NonNullable<typeof loaded> {
  /* eslint-disable @typescript-eslint/no-require-imports -- lazy on purpose, see above */
  loaded ??= {
    core: require('@tensorflow/tfjs-core') as Tf,
    cpu: require('@tensorflow/tfjs-backend-cpu') as typeof tfcpu,
    // Registers the 'wasm' backend factory as it loads.
    wasm: require('@tensorflow/tfjs-backend-wasm') as typeof tfwasm,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return loaded;
}

let tf: Tf | null = null;
let active: BackendName | null = null;
let info: BackendInfo = { name: null, fallbackReasons: [], lazyCpu: false };
let wasmReady: Promise<string> | null = null;
let tfnode: Tf | null | undefined;

/** Starts a backend (once; a later call with another `backend` switches). Resolves to the one in use. */
export async function initBackend(opts: InitOptions = {}): Promise<BackendName> {
  const wanted = opts.backend ?? envBackend();
  const order: BackendName[] = wanted ? [wanted, ...fallbacksOf(wanted)] : ['tensorflow', 'wasm', 'cpu'];
  const reasons: string[] = [];
  for (const name of order) {
    try {
      const wasmFile = name === 'wasm' ? await startWasm(opts.wasmDir) : undefined;
      if (name === 'tensorflow') startTensorflow();
      select(name);
      info = { name, wasmFile, fallbackReasons: wanted || name !== 'wasm' ? reasons : [], lazyCpu: info.lazyCpu };
      return name;
    } catch (e) {
      reasons.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new BackendError('initBackend', `no tfjs backend could be started (${reasons.join('; ')})`);
}

/** The backend kernels run on now; null until initBackend() resolved or a kernel forced the cpu fallback. */
export function backendName(): BackendName | null {
  return active;
}

export function backendInfo(): BackendInfo {
  return { ...info, fallbackReasons: [...info.fallbackReasons] };
}

/** Live tfjs tensors and their bytes (for leak tests), and the wasm heap size when on wasm. */
export function memory(): { numTensors: number; numBytes: number; wasmHeapBytes: number } {
  const api = tf ?? tfjs().core;
  const m = api.memory();
  let wasmHeapBytes = 0;
  if (active === 'wasm') {
    const b = api.engine().findBackend('wasm') as unknown as { wasm?: { HEAPU8?: Uint8Array } } | null;
    wasmHeapBytes = b?.wasm?.HEAPU8?.length ?? 0;
  }
  return { numTensors: m.numTensors, numBytes: m.numBytes, wasmHeapBytes };
}

/**
 * Runs a kernel body against tfjs: every tensor it creates is disposed before returning (results
 * must leave as JS arrays), a missing backend means the synchronous cpu fallback, and any error that
 * is not already a BackendError becomes one naming the kernel and the shapes.
 */
export function run<R>(kernel: string, shapes: () => string, body: (tf: Tf) => R): R {
  const api = ensureBackend();
  let result: R | undefined;
  try {
    api.tidy(() => {
      result = body(api);
    });
  } catch (e) {
    if (e instanceof BackendError) throw e;
    const oom = e instanceof Error && (/out of memory|Cannot enlarge memory|Array buffer allocation failed/i.test(e.message) || /\bOOM\b/.test(e.message));
    const what = oom ? 'ran out of memory' : 'failed inside tfjs (a bug in nnlens)';
    throw new BackendError(kernel, `${what} on the ${active} backend for ${shapes()}`, { cause: e });
  }
  return result as R;
}

/** Makes sure some backend is active; before initBackend() resolved that is cpu, which needs no async init. */
export function ensureBackend(): Tf {
  if (tf === null || active === null) {
    tf = tfjs().core;
    registerCpu();
    tf.enableProdMode();
    void tf.setBackend('cpu');
    active = 'cpu';
    info = { ...info, name: 'cpu', lazyCpu: true };
  }
  return tf;
}

/**
 * The cpu backend registers itself when its module loads, but its package marks that entry free of
 * side effects, so bundlers drop a bare `import '@tensorflow/tfjs-backend-cpu'`; registering it
 * explicitly keeps the module in every bundle.
 */
function registerCpu(): void {
  const { core, cpu } = tfjs();
  if (core.findBackendFactory('cpu') == null) core.registerBackend('cpu', () => new cpu.MathBackendCPU(), 1);
}

function envBackend(): BackendName | undefined {
  const v = process.env.NNLENS_BACKEND;
  if (v === undefined || v === '') return undefined;
  if (!(BACKENDS as readonly string[]).includes(v)) {
    throw new BackendError('initBackend', `NNLENS_BACKEND must be one of ${BACKENDS.join(', ')}, got '${v}'`);
  }
  return v as BackendName;
}

function fallbacksOf(name: BackendName): BackendName[] {
  return name === 'tensorflow' ? ['wasm', 'cpu'] : name === 'wasm' ? ['cpu'] : [];
}

/** Switches the engine to an already-initialised backend: synchronous, so kernels never see a gap. */
function select(name: BackendName): void {
  const api = name === 'tensorflow' && tfnode ? tfnode : tfjs().core;
  tf = api;
  registerCpu();
  api.enableProdMode();
  // For registered backends whose factory is synchronous, setBackend completes before it returns.
  void api.setBackend(name);
  if (api.getBackend() !== name) throw new Error(`tfjs did not switch to '${name}'`);
  active = name;
}

function withQuietConsole<T>(fn: () => T): T {
  const { warn, log } = console;
  console.warn = () => {};
  console.log = () => {};
  try {
    return fn();
  } finally {
    console.warn = warn;
    console.log = log;
  }
}

function startTensorflow(): void {
  if (tfnode === undefined) {
    try {
      // Optional native accelerator; absent on most machines (its install downloads libtensorflow).
      // Loading it next to our tfjs-core copy makes tfjs print one "already registered" line per
      // kernel on the console (the CLI's stderr); those are not the user's concern, so they are muted.
      tfnode = withQuietConsole(() => nodeRequire('@tensorflow/tfjs-node') as Tf);
    } catch (e) {
      tfnode = null;
      throw new Error(`@tensorflow/tfjs-node did not load (${firstLine(e)})`, { cause: e });
    }
  }
  // In a bundle tfjs-node brings its own tfjs-core instance; its registry is the one holding
  // 'tensorflow', so select() makes the kernels call through tfjs-node's API object.
  if (tfnode === null) throw new Error('@tensorflow/tfjs-node did not load');
}

/**
 * Initialises the wasm backend out of band: the engine's own async init makes every op throw
 * until it resolves, which would break kernels called meanwhile on the cpu fallback. So the factory
 * is awaited here and re-registered as a synchronous one.
 */
function startWasm(wasmDir: string | undefined): Promise<string> {
  wasmReady ??= (async () => {
    const { core: tfcore, wasm } = tfjs();
    const dir = findWasmDir(wasmDir);
    wasm.setWasmPaths(dir.endsWith('/') ? dir : dir + '/');
    const simd = await tfcore.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const factory = tfcore.findBackendFactory('wasm');
    if (!factory) throw new Error('the wasm backend is not registered');
    const before = listenerSnapshot();
    try {
      const instance = await factory();
      tfcore.removeBackend('wasm');
      tfcore.registerBackend('wasm', () => instance, 2);
    } finally {
      dropEmscriptenListeners(before);
    }
    return join(dir, simd ? WASM_FILES[1] : WASM_FILES[0]);
  })();
  const p = wasmReady;
  // A failed start may be retried with another directory.
  p.catch(() => {
    if (wasmReady === p) wasmReady = null;
  });
  return p;
}

/** The first directory holding the wasm binaries: the option, next to the running bundle, node_modules. */
export function findWasmDir(preferred?: string): string {
  const candidates: string[] = [];
  if (preferred) candidates.push(preferred);
  candidates.push(__dirname);
  try {
    candidates.push(dirname(nodeRequire.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')));
  } catch {
    // Not installed next to us (a packaged extension): the bundle directory must have the files.
  }
  const dir = candidates.find((d) => WASM_FILES.every((f) => existsSync(join(d, f))));
  if (!dir) throw new Error(`tfjs-backend-wasm*.wasm not found in ${candidates.join(', ')}`);
  return dir;
}

type Listener = (...args: unknown[]) => void;
const EVENTS = ['uncaughtException', 'unhandledRejection'];
const proc = process as NodeJS.EventEmitter;

function listenerSnapshot(): Map<string, Listener[]> {
  return new Map(EVENTS.map((ev) => [ev, proc.listeners(ev) as Listener[]]));
}

/** Emscripten installs process handlers that rethrow (printing a megabyte of minified source); remove them. */
function dropEmscriptenListeners(before: Map<string, Listener[]>): void {
  for (const ev of EVENTS) {
    const old = before.get(ev) ?? [];
    for (const l of proc.listeners(ev) as Listener[]) if (!old.includes(l)) proc.removeListener(ev, l);
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
