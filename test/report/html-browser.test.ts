import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/index.js';
import { analyzeInputs } from '../helpers/analyses.js';
import { CHROMIUM, openHtml, useChromium } from '../helpers/browser.js';
import { repoRoot } from '../helpers/run-cli.js';

const read = (path: string): { path: string; bytes: Uint8Array } => ({ path, bytes: new Uint8Array(readFileSync(`${repoRoot}${path}`)) });

/** The HTML report in real headless Chromium: it loads with no console error and no request, and shows the answer. */
describe.skipIf(!existsSync(CHROMIUM))('HTML report in headless Chromium', () => {
  const session = useChromium();

  it('a crash loop (the founding case): headline, cause with confidence, culprit, next steps, then each report', async () => {
    const analysis = await analyzeInputs([read('samples/founding-case/dext-crash.ips'), read('samples/founding-case/kernel.log')]);
    const { page, watch } = await openHtml(session(), renderHtml(analysis));
    expect(await page.locator('h1').innerText()).toBe('com.example.driver.SCSIController crash loop: 5 crashes over 5 min 20 s');
    const answer = page.locator('#incident-1 [data-role=answer]');
    expect(await answer.locator('[data-role=cause]').innerText()).toBe('DriverKit runtime assertion in OSMetaClassBase::Invoke: a synchronous call reached the dext off its queue');
    expect(await answer.locator('[data-role=confidence]').innerText()).toBe('99% confidence');
    expect(await answer.locator('[data-role=culprit]').innerText()).toBe('com.example.driver.SCSIController 1.4.2 (142) — third-party DriverKit extension; the fault happened in its code');
    const steps = await answer.locator('[data-role=next-steps] li').allInnerTexts();
    expect(steps[1]).toBe('Create and SetDispatchQueue every QUEUENAME queue in Start before calling super');
    // Said once: no report repeats the incident's answer.
    expect(await page.locator('[data-role=answer]').count()).toBe(1);
    expect(await page.locator('section.report').count()).toBe(2);
    expect(await page.locator('#report-1 h3', { hasText: 'Thread 0 (com.example.driver.SCSIController.default) crashed' }).count()).toBe(1);
    // The candidates chart is inline SVG with one bar per candidate.
    expect(await page.locator('#incident-1 svg.candidates g').count()).toBe(4);
    // On a phone's width nothing scrolls the page sideways: reference links, paths and bundle ids wrap.
    await page.setViewportSize({ width: 420, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(watch.errors).toEqual([]);
    expect(watch.requests).toEqual([]);
    await page.close();
  });

  it('a panic: cause, kext culprit, panic details, raw panic text folded, dark mode and print styles apply', async () => {
    const analysis = await analyzeInputs([read('samples/panic-applesilicon.ips')]);
    const { page, watch } = await openHtml(session(), renderHtml(analysis));
    expect(await page.locator('h1').innerText()).toBe('Kernel panic while running kernel_task');
    const answer = page.locator('#report-1 [data-role=answer]');
    expect(await answer.locator('[data-role=cause]').innerText()).toBe('Kernel data abort (bad pointer dereference in kernel code, arm64)');
    expect(await answer.locator('[data-role=culprit]').innerText()).toBe('com.example.driver.FastRAID 2.1.0 — third-party kernel extension; the fault happened in its code');
    expect(await answer.locator('[data-role=next-steps] li').count()).toBeGreaterThan(0);
    expect(await page.locator('table caption', { hasText: 'Kernel extensions in the backtrace' }).count()).toBe(1);
    const raw = page.locator('details', { has: page.locator('summary', { hasText: 'Raw panic text' }) });
    expect(await raw.locator('pre').isVisible()).toBe(false);
    await raw.locator('summary').click();
    expect(await raw.locator('pre').innerText()).toContain('Kernel data abort');
    // The kext table (UUIDs, address ranges) fits a phone's width too.
    await page.setViewportSize({ width: 420, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await bg();
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await bg()).not.toBe(light);
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await bg()).toBe(light);
    expect(watch.errors).toEqual([]);
    expect(watch.requests).toEqual([]);
    await page.close();
  });
});
