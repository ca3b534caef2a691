/**
 * Character tests that let the common front of ingest (unwrap, split, detect) decide most lines by
 * one character instead of a regex. They mirror JavaScript's own classes exactly, so a prefilter
 * built on them rejects only lines the regex it guards would reject too.
 */

/** True for a character of the regex class `\s` (and of what String.prototype.trim removes). */
export function isJsSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** True for a line terminator, where a multiline `^` may match after. */
export function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/** Index of the first character of `text[from, to)` that is not `\s`, or `to` when there is none. */
export function skipSpace(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isJsSpace(text.charCodeAt(i))) i++;
  return i;
}
