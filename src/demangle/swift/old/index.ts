/** Swift ≤ 3 (`_T…`, not `_T0`) symbols and `_Tt…` Objective-C runtime names (SWIFT-MANGLING.md §15). */
import type { Node } from '../node.js';
import { OldDemangler } from './demangler.js';

/**
 * C functions whose names start with `T` get an nlist name `_T…` (`TSVInitialize` → `_TSVInitialize`), which
 * the old grammar can misread as a type plus an "unmangled suffix". Swift ≤ 3 symbols in crash reports are
 * rare, so paniclens is stricter than the reference here: a result whose leftover text starts with a
 * letter, or whose symbol is a bare nominal type (real type names use `_Tt`), is not a Swift symbol.
 */
export function demangleOldSymbol(name: string): Node | null {
  const tree = new OldDemangler(name).topLevel();
  if (!tree) return null;
  const suffix = tree.find('Suffix');
  if (suffix && /^[A-Za-z]/.test(suffix.textOf())) return null;
  if (tree.children.some((c) => BARE_TYPES.has(c.kind))) return null;
  return tree;
}

const BARE_TYPES = new Set(['Structure', 'Class', 'Enum', 'Protocol', 'TypeAlias', 'Module']);
