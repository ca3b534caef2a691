// Synchronous calls: one file is written at the end of a run, and node's fs/promises (with the
// stream and readline modules it loads) cost more start-up than the write.
import { closeSync, openSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Output formats a file name implies: `report.md` is Markdown unless --format says otherwise. */
const BY_EXTENSION: Record<string, 'json' | 'md' | 'html' | 'text'> = {
  '.json': 'json',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'text',
};

export function formatFromExtension(file: string): 'json' | 'md' | 'html' | 'text' | undefined {
  const m = /\.[A-Za-z]+$/.exec(file);
  return m ? BY_EXTENSION[m[0].toLowerCase()] : undefined;
}

/** The real path of a file, or its absolute path when it does not exist (yet). */
function canonical(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

/** True when writing `output` would replace one of the files that were read. */
export async function isAnInput(output: string, inputs: string[]): Promise<boolean> {
  const target = canonical(output);
  for (const input of inputs) if (input !== '-' && canonical(input) === target) return true;
  return false;
}

/**
 * Write atomically: a temporary file beside the target, then a rename, so a reader (or a crash
 * half-way) never sees a half-written report.
 */
export async function writeAtomically(file: string, content: string | ((write: (chunk: string) => void) => void)): Promise<void> {
  const out = openAtomically(file);
  try {
    if (typeof content === 'string') out.write(content);
    else content(out.write);
  } catch (err) {
    out.abort();
    throw err;
  }
  out.commit();
}

export interface AtomicFile {
  /** Append text (the temporary file grows; the target is untouched). */
  write(chunk: string): void;
  /** Put the temporary file in the target's place. */
  commit(): void;
  /** Remove the temporary file; the target is untouched. */
  abort(): void;
}

/**
 * A temporary file beside `file` that becomes it on commit: for output written over a whole run
 * (triage's ndjson lines), so a reader never sees a half-written file. Throws when the folder
 * cannot take the file, before any work is done.
 */
export function openAtomically(file: string): AtomicFile {
  const tmp = join(dirname(resolve(file)), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'wx');
  let open = true;
  const close = (): void => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (chunk) => {
      writeFileSync(fd, chunk);
    },
    commit: () => {
      close();
      try {
        renameSync(tmp, file);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw err;
      }
    },
    abort: () => {
      close();
      rmSync(tmp, { force: true });
    },
  };
}
