import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startsWithNoneWord } from '../../../src/ingest/panic-text/parse-panic-string.js';

describe('startsWithNoneWord', () => {
  it('answers as /^none\\b/i', () => {
    const unit = fc.constantFrom('n', 'N', 'o', 'O', 'e', 'E', 'none', 'NONE', 'x', '_', '0', ' ', '-', '\n', '.', 'é', '\u212a', '\u0130');
    const texts = fc.oneof(fc.string({ unit, maxLength: 8 }), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 }));
    fc.assert(fc.property(texts, (s) => startsWithNoneWord(s) === /^none\b/i.test(s)), { numRuns: 20000 });
    for (const s of ['none', 'None.', 'NONE ', 'nonexistent', 'none_', 'non', '', 'nonE9', 'none-x']) expect(startsWithNoneWord(s)).toBe(/^none\b/i.test(s));
  });
});
