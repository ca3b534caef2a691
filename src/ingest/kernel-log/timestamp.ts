/**
 * Best-effort timestamps of log lines (FORMATS §8): never fail an event because of its time.
 * `2026-03-01 10:21:07.123456-0800` (unified log), `…07.123` (compact, no zone), `…T10:21:07Z`, `+00:00`.
 * A time without a zone gets `localMs` (read as UTC) instead of `epochMs`, so intervals still work.
 */
import { isSpace } from '../crash-text/chars.js';

/**
 * The accepted form, `^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s?(Z|[+-]\d{2}:?\d{2})?$`,
 * is read by a hand scan (every log line has one, so this is the hottest pattern of a log).
 */

export interface ParsedTime {
  epochMs?: number;
  localMs?: number;
}

/** The last day converted (one entry: a bounded memo, not a cache keyed on input). */
let lastDay = { y: NaN, mo: NaN, d: NaN, ms: NaN };

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** The value of `n` ASCII digits at `at`, or -1 when one of them is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Parse a full date-time; an empty object when it is not one (time-only Console stamps, BSD syslog dates). */
export function parseLogTime(raw: string): ParsedTime {
  const t = raw.trim();
  const n = t.length;
  if (n < 19) return {};
  const y = digits(t, 0, 4);
  const mo = digits(t, 5, 2);
  const d = digits(t, 8, 2);
  const sep = t.charCodeAt(10);
  const h = digits(t, 11, 2);
  const mi = digits(t, 14, 2);
  const s = digits(t, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0) return {};
  if (t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || (sep !== 32 && sep !== 84) || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return {};
  let p = 19;
  // Fraction: "." then 1..9 digits; more digits, or none, cannot match the rest of the form.
  let frac = 0;
  if (t.charCodeAt(p) === 46) {
    let q = p + 1;
    let v = 0;
    while (q < n && q - p - 1 < 10) {
      const c = t.charCodeAt(q) - 48;
      if (!(c >= 0 && c <= 9)) break;
      v = v * 10 + c;
      q++;
    }
    const k = q - p - 1;
    if (k < 1 || k > 9) return {};
    // k ≤ 9 digits and 10^k are exact doubles, so the quotient is the correctly rounded value Number("0.<digits>") gives.
    frac = (v / (POW10[k] as number)) * 1000;
    p = q;
  }
  if (p < n && isSpace(t.charCodeAt(p))) p++;
  // Zone: "Z", or "+hh:mm" / "+hhmm" (a "-" the same way), then the end.
  let offsetMin: number | undefined;
  let zoned = false;
  if (p < n) {
    const z = t.charCodeAt(p);
    if (z === 90 && p + 1 === n) {
      zoned = true;
      offsetMin = 0;
    } else if (z === 43 || z === 45) {
      const zh = digits(t, p + 1, 2);
      const colon = t.charCodeAt(p + 3) === 58 ? 1 : 0;
      const zm = digits(t, p + 3 + colon, 2);
      if (zh < 0 || zm < 0 || p + 5 + colon !== n) return {};
      zoned = true;
      offsetMin = (zh * 60 + zm) * (z === 45 ? -1 : 1);
    } else {
      return {};
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return {};
  // Date.UTC(y, mo - 1, d, h, mi, s) is the day's start plus whole milliseconds (exact for 4-digit years); the lines
  // of a log share their day, so the day's start is remembered for the next call.
  if (y !== lastDay.y || mo !== lastDay.mo || d !== lastDay.d) lastDay = { y, mo, d, ms: Date.UTC(y, mo - 1, d) };
  const ms = lastDay.ms + h * 3_600_000 + mi * 60_000 + s * 1000 + frac;
  if (!zoned) return { localMs: ms };
  return { epochMs: ms - (offsetMin as number) * 60_000 };
}
