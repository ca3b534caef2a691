/**
 * `triage --since`: an ISO 8601 date or time, or a span back from now (`30m`, `12h`, `7d`, `2w`), as
 * people triaging a folder ask for "the last week". Core code: `now` is given.
 */

const SPAN = /^(\d{1,6})\s*(m|min|h|d|w)$/i;
const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** What Date.parse reads as ISO 8601: a date, optionally a time. Other forms it accepts ("7" as the year 2001) are refused. */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The epoch ms `text` stands for, or undefined when it is neither form. */
export function parseSince(text: string, now: number): number | undefined {
  const t = text.trim();
  const span = SPAN.exec(t);
  if (span) return now - Number(span[1]) * (UNIT_MS[(span[2] as string).toLowerCase()] as number);
  if (!ISO.test(t)) return undefined;
  const ms = Date.parse(t.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : undefined;
}
