import { readFile, stat } from 'node:fs/promises';
import { errorMessage } from './diagnostics.js';

/** One input as bytes, or the reason it could not be read. */
export type InputBytes = { path: string; bytes: Uint8Array } | { path: string; error: string };

/** Larger files are refused: no crash or panic log comes near this, and reading it would exhaust memory. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * Expand the paths a user gave (files, folders searched recursively, "-" for standard input)
 * into inputs in a stable order. Folders skip hidden files and dependency trees.
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
      info = await stat(p);
    } catch (err) {
      yield { path: p, error: errorMessage(err) };
      continue;
    }
    if (info.isDirectory()) {
      // .dext bundles hold plists and binaries, not logs: `lint` and `analyze --dext` read them.
      // The glob library loads only when a folder is given.
      const { glob } = await import('tinyglobby');
      const files = (await glob('**/*', { cwd: p, onlyFiles: true, dot: false, ignore: ['**/node_modules/**', '**/*.dSYM/**', '**/*.dext/**'] })).sort();
      if (files.length === 0) yield { path: p, error: 'folder holds no files' };
      for (const f of files) yield await readOne(joinPath(p, f));
    } else {
      yield await readOne(p, info.size);
    }
  }
}

async function readOne(path: string, size?: number): Promise<InputBytes> {
  try {
    const n = size ?? (await stat(path)).size;
    if (n > MAX_INPUT_BYTES) return { path, error: `file too large (${n} bytes; the limit is ${MAX_INPUT_BYTES})` };
    return { path, bytes: new Uint8Array(await readFile(path)) };
  } catch (err) {
    return { path, error: errorMessage(err) };
  }
}

async function readStdin(): Promise<InputBytes> {
  if (process.stdin.isTTY) return { path: '-', error: 'no input: give a path, or pipe a log into standard input (pbpaste | paniclens analyze)' };
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_INPUT_BYTES) return { path: '-', error: `input too large (over ${MAX_INPUT_BYTES} bytes)` };
    chunks.push(chunk);
  }
  return { path: '-', bytes: new Uint8Array(Buffer.concat(chunks)) };
}

function joinPath(dir: string, rel: string): string {
  return dir.endsWith('/') ? `${dir}${rel}` : `${dir}/${rel}`;
}
