// The page: bundle sizes, and how soon the first report appears after a 100 KB log is pasted, in headless Chromium
// from file:// (cold: a fresh page, the demangler's WASM still compiling; warm: the same page again). Baseline: the
// same pipeline (analyzePage) in Node on the same text, measured in this run.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtinSignatures } from '../src/diagnose/read-signatures.js';
import { installNodeCxxBackend } from '../src/demangle/cxx-node.js';
import { analyzePage } from '../src/web/analyze.js';
// @ts-expect-error: a plain ES module script without types
import { buildWeb } from '../scripts/build-web.mjs';
import { launch } from '../test/web/browser.js';

const root = fileURLToPath(new URL('../', import.meta.url));

/** About 100 KB of real-shaped log: the founding case's crash report and kernel log, repeated. */
function log100k(): string {
  const one = `${readFileSync(`${root}samples/founding-case/dext-crash.ips`, 'utf8')}\n${readFileSync(`${root}samples/founding-case/kernel.log`, 'utf8')}\n`;
  let text = '';
  while (text.length < 100 * 1024) text += one;
  return text;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export default async function bench(): Promise<void> {
  const sizes = (await buildWeb()) as Record<string, number>;
  const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
  const page = Object.entries(sizes).filter(([f]) => f !== 'cxx-demangle.js').reduce((n, [, s]) => n + s, 0);
  console.log(`bundle: app.js ${kb(sizes['app.js']!)}, page total without the WASM ${kb(page)} (limit 2048 KB); cxx-demangle.js (WASM as base64) ${kb(sizes['cxx-demangle.js']!)}`);

  const text = log100k();
  installNodeCxxBackend();
  const sigs = builtinSignatures().signatures;
  const node: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    await analyzePage({ files: [], paste: text }, sigs);
    node.push(performance.now() - t0);
  }

  const browser = await launch();
  const url = pathToFileURL(`${root}dist/web/index.html`).href;
  const cold: number[] = [];
  const warm: number[] = [];
  let reports = 0;
  const parts: number[][] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const p = await browser.newPage();
      await p.goto(url);
      const paste = (t: string): Promise<{ ms: number; reports: number; timing: string }> =>
        p.evaluate(async (t) => {
          const before = Number(document.body.dataset['runs'] ?? '0');
          const ta = document.getElementById('paste') as HTMLTextAreaElement;
          const t0 = performance.now();
          ta.value = t;
          ta.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste' }));
          while (Number(document.body.dataset['runs'] ?? '0') <= before) await new Promise((r) => setTimeout(r, 1));
          await new Promise((r) => requestAnimationFrame(() => r(undefined))); // the report is on screen
          return { ms: performance.now() - t0, reports: Number(/^(\d+) report/.exec(document.getElementById('status')!.textContent ?? '')?.[1] ?? 0), timing: document.body.dataset['timing'] ?? '' };
        }, t);
      const c = await paste(text);
      cold.push(c.ms);
      reports = c.reports;
      const w = await paste(`${text}\n`);
      warm.push(w.ms);
      parts.push(w.timing.split('/').map(Number));
      await p.close();
    }
  } finally {
    await browser.close();
  }
  if (browser.problems.length > 0) throw new Error(`page problems: ${browser.problems.join('; ')}`);
  const base = median(node);
  console.log(`first report, ${kb(text.length)} log (${reports} reports), Node baseline (analyzePage)   median ${base.toFixed(0)} ms`);
  console.log(`first report in Chromium, fresh page (WASM compiling)          median ${median(cold).toFixed(0)} ms (${(median(cold) / base).toFixed(1)}x baseline; target < 1000 ms)`);
  console.log(`report in Chromium, same page again                            median ${median(warm).toFixed(0)} ms (${(median(warm) / base).toFixed(1)}x baseline)`);
  console.log(`  of which the pipeline ${median(parts.map((p) => p[1] ?? 0)).toFixed(0)} ms, the report into the page ${median(parts.map((p) => p[2] ?? 0)).toFixed(0)} ms; the rest is the browser's layout and paint`);
}
