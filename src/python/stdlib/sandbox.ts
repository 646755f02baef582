// `sys`, `os`/`os.path`, `time`, and the modules the sandbox refuses (subprocess, socket, shutil):
// importing them works, so a model file that merely imports them loads; using anything that would
// reach the machine raises a PermissionError that names what is unavailable.
import { basename, dirname, join, normalize, posix } from 'node:path';
import { PermissionError, attributeError, pyError, typeError } from '../runtime/exceptions';
import { defineMethod, defineProperty, native, nativeClass, nativeRaw, newInstance } from '../runtime/native';
import { str, toArray, typeName } from '../runtime/protocol';
import {
  None, PyDict, PyFloat, PyInstance, PyList, PyModule, PyTuple, tupleType, tuple, type PyValue,
} from '../runtime/types';
import type { Interpreter } from '../eval/interpreter';
import { makeModule } from '../eval/modules';

function denied(qualname: string, why: string): PyValue {
  return nativeRaw(qualname.split('.').pop()!, () => {
    throw pyError(PermissionError, `${qualname}() is not available in nnlens: ${why}`);
  });
}

/** A module whose every attribute (beyond `attrs`) is a refusal naming `why`. */
function refusingModule(name: string, why: string, attrs: Record<string, PyValue> = {}): PyModule {
  const m = makeModule(name, attrs);
  m.dict.setStr('__getattr__', native('__getattr__(name)', ([n]) => {
    if (typeof n === 'string' && n.startsWith('__')) throw attributeError(`module '${name}' has no attribute '${n}'`);
    return denied(`${name}.${String(n)}`, why);
  }));
  return m;
}

// sys.stdout / sys.stderr: objects with write() that go to the interpreter's sinks.
const textSinkType = nativeClass({ name: 'TextIOWrapper', module: '_io' });
defineMethod(textSinkType, 'write(self, s, /)', ([self, s], interp) => {
  if (typeof s !== 'string') throw typeError(`write() argument must be str, not ${typeName(s)}`);
  if ((self as PyInstance).payload === 'stderr') interp.writeStderr(s);
  else interp.writeStdout(s);
  return s.length;
});
defineMethod(textSinkType, 'flush(self, /)', () => None);
defineMethod(textSinkType, 'isatty(self, /)', () => false);
defineProperty(textSinkType, 'encoding', { get: () => 'utf-8' });

const versionInfoType = nativeClass({ name: 'version_info', module: 'sys', bases: [tupleType] });
for (const [i, n] of ['major', 'minor', 'micro', 'releaselevel', 'serial'].entries()) {
  defineProperty(versionInfoType, n, { get: (self) => (self as PyTuple).items[i] });
}

export function sysModule(interp: Interpreter): PyModule {
  const argv = new PyList(interp.options.argv ? [...interp.options.argv] : ['']);
  const impl = makeModule('implementation', { name: 'nnlens', cache_tag: None });
  const floatInfo = makeModule('float_info', {
    max: new PyFloat(Number.MAX_VALUE), min: new PyFloat(2.2250738585072014e-308), epsilon: new PyFloat(Number.EPSILON),
    dig: 15, mant_dig: 53,
  });
  return makeModule('sys', {
    argv, path: interp.sysPath, modules: interp.modules, version: '3.11.0 (nnlens sandbox)',
    version_info: new PyTuple([3, 11, 0, 'final', 0], versionInfoType), hexversion: 0x30b00f0, platform: 'linux',
    byteorder: 'little', maxsize: 9223372036854775807n, executable: '', implementation: impl, float_info: floatInfo,
    stdout: newInstance(textSinkType, 'stdout'), stderr: newInstance(textSinkType, 'stderr'),
    __stdout__: newInstance(textSinkType, 'stdout'), __stderr__: newInstance(textSinkType, 'stderr'),
    stdin: denied('sys.stdin', 'there is no console to read from'),
    exit: denied('sys.exit', 'a model file cannot end the process'),
    getrecursionlimit: native('getrecursionlimit()', (_, i) => i.recursionLimit),
    setrecursionlimit: native('setrecursionlimit(limit, /)', () => None),
    exc_info: native('exc_info()', (_, i) => {
      const e = i.handling;
      return e ? tuple([e.cls, e, None]) : tuple([None, None, None]);
    }),
    getsizeof: native('getsizeof(obj, default=None, /)', () => 64),
    intern: native('intern(string, /)', ([s]) => s),
    flags: makeModule('flags', { optimize: 0, debug: 0, verbose: 0 }),
    warnoptions: new PyList([]),
  });
}

const noFs = 'model files run without access to the file system';

export function osPathModule(interp: Interpreter): PyModule {
  const files = interp.files;
  const s = (v: PyValue): string => {
    if (typeof v !== 'string') throw typeError(`expected str, bytes or os.PathLike object, not ${typeName(v)}`);
    return v;
  };
  return makeModule('os.path', {
    sep: '/',
    join: native('join(a, /, *p)', ([a, p]) => join(s(a), ...toArray(p).map(s))),
    basename: native('basename(p, /)', ([p]) => basename(s(p))),
    dirname: native('dirname(p, /)', ([p]) => {
      const d = dirname(s(p));
      return s(p).includes('/') ? d : '';
    }),
    split: native('split(p, /)', ([p]) => {
      const v = s(p);
      const i = v.lastIndexOf('/') + 1;
      const head = v.slice(0, i);
      return tuple([head.replace(/\/+$/, '') || head, v.slice(i)]);
    }),
    splitext: native('splitext(p, /)', ([p]) => {
      const v = s(p);
      const m = /^(.*?[^/.])(\.[^./]*)$/.exec(v);
      return m ? tuple([m[1], m[2]]) : tuple([v, '']);
    }),
    normpath: native('normpath(path, /)', ([p]) => normalize(s(p))),
    abspath: native('abspath(path, /)', ([p]) => normalize(s(p))),
    isabs: native('isabs(s, /)', ([p]) => posix.isAbsolute(s(p))),
    expanduser: native('expanduser(path, /)', ([p]) => s(p)),
    exists: native('exists(path, /)', ([p]) => !!files && (files.isFile(s(p)) || files.isDir(s(p)))),
    isfile: native('isfile(path, /)', ([p]) => !!files && files.isFile(s(p))),
    isdir: native('isdir(path, /)', ([p]) => !!files && files.isDir(s(p))),
    getsize: denied('os.path.getsize', noFs),
    getmtime: denied('os.path.getmtime', noFs),
    realpath: native('realpath(path, /)', ([p]) => normalize(s(p))),
  });
}

export function osModule(interp: Interpreter): PyModule {
  const path = osPathModule(interp);
  interp.modules.setStr('os.path', path);
  const m = refusingModule('os', `the sandbox has no file system, processes or environment (${noFs})`, {
    name: 'posix', sep: '/', linesep: '\n', pathsep: ':', curdir: '.', pardir: '..', devnull: '/dev/null',
    path, environ: new PyDict(),
    getenv: native('getenv(key, default=None)', ([, d]) => d),
    cpu_count: native('cpu_count()', () => 1),
    fspath: native('fspath(path)', ([p]) => str(p)),
  });
  return m;
}

export function timeModule(): PyModule {
  const t0 = performance.now();
  return makeModule('time', {
    time: native('time()', () => new PyFloat(Date.now() / 1000)),
    perf_counter: native('perf_counter()', () => new PyFloat((performance.now() - t0) / 1000)),
    monotonic: native('monotonic()', () => new PyFloat((performance.now() - t0) / 1000)),
    process_time: native('process_time()', () => new PyFloat((performance.now() - t0) / 1000)),
    perf_counter_ns: native('perf_counter_ns()', () => Math.round((performance.now() - t0) * 1e6)),
    time_ns: native('time_ns()', () => BigInt(Date.now()) * 1000000n),
    // Sleeping would only burn the run's time budget; nothing in a model needs it.
    sleep: native('sleep(secs, /)', () => None),
    strftime: native('strftime(format, t=None, /)', ([f]) => str(f)),
  });
}

export function refusedModules(): Record<string, () => PyModule> {
  return {
    subprocess: () => refusingModule('subprocess', 'the sandbox cannot start processes'),
    socket: () => refusingModule('socket', 'the sandbox has no network'),
    shutil: () => refusingModule('shutil', noFs),
    urllib: () => refusingModule('urllib', 'the sandbox has no network'),
    'urllib.request': () => refusingModule('urllib.request', 'the sandbox has no network'),
    requests: () => refusingModule('requests', 'the sandbox has no network'),
    multiprocessing: () => refusingModule('multiprocessing', 'the sandbox cannot start processes'),
    threading: () => refusingModule('threading', 'the sandbox runs one thread'),
    ctypes: () => refusingModule('ctypes', 'the sandbox cannot load native code'),
    pickle: () => refusingModule('pickle', noFs),
    glob: () => refusingModule('glob', noFs),
    tempfile: () => refusingModule('tempfile', noFs),
  };
}

