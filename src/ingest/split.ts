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
  start: number;
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

/** Next index of `needle` at or after `from`, remembered so the text is searched about once overall. */
class NextIndex {
  private at = -2;
  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}
  /** True when `needle` occurs within `[from, to)`. */
  within(from: number, to: number): boolean {
    if (this.at !== -1 && this.at < from) this.at = this.text.indexOf(this.needle, from);
    return this.at >= 0 && this.at + this.needle.length <= to;
  }
}

/** Split normalised text into documents; a text with one document comes back whole. */
export function splitDocuments(text: string): DocumentSlice[] {
  // Line i is text[lineStart[i], end of line); lines are walked in place, never split into strings.
  const lineStart: number[] = [];
  const lineAt = (k: number): string => {
    const s = lineStart[k] as number;
    const nl = text.indexOf('\n', s);
    return text.slice(s, nl < 0 ? text.length : nl);
  };
  const starts: number[] = [];
  let doc: OpenDoc | undefined;
  let prevBlank = true;
  const titles = new NextIndex(text, TRANSLATED_TITLE);
  const bugTypes = new NextIndex(text, BUG_TYPE_KEY);

  const open = (i: number, state: DocState, translated = false): void => {
    // Re-opening at the current start (a title under a rule line) only changes the document's state.
    if (starts[starts.length - 1] !== i) starts.push(i);
    doc = { start: i, state, body: false, translated };
  };

  let pos = 0;
  for (let i = 0; ; i++) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    lineStart.push(pos);
    const lineFrom = pos;
    pos = end + 1;
    const k = skipSpace(text, lineFrom, end);
    if (k === end) {
      // A blank line (only `\s`, what trim() removes).
      prevBlank = true;
      if (nl < 0) break;
      continue;
    }
    const c = text.charCodeAt(k);
    const cur = doc as OpenDoc | undefined;
    if (titles.within(lineFrom, end)) {
      // The dashed rule above the title belongs to the new document.
      const ruleAbove = i > 0 && RULE.test(lineAt(i - 1)) ? i - 1 : i;
      if (!cur || cur.body || cur.state !== 'text' || !cur.translated) open(ruleAbove, 'text', true);
      prevBlank = false;
      if (nl < 0) break;
      continue;
    }
    if (c === BRACE && bugTypes.within(lineFrom, end) && IPS_HEADER.test(text.slice(lineFrom, end))) {
      if (cur?.translated && !cur.body) {
        // Full Report JSON under a translated text part: same incident.
      } else if (cur?.translated) {
        cur.state = 'ips-header';
        cur.body = false;
      } else if (cur && cur.state === 'text' && !cur.body && i - cur.start <= PROSE_ABOVE_HEADER) {
        // A title or a few lines of prose above a pasted .ips: the .ips reader skips them.
        cur.state = 'ips-header';
      } else {
        open(i, 'ips-header');
      }
      prevBlank = false;
      if (nl < 0) break;
      continue;
    }
    if (cur?.state === 'ips-header') {
      // The header owns whatever body follows it, JSON or legacy text.
      cur.state = c === BRACE ? 'ips-json' : 'text';
      cur.body = cur.state === 'ips-json';
      prevBlank = false;
      if (nl < 0) break;
      continue;
    }
    const matches = (re: RegExp): boolean => re.test(text.slice(lineFrom, end));
    if (cur && SAMPLING_FIRST.has(c) && matches(SAMPLING_MARK)) cur.sampling = true;
    const textStart =
      (TEXT_START_FIRST.has(c) && matches(TEXT_START)) || (prevBlank && c === P && matches(PROCESS_START) && !cur?.sampling);
    if (textStart) {
      if (!cur || cur.body || cur.state === 'log') open(anonymousUuidAbove(lineAt, i), 'text');
    } else if (c === F && matches(FILTERED_SYSLOG)) {
      if (cur) cur.syslog = true;
    } else if (c >= 0x30 && c <= 0x39 && matches(LOG_TIMESTAMP)) {
      if (!cur || (cur.state !== 'log' && cur.body && !cur.syslog)) open(i, 'log');
      else if (cur.state !== 'log' && cur.start === i) cur.state = 'log';
    } else if (!cur) {
      open(i, 'text');
    }
    const d = doc as OpenDoc | undefined;
    if (d && (d.state === 'log' || (BODY_MARK_FIRST.has(c) && matches(BODY_MARK)))) d.body = true;
    prevBlank = false;
    if (nl < 0) break;
  }

  if (starts.length <= 1) return [{ text, startLine: 1 }];
  // Prose before the first document start belongs to the first document.
  starts[0] = 0;
  return starts.map((s, k) => {
    const next = starts[k + 1];
    const end = next === undefined ? text.length : (lineStart[next] as number) - 1;
    return { text: text.slice(lineStart[s] as number, end), startLine: s + 1 };
  });
}

/** A legacy .panic starts with `Anonymous UUID:` a few lines above `*** Panic Report ***`. */
function anonymousUuidAbove(lineAt: (k: number) => string, i: number): number {
  for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
    if (/^\s*Anonymous UUID:/.test(lineAt(k))) return k;
  }
  return i;
}
