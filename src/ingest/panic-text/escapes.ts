/**
 * Panic text copied out of a JSON file keeps `\n`, `\t` and `\"` as two characters. When a line holds
 * several literal `\n` it is such a copy, and unescaping it gives back the real lines (FORMATS §9).
 */

const LITERAL_NEWLINE = /\\n/g;

/** Number of literal backslash-n pairs in `s` (a real `\\n` escape counts too; good enough for a heuristic). */
export function literalNewlines(s: string): number {
  return s.match(LITERAL_NEWLINE)?.length ?? 0;
}

/** True when a text has few real newlines and many literal ones. */
export function needsUnescape(text: string): boolean {
  const literal = literalNewlines(text);
  if (literal < 3) return false;
  const real = text.split('\n').length - 1;
  return literal > real;
}

/** Undo JSON string escapes: \n, \t, \r, \", \\, \/ and \uXXXX. */
export function unescapeJsonString(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|["\\/bfnrt])/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '';
      case 'b':
      case 'f':
        return '';
      case 'u':
        return String.fromCharCode(parseInt(e.slice(1), 16));
      default:
        return e;
    }
  });
}

/** Unescape every line of `text` that carries at least `min` literal newlines; other lines stay as they are. */
export function unescapeHeavyLines(text: string, min = 3): string {
  if (literalNewlines(text) < min) return text;
  return text
    .split('\n')
    .map((l) => (literalNewlines(l) >= min ? unescapeJsonString(l) : l))
    .join('\n');
}
