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
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return BigInt(s);
  if (assumeHex && /^[0-9a-fA-F]+$/.test(s)) return BigInt(`0x${s}`);
  if (/^-?\d+$/.test(s)) return BigInt(s);
  return undefined;
}

/** Parse a hex address string ("0xfffffe0012ea35e0", with or without 0x). */
export function parseHex(value: string | undefined): bigint | undefined {
  return value === undefined ? undefined : toBigInt(value.startsWith('0x') || value.startsWith('0X') ? value : `0x${value}`);
}

/** A safe JS number from any numeric spelling, when it fits. */
export function toNumber(value: unknown): number | undefined {
  const b = toBigInt(value);
  if (b === undefined) return undefined;
  if (b > BigInt(Number.MAX_SAFE_INTEGER) || b < BigInt(Number.MIN_SAFE_INTEGER)) return undefined;
  return Number(b);
}

/** "0x" + lower-case hex, the one spelling of addresses in output. */
export function hex(value: bigint, pad = 0): string {
  const digits = (value < 0n ? BigInt.asUintN(64, value) : value).toString(16);
  return `0x${digits.padStart(pad, '0')}`;
}
