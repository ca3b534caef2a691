/**
 * DOM edge: loads the C++ demangler's WebAssembly from the page's own cxx-demangle.js (base64, so that file:// pages
 * can read it) and installs it as demangle()'s C++ backend. Compiled asynchronously: browsers refuse synchronous
 * compilation of modules this size on the main thread. Without it, C++ names stay mangled and the page says so.
 */
import * as glue from 'gecko-profiler-demangle/index_bg.js';
import { setCxxBackend } from '../../demangle/index.js';

declare global {
  // Set by cxx-demangle.js.
  var paniclensCxxWasm: string | undefined;
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`${src} could not be loaded`));
    document.head.append(s);
  });
}

let ready: Promise<void> | undefined;

/** Resolves once C++ names demangle; rejects with a one-line reason when the module cannot be loaded. */
export function installCxxDemangler(): Promise<void> {
  ready ??= (async () => {
    if (globalThis.paniclensCxxWasm === undefined) await loadScript('cxx-demangle.js');
    const b64 = globalThis.paniclensCxxWasm;
    if (b64 === undefined) throw new Error('cxx-demangle.js did not provide the demangler');
    globalThis.paniclensCxxWasm = undefined;
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const { instance } = await WebAssembly.instantiate(bytes, { './index_bg.js': glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports as Record<string, unknown>);
    const start = instance.exports['__wbindgen_start'];
    if (typeof start === 'function') (start as () => void)();
    setCxxBackend((name: string) => glue.demangle_any(name));
  })();
  return ready;
}
