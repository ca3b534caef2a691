/**
 * A cheap content test for the ingest detector (FORMATS §1): a kernel-log excerpt. Looks at the first
 * 2000 lines (64 KiB) for unified-log timestamps, Console copies, `kernel:` lines, DriverKit markers, the
 * prefix-less lines of extension tooling and return codes (driver-day.ts), or a JSON log.
 * A panic string is not a kernel log even when it mentions a dext; the detector asks looksLikePanicText first.
 */
import { isJsonLog } from './json-events.js';
import { isDriverDayLine } from './driver-day.js';

// dmesg pastes can run hundreds of lines of boot chatter before the first DriverKit line.
const HEAD_LINES = 2000;
const MARKERS = [
  /^\s*(?:>\s*)?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?\s+\S/,
  /^(default|info|debug|error|fault|notice)\t[^\t]*\t[^\t]*\t/i,
  /^\s*(?:>\s*)?(?:\S+\s+)?kernel(\[\d+\])?:\s/,
  /^\s*(?:>\s*)?[A-Z][a-z]{2}\s+\d{1,2} \d{2}:\d{2}:\d{2} \S+ [^\[\]]{1,80}\[\d+\]/,
  /(^|\s)DK: \S/,
  /\.dext\) /,
  /\bDriver \S+ has crashed \d+ time\(s\)/,
  /ClientCrashed_Impl/,
];

export function looksLikeKernelLog(text: string): boolean {
  if (isJsonLog(text)) return true;
  const head = text.slice(0, 64 * 1024);
  if (/^\s*\{/.test(head) && /"bug_type"/.test(head.slice(0, 2048))) return false;
  const lines = head.split('\n', HEAD_LINES);
  return lines.some((l) => MARKERS.some((re) => re.test(l)) || isDriverDayLine(l));
}
