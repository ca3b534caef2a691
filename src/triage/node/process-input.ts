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
import { MAX_INPUT_BYTES } from '../../pipeline/input-limits.js';
import type { TriageInput } from './inputs.js';
import { isPassedOver } from './list-folder.js';
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
    if (input.walked && isPassedOver(path, message)) return { path, summaries: [], skipped: true };
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
 * One open and reads until the end: synchronous calls cost far less than promise ones per small file,
 * and each thread reads one file at a time anyway. Files are read into one buffer kept for the
 * thread's life: a fresh zero-filled buffer per file (an external backing store each, freed only by
 * a collection) cost ~40% of reading the legacy corpus. No fstat for the size: the read that returns
 * nothing ends a file that fits (an fstat and its Stats object cost more, ~25% of reading the legacy
 * set); only a file that fills the buffer is sized. The bytes returned are only valid until the next
 * call: the caller decodes them at once (ingestBytes keeps no reference to them).
 */
export function readWhole(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = reused();
    let at = 0;
    while (at < buf.length) {
      const n = readSync(fd, buf, at, buf.length - at, null);
      if (n === 0) return buf.subarray(0, at);
      at += n;
    }
    return readRest(fd, buf);
  } finally {
    closeSync(fd);
  }
}

/**
 * The rest of a file that filled the reused buffer (`head`): sized by fstat, as it was before the
 * first read; what is not a regular file (a pipe: fstat says 0) is read in growing steps. Either way
 * bounded by MAX_INPUT_BYTES.
 */
function readRest(fd: number, head: Uint8Array): Uint8Array {
  const size = fstatSync(fd).size;
  if (size > MAX_INPUT_BYTES) throw new Error(`file too large (${size} bytes; the limit is ${MAX_INPUT_BYTES})`);
  if (size > head.length && size <= MAX_REUSED_BYTES) {
    // The reused buffer grows for good (doubling), so a folder of large reports costs a few
    // allocations, not a zero-filled buffer per file.
    let cap = head.length;
    while (cap < size) cap *= 2;
    const grown = new Uint8Array(cap);
    grown.set(head);
    reusedBuffer = grown;
    let at = head.length;
    while (at < size) {
      const n = readSync(fd, grown, at, size - at, null);
      if (n === 0) break;
      at += n;
    }
    return grown.subarray(0, at);
  }
  let out = new Uint8Array(Math.max(size, head.length * 2));
  out.set(head);
  let at = head.length;
  for (;;) {
    if (at === out.length) {
      if (at === size) break; // a regular file read to the size it had
      if (at >= MAX_INPUT_BYTES) throw new Error(`file too large (over ${MAX_INPUT_BYTES} bytes)`);
      const grown = new Uint8Array(Math.min(MAX_INPUT_BYTES, at * 2));
      grown.set(out);
      out = grown;
    }
    const n = readSync(fd, out, at, out.length - at, null);
    if (n === 0) break;
    at += n;
  }
  return at === out.length ? out : out.subarray(0, at);
}

/**
 * The thread's reused buffer starts at REUSED_BYTES (most reports are a few KB to a few hundred) and
 * grows to hold files up to MAX_REUSED_BYTES (panics with stackshots, spindumps: a few MB). With a
 * zero-filled buffer of their own per file, and the collections such buffers bring, the corpus'
 * large reports (corpus x 10, --jobs 1) ran at 1.07x the time. Starting large instead cost small
 * files 1.6% more instructions (the legacy set).
 */
const REUSED_BYTES = 1 << 20;
const MAX_REUSED_BYTES = 16 << 20;
let reusedBuffer: Uint8Array | undefined;

function reused(): Uint8Array {
  reusedBuffer ??= new Uint8Array(REUSED_BYTES);
  return reusedBuffer;
}
