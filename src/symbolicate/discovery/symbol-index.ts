/**
 * Edge: an index of symbol files by UUID over the --symbols paths (recursive: dSYM bundles, binaries, kexts, dexts,
 * KDKs) and the default locations. Only UUID-verified files are ever used; a file whose name matches but whose UUID
 * or arch does not only explains why a frame stayed unresolved.
 */
import { basename, sep } from 'node:path';
import { archMatches } from '../macho/arch.js';
import type { MachOImage } from '../macho/types.js';
import type { Located } from '../resolve.js';
import type { ImageNeed, SymbolFile } from '../types.js';
import { readMachOHeaders } from './read-headers.js';
import { walkFiles, type WalkOptions } from './walk.js';

export interface IndexRoot {
  path: string;
  /** Only index files inside *.dSYM bundles and KDK Kernels/Extensions (for large default folders such as DerivedData). */
  symbolBundlesOnly?: boolean;
  /** Do not descend (the report's own folder). */
  shallow?: boolean;
}

const DWARF_MARK = `.dSYM${sep}Contents${sep}Resources${sep}DWARF${sep}`;

/**
 * Names in a report's own folder that are reports, logs, documents or archives, never Mach-O: not
 * opened. A DiagnosticReports folder holds thousands of them, and analysing one report would
 * otherwise open every one to read its first bytes.
 */
const NOT_MACHO_EXTENSIONS = new Set(['ips', 'crash', 'panic', 'log', 'txt', 'json', 'ndjson', 'spin', 'hang', 'diag', 'shutdownstall', 'md', 'htm', 'html', 'plist', 'csv', 'gz', 'zip', 'tar', 'tgz', 'xz', 'bz2']);

/**
 * Whether `file` ends in one of NOT_MACHO_EXTENSIONS, in any ASCII case (what
 * `/\.(?:ips|…|bz2)$/i` answered, without a regex compile on every start).
 * The extensions hold no `.`, so only the text after the last one can be one.
 */
export function isNotMachO(file: string): boolean {
  const dot = file.lastIndexOf('.');
  if (dot < 0 || file.length - dot - 1 > 13) return false;
  const ext = file.slice(dot + 1);
  // Only ASCII letters fold to ASCII under a non-unicode /i; toLowerCase would also fold e.g. U+212A (Kelvin) to k.
  for (let i = 0; i < ext.length; i++) if (ext.charCodeAt(i) > 0x7f) return false;
  return NOT_MACHO_EXTENSIONS.has(ext.toLowerCase());
}

/** The bundle a file sits in: …/X.dSYM for DWARF files, else the nearest .app/.kext/.dext/.framework. */
export function bundleOf(path: string): string | undefined {
  const d = path.indexOf(DWARF_MARK);
  if (d >= 0) return path.slice(0, d + 5);
  const m = /^(.*\.(?:app|kext|dext|framework|bundle|xpc|appex))(?:\/|\\)/.exec(path);
  return m?.[1];
}

export function symbolFileOf(path: string, image: MachOImage): SymbolFile | undefined {
  if (!image.uuid) return undefined;
  const bundle = bundleOf(path);
  return { path, arch: image.arch, uuid: image.uuid, kind: path.includes(DWARF_MARK) || image.filetype === 0xa ? 'dsym' : 'binary', segments: image.segments, ...(bundle && { bundle }) };
}

/** Names a file answers to, for telling "UUID mismatch"/"arch missing" from "UUID not found". */
function namesOf(file: SymbolFile): string[] {
  const names = [basename(file.path)];
  if (file.bundle) names.push(basename(file.bundle).replace(/(\.(app|kext|dext|framework|bundle))?\.dSYM$|\.(app|kext|dext|framework|bundle)$/, ''));
  return names.map((n) => n.toLowerCase());
}

function namesOfNeed(need: ImageNeed): string[] {
  const names = [need.name.toLowerCase()];
  const last = need.bundleId?.split('.').pop();
  if (last) names.push(last.toLowerCase());
  return names;
}

export class SymbolIndex {
  private readonly byUuid = new Map<string, SymbolFile[]>();
  private readonly byName = new Map<string, SymbolFile[]>();
  private readonly scanned = new Set<string>();
  /** dSYM bundles seen, for llvm-symbolizer's --dsym-hint. */
  readonly dsymBundles = new Set<string>();

  get size(): number {
    let n = 0;
    for (const v of this.byUuid.values()) n += v.length;
    return n;
  }

  async addRoot(root: IndexRoot): Promise<void> {
    const key = `${root.path}\0${root.shallow ? 's' : ''}${root.symbolBundlesOnly ? 'b' : ''}`;
    if (this.scanned.has(key)) return;
    this.scanned.add(key);
    const opts: WalkOptions = root.shallow ? { maxDepth: 0 } : {};
    for await (const file of walkFiles(root.path, opts)) {
      if (root.symbolBundlesOnly && !file.includes(DWARF_MARK) && !/KDK[^/]*\.kdk\/System\/Library\/(Kernels|Extensions)\//.test(file)) continue;
      if (root.shallow && isNotMachO(file)) continue;
      await this.addFile(file);
    }
  }

  async addFile(path: string): Promise<void> {
    for (const image of await readMachOHeaders(path)) {
      const file = symbolFileOf(path, image);
      if (!file) continue;
      if (file.kind === 'dsym' && file.bundle) this.dsymBundles.add(file.bundle);
      const list = this.byUuid.get(file.uuid) ?? [];
      if (!list.some((f) => f.path === file.path && f.arch === file.arch)) list.push(file);
      this.byUuid.set(file.uuid, list);
      for (const n of namesOf(file)) this.byName.set(n, [...(this.byName.get(n) ?? []), file]);
    }
  }

  has(uuid: string): boolean {
    return this.byUuid.has(uuid);
  }

  /** The verified file for an image (dSYM preferred: it has lines and inlines), or why there is none. */
  locate(need: ImageNeed): Located {
    if (need.uuid) {
      const hits = this.byUuid.get(need.uuid) ?? [];
      // A UUID names exactly one slice, so a hit is right even when the report's arch spelling differs.
      const best = [...hits].sort((a, b) => rank(a, need) - rank(b, need))[0];
      if (best) return { file: best };
    }
    const named = namesOfNeed(need).flatMap((n) => this.byName.get(n) ?? []);
    if (named.length === 0 || !need.uuid) return { reason: 'UUID not found' };
    return { reason: named.some((f) => archMatches(need.arch, f.arch)) ? 'UUID mismatch' : 'arch missing' };
  }
}

function rank(f: SymbolFile, need: ImageNeed): number {
  return (f.kind === 'dsym' ? 0 : 2) + (archMatches(need.arch, f.arch) ? 0 : 1);
}
