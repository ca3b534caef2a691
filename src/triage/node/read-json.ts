/** Edge: a triage JSON document from a file (--merge shards, --baseline), within the bound every input has. */
import { readFile, stat } from 'node:fs/promises';
import { errorMessage } from '../../pipeline/error-message.js';
import { MAX_INPUT_BYTES } from '../../pipeline/input-limits.js';

/** The parsed JSON of a file, or why it could not be read, in one line. */
export async function readJsonFile(path: string): Promise<{ value: unknown } | { problem: string }> {
  try {
    // Sized first: a document read whole and parsed takes several times its size in memory.
    const size = (await stat(path)).size;
    if (size > MAX_INPUT_BYTES) return { problem: `file too large (${size} bytes; the limit is ${MAX_INPUT_BYTES})` };
    return { value: JSON.parse(await readFile(path, 'utf8')) as unknown };
  } catch (err) {
    return { problem: err instanceof SyntaxError ? `not valid JSON: ${err.message}` : errorMessage(err) };
  }
}
