/**
 * `triage --baseline FILE`: an earlier triage to compare with, so a run says which buckets are new
 * (a QA lab's nightly question) and how many of the earlier ones were not seen again. Core code:
 * parsed JSON in.
 */
import { triageDocumentProblem } from './merge.js';
import type { TriageDocument } from './aggregate.js';

export interface Baseline {
  /** Report count of each bucket of the earlier run, by bucket id. */
  counts: Map<string, number>;
}

/** The baseline a triage JSON document gives, or why it cannot be one. */
export function baselineOf(value: unknown): Baseline | { problem: string } {
  const problem = triageDocumentProblem(value);
  if (problem) return { problem };
  const counts = new Map<string, number>();
  for (const b of (value as TriageDocument).buckets) counts.set(String(b.id), typeof b.count === 'number' ? b.count : 0);
  return { counts };
}
