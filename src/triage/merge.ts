/** Merging shard documents (`triage --merge`). Core code: parsed JSON in, one document out. */
import { processNames, TriageAccumulator, TRIAGE_SCHEMA_VERSION, type TriageDocument, type TriageError, type TriageOptions } from './aggregate.js';
import { FINGERPRINT_VERSION } from './fingerprint.js';

/** --since and --process apply when reports are read: a merge takes the shards' (see mergeTriageDocuments). */
export type MergeOptions = Omit<TriageOptions, 'sinceMs' | 'processes'>;

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
  if (v.fingerprintVersion !== FINGERPRINT_VERSION) return `fingerprintVersion ${String(v.fingerprintVersion)}; this paniclens buckets with ${FINGERPRINT_VERSION}: triage its reports again`;
  if (v.buckets.length < v.summary.buckets) return 'made with --top, so some buckets are missing: only complete triage documents can be merged or compared';
  return undefined;
}

/**
 * One document from the shards'. Shards cut at different --since dates would give counts no single
 * run gives: the shards after the first that differ from it are refused, and the result carries
 * their cut (--since itself applies when reports are read, so the options give none).
 */
export function mergeTriageDocuments(docs: { path: string; value: unknown }[], opts: MergeOptions = {}): { doc: TriageDocument; errors: TriageError[] } {
  const errors: TriageError[] = [];
  const kept: TriageDocument[] = [];
  let since: string | null | undefined;
  let processes: string | undefined;
  for (const { path, value } of docs) {
    const problem = triageDocumentProblem(value);
    if (problem) {
      errors.push({ path, message: problem });
      continue;
    }
    const doc = value as TriageDocument;
    // Placeholders are numbered per run: <user-1> of one shard and of another may be two people.
    if (Array.isArray(doc.redactions) && doc.redactions.length > 0) {
      errors.push({ path, message: `made with --redact, and its placeholders are its own (<user-1> of one shard is not that of another): merge the shards as written, and give --redact to the merge` });
      continue;
    }
    const cut = typeof doc.summary.since === 'string' ? doc.summary.since : null;
    if (since === undefined) since = cut;
    else if (cut !== since) {
      errors.push({ path, message: `made with --since ${cut ?? '(none)'} where the first shard has ${since ?? '(none)'}: give every shard the same --since date (a span such as 7d counts from each shard's own start)` });
      continue;
    }
    const only = processesText(doc.summary.processes);
    if (processes === undefined) processes = only;
    else if (only !== processes) {
      errors.push({ path, message: `made with ${only} where the first shard has ${processes}: give every shard the same --process names` });
      continue;
    }
    kept.push(doc);
  }
  const sinceMs = since ? Date.parse(since) : NaN;
  const names = kept[0]?.summary.processes;
  const acc = new TriageAccumulator({ ...opts, ...(Number.isFinite(sinceMs) ? { sinceMs } : {}), ...(Array.isArray(names) ? { processes: names.map(String) } : {}) });
  for (const doc of kept) acc.addDocument(doc);
  return { doc: acc.result(), errors };
}

/** A document's --process names as the messages say them: `--process a,b`, or `no --process`. */
export function processesText(names: string[] | null | undefined): string {
  // String(): a shard's JSON may hold anything there.
  return Array.isArray(names) ? `--process ${processNames(names.map(String)).join(',')}` : 'no --process';
}
