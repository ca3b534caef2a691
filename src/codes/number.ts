/**
 * The spellings a code number takes in logs (CODES.md §11.2): 0x hex, bare 8-digit hex, signed
 * 32-bit decimal (`%d` of an IOReturn), unsigned decimal. All become one bigint.
 */

export type NumberForm = 'hex' | 'bare-hex' | 'signed' | 'unsigned';

export interface ParsedNumber {
  /** The value; a negative 32-bit decimal becomes its unsigned 32-bit value (d + 2^32). */
  value: bigint;
  form: NumberForm;
}

const HEX = /^0x([0-9a-f]{1,16})$/i;
const BARE_HEX = /^[0-9a-f]{8}$/i;
const DECIMAL = /^(-?)(\d{1,20})$/;
/** Punctuation a code can be followed by in prose ("code 0x5.", "(0xe00002c7)"): cut from its end. */
const TRAILING_PUNCTUATION = '.,;:)';

export function parseCodeNumber(raw: string): ParsedNumber | undefined {
  const t = raw.trim();
  let end = t.length;
  while (end > 0 && TRAILING_PUNCTUATION.includes(t.charAt(end - 1))) end--;
  const s = end === t.length ? t : t.slice(0, end);
  const h = HEX.exec(s);
  if (h) return { value: BigInt(`0x${h[1]}`), form: 'hex' };
  const d = DECIMAL.exec(s);
  if (d) {
    const v = BigInt(d[2] as string);
    if (!d[1]) return v < 1n << 64n ? { value: v, form: 'unsigned' } : undefined;
    return v <= 1n << 31n ? { value: BigInt.asUintN(32, -v), form: 'signed' } : { value: BigInt.asUintN(64, -v), form: 'signed' };
  }
  // Eight hex digits without 0x ("E00002C7") only when a letter shows it is not decimal.
  if (BARE_HEX.test(s) && /[a-f]/i.test(s)) return { value: BigInt(`0x${s}`), form: 'bare-hex' };
  return undefined;
}

/** The forms of a 32-bit value, for tests and for showing a code the way another log would print it. */
export function numberForms(value: bigint): { hex: string; signed: string; unsigned: string } {
  const u = BigInt.asUintN(32, value);
  return { hex: `0x${u.toString(16).padStart(8, '0')}`, signed: BigInt.asIntN(32, u).toString(), unsigned: u.toString() };
}

export const hex32 = (v: bigint): string => `0x${BigInt.asUintN(32, v).toString(16).padStart(8, '0')}`;
export const hexShort = (v: bigint): string => `0x${v.toString(16)}`;
