import { describe, expect, it } from 'vitest';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { incidentOptionsFor } from '../../src/diagnose/index.js';
import { runTriage } from '../../src/triage/node/run-triage.js';
import { renderTriageHtml } from '../../src/triage/render/html.js';
import type { TriageDocument } from '../../src/triage/aggregate.js';
import { expectValidTriageJson } from '../helpers/report-schema.js';

const incidentOptions = incidentOptionsFor(builtinSignatures().signatures);
const run = async (paths: string[]): Promise<TriageDocument> => {
  const doc = await runTriage(paths, { jobs: 1, pipeline: { symbolicator: 'none' }, incidentOptions });
  expectValidTriageJson(doc, `triage of ${paths.join(' ')}`);
  return doc;
};

describe('triage --format html', () => {
  it('draws the three charts, one table row and one detail per bucket, each row linking to its detail', async () => {
    const doc = await run(['samples/']);
    const html = renderTriageHtml(doc);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain(`${doc.summary.reports} reports`);
    expect(html).toMatch(/<figure class="chart" id="chart-time"><figcaption>[^<]+<\/figcaption><p class="note axis-top">\d+ max per (hour|day|\d+ days)<\/p><svg /);
    for (const id of ['chart-buckets', 'chart-os']) expect(html).toMatch(new RegExp(`<figure class="chart" id="${id}"><figcaption>[^<]+</figcaption><ol class="bars">`));
    // Each bucket bar links to its detail and carries its whole title (the label may be cut with an ellipsis).
    for (const b of doc.buckets.slice(0, 15)) expect(html).toContain(`<a href="#bucket-${b.id}" title="${b.title.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}">`);
    const table = /<table class="sortable" data-role="buckets">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    expect(table.match(/<tr[ >]/g)?.length).toBe(doc.buckets.length + 1);
    for (const b of doc.buckets) {
      expect(table).toContain(`<a href="#bucket-${b.id}">`);
      expect(html).toContain(`<article class="bucket" id="bucket-${b.id}">`);
      // The count cell sorts as a number.
      expect(table).toContain(`<td data-sort="${b.count}">${b.count}</td>`);
    }
    // The time chart has one bar per bin and counts every timed report.
    const timed = doc.members.filter((m) => m.timeMs !== undefined).length;
    expect(timed).toBeGreaterThan(0);
    expect(html).toContain(`${timed} of ${doc.summary.reports} reports had a readable time.`);
    // Self-contained: nothing refers to another origin.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('escapes what comes from the reports and bins a long span by wider steps rather than lumping it', async () => {
    const doc = await run(['samples/crash-macos-arm64.ips']);
    const b = doc.buckets[0];
    expect(b).toBeDefined();
    if (!b) return;
    const day = 86_400_000;
    const base = Date.UTC(2024, 0, 1);
    const hostile: TriageDocument = {
      ...doc,
      buckets: [{ ...b, title: '<script>alert(1)</script>', osVersions: { 'macOS "14" <b>': 1 } }],
      members: [0, 400, 800].map((d, i) => ({ ...(doc.members[0] as TriageDocument['members'][number]), ref: `r${i}`, timeMs: base + d * day })),
    };
    const html = renderTriageHtml(hostile);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('macOS &quot;14&quot; &lt;b&gt;');
    const bars = /<figure class="chart" id="chart-time">[\s\S]*?<\/figure>/.exec(html)?.[0] ?? '';
    // 801 days in bins of 3 days (aligned to the epoch, so one more may start before the first report):
    // at most 366 bars, and no bar holds two reports as a clamped tail would.
    const n = bars.match(/<rect class="bar lead"/g)?.length ?? 0;
    expect(n).toBeGreaterThanOrEqual(Math.floor(800 / 3) + 1);
    expect(n).toBeLessThanOrEqual(366);
    expect(bars).toContain('3 of');
    expect(bars).toContain('1 max');
  });
});
