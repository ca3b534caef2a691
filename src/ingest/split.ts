import { LOG_TIMESTAMP } from './detect.js';
import { skipSpace } from './text-scan.js';

/**
 * One file or paste can hold several documents: a panic, an .ips and log lines pasted into one
 * issue (FORMATS.md §9). Split at document starts, keeping each part's first line for evidence.
 */

export interface DocumentSlice {
  text: string;
  /** 1-based line of the slice's first line in the whole input. */
  startLine: number;
}

type DocState = 'ips-header' | 'ips-json' | 'text' | 'log';

interface OpenDoc {
  /** Offset and 0-based line where the document starts. */
  start: number;
  startLine: number;
  state: DocState;
  /** Seen a line that only the body of a report has (threads, exception, panic line, backtrace). */
  body: boolean;
  /** Inside a Console "Translated Report": its "Full Report" JSON belongs to the same document. */
  translated: boolean;
  /** Inside a spindump or microstackshot report, whose per-process sections start with `Process:`. */
  sampling?: boolean;
  /** Inside a crash report's own "Filtered syslog:" section, whose lines carry log timestamps. */
  syslog?: boolean;
}

/** Lines of prose the .ips reader skips above a header line (ips/envelope.ts). */
const PROSE_ABOVE_HEADER = 40;
const IPS_HEADER = /^\s*\{.*"bug_type"\s*:.*\}\s*$/;
const BUG_TYPE_KEY = '"bug_type"';
const TRANSLATED_TITLE = 'Translated Report (Full Report Below)';
const RULE = /^\s*(-{5,}|#+\s|<hr)/;
const TEXT_START = /^\s*(Incident Identifier:|\*\*\* Panic Report \*\*\*|Anonymous UUID:|panic\(cpu \d)/;
const PROCESS_START = /^\s*Process:\s/;
const SAMPLING_MARK = /^\s*(Heavy format:|Data Source:\s+(Micro)?[Ss]tackshots|Powerstats for:)/;
const BODY_MARK = /^\s*(Exception Type:|Thread \d+( Crashed)?:|Thread \d+ name:|Binary Images:|panic\(cpu |Backtrace \(|lr: 0x|Panicked task|Command:)/;
const FILTERED_SYSLOG = /^\s*Filtered syslog:/;

// Every line pattern above is anchored at `^\s*`, so the line's first non-space character decides
// whether it can match at all: the regex runs only for lines starting with one of its characters.
const code = (s: string): number => s.charCodeAt(0);
const TEXT_START_FIRST = new Set([...'I*Ap'].map(code));
const SAMPLING_FIRST = new Set([...'HDP'].map(code));
const BODY_MARK_FIRST = new Set([...'ETBplPC'].map(code));
const P = code('P');
const F = code('F');
const BRACE = code('{');

/**
 * First characters of a line that a line pattern here can start with (each is anchored at `^\s*`;
 * a header line starts with `{`). Once a document is open and past its header line, a line starting
 * otherwise, as most lines of a JSON body or a backtrace do, changes nothing unless it holds the
 * Translated Report title. `prevBlank` is not carried from line to line but read when needed.
 */
const MAY_MATTER = new Uint8Array(128);
for (const c of '{I*ApHDPFETBlC') MAY_MATTER[code(c)] = 1;
/** A digit can only start a log timestamp (`\d{4}-`), so its line matters only with a '-' fifth. */
for (const c of '0123456789') MAY_MATTER[code(c)] = 2;
const DASH = code('-');

/** Next index of `needle` at or after a position, remembered so the text is searched about once overall. */
class NextIndex {
  private at = -2;
  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}
  /** Offset of the next occurrence at or after `from`, -1 when there is none. */
  next(from: number): number {
    if (this.at !== -1 && this.at < from) this.at = this.text.indexOf(this.needle, from);
    return this.at;
  }
  /** True when `needle` occurs within `[from, to)`. */
  within(from: number, to: number): boolean {
    const at = this.next(from);
    return at >= 0 && at + this.needle.length <= to;
  }
}

/**
 * Split normalised text into documents; a text with one document comes back whole.
 * Lines are walked in place (never split into strings): a line is its start offset and its index.
 */
export function splitDocuments(text: string): DocumentSlice[] {
  const starts: number[] = [];
  const startLines: number[] = [];
  let doc: OpenDoc | undefined;
  const titles = new NextIndex(text, TRANSLATED_TITLE);
  const bugTypes = new NextIndex(text, BUG_TYPE_KEY);

  /** Start of the line before the one starting at `lineFrom` (> 0). */
  const previousLine = (lineFrom: number): number => (lineFrom <= 1 ? 0 : text.lastIndexOf('\n', lineFrom - 2) + 1);
  const lineText = (from: number): string => {
    const nl = text.indexOf('\n', from);
    return text.slice(from, nl < 0 ? text.length : nl);
  };
  const isBlankLine = (from: number, to: number): boolean => skipSpace(text, from, to) === to;
  /** The line before the one at `lineFrom` is blank, or there is none (the `prevBlank` of a line walk). */
  const afterBlank = (lineFrom: number): boolean => lineFrom === 0 || isBlankLine(previousLine(lineFrom), lineFrom - 1);

  const open = (at: number, line: number, state: DocState, translated = false): void => {
    // Re-opening at the current start (a title under a rule line) only changes the document's state.
    if (starts[starts.length - 1] !== at) {
      starts.push(at);
      startLines.push(line);
    }
    // Every field in the literal: one set later would change the object's map, and code optimised for
    // the old one would be thrown away (splitDocuments was compiled twice per run).
    doc = { start: at, startLine: line, state, body: false, translated, sampling: false, syslog: false };
  };

  /** One non-blank line `[lineFrom, end)`, the `i`-th, whose first non-space character is at `k`. */
  const readLine = (lineFrom: number, end: number, k: number, i: number): void => {
    const c = text.charCodeAt(k);
    const cur = doc as OpenDoc | undefined;
    if (titles.within(lineFrom, end)) {
      // The dashed rule above the title belongs to the new document.
      const above = lineFrom > 0 ? previousLine(lineFrom) : -1;
      const ruleAbove = above >= 0 && RULE.test(text.slice(above, lineFrom - 1));
      if (!cur || cur.body || cur.state !== 'text' || !cur.translated) {
        if (ruleAbove) open(above, i - 1, 'text', true);
        else open(lineFrom, i, 'text', true);
      }
      return;
    }
    if (c === BRACE && bugTypes.within(lineFrom, end) && IPS_HEADER.test(text.slice(lineFrom, end))) {
      if (cur?.translated && !cur.body) {
        // Full Report JSON under a translated text part: same incident.
      } else if (cur?.translated) {
        cur.state = 'ips-header';
        cur.body = false;
      } else if (cur && cur.state === 'text' && !cur.body && i - cur.startLine <= PROSE_ABOVE_HEADER) {
        // A title or a few lines of prose above a pasted .ips: the .ips reader skips them.
        cur.state = 'ips-header';
      } else {
        open(lineFrom, i, 'ips-header');
      }
      return;
    }
    if (cur?.state === 'ips-header') {
      // The header owns whatever body follows it, JSON or legacy text.
      cur.state = c === BRACE ? 'ips-json' : 'text';
      cur.body = cur.state === 'ips-json';
      return;
    }
    // The line is cut out only when a pattern is to be tried on it; a document already in its body
    // needs no BODY_MARK test (it only ever sets `body`).
    let line: string | undefined;
    if (cur && SAMPLING_FIRST.has(c) && SAMPLING_MARK.test((line ??= text.slice(lineFrom, end)))) cur.sampling = true;
    const textStart =
      (TEXT_START_FIRST.has(c) && TEXT_START.test((line ??= text.slice(lineFrom, end)))) ||
      (c === P && PROCESS_START.test((line ??= text.slice(lineFrom, end))) && afterBlank(lineFrom) && !cur?.sampling);
    if (textStart) {
      if (!cur || cur.body || cur.state === 'log') {
        const [at, line] = anonymousUuidAbove(lineFrom, i);
        open(at, line, 'text');
      }
    } else if (c === F && FILTERED_SYSLOG.test((line ??= text.slice(lineFrom, end)))) {
      if (cur) cur.syslog = true;
    } else if (c >= 0x30 && c <= 0x39 && LOG_TIMESTAMP.test((line ??= text.slice(lineFrom, end)))) {
      if (!cur || (cur.state !== 'log' && cur.body && !cur.syslog)) open(lineFrom, i, 'log');
      else if (cur.state !== 'log' && cur.start === lineFrom) cur.state = 'log';
    } else if (!cur) {
      open(lineFrom, i, 'text');
    }
    const d = doc as OpenDoc | undefined;
    if (d && !d.body && (d.state === 'log' || (BODY_MARK_FIRST.has(c) && BODY_MARK.test((line ??= text.slice(lineFrom, end)))))) d.body = true;
  };

  /** A legacy .panic starts with `Anonymous UUID:` a few lines above `*** Panic Report ***`. */
  const anonymousUuidAbove = (lineFrom: number, i: number): [number, number] => {
    let from = lineFrom;
    for (let n = 1; n <= 6 && from > 0; n++) {
      from = previousLine(from);
      if (/^\s*Anonymous UUID:/.test(lineText(from))) return [from, i - n];
    }
    return [lineFrom, i];
  };

  // The next Translated Report title at or after the current line, -1 when there is none left.
  let titleAt = titles.next(0);
  let pos = 0;
  for (let i = 0; ; i++) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const k = skipSpace(text, pos, end);
    if (k < end) {
      const c = text.charCodeAt(k);
      const cur = doc as OpenDoc | undefined;
      const may = c < 128 ? MAY_MATTER[c] : 0;
      if (titleAt >= 0 && titleAt < pos) titleAt = titles.next(pos);
      // A timestamp line (the digits) changes something only in a document past its body and not in a
      // log or a "Filtered syslog:" section: it opens a log there. Elsewhere its branch of readLine is
      // a no-op (making a document a log at its own first line cannot fire for a later line), so the
      // lines of a log are not read one by one.
      if (
        !cur ||
        cur.state === 'ips-header' ||
        may === 1 ||
        (may === 2 && cur.body && cur.state !== 'log' && !cur.syslog && text.charCodeAt(k + 4) === DASH) ||
        (titleAt >= 0 && titleAt < end)
      ) {
        readLine(pos, end, k, i);
      }
    }
    if (nl < 0) break;
    pos = nl + 1;
  }

  if (starts.length <= 1) return [{ text, startLine: 1 }];
  // Prose before the first document start belongs to the first document.
  starts[0] = 0;
  startLines[0] = 0;
  return starts.map((s, k) => {
    const next = starts[k + 1];
    // A start at or before this one (a rule or UUID line above it) leaves this document empty.
    return { text: text.slice(s, next === undefined ? text.length : Math.max(0, next - 1)), startLine: (startLines[k] as number) + 1 };
  });
}
