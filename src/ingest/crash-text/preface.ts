/**
 * Turn a document into the lines the section parser reads (FORMATS §2.5, §9):
 * quote markers stripped, a collapsed one-line report rebuilt, a leading .ips header line and the
 * Console "Translated Report" title skipped, the "Full Report" JSON cut off, line length bounded.
 * Each line keeps its 1-based line number in the document for evidence.
 */
import { skipSpace, splitLines } from './chars.js';
import { expandCollapsed, looksCollapsed, MIN_COLLAPSED_LENGTH } from './collapsed.js';
import { MAX_LINE_LENGTH, MAX_LINES } from './limits.js';

export interface SourceLine {
  text: string;
  /** 1-based line in the document. */
  line: number;
}

export interface Prepared {
  lines: SourceLine[];
  warnings: string[];
  collapsed: boolean;
}

const QUOTE = /^\s*(?:>\s?)+/;
const FULL_REPORT = /^\s*(?:#+\s*)?Full Report\s*$/;
const TRANSLATED_TITLE_TEXT = 'Translated Report (Full Report Below)';
const RULE = /^\s*-{5,}\s*$/;

export function prepareLines(text: string): Prepared {
  const warnings: string[] = [];
  const raw = splitLines(text);
  if (raw.length > MAX_LINES) {
    warnings.push(`only the first ${MAX_LINES} of ${raw.length} lines were read`);
    raw.length = MAX_LINES;
  }
  let quoted = 0;
  for (let i = 0; i < raw.length; i++) if (isQuoted(raw[i] as string)) quoted++;
  let stripQuotes = false;
  if (quoted > 0) {
    let nonBlank = 0;
    for (let i = 0; i < raw.length; i++) if (skipSpace(raw[i] as string, 0) < (raw[i] as string).length) nonBlank++;
    stripQuotes = quoted >= nonBlank / 2;
  }
  // The translated title is a long literal, which one native search of the whole text rules out
  // (NBSP becomes a space first, which could complete it, so NBSP text checks every line). FULL_REPORT
  // and RULE are anchored after `\s*`: the line's first non-space character ('#' or 'F', '-') rules
  // them out, cheaper than whole-text searches for "Full Report" and "-----", which are slow ones.
  const hasNbsp = text.includes('\u00a0');
  const mayHaveTitle = hasNbsp || text.includes(TRANSLATED_TITLE_TEXT);
  const lines: SourceLine[] = [];
  let longLines = 0;
  let collapsed = false;
  for (let i = 0; i < raw.length; i++) {
    let l = raw[i] as string;
    if (l.length > MAX_LINE_LENGTH * 64) l = l.slice(0, MAX_LINE_LENGTH * 64);
    if (stripQuotes) l = l.replace(QUOTE, '');
    if (hasNbsp) l = l.replace(/\u00a0/g, ' ');
    const first = l.charCodeAt(skipSpace(l, 0));
    if ((first === 35 || first === 70) && FULL_REPORT.test(l)) break;
    if (mayHaveTitle && l.includes(TRANSLATED_TITLE_TEXT)) continue;
    if (first === 45 && RULE.test(l)) continue;
    // The one-line .ips header of a 109/185/… body, when the caller left it in.
    if (lines.length === 0 && l.includes('{') && /^\s*\{.*\}\s*$/.test(l)) continue;
    if (l.length >= MIN_COLLAPSED_LENGTH && looksCollapsed(l)) {
      collapsed = true;
      for (const part of expandCollapsed(l)) lines.push({ text: bound(part), line: i + 1 });
      continue;
    }
    if (l.length > MAX_LINE_LENGTH) {
      longLines++;
      l = l.slice(0, MAX_LINE_LENGTH);
    }
    lines.push({ text: l, line: i + 1 });
  }
  if (longLines > 0) warnings.push(`${longLines} over-long line(s) were cut at ${MAX_LINE_LENGTH} characters`);
  if (collapsed) warnings.push('the report had lost its line breaks; lines were rebuilt from the field labels');
  return { lines, warnings, collapsed };
}

/**
 * QUOTE.test(l) by a scan: `\s*` then '>' (which is no `\s`), so the first character after the
 * leading white space decides. Indented image rows no longer cost a regex call each.
 */
export function isQuoted(l: string): boolean {
  const k = skipSpace(l, 0);
  return k < l.length && l.charCodeAt(k) === 62;
}

function bound(s: string): string {
  return s.length > MAX_LINE_LENGTH ? s.slice(0, MAX_LINE_LENGTH) : s;
}
