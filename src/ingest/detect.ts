import type { SourceFormat } from '../model/report.js';
import { hasCollapsedCrashReport } from './crash-text/collapsed.js';
import { looksLikeKernelLog } from './kernel-log/detect.js';
import { looksLikePanicText } from './panic-text/detect.js';
import { parseFrameLine } from './crash-text/frame-line.js';
import { BINARY_SPINDUMP } from './crash-text/text-kind.js';

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
const TRANSLATED = /Translated Report \(Full Report Below\)/;
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
  const head = firstLines(text, HEAD_LINES);
  const first = head.find((l) => l.trim() !== '') ?? '';
  if (TRANSLATED.test(head.join('\n'))) return 'translated-report';
  if (IPS_HEADER.test(first)) return 'ips';
  // An .ips pasted under a title or a few lines of prose: its header is the first JSON line.
  const firstJson = head.slice(0, 40).find((l) => l.trimStart().startsWith('{'));
  if (firstJson !== undefined && /^\s*\{.*"bug_type"\s*:.*\}\s*$/.test(firstJson)) return 'ips';
  if (NDJSON_LOG.test(first) || /^\s*\[\s*(\{|$)/.test(first)) {
    if (isLogJson(head)) return 'kernel-log';
    // Other JSON (a manifest, a package file) is not a report: only .ips keys make it one.
    return JSON_BODY_KEYS.test(head.join('\n')) ? 'ips' : undefined;
  }
  if (first.trimStart().startsWith('{') && JSON_BODY_KEYS.test(head.join('\n'))) return 'ips';
  if (first.trimStart().startsWith('{') && KSCRASH_KEYS.test(head.join('\n'))) return 'reporter-json';
  // The middle of an .ips body pasted without its braces: `"termination" : {…},` then more keys.
  if (JSON_KEY_LINE.test(first) && IPS_FRAGMENT_KEYS.test(head.join('\n'))) return 'ips';
  const meaningful = head.filter((l) => l.trim() !== '');
  if (meaningful.slice(0, 8).some((l) => PANIC_HEAD.test(l))) return 'panic-text';
  if (meaningful.slice(0, 8).some((l) => CRASH_HEAD.test(l)) && !PANIC_ANYWHERE.test(head.join('\n'))) return 'crash-text';
  if (startsAtBacktrace(meaningful)) return 'crash-text';
  if (meaningful.slice(0, 8).some((l) => REPORTER_HEAD.test(l))) return 'crash-text';
  // Umeng's uncaught-exception form: the exception name, then its stack opened by a lone "(".
  if (meaningful.slice(0, 8).some((l, i) => /^\s*[A-Z]\w{2,80}(Exception|Error)\s*$/.test(l) && meaningful[i + 1]?.trim() === '(')) return 'crash-text';
  if (meaningful.slice(0, 4).some((l) => BINARY_SPINDUMP.test(l.trim()))) return 'crash-text';
  if (countLogLines(meaningful) >= Math.min(2, meaningful.length)) return 'kernel-log';
  // Reports embedded in prose: look through the whole document.
  if (PANIC_ANYWHERE.test(text) || looksLikePanicText(text)) return 'panic-text';
  if (CRASH_ANYWHERE.test(text)) return 'crash-text';
  // A crash report whose line breaks became spaces.
  if (hasCollapsedCrashReport(head)) return 'crash-text';
  if (looksLikeKernelLog(text)) return 'kernel-log';
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

function countLogLines(lines: string[]): number {
  let n = 0;
  for (const l of lines) if (LOG_TIMESTAMP.test(l) || LOG_MARKERS.test(l)) n++;
  return n;
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
