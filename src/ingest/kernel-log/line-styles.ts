/**
 * The prefixes of kernel-log lines (FORMATS §7.1): `log show`/`log stream` default style, `--style syslog`,
 * `--style compact`, BSD syslog (system.log), Console.app tab-separated copies, bare `kernel:` /
 * `name[pid]:` lines, and dmesg lines with no prefix at all. Each reader returns the prefix facts and the
 * message, or undefined. Regexes are anchored and only ever see the first HEAD characters of a line.
 */

import { isDigit, isHexDigit, isSpace } from '../crash-text/chars.js';
import { isLineTerminator } from '../text-scan.js';

export interface LinePrefix {
  /** Which shape matched; 'bare' is a line with no prefix (dmesg, serial console). */
  style: 'default' | 'syslog' | 'compact' | 'bsd-syslog' | 'console' | 'timestamped' | 'process' | 'bare';
  time?: string;
  process?: string;
  pid?: number;
  level?: string;
  message: string;
}

/** Prefix regexes only look at this many characters, so a huge line costs no more than a short one. */
export const HEAD = 600;

const TS = String.raw`(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)`;
/** The `log show` default style; read by scanDefault, kept here as its definition (and for the tests). */
export const DEFAULT = new RegExp(String.raw`^${TS}\s+(0x[0-9a-fA-F]+)\s+([A-Za-z]+)\s+(0x[0-9a-fA-F]+)\s+(-?\d+)\s+(\d+)\s+(.*)$`);
const COMPACT = new RegExp(String.raw`^${TS}\s+([A-Z][a-z]?)\s+([^\[\]]{1,80}?)\[(\d+):[0-9a-fA-Fx]+\]\s?(.*)$`);
const SYSLOG = new RegExp(String.raw`^${TS}\s+(\S+)\s+([^\[\]]{1,80}?)\[(\d+)(?::[0-9a-fA-Fx]+)?\](?:\s*<(\w+)>)?:?\s?(.*)$`);
const TIMESTAMPED = new RegExp(String.raw`^${TS}\s+(.*)$`);
const BSD = /^([A-Z][a-z]{2}\s+\d{1,2} \d{2}:\d{2}:\d{2})\s+(\S+)\s+([^\[\]]{1,80}?)\[(\d+)\](?:\s*\([^)]*\))?(?:\s*<(\w+)>)?:?\s?(.*)$/;
const CONSOLE = /^(default|info|debug|error|fault|notice|activity)\t([^\t]*)\t([^\t]*)\t ?(.*)$/i;
const KERNEL = /^(kernel)(?:\[(\d+)\])?:\s?(.*)$/;
/** Extension and kext tools whose output users paste with only the tool's name in front. */
const TOOL = /^(sysextd|kernelmanagerd|driverkitd|kmutil|kextload|kextutil|systemextensionsctl)(?:\[(\d+)\])?:\s?(.*)$/;
const NAME_PID = /^([A-Za-z_][\w.\- ]{0,63}?)\[(\d+)\]:\s?(.*)$/;

/**
 * Split `<process>: rest` (log show default style); a process is a name without spaces before ": ".
 * What `^([^\s:][^:]{0,79}?)(?:\[(\d+)\])?:\s(.*)$` and a no-space test of its first group give, read by
 * hand: the name cannot hold a colon, so the colon is the first one; the lazy name stops at a
 * `[digits]` right before that colon when one is there (a shorter name would leave a non-digit
 * inside the brackets), else at the colon; after it one white space and a rest without a line terminator.
 */
export function splitProcess(rest: string): { process?: string; message: string } {
  const n = rest.length;
  const c0 = rest.charCodeAt(0);
  if (n === 0 || isSpace(c0) || c0 === 58) return { message: rest };
  const colon = rest.indexOf(':');
  if (colon < 0 || colon + 1 >= n || !isSpace(rest.charCodeAt(colon + 1))) return { message: rest };
  for (let i = colon + 2; i < n; i++) if (isLineTerminator(rest.charCodeAt(i))) return { message: rest };
  let end = colon;
  if (rest.charCodeAt(colon - 1) === 93) {
    let k = colon - 2;
    while (k >= 0 && isDigit(rest.charCodeAt(k))) k--;
    if (k < colon - 2 && k >= 1 && rest.charCodeAt(k) === 91) end = k;
  }
  if (end > 80) return { message: rest };
  for (let i = 0; i < end; i++) if (isSpace(rest.charCodeAt(i))) return { message: rest };
  return { process: rest.slice(0, end), message: rest.slice(colon + 2) };
}

/** Where scanDefault found DEFAULT's groups 1 (time), 3 (level), 5 (pid) and 7 (message): one reused record. */
const def = { timeEnd: 0, levelStart: 0, levelEnd: 0, pidStart: 0, pidEnd: 0, messageStart: 0 };

/**
 * DEFAULT.exec(line) by hand (every line of `log show` output is tried against it). Each group is
 * followed by white space its last character class cannot hold, so the greedy runs are the match
 * and no backtracking can find another; the message is what is left after the white space, and the
 * pattern fails when it holds a line terminator (`.` stops there and `$` then fails).
 */
export function scanDefault(s: string): boolean {
  const n = s.length;
  let i = scanTimestamp(s);
  if (i < 0) return false;
  def.timeEnd = i;
  // \s+(0x[0-9a-fA-F]+)
  i = hexColumn(s, spaces(s, i));
  if (i < 0) return false;
  // \s+([A-Za-z]+)
  const levelStart = spaces(s, i);
  if (levelStart < 0) return false;
  let j = levelStart;
  while (j < n && isAsciiLetter(s.charCodeAt(j))) j++;
  if (j === levelStart) return false;
  def.levelStart = levelStart;
  def.levelEnd = j;
  // \s+(0x[0-9a-fA-F]+)
  i = hexColumn(s, spaces(s, j));
  if (i < 0) return false;
  // \s+(-?\d+)
  const pidStart = spaces(s, i);
  if (pidStart < 0) return false;
  j = s.charCodeAt(pidStart) === 45 ? pidStart + 1 : pidStart;
  const pidDigits = j;
  while (j < n && isDigit(s.charCodeAt(j))) j++;
  if (j === pidDigits) return false;
  def.pidStart = pidStart;
  def.pidEnd = j;
  // \s+(\d+)
  const ttl = spaces(s, j);
  if (ttl < 0) return false;
  j = ttl;
  while (j < n && isDigit(s.charCodeAt(j))) j++;
  if (j === ttl) return false;
  // \s+(.*)$
  const message = spaces(s, j);
  if (message < 0) return false;
  for (let k = message; k < n; k++) if (isLineTerminator(s.charCodeAt(k))) return false;
  def.messageStart = message;
  return true;
}

/** The end of the white space at `at` (at least one character), or -1. */
function spaces(s: string, at: number): number {
  if (at < 0 || at >= s.length || !isSpace(s.charCodeAt(at))) return -1;
  let i = at + 1;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** `0x` and one or more hex digits at `at` (not -1): the end, or -1. */
function hexColumn(s: string, at: number): number {
  if (at < 0 || s.charCodeAt(at) !== 48 || s.charCodeAt(at + 1) !== 120) return -1;
  let i = at + 2;
  while (i < s.length && isHexDigit(s.charCodeAt(i))) i++;
  return i === at + 2 ? -1 : i;
}

/**
 * TS at the start of `s`, `\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?`, followed
 * by white space (as every pattern using it requires): its end, or -1. The optional parts are taken
 * when present; leaving one out leaves a '.', 'Z', sign or digit where white space is needed.
 */
function scanTimestamp(s: string): number {
  if (s.length < 20) return -1;
  if (!(digitsAt(s, 0, 4) && s.charCodeAt(4) === 45 && digitsAt(s, 5, 2) && s.charCodeAt(7) === 45 && digitsAt(s, 8, 2))) return -1;
  const sep = s.charCodeAt(10);
  if (!((sep === 32 || sep === 84) && digitsAt(s, 11, 2) && s.charCodeAt(13) === 58 && digitsAt(s, 14, 2) && s.charCodeAt(16) === 58 && digitsAt(s, 17, 2))) return -1;
  let p = 19;
  if (s.charCodeAt(p) === 46) {
    let q = p + 1;
    while (q < s.length && isDigit(s.charCodeAt(q))) q++;
    const k = q - p - 1;
    if (k < 1 || k > 9) return -1;
    p = q;
  }
  const z = s.charCodeAt(p);
  if (z === 90) p++;
  else if (z === 43 || z === 45) {
    if (!digitsAt(s, p + 1, 2)) return -1;
    const colon = s.charCodeAt(p + 3) === 58 ? 1 : 0;
    if (!digitsAt(s, p + 3 + colon, 2)) return -1;
    p += 5 + colon;
  }
  return p < s.length && isSpace(s.charCodeAt(p)) ? p : -1;
}

function digitsAt(s: string, at: number, count: number): boolean {
  for (let i = at; i < at + count; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Read the prefix of one line (leading whitespace already removed). */
export function readLinePrefix(line: string): LinePrefix {
  const head = line.length > HEAD ? line.slice(0, HEAD) : line;
  const tail = line.length > HEAD ? line.slice(HEAD) : '';
  let m: RegExpExecArray | null;
  if (/^\d{4}-/.test(head)) {
    if (scanDefault(head)) {
      const { process, message } = splitProcess(head.slice(def.messageStart) + tail);
      // No object spread: toEvent reads the fields by name, so the key order of a prefix does not matter.
      const p: LinePrefix = {
        style: 'default',
        time: head.slice(0, def.timeEnd),
        level: head.slice(def.levelStart, def.levelEnd),
        pid: Number(head.slice(def.pidStart, def.pidEnd)),
        message,
      };
      if (process) p.process = process;
      return p;
    }
    if ((m = COMPACT.exec(head))) {
      return { style: 'compact', time: m[1], level: m[2], process: (m[3] as string).trim(), pid: Number(m[4]), message: (m[5] as string) + tail };
    }
    if ((m = SYSLOG.exec(head))) {
      const p: LinePrefix = { style: 'syslog', time: m[1], process: (m[3] as string).trim(), pid: Number(m[4]), message: (m[6] as string) + tail };
      if (m[5]) p.level = m[5];
      return p;
    }
    if ((m = TIMESTAMPED.exec(head))) {
      const rest = readProcessForm((m[2] as string) + tail);
      return { ...rest, style: 'timestamped', time: m[1] };
    }
  }
  if ((m = CONSOLE.exec(head))) {
    const p: LinePrefix = { style: 'console', level: m[1], message: (m[4] as string) + tail };
    if (m[2]) p.time = (m[2] as string).trim();
    if (m[3]) p.process = (m[3] as string).trim();
    return p;
  }
  if ((m = BSD.exec(head))) {
    const p: LinePrefix = { style: 'bsd-syslog', time: m[1], process: (m[3] as string).trim(), pid: Number(m[4]), message: (m[6] as string) + tail };
    if (m[5]) p.level = m[5];
    return p;
  }
  return readProcessForm(line);
}

/** `kernel: msg`, `kernel[0]: msg`, `name[pid]: msg`, or a bare message. */
function readProcessForm(line: string): LinePrefix {
  const head = line.length > HEAD ? line.slice(0, HEAD) : line;
  const tail = line.length > HEAD ? line.slice(HEAD) : '';
  let m = KERNEL.exec(head);
  if (m) {
    const p: LinePrefix = { style: 'process', process: 'kernel', message: (m[3] as string) + tail };
    if (m[2] !== undefined) p.pid = Number(m[2]);
    return p;
  }
  m = TOOL.exec(head);
  if (m) {
    const p: LinePrefix = { style: 'process', process: m[1] as string, message: (m[3] as string) + tail };
    if (m[2] !== undefined) p.pid = Number(m[2]);
    return p;
  }
  m = NAME_PID.exec(head);
  if (m) return { style: 'process', process: (m[1] as string).trim(), pid: Number(m[2]), message: (m[3] as string) + tail };
  // A host name before the process ("localhost kernel[0]: …") in a timestamped line.
  m = /^(\S+)\s+(kernel|[A-Za-z_][\w.\-]{0,63})\[(\d+)\]:\s?(.*)$/.exec(head);
  if (m) return { style: 'process', process: m[2] as string, pid: Number(m[3]), message: (m[4] as string) + tail };
  return { style: 'bare', message: line };
}

/** Lines that `log` prints around the events: column headers, filter notes, the closing summary. */
export function isLogChrome(trimmed: string): boolean {
  // Each test below starts with one of these characters.
  if (!'TFSLA-'.includes(trimmed.charAt(0)) || trimmed === '') return false;
  return (
    /^Timestamp\s+(Thread|Ty)/.test(trimmed) ||
    trimmed.startsWith('Filtering the log data using') ||
    trimmed.startsWith('Skipping info and debug messages') ||
    /^(Log|Activity)\s+-\s+\w+:/.test(trimmed) ||
    /^-{3,}$/.test(trimmed)
  );
}
