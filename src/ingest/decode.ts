/**
 * Bytes to text. Logs arrive as UTF-8 mostly, but pastes carry BOMs, CRLF, NBSP and the odd
 * Latin-1 byte; decode once here so every parser sees the same clean text.
 */

/** Share of U+FFFD replacements above which the bytes are taken to be Latin-1 rather than UTF-8. */
const LATIN1_FALLBACK_RATE = 0.01;

// Decoding without `stream` keeps no state between calls, so one decoder of each kind serves every input.
const UTF8 = new TextDecoder('utf-8', { fatal: false });
const LATIN1 = new TextDecoder('latin1');

export interface DecodedText {
  text: string;
  /** Set when the bytes were not valid UTF-8 and Latin-1 was used instead. */
  encoding: 'utf-8' | 'latin1';
}

/** Decode bytes as UTF-8 with replacement, falling back to Latin-1 when replacements are frequent. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const utf8 = UTF8.decode(bytes);
  // indexOf is native (and instant on one-byte strings); count only when a replacement exists.
  const first = utf8.indexOf('\ufffd');
  if (first >= 0) {
    let replacements = 0;
    for (let i = first; i >= 0; i = utf8.indexOf('\ufffd', i + 1)) replacements++;
    if (replacements / Math.max(1, utf8.length) > LATIN1_FALLBACK_RATE) {
      return { text: normalizeText(LATIN1.decode(bytes)), encoding: 'latin1' };
    }
  }
  return { text: normalizeText(utf8), encoding: 'utf-8' };
}

/** Strip a BOM, fold CRLF/CR to LF and NBSP to a space (Apple's own symbolicatecrash did the same). */
export function normalizeText(text: string): string {
  let t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  if (t.includes('\u00a0')) t = t.replace(/\u00a0/g, ' ');
  return t;
}

/** How many leading bytes looksBinary inspects. */
export const BINARY_PROBE_BYTES = 8192;

/** True when the bytes look like a binary file (a NUL in the first few KiB) rather than a text log. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_PROBE_BYTES).indexOf(0) >= 0;
}
