/**
 * Prints a demangling tree as text (SWIFT-MANGLING.md §14). One printer with options gives both styles;
 * entity layout is in print-entity.ts, types in print-types.ts, specialisations in print-specialization.ts.
 */
import { MalformedTree, type Node } from './node.js';
import type { PrintOptions } from './print-options.js';
import { printEntityNode, ENTITY_KINDS } from './print-entity.js';
import { printTypeNode, TYPE_KINDS } from './print-types.js';
import { printSpecialNode, SPECIAL_KINDS } from './print-special.js';
import { PREFIXED } from './print-prefixes.js';

/** Trees deeper than this are not printed (hostile input). */
const MAX_DEPTH = 768;
/** Output longer than this is hostile; the caller returns the mangled name instead. */
export const MAX_OUTPUT = 16_384;

export class Printer {
  out = '';
  specializationPrefixPrinted = false;
  readonly opts: PrintOptions;
  /** Demangles a nested mangled name (specialisation payloads); injected to avoid an import cycle. */
  readonly nested: (mangled: string) => string;

  constructor(opts: PrintOptions, nested: (mangled: string) => string) {
    this.opts = opts;
    this.nested = nested;
  }

  w(s: string | number): void {
    this.out += s;
    if (this.out.length > MAX_OUTPUT) throw new MalformedTree('output too long');
  }

  /** Prints a node; returns a context that still has to be printed as ` in …` (entities as prefix contexts). */
  print(n: Node, depth: number, asPrefixContext = false): Node | null {
    // The reference prints `<<too complex>>` here; paniclens returns the mangled name instead (never garbled).
    if (depth > MAX_DEPTH) throw new MalformedTree('too deep');
    const prefix = PREFIXED[n.kind];
    if (prefix !== undefined) {
      this.w(prefix);
      for (const c of n.children) this.print(c, depth + 1);
      return null;
    }
    if (ENTITY_KINDS.has(n.kind)) return printEntityNode(this, n, depth, asPrefixContext);
    if (TYPE_KINDS.has(n.kind)) {
      printTypeNode(this, n, depth);
      return null;
    }
    if (SPECIAL_KINDS.has(n.kind)) {
      printSpecialNode(this, n, depth);
      return null;
    }
    throw new MalformedTree(`cannot print ${n.kind}`);
  }

  printChildren(n: Node, depth: number, sep = ''): void {
    n.children.forEach((c, i) => {
      if (i > 0 && sep) this.w(sep);
      this.print(c, depth + 1);
    });
  }
}
