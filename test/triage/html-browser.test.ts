import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { incidentOptionsFor } from '../../src/diagnose/index.js';
import { runTriage } from '../../src/triage/node/run-triage.js';
import { titleBesideCause, type TriageDocument } from '../../src/triage/aggregate.js';
import { renderTriageHtml } from '../../src/triage/render/html.js';
import { CHROMIUM, openHtml, useChromium } from '../helpers/browser.js';

/** The triage view in real headless Chromium: no console error, no request; the charts, the bucket table, and sorting it. */
describe.skipIf(!existsSync(CHROMIUM))('triage HTML in headless Chromium', () => {
  const session = useChromium();

  it('a run over samples/: three charts, one row per bucket linking to its detail, columns sort both ways', async () => {
    const doc = await runTriage(['samples/'], { jobs: 1, pipeline: { symbolicator: 'none' }, incidentOptions: incidentOptionsFor(builtinSignatures().signatures) });
    const { page, watch } = await openHtml(session(), renderTriageHtml(doc));
    expect(await page.locator('h1').innerText()).toBe(`Triage: ${doc.summary.reports} reports in ${doc.summary.buckets} buckets`);
    // Charts: the time chart's bars in inline SVG; a bar per bucket (up to 15) and per OS version.
    expect(await page.locator('#chart-time svg rect.bar').count()).toBeGreaterThan(0);
    expect(await page.locator('#chart-buckets ol.bars li .bar').count()).toBe(Math.min(15, doc.buckets.length));
    const osVersions = new Set(doc.buckets.flatMap((b) => Object.keys(b.osVersions)));
    expect(await page.locator('#chart-os ol.bars li .bar').count()).toBe(Math.min(12, osVersions.size));
    expect(await page.locator('#chart-buckets ol.bars').isVisible()).toBe(true);

    const table = page.locator('table[data-role=buckets]');
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(doc.buckets.length);
    const counts = async (): Promise<number[]> => (await rows.locator('td:first-child').allInnerTexts()).map(Number);
    const byCount = doc.buckets.map((b) => b.count);
    expect(await counts()).toEqual(byCount);
    const head = (name: string) => table.locator('thead th', { hasText: name });
    await head('Count').locator('button').click();
    expect(await head('Count').getAttribute('aria-sort')).toBe('ascending');
    expect(await counts()).toEqual([...byCount].sort((a, b) => a - b));
    await head('Count').locator('button').click();
    expect(await head('Count').getAttribute('aria-sort')).toBe('descending');
    expect(await counts()).toEqual([...byCount].sort((a, b) => b - a));
    await head('Bucket').locator('button').click();
    expect(await head('Count').getAttribute('aria-sort')).toBeNull();
    const titles = await rows.locator('td:nth-child(2)').allInnerTexts();
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
    // A signature's bucket is named by its id there: its title is the likely cause beside it.
    expect(new Set(titles)).toEqual(new Set(doc.buckets.map((b) => titleBesideCause(b) ?? b.id)));
    expect(titles.some((t) => t.startsWith('sig-'))).toBe(true);

    // The filter shows the rows holding the text typed, in their cells or their processes, and says how many.
    const filter = page.locator('[data-role=filter]');
    expect(await filter.isVisible()).toBe(true);
    const visibleRows = async (): Promise<number> => (await rows.evaluateAll((trs) => trs.filter((tr) => !(tr as HTMLElement).hidden).length)) as number;
    const lumen = doc.buckets.filter((b) => 'Lumen' in b.processes).length;
    expect(lumen).toBeGreaterThan(0);
    await filter.fill('lumen');
    expect(await visibleRows()).toBe(lumen);
    expect(await page.locator('[data-role=shown]').innerText()).toBe(`${lumen} of ${doc.buckets.length} buckets`);
    await filter.fill('no such text anywhere');
    expect(await visibleRows()).toBe(0);
    await filter.fill('');
    expect(await visibleRows()).toBe(doc.buckets.length);
    expect(await page.locator('[data-role=shown]').innerText()).toBe('');

    // A row's link leads to that bucket's detail on the page.
    const first = doc.buckets[0];
    expect(first).toBeDefined();
    if (first) {
      await table.locator(`a[href="#bucket-${first.id}"]`).click();
      expect(await page.evaluate(() => location.hash)).toBe(`#bucket-${first.id}`);
      expect(await page.locator(`#bucket-${first.id} h3`).innerText()).toBe(first.title);
    }
    expect(watch.errors).toEqual([]);
    expect(watch.requests).toEqual([]);
    await page.close();
  }, 60_000);

  it('reads at any width: chart labels at the type size, no sideways scrolling of the page, however long the texts', async () => {
    const doc = await runTriage(['samples/'], { jobs: 1, pipeline: { symbolicator: 'none' }, incidentOptions: incidentOptionsFor(builtinSignatures().signatures) });
    // What real runs give: a symbol-length title, a long fingerprint and culprit, a deep example path.
    const long = `RTBuddy(ACIO0)::_setManagedStateGated${'X'.repeat(120)}`;
    const wide: TriageDocument = {
      ...doc,
      buckets: doc.buckets.map((b, i) =>
        i === 0
          ? { ...b, title: long, fingerprint: `v2|panic|${long}|${long}`, examples: [`/Users/qa/${'deeply-nested-folder/'.repeat(12)}report.ips`], culprit: { kind: 'kext', name: 'com.example.driver.averyveryverylongname' } }
          : b,
      ),
    };
    const { page } = await openHtml(session(), renderTriageHtml(wide));
    for (const width of [1280, 800, 420]) {
      await page.setViewportSize({ width, height: 900 });
      const m = await page.evaluate(() => {
        const h = (sel: string) => Math.min(...[...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect().height));
        return { scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, barLabel: h('#chart-buckets .name a'), osLabel: h('#chart-os .name span'), axis: h('#chart-time .axis span') };
      });
      expect(m.scroll, `page width at ${width} px`).toBeLessThanOrEqual(m.client);
      // Labels as tall as the page's small text (an SVG scaled to a card of three drew them 5 px tall).
      for (const [what, px] of [['bucket label', m.barLabel], ['OS label', m.osLabel], ['time axis', m.axis]] as const) expect(px, `${what} at ${width} px`).toBeGreaterThanOrEqual(12);
    }
    await page.close();
  }, 60_000);
});
