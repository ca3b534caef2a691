import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBigInt, toNumber } from '../../src/model/numbers.js';

/** The spellings toBigInt accepts, as regexes: the hand-written checks must agree with them. */
function byRegex(value: string, assumeHex: boolean): bigint | undefined {
  const s = value.trim();
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return BigInt(s);
  if (assumeHex && /^[0-9a-fA-F]+$/.test(s)) return BigInt(`0x${s}`);
  if (/^-?\d+$/.test(s)) return BigInt(s);
  return undefined;
}

describe('toBigInt', () => {
  it('reads hex, implied hex and decimal spellings, refuses the rest', () => {
    expect(toBigInt('0xFFFFFE0012EA35E0')).toBe(0xfffffe0012ea35e0n);
    expect(toBigInt(' 0X1f ')).toBe(31n);
    expect(toBigInt('1f', true)).toBe(31n);
    expect(toBigInt('1f')).toBeUndefined();
    expect(toBigInt('-42')).toBe(-42n);
    expect(toBigInt('-')).toBeUndefined();
    expect(toBigInt('0x')).toBeUndefined();
    expect(toBigInt('0xg1')).toBeUndefined();
    expect(toBigInt('')).toBeUndefined();
    expect(toBigInt('١٢')).toBeUndefined();
    expect(toBigInt(12)).toBe(12n);
    expect(toBigInt(1.5)).toBeUndefined();
  });

  it('agrees with the regex spelling rules on any string', () => {
    const chars = fc.constantFrom(...'0123456789abcdefABCDEFgxX- \t\u00a0'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }).map((a) => a.join('')), fc.boolean(), (s, hex) => {
        expect(toBigInt(s, hex)).toBe(byRegex(s, hex));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('toNumber', () => {
  it('keeps safe integers, refuses the rest, reads -0 as 0', () => {
    expect(toNumber(42)).toBe(42);
    expect(toNumber(-0)).toBe(0);
    expect(Object.is(toNumber(-0), 0)).toBe(true);
    expect(toNumber(2 ** 60)).toBeUndefined();
    expect(toNumber(1.5)).toBeUndefined();
    expect(toNumber('0x1f')).toBe(31);
    expect(toNumber('9007199254740993')).toBeUndefined();
    expect(toNumber(-9007199254740991n)).toBe(-9007199254740991);
  });
});
