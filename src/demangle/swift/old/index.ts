/** Swift ≤ 3 (`_T…`, not `_T0`) symbols and `_Tt…` Objective-C runtime names (SWIFT-MANGLING.md §15). */
import type { Node } from '../node.js';
import { OldDemangler } from './demangler.js';

export function demangleOldSymbol(name: string): Node | null {
  return new OldDemangler(name).topLevel();
}
