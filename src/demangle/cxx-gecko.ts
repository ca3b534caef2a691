/**
 * C++ backend built on Mozilla's gecko-profiler-demangle (Rust cpp_demangle compiled to WebAssembly).
 * Takes the module's bytes so that it runs anywhere WebAssembly does; the caller decides how to read them.
 */
import * as glue from 'gecko-profiler-demangle/index_bg.js';
import type { CxxBackend } from './cxx.js';

// The project's lib setting has no WebAssembly typings; declare the little we use.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
}
declare const WebAssembly: WasmApi;

let instantiated = false;

/** Instantiates the wasm once (synchronously; the module is ~0.5 MB) and returns the backend. */
export function createGeckoCxxBackend(wasmBytes: Uint8Array): CxxBackend {
  return createGeckoCxxBackendFrom(() => new WebAssembly.Module(wasmBytes));
}

/**
 * The backend from the wasm module compiled already (a WebAssembly.Module, e.g. from
 * WebAssembly.compile off the main thread), or compiled by `compile` when none was instantiated yet.
 */
export function createGeckoCxxBackendFrom(compile: () => object): CxxBackend {
  if (!instantiated) {
    const instance = new WebAssembly.Instance(compile(), { './index_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    const start = instance.exports['__wbindgen_start'];
    if (typeof start === 'function') (start as () => void)();
    instantiated = true;
  }
  return (name: string) => glue.demangle_any(name);
}
