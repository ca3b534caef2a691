/** Facts read from a Mach-O file: the shapes every symbolication backend shares. */

/** A reason the bytes could not be read, with where in the file it happened. */
export interface MachOError {
  /** Where: "fat.arch[1]", "slice(arm64).loadCommand[3]", "symtab.nlist[12]" … */
  path: string;
  reason: string;
}

export interface MachOSection {
  segment: string;
  name: string;
  addr: bigint;
  size: bigint;
}

export interface MachOSegment {
  name: string;
  vmaddr: bigint;
  vmsize: bigint;
  fileoff: bigint;
  filesize: bigint;
  sections: MachOSection[];
}

/** An LC_FILESET_ENTRY of a kernelcache: one kext or the kernel inside the fileset. */
export interface FilesetEntry {
  id: string;
  vmaddr: bigint;
  fileoff: bigint;
}

/** Where LC_SYMTAB / LC_FUNCTION_STARTS data lies, relative to the slice. */
export interface SymtabRef {
  symoff: number;
  nsyms: number;
  stroff: number;
  strsize: number;
}
export interface DataRef {
  dataoff: number;
  datasize: number;
}

/** One architecture's image (a thin file, or one slice of a fat file). */
export interface MachOImage {
  /** Normalised arch name: arm64, arm64e, x86_64, x86_64h, i386, armv7 … */
  arch: string;
  cputype: number;
  cpusubtype: number;
  is64: boolean;
  littleEndian: boolean;
  /** MH_EXECUTE 2, MH_DYLIB 6, MH_BUNDLE 8, MH_DSYM 0xa, MH_KEXT_BUNDLE 0xb, MH_FILESET 0xc … */
  filetype: number;
  /** Upper-case dashed UUID from LC_UUID. */
  uuid?: string;
  segments: MachOSegment[];
  /** From LC_BUILD_VERSION or LC_VERSION_MIN_*: macOS, iOS, DriverKit … */
  platform?: string;
  minOs?: string;
  sdk?: string;
  filesetEntries: FilesetEntry[];
  symtab?: SymtabRef;
  functionStarts?: DataRef;
  /** The slice's bytes; offsets in symtab/functionStarts are relative to these. */
  bytes: Uint8Array;
  /** Offset of the slice within the whole file (0 for thin files). */
  fileOffset: number;
}

export type MachOResult = { ok: true; images: MachOImage[]; fat: boolean } | { ok: false; error: MachOError };
