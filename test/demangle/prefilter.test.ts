/** demangle()'s first-character prefilter skips exactly the names neither looksLike test accepts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeCxx } from '../../src/demangle/cxx.js';
import { looksLikeSwift } from '../../src/demangle/swift/index.js';

/** The prefilter of demangle(): a first character a Swift or C++ name can start with. */
const mayBeMangled = (name: string): boolean => {
  const c = name.charCodeAt(0);
  return c === 0x5f || c === 0x24 || c === 0x40;
};

describe('demangle prefilter', () => {
  it('every name either looksLike test accepts starts with _, $ or @', () => {
    const head = fc.constantFrom('_', '__', '____', '$s', '_$s', '$S', '$e', '_T', '_T0', '@__swiftmacro_', '_Z', '__Z', 'Z', 'a', '-[', '+[', '$', '@', 'main', '');
    const name = fc.tuple(head, fc.string({ maxLength: 8 })).map(([h, t]) => h + t);
    fc.assert(
      fc.property(fc.oneof(name, fc.string({ maxLength: 10 })), (s) => {
        if (looksLikeSwift(s) || looksLikeCxx(s)) expect(mayBeMangled(s)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
  it('for every first character', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const rest of ['$sSi', 'Z1fv', 'T0', '_swiftmacro_x', 'sSi', '_Z1fv']) {
        if (looksLikeSwift(ch + rest) || looksLikeCxx(ch + rest)) expect(mayBeMangled(ch + rest)).toBe(true);
      }
    }
  });
});
