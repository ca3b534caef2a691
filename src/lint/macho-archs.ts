/**
 * Which architectures a Mach-O file (thin or universal) contains: all L19 needs, read with DataView
 * so it stays in the core.
 */

const MH_MAGIC_64 = 0xfeedfacf;
const MH_MAGIC = 0xfeedface;
const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;
const CPU_TYPE_ARM64 = 0x0100000c;
const CPU_TYPE_X86_64 = 0x01000007;
const CPU_SUBTYPE_ARM64E = 2;
const CPU_SUBTYPE_MASK = 0xff000000;

export type MachOArchs = { ok: true; archs: string[] } | { ok: false; reason: string };

export function archName(cputype: number, cpusubtype: number): string {
  const sub = (cpusubtype & ~CPU_SUBTYPE_MASK) >>> 0;
  if (cputype === CPU_TYPE_ARM64) return sub === CPU_SUBTYPE_ARM64E ? 'arm64e' : 'arm64';
  if (cputype === CPU_TYPE_X86_64) return 'x86_64';
  return `cputype 0x${(cputype >>> 0).toString(16)}`;
}

export function readMachOArchs(bytes: Uint8Array): MachOArchs {
  if (bytes.length < 8) return { ok: false, reason: 'the file is too short to be a Mach-O' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const be = view.getUint32(0, false);
  if (be === FAT_MAGIC || be === FAT_MAGIC_64) {
    const count = view.getUint32(4, false);
    const size = be === FAT_MAGIC ? 20 : 32;
    if (count === 0 || 8 + count * size > bytes.length) return { ok: false, reason: 'the universal header is truncated' };
    const archs: string[] = [];
    for (let i = 0; i < count; i++) {
      const at = 8 + i * size;
      archs.push(archName(view.getInt32(at, false) >>> 0, view.getUint32(at + 4, false)));
    }
    return { ok: true, archs };
  }
  const le = view.getUint32(0, true);
  if (le === MH_MAGIC_64 || le === MH_MAGIC) {
    if (bytes.length < 12) return { ok: false, reason: 'the Mach-O header is truncated' };
    return { ok: true, archs: [archName(view.getUint32(4, true), view.getUint32(8, true))] };
  }
  return { ok: false, reason: 'the file is not a Mach-O executable' };
}
