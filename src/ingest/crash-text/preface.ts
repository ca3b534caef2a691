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
  /**
   * The lines' text and, at the same index, each one's 1-based line in the document: two flat arrays,
   * not an object per line (a report has hundreds of lines, each read once by the crash reader).
   */
  texts: string[];
  lineNos: number[];
  /**
   * Where each line's leading white space ends (its length when it is blank): found while the lines
   * are prepared, so the crash reader does not scan the indentation of every image row again.
   */
  firsts: number[];
  warnings: string[];
  collapsed: boolean;
}

/** The prepared lines as objects, for the readers of the rarer text reports that take them so. */
export function sourceLines(p: Prepared): SourceLine[] {
  const out: SourceLine[] = [];
  for (let i = 0; i < p.texts.length; i++) out.push({ text: p.texts[i] as string, line: p.lineNos[i] as number });
  return out;
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
  // The translated title is a long literal, which one native search of the whole text rules out
  // (NBSP becomes a space first, which could complete it, so NBSP text checks every line). FULL_REPORT
  // and RULE are anchored after `\s*`: the line's first non-space character ('#' or 'F', '-') rules
  // them out, cheaper than whole-text searches for "Full Report" and "-----", which are slow ones.
  const hasNbsp = text.includes('\u00a0');
  const mayHaveTitle = hasNbsp || text.includes(TRANSLATED_TITLE_TEXT);
  // Quote markers are stripped only when at least half the non-blank lines are quoted, which needs
  // the counts of the whole text first. Quoted text is rare: the lines are read once as unquoted
  // while counting, and read again with the markers stripped only when the counts ask for it.
  const plain = readLines(raw, false, hasNbsp, mayHaveTitle);
  const stripQuotes = plain.quoted > 0 && plain.quoted >= plain.nonBlank / 2;
  const read = stripQuotes ? readLines(raw, true, hasNbsp, mayHaveTitle) : plain;
  if (read.longLines > 0) warnings.push(`${read.longLines} over-long line(s) were cut at ${MAX_LINE_LENGTH} characters`);
  if (read.collapsed) warnings.push('the report had lost its line breaks; lines were rebuilt from the field labels');
  return { texts: read.texts, lineNos: read.lineNos, firsts: read.firsts, warnings, collapsed: read.collapsed };
}

interface ReadLines {
  texts: string[];
  lineNos: number[];
  firsts: number[];
  longLines: number;
  collapsed: boolean;
  /** Raw lines that are quoted (isQuoted) and that are not blank, counted over every raw line. */
  quoted: number;
  nonBlank: number;
}

/**
 * The line-by-line part of prepareLines. The quote and non-blank counts are taken over all raw lines
 * (a "Full Report" line ends the kept lines, not the counting), with the same first non-space index
 * the line tests use: cutting a line at its bound or turning NBSP into a space moves no first
 * non-space character that is still inside the line.
 */
function readLines(raw: string[], stripQuotes: boolean, hasNbsp: boolean, mayHaveTitle: boolean): ReadLines {
  const texts: string[] = [];
  const lineNos: number[] = [];
  const firsts: number[] = [];
  let longLines = 0;
  let collapsed = false;
  let quoted = 0;
  let nonBlank = 0;
  let ended = false;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i] as string;
    const k = skipSpace(r, 0);
    if (k < r.length) {
      nonBlank++;
      if (r.charCodeAt(k) === 62) quoted++;
    }
    if (ended) continue;
    let l = r;
    if (l.length > MAX_LINE_LENGTH * 64) l = l.slice(0, MAX_LINE_LENGTH * 64);
    if (stripQuotes) l = l.replace(QUOTE, '');
    if (hasNbsp) l = l.replace(/\u00a0/g, ' ');
    // -1 for a blank line, as NaN (a read past the end) compares, without the read's deoptimisation.
    const at = stripQuotes ? skipSpace(l, 0) : k;
    const first = at < l.length ? l.charCodeAt(at) : -1;
    if ((first === 35 || first === 70) && FULL_REPORT.test(l)) {
      // The counts decide whether the lines are read again: they still need every raw line, unless
      // this reading already strips quotes (it is the second one) and nothing more is kept.
      if (stripQuotes) break;
      ended = true;
      continue;
    }
    if (mayHaveTitle && l.includes(TRANSLATED_TITLE_TEXT)) continue;
    if (first === 45 && RULE.test(l)) continue;
    // The one-line .ips header of a 109/185/… body, when the caller left it in.
    if (texts.length === 0 && l.includes('{') && /^\s*\{.*\}\s*$/.test(l)) continue;
    if (l.length >= MIN_COLLAPSED_LENGTH && looksCollapsed(l)) {
      collapsed = true;
      for (const part of expandCollapsed(l)) {
        const t = bound(part);
        texts.push(t);
        lineNos.push(i + 1);
        firsts.push(skipSpace(t, 0));
      }
      continue;
    }
    if (l.length > MAX_LINE_LENGTH) {
      longLines++;
      l = l.slice(0, MAX_LINE_LENGTH);
    }
    texts.push(l);
    lineNos.push(i + 1);
    // A cut that leaves only white space leaves a blank line: its first non-space index is its length.
    firsts.push(at < l.length ? at : l.length);
  }
  return { texts, lineNos, firsts, longLines, collapsed, quoted, nonBlank };
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
