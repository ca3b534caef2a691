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

/** A run of this many digits may be an integer that JSON.parse would round (it may also sit in a string). */
const MAYBE_BIG_INTEGER = /\d{16}/;
/**
 * An integer token of 16+ digits: after `:`, `,`, `[` or the start (JSON whitespace between), before
 * `,`, `}`, `]` or the end. The same shape can occur inside a string; see nativeRead for why that is safe.
 */
const BIG_INTEGER_TOKEN = /((?:^|[:,[])[ \t\r\n]*)(-?\d{16,})(?=[ \t\r\n]*(?:[,}\]]|$))/g;
const MARK = 'paniclens-bigint:';
const MARKED = `"\\u0000${MARK}`;

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
  if (!MAYBE_BIG_INTEGER.test(text)) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return undefined;
    }
  }
  if (text.includes(MARK)) return undefined;
  let marked = 0;
  // Quoting a token found inside a string always breaks the JSON: the inserted quote ends that
  // string (it follows ':' ',' '[' or a space, never a backslash) and the backslash after it cannot
  // stand outside a string. So when JSON.parse succeeds, every marker is a real integer token.
  const quoted = text.replace(BIG_INTEGER_TOKEN, (_m, before: string, digits: string) => {
    marked++;
    return `${before}${MARKED}${digits}"`;
  });
  let value: JsonValue;
  try {
    value = JSON.parse(quoted) as JsonValue;
  } catch {
    return undefined;
  }
  return marked > 0 ? unmark(value) : value;
}

const MARK_PREFIX = `\u0000${MARK}`;

/** Markers back to bigint, iteratively (no recursion on deep values). */
function unmark(root: JsonValue): JsonValue {
  if (typeof root === 'string') return root.startsWith(MARK_PREFIX) ? BigInt(root.slice(MARK_PREFIX.length)) : root;
  const stack: (JsonValue[] | JsonObject)[] = [];
  if (typeof root === 'object' && root !== null) stack.push(root as JsonValue[] | JsonObject);
  while (stack.length > 0) {
    const c = stack.pop() as JsonValue[] | JsonObject;
    if (Array.isArray(c)) {
      for (let i = 0; i < c.length; i++) {
        const v = c[i];
        if (typeof v === 'string') {
          if (v.startsWith(MARK_PREFIX)) c[i] = BigInt(v.slice(MARK_PREFIX.length));
        } else if (typeof v === 'object' && v !== null) stack.push(v as JsonValue[] | JsonObject);
      }
    } else {
      for (const k of Object.keys(c)) {
        const v = c[k];
        if (typeof v === 'string') {
          if (v.startsWith(MARK_PREFIX)) setKey(c, k, BigInt(v.slice(MARK_PREFIX.length)));
        } else if (typeof v === 'object' && v !== null) stack.push(v as JsonValue[] | JsonObject);
      }
    }
  }
  return root;
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
