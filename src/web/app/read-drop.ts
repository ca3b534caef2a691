/**
 * DOM edge: turns what the user dropped or picked (files and whole folders) into page files with paths relative to
 * the dropped item ("App.dSYM/Contents/Resources/DWARF/App"). A file the browser cannot read becomes an error
 * naming it; the others are still read.
 */
import { looksLikeMachO } from '../../symbolicate/macho/index.js';
import { isHidden, onlyMachOWanted, type PageError, type PageFile } from '../files.js';

/** As in the CLI: no log comes near this; reading more would exhaust the tab's memory. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export interface ReadResult {
  files: PageFile[];
  errors: PageError[];
}

interface Pending {
  path: string;
  file: () => Promise<File>;
}

function errorText(e: unknown): string {
  if (e instanceof DOMException && e.name === 'NotReadableError') return 'the browser could not read this file (permission denied, or it changed or was removed)';
  if (e instanceof DOMException && e.name === 'NotFoundError') return 'the file is gone';
  return e instanceof Error ? e.message : String(e);
}

async function readAll(pending: Pending[]): Promise<ReadResult> {
  const out: ReadResult = { files: [], errors: [] };
  for (const p of pending) {
    if (isHidden(p.path)) continue;
    try {
      const file = await p.file();
      // An app or archive holds many resources: read 8 bytes of each, the whole file only for Mach-O.
      if (onlyMachOWanted(p.path) && !looksLikeMachO(new Uint8Array(await file.slice(0, 8).arrayBuffer()))) continue;
      if (file.size > MAX_FILE_BYTES) {
        out.errors.push({ path: p.path, message: `file too large (${file.size} bytes; the limit is ${MAX_FILE_BYTES})` });
        continue;
      }
      out.files.push({ path: p.path, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch (e) {
      out.errors.push({ path: p.path, message: errorText(e) });
    }
  }
  return out;
}

/** Every file of a directory entry, recursively (readEntries answers in batches until it returns none). */
async function walk(entry: FileSystemEntry, into: Pending[], errors: PageError[]): Promise<void> {
  const path = entry.fullPath.replace(/^\//, '');
  if (entry.isFile) {
    const fe = entry as FileSystemFileEntry;
    into.push({ path, file: () => new Promise<File>((resolve, reject) => fe.file(resolve, reject)) });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    let batch: FileSystemEntry[];
    try {
      batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    } catch (e) {
      errors.push({ path, message: `cannot read this folder: ${errorText(e)}` });
      return;
    }
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, into, errors);
  }
}

/** Files and folders of a drop. Entries are taken synchronously: the DataTransfer is emptied once the handler yields. */
export async function readDataTransfer(dt: DataTransfer): Promise<ReadResult> {
  const entries: FileSystemEntry[] = [];
  const loose: File[] = [];
  for (const item of Array.from(dt.items)) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else {
      const f = item.getAsFile();
      if (f) loose.push(f);
    }
  }
  const pending: Pending[] = loose.map((f) => ({ path: f.name, file: async () => f }));
  const errors: PageError[] = [];
  for (const e of entries) await walk(e, pending, errors);
  const read = await readAll(pending);
  return { files: read.files, errors: [...errors, ...read.errors] };
}

/** Files of an <input type=file> (with webkitdirectory, each carries its path below the chosen folder). */
export function readFileList(list: FileList): Promise<ReadResult> {
  return readAll(Array.from(list).map((f) => ({ path: f.webkitRelativePath || f.name, file: async () => f })));
}

/** Text dropped from another window (a selection, not a file). */
export function droppedText(dt: DataTransfer): string | undefined {
  if (Array.from(dt.items).some((i) => i.kind === 'file')) return undefined;
  const t = dt.getData('text/plain');
  return t === '' ? undefined : t;
}
