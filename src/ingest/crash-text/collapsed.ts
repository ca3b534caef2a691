/**
 * Reports whose newlines became spaces (a paste through a form field, a chat client): rebuild the
 * lines by breaking before every known field label, thread header, frame start and image line.
 * Only very long lines holding several labels are touched, so normal reports pass unchanged.
 */
import { HEADER_FIELDS, IGNORED_FIELDS, NOTE_FIELDS } from './header-fields.js';
import { EXCEPTION_FIELDS } from './exception.js';
import { SECTION_LABELS } from './sections.js';

export const MIN_COLLAPSED_LENGTH = 400;
const MIN_LABELS = 4;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The two scanners, made at the first long line: building them (65 labels escaped, sorted and joined,
 * two regexes parsed) was part of every start, and most runs never meet a line this long.
 */
let scanners: { breakAt: RegExp; countLabels: RegExp } | undefined;

function made(): { breakAt: RegExp; countLabels: RegExp } {
  if (scanners) return scanners;
  const labels = [
    ...Object.keys(HEADER_FIELDS),
    ...Object.keys(EXCEPTION_FIELDS),
    ...NOTE_FIELDS,
    ...IGNORED_FIELDS,
    ...SECTION_LABELS,
    'CrashReporter Key',
  ]
    .sort((a, b) => b.length - a.length)
    .map(escape);
  scanners = {
    // Every alternative starts with a literal, so the scan stays linear in the line length.
    breakAt: new RegExp(
      [
        `(?<=\\s)(?:${labels.join('|')}):`,
        '(?<=\\s)Thread \\d{1,6}(?: Crashed:| name:|::?| crashed with )',
        '(?<=\\s)\\d{1,4} +\\S{1,200} +0x[0-9a-fA-F]{1,16}(?= )',
        '(?<=\\s)0x[0-9a-fA-F]{1,16} +- +0x[0-9a-fA-F]{1,16} ',
      ].join('|'),
      'g',
    ),
    countLabels: new RegExp(`(?:${labels.join('|')}):`, 'g'),
  };
  return scanners;
}

/** True when a line looks like a whole report squashed onto one line. */
export function looksCollapsed(line: string): boolean {
  if (line.length < MIN_COLLAPSED_LENGTH) return false;
  let n = 0;
  const countLabels = made().countLabels;
  countLabels.lastIndex = 0;
  while (countLabels.exec(line) && n < MIN_LABELS) n++;
  return n >= MIN_LABELS;
}

/** Break a collapsed line into the lines it once was. */
export function expandCollapsed(line: string): string[] {
  const out: string[] = [];
  let last = 0;
  const breakAt = made().breakAt;
  breakAt.lastIndex = 0;
  for (let m = breakAt.exec(line); m; m = breakAt.exec(line)) {
    if (m.index > last) out.push(line.slice(last, m.index).trimEnd());
    last = m.index;
    if (m[0].length === 0) breakAt.lastIndex++;
  }
  out.push(line.slice(last).trimEnd());
  return out.filter((l) => l.trim() !== '');
}

/** True when one of the lines is a collapsed crash report (labels plus an exception or a thread). */
export function hasCollapsedCrashReport(lines: string[]): boolean {
  return lines.some((l) => looksCollapsed(l) && /Exception Type:|Thread \d{1,6} Crashed:|Crashed Thread:/.test(l));
}
