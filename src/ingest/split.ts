import { LOG_TIMESTAMP } from './detect.js';

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
const TRANSLATED_TITLE = /Translated Report \(Full Report Below\)/;
const RULE = /^\s*(-{5,}|#+\s|<hr)/;
const TEXT_START = /^\s*(Incident Identifier:|\*\*\* Panic Report \*\*\*|Anonymous UUID:|panic\(cpu \d)/;
const PROCESS_START = /^\s*Process:\s/;
const SAMPLING_MARK = /^\s*(Heavy format:|Data Source:\s+(Micro)?[Ss]tackshots|Powerstats for:)/;
const BODY_MARK = /^\s*(Exception Type:|Thread \d+( Crashed)?:|Thread \d+ name:|Binary Images:|panic\(cpu |Backtrace \(|lr: 0x|Panicked task|Command:)/;

/** Split normalised text into documents; a text with one document comes back whole. */
export function splitDocuments(text: string): DocumentSlice[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  let doc: OpenDoc | undefined;
  let prevBlank = true;

  const open = (i: number, state: DocState, translated = false): void => {
    // Re-opening at the current start (a title under a rule line) only changes the document's state.
    if (starts[starts.length - 1] !== i) starts.push(i);
    doc = { start: i, state, body: false, translated };
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const blank = line.trim() === '';
    if (blank) {
      prevBlank = true;
      continue;
    }
    const cur = doc as OpenDoc | undefined;
    if (TRANSLATED_TITLE.test(line)) {
      // The dashed rule above the title belongs to the new document.
      const ruleAbove = i > 0 && RULE.test(lines[i - 1] as string) ? i - 1 : i;
      if (!cur || cur.body || cur.state !== 'text' || !cur.translated) open(ruleAbove, 'text', true);
      prevBlank = false;
      continue;
    }
    if (IPS_HEADER.test(line)) {
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
      continue;
    }
    if (cur?.state === 'ips-header') {
      // The header owns whatever body follows it, JSON or legacy text.
      cur.state = line.trimStart().startsWith('{') ? 'ips-json' : 'text';
      cur.body = cur.state === 'ips-json';
      prevBlank = false;
      continue;
    }
    if (cur && SAMPLING_MARK.test(line)) cur.sampling = true;
    const textStart = TEXT_START.test(line) || (prevBlank && PROCESS_START.test(line) && !cur?.sampling);
    if (textStart) {
      if (!cur || cur.body || cur.state === 'log') open(anonymousUuidAbove(lines, i), 'text');
    } else if (/^\s*Filtered syslog:/.test(line)) {
      if (cur) cur.syslog = true;
    } else if (LOG_TIMESTAMP.test(line)) {
      if (!cur || (cur.state !== 'log' && cur.body && !cur.syslog)) open(i, 'log');
      else if (cur.state !== 'log' && cur.start === i) cur.state = 'log';
    } else if (!cur) {
      open(i, 'text');
    }
    const d = doc as OpenDoc | undefined;
    if (d && (BODY_MARK.test(line) || d.state === 'log')) d.body = true;
    prevBlank = false;
  }

  if (starts.length <= 1) return [{ text, startLine: 1 }];
  // Prose before the first document start belongs to the first document.
  starts[0] = 0;
  return starts.map((s, k) => {
    const end = k + 1 < starts.length ? (starts[k + 1] as number) : lines.length;
    return { text: lines.slice(s, end).join('\n'), startLine: s + 1 };
  });
}

/** A legacy .panic starts with `Anonymous UUID:` a few lines above `*** Panic Report ***`. */
function anonymousUuidAbove(lines: string[], i: number): number {
  for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
    if (/^\s*Anonymous UUID:/.test(lines[k] as string)) return k;
  }
  return i;
}
