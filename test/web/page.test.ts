// The page in headless Chromium, served by `paniclens web` and opened from file://: one browser for the whole file.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { buildWeb } from '../../scripts/build-web.mjs';
import { repoRoot } from '../helpers/run-cli.js';
import { dropFiles, launch, type Browser } from './browser.js';

const pageDir = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const founding = `${repoRoot}samples/founding-case/`;
const reports = `${repoRoot}test/fixtures/symbolicate/reports/`;
const macho = `${repoRoot}test/fixtures/macho/out/`;

let browser: Browser;
let server: ChildProcess;
let origin: string;
let serverOutput = '';

async function openPage(url = origin): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('#paste');
  return page;
}

/** Waits for the analysis that follows the `action` (the page counts its runs on <body data-runs>). */
async function afterRun(page: Page, action: () => Promise<void>): Promise<void> {
  const before = Number((await page.getAttribute('body', 'data-runs')) ?? '0');
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset['runs'] ?? '0') > n && !/Analysing/.test(document.getElementById('status')!.textContent ?? ''), before);
}

beforeAll(async () => {
  const sizes = (await buildWeb()) as Record<string, number>;
  expect(Object.keys(sizes)).toEqual(['app.js', 'cxx-demangle.js', 'favicon.svg', 'index.html', 'style.css']);
  browser = await launch();
  server = spawn(process.execPath, [`${repoRoot}dist/cli/main.cjs`, 'web', '--no-open', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  origin = await new Promise<string>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => {
      serverOutput += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(serverOutput);
      if (m) resolve(m[0]);
    });
    server.stderr!.on('data', (d: Buffer) => reject(new Error(d.toString())));
    server.on('exit', (code) => reject(new Error(`paniclens web exited with ${code}`)));
  });
}, 60_000);

afterAll(async () => {
  if (server.exitCode === null) server.kill('SIGINT');
  await browser?.close();
});

describe('paniclens web', () => {
  it('serves the page on 127.0.0.1 with a policy that allows no other origin', async () => {
    expect(serverOutput).toMatch(/^paniclens: the page is at http:\/\/127\.0\.0\.1:\d+\/ /);
    const res = await fetch(origin);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect((await res.text()).includes('http-equiv="Content-Security-Policy"')).toBe(true);
    expect((await fetch(`${origin}..%2fcli%2fmain.cjs`)).status).toBe(404);
    expect((await fetch(`${origin}favicon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('pasting the founding case shows the OnQueue diagnosis, its IOClass / CFBundleIdentifierKernel fix and the crash loop', async () => {
    const page = await openPage();
    const text = `${readFileSync(`${founding}dext-crash.ips`, 'utf8')}\n${readFileSync(`${founding}kernel.log`, 'utf8')}`;
    await afterRun(page, () => page.fill('#paste', text));
    const report = page.locator('#report .report-main');
    // Headings and lists carry the answer: the incident with its crash loop, the likely cause, the fix first.
    expect(await report.getByRole('heading', { level: 2 }).first().innerText()).toBe('Incident 1: com.example.driver.SCSIController crash loop: 5 crashes over 5 min 20 s');
    expect(await report.locator('[data-role="cause"]').first().innerText()).toBe(
      'DriverKit runtime assertion in OSMetaClassBase::Invoke: a synchronous call reached the dext off its queue',
    );
    expect(await report.locator('ol[data-role="next-steps"] li').first().innerText()).toMatch(
      /set IOClass to IOUserSCSIParallelInterfaceController and CFBundleIdentifierKernel to com\.apple\.iokit\.IOSCSIParallelFamily/,
    );
    expect(await page.locator('#status').innerText()).toMatch(/^2 reports, 1 incident/);
    // The README's picture of the page: made by this run, written over the committed one only on
    // request (UPDATE_SCREENSHOT=1), so an ordinary test run leaves the work tree clean.
    const shot = await page.screenshot();
    expect(shot.length).toBeGreaterThan(10_000);
    if (process.env.UPDATE_SCREENSHOT) {
      mkdirSync(`${repoRoot}docs`, { recursive: true });
      writeFileSync(`${repoRoot}docs/web-screenshot.png`, shot);
    }

    // A dropped dext bundle (a folder) is linted and its exact fixes lead the next steps.
    await afterRun(page, () => page.setInputFiles('#folder-input', `${founding}SCSIController.dext`));
    expect(await page.locator('#inputs').innerText()).toMatch(/SCSIController\.dext — dext, linted \(com\.example\.driver\.SCSIController\)/);
    expect(await report.locator('ol[data-role="next-steps"] li').first().innerText()).toBe(
      'Set IOClass to IOUserSCSIParallelInterfaceController in the "SCSIController" personality of Info.plist (lint L07)',
    );

    // JSON a click away: the clipboard gets the schema-1 document.
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await page.click('#copy-json');
    await page.waitForFunction(() => /JSON copied/.test(document.getElementById('status')!.textContent ?? ''));
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as { schemaVersion: number; incidents: { loop?: { count: number } }[] };
    expect(copied.schemaVersion).toBe(1);
    expect(copied.incidents.some((i) => i.loop?.count === 5)).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-md')]);
    expect(download.suggestedFilename()).toBe('paniclens-report.md');
    expect(readFileSync((await download.path())!, 'utf8')).toMatch(/^# paniclens report\n\n\*\*com\.example\.driver\.SCSIController crash loop: 5 crashes/);
    await page.close();
  });

  it('the redaction switch masks personal data in the report and in everything copied or downloaded', async () => {
    const page = await openPage();
    await afterRun(page, () => dropFiles(page, '#dropzone', [{ name: 'personal-crash.crash', bytes: readFileSync(`${repoRoot}test/fixtures/redact/personal-crash.crash`) }]));
    const report = page.locator('#report .report-main');
    expect(await report.innerText()).toContain('/Users/jappleseed/');
    await page.check('#redact');
    await page.waitForFunction(() => /^Redacted/.test(document.getElementById('status')!.textContent ?? ''));
    const shown = await report.innerText();
    expect(shown).not.toMatch(/jappleseed|Johnnys-MacBook-Pro|192\.168\.1\.23|a4:83:e7/);
    expect(shown).toContain('<user-1>');
    await page.click('#copy-md');
    await page.waitForFunction(() => /Markdown copied/.test(document.getElementById('status')!.textContent ?? ''));
    const md = await page.evaluate(() => navigator.clipboard.readText());
    expect(md).not.toMatch(/jappleseed|Johnnys-MacBook-Pro|192\.168\.1\.23|a4:83:e7/);
    expect(md).toContain('<user-1>');
    const [html] = await Promise.all([page.waitForEvent('download'), page.click('#download-html')]);
    expect(readFileSync((await html.path())!, 'utf8')).not.toContain('jappleseed');
    await page.uncheck('#redact');
    expect(await report.innerText()).toContain('/Users/jappleseed/');
    await page.close();
  });

  it('dropping a crash report with its dSYM shows the function names from the dSYM', async () => {
    const page = await openPage();
    await afterRun(page, () => page.setInputFiles('#folder-input', `${macho}App/arm64/App.dSYM`));
    await afterRun(page, () => dropFiles(page, '#dropzone', [{ name: 'App-arm64.ips', bytes: readFileSync(`${reports}App-arm64.ips`) }]));
    const frames = await page.locator('#report .report-main').allInnerTexts();
    const text = frames.join('\n');
    for (const fn of ['store_value', 'main + 24', 'die_now + 40']) expect(text).toContain(fn);
    expect(await page.locator('#inputs').innerText()).toMatch(/App\.dSYM\/Contents\/Resources\/DWARF\/App — dSYM for symbols: arm64 /);
    await page.close();
  });

  it('a file that cannot be used is named with its reason while the others still render', async () => {
    const page = await openPage();
    await afterRun(page, () =>
      dropFiles(page, '#dropzone', [
        { name: 'kernel.log', bytes: readFileSync(`${founding}kernel.log`) },
        { name: 'garbage.ips', bytes: Uint8Array.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x11]) },
        { name: 'empty.crash', bytes: new Uint8Array() },
      ]),
    );
    const problems = page.locator('#problems');
    expect(await problems.getByRole('heading').innerText()).toBe('2 inputs could not be used');
    expect(await problems.locator('li').allInnerTexts()).toEqual([
      'garbage.ips: binary file, not a text log (expected .ips, .crash, .panic or log text)',
      'empty.crash: empty input',
    ]);
    expect(await page.locator('#report .report-main').innerText()).toMatch(/Kernel log excerpt/);
    // Each input can be taken out again on its own.
    await afterRun(page, () => page.getByRole('button', { name: 'Remove garbage.ips' }).click());
    expect(await problems.locator('li').allInnerTexts()).toEqual(['empty.crash: empty input']);
    await page.close();
  });

  it('works as static files opened from file://', async () => {
    const page = await openPage(pathToFileURL(`${pageDir}index.html`).href);
    await afterRun(page, () => page.fill('#paste', readFileSync(`${founding}dext-crash.ips`, 'utf8')));
    expect(await page.locator('#report .report-main').innerText()).toMatch(/OSMetaClassBase::Invoke/);
    // C++ names in a pasted report demangle with the WASM loaded from the page's own files.
    expect(await page.locator('#problems').innerText()).toBe('');
    await page.close();
  });

  it('is usable from the keyboard: the text area and the file buttons are in the tab order and Enter opens the file picker', async () => {
    const page = await openPage();
    await page.bringToFront(); // keyboard focus and the file picker belong to the front tab
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    expect(order).toEqual(['paste', 'choose-files', 'choose-folder', 'clear']);
    expect(await page.getByLabel(/Paste one or more logs here/).evaluate((el) => el.id)).toBe('paste');
    // The button hands the press to the multiple-file input (its dialog is suppressed here: a test cannot answer it).
    await page.evaluate(() =>
      document.getElementById('file-input')!.addEventListener('click', (e) => {
        e.preventDefault();
        document.body.dataset['picker'] = (e.target as HTMLInputElement).multiple ? 'multiple' : 'single';
      }),
    );
    await page.focus('#choose-files');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.body.dataset['picker'] === 'multiple');
    await page.close();
  });

  it('logged no console error and requested nothing outside the page', () => {
    expect(browser.problems).toEqual([]);
    const fileOrigin = pathToFileURL(pageDir).href;
    const outside = browser.requests.filter((u) => !u.startsWith(origin) && !u.startsWith(fileOrigin) && !u.startsWith('blob:') && !u.startsWith('data:'));
    expect(outside).toEqual([]);
    expect(browser.requests.some((u) => u === `${origin}favicon.svg`)).toBe(true);
  });

  it('stops cleanly on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    server.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(serverOutput).toMatch(/paniclens: stopped\n$/);
  });
});
