import type { SourceFormat } from '../model/report.js';
import { hasCollapsedCrashReport } from './crash-text/collapsed.js';
import { looksLikeKernelLog } from './kernel-log/detect.js';
import { looksLikePanicText } from './panic-text/detect.js';
import { parseFrameLine } from './crash-text/frame-line.js';
import { BINARY_SPINDUMP } from './crash-text/text-kind.js';
import { isHeaderLine } from './ips/envelope.js';
import { skipSpace } from './text-scan.js';

/**
 * Decide a document's form by its content, never by file extension (FORMATS.md §1):
 * real files carry `.crash` names over JSON and `.panic` names over `.ips`.
 */

export type DetectedForm = SourceFormat | 'translated-report';

/** How many leading lines the "first meaningful content" rules look at. */
const HEAD_LINES = 60;

const IPS_HEADER = /^\s*\{.*"bug_type"/;
const JSON_BODY_KEYS = /"(crashReporterKey|procName|panicString|macOSPanicString|bug_type|processByPid|largestProcess|incident)"\s*:/;
/** KSCrash's native JSON: `"report": {…}` with its own keys (`binary_images`, `process_name`). */
const KSCRASH_KEYS = /"(binary_images|kscrash)"\s*:|"report"\s*:\s*\{[^}]*"process_name"/;
const JSON_KEY_LINE = /^\s*"[A-Za-z_][\w]{0,60}"\s*:/;
const IPS_FRAGMENT_KEYS = /"(termination|faultingThread|usedImages|procName|procPath|exception|threads|panicString|legacyInfo|asi|ktriageinfo|vmRegionInfo|lastExceptionBacktrace)"\s*:/;
const TRANSLATED_TITLE = 'Translated Report (Full Report Below)';
const CRASH_HEAD = /^\s*(Incident Identifier|CrashReporter Key|Hardware Model|Process|Exception Type|Date\/Time|Command|Data Source):/;
const CRASH_ANYWHERE = /^\s*(Exception Type|Crashed Thread|Triggered by Thread|Termination Reason|Data Source|Heavy format):/m;
const BACKTRACE_HEAD = /^\s*(Last Exception Backtrace:|Application Specific Backtrace \d{1,4}:|Thread \d{1,6}( Crashed)?::?(\s+Dispatch queue:.*|\s+\S.*)?$|Thread \d{1,6} name:)/;
/** Headings of in-app reporters' text (Crashlytics, Umeng, Bugly), see crash-text/reporter-text.ts. */
const REPORTER_HEAD = /^\s*(Crashed: \S|Fatal Exception: [A-Za-z]|Non-fatal Exception: [A-Za-z]|Application received signal SIG[A-Z]|#\d{1,4} Thread\s*$|dSYM UUID: )/;
const PANIC_HEAD = /^\s*(\*\*\* Panic Report \*\*\*|Anonymous UUID:|panic\(cpu )/;
const PANIC_ANYWHERE = /panic\(cpu \d+ caller /;
/** Unified-log timestamp at line start: `2026-03-01 10:21:07.123456-0800` or compact `… 10:21:07.123 `. */
export const LOG_TIMESTAMP = /^\s*\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?([+-]\d{4})?\s/;
const LOG_MARKERS = /(^|\s)(kernel(\[\d+\])?:|DK: |\.dext\) |has crashed \d+ time|ClientCrashed_Impl|IOUserServer\()/;
const NDJSON_LOG = /^\s*\{.*"(eventMessage|timestamp)"/;

/** Classify one document, or undefined when nothing in it looks like an Apple log. */
export function detectForm(text: string): DetectedForm | undefined {
  // The first lines as one string (what joining them gives) and the first non-blank line are found
  // in place; the array of lines is built only for the forms that look at lines one by one.
  const headText = text.slice(0, endOfLines(text, HEAD_LINES));
  if (headText.includes(TRANSLATED_TITLE)) return 'translated-report';
  const first = firstNonBlankLine(headText);
  if (IPS_HEADER.test(first)) return 'ips';
  // An .ips pasted under a title or a few lines of prose: its header is the first JSON line.
  const firstJson = firstJsonLine(headText, 40);
  if (firstJson !== undefined && isHeaderLine(firstJson)) return 'ips';
  if (NDJSON_LOG.test(first) || /^\s*\[\s*(\{|$)/.test(first)) {
    if (isLogJson(firstLines(text, HEAD_LINES))) return 'kernel-log';
    // Other JSON (a manifest, a package file) is not a report: only .ips keys make it one.
    return JSON_BODY_KEYS.test(headText) ? 'ips' : undefined;
  }
  if (first.trimStart().startsWith('{') && JSON_BODY_KEYS.test(headText)) return 'ips';
  if (first.trimStart().startsWith('{') && KSCRASH_KEYS.test(headText.slice(0, 64 * 1024))) return 'reporter-json';
  // The middle of an .ips body pasted without its braces: `"termination" : {…},` then more keys.
  if (JSON_KEY_LINE.test(first) && IPS_FRAGMENT_KEYS.test(headText)) return 'ips';
  // The first 8 non-blank lines decide most documents; all 60 head lines are cut out only past them.
  const first8 = nonBlankLines(headText, 8);
  if (first8.some((l) => PANIC_HEAD.test(l))) return 'panic-text';
  if (first8.some((l) => CRASH_HEAD.test(l)) && !PANIC_ANYWHERE.test(headText)) return 'crash-text';
  const head = firstLines(text, HEAD_LINES);
  const meaningful = head.filter((l) => skipSpace(l, 0, l.length) < l.length);
  if (startsAtBacktrace(meaningful)) return 'crash-text';
  if (meaningful.slice(0, 8).some((l) => REPORTER_HEAD.test(l))) return 'crash-text';
  // Umeng's uncaught-exception form: the exception name, then its stack opened by a lone "(".
  if (meaningful.slice(0, 8).some((l, i) => /^\s*[A-Z]\w{2,80}(Exception|Error)\s*$/.test(l) && meaningful[i + 1]?.trim() === '(')) return 'crash-text';
  if (meaningful.slice(0, 4).some((l) => BINARY_SPINDUMP.test(l.trim()))) return 'crash-text';
  if (hasLogLines(meaningful, Math.min(2, meaningful.length))) return 'kernel-log';
  // Reports embedded in prose: look through the whole document.
  if (PANIC_ANYWHERE.test(text) || looksLikePanicText(text)) return 'panic-text';
  if (CRASH_ANYWHERE.test(text)) return 'crash-text';
  // A crash report whose line breaks became spaces.
  if (hasCollapsedCrashReport(head)) return 'crash-text';
  if (looksLikeKernelLog(text)) return 'kernel-log';
  return undefined;
}

/** Offset where the first `n` lines end (their last newline excluded), or the text's length. */
function endOfLines(text: string, n: number): number {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return text.length;
  }
  return at;
}

/** The first line holding a non-space character, or '' when every line is blank. */
function firstNonBlankLine(text: string): string {
  const k = skipSpace(text, 0, text.length);
  if (k === text.length) return '';
  const from = text.lastIndexOf('\n', k) + 1;
  const nl = text.indexOf('\n', k);
  return text.slice(from, nl < 0 ? text.length : nl);
}

/** The first of the first `n` lines whose first non-space character is `{`. */
function firstJsonLine(text: string, n: number): string | undefined {
  let from = 0;
  for (let k = 0; k < n && from <= text.length; k++) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    const c = skipSpace(text, from, end);
    if (c < end && text.charCodeAt(c) === 0x7b) return text.slice(from, end);
    if (nl < 0) break;
    from = nl + 1;
  }
  return undefined;
}

/**
 * Part of a crash report pasted from its first backtrace on: a thread or exception-backtrace
 * heading among the first lines, with frame lines right under it.
 */
function startsAtBacktrace(meaningful: string[]): boolean {
  const first = meaningful.slice(0, 8).findIndex((l) => BACKTRACE_HEAD.test(l));
  if (first < 0) return false;
  return meaningful.slice(first + 1, first + 6).some((l) => parseFrameLine(l) !== undefined);
}

function isLogJson(head: string[]): boolean {
  return head.some((l) => /"eventMessage"\s*:/.test(l));
}

/** True when at least `min` of the lines look like log lines (counting stops there: a log's other lines need no test). */
function hasLogLines(lines: string[], min: number): boolean {
  let n = 0;
  for (let i = 0; i < lines.length && n < min; i++) {
    const l = lines[i] as string;
    if (LOG_TIMESTAMP.test(l) || LOG_MARKERS.test(l)) n++;
  }
  return n >= min;
}

/** The first `n` lines of `text` that are not blank (what filtering all its lines and keeping `n` gives). */
function nonBlankLines(text: string, n: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < n && start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (skipSpace(text, start, end) < end) out.push(text.slice(start, end));
    if (nl === -1) break;
    start = nl + 1;
  }
  return out;
}

function firstLines(text: string, n: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < n && start <= text.length) {
    const end = text.indexOf('\n', start);
    out.push(text.slice(start, end === -1 ? text.length : end));
    if (end === -1) break;
    start = end + 1;
  }
  return out;
}
