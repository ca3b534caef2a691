/**
 * One demangler for every name paniclens shows: Swift (own TypeScript implementation, swift/),
 * C++ Itanium (pluggable WebAssembly backend, cxx.ts), Objective-C and C (unchanged).
 * Core module: no Node API. Whatever cannot be demangled comes back exactly as given.
 */
import { demangleCxx, looksLikeCxx, onCxxBackendChange } from './cxx.js';
import type { DemangleOptions } from './options.js';
import { demangleSwift, looksLikeSwift } from './swift/index.js';

export type { DemangleOptions, DemangleStyle } from './options.js';
export { setCxxBackend, hasCxxBackend, type CxxBackend } from './cxx.js';
export { createGeckoCxxBackend } from './cxx-gecko.js';
export { demangleReport, demangleReportShared, keepRawNames } from './report-pass.js';

/** Names longer than this are not demangled (hostile or corrupt input; real symbols are far shorter). */
export const MAX_MANGLED_LENGTH = 8192;

/**
 * Demangled names by style: triage meets the same symbols in report after report. Bounded (cleared
 * when full, long names not kept) and emptied when the C++ backend changes.
 */
const CACHE_SIZE = 4096;
const MAX_CACHED_NAME = 1024;
const cache = { full: new Map<string, string>(), simplified: new Map<string, string>() };
onCxxBackendChange(() => {
  cache.full.clear();
  cache.simplified.clear();
});

/** Demangles a Swift or C++ symbol name; anything else (ObjC `-[A b]`, C `main`) is returned unchanged. */
export function demangle(name: string, opts: DemangleOptions = {}): string {
  if (name.length < 3 || name.length > MAX_MANGLED_LENGTH) return name;
  const first = name.charCodeAt(0);
  // Objective-C methods and blocks: `-[Foo bar:]`, `+[Foo bar]`.
  if ((first === 0x2d || first === 0x2b) && name.charCodeAt(1) === 0x5b) return name;
  // Swift names start with `_`, `$` or `@`, C++ names with `_`: any other first character (C and
  // most frames: `main`, `abort`) is neither, without the two regex tests (report-pass.ts skips such
  // frames on the same test: change both together).
  if (first !== 0x5f && first !== 0x24 && first !== 0x40) return name;
  const swift = looksLikeSwift(name);
  if (!swift && !looksLikeCxx(name)) return name;
  const style = opts.style ?? 'simplified';
  const memo = name.length <= MAX_CACHED_NAME ? cache[style] : undefined;
  const hit = memo?.get(name);
  if (hit !== undefined) return hit;
  const out = swift ? demangleSwift(name, style) : demangleCxx(name);
  if (memo) {
    if (memo.size >= CACHE_SIZE) memo.clear();
    // Kept as strings of their own: a symbol is cut from its report's text (and the demangled name
    // may hold pieces of it), and a cached slice would keep that whole text alive as long as the entry.
    const key = ownString(name);
    memo.set(key, out === name ? key : ownString(out));
  }
  return out;
}

/**
 * A string equal to `s` that is not a slice of a larger one. V8 copies strings shorter than 13
 * characters when they are cut; a longer one is joined to one character and cut again, which
 * flattens it into a string of its own (the slice left refers to that copy, not to `s`'s parent).
 */
function ownString(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}
