// Finds call instructions in fixture code, so tests compute return addresses from the bytes instead of hard-coding them.
import { imageForArch, readMachO, SymbolTable, type MachOImage } from '../../src/symbolicate/macho/index.js';
import { readFixture } from './macho-fixtures.js';

export interface Fixture {
  image: MachOImage;
  table: SymbolTable;
  /** File address of an nlist symbol (throws when absent). */
  sym(name: string): bigint;
  /** Return addresses (address after the call) of the calls in function `from`, optionally only those to `to`. */
  returnAddresses(from: string, to?: string): bigint[];
  /** Addresses in `from` whose 32-bit arm64 instruction matches (insn & mask) === value. */
  findInsn(from: string, mask: number, value: number): bigint[];
  segment(name: string): { vmaddr: bigint; vmsize: bigint };
}

export function loadFixture(rel: string, arch?: string): Fixture {
  const r = readMachO(readFixture(rel), rel);
  if (!r.ok) throw new Error(r.error.reason);
  const image = imageForArch(r.images, arch);
  if (!image) throw new Error(`no ${arch} in ${rel}`);
  const table = SymbolTable.fromImage(image);
  const sym = (name: string): bigint => {
    const a = table.addressOf(name);
    if (a === undefined) throw new Error(`no symbol ${name} in ${rel}`);
    return a;
  };
  const bytesOf = (name: string): { start: bigint; code: Uint8Array } => {
    const start = sym(name);
    const hit = table.lookup(start)!;
    const seg = image.segments.find((s) => start >= s.vmaddr && start < s.vmaddr + s.vmsize)!;
    const off = Number(seg.fileoff + (start - seg.vmaddr));
    return { start, code: image.bytes.subarray(off, off + Number(hit.end - start)) };
  };
  const arm = image.arch.startsWith('arm');
  return {
    image,
    table,
    sym,
    segment: (name) => {
      const s = image.segments.find((x) => x.name === name);
      if (!s) throw new Error(`no ${name}`);
      return s;
    },
    findInsn(from, mask, value) {
      const { start, code } = bytesOf(from);
      const dv = new DataView(code.buffer, code.byteOffset, code.byteLength);
      const out: bigint[] = [];
      for (let i = 0; i + 4 <= code.length; i += 4) if ((dv.getUint32(i, true) & mask) >>> 0 === value >>> 0) out.push(start + BigInt(i));
      return out;
    },
    returnAddresses(from, to) {
      const { start, code } = bytesOf(from);
      const dv = new DataView(code.buffer, code.byteOffset, code.byteLength);
      const target = to === undefined ? undefined : sym(to);
      const out: bigint[] = [];
      if (arm) {
        for (let i = 0; i + 4 <= code.length; i += 4) {
          const insn = dv.getUint32(i, true);
          if (insn >>> 26 !== 0b100101) continue; // BL imm26
          const imm = ((insn & 0x3ffffff) << 6) >> 6;
          const dest = start + BigInt(i) + BigInt(imm * 4);
          if (target === undefined || dest === target) out.push(start + BigInt(i + 4));
        }
      } else {
        // x86_64: E8 rel32 calls. Scanning bytes can meet an E8 inside another instruction; -O1 fixtures keep this unambiguous.
        for (let i = 0; i + 5 <= code.length; i++) {
          if (code[i] !== 0xe8) continue;
          const dest = start + BigInt(i + 5) + BigInt(dv.getInt32(i + 1, true));
          if (target === undefined ? true : dest === target) out.push(start + BigInt(i + 5));
        }
      }
      return out;
    },
  };
}
