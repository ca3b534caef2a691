/**
 * Character tests the line readers use instead of regexes on hot paths. `isSpace` is exactly the
 * set `\s` and String.prototype.trim treat as white space, so a hand scan agrees with the patterns it replaces.
 */

import { isJsSpace as isSpace } from '../text-scan.js';

/** The one definition of `\s` as a character test lives beside the ingest front (text-scan.ts). */
export { isSpace };

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Index of the first non-space character at or after `from` (the length when there is none). */
export function skipSpace(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** `to` moved left past white space, not before `from` (the end of s.slice(from, to).trimEnd()). */
export function trimEnd(s: string, from: number, to: number): number {
  let j = to;
  while (j > from && isSpace(s.charCodeAt(j - 1))) j--;
  return j;
}

/** Lines split on `\r\n`, `\r` and `\n`; the plain string split when the text has no `\r`. */
export function splitLines(text: string): string[] {
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}

/** Significant hex digits a double holds exactly (13 × 4 = 52 bits < 2^53). */
export const EXACT_HEX_DIGITS = 13;

/**
 * The value of the hex digits `s[from, to)` (the caller has checked they are all hex digits) as a
 * number, or -1 when it has more than 13 significant digits and a double could round it. Reading the
 * digits by hand and making a bigint of the number costs a fraction of BigInt() on a sliced string.
 */
export function hexNumber(s: string, from: number, to: number): number {
  let i = from;
  while (i < to && s.charCodeAt(i) === 48) i++;
  if (to - i > EXACT_HEX_DIGITS) return -1;
  let v = 0;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    v = v * 16 + (c <= 57 ? c - 48 : (c | 32) - 87);
  }
  return v;
}

/** BigInt(`0x` + s[from, to)) for hex digits `s[from, to)` checked by the caller. */
export function hexBigInt(s: string, from: number, to: number): bigint {
  const n = hexNumber(s, from, to);
  return n >= 0 ? smallBigInt(n) : BigInt(`0x${s.slice(from, to)}`);
}

/**
 * BigInt(n) for an exact non-negative number. Zero, the commonest register value, is a shared
 * constant: a bigint is a value (=== compares values), so sharing one is invisible and saves a runtime call.
 */
export function smallBigInt(n: number): bigint {
  return n === 0 ? 0n : BigInt(n);
}

/** The value hexAt read with its digits: hexNumber of them, -1 past 13 significant digits. */
let hexValue = 0;

export function hexAtValue(): number {
  return hexValue;
}

/**
 * `0x` then 1..16 hex digits at `at`; the index after them, or -1 (a longer run fails, as `{1,16}`
 * followed by a non-hex token does). The digits' value goes to hexAtValue() as hexNumber reads it, so
 * the characters are read once (a charCodeAt on a report's line costs tens of instructions).
 */
export function hexAt(line: string, at: number): number {
  if (line.charCodeAt(at) !== 48 || line.charCodeAt(at + 1) !== 120) return -1;
  let j = at + 2;
  let v = 0;
  let significant = 0;
  for (; j < line.length; j++) {
    const c = line.charCodeAt(j);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)) d = (c | 32) - 87;
    else break;
    if (significant > 0 || d !== 0) significant++;
    v = v * 16 + d;
  }
  const n = j - at - 2;
  hexValue = significant > EXACT_HEX_DIGITS ? -1 : v;
  return n >= 1 && n <= 16 ? j : -1;
}
