/**
 * `JSON.stringify(value, null, 2)` written in pieces: the triage document of a large run is tens of
 * MB as one string (and as much again encoded for the write), which would be the peak of the run's
 * memory. Each top-level array is serialised a batch of members at a time instead (a batch is about
 * `chunkChars` long); the bytes are the same. `member` is applied to each top-level value that is
 * not an array and to each member of a top-level array before it is serialised (analyze: toJsonValue,
 * so one report at a time is made plain JSON).
 */
export function writePrettyJson(
  value: Record<string, unknown>,
  write: (chunk: string) => void,
  chunkChars = CHUNK_CHARS,
  member: (v: unknown) => unknown = (v) => v,
): void {
  let buf = '';
  const out = (s: string): void => {
    if (buf.length > 0 && buf.length + s.length > chunkChars) {
      write(buf);
      buf = s;
    } else buf += s;
    if (buf.length >= chunkChars) {
      write(buf);
      buf = '';
    }
  };
  let first = true;
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (!serialises(v)) continue;
    const key = JSON.stringify(k);
    out(`${first ? '{' : ','}\n  ${key}: `);
    first = false;
    if (Array.isArray(v) && v.length > 0 && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      out('[\n    ');
      // Members are pretty-printed by JSON.stringify itself, a batch at a time, nested two levels
      // down as the document has them: [[a, b]] gives "[\n  [\n    a,\n    b\n  ]\n]", and the
      // text between the outer brackets is exactly what the document holds between its own (no
      // re-indenting pass). The batch grows or shrinks to keep its text near chunkChars.
      let batch = 1;
      for (let i = 0; i < v.length; ) {
        const end = Math.min(v.length, i + batch);
        const text = JSON.stringify([v.slice(i, end).map(member)], null, 2);
        out(i === 0 ? text.slice(10, -6) : `,\n    ${text.slice(10, -6)}`);
        const perMember = Math.max(1, text.length / (end - i));
        batch = Math.max(1, Math.min(4096, Math.floor(chunkChars / perMember)));
        i = end;
      }
      out('\n  ]');
    } else {
      // The value under its own key ('{\n  "key": <value>\n}' without what is already written and
      // the closing brace): nested one level down, and a toJSON method sees its key as in the document.
      out((JSON.stringify({ [k]: member(v) }, null, 2) as string).slice(key.length + 6, -2));
    }
  }
  if (first) {
    write(`${buf}{}`);
    return;
  }
  out('\n}');
  write(buf);
}

/**
 * Text per write. Strings (and Buffers) past ~128 KB are allocated among the old objects, where only
 * a full collection frees them: pieces of tens of MB of output that size would pile up as garbage
 * and raise the run's peak memory. Pieces this long are young garbage, freed at once.
 */
const CHUNK_CHARS = 1 << 15;

/**
 * Whether JSON.stringify(v) gives text (not undefined), without serialising v: the members of a
 * large run are tens of MB. Only a toJSON method can change the answer for an object.
 */
function serialises(v: unknown): boolean {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return false;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(v) !== undefined;
  return true;
}
