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
 * Read the first JSON value starting at `start` (leading whitespace skipped).
 *
 * Fast path: when no run of 16 digits occurs, no integer can need a bigint, so the native JSON.parse
 * gives exactly the value the hand reader would (own "__proto__" keys included) at several times the
 * speed; anything it refuses (damage, trailing text, lenient whitespace or escapes) goes to the hand
 * reader. The native parser is iterative, so the depth limit only guards the hand reader.
 */
export function readJson(text: string, start = 0, options: JsonReadOptions = {}): JsonReadResult {
  if (!MAYBE_BIG_INTEGER.test(text)) {
    try {
      return { value: JSON.parse(start === 0 ? text : text.slice(start)) as JsonValue, end: text.length };
    } catch {
      // Not one complete standard JSON value: the hand reader says what and where.
    }
  }
  return readJsonLossless(text, start, options);
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
