// Types for the wasm-bindgen glue of gecko-profiler-demangle, which ships no types for this subpath.
declare module 'gecko-profiler-demangle/index_bg.js' {
  export function demangle_any(name: string): string;
  export function __wbg_set_wasm(exports: Record<string, unknown>): void;
  export function __wbindgen_init_externref_table(): void;
}
