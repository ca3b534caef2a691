/**
 * A JSON reader that never rounds big integers and survives damage.
 *
 * `JSON.parse` rounds integers above 2^53 (kernel addresses, PAC-signed registers) and throws on
 * the first error. This reader keeps integers with 16 or more digits as `bigint`, stops after the
 * first complete value (an .ips body can be followed by plain text), and on damage returns the
 * part it could read with every open container closed, plus the offset and reason of the failure.
 */

export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface JsonError {
  /** Character offset (UTF-16 index into the text) where reading stopped. */
  offset: number;
  reason: string;
  /** True when the text ended inside the value (truncation rather than corruption). */
  eof: boolean;
}

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

/** Integers with this many digits or more become bigint. */
const BIG_DIGITS = 16;

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

type StringRead = { value: string; end: number } | { error: JsonError };

/**
 * Finds the next occurrence of one character at or after a position, remembering the last answer
 * so that a text is scanned about once overall rather than once per string (no quadratic time on
 * strings full of escapes).
 */
class NextIndex {
  private at = -2;
  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}
  next(from: number): number {
    if (this.at !== -1 && this.at < from) this.at = this.text.indexOf(this.char, from);
    return this.at;
  }
}

interface Scanners {
  quotes: NextIndex;
  backslashes: NextIndex;
}

function scanners(text: string): Scanners {
  return { quotes: new NextIndex(text, '"'), backslashes: new NextIndex(text, '\\') };
}

function readString(text: string, start: number, scan: Scanners = scanners(text)): StringRead {
  let out = '';
  let i = start + 1;
  const len = text.length;
  for (;;) {
    const quote = scan.quotes.next(i);
    const slash = scan.backslashes.next(i);
    if (quote < 0 && slash < 0) break;
    if (quote >= 0 && (slash < 0 || quote < slash)) return { value: out + text.slice(i, quote), end: quote + 1 };
    out += text.slice(i, slash);
    if (slash + 1 >= len) break;
    const e = text[slash + 1];
    let next = slash + 2;
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        const hex = text.slice(slash + 2, slash + 6);
        if (hex.length < 4) return { error: { offset: slash, reason: 'unterminated \\u escape', eof: true } };
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return { error: { offset: slash, reason: 'bad \\u escape', eof: false } };
        out += String.fromCharCode(parseInt(hex, 16));
        next += 4;
        break;
      }
      default:
        // \" \\ \/ and, leniently, any other escaped character as itself.
        out += e;
    }
    i = next;
  }
  return { error: { offset: len, reason: 'unterminated string', eof: true } };
}

type ScalarRead = { value: JsonValue; end: number } | { error: JsonError };

const LITERALS: ReadonlyArray<readonly [string, JsonValue]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function readScalar(text: string, i: number, atRoot: boolean, scan: Scanners): ScalarRead {
  const c = text.charCodeAt(i);
  if (c === 0x22) return readString(text, i, scan);
  if (c === 0x74 || c === 0x66 || c === 0x6e) {
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, i)) return { value, end: i + word.length };
      if (i + word.length > text.length && word.startsWith(text.slice(i))) {
        return { error: { offset: text.length, reason: `truncated ${word}`, eof: true } };
      }
    }
  }
  return readNumber(text, i, atRoot);
}

/** A JSON number by hand (hot path): integers of 16+ digits become bigint. */
function readNumber(text: string, i: number, atRoot: boolean): ScalarRead {
  const len = text.length;
  let j = i;
  const negative = text.charCodeAt(j) === 0x2d;
  if (negative) j++;
  const intStart = j;
  let small = 0;
  for (let d = text.charCodeAt(j); j < len && isDigit(d); d = text.charCodeAt(++j)) small = small * 10 + (d - 0x30);
  const intDigits = j - intStart;
  if (intDigits === 0) {
    if (j >= len) return { error: { offset: len, reason: 'truncated number', eof: true } };
    return { error: { offset: i, reason: `unexpected character ${JSON.stringify(text[i])}`, eof: false } };
  }
  let integer = true;
  if (text.charCodeAt(j) === 0x2e && isDigit(text.charCodeAt(j + 1))) {
    integer = false;
    j += 2;
    while (j < len && isDigit(text.charCodeAt(j))) j++;
  }
  const e = text.charCodeAt(j);
  if (e === 0x65 || e === 0x45) {
    let k = j + 1;
    const sign = text.charCodeAt(k);
    if (sign === 0x2b || sign === 0x2d) k++;
    if (isDigit(text.charCodeAt(k))) {
      integer = false;
      j = k;
      while (j < len && isDigit(text.charCodeAt(j))) j++;
    }
  }
  // A number running into the end of a cut document may itself be cut.
  if (j >= len && !atRoot) return { error: { offset: len, reason: 'truncated number', eof: true } };
  // Short integers were summed exactly while scanning; only the rest needs the slice.
  if (integer && intDigits < BIG_DIGITS) return { value: negative ? -small : small, end: j };
  const raw = text.slice(i, j);
  return { value: integer ? BigInt(raw) : Number(raw), end: j };
}

/** Read the first JSON value starting at `start` (leading whitespace skipped). */
export function readJson(text: string, start = 0, options: JsonReadOptions = {}): JsonReadResult {
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

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
