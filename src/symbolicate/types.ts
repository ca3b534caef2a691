/** Shapes shared by the symbolication stages: what a frame needs, where its symbols are, what a backend answers. */
import type { MachOSegment } from './macho/types.js';

/** Why a frame stayed without a symbol. */
export type UnresolvedReason =
  | 'no image' // the address lies in no image listed by the report
  | 'UUID not found' // no symbol file with the image's UUID
  | 'arch missing' // files for the image exist, but none for the report's architecture
  | 'UUID mismatch' // a file with the image's name and arch exists, but its UUID differs
  | 'backend missing' // no symbolication backend (disabled, or the tool is not installed)
  | 'address outside image' // the mapped address lies outside the symbol file's segments
  | 'no symbol'; // the backend found no function there (stripped file, padding)

export type BackendName = 'atos' | 'llvm-symbolizer' | 'macho';

/** How runtime addresses of an image map to file addresses of its symbol file. */
export type Placement =
  /** file = runtime − runtimeStart + <segment>.vmaddr (user images via their base; kexts and Apple-silicon kernels via __TEXT_EXEC). */
  | { kind: 'segment'; segment: '__TEXT' | '__TEXT_EXEC'; runtimeStart: bigint }
  /** file = runtime − slide (Intel kernels via "Kernel slide"). */
  | { kind: 'slide'; slide: bigint };

/** One image whose symbols some frames need. */
export interface ImageNeed {
  /** uuid/arch/name: one need per image and architecture. */
  key: string;
  name: string;
  uuid?: string;
  arch: string;
  placement: Placement;
  /** What kind of image, for messages: "image", "kernel", "kext". */
  role: 'image' | 'kernel' | 'kext';
  bundleId?: string;
}

/** Which list of a report a frame sits in. */
export type FrameList = { list: 'thread'; thread: number } | { list: 'lastException' } | { list: 'panic' };

/** The plan for one physical frame. */
export interface FrameLookup {
  where: FrameList;
  /** Position of the frame in its list's array. */
  position: number;
  need?: ImageNeed;
  /** Runtime address to look up, return-address adjustment applied. */
  lookupAddress?: bigint;
  /** How much was subtracted from a return address (4, 1 or 0): symbol offsets are reported from the original address, as atos and Apple do. */
  adjustment?: number;
  /** Set when the frame cannot even be planned. */
  reason?: UnresolvedReason;
  /** True when the frame already had a symbol in the report: kept as is. */
  keep?: boolean;
}

/** A verified file that holds an image's symbols (a dSYM DWARF file or the binary itself), for one arch. */
export interface SymbolFile {
  path: string;
  arch: string;
  uuid: string;
  kind: 'dsym' | 'binary';
  segments: MachOSegment[];
  /** The enclosing bundle (…/Foo.kext.dSYM, …/App.app), when the file sits in one. */
  bundle?: string;
}

/** One address to resolve in one symbol file. */
export interface SymbolQuery {
  file: SymbolFile;
  /** File (unslid) address. */
  address: bigint;
}

/** One resolved function; a query answers a chain of them, innermost (inlined) first, concrete function last. */
export interface ResolvedSymbol {
  /** Linkage name without the Mach-O leading underscore ("main", "_ZN3geo6Parser4stepEi", "$s…", "-[A b:]"); or an already demangled name. */
  name: string;
  /** Offset from the start of the function, when known. */
  offset?: number;
  file?: string;
  line?: number;
  column?: number;
}

export interface SymbolAnswer {
  frames: ResolvedSymbol[];
  /** Backend error for this query (missing file, tool failure). */
  error?: string;
}

/** A symbolication backend: resolves batches of file addresses. One instance serves a whole run. */
export interface SymbolBackend {
  readonly name: BackendName;
  symbolize(queries: SymbolQuery[]): Promise<SymbolAnswer[]>;
  close(): Promise<void>;
}
