// IndexOfScan (a few case-sensitive literals searched by indexOf, src/model/literal-search.ts) must
// find exactly what the automaton finds in the same values fed in the same parts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexOfScan, LiteralScan, literalSearch } from '../../src/model/literal-search.js';

const alphabet = fc.constantFrom('a', 'b', 'A', ' ', '.', '\n', 'é', '\u212a', '\ud83d', '\ude00', 'σ');
const str = (min: number, max: number): fc.Arbitrary<string> => fc.array(alphabet, { minLength: min, maxLength: max }).map((xs) => xs.join(''));

describe('IndexOfScan', () => {
  it('fed value by value, in parts or whole, finds what the automaton finds, and stops as it does', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(str(1, 4), { minLength: 1, maxLength: 4 }),
        // Each value: its parts, and whether it is fed by value() (its last part) or part()s then end().
        fc.array(fc.record({ parts: fc.array(str(0, 6), { maxLength: 4 }), whole: fc.boolean() }), { maxLength: 6 }),
        (literals, values) => {
          const auto = new LiteralScan();
          auto.start(literalSearch(literals, false));
          const direct = new IndexOfScan();
          direct.start(literals);
          for (const { parts, whole } of values) {
            const feed = (sink: LiteralScan | IndexOfScan): void => {
              if (whole && parts.length > 0) {
                for (const p of parts.slice(0, -1)) sink.part(p);
                sink.value(parts[parts.length - 1] as string);
              } else {
                for (const p of parts) sink.part(p);
                sink.end();
              }
            };
            feed(auto);
            feed(direct);
          }
          const want = [...auto.found.slice(0, literals.length)];
          expect([...direct.found.slice(0, literals.length)], `${JSON.stringify(literals)} in ${JSON.stringify(values)}`).toEqual(want);
          expect(direct.done).toBe(want.every((v) => v === 1));
        },
      ),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('is reusable: start() forgets the previous search, including a value left open', () => {
    const scan = new IndexOfScan();
    scan.start(['needle', 'pin']);
    scan.part('a nee');
    scan.start(['dle']);
    expect(scan.value('dle')).toBe(false);
    expect([...scan.found.slice(0, 1)]).toEqual([1]);
    scan.start(['needle', 'pin']);
    expect(scan.part('nee')).toBe(true);
    expect(scan.part('dle')).toBe(true);
    expect(scan.end()).toBe(true);
    expect(scan.value('a pin')).toBe(false);
    expect([...scan.found.slice(0, 2)]).toEqual([1, 1]);
    expect(scan.done).toBe(true);
  });
});
