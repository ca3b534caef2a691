/**
 * Edge module (Node only): reads gecko-profiler-demangle's wasm from node_modules and installs it as the
 * C++ backend of demangle(). Called by the CLI and the Node library entry; browser users call
 * createGeckoCxxBackend with bytes they fetched and setCxxBackend themselves.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createGeckoCxxBackend } from './cxx-gecko.js';
import { hasCxxBackend, setCxxBackend, type CxxBackend } from './cxx.js';

/**
 * Installs the C++ backend once; returns false (and leaves C++ names raw) when the wasm cannot be found.
 * The wasm (~0.5 MB) is read and compiled on the first C++ name, not here: most reports have none,
 * and start-up counts when a user pastes one report.
 */
export function installNodeCxxBackend(): boolean {
  if (hasCxxBackend()) return true;
  let wasmPath: string;
  try {
    wasmPath = createRequire(import.meta.url).resolve('gecko-profiler-demangle/index_bg.wasm');
  } catch {
    return false;
  }
  let real: CxxBackend | undefined;
  let failed = false;
  setCxxBackend((name) => {
    if (!real && !failed) {
      try {
        real = createGeckoCxxBackend(new Uint8Array(readFileSync(wasmPath)));
      } catch {
        failed = true;
      }
    }
    return real ? real(name) : name;
  });
  return true;
}
