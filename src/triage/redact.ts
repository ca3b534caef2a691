/**
 * `triage --redact`: a triage's personal data masked for sharing, with analyze --redact's rules
 * (src/report/redaction-rules.ts). Triage copies little of a report's text, but its file names are
 * everywhere (examples, incidents, errors, ndjson lines), and the folders triaged name people: the
 * home folder of ~/Library/Logs/DiagnosticReports, the device folder of an iPhone's synced reports.
 */
import { Redactor } from '../report/redact.js';
import type { TriageDocument } from './aggregate.js';

/**
 * Keys of the triage document whose values are never masked: the bucket ids and the fingerprint
 * key what a later --baseline or --merge compares, so they stay as computed (they are built from
 * symbols, image and bundle names and codes, which analyze --redact keeps too).
 */
const TRIAGE_NEVER_MASKED = ['fingerprint', 'bucket', 'buckets', 'signature', 'responsibleImage', 'rule'];
/** Keys whose values (or list items) are file names as triage gives them: a segment may hold spaces there. */
const TRIAGE_PATHS = ['ref', 'examples', 'reports'];

/** A redactor for one triage run: one document, or the lines of an ndjson stream, share its placeholders. */
export function triageRedactor(): Redactor {
  return new Redactor({ neverMasked: TRIAGE_NEVER_MASKED, paths: TRIAGE_PATHS });
}

/** The document with personal data masked and `redactions` naming what was (an empty list when nothing was). */
export function redactTriage(doc: TriageDocument, redactor: Redactor = triageRedactor()): TriageDocument {
  const { redactions: before, ...rest } = doc;
  const out = redactor.redact(rest);
  return { ...out, redactions: redactor.categories(before ?? []) };
}
