/**
 * C++ (Itanium ABI) demangling. The actual demangler is a pluggable backend, because the maintained one
 * we use is WebAssembly and loading its bytes is an edge concern (files in Node, fetch in a browser):
 * see cxx-gecko.ts (backend from wasm bytes) and cxx-node.ts (Node loader). Without a backend, C++ names
 * come back unchanged.
 */

/** Turns an Itanium name (always starting `_Z`) into text, or returns it unchanged when it cannot. */
export type CxxBackend = (name: string) => string;

let backend: CxxBackend | undefined;
const backendListeners: (() => void)[] = [];

/** Installs (or, with undefined, removes) the C++ backend used by demangle(). */
export function setCxxBackend(next: CxxBackend | undefined): void {
  backend = next;
  for (const l of backendListeners) l();
}

/** Called whenever the backend changes (demangle()'s cache of results is only valid for one backend). */
export function onCxxBackendChange(listener: () => void): void {
  backendListeners.push(listener);
}

export function hasCxxBackend(): boolean {
  return backend !== undefined;
}

/** The backend installed now (the Node loader tells its own from one a caller set). */
export function currentCxxBackend(): CxxBackend | undefined {
  return backend;
}

/**
 * Itanium names as they appear in crash reports: `_Z…`, or with the Mach-O extra underscore `__Z…`;
 * blocks inside C++ functions are `___Z…_block_invoke`.
 */
export function looksLikeCxx(name: string): boolean {
  // `/^_{1,4}Z[A-Za-z0-9_]/` as character checks: a regex costs a compile on its first use at every start.
  let i = 0;
  while (i < 5 && name.charCodeAt(i) === 0x5f) i++;
  return i >= 1 && i <= 4 && name.charCodeAt(i) === 0x5a && isWordCode(name.charCodeAt(i + 1));
}

/** [A-Za-z0-9_] (NaN, past the end, is not). */
function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** Demangles an Itanium C++ name; returns `name` unchanged when it is not one or the backend fails. */
export function demangleCxx(name: string): string {
  if (backend === undefined || !looksLikeCxx(name)) return name;
  // Mach-O symbol tables add one `_` to every C name: `__Z…` is `_Z…`, `____Z…` is `___Z…` (block).
  const core = name.startsWith('____Z') || name.startsWith('__Z') ? name.slice(1) : name;
  let out: string;
  try {
    out = backend(core);
  } catch {
    return name;
  }
  if (out === core || out.length === 0 || !plausible(core, out)) return name;
  return restyleSpecialNames(out);
}

/**
 * The backend chains several demanglers and, when the C++ one fails, another one may strip a character
 * and return garbage (`_ZN…` → `ZN…`). A real demangling never starts with the mangling itself.
 */
function plausible(mangled: string, out: string): boolean {
  let i = 0;
  while (mangled.charCodeAt(i) === 0x5f) i++;
  const bare = mangled.slice(i);
  return !out.startsWith(bare.slice(0, Math.min(bare.length, 4)));
}

/** The backend writes some special names as `{vtable(X)}`; print them the way llvm-cxxfilt and atos do. */
function restyleSpecialNames(out: string): string {
  if (!out.startsWith('{')) return out;
  const m = /^\{([a-z -]+)\((.*)\)\}$/.exec(out);
  if (m === null) return out;
  const [, kind = '', arg = ''] = m;
  switch (kind) {
    case 'vtable':
      return `vtable for ${arg}`;
    case 'vtt':
      return `VTT for ${arg}`;
    case 'virtual override thunk': {
      // `{virtual override thunk({offset(-8)}, X)}` (non-virtual adjustment) or with `{v-offset(…)}`.
      const t = /^\{(offset|v-offset)\([^)]*\)\}, (.*)$/.exec(arg);
      if (t === null) return out;
      return `${t[1] === 'offset' ? 'non-virtual' : 'virtual'} thunk to ${t[2] ?? ''}`;
    }
    default:
      return out;
  }
}
