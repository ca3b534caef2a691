import { describe, expect, it } from 'vitest';
import { ingestText } from '../../../src/ingest/index.js';
import { readRepo } from './helpers.js';

const ingest = (rel: string) => ingestText(readRepo(rel), rel);

describe('crash text through the ingest front door', () => {
  it('detects and parses both crash samples', () => {
    for (const rel of ['samples/crash-ios-arm64.crash', 'samples/crash-macos-x86_64.crash']) {
      const res = ingest(rel);
      expect(res.errors).toEqual([]);
      expect(res.reports.map((r) => [r.source.format, r.kind])).toEqual([['crash-text', 'crash']]);
    }
  });

  it('keeps a spindump whole instead of splitting it at each sampled Process: section', () => {
    const res = ingest('test/fixtures/crash-text/spindump-hang.txt');
    expect(res.reports.map((r) => [r.kind, r.process.name])).toEqual([['other', 'Notewell']]);
  });

  it('still splits two crash reports pasted one after the other', () => {
    const res = ingestText(`${readRepo('samples/crash-ios-arm64.crash')}\n${readRepo('test/fixtures/crash-text/plcrash-like.crash').replace(/^Hardware Model:.*\n/, '')}`, 'paste');
    expect(res.reports.map((r) => r.process.name)).toEqual(['Trailmark', 'Quillpad']);
  });

  it('recognises a crash report that lost its line breaks', () => {
    const res = ingest('test/fixtures/crash-text/collapsed-whitespace.txt');
    expect(res.errors).toEqual([]);
    expect(res.reports[0]).toMatchObject({ kind: 'crash', process: { name: 'Tally' } });
  });

  it('reads a Console translated report whose full report could not be loaded', () => {
    const res = ingest('test/fixtures/crash-text/translated-report.txt');
    expect(res.reports).toHaveLength(1);
    expect(res.reports[0]).toMatchObject({ kind: 'crash', process: { name: 'Framer', translated: true } });
  });
});
