/**
 * `triage --baseline FILE`: an earlier triage to compare with, so a run says which buckets are new
 * (a QA lab's nightly question) and how many of the earlier ones were not seen again. Core code:
 * parsed JSON in.
 */
import { processesText, triageDocumentProblem } from './merge.js';
import { processNames, type TriageDocument } from './aggregate.js';

export interface Baseline {
  /** The earlier run's buckets by id: their report count and title. */
  buckets: Map<string, { count: number; title: string }>;
  /** The earlier run's --process names (processNames form), null when it kept every report. */
  processes: string[] | null;
}

/** The baseline a triage JSON document gives, or why it cannot be one. */
export function baselineOf(value: unknown): Baseline | { problem: string } {
  const problem = triageDocumentProblem(value);
  if (problem) return { problem };
  const buckets = new Map<string, { count: number; title: string }>();
  for (const b of (value as TriageDocument).buckets) buckets.set(String(b.id), { count: typeof b.count === 'number' ? b.count : 0, title: String(b.title) });
  const names = (value as TriageDocument).summary.processes;
  return { buckets, processes: Array.isArray(names) ? processNames(names.map(String)) : null };
}

/**
 * Why a run over `processes` cannot be compared with the baseline, or undefined: one triage of every
 * process and one of a few would call every other process's bucket gone, or new.
 */
export function baselineMismatch(baseline: Baseline, processes: string[] | null | undefined): string | undefined {
  const ours = processesText(processes);
  const theirs = processesText(baseline.processes);
  return ours === theirs ? undefined : `made with ${theirs} where this run has ${ours}: compare triages of the same processes`;
}
