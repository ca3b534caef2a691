/**
 * Scalars of the lossless JSON reader: strings (escapes decoded, linear time on escape-heavy input)
 * and numbers (integers of 16 or more digits kept exact as bigint).
 */
import type { JsonError, JsonValue } from './json-value.js';

/** Integers with this many digits or more become bigint. */
const BIG_DIGITS = 16;

export type StringRead = { value: string; end: number } | { error: JsonError };

/**
 * Finds the next occurrence of one character at or after a position, remembering the last answer
 * so that a text is scanned about once overall rather than once per string (no quadratic time on
 * strings full of escapes).
 */
class NextIndex {
  private at = -2;
  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}
  next(from: number): number {
    if (this.at !== -1 && this.at < from) this.at = this.text.indexOf(this.char, from);
    return this.at;
  }
}

export interface Scanners {
  quotes: NextIndex;
  backslashes: NextIndex;
}

export function scanners(text: string): Scanners {
  return { quotes: new NextIndex(text, '"'), backslashes: new NextIndex(text, '\\') };
}

export function readString(text: string, start: number, scan: Scanners = scanners(text)): StringRead {
  let out = '';
  let i = start + 1;
  const len = text.length;
  for (;;) {
    const quote = scan.quotes.next(i);
    const slash = scan.backslashes.next(i);
    if (quote < 0 && slash < 0) break;
    if (quote >= 0 && (slash < 0 || quote < slash)) return { value: out + text.slice(i, quote), end: quote + 1 };
    out += text.slice(i, slash);
    if (slash + 1 >= len) break;
    const e = text[slash + 1];
    let next = slash + 2;
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        const hex = text.slice(slash + 2, slash + 6);
        if (hex.length < 4) return { error: { offset: slash, reason: 'unterminated \\u escape', eof: true } };
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return { error: { offset: slash, reason: 'bad \\u escape', eof: false } };
        out += String.fromCharCode(parseInt(hex, 16));
        next += 4;
        break;
      }
      default:
        // \" \\ \/ and, leniently, any other escaped character as itself.
        out += e;
    }
    i = next;
  }
  return { error: { offset: len, reason: 'unterminated string', eof: true } };
}

export type ScalarRead = { value: JsonValue; end: number } | { error: JsonError };

const LITERALS: ReadonlyArray<readonly [string, JsonValue]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function readScalar(text: string, i: number, atRoot: boolean, scan: Scanners): ScalarRead {
  const c = text.charCodeAt(i);
  if (c === 0x22) return readString(text, i, scan);
  if (c === 0x74 || c === 0x66 || c === 0x6e) {
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, i)) return { value, end: i + word.length };
      if (i + word.length > text.length && word.startsWith(text.slice(i))) {
        return { error: { offset: text.length, reason: `truncated ${word}`, eof: true } };
      }
    }
  }
  return readNumber(text, i, atRoot);
}

/** A JSON number by hand (hot path): integers of 16+ digits become bigint. */
function readNumber(text: string, i: number, atRoot: boolean): ScalarRead {
  const len = text.length;
  let j = i;
  const negative = text.charCodeAt(j) === 0x2d;
  if (negative) j++;
  const intStart = j;
  let small = 0;
  for (let d = text.charCodeAt(j); j < len && isDigit(d); d = text.charCodeAt(++j)) small = small * 10 + (d - 0x30);
  const intDigits = j - intStart;
  if (intDigits === 0) {
    if (j >= len) return { error: { offset: len, reason: 'truncated number', eof: true } };
    return { error: { offset: i, reason: `unexpected character ${JSON.stringify(text[i])}`, eof: false } };
  }
  let integer = true;
  if (text.charCodeAt(j) === 0x2e && isDigit(text.charCodeAt(j + 1))) {
    integer = false;
    j += 2;
    while (j < len && isDigit(text.charCodeAt(j))) j++;
  }
  const e = text.charCodeAt(j);
  if (e === 0x65 || e === 0x45) {
    let k = j + 1;
    const sign = text.charCodeAt(k);
    if (sign === 0x2b || sign === 0x2d) k++;
    if (isDigit(text.charCodeAt(k))) {
      integer = false;
      j = k;
      while (j < len && isDigit(text.charCodeAt(j))) j++;
    }
  }
  // A number running into the end of a cut document may itself be cut.
  if (j >= len && !atRoot) return { error: { offset: len, reason: 'truncated number', eof: true } };
  // Short integers were summed exactly while scanning; only the rest needs the slice.
  if (integer && intDigits < BIG_DIGITS) return { value: negative ? -small : small, end: j };
  const raw = text.slice(i, j);
  return { value: integer ? BigInt(raw) : Number(raw), end: j };
}

