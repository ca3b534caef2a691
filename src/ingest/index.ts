import type { Report } from '../model/report.js';
import { BINARY_PROBE_BYTES, decodeBytes, looksBinary, normalizeText } from './decode.js';
import { detectForm, type DetectedForm } from './detect.js';
import { splitDocuments } from './split.js';
import { unwrapPaste } from './unwrap-paste.js';
import { parseTranslatedReport } from './translated-report.js';
import { parseIps } from './ips/index.js';
import { parseCrashText } from './crash-text/index.js';
import { parsePanicText } from './panic-text/index.js';
import { parseKernelLog } from './kernel-log/index.js';
import { parseReporterJson } from './reporter-json/index.js';
import { markReporterFrames } from './reporters/mark-frames.js';
import { decodeReportCodes } from '../codes/report-pass.js';
import type { DocumentContext, DocumentParser, IngestResult } from './types.js';

export type { DocumentContext, IngestError, IngestResult } from './types.js';
export { decodeBytes, normalizeText } from './decode.js';
export { detectForm } from './detect.js';
export { splitDocuments } from './split.js';

/** One parser per form: adding a form is one module and one line here. */
const PARSERS: Record<DetectedForm, DocumentParser> = {
  ips: parseIps,
  'crash-text': parseCrashText,
  'panic-text': parsePanicText,
  'kernel-log': parseKernelLog,
  'translated-report': parseTranslatedReport,
  'reporter-json': parseReporterJson,
};

/** Upper bound on documents taken from one input, so a hostile paste cannot fan out without end. */
const MAX_DOCUMENTS = 1000;

/** Parse text (a file's contents or a paste) into reports; `path` names the input in errors. */
export function ingestText(input: string, path: string): IngestResult {
  return ingestNormalized(normalizeText(input), path);
}

/** ingestText of text normalizeText has been applied to. */
function ingestNormalized(normalized: string, path: string): IngestResult {
  const text = unwrapPaste(normalized);
  if (text.trim() === '') return { reports: [], errors: [{ path, message: 'empty input' }] };
  const reports: Report[] = [];
  const slices = splitDocuments(text);
  const warnings: string[] = [];
  if (slices.length > MAX_DOCUMENTS) warnings.push(`only the first ${MAX_DOCUMENTS} of ${slices.length} documents were read`);
  let unrecognised = 0;
  for (const [documentIndex, slice] of slices.slice(0, MAX_DOCUMENTS).entries()) {
    const form = detectForm(slice.text);
    if (!form) {
      unrecognised++;
      continue;
    }
    const ctx: DocumentContext = { path, startLine: slice.startLine, documentIndex };
    const report = PARSERS[form](slice.text, ctx);
    markReporterFrames(report);
    report.source.path = path;
    report.source.startLine ??= slice.startLine;
    if (slices.length > 1) report.source.documentIndex = documentIndex;
    // Codes are decoded once, into the model, so every renderer and signature sees the same names.
    reports.push(decodeReportCodes(report));
  }
  foldQuotedExcerpts(reports);
  if (reports.length === 0) {
    return {
      reports,
      errors: [{ path, message: 'unrecognised content: not a crash report, panic log, .ips file or kernel log' }],
    };
  }
  if (warnings.length > 0) reports[0]?.warnings.push(...warnings);
  if (unrecognised > 0) reports[0]?.warnings.push(`${unrecognised} part(s) of the input were not recognised and were skipped`);
  return { reports, errors: [] };
}

/**
 * An article or issue that holds one complete report (an .ips, or text with its Binary Images) and
 * also quotes crash-report excerpts (without Binary Images or without frames) is about that report: the excerpts are
 * examples or fragments beside it, named in a warning instead of analysed as reports of their own.
 */
function foldQuotedExcerpts(reports: Report[]): void {
  if (reports.length < 2) return;
  const hasFrames = (r: Report): boolean => r.threads.some((t) => t.frames.length > 0);
  const complete = (r: Report): boolean =>
    r.kind === 'crash' && hasFrames(r) && (r.source.format === 'ips' || r.images.length > 0);
  const excerpt = (r: Report): boolean => r.kind === 'crash' && r.source.format === 'crash-text' && !complete(r);
  const primary = reports.filter(complete);
  if (primary.length !== 1) return;
  const quoted = reports.filter(excerpt);
  if (quoted.length === 0 || quoted.length + 1 !== reports.length) return;
  const lines = quoted.map((r) => r.source.startLine).filter((l) => l !== undefined);
  const [main] = primary as [Report];
  main.warnings.push(
    `the text also quotes ${quoted.length} crash report excerpt(s) without Binary Images or frames (from line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}); ` +
      'they were not analysed separately: give each one alone to analyse it',
  );
  delete main.source.documentIndex;
  reports.splice(0, reports.length, main);
}

/** Parse raw bytes: decoded as UTF-8 (Latin-1 fallback), binary files refused with a clear reason. */
export function ingestBytes(bytes: Uint8Array, path: string): IngestResult {
  if (bytes.length === 0) return { reports: [], errors: [{ path, message: 'empty input' }] };
  const { text, encoding } = decodeBytes(bytes);
  // A NUL byte always decodes to U+0000 at an index no greater than its byte offset, so text without
  // one in its first 8 KiB characters has none in the first 8 KiB bytes: the byte scan runs only when
  // the (native) string search finds one.
  const nul = text.indexOf('\u0000');
  if (nul >= 0 && nul < BINARY_PROBE_BYTES && looksBinary(bytes)) {
    return { reports: [], errors: [{ path, message: 'binary file, not a text log (expected .ips, .crash, .panic or log text)' }] };
  }
  // decodeBytes normalised the text already: normalizing it again would only strip a second BOM (no CR
  // or NBSP is left), so that is all that is done instead of two more searches of the whole text.
  const result = ingestNormalized(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, path);
  if (encoding === 'latin1') for (const r of result.reports) r.warnings.push('input was not valid UTF-8; read as Latin-1');
  return result;
}
