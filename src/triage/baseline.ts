/**
 * `triage --baseline FILE`: an earlier triage to compare with, so a run says which buckets are new
 * (a QA lab's nightly question) and how many of the earlier ones were not seen again. Core code:
 * parsed JSON in.
 */
import { triageDocumentProblem } from './merge.js';
import type { TriageDocument } from './aggregate.js';

export interface Baseline {
  /** The earlier run's buckets by id: their report count and title. */
  buckets: Map<string, { count: number; title: string }>;
}

/** The baseline a triage JSON document gives, or why it cannot be one. */
export function baselineOf(value: unknown): Baseline | { problem: string } {
  const problem = triageDocumentProblem(value);
  if (problem) return { problem };
  const buckets = new Map<string, { count: number; title: string }>();
  for (const b of (value as TriageDocument).buckets) buckets.set(String(b.id), { count: typeof b.count === 'number' ? b.count : 0, title: String(b.title) });
  return { buckets };
}
