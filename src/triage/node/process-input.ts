/**
 * Edge: one input through the analyze pipeline (ingest → symbolicate → demangle → diagnose) down to
 * report summaries. Runs in the main thread (--jobs 1) or in a worker; the report objects die here.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { diagnoseReport } from '../../diagnose/index.js';
import { ingestBytes } from '../../ingest/index.js';
import { prepareReports, type PipelineOptions } from '../../pipeline/analyze-reports.js';
import type { SkipList } from '../skip-list.js';
import { summarizeReport, type ReportSummary } from '../summary.js';
import { GENERIC_NAME, MAX_INPUT_BYTES, type TriageInput } from './inputs.js';
import { errorMessage } from '../../pipeline/error-message.js';
import { explainBucket, type BucketExplanation } from '../fingerprint.js';

/** Inputs that reach a reader: a file path or bytes from an archive. */
export type ReadableInput = Extract<TriageInput, { walked: boolean }>;

export interface InputOutcome {
  path: string;
  summaries: ReportSummary[];
  error?: string;
  /** A walked file with a generic name that held no report: counted as passed over. */
  skipped?: boolean;
  explanations?: BucketExplanation[];
}

export async function processInput(input: ReadableInput, pipeline: PipelineOptions, skip: SkipList, explain = false): Promise<InputOutcome> {
  const path = input.path;
  let bytes: Uint8Array;
  if ('bytes' in input) bytes = input.bytes;
  else {
    try {
      bytes = readWhole(path);
    } catch (err) {
      return { path, summaries: [], error: errorMessage(err) };
    }
  }
  const ingested = ingestBytes(bytes, path);
  if (ingested.reports.length === 0) {
    const message = ingested.errors[0]?.message ?? 'no report found';
    if (input.walked && GENERIC_NAME.test(path) && message.startsWith('unrecognised content')) return { path, summaries: [], skipped: true };
    return { path, summaries: [], error: message };
  }
  const { reports, signatures } = await prepareReports(ingested.reports, pipeline);
  const summaries: ReportSummary[] = [];
  const explanations: BucketExplanation[] = [];
  for (const r of reports) {
    r.diagnoses = diagnoseReport(r, signatures);
    summaries.push(summarizeReport(r, skip));
    if (explain) explanations.push(explainBucket(r, skip));
  }
  return { path, summaries, ...(explain ? { explanations } : {}) };
}

/**
 * One open, one fstat, one read: synchronous calls cost far less than promise ones per small file,
 * and each thread reads one file at a time anyway.
 */
function readWhole(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_INPUT_BYTES) throw new Error(`file too large (${size} bytes; the limit is ${MAX_INPUT_BYTES})`);
    const buf = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, buf, at, size - at, null);
      if (n === 0) break;
      at += n;
    }
    return at === size ? buf : buf.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}
