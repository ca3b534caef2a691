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

/** Lines split on `\r\n`, `\r` and `\n`; the plain string split when the text has no `\r`. */
export function splitLines(text: string): string[] {
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}
