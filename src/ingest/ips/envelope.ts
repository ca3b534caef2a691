/**
 * Split an .ips document into its header line and body (FORMATS §2). Line 1 is a header when it
 * is a complete one-line object that is not itself a body; otherwise the whole text is the body
 * (header-less bodies, §9). A damaged header line is scanned for its keys.
 */
import { normalizeHeader, type IpsHeader } from './header.js';
import { isJsonObject, readJson, type JsonObject } from './lossless-json.js';
import { isTrimSpace } from './json-access.js';
import { tolerantScan } from './tolerant-scan.js';

export interface Envelope {
  header?: IpsHeader;
  /** Why the header line could not be read strictly, when it could not. */
  headerProblem?: string;
  body: string;
  /** Character offset of the body within the document. */
  bodyOffset: number;
  /** Number of newlines before the body (to keep line numbers of the text body right). */
  bodyLine: number;
  /** Lines of prose above the header line that were skipped, when any. */
  preambleLines?: number;
}

// Keys that only a body carries: a one-line object with one of these is a compact body, not a header.
const BODY_KEYS = ['procName', 'threads', 'panicString', 'macOSPanicString', 'processes', 'processByPid', 'usedImages'];

export function splitEnvelope(text: string): Envelope {
  let start = 0;
  while (start < text.length && isTrimSpace(text.charCodeAt(start))) start++;
  const nl = text.indexOf('\n', start);
  const lineEnd = nl < 0 ? text.length : nl;
  const line = text.slice(start, lineEnd);
  const linesBefore = countNewlines(text, 0, start);
  const whole: Envelope = { body: text.slice(start), bodyOffset: start, bodyLine: linesBefore };
  if (!line.trimStart().startsWith('{')) {
    // A report pasted under a title or into an article: the header line after a few lines of prose.
    const at = headerAfterPreamble(text, start);
    if (at === undefined) return whole;
    const inner = splitEnvelope(text.slice(at));
    return { ...inner, bodyOffset: inner.bodyOffset + at, bodyLine: inner.bodyLine + countNewlines(text, 0, at), preambleLines: countNewlines(text, 0, at) };
  }

  const r = readJson(line);
  const afterLine = nl < 0 ? text.length : nl + 1;
  const rest = text.slice(afterLine);
  // The envelopes returned below are built whole (no spread of a partial one), in one field order.
  if (!r.error && isJsonObject(r.value) && line.slice(r.end).trim() === '') {
    const o = r.value;
    const isBody = hasBodyKey(o);
    const restTrimmed = rest.trim();
    if (isBody && !(restTrimmed.startsWith('{') && 'bug_type' in o)) return whole;
    if ('bug_type' in o || restTrimmed !== '') {
      return { body: rest, bodyOffset: afterLine, bodyLine: linesBefore + 1, header: normalizeHeader(o) };
    }
    return whole;
  }
  // A cut or damaged first line that names a bug_type is a damaged header, not a body.
  if (r.error && /"bug_type"/.test(line) && !BODY_KEYS.some((k) => line.includes(`"${k}"`))) {
    return { body: rest, bodyOffset: afterLine, bodyLine: linesBefore + 1, header: normalizeHeader(tolerantScan(line)), headerProblem: r.error.reason };
  }
  return whole;
}

function hasBodyKey(o: JsonObject): boolean {
  for (let i = 0; i < BODY_KEYS.length; i++) if ((BODY_KEYS[i] as string) in o) return true;
  return false;
}

/** Lines of prose (a title, a code fence) that may stand above a pasted report's header line. */
const PREAMBLE_LINES = 40;

/** Offset of a one-line header within the first lines, when only prose stands above it. */
function headerAfterPreamble(text: string, from: number): number | undefined {
  let pos = from;
  for (let i = 0; i < PREAMBLE_LINES && pos < text.length; i++) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, Math.min(end, pos + 64 * 1024));
    if (line.trimStart().startsWith('{')) return isHeaderLine(line) ? pos : undefined;
    if (nl < 0) return undefined;
    pos = nl + 1;
  }
  return undefined;
}

/** A one-line .ips header: an object on one line naming a bug_type (string tests, no backtracking). */
export function isHeaderLine(line: string): boolean {
  const t = line.trim();
  return t.startsWith('{') && t.endsWith('}') && /"bug_type"\s*:/.test(t);
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
