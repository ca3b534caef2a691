import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIps } from '../../src/ingest/ips/index.js';
import type { ReportKind } from '../../src/model/report.js';
import { corpusDir, corpusManifest, hasCorpus } from '../helpers/corpus.js';

const KIND_OF: Record<string, ReportKind> = { ips309: 'crash', ips210: 'panic', ips298: 'jetsam', ips288: 'stackshot' };

/** bug_type named in an other-ips file name ("other-ips109-…"), and the kind it must give regardless of the text parser. */
function otherIps(file: string): { bugType: string; kind?: ReportKind } {
  const bugType = /^other-ips(\d+)-/.exec(file)?.[1] ?? '';
  const kind: ReportKind | undefined = bugType === '109' ? 'crash' : bugType === '188' ? 'stackshot' : undefined;
  return kind ? { bugType, kind } : { bugType };
}

describe.skipIf(!hasCorpus)('corpus .ips files parse to the kind the manifest implies', () => {
  const files = corpusManifest().filter((e) => e.file.startsWith('ips') || e.file.startsWith('other-ips'));

  it('finds the .ips files of the manifest', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const entry of files) {
    it(`${entry.file} (${entry.kind})`, () => {
      const text = readFileSync(`${corpusDir}${entry.file}`, 'utf8');
      const r = parseIps(text, { path: entry.file, startLine: 1, documentIndex: 0 });
      expect(r.source.format).toBe('ips');
      const expected = KIND_OF[entry.kind];
      if (expected) {
        expect(r.kind).toBe(expected);
        if (expected === 'crash') expect(r.threads.length).toBeGreaterThan(0);
        if (expected === 'panic') expect(r.panic?.panicString).toMatch(/\S/);
        if (expected === 'jetsam') expect(r.jetsam).toBeDefined();
      } else {
        const other = otherIps(entry.file);
        expect(r.source.bugType).toBe(other.bugType);
        if (other.kind) expect(r.kind).toBe(other.kind);
      }
    });
  }
});
