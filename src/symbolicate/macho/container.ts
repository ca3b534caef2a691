/** Thin or fat (universal) Mach-O → one MachOImage per architecture. */
import { archName } from './arch.js';
import { isThinMagic, parseThin } from './load-commands.js';
import { ByteReader, MachOFormatError, toOffset } from './reader.js';
import type { MachOImage, MachOResult } from './types.js';

const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;
/** Real universal files have a handful of slices; Java class files share 0xcafebabe with a large "count". */
const MAX_FAT_ARCHS = 64;

/** True when the bytes start like a thin or fat Mach-O. */
export function looksLikeMachO(bytes: Uint8Array): boolean {
  if (isThinMagic(bytes)) return true;
  if (bytes.byteLength < 8) return false;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const magic = dv.getUint32(0, false);
  return (magic === FAT_MAGIC || magic === FAT_MAGIC_64) && dv.getUint32(4, false) <= MAX_FAT_ARCHS;
}

/** Read every image of a thin or fat file. Never throws: malformed input gives an error value with a path. */
export function readMachO(bytes: Uint8Array, path = 'file'): MachOResult {
  try {
    if (isThinMagic(bytes)) return { ok: true, fat: false, images: [parseThin(bytes, path)] };
    return { ok: true, fat: true, images: parseFat(bytes, path) };
  } catch (e) {
    if (e instanceof MachOFormatError) return { ok: false, error: { path: e.path, reason: e.reason } };
    throw e;
  }
}

/** One entry of a fat header: where a slice lies in the file. */
export interface FatArch {
  cputype: number;
  cpusubtype: number;
  arch: string;
  offset: number;
  size: number;
}

export function isFatMagic(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 4) return false;
  const magic = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);
  return magic === FAT_MAGIC || magic === FAT_MAGIC_64;
}

/** The fat arch table (needs only the header bytes, not the slices). Throws MachOFormatError. */
export function readFatArchs(bytes: Uint8Array, path: string): FatArch[] {
  const r = new ByteReader(bytes, false, path); // fat headers are big-endian
  if (!isFatMagic(bytes)) throw new MachOFormatError(path, 'not a Mach-O file (bad magic)');
  const is64 = r.u32(0) === FAT_MAGIC_64;
  const count = r.u32(4);
  if (count === 0 || count > MAX_FAT_ARCHS) throw new MachOFormatError(path, `implausible fat arch count ${count}`);
  const entrySize = is64 ? 32 : 20;
  const out: FatArch[] = [];
  for (let i = 0; i < count; i++) {
    const at = `${path}.fat.arch[${i}]`;
    const e = 8 + i * entrySize;
    const cputype = r.u32(e) | 0;
    const cpusubtype = r.u32(e + 4) >>> 0;
    const offset = toOffset(is64 ? r.u64(e + 8) : BigInt(r.u32(e + 8)), at, 'offset');
    const size = toOffset(is64 ? r.u64(e + 16) : BigInt(r.u32(e + 12)), at, 'size');
    out.push({ cputype, cpusubtype, arch: archName(cputype, cpusubtype), offset, size });
  }
  return out;
}

function parseFat(bytes: Uint8Array, path: string): MachOImage[] {
  const r = new ByteReader(bytes, false, path);
  return readFatArchs(bytes, path).map((a) => {
    r.check(a.offset, a.size, `slice ${a.arch}`);
    return parseThin(bytes.subarray(a.offset, a.offset + a.size), `${path}.slice(${a.arch})`, a.offset);
  });
}

/** The image for an arch (exact name; x86_64/x86_64h interchangeable), or undefined. */
export function imageForArch(images: MachOImage[], arch: string | undefined): MachOImage | undefined {
  if (arch === undefined) return images.length === 1 ? images[0] : undefined;
  return images.find((i) => i.arch === arch) ?? images.find((i) => (arch === 'x86_64' && i.arch === 'x86_64h') || (arch === 'x86_64h' && i.arch === 'x86_64'));
}
