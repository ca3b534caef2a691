/** Merging shard documents (`triage --merge`). Core code: parsed JSON in, one document out. */
import { TriageAccumulator, TRIAGE_SCHEMA_VERSION, type TriageDocument, type TriageError, type TriageOptions } from './aggregate.js';
import { FINGERPRINT_VERSION } from './fingerprint.js';

export type MergeOptions = TriageOptions;

/** Why a value is not a mergeable triage document, or undefined when it is one. */
export function triageDocumentProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a triage JSON document';
  const v = value as Partial<TriageDocument>;
  if (v.schemaVersion !== TRIAGE_SCHEMA_VERSION) return `schemaVersion ${String(v.schemaVersion)}; this paniclens reads ${TRIAGE_SCHEMA_VERSION}`;
  // The shape before the fingerprint rule: another paniclens document (analyze's has the same schemaVersion) has no rule to compare.
  if (!v.summary || !Array.isArray(v.buckets) || !Array.isArray(v.members) || !Array.isArray(v.errors)) {
    return 'reports' in v
      ? 'an analyze document, not a triage one: merge takes the output of `paniclens triage --format json`'
      : 'not a triage JSON document (summary, buckets, members, errors expected)';
  }
  if (v.fingerprintVersion !== FINGERPRINT_VERSION) return `fingerprintVersion ${String(v.fingerprintVersion)}; this paniclens buckets with ${FINGERPRINT_VERSION}: triage the shard again`;
  if (v.buckets.length < v.summary.buckets) return 'made with --top: only complete shards can be merged';
  return undefined;
}

export function mergeTriageDocuments(docs: { path: string; value: unknown }[], opts: MergeOptions = {}): { doc: TriageDocument; errors: TriageError[] } {
  const acc = new TriageAccumulator(opts);
  const errors: TriageError[] = [];
  for (const { path, value } of docs) {
    const problem = triageDocumentProblem(value);
    if (problem) errors.push({ path, message: problem });
    else acc.addDocument(value as TriageDocument);
  }
  return { doc: acc.result(), errors };
}
