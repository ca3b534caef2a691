/**
 * The reviewed table of what real logs get: the top diagnosis of every corpus document
 * (signatures/corpus-diagnoses.json, next to expected-matches.json). A change in what a real log is
 * diagnosed as shows up here and in review; `npm run signatures:check -- --update` rewrites the ids
 * and keeps the reasons. Skips when the corpus is absent.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnoseFile, tableId, type CorpusDiagnosisTable, type DiagnosedDocument } from '../../scripts/diagnose-documents.js';
import { corpusDir, corpusFiles, hasCorpus } from '../helpers/corpus.js';
import { repoRoot } from '../helpers/diagnose.js';

const table = JSON.parse(readFileSync(`${repoRoot}signatures/corpus-diagnoses.json`, 'utf8')) as CorpusDiagnosisTable;
const files = corpusFiles((f) => f !== 'MANIFEST.json' && f !== 'README.md');
const docs: DiagnosedDocument[] = files.flatMap((f) => diagnoseFile(`${corpusDir}${f}`, f));
/** The share of corpus documents whose top diagnosis must be specific. */
const SPECIFIC_SHARE = 0.95;

describe.skipIf(!hasCorpus)('corpus diagnosis table', () => {
  it.each(docs.map((d) => [d.key, d] as const))('%s gets its reviewed top diagnosis', (key, d) => {
    const row = table.documents[key];
    expect(row, `${key} is not in signatures/corpus-diagnoses.json: review it and run npm run signatures:check -- --update`).toBeDefined();
    const top = d.report.diagnoses?.[0];
    expect(tableId(top)).toBe(row?.top);
    if (top?.generic) {
      expect(row?.why, `${key}: a generic top diagnosis needs the reviewed reason why nothing more can be said`).toMatch(/^(?!TODO$).{20,}/);
      expect(top.causes.join(' ')).toMatch(/Nothing more can be said/);
    }
  });

  it('lists no document the corpus no longer has', () => {
    const keys = new Set(docs.map((d) => d.key));
    expect(Object.keys(table.documents).filter((k) => !keys.has(k))).toEqual([]);
  });

  it(`gives at least ${SPECIFIC_SHARE * 100}% of the documents a specific top diagnosis`, () => {
    const specific = docs.filter((d) => d.report.diagnoses?.[0]?.generic !== true).length;
    expect(specific / docs.length, `${specific} of ${docs.length} specific`).toBeGreaterThanOrEqual(SPECIFIC_SHARE);
  });

  it('gives every document a diagnosis whose text states a cause', () => {
    for (const d of docs) {
      const top = d.report.diagnoses?.[0];
      expect(top, d.key).toBeDefined();
      expect(top?.causes.length, d.key).toBeGreaterThan(0);
      expect(top?.title.length, d.key).toBeGreaterThan(10);
    }
  });
});
