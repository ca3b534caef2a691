/**
 * The symbol table of one image as a sorted array with binary search: nlist N_SECT symbols, bounded by the next
 * symbol, the next function start and the end of their section. Addresses are kept as offsets from the lowest
 * symbol in a Float64Array so lookups compare plain numbers (kernel addresses still round-trip exactly via bigint).
 */
import { decodeFunctionStarts } from './function-starts.js';
import { ByteReader, MachOFormatError } from './reader.js';
import type { MachOImage, MachOSection } from './types.js';

export interface SymbolHit {
  /** The nlist name as stored ("_main", "__ZN3geo6Parser4stepEi", "-[Foo bar:]"); undefined for an unnamed function start. */
  name?: string;
  /** Start address of the symbol (file address). */
  start: bigint;
  /** address − start. */
  offset: number;
  /** Exclusive end used for bounding. */
  end: bigint;
}

const N_STAB = 0xe0;
const N_TYPE = 0x0e;
const N_SECT = 0x0e;
const N_EXT = 0x01;
/** Never more symbols than this (the largest kernels have ~100k; the cap only stops hostile nsyms). */
const MAX_SYMBOLS = 5_000_000;

/** Header symbols name the image, not code: atos prints the bare address for them. */
export function isHeaderSymbol(name: string): boolean {
  return /^_{1,2}mh_(execute|dylib|bundle|kext|dylinker|preload|object)_header$/.test(name);
}

export class SymbolTable {
  private constructor(
    private readonly base: bigint,
    private readonly starts: Float64Array,
    private readonly ends: Float64Array,
    private readonly names: (string | undefined)[],
  ) {}

  get size(): number {
    return this.starts.length;
  }

  /** The start address of the first symbol with this nlist name (for tools and tests that know names, not addresses). */
  addressOf(name: string): bigint | undefined {
    const i = this.names.indexOf(name);
    return i < 0 ? undefined : this.base + BigInt(this.starts[i] ?? 0);
  }

  /** The symbol that contains `address`, or undefined when it lies before, between or after symbols. */
  lookup(address: bigint): SymbolHit | undefined {
    const rel = address - this.base;
    if (rel < 0n || rel > 9007199254740991n) return undefined;
    const x = Number(rel);
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0 || x < (starts[0] ?? 0)) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] ?? 0) <= x) lo = mid;
      else hi = mid - 1;
    }
    const s = starts[lo] ?? 0;
    const e = this.ends[lo] ?? 0;
    if (x >= e) return undefined;
    return { name: this.names[lo], start: this.base + BigInt(s), end: this.base + BigInt(e), offset: x - s };
  }

  /** Build the table of one image. Throws MachOFormatError when the symbol table lies outside the image. */
  static fromImage(image: MachOImage, path = image.arch): SymbolTable {
    const sections = image.segments.flatMap((s) => s.sections);
    const byAddress = new Map<bigint, { name?: string; external: boolean }>();
    if (image.symtab) readNlists(image, sections, byAddress, `${path}.symtab`);
    const text = image.segments.find((s) => s.name === '__TEXT');
    if (image.functionStarts && text) {
      const { dataoff, datasize } = image.functionStarts;
      const r = new ByteReader(image.bytes, image.littleEndian, `${path}.functionStarts`);
      r.check(dataoff, datasize, 'function starts');
      for (const start of decodeFunctionStarts(image.bytes.subarray(dataoff, dataoff + datasize), text.vmaddr, `${path}.functionStarts`)) {
        if (!byAddress.has(start)) byAddress.set(start, { external: false });
      }
    }
    const sorted = [...byAddress.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const base = sorted[0] ?? 0n;
    const starts = new Float64Array(sorted.length);
    const ends = new Float64Array(sorted.length);
    const names: (string | undefined)[] = new Array<string | undefined>(sorted.length);
    const sectionsByAddr = [...sections].sort((a, b) => (a.addr < b.addr ? -1 : 1));
    for (let i = 0; i < sorted.length; i++) {
      const addr = sorted[i] ?? 0n;
      const next = sorted[i + 1];
      const sec = sectionAt(sectionsByAddr, addr);
      let end = sec ? sec.addr + sec.size : (next ?? addr + 1n);
      if (next !== undefined && next < end) end = next;
      starts[i] = Number(addr - base);
      ends[i] = Number(end - base);
      names[i] = byAddress.get(addr)?.name;
    }
    return new SymbolTable(base, starts, ends, names);
  }
}

function sectionAt(sorted: MachOSection[], addr: bigint): MachOSection | undefined {
  let found: MachOSection | undefined;
  for (const s of sorted) {
    if (s.addr > addr) break;
    if (addr < s.addr + s.size) found = s;
  }
  return found;
}

function readNlists(image: MachOImage, sections: MachOSection[], out: Map<bigint, { name?: string; external: boolean }>, path: string): void {
  const { symoff, nsyms, stroff, strsize } = image.symtab ?? { symoff: 0, nsyms: 0, stroff: 0, strsize: 0 };
  const entry = image.is64 ? 16 : 12;
  if (nsyms > MAX_SYMBOLS) throw new MachOFormatError(path, `implausible symbol count ${nsyms}`);
  const r = new ByteReader(image.bytes, image.littleEndian, path);
  r.check(symoff, nsyms * entry, 'nlist array');
  r.check(stroff, strsize, 'string table');
  const strEnd = stroff + strsize;
  for (let i = 0; i < nsyms; i++) {
    const n = symoff + i * entry;
    const type = r.u8(n + 4);
    if (type & N_STAB || (type & N_TYPE) !== N_SECT) continue;
    const sect = r.u8(n + 5);
    if (sect === 0 || sect > sections.length) continue;
    const value = image.is64 ? r.u64(n + 8) : BigInt(r.u32(n + 8));
    const strx = r.u32(n);
    const name = strx === 0 ? '' : r.cString(stroff + strx, strEnd);
    if (name === '' || isHeaderSymbol(name)) continue;
    const external = (type & N_EXT) !== 0;
    const prior = out.get(value);
    // Aliases at one address: prefer the exported name, then the first seen.
    if (!prior || (prior.name !== undefined && !prior.external && external) || prior.name === undefined) out.set(value, { name, external });
  }
}
