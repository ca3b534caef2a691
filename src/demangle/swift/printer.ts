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

const enum Category { Prefixed = 1, Entity, Type, Special }

let categories: Map<string, Category> | undefined;

/** One lookup per node: which printer handles its kind (built on first use, after all modules loaded). */
function category(): Map<string, Category> {
  if (categories) return categories;
  const m = new Map<string, Category>();
  for (const k of SPECIAL_KINDS) m.set(k, Category.Special);
  for (const k of TYPE_KINDS) m.set(k, Category.Type);
  for (const k of ENTITY_KINDS) m.set(k, Category.Entity);
  for (const k of Object.keys(PREFIXED)) m.set(k, Category.Prefixed);
  categories = m;
  return m;
}

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
    switch (category().get(n.kind)) {
      case Category.Prefixed:
        this.w(PREFIXED[n.kind] as string);
        for (const c of n.children) this.print(c, depth + 1);
        return null;
      case Category.Entity:
        return printEntityNode(this, n, depth, asPrefixContext);
      case Category.Type:
        printTypeNode(this, n, depth);
        return null;
      case Category.Special:
        printSpecialNode(this, n, depth);
        return null;
      default:
        throw new MalformedTree(`cannot print ${n.kind}`);
    }
  }

  printChildren(n: Node, depth: number, sep = ''): void {
    n.children.forEach((c, i) => {
      if (i > 0 && sep) this.w(sep);
      this.print(c, depth + 1);
    });
  }
}
