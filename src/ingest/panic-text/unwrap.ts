/**
 * Peel a pasted or legacy-wrapped panic down to the panic string (FORMATS §5.8, §9): forum quoting
 * (`> `), code fences, `<pre>`/`<br>`, NBSP, JSON-escaped `\n`/`\t`/`\"`, a `"panicString" : "…"` key,
 * and the preamble before the panic line (legacy `.panic` header, syzkaller `TITLE:`/`TYPE:`, prose).
 * Line numbers of the input are kept on every line (an escaped line expands into lines sharing its number).
 */
import type { SourceLine } from './lines.js';
import { literalNewlines, unescapeJsonString } from './escapes.js';
import { skipSpace } from '../crash-text/chars.js';

export interface Preamble {
  anonymousUuid?: string;
  /** ctime-style date line of a legacy .panic ("Sat Jun 16 14:12:49 2018"). */
  date?: string;
  /** syzkaller expected-title annotation. */
  syzTitle?: string;
  syzType?: string;
  /** True when a `*** Panic Report ***` banner was seen. */
  legacyBanner?: boolean;
}

export interface Unwrapped {
  preamble: Preamble;
  /** Lines from the panic line on (all lines when there is none). */
  body: SourceLine[];
}

const FENCE = /^\s*(```|~~~)[\w+-]*\s*$/;
const QUOTE = /^(\s*>)+ ?/;
const JSON_KEY = /^\s*"(?:macOS)?panicString"\s*:\s*"/;
const CTIME = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d(?: [A-Z]{2,5})? \d{4}$/;

/**
 * Which wrapper literals a text holds anywhere. A line holds one only when its text does, so one
 * native search of the whole text each spares the tests on every line (most texts hold none).
 */
export interface WrapperHints {
  nbsp: boolean;
  fence: boolean;
  tag: boolean;
  quote: boolean;
  jsonKey: boolean;
  escapes: boolean;
  /** The text holds `*** Panic Report ***`. */
  banner: boolean;
}

/** Every test on: for lines whose text is not known. */
const ALL: WrapperHints = { nbsp: true, fence: true, tag: true, quote: true, jsonKey: true, escapes: true, banner: true };

export function wrapperHints(text: string): WrapperHints {
  const tag = text.includes('<');
  // Removing a tag joins what was around it, which can make "anicString" or a `\n` escape: with tags, those tests stay on.
  return {
    nbsp: text.includes('\u00a0'),
    fence: text.includes('```') || text.includes('~~~'),
    tag,
    quote: text.includes('>'),
    jsonKey: tag || text.includes('anicString'),
    escapes: tag || text.includes('\\n'),
    banner: text.includes('*** Panic Report ***'),
  };
}

/** Clean one line of paste wrappers into `out`: the lines it stands for (several when it was JSON-escaped). */
function cleanLine(src: SourceLine, out: SourceLine[], h: WrapperHints): void {
  let t = src.text;
  // Each wrapper below holds a literal character; a line without it is left alone without running the pattern.
  if (h.nbsp && t.includes('\u00a0')) t = t.replace(/\u00a0/g, ' ');
  if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
  if (h.fence && (t.includes('```') || t.includes('~~~')) && FENCE.test(t)) {
    out.push({ text: '', line: src.line });
    return;
  }
  if (h.tag && t.includes('<')) t = t.replace(/<\/?(pre|code)[^>]*>/gi, '').replace(/<br\s*\/?>/gi, '');
  if (h.quote && t.charCodeAt(skipSpace(t, 0)) === 62) t = t.replace(QUOTE, '');
  if (h.jsonKey && t.includes('anicString') && JSON_KEY.test(t)) t = t.replace(JSON_KEY, '').replace(/",?\s*$/, '');
  if (h.escapes && literalNewlines(t) >= 3) {
    for (const text of unescapeJsonString(t).split('\n')) out.push({ text, line: src.line });
    return;
  }
  out.push(t === src.text ? src : { text: t, line: src.line });
}

/** Unwrap lines and split the preamble from the panic. */
export function unwrapPanicText(lines: SourceLine[], hints: WrapperHints = ALL): Unwrapped {
  const cleaned: SourceLine[] = [];
  // Indexed loops, no iterator or closure per line: this runs once per text, mostly in unoptimized code.
  for (let i = 0; i < lines.length; i++) cleanLine(lines[i] as SourceLine, cleaned, hints);
  let start = -1;
  for (let i = 0; i < cleaned.length; i++) {
    const text = (cleaned[i] as SourceLine).text;
    if (text.includes('panic(cpu ') || text.includes('panic(CPU ')) {
      start = i;
      break;
    }
  }
  // Cleaning a line only drops text, except where NBSP, tags or escapes are undone: without those,
  // a text lacking the banner has no line holding it, and the lines are not searched.
  const mayHoldBanner = hints.banner || hints.nbsp || hints.tag || hints.escapes;
  const banner = mayHoldBanner ? cleaned.findIndex((l) => l.text.includes('*** Panic Report ***') && l.text.trim() === '*** Panic Report ***') : -1;
  const preamble: Preamble = {};
  const preEnd = start >= 0 ? start : banner >= 0 ? banner + 1 : 0;
  const preambleEnd = Math.min(cleaned.length, Math.max(preEnd, banner + 1));
  for (let i = 0; i < preambleEnd; i++) readPreambleLine((cleaned[i] as SourceLine).text.trim(), preamble);
  // The panic line may sit inside a line of prose ("I got this: panic(cpu 0 …"); keep it from "panic(" on.
  const body = cleaned.slice(preEnd);
  const first = body[0];
  if (start >= 0 && first) {
    const at = first.text.search(/panic\(cpu /i);
    if (at > 0) body[0] = { text: first.text.slice(at), line: first.line };
  }
  return { preamble, body };
}

/** Exported for its test only. */
export function readPreambleLine(t: string, p: Preamble): void {
  // Each pattern is anchored on a literal head (CTIME on a three-letter day and a space): a line without
  // it is not run through the regex, so a preamble of several lines does not get each compiled to
  // native code (a regex runs interpreted once, then is compiled at its second use).
  let m: RegExpExecArray | null;
  if (t.startsWith('Anonymous UUID:') && (m = /^Anonymous UUID:\s*(\S+)/.exec(t))) p.anonymousUuid ??= m[1];
  else if (t.charCodeAt(3) === 0x20 && CTIME.test(t)) p.date ??= t;
  else if (t.startsWith('TITLE:') && (m = /^TITLE:\s*(.*)$/.exec(t))) p.syzTitle ??= m[1];
  else if (t.startsWith('TYPE:') && (m = /^TYPE:\s*(.*)$/.exec(t))) p.syzType ??= m[1];
  else if (t === '*** Panic Report ***') p.legacyBanner = true;
}
