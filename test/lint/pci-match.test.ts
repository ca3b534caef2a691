import { describe, expect, it } from 'vitest';
import { parsePciMatch, pciTokenCovers } from '../../src/lint/pci-match.js';

const token = (text: string) => {
  const r = parsePciMatch(text);
  if (!r.ok) throw new Error(r.bad);
  return r.tokens[0]!;
};

describe('parsePciMatch', () => {
  it('reads space-separated tokens with optional masks', () => {
    const r = parsePciMatch('0x8733104c  0x00001000&0x0000FFFF');
    expect(r).toEqual({ ok: true, tokens: [
      { value: 0x8733104c, mask: 0xffffffff, text: '0x8733104c' },
      { value: 0x1000, mask: 0xffff, text: '0x00001000&0x0000FFFF' },
    ] });
  });

  it('rejects vendor:device notation, decimal and empty values, naming the bad token', () => {
    expect(parsePciMatch('0x8733104c 104c:8733')).toEqual({ ok: false, bad: '104c:8733' });
    expect(parsePciMatch('4172').ok).toBe(false);
    expect(parsePciMatch('  ').ok).toBe(false);
    expect(parsePciMatch('0x123456789').ok).toBe(false);
  });
});

describe('pciTokenCovers', () => {
  it('a vendor-wide entitlement covers any device of that vendor', () => {
    expect(pciTokenCovers(token('0x0000104c&0x0000ffff'), token('0x8733104c'))).toBe(true);
    expect(pciTokenCovers(token('0x0000104c&0x0000ffff'), token('0x873310b5'))).toBe(false);
  });

  it('an exact entitlement does not cover a masked personality that matches more devices', () => {
    expect(pciTokenCovers(token('0x8733104c'), token('0x0000104c&0x0000ffff'))).toBe(false);
  });

  it('an all-zero mask (development variant) covers everything', () => {
    expect(pciTokenCovers(token('0x00000000&0x00000000'), token('0x12345678'))).toBe(true);
  });
});
