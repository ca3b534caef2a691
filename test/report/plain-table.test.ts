// The text report draws its frame table without cli-table3 when it can (src/report/text.ts,
// plainTable): the result must be exactly what cli-table3 draws with the same options.
import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainTable } from '../../src/report/text.js';

const ASCII_CHARS = {
  top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+', bottom: '-', 'bottom-mid': '+', 'bottom-left': '+',
  'bottom-right': '+', left: '|', 'left-mid': '+', mid: '-', 'mid-mid': '+', right: '|', 'right-mid': '+', middle: '|',
};

function cliTable3(head: string[], rows: string[][], widths: number[]): string {
  const t = new Table({ head, colWidths: widths, wordWrap: false, style: { head: [], border: [], compact: true }, chars: ASCII_CHARS });
  for (const r of rows) t.push(r);
  return t.toString();
}

const HEAD = ['#', 'image', 'location'];
/** Printable ASCII lines (spaces included, empty lines too), joined into cells of up to 3 lines. */
const line = fc.stringMatching(/^[\x20-\x7e]{0,14}$/);
const cell = fc.array(line, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n'));

describe('plainTable', () => {
  it('draws what cli-table3 draws, for cells of printable ASCII that fit their columns', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { maxLength: 6 }), fc.tuple(fc.integer({ min: 3, max: 18 }), fc.integer({ min: 7, max: 18 }), fc.integer({ min: 10, max: 18 })), (rows, widths) => {
        const cells = rows.map((r) => [...r]);
        const fits = cells.every((r) => r.every((c, i) => c.split('\n').every((l) => l.length <= (widths[i] as number) - 2)));
        const mine = plainTable(HEAD, cells, widths);
        if (fits) expect(mine).toBe(cliTable3(HEAD, cells, widths));
        else expect(mine).toBeUndefined();
      }),
      { numRuns: 400 },
    );
    // Columns wide enough for every generated line: always drawn, always the same.
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { maxLength: 6 }), fc.tuple(fc.integer({ min: 16, max: 20 }), fc.integer({ min: 16, max: 20 }), fc.integer({ min: 16, max: 20 })), (rows, widths) => {
        const cells = rows.map((r) => [...r]);
        expect(plainTable(HEAD, cells, widths)).toBe(cliTable3(HEAD, cells, widths));
      }),
      { numRuns: 300 },
    );
  });

  it('declines cells cli-table3 measures or cuts differently (non-ASCII, control characters, too long)', () => {
    const w = [4, 8, 12];
    expect(plainTable(HEAD, [['0', 'Lumen', 'main + 4']], w)).toBe(cliTable3(HEAD, [['0', 'Lumen', 'main + 4']], w));
    expect(plainTable(HEAD, [['0', 'Lümen', 'x']], w)).toBeUndefined();
    expect(plainTable(HEAD, [['0', '表', 'x']], w)).toBeUndefined();
    expect(plainTable(HEAD, [['0', 'a\tb', 'x']], w)).toBeUndefined();
    expect(plainTable(HEAD, [['0', '\u001b[31mx\u001b[39m', 'x']], w)).toBeUndefined();
    expect(plainTable(HEAD, [['123', 'x', 'x']], w)).toBeUndefined();
    expect(plainTable(HEAD, [], w)).toBe(cliTable3(HEAD, [], w));
  });
});
