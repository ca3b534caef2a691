// The CLI bundle gives cli-table3 src/cli/string-width.ts (scripts/bundle-cli.mjs): it must measure
// every text exactly as string-width does, so tables come out the same.
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import width, { NARROW } from '../../src/cli/string-width.js';

describe('table string width', () => {
  it('answers as string-width for any text: printable ASCII, colours, emoji, wide and combining characters', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.constantFrom('—', '·', '…', '→', '§', '×', '↔', '“', '”', '\ufe0f', '\u200d', '\u001b[31m', '\u001b[0m', '\u001b[1;32m', '\u001b[38;5;208m', '\u009b1m', '😀', '👍🏽', '#️⃣', '1\u20e3', '漢字', 'ｗ', 'e\u0301', '\u0007', '\t', '\u00ad'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (parts) => {
        const s = parts.join('');
        expect(width(s), JSON.stringify(s)).toBe(stringWidth(s));
      }),
      { numRuns: 5000, seed: 3 },
    );
    // Every character the fast path takes, alone and beside each other (no pair of them makes an emoji).
    const narrow = NARROW.source.match(/\\u[0-9a-f]{4}/g)?.map((u) => String.fromCharCode(Number.parseInt(u.slice(2), 16))) ?? [];
    expect(narrow.length).toBeGreaterThan(10);
    for (const a of [...narrow, 'x']) for (const b of narrow) expect(width(`${a}${b}`), `${a}${b}`).toBe(stringWidth(`${a}${b}`));
    for (let c = 0; c < 0x80; c++) expect(width(`ab${String.fromCharCode(c)}cd`)).toBe(stringWidth(`ab${String.fromCharCode(c)}cd`));
  });
});
