/**
 * Edge module (Node only): reads gecko-profiler-demangle's wasm from node_modules and installs it as the
 * C++ backend of demangle(). Called by the CLI and the Node library entry; browser users call
 * createGeckoCxxBackend with bytes they fetched and setCxxBackend themselves.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createGeckoCxxBackend } from './cxx-gecko.js';
import { hasCxxBackend, setCxxBackend } from './cxx.js';

/** Installs the C++ backend once; returns false (and leaves C++ names raw) when the wasm cannot be read. */
export function installNodeCxxBackend(): boolean {
  if (hasCxxBackend()) return true;
  try {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve('gecko-profiler-demangle/index_bg.wasm');
    setCxxBackend(createGeckoCxxBackend(new Uint8Array(readFileSync(wasmPath))));
    return true;
  } catch {
    return false;
  }
}
