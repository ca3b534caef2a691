/** Edge: `triage --merge`: read shard documents and fold them into one (merge(shards) = run(all)). */
import { mergeTriageDocuments, type MergeOptions } from '../merge.js';
import type { TriageDocument, TriageError } from '../aggregate.js';
import { readJsonFile } from './read-json.js';

export async function mergeTriageFiles(paths: string[], opts: MergeOptions = {}): Promise<{ doc: TriageDocument; errors: TriageError[] }> {
  const values: { path: string; value: unknown }[] = [];
  const errors: TriageError[] = [];
  for (const path of paths) {
    const read = await readJsonFile(path);
    if ('problem' in read) errors.push({ path, message: read.problem });
    else values.push({ path, value: read.value });
  }
  const merged = mergeTriageDocuments(values, opts);
  return { doc: merged.doc, errors: [...errors, ...merged.errors] };
}
