/** Pure-TypeScript Mach-O reader (no Node API): containers, load commands, symbols, arch names. */
export * from './types.js';
export { readMachO, looksLikeMachO, imageForArch, readFatArchs, isFatMagic, type FatArch } from './container.js';
export { parseThin } from './load-commands.js';
export { MachOFormatError } from './reader.js';
export { SymbolTable, isHeaderSymbol, type SymbolHit } from './symbols.js';
export { segment, textVmaddr, codeSegment, containsAddress } from './segments.js';
export { archName, normalizeArch, archMatches, returnAddressAdjustment } from './arch.js';
