/**
 * Turn a document into the lines the section parser reads (FORMATS §2.5, §9):
 * quote markers stripped, a collapsed one-line report rebuilt, a leading .ips header line and the
 * Console "Translated Report" title skipped, the "Full Report" JSON cut off, line length bounded.
 * Each line keeps its 1-based line number in the document for evidence.
 */
import { splitLines } from './chars.js';
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
const TRANSLATED_TITLE = /Translated Report \(Full Report Below\)/;

export function prepareLines(text: string): Prepared {
  const warnings: string[] = [];
  const raw = splitLines(text);
  if (raw.length > MAX_LINES) {
    warnings.push(`only the first ${MAX_LINES} of ${raw.length} lines were read`);
    raw.length = MAX_LINES;
  }
  let quoted = 0;
  for (let i = 0; i < raw.length; i++) if (maybeQuoted(raw[i] as string) && QUOTE.test(raw[i] as string)) quoted++;
  let stripQuotes = false;
  if (quoted > 0) {
    let nonBlank = 0;
    for (let i = 0; i < raw.length; i++) if ((raw[i] as string).trim() !== '') nonBlank++;
    stripQuotes = quoted >= nonBlank / 2;
  }
  // Each pattern below holds a literal; one search of the whole text tells whether any line can hold it.
  // (NBSP becomes a space first, which could complete "Full Report", so NBSP text checks every line.)
  const hasNbsp = text.includes('\u00a0');
  const mayHaveTitle = hasNbsp || text.includes('Full Report');
  const mayHaveRule = text.includes('-----');
  const lines: SourceLine[] = [];
  let longLines = 0;
  let collapsed = false;
  for (let i = 0; i < raw.length; i++) {
    let l = raw[i] as string;
    if (l.length > MAX_LINE_LENGTH * 64) l = l.slice(0, MAX_LINE_LENGTH * 64);
    if (stripQuotes) l = l.replace(QUOTE, '');
    if (hasNbsp) l = l.replace(/\u00a0/g, ' ');
    if (mayHaveTitle && l.includes('Full Report')) {
      if (FULL_REPORT.test(l)) break;
      if (TRANSLATED_TITLE.test(l)) continue;
    }
    if (mayHaveRule && l.includes('-----') && /^\s*-{5,}\s*$/.test(l)) continue;
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

/** False when the line surely does not match QUOTE: its first character is printable ASCII other than '>'. */
function maybeQuoted(l: string): boolean {
  const c = l.charCodeAt(0);
  return !(c > 32 && c < 127 && c !== 62);
}

function bound(s: string): string {
  return s.length > MAX_LINE_LENGTH ? s.slice(0, MAX_LINE_LENGTH) : s;
}
