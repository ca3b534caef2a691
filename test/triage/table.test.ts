import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { TriageAccumulator } from '../../src/triage/aggregate.js';
import { renderTriageHtml } from '../../src/triage/render/html.js';
import { renderTriageMarkdown } from '../../src/triage/render/markdown.js';
import { renderTriageTable, wrapCell } from '../../src/triage/render/table.js';
import type { ReportSummary } from '../../src/triage/summary.js';

const words = (text: string): string[] => text.split(/[ \n]/).filter((w) => w !== '');

describe('wrapCell (the triage table cells)', () => {
  it('keeps every character, fits every line, and splits no word that fits a line', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'B', '7', '-', '.', '/', '_', ':', 'é', '×', '界'), minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 8 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 2, max: 30 }), (paragraphs, width) => {
        const text = paragraphs.map((p) => p.join(' ')).join('\n');
        const out = wrapCell(text, width);
        const lines = out.split('\n');
        for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(width);
        // Only line breaks are added (at spaces, or inside words wider than a line): the characters are all there, in order.
        expect(words(out).join('')).toBe(words(text).join(''));
        // Each paragraph starts on a line of its own.
        expect(lines.length).toBeGreaterThanOrEqual(paragraphs.length);
        for (const w of words(text)) if (stringWidth(w) <= width) expect(lines.some((l) => l.split(' ').includes(w))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('breaks ids and bundle ids after a separator, and words only where they cannot fit', () => {
    expect(wrapCell('sig-dk-uioserver-invoke-onqueue-assert-187d12cf', 20)).toBe('sig-dk-uioserver-\ninvoke-onqueue-\nassert-187d12cf');
    expect(wrapCell('com.example.driver.SCSIController', 20)).toBe('com.example.driver.\nSCSIController');
    expect(wrapCell('DriverKit runtime assertion in OSMetaClassBase::Invoke', 21)).toBe('DriverKit runtime\nassertion in\nOSMetaClassBase::\nInvoke');
    expect(wrapCell('abcdefghij', 4)).toBe('abcd\nefgh\nij');
  });
});

describe('the triage renderers', () => {
  it('say how many crashes a bucket is when some of its reports are copies of one crash, and nothing otherwise', () => {
    const summary = (ref: string, incident: string, bucket: string): ReportSummary => ({
      ref,
      path: ref,
      kind: 'crash',
      bucket: { id: bucket, fingerprint: `v1|crash|${bucket}`, title: bucket },
      member: { kind: 'crash', keys: ['app'], name: 'App', incident, diagnoses: [] },
    });
    const acc = new TriageAccumulator({});
    for (const s of [summary('/r/a.ips', 'A', 'fp-dup'), summary('/r/a.crash', 'A', 'fp-dup'), summary('/r/b.ips', 'B', 'fp-dup'), summary('/r/c.ips', 'C', 'fp-one')]) acc.addReport(s);
    const doc = acc.result();
    expect(doc.buckets.map((b) => [b.id, b.count, b.crashes])).toEqual([['fp-dup', 3, 2], ['fp-one', 1, 1]]);
    expect(renderTriageTable(doc)).toContain('2 crashes: copies');
    // Once for the bucket with a copy, once for the app's incident (its four reports are three crashes), not for fp-one.
    expect(renderTriageTable(doc).match(/counted once/g)).toHaveLength(2);
    expect(renderTriageTable(doc)).toContain('  App: 4 reports (3 crashes: copies counted once)');
    expect(renderTriageMarkdown(doc)).toContain('| 3 (2 crashes) |');
    expect(renderTriageHtml(doc)).toContain('3 (2 crashes: copies of one crash counted once)');
  });

  it('show first and last seen to the minute in their tables, sorting by the whole time; the JSON keeps it whole', () => {
    const acc = new TriageAccumulator({});
    const at = (ref: string, iso: string): ReportSummary => ({ ref, path: ref, kind: 'crash', bucket: { id: 'fp-t', fingerprint: 'v2|crash|t', title: 't' }, timeMs: Date.parse(iso) });
    acc.addReport(at('/r/a.ips', '2019-10-22T14:03:16.244Z'));
    acc.addReport(at('/r/b.ips', '2022-09-18T06:28:37.345Z'));
    const doc = acc.result();
    expect([doc.buckets[0]?.firstSeen, doc.buckets[0]?.lastSeen]).toEqual(['2019-10-22T14:03:16.244Z', '2022-09-18T06:28:37.345Z']);
    expect(renderTriageMarkdown(doc)).toContain('| 2019-10-22 14:03 UTC | 2022-09-18 06:28 UTC |');
    expect(renderTriageHtml(doc)).toContain('<td data-sort="2019-10-22T14:03:16.244Z"><span class="day">2019-10-22</span> <span class="day">14:03 UTC</span></td>');
  });
});
