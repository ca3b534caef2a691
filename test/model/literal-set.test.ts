// A LiteralSet answers by indexOf until that has cost about what its automaton costs to build, then
// by the automaton (src/model/literal-search.ts): whichever way, and when it switches in the middle
// of a value, it finds exactly the literals the automaton finds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiteralScan, literalSearch, literalSet, literalsIn, SEARCHES_BEFORE_BUILD, WORK_PER_STATE } from '../../src/model/literal-search.js';

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

  it('builds its automaton for the search after its first SEARCHES_BEFORE_BUILD, and then keeps it', () => {
    const set = literalSet(['needle', 'other thing', 'third']);
    for (let i = 1; i <= SEARCHES_BEFORE_BUILD; i++) {
      expect([...literalsIn(set, 'hay and a needle')]).toEqual([1, 0, 0]);
      expect(set.search).toBeUndefined();
    }
    expect([...literalsIn(set, 'a third and an other thing')]).toEqual([0, 1, 1]);
    const built = set.search;
    expect(built).toBeDefined();
    expect([...literalsIn(set, 'needle')]).toEqual([1, 0, 0]);
    expect(set.search).toBe(built);
  });

  it('builds it within one search of many values once indexOf has cost about as much', () => {
    const set = literalSet(['needle', 'other thing', 'third']);
    const scan = new LiteralScan();
    scan.start(set);
    // Each value costs 3 literals × (40 + 16) of work; the budget is 22 literal characters × WORK_PER_STATE.
    const value = 'x'.repeat(40);
    const before = Math.floor((22 * WORK_PER_STATE) / (3 * (value.length + 16)));
    for (let i = 0; i <= before; i++) scan.value(value);
    expect(set.search).toBeUndefined();
    scan.value(value);
    expect(set.search).toBeDefined();
    scan.value('the needle');
    expect([...scan.found.slice(0, 3)]).toEqual([1, 0, 0]);
  });
});
