/**
 * `log show/stream --style json|ndjson` (FORMATS §7.1): objects with `timestamp`, `eventMessage`,
 * `processImagePath`, `processID`, `senderImagePath`, `messageType` … A whole JSON array is parsed at once;
 * when it is cut short, a tolerant line scan collects `"key" : value` pairs object by object.
 */

export interface JsonLogRecord {
  time?: string;
  process?: string;
  pid?: number;
  sender?: string;
  level?: string;
  message: string;
  /** 0-based line index of the record's start in the text. */
  lineIndex: number;
}

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** A record from a parsed object, or undefined when it carries no message. */
export function recordOf(o: unknown, lineIndex: number): JsonLogRecord | undefined {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return undefined;
  const obj = o as Record<string, unknown>;
  const message = obj.eventMessage ?? obj.message ?? obj.composedMessage;
  if (typeof message !== 'string') return undefined;
  const rec: JsonLogRecord = { message, lineIndex };
  if (typeof obj.timestamp === 'string') rec.time = obj.timestamp;
  const proc = obj.processImagePath ?? obj.process;
  if (typeof proc === 'string' && proc) rec.process = basename(proc);
  const pid = obj.processID ?? obj.pid;
  if (typeof pid === 'number' && Number.isInteger(pid)) rec.pid = pid;
  if (typeof obj.senderImagePath === 'string' && obj.senderImagePath) rec.sender = basename(obj.senderImagePath);
  const type = obj.messageType ?? obj.eventType;
  if (typeof type === 'string') rec.level = type;
  return rec;
}

/** True when the text is a JSON array or ndjson of log objects. */
export function isJsonLog(text: string): boolean {
  const head = text.slice(0, 4096).trimStart();
  return (head.startsWith('[') || head.startsWith('{')) && /"(eventMessage|composedMessage)"\s*:/.test(head);
}

/**
 * Records of a JSON array or ndjson text. One linear pass finds each top-level object (string-aware
 * brace counting) and parses it on its own, so one damaged object costs only itself; a last object cut
 * short is read by a tolerant `"key" : value` scan and flagged in `warnings`.
 */
export function readJsonLog(text: string, warnings: string[]): JsonLogRecord[] {
  const firstLine = text.trimStart().split('\n', 1)[0]?.trim() ?? '';
  if (firstLine.startsWith('{') && firstLine.endsWith('}')) return readNdjson(text, warnings);
  const out: JsonLogRecord[] = [];
  const base = text.trimStart().startsWith('[') ? 1 : 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 0;
  let start = -1;
  let startLine = 0;
  let damaged = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 92) escaped = true;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (c === 123 && depth === base) {
        start = i;
        startLine = line;
      }
      depth++;
    } else if (c === 125 || c === 93) {
      depth = Math.max(0, depth - 1);
      if (c === 125 && depth === base && start >= 0) {
        const rec = parseObject(text.slice(start, i + 1), startLine);
        if (rec) out.push(rec);
        else damaged++;
        start = -1;
      }
    }
  }
  if (start >= 0) {
    const rec = looseRecord(text.slice(start), startLine);
    if (rec) out.push(rec);
    warnings.push(`JSON log is cut short after ${out.length} event(s); the last one was read loosely`);
  }
  if (damaged > 0) warnings.push(`${damaged} JSON log object(s) could not be read`);
  return out;
}

/** One object per line (`--style ndjson`); a damaged line costs only itself. */
function readNdjson(text: string, warnings: string[]): JsonLogRecord[] {
  const out: JsonLogRecord[] = [];
  let damaged = 0;
  text.split('\n').forEach((raw, i) => {
    const t = raw.trim();
    if (!t) return;
    const rec = t.startsWith('{') && t.endsWith('}') ? parseObject(t, i) : undefined;
    if (rec) out.push(rec);
    else damaged++;
  });
  if (damaged > 0) warnings.push(`${damaged} line(s) of the JSON log could not be read`);
  return out;
}

function parseObject(s: string, lineIndex: number): JsonLogRecord | undefined {
  try {
    return recordOf(JSON.parse(s), lineIndex);
  } catch {
    return looseRecord(s, lineIndex);
  }
}

const LOOSE_KEYS = ['eventMessage', 'timestamp', 'processImagePath', 'processID', 'senderImagePath', 'messageType'];

/** Top-level-looking `"key" : value` pairs of a damaged object. */
function looseRecord(s: string, lineIndex: number): JsonLogRecord | undefined {
  const obj: Record<string, unknown> = {};
  for (const key of LOOSE_KEYS) {
    const m = new RegExp(`"${key}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|-?\\d+)`).exec(s);
    if (!m) continue;
    try {
      obj[key] = JSON.parse(m[1] as string);
    } catch {
      /* keep going: one bad value does not spoil the others */
    }
  }
  return recordOf(obj, lineIndex);
}
