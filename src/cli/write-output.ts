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
  const tmp = join(dirname(resolve(file)), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    if (typeof content === 'string') writeFileSync(tmp, content, { flag: 'wx' });
    else {
      // Written as it is produced: a large document is never one string.
      const fd = openSync(tmp, 'wx');
      try {
        content((chunk) => writeFileSync(fd, chunk));
      } finally {
        closeSync(fd);
      }
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
