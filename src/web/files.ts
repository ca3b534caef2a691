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
const BUNDLE_SEGMENT = /\.(?:dSYM|app|framework|kext|xpc|appex|bundle|kdk|xcarchive)$/i;
const DEXT_SEGMENT = /\.dext$/i;

/** The path up to the first folder whose name matches, e.g. "Host.app/…/X.dext" for DEXT_SEGMENT. */
function bundleRoot(path: string, segment: RegExp): string | undefined {
  const parts = path.split('/');
  const i = parts.slice(0, -1).findIndex((p) => segment.test(p));
  return i < 0 ? undefined : parts.slice(0, i + 1).join('/');
}

/** Source files of a dext target (a dropped project folder or loose files). */
const DEXT_SOURCE = /(?:^|\/)(?:[^/]*Info\.plist|[^/]+\.entitlements|[^/]+\.iig)$/i;

/** True for a file inside a bundle (not a dext): only its Mach-O files are of use, so the rest need not be read. */
export function onlyMachOWanted(path: string): boolean {
  return bundleRoot(path, BUNDLE_SEGMENT) !== undefined && bundleRoot(path, DEXT_SEGMENT) === undefined;
}

export function isHidden(path: string): boolean {
  return path.split('/').some((seg) => seg.startsWith('.') && seg !== '.' && seg !== '..');
}

export function sortFiles(files: PageFile[]): SortedFiles {
  const out: SortedFiles = { logs: [], machO: [], dexts: new Map(), ignored: [] };
  const sources: PageFile[] = [];
  for (const f of files) {
    if (isHidden(f.path)) continue;
    const dext = bundleRoot(f.path, DEXT_SEGMENT);
    if (dext !== undefined && !/\.dSYM\//i.test(f.path)) {
      const list = out.dexts.get(dext) ?? [];
      list.push(f);
      out.dexts.set(dext, list);
      // The dext's executable also symbolicates its own crash frames.
      if (looksLikeMachO(f.bytes)) out.machO.push(f);
      continue;
    }
    if (looksLikeMachO(f.bytes)) out.machO.push(f);
    else if (bundleRoot(f.path, BUNDLE_SEGMENT) !== undefined) out.ignored.push(f);
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
