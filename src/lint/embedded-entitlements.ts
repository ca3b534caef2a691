/**
 * The entitlements a built dext actually carries live in its code signature, not in a file: this reads
 * the XML entitlements blob of the first signed slice (LC_CODE_SIGNATURE → SuperBlob → 0xfade7171).
 */
import { readMachO } from '../symbolicate/macho/index.js';

const LC_CODE_SIGNATURE = 0x1d;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_EMBEDDED_ENTITLEMENTS = 0xfade7171;
const CSSLOT_ENTITLEMENTS = 5;

/** Bytes of the slice's XML entitlements, or undefined when the slice is unsigned or has none. */
function sliceEntitlements(bytes: Uint8Array, littleEndian: boolean, is64: boolean): Uint8Array | undefined {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fits = (at: number, n: number): boolean => at >= 0 && at + n <= bytes.byteLength;
  if (!fits(0, is64 ? 32 : 28)) return undefined;
  const ncmds = v.getUint32(16, littleEndian);
  let off = is64 ? 32 : 28;
  for (let i = 0; i < ncmds && fits(off, 8); i++) {
    const cmd = v.getUint32(off, littleEndian);
    const size = v.getUint32(off + 4, littleEndian);
    if (size < 8) return undefined;
    if (cmd === LC_CODE_SIGNATURE && fits(off, 16)) {
      const dataoff = v.getUint32(off + 8, littleEndian);
      if (!fits(dataoff, 12) || v.getUint32(dataoff) !== CSMAGIC_EMBEDDED_SIGNATURE) return undefined;
      const count = v.getUint32(dataoff + 8); // code-signing structures are big-endian
      for (let s = 0; s < count && fits(dataoff + 12 + s * 8, 8); s++) {
        const type = v.getUint32(dataoff + 12 + s * 8);
        const at = dataoff + v.getUint32(dataoff + 16 + s * 8);
        if (type !== CSSLOT_ENTITLEMENTS || !fits(at, 8) || v.getUint32(at) !== CSMAGIC_EMBEDDED_ENTITLEMENTS) continue;
        const length = v.getUint32(at + 4);
        return length >= 8 && fits(at, length) ? bytes.subarray(at + 8, at + length) : undefined;
      }
      return undefined;
    }
    off += size;
  }
  return undefined;
}

export function readEmbeddedEntitlements(executable: Uint8Array): Uint8Array | undefined {
  const read = readMachO(executable);
  if (!read.ok) return undefined;
  for (const image of read.images) {
    const found = sliceEntitlements(image.bytes, image.littleEndian, image.is64);
    if (found) return found;
  }
  return undefined;
}
