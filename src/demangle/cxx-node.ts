/**
 * Edge module (Node only): reads gecko-profiler-demangle's wasm from node_modules and installs it as the
 * C++ backend of demangle(). Called by the CLI and the Node library entry; browser users call
 * createGeckoCxxBackend with bytes they fetched and setCxxBackend themselves.
 */
import { readFile, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createGeckoCxxBackendFrom } from './cxx-gecko.js';
import { currentCxxBackend, hasCxxBackend, setCxxBackend, type CxxBackend } from './cxx.js';

// The project's lib setting has no WebAssembly typings; declare the little we use.
declare const WebAssembly: { Module: new (bytes: Uint8Array) => object; compile(bytes: Uint8Array): Promise<object> };

/** The wasm compiled by precompileNodeCxxBackend, once it is. */
let compiled: object | undefined;
let compiling: Promise<boolean> | undefined;
let settled = false;

/** The wasm's path once looked up (null: not found). The package lookup costs ~4 M instructions, more than
 * the rest of a one-report analyze's demangling, so it waits for the first C++ name. */
let foundPath: string | null | undefined;

function wasmPath(): string | undefined {
  if (foundPath === undefined) {
    try {
      foundPath = createRequire(import.meta.url).resolve('gecko-profiler-demangle/index_bg.wasm');
    } catch {
      foundPath = null;
    }
  }
  return foundPath ?? undefined;
}

/** The backend installed by installNodeCxxBackendOnUse, while it is the one installed. */
let ours: CxxBackend | undefined;

/**
 * Installs the C++ backend once (unless one is installed); the wasm (~0.5 MB) is looked up, read and
 * compiled on the first C++ name, not here: most reports have none, and start-up counts when a user
 * pastes one report. Without the wasm, C++ names stay raw, as with no backend. A module precompiled
 * in the background (precompileNodeCxxBackend) is used when it is ready by then.
 */
export function installNodeCxxBackendOnUse(): void {
  if (hasCxxBackend()) return;
  let real: CxxBackend | undefined;
  let failed = false;
  ours = (name) => {
    if (!real && !failed) {
      const path = wasmPath();
      try {
        if (path !== undefined) real = createGeckoCxxBackendFrom(() => compiled ?? new WebAssembly.Module(new Uint8Array(readFileSync(path))));
      } catch {
        /* a wasm that cannot be read or compiled: names stay raw */
      }
      failed = real === undefined;
    }
    return real ? real(name) : name;
  };
  setCxxBackend(ours);
}

/**
 * Installs the C++ backend once, as installNodeCxxBackendOnUse does; returns false (and installs
 * none) when the wasm cannot be found. A backend someone else installed counts as installed.
 */
export function installNodeCxxBackend(): boolean {
  if (hasCxxBackend() && !isOurs()) return true;
  if (wasmPath() === undefined) return false;
  installNodeCxxBackendOnUse();
  return true;
}

function isOurs(): boolean {
  return ours !== undefined && currentCxxBackend() === ours;
}

/**
 * Starts reading and compiling the wasm off the main thread, for a batch that will likely meet C++
 * names: compiled synchronously on the first one, it held the thread ~15-25 ms, and its functions,
 * compiled one by one as the first names called them, as long again (unless the process compiles
 * wasm eagerly: then V8 compiles them all on its threads here). A name met before the module is
 * ready is demangled at once all the same (compiled in place); callers that can wait first await
 * cxxCompileUnderWay(). Resolves to whether the module was compiled here.
 */
export function precompileNodeCxxBackend(): Promise<boolean> {
  if (compiling) return compiling;
  const path = wasmPath();
  compiling = path === undefined
    ? Promise.resolve(false)
    : new Promise<boolean>((resolve) => {
        readFile(path, (err, bytes) => {
          if (err) return resolve(false);
          WebAssembly.compile(new Uint8Array(bytes)).then(
            (module) => {
              compiled = module;
              resolve(true);
            },
            () => resolve(false),
          );
        });
      });
  void compiling.then(() => {
    settled = true;
  });
  return compiling;
}

/** The background compile while it is under way (then awaiting it beats compiling again in place), else undefined. */
export function cxxCompileUnderWay(): Promise<boolean> | undefined {
  return compiling !== undefined && !settled ? compiling : undefined;
}
