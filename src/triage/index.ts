/** Batch triage, the core: fingerprints and buckets, the triage document, merging shards, renderers. No Node API. */
export { bucketOf, explainBucket, FINGERPRINT_VERSION, type BucketKey, type BucketExplanation } from './fingerprint.js';
export { TriageAccumulator, buildTriageJson, type TriageDocument, type TriageBucket, type TriageIncident, type TriageOptions } from './aggregate.js';
export { mergeTriageDocuments } from './merge.js';
export { redactTriage, triageRedactor } from './redact.js';
export { baselineOf, type Baseline } from './baseline.js';
export { summarizeReport, type ReportSummary } from './summary.js';
export { sharedSkipList, SkipList } from './skip-list.js';
export { renderTriageMarkdown } from './render/markdown.js';
export { renderTriageTable } from './render/table.js';
export { renderTriageHtml } from './render/html.js';
export { renderExplanation } from './explain.js';
