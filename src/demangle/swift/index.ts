/** Swift symbol demangling: entry points (prefix recognition, parse, print; SWIFT-MANGLING.md §1). */
import type { DemangleStyle } from '../options.js';
import type { Node } from './node.js';
import { Demangler } from './parser.js';
import { FULL, SIMPLIFIED, type PrintOptions } from './print-options.js';
import { Printer } from './printer.js';
import { demangleOldSymbol } from './old/index.js';

const NEW_PREFIXES = ['_$s', '$s', '_$S', '$S', '_$e', '$e', '_T0', '@__swiftmacro_'];
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/** Prefixes of the current grammar (with and without the Mach-O underscore) and of the legacy one. */
export function looksLikeSwift(name: string): boolean {
  // `/^(_?\$[sSe]|_T|@__swiftmacro_)/` as character checks (no regex compile at start).
  const c0 = name.charCodeAt(0);
  if (c0 === 0x40) return name.startsWith('@__swiftmacro_');
  const i = c0 === 0x5f ? 1 : 0;
  if (i === 1 && name.charCodeAt(1) === 0x54) return true;
  if (name.charCodeAt(i) !== 0x24) return false;
  const c = name.charCodeAt(i + 1);
  return c === 0x73 || c === 0x53 || c === 0x65;
}

/** Parses a Swift symbol into a tree, or null when it is not one. */
export function parseSwiftSymbol(name: string): Node | null {
  // Symbolic references (bytes below 0x20) only occur in metadata, never in symbol names.
  if (NOT_PRINTABLE_ASCII.test(name)) return null;
  let prefix: string | undefined;
  for (const p of NEW_PREFIXES) {
    if (name.startsWith(p)) {
      prefix = p;
      break;
    }
  }
  try {
    if (prefix === undefined) return name.startsWith('_T') ? demangleOldSymbol(name) : null;
    const d = new Demangler(name.slice(prefix.length), prefix === '_T0');
    return d.parse();
  } catch {
    // Parse errors (hostile numbers, node limits, malformed shapes) mean "not demangleable".
    return null;
  }
}

/** Prints a tree with the given options; undefined when the tree cannot be printed. */
export function printSwiftTree(tree: Node, opts: PrintOptions): string | undefined {
  const printer = new Printer(opts, nestedDemangle);
  try {
    printer.print(tree, 0);
  } catch {
    return undefined;
  }
  return printer.out === '' ? undefined : printer.out;
}

function nestedDemangle(mangled: string): string {
  const tree = parseSwiftSymbol(mangled);
  return (tree && printSwiftTree(tree, FULL)) ?? mangled;
}

/** Demangles a Swift symbol; returns `name` unchanged when it cannot. */
export function demangleSwift(name: string, style: DemangleStyle): string {
  const tree = parseSwiftSymbol(name);
  if (!tree) return name;
  return printSwiftTree(tree, style === 'full' ? FULL : SIMPLIFIED) ?? name;
}
