/**
 * Narrowing readers over lossless JSON. Producers spell the same field as a number, a decimal
 * string or a "0x" string, booleans as 0/1 or true/false, so every read goes through these.
 */
import { toBigInt, toNumber } from '../../model/numbers.js';
import { isJsonObject, type JsonObject, type JsonValue } from './lossless-json.js';

export function objAt(o: JsonObject | undefined, key: string): JsonObject | undefined {
  const v = o?.[key];
  return isJsonObject(v) ? v : undefined;
}

export function arrAt(o: JsonObject | undefined, key: string): JsonValue[] | undefined {
  const v = o?.[key];
  return Array.isArray(v) ? v : undefined;
}

/** A string field; numbers are given in decimal so "build": 1 still reads. */
export function strOf(v: JsonValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

export function strAt(o: JsonObject | undefined, key: string): string | undefined {
  return strOf(o?.[key]);
}

/** A non-empty trimmed string field. */
export function textAt(o: JsonObject | undefined, key: string): string | undefined {
  return textOf(o?.[key]);
}

/**
 * textAt on a value already read. Hot loops read fields by name (`entry.symbol`) and pass the value
 * here: a keyed load with a key parameter, shared by every caller and shape, is megamorphic.
 */
export function textOf(v: JsonValue | undefined): string | undefined {
  // Most strings need no trimming: trim() only when an end is whitespace (trim() would return the same text otherwise).
  if (typeof v === 'string') {
    const n = v.length;
    if (n === 0) return undefined;
    if (isTrimSpace(v.charCodeAt(0)) || isTrimSpace(v.charCodeAt(n - 1))) {
      const t = v.trim();
      return t ? t : undefined;
    }
    return v;
  }
  const s = strOf(v)?.trim();
  return s ? s : undefined;
}

/** Code units String.prototype.trim removes: WhiteSpace and LineTerminator (ECMA-262 §12.2, §12.3). */
export function isTrimSpace(c: number): boolean {
  if (c > 0x20 && c < 0xa0) return false;
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

export function numAt(o: JsonObject | undefined, key: string): number | undefined {
  return numOf(o?.[key]);
}

/** numAt on a value already read (see textOf). */
export function numOf(v: JsonValue | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  return toNumber(v);
}

export function bigAt(o: JsonObject | undefined, key: string): bigint | undefined {
  return bigOf(o?.[key]);
}

export function bigOf(v: JsonValue | undefined): bigint | undefined {
  // Numbers first (registers, offsets, bases): toBigInt's answer without the call; zero is the literal, not a new bigint.
  if (typeof v === 'number') return v === 0 ? 0n : Number.isInteger(v) ? BigInt(v) : undefined;
  return v === undefined || v === null || typeof v === 'object' || typeof v === 'boolean' ? undefined : toBigInt(v);
}

export function boolOf(v: JsonValue | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return v === 1 || v === 1n ? true : v === 0 || v === 0n ? false : undefined;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === '1' || s === 'yes') return true;
    if (s === 'false' || s === '0' || s === 'no') return false;
  }
  return undefined;
}

export function boolAt(o: JsonObject | undefined, key: string): boolean | undefined {
  return boolOf(o?.[key]);
}

/** Strings of an array field (non-strings skipped). */
export function stringsAt(o: JsonObject | undefined, key: string): string[] | undefined {
  const a = arrAt(o, key);
  if (!a) return undefined;
  return a.map(strOf).filter((s): s is string => s !== undefined);
}

/** The last path component of a slash-separated path. */
export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}

/** Keep at most `max` items, noting in `warnings` what was dropped. */
export function capList<T>(items: T[], max: number, what: string, warnings: string[]): T[] {
  if (items.length <= max) return items;
  warnings.push(`${what}: kept the first ${max} of ${items.length}`);
  return items.slice(0, max);
}
