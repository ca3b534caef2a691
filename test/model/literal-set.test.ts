// A LiteralSet answers by indexOf until that has cost about what its automaton costs to build, then
// by the automaton (src/model/literal-search.ts): whichever way, and when it switches in the middle
// of a value, it finds exactly the literals the automaton finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiteralScan, literalSearch, literalSet, literalsIn, WORK_PER_STATE } from '../../src/model/literal-search.js';

const alphabet = fc.constantFrom('a', 'b', 'A', 'B', ' ', '.', 'é', 'É', '\u212a', 'k', 'K', 'σ');
const str = (min: number, max: number): fc.Arbitrary<string> => fc.array(alphabet, { minLength: min, maxLength: max }).map((xs) => xs.join(''));
/** Case-insensitive literals are ASCII (compile-rules.ts keeps them so); upper case is allowed here. */
const literalsOf = (raw: string[], ci: boolean): string[] => [...new Set(raw.map((l) => (ci ? l.replace(/[^\x01-\x7f]/g, 'b') : l)))];

describe('LiteralSet', () => {
  it('fed value by value in parts, finds what the automaton finds, with or without switching part-way', () => {
    fc.assert(
      fc.property(
        fc.array(str(1, 4), { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(str(0, 6), { maxLength: 4 }), { maxLength: 6 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 400 }),
        (raw, values, ci, budget) => {
          const literals = literalsOf(raw, ci);
          const auto = new LiteralScan();
          auto.start(literalSearch(literals, ci));
          for (const parts of values) {
            for (const p of parts) auto.part(p);
            auto.end();
          }
          const want = [...auto.found.slice(0, literals.length)];
          const set = literalSet(literals, ci);
          set.budget = budget;
          const scan = new LiteralScan();
          // Twice: the second search may start with the automaton the first one built.
          for (let round = 0; round < 2; round++) {
            scan.start(set);
            for (const parts of values) {
              for (const p of parts) scan.part(p);
              scan.end();
            }
            expect([...scan.found.slice(0, literals.length)], `${JSON.stringify(literals)} in ${JSON.stringify(values)} (ci ${ci}, budget ${budget})`).toEqual(want);
            expect(scan.done).toBe(want.every((v) => v === 1));
          }
        },
      ),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('builds its automaton only once searching has cost about as much, and then keeps it', () => {
    const literals = ['needle', 'other thing', 'third'];
    const set = literalSet(literals);
    const text = `${'hay '.repeat(200)}needle`;
    let searches = 0;
    while (set.search === undefined) {
      expect([...literalsIn(set, text)]).toEqual([1, 0, 0]);
      searches++;
      expect(searches).toBeLessThan(1000);
    }
    // The budget is 22 literal characters × WORK_PER_STATE; a search costs 2 literals still missing × (text + 16).
    const perSearch = 2 * (text.length + 16);
    const expected = Math.floor((22 * WORK_PER_STATE) / perSearch) + 1;
    expect(searches).toBeGreaterThanOrEqual(expected);
    expect(searches).toBeLessThanOrEqual(expected + 1);
    const built = set.search;
    expect([...literalsIn(set, 'a third and an other thing')]).toEqual([0, 1, 1]);
    expect(set.search).toBe(built);
  });
});
