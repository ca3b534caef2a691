/**
 * Best-effort timestamps of log lines (FORMATS §8): never fail an event because of its time.
 * `2026-03-01 10:21:07.123456-0800` (unified log), `…07.123` (compact, no zone), `…T10:21:07Z`, `+00:00`.
 * A time without a zone gets `localMs` (read as UTC) instead of `epochMs`, so intervals still work.
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s?(Z|[+-]\d{2}:?\d{2})?$/;

/** The last day converted by parseLogTime (one entry: a bounded memo, not a cache keyed on input). */
let lastDay = { y: NaN, mo: NaN, d: NaN, ms: NaN };

export interface ParsedTime {
  epochMs?: number;
  localMs?: number;
}

/** Parse a full date-time; an empty object when it is not one (time-only Console stamps, BSD syslog dates). */
export function parseLogTime(raw: string): ParsedTime {
  const m = DATE_TIME.exec(raw.trim());
  if (!m) return {};
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = Number(m[6]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return {};
  const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  // Date.UTC(y, mo - 1, d, h, mi, s) is the day's start plus whole milliseconds (exact for 4-digit years); the lines
  // of a log share their day, so the day's start is remembered for the next call.
  if (y !== lastDay.y || mo !== lastDay.mo || d !== lastDay.d) lastDay = { y, mo, d, ms: Date.UTC(y, mo - 1, d) };
  const ms = lastDay.ms + h * 3_600_000 + mi * 60_000 + s * 1000 + frac;
  const zone = m[8];
  if (zone === undefined) return { localMs: ms };
  if (zone === 'Z') return { epochMs: ms };
  const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!z) return { localMs: ms };
  const offsetMin = (Number(z[2]) * 60 + Number(z[3])) * (z[1] === '-' ? -1 : 1);
  return { epochMs: ms - offsetMin * 60_000 };
}
