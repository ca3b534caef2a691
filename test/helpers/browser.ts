import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Debian's chromium (installed by .ci/run), headless, a fresh profile, no background traffic. */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** One browser per test file: launching costs far more than a page. */
export async function launchChromium(): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'paniclens-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Inside a describe: one browser for its tests, launched before them and closed after. */
export function useChromium(): () => BrowserSession {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    session = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await session?.close();
  });
  return () => session as BrowserSession;
}

/** What a page did while loading: console errors and uncaught exceptions, and every request other than the page itself. */
export interface PageWatch {
  errors: string[];
  requests: string[];
}

/** Open an HTML document as a page (nothing served, so any request it makes is its own) and record errors and requests. */
export async function openHtml(session: BrowserSession, html: string): Promise<{ page: Page; watch: PageWatch }> {
  const page = await session.context.newPage();
  const watch: PageWatch = { errors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') watch.errors.push(m.text());
  });
  page.on('pageerror', (e) => watch.errors.push(e.message));
  page.on('request', (r) => {
    if (r.url() !== 'about:blank') watch.requests.push(r.url());
  });
  await page.setContent(html, { waitUntil: 'load' });
  return { page, watch };
}
