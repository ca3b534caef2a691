/**
 * The first line(s) of a panic: `panic(cpu N caller 0xADDR): MESSAGE` (FORMATS §5.1).
 * Message forms: quoted with `@file:line`, a subsystem prefix before the quote, several adjacent quoted
 * strings running over many lines, unquoted text, `assertion failed: …, file: …, line: N`, arm64 aborts
 * and Intel traps (their register dumps are read by registers.ts), coprocessor panics.
 */
import { bound, hexCapture, type SourceLine } from './lines.js';
import { unescapeJsonString } from './escapes.js';

export interface PanicLine {
  cpu?: number;
  callerAddress?: bigint;
  message: string;
  file?: string;
  line?: number;
  /** Index (into the lines array) of the panic line. */
  index: number;
  /** Number of lines the panic line and its quoted message take. */
  span: number;
}

export const PANIC_RE = /panic\(cpu (\d+)(?: caller (0x[0-9a-fA-F]+))?\):[ \t]?(.*)$/i;

/** Lines that certainly follow the message: a quoted message never runs past them. */
const AFTER_MESSAGE =
  /^(Debugger message:|Backtrace \(CPU|Panicked task|Panicked thread|Kernel Extensions in backtrace|Memory ID:|OS version:|Mac OS version:|lr:\s*0x|0x[0-9a-fA-F]+ : 0x)/;

/** How far a quoted message may run, in lines (the RTBuddy mailbox dump is ~130). */
const MAX_QUOTED_LINES = 2000;

/** The closing quote followed by `@file:line` (optionally a space before the `@`). */
const QUOTE_AT_FILE = /"\s*@([^\s"]+?):(\d+)/;

/** Find and read the first panic line; undefined when the text has none. */
export function readPanicLine(lines: SourceLine[]): PanicLine | undefined {
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] as SourceLine).text;
    if (!text.includes('anic(')) continue;
    const m = PANIC_RE.exec(text);
    if (!m) continue;
    const head: PanicLine = { message: '', index: i, span: 1 };
    head.cpu = Number(m[1]);
    const caller = hexCapture(m[2]);
    if (caller !== undefined) head.callerAddress = caller;
    readMessage(m[3] ?? '', lines, i, head);
    return head;
  }
  return undefined;
}

function readMessage(rest: string, lines: SourceLine[], index: number, out: PanicLine): void {
  const q = rest.indexOf('"');
  const prefix = q > 0 ? rest.slice(0, q) : '';
  if (q === 0 || (q > 0 && q <= 80 && /:\s*$/.test(prefix) && !prefix.includes('"'))) {
    readQuoted(prefix.trim(), rest.slice(q), lines, index, out);
    return;
  }
  readUnquoted(rest, out);
}

function readQuoted(prefix: string, first: string, lines: SourceLine[], index: number, out: PanicLine): void {
  let body = first.slice(1);
  const own = QUOTE_AT_FILE.exec(first);
  if (own) {
    body = first.slice(1, own.index);
    out.file = own[1];
    out.line = Number(own[2]);
  } else if (first.length > 1 && first.trimEnd().endsWith('"') && quoteCount(first) % 2 === 0) {
    body = first.trimEnd().slice(1, -1);
  } else {
    // The quoted text runs over several lines: join them (bounded) and look for the closing `"@file:line`.
    const parts = [first];
    for (let j = index + 1; j < lines.length && j - index < MAX_QUOTED_LINES; j++) {
      const t = (lines[j] as SourceLine).text;
      if (AFTER_MESSAGE.test(t.trim())) break;
      parts.push(t);
    }
    const joined = parts.join('\n');
    const m = QUOTE_AT_FILE.exec(joined);
    if (m) {
      body = joined.slice(1, m.index);
      out.file = m[1];
      out.line = Number(m[2]);
      out.span = countNewlines(joined, m.index) + 1;
    }
  }
  // Adjacent C string literals ("a " "b") read as one string.
  const text = unescapeJsonString(body.replace(/"[ \t]*"/g, '')).trim();
  out.message = bound(prefix ? `${prefix} ${text}` : text);
}

function quoteCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) n++;
  return n;
}

/** Regexes on the message only ever see this many characters (a damaged line can be megabytes). */
const MESSAGE_HEAD = 8192;

function readUnquoted(rest: string, out: PanicLine): void {
  let msg = (rest.length > MESSAGE_HEAD ? rest.slice(0, MESSAGE_HEAD) : rest).trim();
  // "assertion failed: <expr>, file: <path>, line: N" (optionally " @file.c:line"): string search, not backtracking.
  const fileAt = msg.startsWith('assertion failed: ') ? msg.lastIndexOf(', file: ') : -1;
  const lineAt = fileAt >= 0 ? msg.indexOf(', line: ', fileAt) : -1;
  const lineNo = lineAt >= 0 ? /^, line: (\d+)/.exec(msg.slice(lineAt)) : null;
  if (lineNo) {
    out.file = msg.slice(fileAt + 8, lineAt);
    out.line = Number(lineNo[1]);
    msg = msg.slice(0, fileAt);
  } else {
    const at = /@([^\s@"]+):(\d+)\s*$/.exec(msg);
    if (at && at.index > 0) {
      msg = msg.slice(0, at.index).trimEnd();
      out.file = at[1];
      out.line = Number(at[2]);
    }
  }
  out.message = bound(msg);
}

function countNewlines(s: string, end: number): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < end; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
