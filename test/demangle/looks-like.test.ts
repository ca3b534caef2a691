import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeCxx } from '../../src/demangle/cxx.js';
import { looksLikeSwift } from '../../src/demangle/swift/index.js';

// The prefix checks were regexes; they are character checks now (no regex compile at start).
// Each must answer exactly as the regex it replaced, on names built from the characters that matter.
const unit = fc.constantFrom('_', '_', 'Z', 'z', '$', 's', 'S', 'e', 'E', 'T', '@', 'swiftmacro', '@__swiftmacro_', 'N', '3', '-', ' ', 'é', '\u017f', '\n');
const names = fc.oneof(fc.string({ unit, maxLength: 9 }), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 }));

describe('demangler prefix checks', () => {
  it('looksLikeCxx answers as /^_{1,4}Z[A-Za-z0-9_]/', () => {
    fc.assert(fc.property(names, (n) => looksLikeCxx(n) === /^_{1,4}Z[A-Za-z0-9_]/.test(n)), { numRuns: 20000 });
    for (const n of ['_Z3foo', '__ZN1a', '____Z1', '_____Z1', 'Z1', '_Z', '_Z-', '__Z_', '']) expect(looksLikeCxx(n)).toBe(/^_{1,4}Z[A-Za-z0-9_]/.test(n));
  });

  it('looksLikeSwift answers as /^(_?\\$[sSe]|_T|@__swiftmacro_)/', () => {
    const re = /^(_?\$[sSe]|_T|@__swiftmacro_)/;
    fc.assert(fc.property(names, (n) => looksLikeSwift(n) === re.test(n)), { numRuns: 20000 });
    for (const n of ['$s4main', '_$S1a', '_$e', '$E', '_T0', '_T', 'T0', '__T', '@__swiftmacro_x', '@__swiftmacro', '_@__swiftmacro_', '_', '']) expect(looksLikeSwift(n)).toBe(re.test(n));
  });
});
