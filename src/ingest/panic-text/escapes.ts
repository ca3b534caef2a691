/**
 * Panic text copied out of a JSON file keeps `\n`, `\t` and `\"` as two characters. When a line holds
 * several literal `\n` it is such a copy, and unescaping it gives back the real lines (FORMATS §9).
 */

/** Number of literal backslash-n pairs in `s` (a real `\\n` escape counts too; good enough for a heuristic). */
export function literalNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\\n'); i !== -1; i = s.indexOf('\\n', i + 2)) n++;
  return n;
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
  // One scan from backslash to backslash; what `\\(u[0-9a-fA-F]{4}|["\\/bfnrt])` matches is replaced, other text is copied.
  let at = s.indexOf('\\');
  if (at < 0) return s;
  let out = '';
  let from = 0;
  while (at !== -1) {
    const c = s.charCodeAt(at + 1);
    let replacement: string | undefined;
    let length = 2;
    if (c === 110) replacement = '\n';
    else if (c === 116) replacement = '\t';
    else if (c === 114 || c === 98 || c === 102) replacement = '';
    else if (c === 34 || c === 92 || c === 47) replacement = s.charAt(at + 1);
    else if (c === 117 && isHex4(s, at + 2)) {
      replacement = String.fromCharCode(parseInt(s.slice(at + 2, at + 6), 16));
      length = 6;
    }
    if (replacement === undefined) {
      at = s.indexOf('\\', at + 1);
      continue;
    }
    out += s.slice(from, at) + replacement;
    from = at + length;
    at = s.indexOf('\\', from);
  }
  return out + s.slice(from);
}

function isHex4(s: string, at: number): boolean {
  if (at + 4 > s.length) return false;
  for (let i = at; i < at + 4; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

/** Unescape every line of `text` that carries at least `min` literal newlines; other lines stay as they are. */
export function unescapeHeavyLines(text: string, min = 3): string {
  if (literalNewlines(text) < min) return text;
  return text
    .split('\n')
    .map((l) => (literalNewlines(l) >= min ? unescapeJsonString(l) : l))
    .join('\n');
}
