import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/index.js';
import { corpusBytes, corpusManifest, hasCorpus } from '../helpers/corpus.js';

/** The report kind each manifest kind implies (issue 2, "Done when"). */
const EXPECTED_KIND: Record<string, string | undefined> = {
  ips309: 'crash',
  'crash-text': 'crash',
  ips210: 'panic',
  'panic-text': 'panic',
  'panic-string': 'panic',
  ips298: 'jetsam',
  ips288: 'stackshot',
  kernlog: 'kernel-log',
};

describe.skipIf(!hasCorpus)('corpus: every real log reads through the front door', () => {
  for (const entry of corpusManifest()) {
    it(`${entry.file} (${entry.kind})`, () => {
      const { reports, errors } = ingestBytes(corpusBytes(entry.file), entry.file);
      expect(errors).toEqual([]);
      // Each corpus file holds one report: more means the splitter cut a report apart.
      expect(reports).toHaveLength(1);
      const expected = EXPECTED_KIND[entry.kind];
      if (expected) expect(reports[0]?.kind).toBe(expected);
      else expect(reports[0]?.kind).toBeDefined();
      for (const r of reports) expect(r.source.path).toBe(entry.file);
    });
  }
});
