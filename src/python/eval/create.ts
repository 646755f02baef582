// Conveniences around the Interpreter: an async constructor that loads the parser first, and an
// in-memory FileProvider (tests, unsaved buffers, the webview-free CLI paths).
import { dirname } from 'node:path';
import { initParser, type ParserInitOptions } from '../parse/wasm';
import { Interpreter, type FileProvider, type InterpreterOptions } from './interpreter';

/** Loads the parser (once per process) and returns a new interpreter. */
export async function createInterpreter(options: InterpreterOptions & { parser?: ParserInitOptions } = {}): Promise<Interpreter> {
  await initParser(options.parser);
  return new Interpreter(options);
}

/** A FileProvider over a map of absolute path → text; folders are implied by the paths. */
export function memoryFiles(files: Record<string, string>): FileProvider {
  const dirs = new Set<string>();
  for (const p of Object.keys(files)) {
    for (let d = dirname(p); !dirs.has(d); d = dirname(d)) {
      dirs.add(d);
      if (dirname(d) === d) break;
    }
  }
  return {
    readFile: (p) => files[p],
    isFile: (p) => p in files,
    isDir: (p) => dirs.has(p),
  };
}
