import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeUuid } from '../../src/model/uuid.js';

/** The general rule the fast path must agree with: keep the hex digits, 32 of them make a UUID. */
function reference(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const hex = raw.replace(/[^0-9a-fA-F]/g, '');
  if (hex.length !== 32) return undefined;
  const u = hex.toUpperCase();
  return `${u.slice(0, 8)}-${u.slice(8, 12)}-${u.slice(12, 16)}-${u.slice(16, 20)}-${u.slice(20)}`;
}

describe('normalizeUuid', () => {
  it('writes every spelling as upper-case dashed', () => {
    expect(normalizeUuid('3a1c5e2b-7f40-4d8e-9b61-0c2e7d5a8f13')).toBe('3A1C5E2B-7F40-4D8E-9B61-0C2E7D5A8F13');
    expect(normalizeUuid('3A1C5E2B7F404D8E9B610C2E7D5A8F13')).toBe('3A1C5E2B-7F40-4D8E-9B61-0C2E7D5A8F13');
    expect(normalizeUuid('<3a1c5e2b7f404d8e9b610c2e7d5a8f13>')).toBe('3A1C5E2B-7F40-4D8E-9B61-0C2E7D5A8F13');
    expect(normalizeUuid('3A1C5E2B-7F40-4D8E-9B61-0C2E7D5A8F1')).toBeUndefined();
    expect(normalizeUuid('')).toBeUndefined();
  });

  it('agrees with the general rule on dashed, undashed and damaged spellings', () => {
    const hexChar = fc.constantFrom(...'0123456789abcdefABCDEF-xg {}<>'.split(''));
    const dashed = fc.uuid().chain((u) => fc.constantFrom(u, u.toUpperCase(), u.replace(/-/g, ''), `${u}x`, u.replace('-', 'g')));
    fc.assert(
      fc.property(fc.oneof(dashed, fc.string({ unit: hexChar, minLength: 30, maxLength: 40 })), (raw) => {
        expect(normalizeUuid(raw)).toBe(reference(raw));
      }),
      { numRuns: 3000 },
    );
  });
});
