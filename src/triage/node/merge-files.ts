/** Edge: `triage --merge`: read shard documents and fold them into one (merge(shards) = run(all)). */
import { readFile } from 'node:fs/promises';
import { mergeTriageDocuments, type MergeOptions } from '../merge.js';
import type { TriageDocument, TriageError } from '../aggregate.js';
import { errorMessage } from '../../pipeline/error-message.js';

export async function mergeTriageFiles(paths: string[], opts: MergeOptions = {}): Promise<{ doc: TriageDocument; errors: TriageError[] }> {
  const values: { path: string; value: unknown }[] = [];
  const errors: TriageError[] = [];
  for (const path of paths) {
    try {
      values.push({ path, value: JSON.parse(await readFile(path, 'utf8')) as unknown });
    } catch (err) {
      errors.push({ path, message: err instanceof SyntaxError ? `not valid JSON: ${err.message}` : errorMessage(err) });
    }
  }
  const merged = mergeTriageDocuments(values, opts);
  return { doc: merged.doc, errors: [...errors, ...merged.errors] };
}
