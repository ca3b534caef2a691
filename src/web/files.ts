/**
 * What a user handed the page, sorted by role: logs to analyse, Mach-O files to symbolicate with, dext bundles to
 * lint. Pure (paths and bytes in), so the DOM layer only reads files and the same sorting runs in unit tests.
 */
import { looksLikeMachO } from '../symbolicate/macho/index.js';

/** One file as the page received it: a path relative to what was dropped ("App.dSYM/Contents/…") and its bytes. */
export interface PageFile {
  path: string;
  bytes: Uint8Array;
}

/** A file the page could not use, with the reason in one line. */
export interface PageError {
  path: string;
  message: string;
}

export interface SortedFiles {
  logs: PageFile[];
  /** Mach-O files (dSYM DWARF files, binaries, kexts, dext executables): matched to reports by UUID. */
  machO: PageFile[];
  /** Files of dext bundles or dext source folders, by the folder that holds their Info.plist. */
  dexts: Map<string, PageFile[]>;
  /** Files that belong to a bundle but serve no role here (resources, a dSYM's Info.plist): not logs. */
  ignored: PageFile[];
}

/** Bundles whose non-Mach-O files are resources, never logs (the CLI skips .dSYM and .dext folders the same way). */
const BUNDLE = /^(.*?[^/]+\.(?:dSYM|app|framework|kext|xpc|appex|bundle|kdk))\//i;
const DEXT = /^(.*?[^/]+\.dext)\//i;
/** Source files of a dext target (a dropped project folder or loose files). */
const DEXT_SOURCE = /(?:^|\/)(?:[^/]*Info\.plist|[^/]+\.entitlements|[^/]+\.iig)$/i;

export function isHidden(path: string): boolean {
  return path.split('/').some((seg) => seg.startsWith('.') && seg !== '.' && seg !== '..');
}

export function sortFiles(files: PageFile[]): SortedFiles {
  const out: SortedFiles = { logs: [], machO: [], dexts: new Map(), ignored: [] };
  const sources: PageFile[] = [];
  for (const f of files) {
    if (isHidden(f.path)) continue;
    const dext = DEXT.exec(f.path);
    if (dext && !/\.dSYM\//i.test(f.path)) {
      const list = out.dexts.get(dext[1]!) ?? [];
      list.push(f);
      out.dexts.set(dext[1]!, list);
      // The dext's executable also symbolicates its own crash frames.
      if (looksLikeMachO(f.bytes)) out.machO.push(f);
      continue;
    }
    if (looksLikeMachO(f.bytes)) out.machO.push(f);
    else if (BUNDLE.test(f.path)) out.ignored.push(f);
    else if (DEXT_SOURCE.test(f.path)) sources.push(f);
    else out.logs.push(f);
  }
  // Loose plists, entitlements and .iig files form a dext project when a DriverKit Info.plist is among them (decided
  // by the dext reader); grouped by the item that was dropped (its first path segment), as `lint PROJECT` reads a folder.
  for (const f of sources) {
    const slash = f.path.indexOf('/');
    const dir = slash < 0 ? '' : f.path.slice(0, slash);
    const list = out.dexts.get(dir) ?? [];
    list.push(f);
    out.dexts.set(dir, list);
  }
  return out;
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
