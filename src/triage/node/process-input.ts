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
      // A view of a buffer the next read reuses: ingestBytes below decodes it before anything else reads.
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
 * and each thread reads one file at a time anyway. Files that fit are read into one buffer kept for
 * the thread's life: a fresh zero-filled buffer per file (an external backing store each, freed only
 * by a collection) cost ~40% of reading the legacy corpus. The bytes returned are only valid until
 * the next call: the caller decodes them at once (ingestBytes keeps no reference to them).
 */
function readWhole(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_INPUT_BYTES) throw new Error(`file too large (${size} bytes; the limit is ${MAX_INPUT_BYTES})`);
    const buf = size <= REUSED_BYTES ? reused() : new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, buf, at, size - at, null);
      if (n === 0) break;
      at += n;
    }
    return at === buf.length ? buf : buf.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** Files up to this size are read into the thread's one reused buffer (most reports are a few KB to a few hundred). */
const REUSED_BYTES = 1 << 20;
let reusedBuffer: Uint8Array | undefined;

function reused(): Uint8Array {
  reusedBuffer ??= new Uint8Array(REUSED_BYTES);
  return reusedBuffer;
}
