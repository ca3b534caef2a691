/**
 * The accumulator keeps member diagnoses shared between reports, found by comparing in place
 * (sameMemberDiagnosis) instead of by their JSON text. Reference: each member's diagnoses as
 * JSON.parse(JSON.stringify(d without evidence, nextSteps and references)); the document must
 * serialise exactly the same, whatever the variants, their order and their key order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TriageAccumulator } from '../../src/triage/aggregate.js';
import type { Culprit, Diagnosis } from '../../src/model/diagnosis.js';
import type { ReportSummary } from '../../src/triage/summary.js';

const word = fc.constantFrom('a', 'b', 'kext', 'com.example.driver', 'Example Driver', '');
const culprit: fc.Arbitrary<Culprit> = fc.record(
  { kind: fc.constantFrom('kext', 'app-image', 'process'), name: fc.constantFrom('Foo', 'Bar'), bundleId: word, version: fc.constantFrom('1.0', '1.1'), apple: fc.boolean(), reason: word },
  { requiredKeys: ['kind', 'name'] },
) as fc.Arbitrary<Culprit>;

const diagnosis: fc.Arbitrary<Diagnosis> = fc
  .record(
    {
      id: fc.constantFrom('sig-a', 'sig-b'),
      title: fc.constantFrom('Title A', 'Title B'),
      category: fc.constantFrom('crash', 'panic'),
      confidence: fc.constantFrom(0.5, 0.9, 0, -0),
      generic: fc.boolean(),
      grouping: fc.constantFrom(true),
      evidence: fc.constant([]),
      causes: fc.array(word, { maxLength: 3 }),
      nextSteps: fc.constant([]),
      references: fc.constant([]),
      culprit,
      implicated: fc.array(culprit, { maxLength: 2 }),
    },
    { requiredKeys: ['id', 'title', 'category', 'confidence', 'evidence', 'causes', 'nextSteps', 'references'] },
  )
  .chain(reordered);

/** `d` as it is, or with its properties in another order (the JSON, and so the comparison, keeps the order). */
function reordered(d: Diagnosis): fc.Arbitrary<Diagnosis> {
  const keys = Object.keys(d);
  return fc.oneof(fc.constant(d), fc.shuffledSubarray(keys, { minLength: keys.length }).map((order) => Object.fromEntries(order.map((k) => [k, (d as unknown as Record<string, unknown>)[k]])) as unknown as Diagnosis));
}

const reference = (d: Diagnosis): unknown => {
  const { evidence: _e, nextSteps: _n, references: _r, ...rest } = d;
  return JSON.parse(JSON.stringify(rest));
};

describe('member diagnoses kept by the accumulator', () => {
  it('serialise as each report’s own diagnoses (without evidence, next steps, references)', () => {
    fc.assert(
      // A few distinct diagnoses, met again and again (as in a batch), in any key order.
      fc.property(fc.array(diagnosis, { minLength: 1, maxLength: 4 }).chain((pool) => fc.array(fc.array(fc.constantFrom(...pool).chain(reordered), { maxLength: 3 }), { minLength: 1, maxLength: 30 })), (perReport) => {
        const acc = new TriageAccumulator();
        perReport.forEach((diagnoses, i) => {
          const s: ReportSummary = {
            ref: `/r/${String(i).padStart(3, '0')}.crash`,
            path: `/r/${String(i).padStart(3, '0')}.crash`,
            kind: 'crash',
            bucket: { id: 'fp-1', fingerprint: 'fp', title: 'b' },
            member: { kind: 'crash', keys: ['com.example.app', 'app'], diagnoses },
          };
          acc.addFile([s]);
        });
        const members = acc.result().members;
        expect(JSON.stringify(members.map((m) => m.diagnoses))).toBe(JSON.stringify(perReport.map((ds) => ds.map(reference))));
      }),
      { numRuns: 300 },
    );
  });
});
