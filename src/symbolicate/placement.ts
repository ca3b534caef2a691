/** Runtime → file address arithmetic (pure, BigInt only). SYMBOLICATION.md §4. */
import type { Placement, SymbolFile } from './types.js';

const U64 = (1n << 64n) - 1n;

/** The file address for a runtime address, or undefined when the symbol file lacks the anchoring segment. */
export function toFileAddress(runtime: bigint, placement: Placement, file: Pick<SymbolFile, 'segments'>): bigint | undefined {
  if (placement.kind === 'slide') return (runtime - placement.slide) & U64;
  const seg = file.segments.find((s) => s.name === placement.segment);
  if (!seg) return undefined;
  return (runtime - placement.runtimeStart + seg.vmaddr) & U64;
}

/** True when a file address lies in a segment of the symbol file that holds code or data (not __PAGEZERO/__LINKEDIT). */
export function insideImage(address: bigint, file: Pick<SymbolFile, 'segments'>): boolean {
  return file.segments.some(
    (s) => s.name !== '__PAGEZERO' && s.name !== '__LINKEDIT' && s.vmsize > 0n && address >= s.vmaddr && address < s.vmaddr + s.vmsize,
  );
}

/**
 * Strip pointer-authentication bits (§4.4): kernel pointers (bit 55 set) are sign-extended from a 47-bit VA,
 * user pointers masked to 47 bits. Backtrace `lr:` rows are already stripped; the panic line's pc/lr may not be.
 */
export function stripPac(address: bigint): bigint {
  return (address >> 55n) & 1n ? address | 0xffff800000000000n : address & 0x00007fffffffffffn;
}
