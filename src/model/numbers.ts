/**
 * Number helpers shared by every parser. Reports write the same value as a JSON number,
 * a decimal string or a "0x…" string, so every numeric field goes through these.
 */

/** Parse "0x1f", "1f" (when hex is implied), "31" or a bigint/number into a bigint; undefined when not a number. */
export function toBigInt(value: unknown, assumeHex = false): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    return Number.isFinite(value) && Number.isInteger(value) ? BigInt(value) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  // The three spellings checked by hand (a regex each per value was hot on register and frame lists).
  const n = s.length;
  if (n > 2 && s.charCodeAt(0) === 48 && (s.charCodeAt(1) | 0x20) === 120 && allHex(s, 2)) return BigInt(s);
  if (assumeHex && n > 0 && allHex(s, 0)) return BigInt(`0x${s}`);
  const from = s.charCodeAt(0) === 45 ? 1 : 0;
  if (n > from && allDigits(s, from)) return BigInt(s);
  return undefined;
}

function allHex(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102))) return false;
  }
  return true;
}

function allDigits(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Parse a hex address string ("0xfffffe0012ea35e0", with or without 0x). */
export function parseHex(value: string | undefined): bigint | undefined {
  return value === undefined ? undefined : toBigInt(value.startsWith('0x') || value.startsWith('0X') ? value : `0x${value}`);
}

/** A safe JS number from any numeric spelling, when it fits. */
export function toNumber(value: unknown): number | undefined {
  // A safe integer number is its own answer (-0 reads as 0, as through a bigint).
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value === 0 ? 0 : value;
  const b = toBigInt(value);
  if (b === undefined) return undefined;
  if (b > MAX_SAFE || b < MIN_SAFE) return undefined;
  return Number(b);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** "0x" + lower-case hex, the one spelling of addresses in output. */
export function hex(value: bigint, pad = 0): string {
  const digits = (value < 0n ? BigInt.asUintN(64, value) : value).toString(16);
  return `0x${digits.padStart(pad, '0')}`;
}
