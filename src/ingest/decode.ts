/**
 * Bytes to text. Logs arrive as UTF-8 mostly, but pastes carry BOMs, CRLF, NBSP and the odd
 * Latin-1 byte; decode once here so every parser sees the same clean text.
 */

/** Share of U+FFFD replacements above which the bytes are taken to be Latin-1 rather than UTF-8. */
const LATIN1_FALLBACK_RATE = 0.01;

export interface DecodedText {
  text: string;
  /** Set when the bytes were not valid UTF-8 and Latin-1 was used instead. */
  encoding: 'utf-8' | 'latin1';
}

/** Decode bytes as UTF-8 with replacement, falling back to Latin-1 when replacements are frequent. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  let replacements = 0;
  for (let i = 0; i < utf8.length; i++) if (utf8.charCodeAt(i) === 0xfffd) replacements++;
  if (replacements > 0 && replacements / Math.max(1, utf8.length) > LATIN1_FALLBACK_RATE) {
    return { text: normalizeText(new TextDecoder('latin1').decode(bytes)), encoding: 'latin1' };
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

/** True when the bytes look like a binary file (a NUL in the first few KiB) rather than a text log. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
