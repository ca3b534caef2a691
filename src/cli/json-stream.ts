/**
 * `JSON.stringify(value, null, 2)` written in pieces: the triage document of a large run is tens of
 * MB as one string (and as much again encoded for the write), which would be the peak of the
 * run's memory. The members of each top-level array are serialised one at a time instead; the
 * bytes are the same.
 */
export function writePrettyJson(value: Record<string, unknown>, write: (chunk: string) => void, chunkChars = 1 << 20): void {
  let buf = '';
  const out = (s: string): void => {
    buf += s;
    if (buf.length >= chunkChars) {
      write(buf);
      buf = '';
    }
  };
  // A value nested at depth d: JSON.stringify's own lines, each moved right by d levels. Strings
  // never hold a raw newline (JSON escapes it), so every "\n" in the text is a line break.
  const nested = (v: unknown, depth: number): string | undefined => JSON.stringify(v, null, 2)?.replaceAll('\n', `\n${'  '.repeat(depth)}`);
  const entries = Object.entries(value).filter(([, v]) => serialises(v));
  if (entries.length === 0) {
    write(`${buf}{}`);
    return;
  }
  out('{');
  entries.forEach(([k, v], i) => {
    out(`${i === 0 ? '' : ','}\n  ${JSON.stringify(k)}: `);
    if (Array.isArray(v) && v.length > 0) {
      out('[');
      v.forEach((el, j) => out(`${j === 0 ? '' : ','}\n    ${nested(el, 2) ?? 'null'}`));
      out('\n  ]');
    } else {
      out(nested(v, 1) as string);
    }
  });
  out('\n}');
  write(buf);
}

/**
 * Whether JSON.stringify(v) gives text (not undefined), without serialising v: the members of a
 * large run are tens of MB. Only a toJSON method can change the answer for an object.
 */
function serialises(v: unknown): boolean {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return false;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(v) !== undefined;
  return true;
}
