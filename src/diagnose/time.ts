/** Times as reports write them, turned into epoch milliseconds for correlation. */
import type { Report } from '../model/report.js';

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?/;

/**
 * "2024-06-11 16:42:08.3307 -0700", "2026-03-01 10:21:07.123456-0800", ISO 8601. A stamp without a
 * zone is read as UTC: only differences between times of one run matter here.
 */
export function parseTimeMs(text: string | undefined): number | undefined {
  if (!text) return undefined;
  // Triage reads one report's time three times in a row (summary, range, member): the last answer is kept.
  if (text === lastText) return lastMs;
  const ms = readTimeMs(text);
  lastText = text;
  lastMs = ms;
  return ms;
}

let lastText: string | undefined;
let lastMs: number | undefined;

function readTimeMs(text: string): number | undefined {
  const m = STAMP.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return Number.isFinite(t) ? t : undefined;
}

/**
 * Times before 2001 are no real dates: a device whose clock was never set counts from 1970 (KSCrash
 * reports written there say 1970-01-18), which the ingest stage flags (bogusDateWarning). Differences
 * between such times still hold, so correlation keeps them; a date shown or compared with the
 * calendar (first and last seen, --since, charts) does not.
 */
export const EARLIEST_REAL_DATE_MS = Date.UTC(2001, 0, 1);

/** Whether an epoch time can be a real date (see EARLIEST_REAL_DATE_MS). */
export function isRealDate(ms: number): boolean {
  return ms >= EARLIEST_REAL_DATE_MS;
}

/** Earliest and latest time a report covers (a kernel log spans its events), when known. */
export function reportTimeRange(r: Report): [number, number] | undefined {
  // Min and max as the events go (Math.min(...list) would also hit the argument limit on a huge log).
  let min = Infinity;
  let max = -Infinity;
  let found = false;
  for (const e of r.events) {
    const t = e.epochMs ?? e.localMs ?? parseTimeMs(e.time);
    if (t === undefined) continue;
    found = true;
    if (Number.isNaN(t) || Number.isNaN(min)) min = max = NaN; // as Math.min/max: NaN wins
    else {
      if (t < min) min = t;
      if (t > max) max = t;
    }
  }
  if (!found) {
    const t = r.panic?.timeEpochMs ?? parseTimeMs(r.time) ?? parseTimeMs(r.panic?.time);
    if (t === undefined) return undefined;
    return [t, t];
  }
  return [min, max];
}
