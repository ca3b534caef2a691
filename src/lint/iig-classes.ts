/**
 * Reads `class X : public Y` declarations from a project's .iig files and follows chains of the
 * project's own classes down to the framework class they build on, which decides the family.
 */
import type { SourceText } from './types.js';

export interface IigClass {
  name: string;
  /** Direct superclass, as written. */
  superclass: string;
  file: string;
}

export type ClassTable = Map<string, IigClass>;

/** Comments can hold example declarations; drop them (keeping line structure) before matching. */
function stripComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, '');
}

// `class [ATTRIBUTE …] Name : [public|protected|private] [virtual] Base` — iig puts upper-case
// attribute macros (LOCALONLY, KERNEL, LOCAL …) between `class` and the name.
const CLASS_DECL = /\bclass\s+((?:[A-Z][A-Z0-9_]*(?:\([^)]*\))?\s+)*)([A-Za-z_]\w*)\s*:\s*(?:(?:public|protected|private|virtual)\s+)*([A-Za-z_][\w:]*)/g;

export function readIigClasses(files: readonly SourceText[]): ClassTable {
  const table: ClassTable = new Map();
  for (const file of files) {
    for (const m of stripComments(file.text).matchAll(CLASS_DECL)) {
      const name = m[2];
      const superclass = m[3];
      if (!name || !superclass) continue;
      if (!table.has(name)) table.set(name, { name, superclass, file: file.path });
    }
  }
  return table;
}

export interface Ancestry {
  /** The chain from the class itself to the first class not declared in the project. */
  chain: string[];
  /** The framework class the project's chain ends on, or undefined on a cycle. */
  frameworkBase?: string;
}

/** Follow superclasses through the project's own classes: `A : B`, `B : IOUserSerial` → IOUserSerial. */
export function ancestryOf(cls: string, table: ClassTable): Ancestry {
  const chain = [cls];
  let current = table.get(cls);
  while (current) {
    if (chain.includes(current.superclass)) return { chain };
    chain.push(current.superclass);
    const next = table.get(current.superclass);
    if (!next) return { chain, frameworkBase: current.superclass };
    current = next;
  }
  return { chain };
}

/** True when the project declares a class deriving (through its own classes) from IOUserClient. */
export function declaresUserClient(table: ClassTable): boolean {
  for (const cls of table.keys()) {
    if (ancestryOf(cls, table).frameworkBase === 'IOUserClient') return true;
  }
  return false;
}
