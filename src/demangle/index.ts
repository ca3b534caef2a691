/**
 * One demangler for every name paniclens shows: Swift (own TypeScript implementation, swift/),
 * C++ Itanium (pluggable WebAssembly backend, cxx.ts), Objective-C and C (unchanged).
 * Core module: no Node API. Whatever cannot be demangled comes back exactly as given.
 */
import { demangleCxx, looksLikeCxx } from './cxx.js';
import type { DemangleOptions } from './options.js';
import { demangleSwift, looksLikeSwift } from './swift/index.js';

export type { DemangleOptions, DemangleStyle } from './options.js';
export { setCxxBackend, hasCxxBackend, type CxxBackend } from './cxx.js';
export { createGeckoCxxBackend } from './cxx-gecko.js';
export { demangleReport, keepRawNames } from './report-pass.js';

/** Names longer than this are not demangled (hostile or corrupt input; real symbols are far shorter). */
export const MAX_MANGLED_LENGTH = 8192;

/** Demangles a Swift or C++ symbol name; anything else (ObjC `-[A b]`, C `main`) is returned unchanged. */
export function demangle(name: string, opts: DemangleOptions = {}): string {
  if (name.length < 3 || name.length > MAX_MANGLED_LENGTH) return name;
  const first = name.charCodeAt(0);
  // Objective-C methods and blocks: `-[Foo bar:]`, `+[Foo bar]`.
  if ((first === 0x2d || first === 0x2b) && name.charCodeAt(1) === 0x5b) return name;
  if (looksLikeSwift(name)) return demangleSwift(name, opts.style ?? 'simplified');
  if (looksLikeCxx(name)) return demangleCxx(name);
  return name;
}
