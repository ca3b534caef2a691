import { fstatSync, readFileSync, readSync, statSync } from 'node:fs';
import { archiveOfEntry, COPY_SUFFIX, isArchive, isReportName, listFolder, REPORT_EXTENSIONS } from '../triage/node/list-folder.js';
import { MAX_INPUT_BYTES } from '../pipeline/input-limits.js';
import { errorMessage } from './diagnostics.js';

/** One input as bytes (`walked` when it was met in a folder, not named), or the reason it could not be read. */
export type InputBytes = { path: string; bytes: Uint8Array; walked?: boolean } | { path: string; error: string };


/**
 * Expand the paths a user gave (files, folders searched recursively, "-" for standard input)
 * into inputs in a stable order. Folders skip hidden files and dependency trees.
 * Files are read synchronously: the inputs are read one after another anyway, and node's
 * fs/promises (with the stream and readline modules it loads) cost more of a one-report run than
 * the reading itself.
 */
export async function* readInputs(paths: string[]): AsyncGenerator<InputBytes> {
  const list = paths.length === 0 ? ['-'] : paths;
  for (const p of list) {
    if (p === '-') {
      yield await readStdin();
      continue;
    }
    let info;
    try {
      info = statSync(p);
    } catch (err) {
      // An archive entry as triage names it (`bundle.zip!/x.ips`): read from the archive in place.
      const archive = archiveOfEntry(p);
      if (archive) {
        const entry = await (await import('../triage/node/inputs.js')).readArchiveEntry(p, archive);
        yield 'bytes' in entry ? { path: p, bytes: entry.bytes } : { path: p, error: entry.error };
        continue;
      }
      yield { path: p, error: errorMessage(err) };
      continue;
    }
    if (info.isDirectory()) {
      const files = await listFolder(p);
      if (files.length === 0) yield { path: p, error: 'folder holds no files' };
      // As triage reads folders: only report names (a DiagnosticReports folder also holds analytics
      // files, plists and the like, which are not reports and are not errors either).
      let named = 0;
      for (const f of files) {
        if (!isReportName(f)) continue;
        named++;
        const one = readOne(joinPath(p, f));
        yield 'bytes' in one ? { ...one, walked: true } : one;
      }
      if (files.length > 0 && named === 0) yield { path: p, error: `no reports in this folder (${files.length} file(s), none named as one: ${REPORT_EXTENSIONS.map((e) => `.${e}`).join(' ')}, each also with ${COPY_SUFFIX} after it)` };
    } else if (isArchive(p)) {
      // Not read: a sysdiagnose can be gigabytes.
      yield { path: p, error: 'an archive: `paniclens triage` reads .zip and .tar.gz archives in place' };
    } else {
      yield readOne(p, info.size);
    }
  }
}

function readOne(path: string, size?: number): InputBytes {
  try {
    const n = size ?? statSync(path).size;
    if (n > MAX_INPUT_BYTES) return { path, error: `file too large (${n} bytes; the limit is ${MAX_INPUT_BYTES})` };
    return { path, bytes: new Uint8Array(readFileSync(path)) };
  } catch (err) {
    return { path, error: errorMessage(err) };
  }
}

const TOO_LARGE: InputBytes = { path: '-', error: `input too large (over ${MAX_INPUT_BYTES} bytes)` };

/**
 * Standard input. A pipe, file or socket is read with read(2) directly (process.stdin would build a
 * stream for it, loading node's stream and net modules); a terminal, or a descriptor set
 * non-blocking by whoever opened it, goes through process.stdin.
 */
async function readStdin(): Promise<InputBytes> {
  const chunks: Buffer[] = [];
  let total = 0;
  let direct = false;
  try {
    const st = fstatSync(0);
    direct = st.isFIFO() || st.isFile() || st.isSocket();
  } catch {
    direct = false;
  }
  if (direct) {
    // One read buffer; what each read returned is copied out, so a pipe's short reads (often 64 KB)
    // do not each hold a whole 256 KB buffer until the end.
    const chunk = Buffer.allocUnsafe(256 * 1024);
    for (;;) {
      let n: number;
      try {
        n = readSync(0, chunk, 0, chunk.length, null);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') break;
        if ((err as NodeJS.ErrnoException).code === 'EOF') return { path: '-', bytes: new Uint8Array(Buffer.concat(chunks)) };
        return { path: '-', error: errorMessage(err) };
      }
      if (n === 0) return { path: '-', bytes: new Uint8Array(Buffer.concat(chunks)) };
      total += n;
      if (total > MAX_INPUT_BYTES) return TOO_LARGE;
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
  } else if (process.stdin.isTTY) {
    return { path: '-', error: 'no input: give a path, or pipe a log into standard input (pbpaste | paniclens analyze)' };
  }
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_INPUT_BYTES) return TOO_LARGE;
    chunks.push(chunk);
  }
  return { path: '-', bytes: new Uint8Array(Buffer.concat(chunks)) };
}

function joinPath(dir: string, rel: string): string {
  return dir.endsWith('/') ? `${dir}${rel}` : `${dir}/${rel}`;
}
