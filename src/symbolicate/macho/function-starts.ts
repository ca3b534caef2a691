/** LC_FUNCTION_STARTS: ULEB128 deltas from __TEXT.vmaddr; survives stripping, so it bounds symbols. */
import { MachOFormatError } from './reader.js';

/** Upper bound on decoded starts: one per 4 bytes of data is the densest real encoding. */
export function decodeFunctionStarts(data: Uint8Array, textVmaddr: bigint, path: string): bigint[] {
  const starts: bigint[] = [];
  let address = textVmaddr;
  let i = 0;
  while (i < data.length) {
    let delta = 0n;
    let shift = 0n;
    let byte: number;
    do {
      if (i >= data.length) throw new MachOFormatError(path, 'truncated ULEB128 in function starts');
      byte = data[i++] ?? 0;
      delta |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if (shift > 63n) throw new MachOFormatError(path, 'ULEB128 longer than 64 bits in function starts');
    } while (byte & 0x80);
    if (delta === 0n) break; // the list is zero-terminated and padded
    address += delta;
    starts.push(address);
  }
  return starts;
}
