/** Symbol names from backends → the frame's `symbol` (demangled) and `rawSymbol` (as the backend gave it). */
import { demangle } from '../demangle/index.js';

/** nlist names carry one extra leading underscore for C-level names ("_main", "__ZN…", "_$s…"); atos and llvm-symbolizer drop it. */
export function fromNlistName(name: string): string {
  return name.startsWith('_') ? name.slice(1) : name;
}

/** `symbol` is the demangled name; `rawSymbol` is set only when it differs (the demangle pass's convention). */
export function symbolFields(raw: string): { symbol: string; rawSymbol?: string } {
  const symbol = demangle(raw);
  return symbol === raw ? { symbol } : { symbol, rawSymbol: raw };
}
