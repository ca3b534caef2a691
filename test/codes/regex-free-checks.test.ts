import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upperWordPrefix } from '../../src/codes/exception.js';
import { isWord } from '../../src/codes/panic.js';

// Character checks that replaced start-path regexes must answer exactly as those regexes.
const unit = fc.constantFrom('A', 'Z', 'a', 'z', '0', '9', '_', '-', ' ', '\n', '$', '@', '[', '`', '{', '/', ':', 'é', '\u017f', '\u212a');
const texts = fc.oneof(fc.string({ unit, maxLength: 10 }), fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 8 }));

describe('code-table checks without regexes', () => {
  it('isWord answers as /^\\w+$/', () => {
    fc.assert(fc.property(texts, (s) => isWord(s) === /^\w+$/.test(s)), { numRuns: 20000 });
    for (const s of ['', 'ANS2', 'a b', 'x\n', 'DCP_', 'é']) expect(isWord(s)).toBe(/^\w+$/.test(s));
  });

  it('upperWordPrefix answers as /^[A-Z_0-9]{4,}/', () => {
    fc.assert(fc.property(texts, (s) => upperWordPrefix(s) === /^[A-Z_0-9]{4,}/.exec(s)?.[0]), { numRuns: 20000 });
    for (const s of ['KERN_INVALID_ADDRESS at 0x0', 'KER', 'KERN', 'kern_x', '', 'A1_2 x']) expect(upperWordPrefix(s)).toBe(/^[A-Z_0-9]{4,}/.exec(s)?.[0]);
  });
});
