/** Reads one thin Mach-O image: header and the load commands that symbolication needs. */
import { archName } from './arch.js';
import { ByteReader, MachOFormatError } from './reader.js';
import type { DataRef, FilesetEntry, MachOImage, MachOSegment, SymtabRef } from './types.js';
import { normalizeUuid } from '../../model/uuid.js';

export const MH_MAGIC = 0xfeedface;
export const MH_MAGIC_64 = 0xfeedfacf;
export const MH_CIGAM = 0xcefaedfe;
export const MH_CIGAM_64 = 0xcffaedfe;

const LC_SEGMENT = 0x1;
const LC_SYMTAB = 0x2;
const LC_SEGMENT_64 = 0x19;
const LC_UUID = 0x1b;
const LC_VERSION_MIN_MACOSX = 0x24;
const LC_VERSION_MIN_IPHONEOS = 0x25;
const LC_FUNCTION_STARTS = 0x26;
const LC_VERSION_MIN_TVOS = 0x2f;
const LC_VERSION_MIN_WATCHOS = 0x30;
const LC_BUILD_VERSION = 0x32;
const LC_FILESET_ENTRY = 0x80000035;

/** Upper bound on load commands: real files have well under a thousand; this stops hostile ncmds loops. */
const MAX_LOAD_COMMANDS = 65536;

const PLATFORMS: Record<number, string> = {
  1: 'macOS', 2: 'iOS', 3: 'tvOS', 4: 'watchOS', 5: 'bridgeOS', 6: 'Mac Catalyst', 7: 'iOS Simulator',
  8: 'tvOS Simulator', 9: 'watchOS Simulator', 10: 'DriverKit', 11: 'visionOS', 12: 'visionOS Simulator',
};
const VERSION_MIN_PLATFORMS: Record<number, string> = {
  [LC_VERSION_MIN_MACOSX]: 'macOS', [LC_VERSION_MIN_IPHONEOS]: 'iOS', [LC_VERSION_MIN_TVOS]: 'tvOS', [LC_VERSION_MIN_WATCHOS]: 'watchOS',
};

/** "xxxx.yy.zz" nibble-packed version → "14.2" / "14.2.1". */
function version(v: number): string {
  const patch = v & 0xff;
  const s = `${v >>> 16}.${(v >>> 8) & 0xff}`;
  return patch ? `${s}.${patch}` : s;
}

/** True when the first four bytes are a thin Mach-O magic (either byte order). */
export function isThinMagic(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 4) return false;
  const m = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  return m === MH_MAGIC || m === MH_MAGIC_64 || m === MH_CIGAM || m === MH_CIGAM_64;
}

/** Parse a thin image. Throws MachOFormatError (caught by readMachO) when the bytes are malformed. */
export function parseThin(bytes: Uint8Array, path: string, fileOffset = 0): MachOImage {
  if (!isThinMagic(bytes)) throw new MachOFormatError(path, 'not a Mach-O file (bad magic)');
  const magicLE = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  const littleEndian = magicLE === MH_MAGIC || magicLE === MH_MAGIC_64;
  const is64 = magicLE === MH_MAGIC_64 || magicLE === MH_CIGAM_64;
  const r = new ByteReader(bytes, littleEndian, path);
  const cputype = r.u32(4) | 0;
  const cpusubtype = r.u32(8) >>> 0;
  const filetype = r.u32(12);
  const ncmds = r.u32(16);
  const sizeofcmds = r.u32(20);
  const headerSize = is64 ? 32 : 28;
  r.check(headerSize, sizeofcmds, 'load commands');
  if (ncmds > MAX_LOAD_COMMANDS) throw new MachOFormatError(path, `implausible load command count ${ncmds}`);

  const image: MachOImage = {
    arch: archName(cputype, cpusubtype), cputype, cpusubtype, is64, littleEndian, filetype,
    segments: [], filesetEntries: [], bytes, fileOffset,
  };
  const end = headerSize + sizeofcmds;
  let off = headerSize;
  for (let i = 0; i < ncmds; i++) {
    const at = `${path}.loadCommand[${i}]`;
    if (off + 8 > end) throw new MachOFormatError(at, 'load command runs past sizeofcmds');
    const cmd = r.u32(off) >>> 0;
    const cmdsize = r.u32(off + 4);
    if (cmdsize < 8 || off + cmdsize > end) throw new MachOFormatError(at, `bad cmdsize ${cmdsize}`);
    readCommand(r, image, cmd, off, cmdsize, at);
    off += cmdsize;
  }
  return image;
}

function readCommand(r: ByteReader, image: MachOImage, cmd: number, off: number, cmdsize: number, at: string): void {
  switch (cmd) {
    case LC_SEGMENT_64:
    case LC_SEGMENT:
      image.segments.push(readSegment(r, off, cmdsize, cmd === LC_SEGMENT_64, at));
      return;
    case LC_UUID:
      if (cmdsize >= 24) {
        r.check(off + 8, 16, 'uuid');
        let hexs = '';
        for (let k = 0; k < 16; k++) hexs += r.u8(off + 8 + k).toString(16).padStart(2, '0');
        image.uuid = normalizeUuid(hexs);
      }
      return;
    case LC_SYMTAB:
      if (cmdsize >= 24) image.symtab = { symoff: r.u32(off + 8), nsyms: r.u32(off + 12), stroff: r.u32(off + 16), strsize: r.u32(off + 20) } satisfies SymtabRef;
      return;
    case LC_FUNCTION_STARTS:
      if (cmdsize >= 16) image.functionStarts = { dataoff: r.u32(off + 8), datasize: r.u32(off + 12) } satisfies DataRef;
      return;
    case LC_BUILD_VERSION:
      if (cmdsize >= 24) {
        const p = r.u32(off + 8);
        image.platform = PLATFORMS[p] ?? `platform ${p}`;
        image.minOs = version(r.u32(off + 12));
        image.sdk = version(r.u32(off + 16));
      }
      return;
    case LC_VERSION_MIN_MACOSX:
    case LC_VERSION_MIN_IPHONEOS:
    case LC_VERSION_MIN_TVOS:
    case LC_VERSION_MIN_WATCHOS:
      if (cmdsize >= 16 && image.platform === undefined) {
        image.platform = VERSION_MIN_PLATFORMS[cmd];
        image.minOs = version(r.u32(off + 8));
        image.sdk = version(r.u32(off + 12));
      }
      return;
    case LC_FILESET_ENTRY:
      if (cmdsize >= 32) {
        const idOff = r.u32(off + 24);
        const entry: FilesetEntry = { vmaddr: r.u64(off + 8), fileoff: r.u64(off + 16), id: idOff < cmdsize ? r.cString(off + idOff, off + cmdsize) : '' };
        image.filesetEntries.push(entry);
      }
      return;
    default:
      return;
  }
}

function readSegment(r: ByteReader, off: number, cmdsize: number, is64: boolean, at: string): MachOSegment {
  const headerSize = is64 ? 72 : 56;
  const sectSize = is64 ? 80 : 68;
  if (cmdsize < headerSize) throw new MachOFormatError(at, 'segment command too small');
  const word = (o: number): bigint => (is64 ? r.u64(o) : BigInt(r.u32(o)));
  const w = is64 ? 8 : 4;
  const seg: MachOSegment = {
    name: r.fixedString(off + 8, 16),
    vmaddr: word(off + 24),
    vmsize: word(off + 24 + w),
    fileoff: word(off + 24 + 2 * w),
    filesize: word(off + 24 + 3 * w),
    sections: [],
  };
  const nsects = r.u32(off + headerSize - 8);
  if (headerSize + nsects * sectSize > cmdsize) throw new MachOFormatError(at, `${nsects} sections do not fit cmdsize ${cmdsize}`);
  for (let s = 0; s < nsects; s++) {
    const so = off + headerSize + s * sectSize;
    seg.sections.push({ name: r.fixedString(so, 16), segment: r.fixedString(so + 16, 16), addr: word(so + 32), size: word(so + 32 + w) });
  }
  return seg;
}
