/**
 * Edge: turns what the user named (files, folders, globs, .zip and .tar.gz archives, --system) into
 * a stream of inputs, lazily, so a folder of 100,000 reports is never listed in memory as bytes.
 * Archives are read in place, entry by entry (yauzl, tar-stream + zlib); an entry is named
 * `archive.zip!/path/in/archive`.
 */
import { createReadStream, stat as statCb } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { isDynamicPattern } from 'tinyglobby';
import { errorMessage } from '../../pipeline/error-message.js';
import { MAX_INPUT_BYTES } from '../../pipeline/input-limits.js';
import { ARCHIVE_TGZ, ARCHIVE_ZIP, isArchive, isReportName, listFolder, listGlob } from './list-folder.js';

// node:fs through promisify, and node:zlib loaded for .tar.gz only: node:fs/promises and node:zlib load the
// stream and readline modules, start-up work of every triage.
const stat = promisify(statCb);

/** A file to read (the reader may be another thread), bytes already read from an archive, or why a name gave nothing. */
export type TriageInput =
  | { path: string; file: true; walked: boolean; size?: number }
  | { path: string; bytes: Uint8Array; walked: boolean }
  | { path: string; error: string }
  /** A file of a folder or archive that is not a report by its name: counted, not read. */
  | { path: string; skipped: true };


/** The report folders of this Mac (`--system`), under the given home and root. */
export function systemFolders(home: string, root = '/'): string[] {
  return [
    join(home, 'Library/Logs/DiagnosticReports'),
    join(root, 'Library/Logs/DiagnosticReports'),
    join(home, 'Library/Logs/CrashReporter/MobileDevice'),
  ];
}

export interface WalkOptions {
  /** Add the folders of systemFolders(home) that exist. */
  system?: { home: string; root?: string };
  /** Checked between files: stop listing once set. */
  stopped?: () => boolean;
  /** A folder or glob was listed: its `count` files follow (progress can show a total before they are read). */
  onListed?: (count: number) => void;
}

export async function* walkInputs(paths: string[], opts: WalkOptions = {}): AsyncGenerator<TriageInput> {
  const named = [...paths];
  if (opts.system) {
    const found: string[] = [];
    for (const dir of systemFolders(opts.system.home, opts.system.root)) if (await isDir(dir)) found.push(dir);
    if (found.length === 0) yield { path: '--system', error: `no report folders of this Mac found (${systemFolders(opts.system.home, opts.system.root).join(', ')})` };
    named.push(...found);
  }
  for (const p of named) {
    if (opts.stopped?.()) return;
    let info;
    try {
      info = await stat(p);
    } catch (err) {
      if (isDynamicPattern(p)) {
        const files = await listGlob(p);
        if (files.length === 0) yield { path: p, error: 'no files match this pattern' };
        opts.onListed?.(files.length);
        for (const f of files) yield* fileInputs(f, false, opts);
        continue;
      }
      yield { path: p, error: errorMessage(err) };
      continue;
    }
    if (info.isDirectory()) {
      const files = await listFolder(p);
      if (files.length === 0) yield { path: p, error: 'folder holds no files' };
      opts.onListed?.(files.length);
      const base = p.endsWith('/') ? p : `${p}/`;
      for (const f of files) {
        if (opts.stopped?.()) return;
        const path = `${base}${f}`;
        if (isArchive(path)) yield* fileInputs(path, true, opts);
        else yield plainFileInput(path, true);
      }
    } else {
      yield* fileInputs(p, false, opts, info.size);
    }
  }
}

async function* fileInputs(path: string, walked: boolean, opts: WalkOptions, size?: number): AsyncGenerator<TriageInput> {
  const zip = ARCHIVE_ZIP.test(path);
  if (!zip && !ARCHIVE_TGZ.test(path)) {
    yield plainFileInput(path, walked, size);
    return;
  }
  let any = false;
  for await (const input of zip ? zipEntries({ path }, opts) : tarGzEntries({ path }, opts)) {
    any = true;
    yield input;
  }
  // An archive stands in a listing as one file, which its entries replace: one with no file (empty,
  // or only folders and hidden files) is passed over, as a subfolder without files would be, so
  // progress still ends at its total. Named, it is an error, as a named folder without files is.
  if (!any && !opts.stopped?.()) yield walked ? { path, skipped: true } : { path, error: 'archive holds no files' };
}

/**
 * The bytes of one archive entry named as triage names them (`bundle.zip!/dir/x.ips`, nested ones
 * too), so a report triage lists can be analysed or explained on its own. The archive is read in
 * place up to that entry.
 */
export async function readArchiveEntry(path: string, archive: string): Promise<{ bytes: Uint8Array } | { error: string }> {
  let found: Uint8Array | undefined;
  let problem: string | undefined;
  for await (const input of fileInputs(archive, false, { stopped: () => found !== undefined || problem !== undefined })) {
    if (input.path !== path) continue;
    if ('bytes' in input) found = input.bytes;
    else problem = 'error' in input ? input.error : 'not a report by its name';
    break;
  }
  if (found) return { bytes: found };
  return { error: problem ?? `no such entry in ${archive}` };
}

/** What fileInputs yields for a file that is not an archive, built directly: a generator per file of a folder cost more than the input. */
function plainFileInput(path: string, walked: boolean, size?: number): TriageInput {
  if (walked && !isReportName(path)) return { path, skipped: true };
  return { path, file: true, walked, ...(size !== undefined ? { size } : {}) };
}


/**
 * Archives inside archives are read too, entry by entry (a QA bundle of customers' sysdiagnoses:
 * .tar.gz files inside a .zip), down to this many levels; deeper ones are listed as errors.
 */
export const MAX_ARCHIVE_DEPTH = 3;

/** A zip's bytes come from its file, or, nested in another archive, from memory (a zip is read from its end). */
type ZipSource = { path: string } | { path: string; bytes: Uint8Array };

async function* zipEntries(source: ZipSource, opts: WalkOptions, depth = 1): AsyncGenerator<TriageInput> {
  const { path } = source;
  const yauzl = (await import('yauzl')).default;
  const options = { lazyEntries: true, autoClose: true, decodeStrings: true, validateEntrySizes: true };
  let zip;
  try {
    zip = 'bytes' in source ? await yauzl.fromBufferPromise(Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength), options) : await yauzl.openPromise(path, options);
  } catch (err) {
    yield { path, error: `not a readable zip archive: ${errorMessage(err)}` };
    return;
  }
  const entries = (zip as unknown as { eachEntry(): AsyncIterableIterator<import('yauzl').Entry> }).eachEntry();
  try {
    for await (const entry of entries) {
      if (opts.stopped?.()) break;
      if (entry.fileName.endsWith('/')) continue;
      if (hiddenOrIgnored(entry.fileName)) continue;
      const open = zip.openReadStreamPromise.bind(zip, entry);
      yield* entryInputs(path, { name: entry.fileName, size: entry.uncompressedSize, open, skip: () => {}, failsAlone: true }, opts, depth);
    }
  } catch (err) {
    // Stopping may cut a nested archive's stream short: that is no damage to report.
    if (opts.stopped?.()) return;
    yield { path, error: `zip archive damaged: ${errorMessage(err)}` };
  } finally {
    zip.close();
  }
}

/** A .tar.gz's bytes come from its file, or, nested in another archive, from that archive's entry stream. */
type TarSource = { path: string } | { path: string; stream: Readable };

async function* tarGzEntries(source: TarSource, opts: WalkOptions, depth = 1): AsyncGenerator<TriageInput> {
  const { path } = source;
  const tar = (await import('tar-stream')).default;
  const { createGunzip } = await import('node:zlib');
  const extract = tar.extract();
  const gunzip = createGunzip();
  const fail = (err: Error) => extract.destroy(err);
  gunzip.on('error', fail);
  gunzip.pipe(extract);
  // A file is piped in and destroyed when done with. An entry of an outer archive is fed by
  // feedAndDrain instead: the outer archive goes on only once the entry is read to its end, and a
  // destroyed tar entry would end the outer archive.
  const file = 'stream' in source ? undefined : createReadStream(path);
  const feeder = 'stream' in source ? feedAndDrain(source.stream, gunzip, fail) : undefined;
  if (file) {
    file.on('error', fail);
    file.pipe(gunzip);
  }
  try {
    for await (const entry of extract) {
      const header = entry.header;
      if (opts.stopped?.()) {
        entry.resume();
        break;
      }
      if (header.type !== 'file' || hiddenOrIgnored(header.name)) {
        entry.resume();
        continue;
      }
      // tar-stream's entries are streamx streams, with the stream methods used here.
      const stream = entry as unknown as Readable;
      const name = header.name.replace(/^\.\//, '');
      yield* entryInputs(path, { name, size: header.size ?? 0, open: async () => stream, skip: () => entry.resume(), failsAlone: false }, opts, depth);
    }
  } catch (err) {
    if (opts.stopped?.()) return;
    yield { path, error: `not a readable .tar.gz archive: ${errorMessage(err)}` };
  } finally {
    file?.destroy();
    // Stopped: the rest of the entry is not read (which ends the outer archive too, as is wanted then).
    await feeder?.drain(opts.stopped?.() === true);
  }
}

/** An entry of a .zip or a .tar.gz, as entryInputs reads it. */
interface ArchiveEntry {
  /** Its path inside the archive. */
  name: string;
  /** Its size unpacked, as the archive states it. */
  size: number;
  open(): Promise<Readable>;
  /** Passes over it unread (a tar entry must still be read through to reach the next one). */
  skip(): void;
  /** Whether reading it can fail alone (a zip entry's own stream), or only with its archive (a tar stream). */
  failsAlone: boolean;
}

/**
 * What one archive entry gives, the same for both kinds of archive: passed over (not a report by its
 * name), refused (an archive nested too deep, too large a file), the entries of an archive it holds,
 * or a report's bytes.
 */
async function* entryInputs(archive: string, entry: ArchiveEntry, opts: WalkOptions, depth: number): AsyncGenerator<TriageInput> {
  const path = `${archive}!/${entry.name}`;
  const nested = isArchive(entry.name);
  // A nested .tar.gz streams through; a nested .zip is read into memory, within the same bound as a report.
  const streamed = nested && ARCHIVE_TGZ.test(entry.name);
  const refusal =
    !nested && !isReportName(entry.name)
      ? undefined
      : nested && depth >= MAX_ARCHIVE_DEPTH
        ? `an archive nested more than ${MAX_ARCHIVE_DEPTH} deep: unpack the outer ones first`
        : !streamed && entry.size > MAX_INPUT_BYTES
          ? `file too large (${entry.size} bytes; the limit is ${MAX_INPUT_BYTES})`
          : '';
  if (refusal !== '') {
    entry.skip();
    yield refusal === undefined ? { path, skipped: true } : { path, error: refusal };
    return;
  }
  let bytes: Uint8Array | undefined;
  let stream: Readable | undefined;
  try {
    stream = await entry.open();
    if (!streamed) bytes = await readAll(stream);
  } catch (err) {
    if (!entry.failsAlone) throw err;
    yield { path, error: errorMessage(err) };
    return;
  }
  if (streamed) yield* tarGzEntries({ path, stream }, opts, depth + 1);
  else if (nested) yield* zipEntries({ path, bytes: bytes as Uint8Array }, opts, depth + 1);
  else yield { path, bytes: bytes as Uint8Array, walked: true };
}

/**
 * Writes `input` into `into` (with backpressure) until drain() is called, then reads the rest of
 * `input` and drops it, so the stream ends however early its reader stopped (a damaged inner
 * archive). drain() resolves once `input` has ended; drain(true) destroys `input` instead of reading
 * the rest (a stopped run: a nested sysdiagnose can be gigabytes).
 */
export function feedAndDrain(input: Readable, into: import('node:stream').Writable, fail: (err: Error) => void): { drain(abandon?: boolean): Promise<void> } {
  let dropping = false;
  let wake: (() => void) | undefined;
  const pumped = (async () => {
    try {
      for await (const chunk of input as AsyncIterable<Uint8Array>) {
        if (dropping) continue;
        if (!into.write(chunk)) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            into.once('drain', resolve);
          });
          wake = undefined;
        }
      }
      if (!dropping) into.end();
    } catch (err) {
      fail(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return {
    drain: async (abandon = false) => {
      dropping = true;
      if (abandon) input.destroy();
      wake?.();
      await pumped;
    },
  };
}

async function readAll(stream: AsyncIterable<Uint8Array> & { destroy(): unknown }): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > MAX_INPUT_BYTES) {
      stream.destroy();
      throw new Error(`file too large (over ${MAX_INPUT_BYTES} bytes)`);
    }
    chunks.push(chunk);
  }
  // A copy with its own buffer: pooled Buffers must never be transferred to a worker.
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function hiddenOrIgnored(name: string): boolean {
  return name.split('/').some((part) => part.startsWith('.') && part !== '.' && part !== '..') || /(^|\/)(__MACOSX|node_modules)\//.test(name) || /\.(dSYM|dext)\//.test(name);
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

