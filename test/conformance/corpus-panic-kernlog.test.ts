/**
 * Every corpus panic text parses to a panic with a message; every corpus kernel log to a kernel-log
 * report with events. Reads ../shared/corpus in place (never copied) and skips when it is absent.
 */
import { describe, expect, it } from 'vitest';
import { parsePanicText } from '../../src/ingest/panic-text/index.js';
import { parseKernelLog } from '../../src/ingest/kernel-log/index.js';
import { corpusFiles, corpusText, hasCorpus as present } from '../helpers/corpus.js';

const files = (prefix: string): string[] => corpusFiles((f) => f.startsWith(prefix));

describe.skipIf(!present)('corpus panic-* files', () => {
  for (const file of files('panic-')) {
    it(`${file} parses to a panic with a message, a backtrace and no slide warnings`, () => {
      const r = parsePanicText(corpusText(file), { path: file, startLine: 1, documentIndex: 0 });
      expect(r.kind).toBe('panic');
      expect(r.source.format).toBe('panic-text');
      expect(r.panic?.message?.length ?? 0).toBeGreaterThan(0);
      expect(r.panic?.backtrace.length ?? 0).toBeGreaterThan(0);
      expect(r.warnings.filter((w) => w.includes('disagree'))).toEqual([]);
    });
  }
});

describe.skipIf(!present)('corpus kernlog-* files', () => {
  for (const file of files('kernlog-')) {
    it(`${file} parses to a kernel-log report with events on their source lines`, () => {
      const r = parseKernelLog(corpusText(file), { path: file, startLine: 1, documentIndex: 0 });
      expect(r.kind).toBe('kernel-log');
      expect(r.source.format).toBe('kernel-log');
      expect(r.events.length).toBeGreaterThan(0);
      expect(r.events.every((e) => typeof e.line === 'number' && e.message.length > 0)).toBe(true);
      expect(r.warnings).toEqual([]);
    });
  }
});
