/**
 * Thread state blocks (FORMATS §6.3): `Thread 0 crashed with ARM Thread State (64-bit):` /
 * `X86 Thread State (32-bit)` / `ARM Thread State:` then rows of `name: 0x…` pairs, several per row.
 * `esr: 0xf2000001 (Breakpoint) brk 1` keeps only the value.
 */
import { hexBigInt, isHexDigit, skipSpace } from './chars.js';

const STATE_HEADER = /^\s*Thread (\d{1,6}) crashed with (.{1,40}?) Thread State(?: \((\d\d)-bit\))?:?\s*$/;
/** A heading that names no thread: `Thread State:`, `ARM Thread State (64-bit):`, `Crashed Thread State:`; it is the crashed thread's. */
const BARE_HEADER = /^\s*(?:(Crashed|[A-Za-z0-9_-]{1,20}(?: [A-Za-z0-9_-]{1,20})?) )?Thread State(?: \((\d\d)-bit\))?:?\s*$/;
/** A register pair, `([A-Za-z][A-Za-z0-9]{0,7}):\s*(0x[0-9a-fA-F]{1,16})\b` (read by hand in readRegisterRow). */
/** Rosetta and some reporters print registers they could not read: `rip: <unavailable>`. */
const UNAVAILABLE = /[A-Za-z][A-Za-z0-9]{0,7}:\s*<unavailable>/g;

export interface StateHeader {
  /** The thread the heading names; undefined for a bare heading (the crashed thread's registers). */
  thread?: number;
  /** "ARM", "X86", "X86-64" as written. */
  flavor: string;
  bits?: number;
}

export function parseStateHeader(line: string): StateHeader | undefined {
  // Both headings hold the literal "Thread State".
  if (!line.includes('Thread State')) return undefined;
  const m = STATE_HEADER.exec(line);
  if (!m?.[1] || !m[2]) {
    const b = BARE_HEADER.exec(line);
    if (!b) return undefined;
    const bare: StateHeader = { flavor: b[1] && b[1] !== 'Crashed' ? b[1] : '' };
    if (b[2]) bare.bits = Number(b[2]);
    return bare;
  }
  const h: StateHeader = { thread: Number(m[1]), flavor: m[2] };
  if (m[3]) h.bits = Number(m[3]);
  return h;
}

/** Add every `name: 0x…` pair of a row; returns how many were read (unavailable ones count, unstored). */
export function readRegisterRow(line: string, into: Record<string, bigint>): number {
  let n = 0;
  if (line.includes('<unavailable>')) {
    UNAVAILABLE.lastIndex = 0;
    while (UNAVAILABLE.exec(line)) n++;
  }
  // Every pair holds ":" then "0x"; a line without "0x" has none.
  if (!line.includes('0x')) return n;
  // The matches of PAIR, found colon by colon (a name ends at a colon, so the leftmost match has the leftmost usable colon).
  let from = 0;
  for (let colon = line.indexOf(':', from); colon !== -1; colon = line.indexOf(':', Math.max(colon + 1, from))) {
    // The name: the leftmost start in [colon - 8, colon), not before `from`, of an alphanumeric run reaching the colon, at a letter.
    let s = colon;
    const limit = Math.max(from, colon - 8);
    while (s > limit && isAlnum(line.charCodeAt(s - 1))) s--;
    while (s < colon && !isLetter(line.charCodeAt(s))) s++;
    if (s === colon) continue;
    // The value: white space, "0x", 1..16 hex digits, then no word character.
    const at = skipSpace(line, colon + 1);
    if (line.charCodeAt(at) !== 48 || line.charCodeAt(at + 1) !== 120) continue;
    let end = at + 2;
    while (end < line.length && isHexDigit(line.charCodeAt(end))) end++;
    const digits = end - at - 2;
    if (digits < 1 || digits > 16 || (end < line.length && isWordChar(line.charCodeAt(end)))) continue;
    into[lowerName(line, s, colon)] = hexBigInt(line, at + 2, end);
    n++;
    from = end;
  }
  return n;
}

/**
 * Register names seen, by their characters packed into one small integer (up to 4 ASCII characters,
 * 7 bits each; the names are letters and digits, never 0, so the packing is unique): the lower-cased
 * name is cut out and lower-cased once, not once per row, and as a constant string it is stored as a
 * key without being looked up in the string table again. Bounded, as a hostile text could invent names.
 */
const NAMES = new Map<number, string>();
const MAX_NAMES = 1024;

/** line.slice(from, to).toLowerCase() for an ASCII name. */
function lowerName(line: string, from: number, to: number): string {
  if (to - from > 4) return cutLowerName(line, from, to);
  let key = 0;
  for (let i = from; i < to; i++) key = (key << 7) | line.charCodeAt(i);
  let name = NAMES.get(key);
  if (name === undefined) {
    name = cutLowerName(line, from, to);
    if (NAMES.size < MAX_NAMES) NAMES.set(key, name);
  }
  return name;
}

/** line.slice(from, to).toLowerCase(), not lower-cased again when it is already (rax, x0, cpsr). */
function cutLowerName(line: string, from: number, to: number): string {
  const name = line.slice(from, to);
  for (let i = from; i < to; i++) {
    const c = line.charCodeAt(i);
    if (c >= 65 && c <= 90) return name.toLowerCase();
  }
  return name;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAlnum(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57);
}

function isWordChar(c: number): boolean {
  return isAlnum(c) || c === 95;
}
