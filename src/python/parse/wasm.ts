// Loads web-tree-sitter and the tree-sitter-python grammar once per process. The wasm files sit next
// to the bundle in dist/ (scripts/build.mjs copies them there) or, under tsx and tests, in node_modules.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as TreeSitterTypes from 'web-tree-sitter';

// require(), not import: bundled to CommonJS, esbuild must pick web-tree-sitter's CommonJS build (its
// ES module build reads import.meta.url, which a CommonJS bundle does not have).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TreeSitter = require('web-tree-sitter') as typeof TreeSitterTypes;
const { Language, Parser } = TreeSitter;
type Parser = TreeSitterTypes.Parser;

export interface ParserInitOptions {
  /** A folder holding web-tree-sitter.wasm and tree-sitter-python.wasm; searched first. */
  wasmDir?: string;
}

let ready: Promise<void> | null = null;
let parser: Parser | null = null;
// The options object given to Parser.init becomes the Emscripten module (its wasm exports and heap);
// walker.ts calls the cursor exports directly when they are there.
let moduleObject: object | null = null;

function locate(file: string, packagePath: string, wasmDir: string | undefined): string {
  const dirs: string[] = [];
  if (wasmDir) dirs.push(wasmDir);
  // In the esbuild bundle __dirname is dist/, where the build copies the wasm files.
  if (typeof __dirname === 'string') dirs.push(__dirname);
  for (const dir of dirs) {
    const candidate = join(dir, file);
    if (existsSync(candidate)) return candidate;
  }
  try {
    return require.resolve(packagePath);
  } catch {
    throw new Error(`nnlens: cannot find ${file} (looked in ${dirs.join(', ') || 'no folder'} and node_modules/${packagePath})`);
  }
}

/** Loads the parser; every other parse function needs this to have finished. Safe to call repeatedly. */
export function initParser(options: ParserInitOptions = {}): Promise<void> {
  ready ??= (async () => {
    const runtime = locate('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm', options.wasmDir);
    const moduleArg = { locateFile: () => runtime };
    await Parser.init(moduleArg);
    moduleObject = moduleArg;
    const grammar = locate('tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm', options.wasmDir);
    const language = await Language.load(grammar);
    // web-tree-sitter 0.27 reads grammars of ABI 13..15; say so plainly instead of failing deep inside.
    const { LANGUAGE_VERSION, MIN_COMPATIBLE_VERSION } = TreeSitter;
    if (language.abiVersion > LANGUAGE_VERSION || language.abiVersion < MIN_COMPATIBLE_VERSION) {
      throw new Error(
        `nnlens: tree-sitter-python.wasm has ABI ${language.abiVersion}, web-tree-sitter supports ${MIN_COMPATIBLE_VERSION}..${LANGUAGE_VERSION}`,
      );
    }
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })();
  ready.catch(() => {
    ready = null;
  });
  return ready;
}

export function isParserReady(): boolean {
  return parser !== null;
}

/** The web-tree-sitter module (for its classes: Edit, ...). */
export function treeSitter(): typeof TreeSitterTypes {
  return TreeSitter;
}

/** The Emscripten module object web-tree-sitter runs on (untyped: walker.ts checks what it uses). */
export function wasmModule(): object | null {
  return moduleObject;
}

/** The loaded parser; throws a clear error when initParser() has not finished. */
export function getParser(): Parser {
  if (!parser) throw new Error('nnlens: the Python parser is not loaded yet; await initParser() first');
  return parser;
}
