import { realpath, rename, rm, writeFile } from 'node:fs/promises';
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
async function canonical(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/** True when writing `output` would replace one of the files that were read. */
export async function isAnInput(output: string, inputs: string[]): Promise<boolean> {
  const target = await canonical(output);
  for (const input of inputs) if (input !== '-' && (await canonical(input)) === target) return true;
  return false;
}

/**
 * Write atomically: a temporary file beside the target, then a rename, so a reader (or a crash
 * half-way) never sees a half-written report.
 */
export async function writeAtomically(file: string, content: string): Promise<void> {
  const tmp = join(dirname(resolve(file)), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(tmp, content, { flag: 'wx' });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
