/**
 * A JSON reader that never rounds big integers and survives damage.
 *
 * `JSON.parse` rounds integers above 2^53 (kernel addresses, PAC-signed registers) and throws on
 * the first error. This reader keeps integers with 16 or more digits as `bigint`, stops after the
 * first complete value (an .ips body can be followed by plain text), and on damage returns the
 * part it could read with every open container closed, plus the offset and reason of the failure.
 */

import { readScalar, readString, scanners } from './json-scalars.js';
import { isJsonObject, type JsonError, type JsonObject, type JsonValue } from './json-value.js';

export { isJsonObject, type JsonError, type JsonObject, type JsonValue };

export interface JsonReadResult {
  /** The value read; on error, the part read so far with open containers closed (undefined if nothing). */
  value: JsonValue | undefined;
  /** Offset just after the value (or where reading stopped). */
  end: number;
  error?: JsonError;
}

export interface JsonReadOptions {
  /** Containers nested deeper than this are refused (hostile input). */
  maxDepth?: number;
}

interface Container {
  value: JsonValue[] | JsonObject;
  isArray: boolean;
  /** For objects: the key whose value is being read. */
  key?: string;
}

// States of the reader between tokens.
const EXPECT_VALUE = 0;
const EXPECT_KEY_OR_END = 1;
const EXPECT_KEY = 2;
const EXPECT_COLON = 3;
const EXPECT_COMMA_OR_END = 4;
const EXPECT_VALUE_OR_END = 5;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xa0 || c === 0xfeff;
}

function setKey(obj: JsonObject, key: string, value: JsonValue): void {
  // A "__proto__" key must stay data, never reach the prototype.
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * Integer tokens of 16+ digits are those JSON.parse would round. A token is a maximal run of digits
 * (with its '-') after `:`, `,`, `[` or the start, and before `,`, `}`, `]` or the end, JSON whitespace
 * between: the regex `((?:^|[:,[])[ \t\r\n]*)(-?\d{16,})(?=[ \t\r\n]*(?:[,}\]]|$))` by hand. The same
 * shape can occur inside a string; see nativeRead for why that is safe.
 */
const BIG_DIGITS = 16;
const MARK = 'paniclens-bigint:';
// No escape in the marker: a string holding an escape takes JSON.parse's slower copying path.
const MARKED = `"${MARK}`;

/**
 * Read the first JSON value starting at `start` (leading whitespace skipped).
 *
 * Fast path (the common case; profiled, the hand reader ran at about a fifth of JSON.parse): the
 * native JSON.parse, which gives exactly the value the hand reader would (own "__proto__" keys
 * included). Integer tokens of 16+ digits are first quoted with a marker and turned into bigint
 * after parsing. Anything the native parser refuses (damage, trailing text, lenient whitespace or
 * escapes) goes to the hand reader, which says what and where. The native parser is iterative, so
 * the depth limit only guards the hand reader.
 */
export function readJson(text: string, start = 0, options: JsonReadOptions = {}): JsonReadResult {
  const fast = nativeRead(start === 0 ? text : text.slice(start));
  if (fast !== undefined) return { value: fast, end: text.length };
  return readJsonLossless(text, start, options);
}

function nativeRead(text: string): JsonValue | undefined {
  const tokens = bigIntegerTokens(text);
  if (tokens === undefined) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return undefined;
    }
  }
  if (text.includes(MARK)) return undefined;
  // Quoting a token found inside a string always breaks the JSON: the inserted quote ends that
  // string (it follows ':' ',' '[' or a space, never a backslash) and the letter after it cannot
  // stand right after a string. So when JSON.parse succeeds, every marker is a real integer token
  // (a text already holding the marker went to the hand reader above).
  let quoted = '';
  let from = 0;
  for (let k = 0; k < tokens.length; k += 2) {
    const start = tokens[k] as number;
    const end = tokens[k + 1] as number;
    quoted += `${text.slice(from, start)}${MARKED}${text.slice(start, end)}"`;
    from = end;
  }
  if (from > 0) quoted += text.slice(from);
  else quoted = text;
  let value: JsonValue;
  try {
    value = JSON.parse(quoted) as JsonValue;
  } catch {
    return undefined;
  }
  if (tokens.length === 0) return value;
  // A string can spell the marker with \u escapes: then every value is looked at, and a marker more
  // than the tokens quoted sends the text to the hand reader.
  return unmark(value, tokens.length / 2, text.includes('\\u'));
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Start and end offsets (flat pairs) of the big integer tokens, [] when digit runs of 16+ exist but
 * none is a token, undefined when there is no such run at all (JSON.parse can then read the text as
 * it is). Only every 16th character is looked at until one is a digit (a run of 16 must cover it),
 * so texts without long runs are skipped through rather than read character by character.
 */
export function bigIntegerTokens(text: string): number[] | undefined {
  const n = text.length;
  let out: number[] | undefined;
  let i = BIG_DIGITS - 1;
  while (i < n) {
    if (!isDigitCode(text.charCodeAt(i))) {
      i += BIG_DIGITS;
      continue;
    }
    // Walk back over at most 15 digits: a shorter run means the next run of 16 ends past it.
    let s = i;
    const bound = i - (BIG_DIGITS - 1);
    while (s > bound && isDigitCode(text.charCodeAt(s - 1))) s--;
    if (s > bound) {
      i = s + BIG_DIGITS - 1;
      continue;
    }
    while (s > 0 && isDigitCode(text.charCodeAt(s - 1))) s--;
    let e = i + 1;
    while (e < n && isDigitCode(text.charCodeAt(e))) e++;
    out ??= [];
    const start = s > 0 && text.charCodeAt(s - 1) === 0x2d ? s - 1 : s;
    if (tokenBefore(text, start) && tokenAfter(text, e)) out.push(start, e);
    i = e + BIG_DIGITS;
  }
  return out;
}

/** Only JSON whitespace between the start of the text, or one of `:,[`, and `at`. */
function tokenBefore(text: string, at: number): boolean {
  let p = at - 1;
  while (p >= 0 && isJsonSpace(text.charCodeAt(p))) p--;
  if (p < 0) return true;
  const c = text.charCodeAt(p);
  return c === 0x3a || c === 0x2c || c === 0x5b;
}

/** Only JSON whitespace between `at` and one of `,}]` or the end of the text. */
function tokenAfter(text: string, at: number): boolean {
  let q = at;
  while (q < text.length && isJsonSpace(text.charCodeAt(q))) q++;
  if (q >= text.length) return true;
  const c = text.charCodeAt(q);
  return c === 0x2c || c === 0x7d || c === 0x5d;
}

const MARK_PREFIX = MARK;
const MARK_FIRST = MARK.charCodeAt(0);

/**
 * Markers back to bigint, iteratively (no recursion on deep values); stops once `count` are found,
 * unless `strict` (the text holds \u escapes, which can forge a marker): then every value is walked
 * and undefined is returned when more markers than `count` are found.
 * `for…in` walks the same keys as Object.keys here (parsed objects inherit no enumerable keys)
 * without building an array per object; a marker is told by its first character before the prefix.
 */
function unmark(root: JsonValue, count: number, strict: boolean): JsonValue | undefined {
  if (typeof root === 'string') return isMarker(root) ? BigInt(root.slice(MARK_PREFIX.length)) : root;
  const stack: (JsonValue[] | JsonObject)[] = [];
  if (typeof root === 'object' && root !== null) stack.push(root as JsonValue[] | JsonObject);
  let left = count;
  while (stack.length > 0 && (strict || left > 0)) {
    const c = stack.pop() as JsonValue[] | JsonObject;
    if (Array.isArray(c)) {
      for (let i = 0; i < c.length; i++) {
        const v = c[i];
        if (typeof v === 'string') {
          if (isMarker(v)) {
            c[i] = BigInt(v.slice(MARK_PREFIX.length));
            left--;
          }
        } else if (typeof v === 'object' && v !== null) stack.push(v as JsonValue[] | JsonObject);
      }
    } else {
      for (const k in c) {
        const v = c[k];
        if (typeof v === 'string') {
          if (isMarker(v)) {
            setKey(c, k, BigInt(v.slice(MARK_PREFIX.length)));
            left--;
          }
        } else if (typeof v === 'object' && v !== null) stack.push(v as JsonValue[] | JsonObject);
      }
    }
  }
  return left < 0 ? undefined : root;
}

/** The marker then an optional '-' and digits only (a forged marker with other text stays a string). */
function isMarker(v: string): boolean {
  if (v.charCodeAt(0) !== MARK_FIRST || !v.startsWith(MARK_PREFIX)) return false;
  let i = MARK_PREFIX.length;
  if (v.charCodeAt(i) === 0x2d) i++;
  if (i >= v.length) return false;
  for (; i < v.length; i++) if (!isDigitCode(v.charCodeAt(i))) return false;
  return true;
}

/** The hand reader: bigints for integers of 16+ digits, partial values and offsets on damage. */
export function readJsonLossless(text: string, start = 0, options: JsonReadOptions = {}): JsonReadResult {
  const maxDepth = options.maxDepth ?? 256;
  const scan = scanners(text);
  const stack: Container[] = [];
  let root: JsonValue | undefined;
  let state = EXPECT_VALUE;
  let i = start;
  const len = text.length;

  const fail = (offset: number, reason: string, eof = offset >= len): JsonReadResult => ({
    value: root,
    end: offset,
    error: { offset, reason, eof },
  });

  /** Attach a finished (or freshly opened) value to its parent; returns true when it was the root. */
  const attach = (value: JsonValue): boolean => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = value;
      return true;
    }
    if (top.isArray) (top.value as JsonValue[]).push(value);
    else setKey(top.value as JsonObject, top.key ?? '', value);
    return false;
  };

  for (;;) {
    while (i < len && isSpace(text.charCodeAt(i))) i++;
    if (i >= len) return fail(len, root === undefined ? 'no JSON value' : 'unexpected end of text', true);
    const c = text[i];
    switch (state) {
      case EXPECT_VALUE:
      case EXPECT_VALUE_OR_END: {
        if (state === EXPECT_VALUE_OR_END && c === ']') {
          stack.pop();
          i++;
          if (stack.length === 0) return { value: root, end: i };
          state = EXPECT_COMMA_OR_END;
          break;
        }
        if (c === '{' || c === '[') {
          if (stack.length >= maxDepth) return fail(i, `nesting deeper than ${maxDepth}`, false);
          const value: JsonValue[] | JsonObject = c === '[' ? [] : {};
          attach(value);
          stack.push({ value, isArray: c === '[' });
          state = c === '[' ? EXPECT_VALUE_OR_END : EXPECT_KEY_OR_END;
          i++;
          break;
        }
        const r = readScalar(text, i, stack.length === 0, scan);
        if ('error' in r) return fail(r.error.offset, r.error.reason, r.error.eof);
        i = r.end;
        if (attach(r.value)) return { value: root, end: i };
        state = EXPECT_COMMA_OR_END;
        break;
      }
      case EXPECT_KEY_OR_END:
      case EXPECT_KEY: {
        if (state === EXPECT_KEY_OR_END && c === '}') {
          stack.pop();
          i++;
          if (stack.length === 0) return { value: root, end: i };
          state = EXPECT_COMMA_OR_END;
          break;
        }
        if (c !== '"') return fail(i, `expected a key, found ${JSON.stringify(c)}`);
        const r = readString(text, i, scan);
        if ('error' in r) return fail(r.error.offset, r.error.reason, r.error.eof);
        (stack[stack.length - 1] as Container).key = r.value;
        i = r.end;
        state = EXPECT_COLON;
        break;
      }
      case EXPECT_COLON:
        if (c !== ':') return fail(i, `expected ':', found ${JSON.stringify(c)}`);
        i++;
        state = EXPECT_VALUE;
        break;
      case EXPECT_COMMA_OR_END: {
        const top = stack[stack.length - 1] as Container;
        if (c === ',') {
          i++;
          state = top.isArray ? EXPECT_VALUE : EXPECT_KEY;
        } else if (c === (top.isArray ? ']' : '}')) {
          stack.pop();
          i++;
          if (stack.length === 0) return { value: root, end: i };
        } else {
          return fail(i, `expected ',' or '${top.isArray ? ']' : '}'}', found ${JSON.stringify(c)}`);
        }
        break;
      }
    }
  }
}
